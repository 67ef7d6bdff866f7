"""Extraction benchmark: pages/s per core and text quality, on the sample site or on real pages.

Sample site (default): character 3-gram F1 of the cleaned text against the seed article body, plus the
number of chrome lines (share buttons, comment form, footer...) left in the text.

Real pages (``--real``): every page of ``tests/real_pages.py`` (real Arabic pages, the English AEB
benchmark where ``../shared/data`` exists), raqib's cleaned text and trafilatura alone
(``trafilatura.extract`` with its defaults) side by side: token F1 per page and per set, the pages where
raqib is below trafilatura - 0.01, and pages/s on one core for both (each page's best of --rounds runs).

    python bench/extract.py [--rounds 20] [--json out.json]
    python bench/extract.py --real [--sets jawharafm,fixtures] [--rounds 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from connectors.extract import ExtractionFailure, extract_article
from connectors.sample_site import CHROME_LINES, SampleSite, overlap_f1

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.real_pages import ARABIC_REAL, SETS, Page, load_pages, token_f1  # noqa: E402

TOLERANCE = 0.01


def _work(args: tuple[str, str, int]) -> int:
    html, url, rounds = args
    for _ in range(rounds):
        extract_article(html, url)
    return rounds


def run(rounds: int = 20, workers: int | None = None) -> dict:
    site = SampleSite(port=8000)  # pages are rendered, not served
    pages = [(site.article_html(a), site.article_url(a), a) for a in site.articles]
    rows = []
    for html, url, seed in pages:
        art = extract_article(html, url)
        if isinstance(art, ExtractionFailure):
            rows.append({"article": seed.seed_file, "error": art.reason})
            continue
        precision, recall, f1 = overlap_f1(art.text, seed.text)
        chrome = sum(1 for line in art.text.splitlines() if line.strip() in CHROME_LINES)
        rows.append({"article": seed.seed_file, "chars": len(art.text), "precision": round(precision, 4),
                     "recall": round(recall, 4), "f1": round(f1, 4), "chrome_lines": chrome})
    start = time.perf_counter()
    for html, url, _ in pages:
        _work((html, url, rounds))
    single = len(pages) * rounds / (time.perf_counter() - start)
    workers = workers or os.cpu_count() or 1
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        done = sum(pool.map(_work, [(h, u, rounds) for h, u, _ in pages] * workers))
    parallel = done / (time.perf_counter() - start)
    return {
        "pages": len(pages), "rounds": rounds, "pages_per_s_one_core": round(single, 1),
        "workers": workers, "pages_per_s_pool": round(parallel, 1),
        "mean_f1": round(statistics.mean(r.get("f1", 0.0) for r in rows), 4),
        "chrome_lines_left": sum(r.get("chrome_lines", 0) for r in rows), "articles": rows,
    }


def _raqib(page: Page) -> str:
    art = extract_article(page.html, page.url)
    return "" if isinstance(art, ExtractionFailure) else art.text


def _trafilatura(page: Page) -> str:
    return trafilatura.extract(page.html, url=page.url) or ""


def _pages_per_s(fn: Callable[[Page], str], pages: list[Page], rounds: int) -> float:
    """Pages per second on one core from each page's best time over ``rounds`` (after a warm-up round:
    trafilatura loads its stop lists on first use); the best time is the one other processes on a shared
    machine did not stretch."""
    for page in pages:
        fn(page)
    best = [float("inf")] * len(pages)
    for _ in range(rounds):
        for i, page in enumerate(pages):
            start = time.perf_counter()
            fn(page)
            best[i] = min(best[i], time.perf_counter() - start)
    return len(pages) / sum(best)


def run_real(sets: tuple[str, ...], rounds: int = 3) -> dict:
    """Token F1 per page for raqib and trafilatura alone, per-set means and speeds."""
    pages = [p for p in load_pages(sets) if p.gold]
    rows = [{"set": p.set, "page": p.name, "raqib": round(token_f1(_raqib(p), p.gold), 4),
             "trafilatura": round(token_f1(_trafilatura(p), p.gold), 4)} for p in pages]
    summary = {}
    for name in dict.fromkeys(p.set for p in pages):
        mine = [p for p in pages if p.set == name]
        rs = [r for r in rows if r["set"] == name]
        summary[name] = {
            "pages": len(rs),
            "mean_raqib": round(statistics.mean(r["raqib"] for r in rs), 4),
            "mean_trafilatura": round(statistics.mean(r["trafilatura"] for r in rs), 4),
            "below_trafilatura": [r["page"] for r in rs if r["raqib"] < r["trafilatura"] - TOLERANCE],
            "pages_per_s_raqib": round(_pages_per_s(_raqib, mine, rounds), 1),
            "pages_per_s_trafilatura": round(_pages_per_s(_trafilatura, mine, rounds), 1),
        }
    arabic = [r for r in rows if r["set"] in ARABIC_REAL]
    return {"rounds": rounds, "sets": summary, "pages": rows,
            "arabic_real_mean_raqib": round(statistics.mean(r["raqib"] for r in arabic), 4) if arabic else None,
            "arabic_real_mean_trafilatura":
                round(statistics.mean(r["trafilatura"] for r in arabic), 4) if arabic else None}


def print_real(result: dict) -> None:
    print(f"{'set/page':<42} {'raqib':>6} {'trafil.':>7} {'delta':>6}")
    for r in result["pages"]:
        flag = "  BELOW" if r["raqib"] < r["trafilatura"] - TOLERANCE else ""
        print(f"{r['set'] + '/' + r['page']:<42} {r['raqib']:>6.3f} {r['trafilatura']:>7.3f} "
              f"{r['raqib'] - r['trafilatura']:>+6.3f}{flag}")
    for name, s in result["sets"].items():
        print(f"{name}: {s['pages']} pages, mean token F1 raqib {s['mean_raqib']:.3f}, trafilatura "
              f"{s['mean_trafilatura']:.3f}; below trafilatura - {TOLERANCE}: {len(s['below_trafilatura'])}; "
              f"pages/s on one core raqib {s['pages_per_s_raqib']}, trafilatura {s['pages_per_s_trafilatura']}")
    if result["arabic_real_mean_raqib"] is not None:
        print(f"real Arabic pages ({', '.join(ARABIC_REAL)}): mean token F1 raqib "
              f"{result['arabic_real_mean_raqib']:.3f}, trafilatura {result['arabic_real_mean_trafilatura']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None, help="timed rounds (20 sample site, 3 real pages)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--real", action="store_true", help="real pages with gold text, trafilatura beside")
    parser.add_argument("--sets", default=None, help=f"comma-separated, of {', '.join(SETS)} (default: all)")
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args()
    if args.real:
        result = run_real(tuple(args.sets.split(",")) if args.sets else tuple(SETS), args.rounds or 3)
        print_real(result)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        return
    result = run(args.rounds or 20, args.workers)
    print(f"{'article':<28} {'chars':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'chrome':>6}")
    for r in result["articles"]:
        if "error" in r:
            print(f"{r['article']:<28} {r['error']}")
            continue
        print(f"{r['article']:<28} {r['chars']:>6} {r['precision']:>6.3f} {r['recall']:>6.3f} "
              f"{r['f1']:>6.3f} {r['chrome_lines']:>6}")
    print(f"mean F1 {result['mean_f1']:.3f}; chrome lines left {result['chrome_lines_left']}; "
          f"{result['pages_per_s_one_core']} pages/s on one core, {result['pages_per_s_pool']} pages/s "
          f"with {result['workers']} worker processes")
    print(json.dumps({k: v for k, v in result.items() if k != "articles"}))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
