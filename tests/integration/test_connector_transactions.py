"""The connector's article and the state that marks it seen are one Kafka transaction, on a real broker.

A connector process is killed at a chosen point of its first article's write (a fault hook around the
Kafka client's ``send``, then ``os._exit``: no clean-up runs, as with SIGKILL). Whatever the point, a
read_committed reader sees the article exactly when the saved state marks it seen, and the restarted
connector ends with every article once. Before the transaction, a kill after the article's acknowledgement
and before the state's send left the article in Kafka unmarked, and the restart sent it again.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from kafka import KafkaConsumer

from connectors.sample_site import SampleSite
from connectors.urls import article_id
from pipeline.errors import ProduceError

pytestmark = pytest.mark.integration

BODY = ("قال المتحدث باسم قيادة العمليات المشتركة إن القوات القتالية للتحالف الدولي ستغادر العراق "
        "بحلول نهاية العام الجاري، وأضاف أن المستشارين سيبقون لمهام التدريب والدعم. ")

#: runs `raqib connect` with a hook on kafka-python's send: at the first state record sent after an article,
#: the process exits at once, before that record is sent ("before") or once the broker has acknowledged it
#: ("after", the transaction not yet committed)
KILLED_CONNECT = """
import os, runpy, sys
from kafka import KafkaProducer

send, articles = KafkaProducer.send, []

def hooked(self, topic, *args, **kwargs):
    if topic == os.environ["RAQIB_TOPICS__CLEAN"]:
        articles.append(topic)
    elif topic == os.environ["RAQIB_TOPICS__CONNECTOR_STATE"] and articles:
        if os.environ["KILL_AT"] == "before":
            os._exit(9)
        send(self, topic, *args, **kwargs).get(timeout=30)
        os._exit(9)
    return send(self, topic, *args, **kwargs)

KafkaProducer.send = hooked
sys.argv = ["raqib", *sys.argv[1:]]
runpy.run_module("pipeline.cli", run_name="__main__")
"""


def read_committed(bootstrap: str, topic: str, idle_ms: int = 3000) -> list[tuple[str, dict]]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None,
                             consumer_timeout_ms=idle_ms, isolation_level="read_committed")
    try:
        return [(m.key.decode(), json.loads(m.value)) for m in consumer]
    finally:
        consumer.close()


def _kill_group(process: subprocess.Popen) -> None:
    """End what is left of the killed connector's session (its extraction workers, orphaned by os._exit)."""
    if process.poll() is None:
        process.kill()
        process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _site(n: int) -> SampleSite:
    site = SampleSite().start()
    start = datetime(2022, 3, 1, tzinfo=UTC)
    for i in range(n):
        site.add_article(f"خبر رقم {i} عن انسحاب القوات", BODY * 3 + f"\nالفقرة الختامية {i}.",
                         outlet="البوابة العراقية", published=start + timedelta(hours=i))
    return site


def _env(services_env: dict[str, str]) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    return {**os.environ, **services_env, "RAQIB_TOPICS__CLEAN": f"txn-clean-{suffix}",
            "RAQIB_TOPICS__CONNECTOR_STATE": f"txn-state-{suffix}", "RAQIB_TOPICS__DEAD_LETTER": f"txn-dl-{suffix}"}


@pytest.mark.parametrize("kill_at", ["before", "after"])
def test_a_connector_killed_inside_the_articles_write_leaves_article_and_state_consistent(
        services_env, live_settings, tmp_path, kill_at):
    env = _env(services_env)
    clean_topic, state_topic = env["RAQIB_TOPICS__CLEAN"], env["RAQIB_TOPICS__CONNECTOR_STATE"]
    site = _site(3)
    try:
        expected = {article_id(site.article_url(a)) for a in site.articles}
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: txn-rss\n    kind: rss\n    url: {site.url}/rss.xml\n",
                           encoding="utf-8")
        args = ["connect", "--sources", str(sources), "--once"]
        log = tmp_path / "killed.log"
        with log.open("wb") as out:  # a file, not a pipe: the orphaned extraction workers would hold a pipe open
            killed = subprocess.Popen([sys.executable, "-c", KILLED_CONNECT, *args], env={**env, "KILL_AT": kill_at},
                                      stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                assert killed.wait(timeout=240) == 9, log.read_text(errors="replace")[-3000:]
            finally:
                _kill_group(killed)

        visible = {key for key, _ in read_committed(live_settings.kafka_bootstrap, clean_topic)}
        states = read_committed(live_settings.kafka_bootstrap, state_topic)
        seen = set(states[-1][1]["seen"]) & expected if states else set()
        assert visible == seen, f"articles visible {sorted(visible)} but marked seen {sorted(seen)}"

        restarted = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], env=env, capture_output=True,
                                   text=True, timeout=240)
        assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    finally:
        site.stop()
    keys = [key for key, _ in read_committed(live_settings.kafka_bootstrap, clean_topic)]
    assert sorted(keys) == sorted(expected), f"duplicates or gaps: {sorted(keys)} vs {sorted(expected)}"
    states = read_committed(live_settings.kafka_bootstrap, state_topic)
    assert expected <= set(states[-1][1]["seen"])


def test_a_fenced_connector_commits_nothing_and_its_source_stops_unmarked(services_env, live_settings):
    """A zombie (its id taken by a restarted connector) cannot commit: the write fails as a send failure
    (dead-lettered, the source stopped, the item left unseen) and nothing of it reaches read_committed
    readers."""
    from connectors.http import PoliteFetcher
    from connectors.runner import poll_once
    from connectors.sources import SourceEntry
    from pipeline.cli.connect import connector_kafka
    from pipeline.settings import Settings, TopicNames

    suffix = uuid.uuid4().hex[:8]
    settings = Settings(topics=TopicNames(clean=f"fence-clean-{suffix}", connector_state=f"fence-state-{suffix}",
                                          dead_letter=f"fence-dl-{suffix}"))
    zombie, zombie_state, zombie_send = connector_kafka(settings)
    successor, successor_state, _ = connector_kafka(settings)  # same id: fences the zombie
    site = _site(1)
    try:
        entry = SourceEntry(name="fence-rss", kind="rss", url=f"{site.url}/rss.xml")
        dead: list = []

        async def poll():
            async with PoliteFetcher(settings, min_delay=0.0) as fetcher:
                return await poll_once([entry], fetcher, zombie.send, zombie_state, dead.append,
                                       send_and_save=zombie_send)

        summary = asyncio.run(poll())
        assert summary.total("new") == 0, summary.as_dict()
        assert dead and dead[0].stage == "produce" and dead[0].reason.startswith("send failed"), dead
        assert not zombie_state.load("fence-rss").seen, "the zombie marked an article it never committed"
        with pytest.raises(ProduceError):
            zombie.send_raw(settings.topics.connector_state, "fence-rss", "{}")
    finally:
        site.stop()
        for closing in (zombie_state, zombie, successor_state, successor):
            closing.close()
    assert read_committed(live_settings.kafka_bootstrap, settings.topics.clean, idle_ms=1500) == []
    assert read_committed(live_settings.kafka_bootstrap, settings.topics.connector_state, idle_ms=1500) == []
