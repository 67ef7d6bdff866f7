"""The Kafka topics raqib owns and the size limits of their messages: one catalogue for every process.

The connector, the worker, `raqib ingest` and the compose `setup` service all create topics from here,
and every Kafka client and the local broker take the message-size limit from here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

from pipeline.errors import KafkaUnavailable
from pipeline.settings import Settings

#: largest message raqib's topics, producers and consumers accept (Kafka's default is 1 MB; article
#: messages keep the original text too). Articles bigger than ``Settings.max_message_bytes`` are
#: dead-lettered by the worker anyway; this is the transport's ceiling.
KAFKA_MESSAGE_MAX_BYTES = 16 * 1024 * 1024
#: how much of a failed message's original value a dead letter keeps (enough to read and replay it)
DEAD_LETTER_ORIGINAL_MAX_BYTES = 64 * 1024


class TopicSpec(NamedTuple):
    name: str
    partitions: int
    config: dict[str, str]


def topic_catalogue(settings: Settings) -> list[TopicSpec]:
    """Every topic with its partition count and configuration (the Faust app declares the same counts)."""
    t, parts = settings.topics, settings.partitions
    articles = {"max.message.bytes": str(KAFKA_MESSAGE_MAX_BYTES)}
    return [
        TopicSpec(t.clean, parts, articles),
        TopicSpec(t.enriched, parts, articles),
        TopicSpec(t.alerts, parts, {}),
        TopicSpec(t.dead_letter, 1, articles),
        TopicSpec(t.connector_state, 1, {"cleanup.policy": "compact"}),
        TopicSpec(t.websub, 1, {"cleanup.policy": "compact"}),
        TopicSpec(t.alert_candidates, parts, {}),
        TopicSpec(t.alert_deliveries, parts, {}),
        TopicSpec(t.alert_retry, 1, {}),
        # the Faust tables' changelogs ("<app id>-<table>-changelog"), created here with their source topics'
        # partition count: left to Faust, a fresh broker's metadata can lag its creation and the table's
        # agent crashes on a 0-partition changelog (PartitionsMismatch)
        *(TopicSpec(f"{settings.consumer_group}-{table}-changelog", parts, {"cleanup.policy": "compact"})
          for table in WORKER_TABLES),
    ]


#: the worker's Faust tables (pipeline/worker/app.py declares them with these names)
WORKER_TABLES = ("raqib-story-bands", "raqib-novelty")


def partitions_of(settings: Settings, name: str) -> int:
    """Partition count of one of raqib's topics, by its configured name."""
    return next(spec.partitions for spec in topic_catalogue(settings) if spec.name == name)


def ensure_topics(settings: Settings) -> list[str]:
    """Create missing topics; returns the names created. Safe to call from every process."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    try:
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="raqib-admin",
                                 request_timeout_ms=15000)
    except KafkaError as exc:
        raise KafkaUnavailable(f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}); "
                               "start it with `raqib services up` or set RAQIB_KAFKA_BOOTSTRAP") from exc
    try:
        existing = set(admin.list_topics())
        created = []
        for spec in topic_catalogue(settings):
            if spec.name in existing:
                continue
            try:
                admin.create_topics([NewTopic(spec.name, spec.partitions, 1, topic_configs=spec.config)])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        admin.close()


def replay_compacted(settings: Settings, topic: str, apply: Callable[[bytes | None, bytes | None], None],
                     timeout: float = 10.0) -> None:
    """Read a compacted topic from its beginning to its current end, calling ``apply(key, value)`` on each
    record: the table it holds (connector states, WebSub subscriptions) rebuilt when a process starts.
    Read committed: a state written in a transaction that was aborted (or is still open) never counts."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False, group_id=None,
                             consumer_timeout_ms=int(timeout * 1000), max_partition_fetch_bytes=KAFKA_MESSAGE_MAX_BYTES,
                             isolation_level="read_committed")
    try:
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        end = consumer.end_offsets(parts)
        deadline = time.monotonic() + timeout
        while parts and any(consumer.position(p) < end[p] for p in parts) and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    apply(record.key, record.value)
    finally:
        consumer.close()
