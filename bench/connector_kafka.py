"""What Kafka costs the connector: one poll of a sample site, with and without Kafka.

    RAQIB_KAFKA_BOOTSTRAP=127.0.0.1:9092 python bench/connector_kafka.py --articles 200 --runs 3

A ``SampleSite`` on loopback lists --articles articles in its RSS feed; one ``poll_once`` fetches
(no politeness delay), extracts and delivers them all, each run on fresh topics. Timed twice per run:
through the connector's own Kafka wiring (``pipeline.cli.connect.connector_kafka``: each article and the
state marking it seen written in one transaction) and with an in-memory sink and state store (fetch and
extraction alone). The difference per article is what the Kafka writes cost. Needs a running Kafka.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

BODY = ("قال المتحدث باسم قيادة العمليات المشتركة إن القوات القتالية للتحالف الدولي ستغادر العراق "
        "بحلول نهاية العام الجاري، وأضاف أن المستشارين سيبقون لمهام التدريب والدعم. ")


def _settings(suffix: str):
    from pipeline.settings import Settings, TopicNames

    return Settings(topics=TopicNames(clean=f"bench-clean-{suffix}", connector_state=f"bench-state-{suffix}",
                                      dead_letter=f"bench-dl-{suffix}"), allow_private_networks=True)


async def _poll(site_url: str, settings, kafka: bool) -> tuple[float, int]:
    from connectors.http import PoliteFetcher
    from connectors.runner import poll_once
    from connectors.sources import SourceEntry
    from connectors.state import MemoryStateStore

    entry = SourceEntry(name="bench-rss", kind="rss", url=f"{site_url}/rss.xml")
    async with PoliteFetcher(settings, min_delay=0.0, per_host=8) as fetcher:
        if not kafka:
            sent: list = []
            start = time.perf_counter()
            summary = await poll_once([entry], fetcher, sent.append, MemoryStateStore(), lambda d: None)
            return time.perf_counter() - start, summary.total("new")
        from pipeline.cli.connect import connector_kafka

        producer, state, send_and_save = connector_kafka(settings)
        try:
            start = time.perf_counter()
            summary = await poll_once([entry], fetcher, producer.send, state, producer.send_dead_letter,
                                      send_and_save=send_and_save)
            return time.perf_counter() - start, summary.total("new")
        finally:
            producer.close()
            state.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from connectors.sample_site import SampleSite

    rows = []
    with SampleSite() as site:
        start = datetime(2021, 12, 1, tzinfo=UTC)
        for i in range(args.articles):
            site.add_article(f"خبر رقم {i} عن انسحاب القوات", BODY * (3 + i % 4) + f"\nالفقرة الختامية {i}.",
                             outlet="البوابة العراقية", published=start + timedelta(minutes=i))
        for run in range(args.runs):
            memory, n_memory = asyncio.run(_poll(site.url, _settings(uuid.uuid4().hex[:8]), kafka=False))
            kafka, n_kafka = asyncio.run(_poll(site.url, _settings(uuid.uuid4().hex[:8]), kafka=True))
            rows.append({"run": run, "articles": n_kafka, "memory_s": round(memory, 3), "kafka_s": round(kafka, 3),
                         "kafka_ms_per_article": round((kafka - memory) / max(1, n_kafka) * 1000, 2),
                         "articles_per_s": round(n_kafka / kafka, 1), "memory_articles": n_memory})
            print(json.dumps(rows[-1]))
    cost = statistics.median(r["kafka_ms_per_article"] for r in rows)
    rate = statistics.median(r["articles_per_s"] for r in rows)
    print(json.dumps({"median_kafka_ms_per_article": round(cost, 2), "median_articles_per_s": round(rate, 1)}))


if __name__ == "__main__":
    main()
