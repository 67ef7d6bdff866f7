"""Enrichment throughput on one core: full enrichment (entities, topics, statements, subjects,
duplicates/stories) over the seed articles replicated to N articles, and NER tokens/s.

    python bench/enrich.py --articles 2000
    python bench/enrich.py --articles 2000 --dump out.jsonl   # also write every enriched article
Replicas get distinct ids and a light edit (a number changed) so the story index does real work.
Runs in one process (one core); prints a table and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean, content_hash
from pipeline.nlp.dedup import StoryIndex, story_keys
from pipeline.nlp.ner import extract_entities
from pipeline.text.tokenize import tokenize_with_offsets

CLOCK_FIELDS = {"fetched_at", "enriched_at"}  # when it ran, not what it found: left out of --dump
SEEDS = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"


def load_seeds() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--dump", type=Path, help="write each enriched article as a JSON line (to diff two "
                        "versions of the code: the output must not change when only speed does)")
    args = parser.parse_args()
    seeds = load_seeds()
    articles = []
    for i in range(args.articles):
        text = seeds[i % len(seeds)].replace("2021", str(2000 + i % 50), 1) + f"\n{i}"
        articles.append(ArticleClean(id=f"bench-{i:06d}", url=f"urn:bench:{i}", title=text.split("\n", 1)[0],
                                     text=text, content_hash=content_hash(text)))
    enrich_article(articles[0])  # load models once, outside the measurement

    index = StoryIndex()
    started = time.process_time()
    wall = time.perf_counter()
    for article in articles:
        enriched = enrich_article(article)
        index.add(article.id, article.text, article.published_at, story_keys(enriched.statements))
    cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for article in articles:  # enriched again, outside the measurement
                record = enrich_article(article).model_dump(mode="json", exclude=CLOCK_FIELDS)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")

    tokens = sum(len(tokenize_with_offsets(t)) for t in seeds) * 40
    ner_started = time.process_time()
    for _ in range(40):
        for text in seeds:
            extract_entities(text)
    ner_cpu = time.process_time() - ner_started

    result = {
        "articles": len(articles),
        "mean_tokens_per_article": round(tokens / 40 / len(seeds)),
        "articles_per_cpu_second": round(len(articles) / cpu, 1),
        "articles_per_wall_second": round(len(articles) / wall, 1),
        "ner_tokens_per_cpu_second": round(tokens / ner_cpu),
        "stories": len({index.story_id(a.id) for a in articles}),
    }
    for key, value in result.items():
        print(f"{key:>28}: {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
