"""`raqib connect` with WebSub on real Kafka: a signed push lands on articles.clean once, a forged one never,
and the subscription (callback id, secret, lease) survives a restart of the connector."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from connectors.sample_site import SampleSite
from connectors.sample_site.hub import WebSubHub
from tests.conftest import wait_for
from tests.integration.test_connector_restart import read_topic

pytestmark = pytest.mark.integration

TEXT = ("أعلنت وزارة الخارجية العراقية أن وفدا رسميا سيزور العاصمة الأردنية عمان الأسبوع المقبل لبحث ملفات "
        "التعاون الاقتصادي والربط الكهربائي بين البلدين. ") * 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(env: dict[str, str], sources: str, log) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "connect", "--sources", sources], env=env,
                            stdout=log, stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_push_through_raqib_connect_and_subscription_survives_restart(services_env, live_settings, tmp_path):
    suffix = uuid.uuid4().hex[:8]
    clean = f"websub-clean-{suffix}"
    env = {**os.environ, **services_env, "RAQIB_TOPICS__CLEAN": clean,
           "RAQIB_TOPICS__CONNECTOR_STATE": f"websub-state-{suffix}", "RAQIB_TOPICS__WEBSUB": f"websub-subs-{suffix}",
           "RAQIB_TOPICS__DEAD_LETTER": f"websub-dl-{suffix}", "RAQIB_WEBSUB_LISTEN": f"127.0.0.1:{_free_port()}"}
    log = (tmp_path / "connect.log").open("ab")
    with WebSubHub() as hub, SampleSite() as site:
        site.hub = hub.url
        topic = site.url + "/rss.xml"
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: pushed\n    kind: rss\n    url: {topic}\n    interval: 600\n"
                           "    min_interval: 600\n    max_interval: 600\n", encoding="utf-8")
        connector = _start(env, str(sources), log)
        try:
            assert wait_for(lambda: hub.active(topic), timeout=90), (tmp_path / "connect.log").read_text()
            assert wait_for(lambda: len(read_topic(live_settings.kafka_bootstrap, clean, 500)) == 5, timeout=60)
            held = site.add_article("خبر في دفعة مزورة", TEXT)
            assert hub.publish(topic, site.rss().encode(), signature="bad") == [202]
            time.sleep(3)
            assert all(m["url"] != held for _, m in read_topic(live_settings.kafka_bootstrap, clean, 1000))
            url = site.add_article("وفد عراقي إلى عمان", TEXT)
            assert hub.publish(topic, site.rss().encode()) == [202]
            assert wait_for(lambda: any(m["url"] == url for _, m in read_topic(live_settings.kafka_bootstrap,
                                                                               clean, 500)), timeout=30)
        finally:
            _stop(connector)
        requests_before = len(hub.requests)
        connector = _start(env, str(sources), log)  # same subscription topic: it must come back as it was
        try:
            time.sleep(15)
            assert len(hub.requests) == requests_before, "the restarted connector subscribed again"
            url2 = site.add_article("الوفد يصل إلى عمان", TEXT)
            assert wait_for(lambda: hub.publish(topic, site.rss().encode()) == [202], timeout=30)
            assert wait_for(lambda: any(m["url"] == url2 for _, m in read_topic(live_settings.kafka_bootstrap,
                                                                                clean, 500)), timeout=30)
        finally:
            _stop(connector)
        urls = [m["url"] for _, m in read_topic(live_settings.kafka_bootstrap, clean)]
        # 5 seeds, then the held article with the next (valid) push, and the two pushed ones: each once
        assert len(urls) == len(set(urls)) == 8 and {held, url, url2} <= set(urls)
