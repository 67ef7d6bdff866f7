"""Alert latency: publish a new article on the sample site, time until the webhook receives the alert.

    raqib services up && python bench/latency.py --runs 10 --interval 2
Runs the real pipeline on the local services: the sample site, `raqib connect` polling its RSS feed
every --interval seconds, one `raqib worker`, a rule with a webhook to a local receiver. Each run
publishes a statement by a different speaker (so it is a new alert, not an update) and measures
feed change -> webhook call. The poll interval is reported separately: on average half of it is
waiting for the next poll.

    raqib services up && python bench/latency.py --push --runs 20
With --push the feed advertises a local WebSub hub (connectors/sample_site/hub.py) and is polled only every
10 minutes: `raqib connect` subscribes (RAQIB_WEBSUB_LISTEN), and each run publishes the article and has
the hub push the feed. Measured from the push: the article on articles.clean, and the webhook. One extra
push with a bad signature comes first and must produce nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from connectors.sample_site import SampleSite
from connectors.sample_site.hub import WebSubHub
from pipeline.settings import Settings

SPEAKERS = ["يحيى رسول", "سعد معن", "ناظم الوائلي", "كريم الحسيني", "عبد الأمير الشمري", "عبد الوهاب الساعدي",
            "حسن المالكي", "محمد العبيدي", "علي الجبوري", "عمر الدليمي", "صباح النعمان", "فلاح الراوي",
            "قاسم الزبيدي", "جبار الياور", "رعد الحمداني", "طالب الكناني", "حامد الزهيري", "مهدي الغراوي",
            "ماجد التميمي", "خالد العكيلي", "سلمان الفريجي", "جاسم الخفاجي", "نبيل العزاوي", "هادي الشمري"]
received: dict[str, float] = {}
TOKEN = re.compile(r"RUN\d+x\d+")


class Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        for token in TOKEN.findall(json.dumps(body, ensure_ascii=False)):
            received.setdefault(token, time.perf_counter())
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


class CleanWatch:
    """Records when each RUN token first appears on the clean topic (a consumer thread from its end)."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        from kafka import KafkaConsumer, TopicPartition

        self.seen: dict[str, float] = {}
        self.stop = threading.Event()
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                                      isolation_level="read_committed")
        deadline = time.monotonic() + 30
        while not (parts := self.consumer.partitions_for_topic(topic)) and time.monotonic() < deadline:
            time.sleep(0.5)
        self.consumer.assign([TopicPartition(topic, p) for p in parts or []])
        self.consumer.seek_to_end()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            for records in self.consumer.poll(timeout_ms=50).values():
                now = time.perf_counter()
                for record in records:
                    for token in TOKEN.findall(record.value.decode("utf-8", "replace")):
                        self.seen.setdefault(token, now)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.consumer.close()


def _env(run_id: str, push_port: int | None) -> dict[str, str]:
    """Topics, consumer group and indices of its own: no backlog of earlier runs, no bench data in yours."""
    env = {**os.environ, "RAQIB_ALLOW_PRIVATE_NETWORKS": "1", "RAQIB_METRICS_PORT": "0",
           "RAQIB_CONSUMER_GROUP": run_id, "RAQIB_PARTITIONS": "2", "RAQIB_INDEX_PREFIX": run_id}
    for name in ("clean", "enriched", "alerts", "dead_letter", "connector_state", "alert_candidates",
                 "alert_deliveries", "alert_retry", "websub"):
        env[f"RAQIB_TOPICS__{name.upper()}"] = f"{run_id}.{name}"
    if push_port:
        env["RAQIB_WEBSUB_LISTEN"] = f"127.0.0.1:{push_port}"
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _statement(run: int, rng: random.Random, vocabulary: list[str]) -> tuple[str, str, str]:
    token = f"RUN{os.getpid()}x{run}"
    speaker = SPEAKERS[run % len(SPEAKERS)]
    # distinct words per run: a new statement, not a near-duplicate of the previous run's quote
    extra = " ".join(rng.sample(vocabulary, 14))
    text = (f"قال اللواء {speaker} في بيان اليوم إن القوات القتالية الأمريكية ستنسحب من العراق "
            f"{extra} {token}.\n"
            "وأضاف أن المستشارين سيبقون لمهام التدريب والمشورة فقط.")
    return token, f"{speaker}: انسحاب القوات القتالية {token}", text


def _p95(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"p50_s": round(statistics.median(values), 2), "p95_s": round(values[int(0.95 * (len(values) - 1))], 2),
            "max_s": round(values[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--interval", type=int, default=2, help="source poll interval (s); 600 with --push")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--push", action="store_true", help="WebSub push from a local hub instead of polling")
    args = parser.parse_args()
    interval = 600 if args.push else args.interval
    run_id = f"latency{os.getpid()}"
    env = _env(run_id, _free_port() if args.push else None)
    cli = [sys.executable, "-m", "pipeline.cli"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    subprocess.run([*cli, "rules", "add", "latency-bench", "--subject", "military_withdrawal", "--statements-only",
                    "--webhook", hook, "--replace"], env=env, check=True, capture_output=True)
    site = SampleSite(port=0).start()
    hub = WebSubHub().start() if args.push else None
    if hub:
        site.hub = hub.url
    topic = f"{site.url}/rss.xml"
    tmp = Path(tempfile.mkdtemp(prefix="raqib-latency-"))
    sources = tmp / "sources.yaml"
    sources.write_text(f"sources:\n  - name: latency-rss\n    kind: rss\n    url: {topic}\n"
                       f"    interval: {interval}\n    min_interval: {interval}\n    max_interval: {interval}\n",
                       encoding="utf-8")
    worker = subprocess.Popen([*cli, "worker", "--loglevel", "warning", "--metrics-port", "0"], env=env,
                              stdout=(tmp / "worker.log").open("wb"), stderr=subprocess.STDOUT)
    connector = subprocess.Popen([*cli, "connect", "--sources", str(sources)], env=env,
                                 stdout=(tmp / "connect.log").open("wb"), stderr=subprocess.STDOUT)
    vocabulary = sorted({w for p in (Path(__file__).resolve().parent.parent / "connectors" / "sample_site" /
                                     "articles").glob("*.txt") for w in p.read_text(encoding="utf-8").split()
                         if len(w) > 5 and w.isalpha()})
    rng = random.Random(11)
    hooks, cleans, bad_produced = [], [], None
    watch = None
    try:
        time.sleep(15)  # worker joins the group, connector does its first poll of the seeds (and subscribes)
        if hub:
            deadline = time.monotonic() + 60
            while not hub.active(topic) and time.monotonic() < deadline:
                time.sleep(0.2)
            if not hub.active(topic):
                raise SystemExit(f"the connector never subscribed at the hub (see {tmp})")
            watch = CleanWatch(Settings().kafka_bootstrap, f"{run_id}.clean")
            token, title, text = _statement(10_000, random.Random(99), vocabulary)  # runs keep their texts
            site.add_article(title, text, outlet="البوابة العراقية")
            hub.publish(topic, site.rss().encode(), signature="bad")
            time.sleep(5)
            bad_produced = int(token in watch.seen)
            site.articles.pop()  # never pushed validly; not part of the runs
        for run in range(args.runs):
            token, title, text = _statement(run, rng, vocabulary)
            started = time.perf_counter()
            site.add_article(title, text, outlet="البوابة العراقية")
            if hub:
                started = time.perf_counter()
                hub.publish(topic, site.rss().encode())
            while (token not in received or (watch and token not in watch.seen)) and \
                    time.perf_counter() - started < args.timeout:
                time.sleep(0.02)
            line = f"run {run + 1}: "
            if token in received:
                hooks.append(received[token] - started)
                line += f"webhook {hooks[-1]:.2f}s"
            else:
                line += f"no webhook within {args.timeout}s (see {tmp})"
            if watch and token in watch.seen:
                cleans.append(watch.seen[token] - started)
                line += f", articles.clean {cleans[-1]:.2f}s"
            print(line, flush=True)
            time.sleep(0.5)
    finally:
        if watch:
            watch.close()
        connector.terminate()
        worker.terminate()
        for proc in (connector, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        site.stop()
        if hub:
            hub.stop()
        server.shutdown()
        subprocess.run([*cli, "rules", "remove", "latency-bench"], env=env, capture_output=True)
    if not hooks:
        raise SystemExit("no alert arrived; see the logs in " + str(tmp))
    result = {"runs": args.runs, "delivered": len(hooks), "poll_interval_s": interval,
              "mode": "push" if hub else "poll", "webhook": _p95(hooks)}
    if hub:
        result["articles_clean"] = _p95(cleans) if cleans else None
        result["bad_signature_articles_produced"] = bad_produced
    print(json.dumps(result))


if __name__ == "__main__":
    main()
