"""Alert latency: publish a new article on the sample site, time until the webhook receives the alert.

    raqib services up && python bench/latency.py --runs 10 --interval 2
Runs the real pipeline on the local services: the sample site, `raqib connect` polling its RSS feed
every --interval seconds, one `raqib worker`, a rule with a webhook to a local receiver. Each run
publishes a statement by a different speaker (so it is a new alert, not an update) and measures
feed change -> webhook call. The poll interval is reported separately: on average half of it is
waiting for the next poll.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from connectors.sample_site import SampleSite

SPEAKERS = ["يحيى رسول", "سعد معن", "ناظم الوائلي", "كريم الحسيني", "عبد الأمير الشمري", "عبد الوهاب الساعدي",
            "حسن المالكي", "محمد العبيدي", "علي الجبوري", "عمر الدليمي", "صباح النعمان", "فلاح الراوي"]
received: dict[str, float] = {}


class Hook(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        quote = json.dumps(body, ensure_ascii=False)
        for token in [t for t in quote.split() if t.startswith("RUN")]:
            received.setdefault(token.strip('",.'), time.perf_counter())
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--interval", type=int, default=2, help="source poll interval (s)")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    run_id = f"latency{os.getpid()}"
    # Topics, consumer group and indices of its own: no backlog of earlier runs, no bench data in yours.
    env = {**os.environ, "RAQIB_ALLOW_PRIVATE_NETWORKS": "1", "RAQIB_METRICS_PORT": "0",
           "RAQIB_CONSUMER_GROUP": run_id, "RAQIB_PARTITIONS": "2", "RAQIB_INDEX_PREFIX": run_id}
    for name in ("clean", "enriched", "alerts", "dead_letter", "connector_state", "alert_candidates",
                 "alert_deliveries", "alert_retry"):
        env[f"RAQIB_TOPICS__{name.upper()}"] = f"{run_id}.{name}"
    cli = [sys.executable, "-m", "pipeline.cli"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    subprocess.run([*cli, "rules", "add", "latency-bench", "--subject", "military_withdrawal", "--statements-only",
                    "--webhook", hook, "--replace"], env=env, check=True, capture_output=True)
    site = SampleSite(port=0).start()
    tmp = Path(tempfile.mkdtemp(prefix="raqib-latency-"))
    sources = tmp / "sources.yaml"
    sources.write_text(f"sources:\n  - name: latency-rss\n    kind: rss\n    url: {site.url}/rss.xml\n"
                       f"    interval: {args.interval}\n    max_interval: {args.interval}\n", encoding="utf-8")
    worker = subprocess.Popen([*cli, "worker", "--loglevel", "warning", "--metrics-port", "0"], env=env,
                              stdout=(tmp / "worker.log").open("wb"), stderr=subprocess.STDOUT)
    connector = subprocess.Popen([*cli, "connect", "--sources", str(sources)], env=env,
                                 stdout=(tmp / "connect.log").open("wb"), stderr=subprocess.STDOUT)
    vocabulary = sorted({w for p in (Path(__file__).resolve().parent.parent / "connectors" / "sample_site" /
                                     "articles").glob("*.txt") for w in p.read_text(encoding="utf-8").split()
                         if len(w) > 5 and w.isalpha()})
    rng = random.Random(11)
    latencies = []
    try:
        time.sleep(15)  # worker joins the group, connector does its first poll of the seeds
        for run in range(args.runs):
            token = f"RUN{os.getpid()}x{run}"
            speaker = SPEAKERS[run % len(SPEAKERS)]
            # distinct words per run: a new statement, not a near-duplicate of the previous run's quote
            extra = " ".join(rng.sample(vocabulary, 14))
            text = (f"قال اللواء {speaker} في بيان اليوم إن القوات القتالية الأمريكية ستنسحب من العراق "
                    f"{extra} {token}.\n"
                    "وأضاف أن المستشارين سيبقون لمهام التدريب والمشورة فقط.")
            started = time.perf_counter()
            site.add_article(f"{speaker}: انسحاب القوات القتالية {token}", text, outlet="البوابة العراقية")
            while token not in received and time.perf_counter() - started < args.timeout:
                time.sleep(0.05)
            if token in received:
                latencies.append(received[token] - started)
                print(f"run {run + 1}: {latencies[-1]:.2f}s", flush=True)
            else:
                print(f"run {run + 1}: no webhook within {args.timeout}s (see {tmp})", flush=True)
            time.sleep(0.5)
    finally:
        connector.terminate()
        worker.terminate()
        for proc in (connector, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        site.stop()
        server.shutdown()
        subprocess.run([*cli, "rules", "remove", "latency-bench"], env=env, capture_output=True)
    if not latencies:
        raise SystemExit("no alert arrived; see the logs in " + str(tmp))
    latencies.sort()
    result = {"runs": args.runs, "delivered": len(latencies), "poll_interval_s": args.interval,
              "p50_s": round(statistics.median(latencies), 2),
              "p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 2), "max_s": round(latencies[-1], 2)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
