"""The connector against real Kafka: state in the compacted topic, restart after SIGKILL without gaps or
duplicates in articles.clean."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from kafka import KafkaConsumer

from connectors.sample_site import SampleSite
from connectors.urls import article_id

pytestmark = pytest.mark.integration

BODY = ("قال المتحدث باسم قيادة العمليات المشتركة إن القوات القتالية للتحالف الدولي ستغادر العراق "
        "بحلول نهاية العام الجاري، وأضاف أن المستشارين سيبقون لمهام التدريب والدعم. ")


def read_topic(bootstrap: str, topic: str, idle_ms: int = 5000) -> list[tuple[str, dict]]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=idle_ms, group_id=None, isolation_level="read_committed")
    messages = [(m.key.decode(), json.loads(m.value)) for m in consumer]
    consumer.close()
    return messages


def test_connector_killed_mid_run_resumes_without_gaps_or_duplicates(services_env, live_settings, tmp_path):
    suffix = uuid.uuid4().hex[:8]
    clean_topic, state_topic = f"restart-clean-{suffix}", f"restart-state-{suffix}"
    env = {**os.environ, **services_env, "RAQIB_TOPICS__CLEAN": clean_topic,
           "RAQIB_TOPICS__CONNECTOR_STATE": state_topic, "RAQIB_TOPICS__DEAD_LETTER": f"restart-dl-{suffix}"}
    with SampleSite() as site:
        start = datetime(2021, 12, 1, tzinfo=UTC)
        for i in range(12):
            site.add_article(f"خبر رقم {i} عن انسحاب القوات", BODY * (3 + i % 4) + f"\nالفقرة الختامية {i}.",
                             outlet="البوابة العراقية", published=start + timedelta(hours=i))
        expected = {article_id(site.article_url(a)) for a in site.articles}
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: restart-rss\n    kind: rss\n    url: {site.url}/rss.xml\n"
                           "    interval: 1\n    max_interval: 1\n", encoding="utf-8")
        command = [sys.executable, "-m", "pipeline.cli", "connect", "--sources", str(sources), "--once"]

        first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None:
            if read_topic(live_settings.kafka_bootstrap, clean_topic, idle_ms=300):
                break
            time.sleep(0.2)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        after_kill = read_topic(live_settings.kafka_bootstrap, clean_topic)
        assert after_kill, "the first run produced nothing before it was killed"

        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
        assert second.returncode == 0, second.stdout + second.stderr

        third = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
        assert third.returncode == 0, third.stdout + third.stderr

    keys = [key for key, _ in read_topic(live_settings.kafka_bootstrap, clean_topic)]
    assert len(keys) == len(set(keys)), f"duplicates in Kafka: {sorted(k for k in keys if keys.count(k) > 1)}"
    assert set(keys) == expected, f"missing: {expected - set(keys)}; unexpected: {set(keys) - expected}"
    state = read_topic(live_settings.kafka_bootstrap, state_topic)
    assert state and state[-1][0] == "restart-rss"
