"""Alert faults on real services (issues 6 and 7): a worker restarted with SIGTERM or killed with SIGKILL
never sends an alert twice, a failing webhook is retried through ``alerts.retry`` with the same
Idempotency-Key while articles keep flowing, a receiver that never recovers is dead-lettered, and poison
messages on the alert topics are dead-lettered without stopping the agents.

Every test owns its pipeline (``isolated_env``: consumer group, topics, index prefix, rules file) and the
workers it starts, stops or kills; the session worker is never touched. Webhook calls go to a local HTTP
receiver and are identified by their ``Idempotency-Key`` (``<alert id>:<count>``): an update of an alert is
a new key, a repeat of the same alert state is the same key.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

from pipeline.alerts.delivery import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, verify
from pipeline.search import engine, templates
from pipeline.settings import Settings, TopicNames
from tests.conftest import SEEDS, isolated_env, start_worker, stop_worker

pytestmark = pytest.mark.integration

RULE = "faults-hook"
SECRET = "integration-secret"  # RAQIB_WEBHOOK_SECRET_TEST of the session env
KHAFAJI = ["002_53bfce609cf075d0.txt", "003_3ef7dfa2a7074a0e.txt", "004_d06fec6805e27b95.txt"]
PLAIN = ("افتتاح معرض بغداد الدولي للكتاب بمشاركة {n} دار نشر\n"
         "افتتح في بغداد اليوم معرض الكتاب الدولي بمشاركة دور نشر عربية وأجنبية، ويستمر المعرض عشرة أيام "
         "ويضم ندوات ثقافية وأمسيات شعرية وورش عمل للأطفال في قاعات المعرض المختلفة.\n")


# --- helpers --------------------------------------------------------------------------------------

class Hook:
    """A local webhook receiver recording every call; ``statuses(n)`` is the answer to the n-th call
    (0-based) carrying the same Idempotency-Key."""

    def __init__(self, statuses: Callable[[int], int] = lambda n: 200) -> None:
        self.calls: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                key = self.headers.get(IDEMPOTENCY_HEADER)
                with hook._lock:
                    status = statuses(sum(1 for c in hook.calls if c["key"] == key))
                    alert = json.loads(body)["alert"]
                    hook.calls.append({"key": key, "id": alert["id"],
                                       "count": alert["count"], "status": status, "at": time.monotonic(),
                                       "signed": verify(body, self.headers.get(SIGNATURE_HEADER), SECRET)})
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"receiver down")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.calls)

    def keys(self, status: int | None = None) -> list[str]:
        return [c["key"] for c in self.snapshot() if status is None or c["status"] == status]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def pipeline_env(name: str, tmp_path: Path, hooks: list[Hook], delays: list[float] | None = None) -> dict[str, str]:
    """An isolated pipeline whose only enabled rule posts withdrawal statements to ``hooks``."""
    env = isolated_env(name)
    rules = {"rules": [
        {"name": "military-withdrawal", "subjects": ["military_withdrawal"], "enabled": False},
        {"name": RULE, "subjects": ["military_withdrawal"], "statements_only": True,
         "channels": [{"type": "webhook", "url": h.url, "secret_env": "RAQIB_WEBHOOK_SECRET_TEST"} for h in hooks]},
    ]}
    path = tmp_path / f"rules-{name}.yaml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    env["RAQIB_RULES_FILE"] = str(path)
    if delays is not None:
        env["RAQIB_ALERT_RETRY_DELAYS"] = json.dumps(delays)
    return env


def settings_for(env: dict[str, str]) -> Settings:
    topics = TopicNames(**{f: env[f"RAQIB_TOPICS__{f.upper()}"] for f in TopicNames.model_fields})
    return Settings(consumer_group=env["RAQIB_CONSUMER_GROUP"], index_prefix=env["RAQIB_INDEX_PREFIX"], topics=topics)


def ingest(settings: Settings, *paths: Path, outlet: str = "local") -> None:
    """The real ingest path (connectors.local, as `raqib ingest`), in process to keep latency low."""
    from connectors.local import ingest_paths

    sent, failed = ingest_paths(settings, list(paths), outlet=outlet, log=lambda m: None)
    assert sent >= 1 and failed == 0, (sent, failed)


def wait_for(what: str, check: Callable[[], Any], timeout: float, log: Path | None = None, every: float = 0.3) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n--- worker log ---\n{tail}")
        time.sleep(every)


def indexed_urls(client: engine.Client, settings: Settings) -> set[str]:
    try:
        hits = engine.search(client, settings.articles_alias,
                             {"size": 1000, "_source": ["url"], "query": {"match_all": {}}})["hits"]["hits"]
    except engine.NotFound:
        return set()
    return {h["_source"]["url"] for h in hits}


def stored_alerts(client: engine.Client, settings: Settings) -> list[dict[str, Any]]:
    try:
        hits = engine.search(client, templates.alerts_index(settings),
                             {"size": 1000, "query": {"match_all": {}}})["hits"]["hits"]
    except engine.NotFound:
        return []
    return [h["_source"] for h in hits if h["_source"]["rule"] == RULE]


def read_topic(settings: Settings, topic: str) -> list[tuple[bytes | None, bytes]]:
    """Every message of ``topic`` from the beginning to its current end."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False,
                             max_partition_fetch_bytes=16 * 1024 * 1024, fetch_max_bytes=32 * 1024 * 1024,
                             isolation_level="read_committed")
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not tps:
            return []
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        out: list[tuple[bytes | None, bytes]] = []
        deadline = time.monotonic() + 30
        while any(consumer.position(tp) < end[tp] for tp in tps) and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                out.extend((r.key, r.value) for r in records)
        return out
    finally:
        consumer.close()


def alert_states(settings: Settings) -> list[tuple[str, int]]:
    """(alert id, count) of every message on the alerts topic for the test rule, in topic order."""
    out = []
    for _, value in read_topic(settings, settings.topics.alerts):
        alert = json.loads(value)
        if alert["rule"] == RULE:
            out.append((alert["id"], alert["count"]))
    return out


def dead_letters(settings: Settings) -> list[dict[str, Any]]:
    return [json.loads(v) for _, v in read_topic(settings, settings.topics.dead_letter)]


def write_articles(path: Path, copies: int) -> list[str]:
    """JSONL of the five seeds, each reported by ``copies`` outlets (distinct URLs); returns the URLs."""
    lines, urls = [], []
    for k in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            url = f"https://outlet{k}.example/{seed.stem}"
            urls.append(url)
            lines.append(json.dumps({"url": url, "outlet": f"outlet{k}", "text": seed.read_text(encoding="utf-8")},
                                    ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


@pytest.fixture
def client(services_env) -> Iterator[engine.Client]:
    c = engine.make_client(Settings())
    yield c
    c.close()


# --- 1. restart (SIGTERM) -------------------------------------------------------------------------

def is_khafaji(alert: dict[str, Any]) -> bool:
    return "الخفاجي" in ((alert.get("speaker") or {}).get("canonical") or "")


def final_keys(alerts: list[dict[str, Any]]) -> set[str]:
    return {f"{a['id']}:{a['count']}" for a in alerts}


def test_restarted_worker_updates_the_alert_without_resending_it(services_env, client, tmp_path):
    hook = Hook()
    env = pipeline_env("restart", tmp_path, [hook])
    settings = settings_for(env)
    log = tmp_path / "restart-worker.log"
    first, second, third = (SEEDS / n for n in KHAFAJI)
    proc = start_worker(env, log)
    try:
        ingest(settings, first, outlet="وكالة الرافدين")
        ingest(settings, second, outlet="إيلاف")
        alert = wait_for("the Khafaji alert listing two outlets", lambda: next(
            (a for a in stored_alerts(client, settings) if is_khafaji(a) and a["count"] >= 2), None), 90, log)
        wait_for("every alert state delivered",
                 lambda: set(hook.keys()) >= final_keys(stored_alerts(client, settings)), 30, log)
        time.sleep(2)  # anything late would show up here
        before = Counter(hook.keys())
        ids_before = {a["id"] for a in stored_alerts(client, settings)}

        stop_worker(proc)  # SIGTERM: Faust commits offsets and flushes the novelty table
        proc = start_worker(env, log)
        ingest(settings, third, outlet="السومرية")
        wait_for("webhook call for the third outlet", lambda: f"{alert['id']}:3" in hook.keys(), 90, log)
        wait_for("every alert state delivered",
                 lambda: set(hook.keys()) >= final_keys(stored_alerts(client, settings)), 30, log)
        time.sleep(3)
    finally:
        stop_worker(proc)
        hook.close()

    calls = hook.snapshot()
    keys = Counter(c["key"] for c in calls)
    assert all(c["signed"] for c in calls)
    # One POST per alert state: the restart re-sent none of the states delivered before it ...
    assert max(keys.values()) == 1, {k: n for k, n in keys.items() if n > 1}
    assert {f"{alert['id']}:1", f"{alert['id']}:2"} <= set(before)
    # ... and the new report updated the existing alert (state 3) instead of raising a second Khafaji alert.
    stored = stored_alerts(client, settings)
    khafaji = [a for a in stored if is_khafaji(a)]
    assert [a["id"] for a in khafaji] == [alert["id"]] and khafaji[0]["count"] == 3
    assert {a["outlet"] for a in khafaji[0]["articles"]} == {"وكالة الرافدين", "إيلاف", "السومرية"}
    new_keys = set(keys) - set(before)
    assert f"{alert['id']}:3" in new_keys
    # Alerts raised after the restart are only statements of the new article, never a replay of older ones.
    for a in stored:
        if a["id"] not in ids_before:
            assert a["articles"][0]["url"] == third.resolve().as_uri(), a
    states = alert_states(settings)
    assert len(states) == len(set(states)), [s for s, n in Counter(states).items() if n > 1]
    assert set(keys) == {f"{i}:{c}" for i, c in states}


# --- 2. SIGKILL mid-stream ------------------------------------------------------------------------

def test_worker_killed_mid_stream_loses_nothing_and_sends_no_alert_twice(services_env, client, tmp_path):
    hook = Hook()
    env = pipeline_env("kill", tmp_path, [hook])
    # Faust's own setting (env BROKER_SESSION_TIMEOUT, default 60 s): how long the group waits for the killed
    # member before its partitions move to the new worker.
    env["BROKER_SESSION_TIMEOUT"] = "10"
    settings = settings_for(env)
    log = tmp_path / "kill-worker.log"
    feed = tmp_path / "articles.jsonl"
    urls = write_articles(feed, copies=8)
    khafaji_urls = {u for u in urls if any(u.endswith(Path(n).stem) for n in KHAFAJI)}
    proc = start_worker(env, log)
    try:
        ingest(settings, feed)
        wait_for("the first webhook call", hook.snapshot, 90, log, every=0.05)
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: alerts are still being raised and delivered
        proc.wait()
        at_kill = len(set(hook.keys()))
        indexed_at_kill = len(indexed_urls(client, settings))
        proc = start_worker(env, log)  # joins the same group: it waits for the killed member's session to expire
        wait_for("every article indexed", lambda: indexed_urls(client, settings) >= set(urls), 150, log, every=1)

        def delivered_all() -> bool:
            alerts = stored_alerts(client, settings)
            khafaji = [a for a in alerts if is_khafaji(a)]
            return bool(khafaji) and set(hook.keys()) >= final_keys(alerts) \
                and sum(a["count"] for a in khafaji) >= len(khafaji_urls)

        wait_for("the final state of every alert delivered", delivered_all, 60, log, every=1)
        time.sleep(2)
    finally:
        stop_worker(proc)
        hook.close()

    alerts = stored_alerts(client, settings)
    states = alert_states(settings)
    keys = Counter(hook.keys())
    assert at_kill < len(keys), "the kill came after the last delivery: not mid-stream"
    # One alert per statement: the three Khafaji reports of every outlet are one alert, listing them all.
    khafaji = [a for a in alerts if is_khafaji(a)]
    assert len(khafaji) == 1, [(a["id"], a["count"]) for a in khafaji]
    assert {x["url"] for x in khafaji[0]["articles"]} == khafaji_urls
    assert len({a["id"] for a in alerts}) == len(alerts) == len({i for i, _ in states})
    # Every alert state went out, and only states the stream raised: distinct keys = distinct alert states.
    # At-least-once delivery may repeat a POST after SIGKILL, always with the same key (the receiver drops it).
    assert set(keys) == {f"{i}:{c}" for i, c in states}, (set(keys) ^ {f"{i}:{c}" for i, c in states})
    for a in alerts:
        assert {c for i, c in states if i == a["id"]} == set(range(1, a["count"] + 1))
    repeats = sum(n - 1 for n in keys.values())
    print(f"\nSIGKILL: {len(urls)} articles ({indexed_at_kill} indexed at the kill), {len(alerts)} alerts, "
          f"{len(keys)} alert states delivered ({at_kill} before the kill), {repeats} repeated POST(s) "
          f"with the same Idempotency-Key")


# --- 3-5. one worker for retry, dead-letter and poison --------------------------------------------

DELAYS = [4.0, 4.0]  # 3 attempts: t0, t0+4 s, t0+8 s


@pytest.fixture(scope="module")
def flaky(services_env, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A worker whose rule posts to a receiver failing its first two calls and to one that always fails."""
    tmp = tmp_path_factory.mktemp("flaky")
    flaky_hook = Hook(lambda n: 500 if n < 2 else 200)
    dead_hook = Hook(lambda n: 500)
    env = pipeline_env("flaky", tmp, [flaky_hook, dead_hook], delays=DELAYS)
    settings = settings_for(env)
    # The alert topics take messages up to 16 MB here (as the article topics do), so that a 10 MB body reaches
    # the agents instead of being refused by the broker.
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    t = settings.topics
    admin.create_topics([NewTopic(name, parts, 1, topic_configs={"max.message.bytes": str(16 * 1024 * 1024)})
                         for name, parts in ((t.alert_candidates, settings.partitions),
                                             (t.alert_deliveries, settings.partitions), (t.alert_retry, 1))])
    admin.close()
    log = tmp / "flaky-worker.log"
    proc = start_worker(env, log)
    try:
        yield {"flaky": flaky_hook, "dead": dead_hook, "settings": settings, "log": log, "tmp": tmp, "proc": proc}
    finally:
        stop_worker(proc)
        flaky_hook.close()
        dead_hook.close()


def test_failing_webhook_is_retried_through_the_retry_topic_while_articles_flow(flaky, client):
    hook, settings, log = flaky["flaky"], flaky["settings"], flaky["log"]
    ingest(settings, SEEDS / KHAFAJI[0], outlet="وكالة الرافدين")
    wait_for("the first (failing) webhook call", hook.snapshot, 90, log, every=0.05)
    plain = flaky["tmp"] / "plain-1.txt"
    plain.write_text(PLAIN.format(n=1), encoding="utf-8")
    ingest(settings, plain, outlet="الصباح")
    wait_for("the article ingested after the failure to be searchable",
             lambda: plain.resolve().as_uri() in indexed_urls(client, settings), 30, log, every=0.1)
    searchable_at = time.monotonic()
    wait_for("the retries that succeed", lambda: set(hook.keys(status=200)) >= final_keys(
        stored_alerts(client, settings)) and set(hook.keys(status=200)) == set(hook.keys()), 40, log, every=0.1)

    calls = hook.snapshot()
    assert all(c["signed"] for c in calls)
    successes = []
    for key in set(hook.keys()):  # each alert (one per statement of the article) failed twice, then went out
        mine = [c for c in calls if c["key"] == key]
        assert [c["status"] for c in mine] == [500, 500, 200], (key, mine)
        gaps = [b["at"] - a["at"] for a, b in zip(mine, mine[1:], strict=False)]
        assert all(g >= DELAYS[0] - 0.5 for g in gaps), gaps  # the backoff of the retry topic, not a tight loop
        successes.append(mine[-1]["at"])
    # The stream did not wait for the receiver: the later article was searchable before any retry succeeded.
    assert searchable_at < min(successes), (searchable_at, min(successes))
    retried = [json.loads(v) for _, v in read_topic(settings, settings.topics.alert_retry)]
    attempts: dict[str, list[int]] = {}
    for r in retried:
        if r["channel"]["url"] == hook.url:
            attempts.setdefault(r["alert"]["id"], []).append(r["attempt"])
    # A record not yet due is put back on the retry topic (no head-of-line blocking), so an attempt may
    # appear more than once there; each alert still went through attempts 2 and 3, in that order.
    assert attempts and all(sorted(set(a)) == [2, 3] and a == sorted(a) for a in attempts.values()), attempts
    assert set(attempts) == {c["id"] for c in calls}


def test_permanently_failing_webhook_is_dead_lettered_and_the_stream_goes_on(flaky, client):
    hook, settings, log = flaky["dead"], flaky["settings"], flaky["log"]
    ingest(settings, SEEDS / KHAFAJI[0], outlet="وكالة الرافدين")  # no-op if the previous test sent it

    def letter() -> dict[str, Any] | None:
        return next((d for d in dead_letters(settings) if d["stage"] == "deliver"), None)

    found = wait_for("the dead letter of the failing delivery", letter, 60, log, every=0.5)
    assert found["topic"] == settings.topics.alert_deliveries
    assert hook.url in found["reason"] and "HTTP 500" in found["reason"] and "attempt 3 of 3" in found["reason"]
    record = json.loads(found["original"])
    assert record["attempt"] == 3 and len(record["errors"]) == 2 and record["channel"]["url"] == hook.url
    key = f"{record['alert']['id']}:{record['alert']['count']}"
    assert [c["status"] for c in hook.snapshot() if c["key"] == key] == [500, 500, 500]
    plain = flaky["tmp"] / "plain-2.txt"
    plain.write_text(PLAIN.format(n=2), encoding="utf-8")
    ingest(settings, plain, outlet="الصباح")
    wait_for("an article ingested after the dead letter to be searchable",
             lambda: plain.resolve().as_uri() in indexed_urls(client, settings), 30, log)
    assert flaky["proc"].poll() is None


def test_poison_messages_on_alert_topics_are_dead_lettered_and_agents_go_on(flaky, client):
    hook, dead, settings, log = flaky["flaky"], flaky["dead"], flaky["settings"], flaky["log"]
    ingest(settings, SEEDS / KHAFAJI[0], outlet="وكالة الرافدين")
    alert = wait_for("the Khafaji alert",
                     lambda: next((a for a in stored_alerts(client, settings) if is_khafaji(a)), None), 90, log)
    speaker = (alert.get("speaker") or {}).get("canonical") or ""
    t = settings.topics
    big = json.dumps({"rule": RULE, "pad": "x" * (10 * 1024 * 1024)}).encode()
    poison = {
        t.alert_candidates: [b"{not json", json.dumps({"rule": RULE, "statement": {"quote": 5}}).encode(), big],
        t.alert_deliveries: [b"\xff\xfe garbage", json.dumps({"alert": {"id": "x"}, "channel": {}}).encode(), big],
        t.alert_retry: [b"[1, 2", json.dumps({"alert": alert, "channel": {"type": "fax"}}).encode(), big],
    }
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, max_request_size=16 * 1024 * 1024)
    key = {t.alert_candidates: f"{RULE}|{speaker}".encode(), t.alert_deliveries: alert["id"].encode(),
           t.alert_retry: alert["id"].encode()}
    for topic, values in poison.items():
        for value in values:
            producer.send(topic, key=key[topic], value=value).get(timeout=30)
    producer.close()
    dead_before = len(dead.snapshot())

    # The stream goes on past the poison: another outlet's report updates the alert, delivered to the
    # receiver that works, and retried (through the retry topic, after its poison) for the one that fails.
    ingest(settings, SEEDS / KHAFAJI[1], outlet="إيلاف")
    wait_for("delivery of the updated alert", lambda: f"{alert['id']}:2" in hook.keys(status=200), 60, log)
    wait_for("a retry after the poison on the retry topic",
             lambda: len([c for c in dead.snapshot()[dead_before:] if c["key"] == f"{alert['id']}:2"]) >= 2, 30, log)

    letters = {}
    for stage, topic in (("alert-candidate", t.alert_candidates), ("alert-delivery", t.alert_deliveries),
                         ("alert-retry", t.alert_retry)):
        letters[topic] = wait_for(
            f"three dead letters of {topic}",
            lambda stage=stage, topic=topic: (lambda found: found if len(found) >= 3 else None)(
                [d for d in dead_letters(settings) if d["stage"] == stage and d["topic"] == topic]), 30, log)
    for topic, found in letters.items():  # order may differ (the delivery agent runs 4 at a time)
        reasons = sorted(d["reason"] for d in found)
        assert len(found) == 3, (topic, reasons)
        assert reasons[0].startswith("message too large") and str(len(big)) in reasons[0], reasons
        assert reasons[1].startswith("not JSON") and reasons[2].startswith("wrong schema"), reasons
        assert all(len(d["original"]) <= 64 * 1024 for d in found)
    assert flaky["proc"].poll() is None
