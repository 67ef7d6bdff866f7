"""Scale-out: two real `raqib worker` processes in one consumer group share the partitions of
articles.clean (2 in tests), and 200 articles come out enriched and indexed exactly once.

Correctness rule checked: every id is stored once in the index (``_id`` = article id, so a re-delivery
updates instead of duplicating) and appears on articles.enriched. The pipeline is at-least-once, so a
redelivery after a rebalance may put an id twice on articles.enriched; that is allowed (and counted in
the failure message) only because the index holds each id once. Both workers must have worked: each
owns a non-empty, disjoint set of articles.clean partitions for the whole run (the group did not
rebalance) and every partition's committed offset reached its end, so each member's partitions were
consumed by that member.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from connectors.producer import ArticleProducer
from connectors.sample_site.generate import generated_article
from pipeline.models import ArticleClean, article_id_for, content_hash
from pipeline.search import engine
from pipeline.settings import Settings, TopicNames
from pipeline.topics import ensure_topics
from tests.conftest import isolated_env, start_worker, stop_worker, wait_for

pytestmark = pytest.mark.integration

ARTICLES = 200




def settings_for(env: dict[str, str]) -> Settings:
    """Settings of the isolated pipeline (init values beat the session environment)."""
    topics = {k.split("__", 1)[1].lower(): v for k, v in env.items() if k.startswith("RAQIB_TOPICS__")}
    return Settings(index_prefix=env["RAQIB_INDEX_PREFIX"], consumer_group=env["RAQIB_CONSUMER_GROUP"],
                    topics=TopicNames(**topics))


def clean_assignment(settings: Settings) -> dict[str, list[int]]:
    """Member id -> partitions of articles.clean it owns, from the group description (empty mid-rebalance)."""
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        group = admin.describe_groups([settings.consumer_group]).get(settings.consumer_group, {})
    except KafkaError:  # the coordinator does not know the group until its first member joins
        return {}
    finally:
        admin.close()
    if group.get("group_state") != "Stable":
        return {}
    out = {}
    for member in group.get("members", []):
        assignment = member.get("member_assignment")
        parts = assignment.get("assigned_partitions", []) if isinstance(assignment, dict) else []
        out[member["member_id"]] = sorted(p for e in parts if e.get("topic") == settings.topics.clean
                                          for p in e.get("partitions", []))
    return out


def offsets(settings: Settings, topic: str) -> tuple[dict[int, int], dict[int, int]]:
    """(end offset, committed offset of the worker group) per partition of ``topic``."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, isolation_level="read_committed")
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        ends = {tp.partition: end for tp, end in consumer.end_offsets(tps).items()}
        done = admin.list_group_offsets(settings.consumer_group).get(settings.consumer_group, {})
        return ends, {tp.partition: max(meta.offset, 0) for tp, meta in done.items() if tp.topic == topic}
    finally:
        consumer.close()
        admin.close()


def topic_keys(settings: Settings, topic: str) -> Counter[str]:
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=3000, group_id=None, max_partition_fetch_bytes=32 * 1024 * 1024,
                             isolation_level="read_committed")
    try:
        return Counter(m.key.decode() for m in consumer if m.key)
    finally:
        consumer.close()


def stored_ids(settings: Settings) -> list[str]:
    """One entry per stored copy under the alias (an id in two monthly indices would show twice)."""
    client = engine.make_client(settings)
    try:
        if not engine.index_exists(client, settings.articles_alias):
            return []
        engine.refresh(client, settings.articles_alias)
        return engine.document_ids(client, settings.articles_alias)
    finally:
        client.close()


def articles(count: int) -> list[ArticleClean]:
    """Varied generated articles (every tenth a near duplicate of the one before), as the connector sends."""
    origin = datetime.now(UTC).replace(microsecond=0)
    out = []
    for n in range(count):
        art = generated_article(n, seed=77, outlet="scale-out", published=origin + timedelta(seconds=n))
        url = f"https://scale-out.example{art.path}"
        out.append(ArticleClean(id=article_id_for(url), url=url, source="scale-out", outlet=art.outlet,
                                title=art.title, text=art.text, published_at=art.published,
                                content_hash=content_hash(art.text)))
    return out


def test_two_workers_share_partitions_and_index_every_article_once(services_env, tmp_path):
    env = {**services_env, **isolated_env("scale")}
    settings = settings_for(env)
    ensure_topics(settings)
    assert settings.partitions == 2
    first = start_worker(env, tmp_path / "w1" / "worker.log")
    second = start_worker(env, tmp_path / "w2" / "worker.log")
    client = engine.make_client(settings)
    try:
        def shared() -> dict[str, list[int]]:
            members = clean_assignment(settings)
            return members if len(members) == 2 and all(members.values()) else {}

        before = wait_for(shared, timeout=90, every=1)
        assert before, f"two workers never both owned partitions: {clean_assignment(settings)}"
        owned = [p for parts in before.values() for p in parts]
        assert sorted(owned) == [0, 1], f"partitions not shared disjointly: {before}"

        batch = articles(ARTICLES)
        expected = {a.id for a in batch}
        assert len(expected) == ARTICLES
        started = time.monotonic()
        with ArticleProducer(settings) as producer:
            for article in batch:
                producer.send(article)
        ends, _ = offsets(settings, settings.topics.clean)
        assert all(ends.get(p, 0) > 0 for p in (0, 1)), f"the keys did not spread over both partitions: {ends}"

        done = wait_for(lambda: set(stored_ids(settings)) >= expected, timeout=120, every=1)
        elapsed = time.monotonic() - started
        stored = stored_ids(settings)
        assert done, f"{len(expected - set(stored))} of {ARTICLES} articles never indexed"
        assert Counter(stored) == Counter(expected), "an article is missing, unexpected or stored twice"

        def committed_to_end() -> bool:
            ends, done = offsets(settings, settings.topics.clean)
            return all(done.get(p, -1) == end for p, end in ends.items())

        drained = wait_for(committed_to_end, timeout=30)
        assert drained, f"lag left on articles.clean (ends, committed): {offsets(settings, settings.topics.clean)}"
        assert clean_assignment(settings) == before, "the group rebalanced mid-run: who processed what is unknown"
        assert first.poll() is None and second.poll() is None, "a worker died"

        enriched = topic_keys(settings, settings.topics.enriched)
        assert set(enriched) == expected, f"enriched ids differ: {len(set(enriched) ^ expected)}"
        redelivered = {k: n for k, n in enriched.items() if n > 1}
        flagged = client.count(index=settings.articles_alias, body={"query": {"exists": {"field": "duplicate_of"}}})
        # at-least-once: repeats on the topic are tolerated because the index above holds each id once
        print(f"scale-out: {ARTICLES} articles indexed by 2 workers in {elapsed:.1f}s "
              f"({ARTICLES / elapsed:.1f}/s), assignment {sorted(before.values())}, "
              f"{len(redelivered)} id(s) repeated on articles.enriched, {flagged['count']} marked duplicate_of "
              f"({ARTICLES // 10} planned near duplicates)")
    finally:
        for proc in (first, second):
            stop_worker(proc)
        engine.delete_indices(client, f"{settings.index_prefix}-*")
        client.close()
