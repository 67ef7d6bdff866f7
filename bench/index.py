"""Bulk indexing throughput and search latency on the local engine (default: `raqib services up`).

    python bench/index.py --docs 100000 --queries 300
Documents are synthesised from the shipped sample articles (sentences recombined, distinct ids,
dates spread over 24 months so the monthly indices are exercised), indexed under the prefix
`raqibbench` (deleted at the end unless --keep), then queried with Arabic queries of the kinds
analysts type (words, variants, phrases, filters). Prints a table and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.models import ArticleEnriched, Entity, Speaker, Statement, TopicScore
from pipeline.search import engine, templates
from pipeline.search.query import search_articles
from pipeline.settings import Settings

ARTICLES = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"
QUERIES = ["انسحاب القوات الأمريكية", "الخفاجي", "اقليم كردستان", "القوات القتالية", "التحالف الدولي",
           '"العمليات المشتركة"', "الأميركيين العراق", "البيشمركة", "مستشارين تدريب", "كوردستان"]
OUTLETS = ["إيلاف", "الرافدين", "زمان التركية", "البوابة العراقية", "الشرق"]


def sentences() -> list[str]:
    out = []
    for path in sorted(ARTICLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s.strip() for s in line.split(".") if len(s.split()) > 5]
    return out


def make_docs(n: int, seed: int = 7) -> list[ArticleEnriched]:
    rng = random.Random(seed)
    pool = sentences()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    docs = []
    for i in range(n):
        body = "\n".join(rng.sample(pool, 8))
        speaker = Speaker(text="تحسين الخفاجي", canonical="تحسين الخفاجي", type="PERS")
        docs.append(ArticleEnriched(
            id=f"bench-{i:07d}", url=f"https://bench.example/{i}", outlet=rng.choice(OUTLETS),
            title=rng.choice(pool)[:120], text=body, published_at=start + timedelta(hours=i % 17520),
            entities=[Entity(text="العراق", canonical="العراق", type="LOC", start=0, end=5)],
            topics=[TopicScore(id=rng.choice(["politics", "conflict", "economy"]), score=0.9)],
            statements=[Statement(speaker=speaker, verb="قال", quote=rng.choice(pool), start=0, end=10,
                                  subjects=["military_withdrawal"] if i % 3 == 0 else [])],
            subjects=["military_withdrawal"] if i % 3 == 0 else [], story_id=f"s{i % 5000}"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    settings = Settings(index_prefix="raqibbench")
    client = engine.make_client(settings)
    if not engine.ping(client):
        raise SystemExit(f"no engine at {settings.search_url}: run `raqib services up` first")
    engine.delete_indices(client, f"{settings.index_prefix}-articles-*")
    templates.setup(client, settings)
    docs = make_docs(args.docs)

    indexed, started = 0, time.perf_counter()
    for i in range(0, len(docs), args.batch):
        actions = []
        for doc in docs[i:i + args.batch]:
            source = templates.to_document(doc)
            actions.append({"_index": templates.index_for(source, settings), "_id": doc.id, "_source": source})
        result = engine.bulk(client, actions)
        if result.errors:
            raise SystemExit(f"bulk errors: {result.errors[:3]}")
        indexed += len(result.ok_ids)
        if (i // args.batch) % 20 == 0:
            print(f"  indexed {indexed}/{len(docs)}", flush=True)
    index_seconds = time.perf_counter() - started
    engine.refresh(client, settings.articles_alias)

    rng = random.Random(3)
    latencies = []
    for _ in range(args.queries):
        query = rng.choice(QUERIES)
        filters = rng.choice([{}, {"subject": "military_withdrawal"}, {"outlet": rng.choice(OUTLETS)}])
        t0 = time.perf_counter()
        search_articles(client, settings, query, size=10, **filters)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    result = {
        "docs": indexed,
        "index_docs_per_second": round(indexed / index_seconds),
        "search_p50_ms": round(statistics.median(latencies), 1),
        "search_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "queries": len(latencies),
    }
    for key, value in result.items():
        print(f"{key:>24}: {value}")
    print(json.dumps(result))
    if not args.keep:
        engine.delete_indices(client, f"{settings.index_prefix}-articles-*")


if __name__ == "__main__":
    main()
