"""Extraction benchmark on the sample site's pages: pages/s per core and text quality vs the seeds.

Quality is the character 3-gram F1 of the cleaned text against the seed article body, plus the
number of chrome lines (share buttons, comment form, footer...) left in the text.

    python bench/extract.py [--rounds 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from connectors.extract import ExtractionFailure, extract_article
from connectors.sample_site import CHROME_LINES, SampleSite, overlap_f1


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args()
    result = run(args.rounds, args.workers)
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
