"""Enrichment throughput on one core: full enrichment (entities, topics, statements, subjects,
duplicates/stories) over the seed articles replicated to N articles, and NER tokens/s.

    python bench/enrich.py --articles 2000
    python bench/enrich.py --articles 2000 --dump out.jsonl   # also write every enriched article
    python bench/enrich.py --articles 1000 --real ../shared/data/topics/ant_v2_sample_train.jsonl
Replicas get distinct ids and a light edit (a number changed) so the story index does real work. The seeds
repeat the same words, so per-word caches stay warm; ``--real`` reads the first N articles of a JSONL file of real
news (``id``, ``text``, optional ``title``, ``url``, ``source``) instead: new words at every article, as on a stream.
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


def replicate_seeds(seeds: list[str], n: int) -> list[ArticleClean]:
    articles = []
    for i in range(n):
        text = seeds[i % len(seeds)].replace("2021", str(2000 + i % 50), 1) + f"\n{i}"
        articles.append(ArticleClean(id=f"bench-{i:06d}", url=f"urn:bench:{i}", title=text.split("\n", 1)[0],
                                     text=text, content_hash=content_hash(text)))
    return articles


def load_real(path: Path, n: int) -> list[ArticleClean]:
    if not path.exists():
        raise SystemExit(f"{path} not found: give a JSONL file of articles (e.g. ../shared/data/topics/...)")
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(articles) >= n:
                break
            raw = json.loads(line)
            text = raw.get("text") or ""
            articles.append(ArticleClean(id=str(raw["id"]), url=raw.get("url") or f"urn:real:{raw['id']}",
                                         outlet=raw.get("source") or "", title=raw.get("title") or "", text=text,
                                         content_hash=content_hash(text)))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--dump", type=Path, help="write each enriched article as a JSON line (to diff two "
                        "versions of the code: the output must not change when only speed does)")
    parser.add_argument("--real", type=Path, help="JSONL of real articles to enrich instead of the seed replicas")
    args = parser.parse_args()
    seeds = load_seeds()
    articles = load_real(args.real, args.articles) if args.real else replicate_seeds(seeds, args.articles)
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
        "mean_tokens_per_article": round(sum(len(tokenize_with_offsets(a.text)) for a in articles) / len(articles)),
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
