"""The most memory the enrichment caches can take: feed never-seen words until every cache is past its bound.

    python bench/worker_memory.py                 # 400,000 distinct words, report every 25,000
    python bench/worker_memory.py --words 120000  # quicker

A worker keeps per-word caches (NER feature sums and features, stems, subject candidates, topic n-grams),
each bounded (tests/test_memory_bounds.py). A real news stream brings new words slowly, so in the soak the
worker's RSS still rises after 40 minutes: its caches are filling (`bench/soak.py`). This bench fills them
on purpose, in-process, with articles made only of words never seen before (random Arabic letter strings,
fixed seed), and prints RSS and each cache's size as it goes: RSS must stop rising once the caches are at
their bounds, whatever number of new words follows. That plateau is the worker's memory ceiling for its
language caches.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import pkgutil
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.nlp  # noqa: E402
from pipeline.enrich import enrich_article  # noqa: E402
from pipeline.models import ArticleClean, article_id_for, content_hash  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
WORDS_PER_ARTICLE = 600


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cache_sizes() -> dict[str, int]:
    """Entries in every language cache (lru caches of pipeline.nlp and the NER word-score table)."""
    sizes = {}
    for info in pkgutil.iter_modules(pipeline.nlp.__path__):
        module = importlib.import_module(f"pipeline.nlp.{info.name}")
        for name, obj in vars(module).items():
            if hasattr(obj, "cache_info") and getattr(obj, "__module__", "") == module.__name__:
                info_ = obj.cache_info()
                if info_.maxsize and info_.maxsize > 1000:
                    sizes[f"{info.name}.{name}"] = info_.currsize
    for obj in gc.get_objects():
        if type(obj).__name__ == "FastCrf":
            sizes["ner.FastCrf word scores"] = len(obj._ids)
    return sizes


def word(number: int, rng: random.Random) -> str:
    """The ``number``-th new word: its base-28 digits in Arabic letters (distinct by construction, so the
    bench keeps no set of words and its own memory stays flat), after a random two-letter prefix."""
    digits = []
    while True:
        number, digit = divmod(number, len(LETTERS))
        digits.append(LETTERS[digit])
        if not number:
            break
    return rng.choice(LETTERS) + rng.choice(LETTERS) + "".join(digits).rjust(4, LETTERS[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=400_000, help="distinct new words to feed")
    parser.add_argument("--report-every", type=int, default=25_000)
    args = parser.parse_args()

    rng = random.Random(7)
    rows = []
    fed, next_report, started = 0, 0, time.perf_counter()
    while fed < args.words:
        words = [word(fed + i, rng) for i in range(WORDS_PER_ARTICLE)]
        text = "\n".join(" ".join(words[i:i + 12]) + "." for i in range(0, len(words), 12))
        url = f"https://bench.example/{fed}"
        enrich_article(ArticleClean(id=article_id_for(url), url=url, source="bench", outlet="bench",
                                    title=" ".join(words[:6]), text=text, content_hash=content_hash(text)))
        fed += len(words)
        if fed >= next_report:
            row = {"words": fed, "rss_mib": round(rss_mib(), 1), "seconds": round(time.perf_counter() - started, 1),
                   "caches": cache_sizes()}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            next_report += args.report_every
    print(json.dumps({"rss_first_mib": rows[0]["rss_mib"], "rss_max_mib": max(r["rss_mib"] for r in rows),
                      "rss_last_mib": rows[-1]["rss_mib"], "reports": len(rows)}))


if __name__ == "__main__":
    main()
