"""Search quality on 3,986 real Arabic articles (ANT corpus v2 in ../shared/data), the former AND search
beside the ranked OR: queries with no hit, rank order by words held, proclitic recall, latency.

    python bench/search_quality.py [--queries 500] [--pairs 200] [--keep]

Runs against the configured engine (default: `raqib services up`), under the prefix `raqibquality`
(deleted at the end unless --keep). Queries are 2-4 words drawn from two random articles (seeded), so
that often no article holds them all; "proclitic recall" searches the bare word for articles that only
write it with ب ل ك ف glued on ("لصناعة").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.search import engine  # noqa: E402
from pipeline.search.query import (  # noqa: E402
    WORD_FIELDS,
    build_query,
    hits_from_response,
    query_string_clause,
    search_articles,
)
from pipeline.settings import Settings  # noqa: E402
from tests import real_corpus  # noqa: E402


def and_query(q: str, size: int) -> dict[str, Any]:
    """The search before ranked OR: every word in one of the title, lead, text (or a quote), no clitic field."""
    body = build_query(q, size=size)
    body["query"]["bool"]["must"] = [{"bool": {"should": [
        query_string_clause(q, WORD_FIELDS, "and", per_word=False),
        {"nested": {"path": "statements", "score_mode": "max",
                    "query": query_string_clause(q, ["statements.quote"], "and", per_word=False)}},
    ], "minimum_should_match": 1}}]
    return body


def measure(client: engine.Client, settings: Settings, queries: list[list[str]],
            pairs: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"queries": len(queries), "clitic_pairs": len(pairs)}

    def before(q: str, size: int) -> list[str]:
        return [h.id for h in hits_from_response(engine.search(client, settings.articles_alias, and_query(q, size)))]

    def now(q: str, size: int) -> list[str]:
        return [h.id for h in search_articles(client, settings, q, size=size)]

    for name, run in (("and", before), ("ranked_or", now)):
        empty = inverted = 0
        times = []
        for words in queries:
            start = time.perf_counter()
            ids = run(" ".join(words), 10)
            times.append((time.perf_counter() - start) * 1000)
            empty += not ids
            tiers = real_corpus.word_tiers(client, settings, ids, words) if ids else []
            inverted += tiers != sorted(tiers, reverse=True)
        found = sum(aid in run(word[1:], 1000) for aid, word in pairs)
        out[name] = {"empty": empty, "top10_out_of_word_order": inverted, "proclitic_found": found,
                     "p50_ms": round(statistics.median(times), 1),
                     "p95_ms": round(statistics.quantiles(times, n=20)[18], 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not real_corpus.ANT.is_file():
        sys.exit(f"needs {real_corpus.ANT} (../shared/data beside the repository)")
    settings = Settings().model_copy(update={"index_prefix": "raqibquality"})
    client = engine.make_client(settings)
    articles = real_corpus.load_ant()
    real_corpus.index_articles(client, settings, articles)
    try:
        result = measure(client, settings, real_corpus.sample_queries(articles, args.queries),
                         real_corpus.clitic_pairs(articles, args.pairs))
    finally:
        if not args.keep:
            real_corpus.drop_index(client, settings)
    for name in ("and", "ranked_or"):
        r = result[name]
        print(f"{name:>9}: {r['empty']}/{result['queries']} queries with no hit, {r['top10_out_of_word_order']} "
              f"with a top 10 out of word order, proclitic words found {r['proclitic_found']}/"
              f"{result['clitic_pairs']}, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
