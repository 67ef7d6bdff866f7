"""The whole trip on real services: `raqib ingest` -> Kafka -> Faust worker -> OpenSearch -> `raqib search`."""

from __future__ import annotations

import json
import uuid

import pytest
from kafka import KafkaConsumer, KafkaProducer

from tests.conftest import SEEDS, wait_for
from tests.conftest import run_raqib as raqib

pytestmark = pytest.mark.integration


def search_json(query: str, env: dict[str, str], *extra: str) -> list[dict]:
    proc = raqib("search", query, "--json", *extra, env=env)
    if proc.returncode == 1 and "No article index yet" in proc.stderr:
        return []  # the worker has not created the index yet
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]




def test_ingest_worker_search_finds_a_seed_by_a_word_in_its_body(services_env, worker, live_settings):
    seed = SEEDS / "000_1c0bd87af38d2f00.txt"
    proc = raqib("ingest", str(seed), env=services_env)
    assert proc.returncode == 0, proc.stderr
    assert "produced 1 article" in proc.stdout
    # "المحمداوي" appears in the body of this seed only (not in its title line).
    hits = wait_for(lambda: search_json("المحمداوي", services_env))
    assert hits, "seed article not searchable"
    hit = hits[0]
    assert set(hit) >= {"id", "url", "title", "outlet", "published_at", "score", "highlights"}
    assert hit["url"] == seed.resolve().as_uri()
    assert hit["title"].startswith("أنقرة")
    assert any("المحمداوي" in h for h in hit["highlights"])


def test_worker_enriches_onto_articles_enriched(services_env, worker, live_settings):
    seed = SEEDS / "001_38ce8d431084eb1f.txt"
    assert raqib("ingest", str(seed), env=services_env).returncode == 0
    consumer = KafkaConsumer(live_settings.topics.enriched, bootstrap_servers=live_settings.kafka_bootstrap,
                             auto_offset_reset="earliest", consumer_timeout_ms=60000, group_id=None,
                             isolation_level="read_committed")
    target = seed.resolve().as_uri()
    found = None
    for message in consumer:
        value = json.loads(message.value)
        if value["url"] == target:
            found = value
            break
    consumer.close()
    assert found is not None, "no enriched message for the seed"
    assert found["entities"], "no entities"
    assert found["topics"], "no topics"
    assert found["story_id"]
    assert found["schema_version"] == 1


def test_poison_messages_are_dead_lettered_and_the_stream_goes_on(services_env, worker, live_settings):
    marker = uuid.uuid4().hex
    producer = KafkaProducer(bootstrap_servers=live_settings.kafka_bootstrap)
    producer.send(live_settings.topics.clean, key=b"bad-json", value=f"{{not json {marker}".encode())
    producer.send(live_settings.topics.clean, key=b"bad-version",
                  value=json.dumps({"schema_version": 99, "id": marker, "url": "x", "text": "x"}).encode())
    producer.flush()
    good = SEEDS / "002_53bfce609cf075d0.txt"
    assert raqib("ingest", str(good), env=services_env).returncode == 0

    consumer = KafkaConsumer(live_settings.topics.dead_letter, bootstrap_servers=live_settings.kafka_bootstrap,
                             auto_offset_reset="earliest", consumer_timeout_ms=30000, group_id=None,
                             isolation_level="read_committed")
    reasons = []
    for message in consumer:
        letter = json.loads(message.value)
        if marker in (letter.get("original") or ""):
            reasons.append(letter["reason"])
        if len(reasons) == 2:
            break
    consumer.close()
    assert any("not JSON" in r for r in reasons), reasons
    assert any("schema_version 99" in r for r in reasons), reasons
    hits = wait_for(lambda: [h for h in search_json("البيشمركة", services_env, "--size", "20")
                             if h["url"] == good.resolve().as_uri()])
    assert hits, "the good article after the poison messages was not indexed"
