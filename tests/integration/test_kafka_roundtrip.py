"""kafka-python against the real local broker: the connectors' producer contract."""

from __future__ import annotations

import json
import uuid

import pytest
from kafka import KafkaConsumer

from connectors.producer import ArticleProducer
from pipeline.models import ArticleClean, content_hash

pytestmark = pytest.mark.integration


def test_producer_round_trip_keeps_key_value_and_arabic(live_settings):
    topic = f"roundtrip-{uuid.uuid4().hex[:8]}"
    settings = live_settings.model_copy(update={"topics": live_settings.topics.model_copy(update={"clean": topic})})
    text = "قال المتحدث باسم قيادة العمليات المشتركة إن القوات القتالية ستغادر العراق"
    articles = [ArticleClean(id=f"a{i}", url=f"file:///tmp/a{i}.txt", title=f"عنوان {i}", text=text,
                             content_hash=content_hash(text)) for i in range(3)]
    with ArticleProducer(settings) as producer:
        for article in articles:
            producer.send(article)
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=10000, group_id=None, isolation_level="read_committed")
    received = {m.key.decode(): json.loads(m.value) for m in consumer}
    consumer.close()
    assert set(received) == {"a0", "a1", "a2"}
    assert received["a1"]["text"] == text
    assert received["a1"]["title"] == "عنوان 1"
    assert received["a1"]["schema_version"] == 1
