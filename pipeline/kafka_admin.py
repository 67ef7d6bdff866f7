"""Kafka topics raqib owns, created with the configured partition counts."""

from __future__ import annotations

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from pipeline.settings import Settings


def topic_specs(settings: Settings) -> list[NewTopic]:
    t = settings.topics
    article_cfg = {"max.message.bytes": "16777216"}
    return [
        NewTopic(t.clean, settings.partitions, 1, topic_configs=article_cfg),
        NewTopic(t.enriched, settings.partitions, 1, topic_configs=article_cfg),
        NewTopic(t.alerts, settings.partitions, 1),
        NewTopic(t.dead_letter, 1, 1, topic_configs=article_cfg),
        NewTopic(t.connector_state, 1, 1, topic_configs={"cleanup.policy": "compact"}),
        NewTopic(t.alert_candidates, settings.partitions, 1),
        NewTopic(t.alert_deliveries, settings.partitions, 1),
        NewTopic(t.alert_retry, 1, 1),
    ]


def ensure_topics(settings: Settings) -> list[str]:
    """Create missing topics; returns the names created. Safe to call from every process."""
    try:
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="raqib-admin",
                                 request_timeout_ms=15000)
    except KafkaError as exc:
        raise RuntimeError(f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}); "
                           "start it with `raqib services up` or set RAQIB_KAFKA_BOOTSTRAP") from exc
    try:
        existing = set(admin.list_topics())
        missing = [spec for spec in topic_specs(settings) if spec.name not in existing]
        created = []
        for spec in missing:
            try:
                admin.create_topics([spec])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        admin.close()
