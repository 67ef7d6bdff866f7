"""Soak test: the full pipeline at a steady rate for --minutes, then drain and check every article.

    python bench/soak.py --minutes 10 --rate 4            # one worker
    python bench/soak.py --minutes 3 --rate 4 --workers 2  # scale-out: two workers share the partitions
    python bench/soak.py --minutes 0.5 --backlog 1500 --workers 2  # worker capacity on a queued backlog

Everything runs on loopback, on ports of its own (Kafka 35092/35093, OpenSearch 35200, sites 35800+)
with a temporary RAQIB_HOME, so it never touches `raqib services up` or a test session:

* --sites sample sites (``SampleSite`` with an ``ArticleStream``), each an outlet on its own port
  publishing --rate/--sites generated articles per second (the connector is polite: one request per
  second per host, so one host could not carry the rate, and several outlets is the real shape);
  feed kinds rotate over RSS, Atom, JSON Feed and news sitemap; site 0 also serves the five seeds;
* one `raqib connect` subprocess polling them every --interval seconds;
* --workers `raqib worker` subprocesses (one consumer group).

RSS of every process (Kafka, OpenSearch, connector, workers, this process which serves the sites)
is sampled every --sample-every seconds from /proc. At the end publication stops, the bench waits
until the worker group's committed offsets reach the end of its topics (lag 0) and every published
article id is in the index, then prints a table and a JSON line. Ctrl-C tears everything down.
With --backlog N, N generated articles are first queued on articles.clean (before the workers start)
and the time the complete worker group takes to index them is reported: the workers' capacity.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka.errors import KafkaError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

console = Console(stderr=True)
FEED_KINDS = (("rss", "/rss.xml"), ("atom", "/atom.xml"), ("jsonfeed", "/feed.json"), ("sitemap", "/news-sitemap.xml"))
TOPIC_FIELDS = ("clean", "enriched", "alerts", "dead_letter", "connector_state", "alert_candidates",
                "alert_deliveries", "alert_retry")


def rss_kib(pid: int, descendants: bool = True) -> int | None:
    """Resident memory of ``pid`` (plus its descendants: the connector's extraction pool) in KiB from /proc,
    None when it is gone."""
    def own(p: int) -> int | None:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            return None
        return 0

    total = own(pid)
    if total is None or not descendants:
        return total
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    stack = list(children.get(pid, []))
    while stack:
        child = stack.pop()
        total += own(child) or 0
        stack.extend(children.get(child, []))
    return total


@dataclass
class Sampled:
    """RSS samples of one process (MiB)."""

    name: str
    pid: int
    descendants: bool = True
    samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds since t0, MiB)

    def sample(self, t0: float) -> None:
        kib = rss_kib(self.pid, self.descendants)
        if kib is not None:
            self.samples.append((time.monotonic() - t0, kib / 1024))

    def summary(self, warmup: float) -> dict[str, float]:
        """RSS at t0, at the end of warm-up ("start": caches and heaps filled), at the end, and the max."""
        values = [mib for _, mib in self.samples]
        start = next((mib for t, mib in self.samples if t >= warmup), values[-1])
        return {"t0": round(values[0], 1), "start": round(start, 1), "end": round(values[-1], 1),
                "max": round(max(values), 1), "samples": len(values), "series": [round(v) for v in values]}


def private_env(args: argparse.Namespace, home: Path) -> dict[str, str]:
    """RAQIB_* settings of the bench's own services, topics, group and index."""
    from pipeline.settings import default_home

    env = {
        "RAQIB_HOME": str(home),
        "RAQIB_JARS_DIR": os.environ.get("RAQIB_JARS_DIR", str(default_home() / "jars")),
        "RAQIB_KAFKA_PORT": str(args.kafka_port), "RAQIB_KAFKA_CONTROLLER_PORT": str(args.kafka_port + 1),
        "RAQIB_SEARCH_PORT": str(args.search_port),
        "RAQIB_KAFKA_BOOTSTRAP": f"127.0.0.1:{args.kafka_port}",
        "RAQIB_SEARCH_URL": f"http://127.0.0.1:{args.search_port}",
        "RAQIB_PARTITIONS": str(args.partitions), "RAQIB_CONSUMER_GROUP": "raqib-soak",
        "RAQIB_INDEX_PREFIX": "soak", "RAQIB_ALLOW_PRIVATE_NETWORKS": "1", "RAQIB_METRICS_PORT": "0",
        "RAQIB_OPENSEARCH_HEAP": args.heap,
    }
    for name in TOPIC_FIELDS:
        env[f"RAQIB_TOPICS__{name.upper()}"] = f"soak.{name}"
    return env


class Kafka:
    """Committed offsets of the worker group against end offsets (kafka-python)."""

    def __init__(self, settings: Any) -> None:
        from kafka import KafkaAdminClient, KafkaConsumer

        self.settings = settings
        self.admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="soak-bench")
        self.consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, client_id="soak-bench",
                                      enable_auto_commit=False, isolation_level="read_committed")

    def partitions(self, topic: str) -> list[Any]:
        from kafka import TopicPartition

        return [TopicPartition(topic, p) for p in sorted(self.consumer.partitions_for_topic(topic) or ())]

    def end_total(self, topic: str) -> int:
        tps = self.partitions(topic)
        return sum(self.consumer.end_offsets(tps).values()) if tps else 0

    def lag(self) -> dict[str, int]:
        """Lag of the worker group per topic it consumes (articles.clean, articles.enriched, alert topics)."""
        group = self.settings.consumer_group
        committed = self.admin.list_group_offsets(group).get(group, {})
        ours = set(self.settings.topics.model_dump().values())
        topics = {self.settings.topics.clean, self.settings.topics.enriched}
        topics |= {tp.topic for tp in committed if tp.topic in ours}
        lag: dict[str, int] = {}
        for topic in sorted(topics):
            tps = self.partitions(topic)
            ends = self.consumer.end_offsets(tps) if tps else {}
            done = {tp: committed[tp].offset if tp in committed and committed[tp].offset >= 0 else 0 for tp in tps}
            lag[topic] = sum(self._records(tp, done[tp], end) for tp, end in ends.items())
        return lag

    def _records(self, tp: Any, start: int, end: int) -> int:
        """Records between two offsets. The connector writes in transactions: a commit marker takes an offset
        but is no record, and the worker's committed offset stops before the marker after its last record,
        so a few offsets left may be markers alone (then 0); a longer stretch is taken as it is."""
        if end - start <= 0 or end - start > 8:
            return max(0, end - start)
        self.consumer.assign([tp])
        self.consumer.seek(tp, start)
        count, deadline = 0, time.monotonic() + 5
        while self.consumer.position(tp) < end and time.monotonic() < deadline:
            count += sum(1 for rs in self.consumer.poll(timeout_ms=200).values() for r in rs if r.offset < end)
        return count if self.consumer.position(tp) >= end else end - start

    def members(self) -> list[tuple[str, list[int]]]:
        """(member id, partitions of articles.clean assigned to it) for each member of the worker group."""
        group = self.admin.describe_groups([self.settings.consumer_group]).get(self.settings.consumer_group, {})
        out = []
        for member in group.get("members", []):
            assignment = member.get("member_assignment")
            parts = assignment.get("assigned_partitions", []) if isinstance(assignment, dict) else []
            mine = sorted(p for entry in parts if entry.get("topic") == self.settings.topics.clean
                          for p in entry.get("partitions", []))
            out.append((member["member_id"], mine))
        return out

    def close(self) -> None:
        self.consumer.close()
        self.admin.close()


class Index:
    """The bench's index alias: count and which ids are stored."""

    def __init__(self, settings: Any) -> None:
        from pipeline.search import engine

        self.client, self.alias = engine.make_client(settings), settings.articles_alias

    def count(self) -> int:
        try:
            return int(self.client.count(index=self.alias)["count"])
        except Exception:  # noqa: BLE001 - before the first document the alias may not exist yet
            return 0

    def duplicates(self) -> int | None:
        """Documents the pipeline marked as near duplicates (``duplicate_of`` set), None if not queryable."""
        try:
            body = {"query": {"exists": {"field": "duplicate_of"}}}
            return int(self.client.count(index=self.alias, body=body)["count"])
        except Exception:  # noqa: BLE001 - informative only
            return None

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias)

    def found(self, ids: list[str], chunk: int = 1000) -> set[str]:
        got: set[str] = set()
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            resp = self.client.search(index=self.alias, body={"query": {"ids": {"values": part}}, "_source": False,
                                                              "size": len(part)})
            got.update(hit["_id"] for hit in resp["hits"]["hits"])
        return got


def queue_backlog(count: int, settings: Any) -> tuple[list[str], float]:
    """Queue ``count`` generated articles straight on articles.clean before the workers start; (ids, seconds)."""
    from datetime import UTC, datetime, timedelta

    from connectors.producer import ArticleProducer
    from connectors.sample_site.generate import generated_article
    from pipeline.models import ArticleClean, article_id_for, content_hash

    origin = datetime.now(UTC).replace(microsecond=0)
    ids = []
    started = time.monotonic()
    with ArticleProducer(settings) as producer:
        for n in range(count):
            art = generated_article(n, seed=1000, outlet="backlog", published=origin + timedelta(seconds=n))
            url = f"https://backlog.example{art.path}"
            ids.append(article_id_for(url))
            producer.send(ArticleClean(id=ids[-1], url=url, source="backlog", outlet=art.outlet, title=art.title,
                                       text=art.text, published_at=art.published, content_hash=content_hash(art.text)))
    return ids, time.monotonic() - started


def drain_backlog(count: int, index: Index) -> dict[str, Any]:
    """Time the workers (all joined) indexing the queued backlog: their capacity, which the polite
    connector cannot reach at soak rates. Counted from the moment the group is complete."""
    started, already = time.monotonic(), index.count()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as bar:
        task = bar.add_task("backlog indexed", total=count)
        while (done := index.count()) < count and time.monotonic() - started < 900:
            bar.update(task, completed=done)
            time.sleep(0.5)
    elapsed = time.monotonic() - started
    return {"backlog": count, "backlog_indexed_before_group_complete": already, "backlog_s": round(elapsed, 1),
            "backlog_per_s": round((done - already) / elapsed, 1)}


def safe_lag(kafka: Kafka, previous: dict[str, int]) -> dict[str, int]:
    """Current lag, or ``previous`` while the broker cannot answer (a sample missed is not a failure)."""
    try:
        return kafka.lag()
    except KafkaError as exc:
        console.print(f"[yellow]lag not read: {exc}[/]")
        return previous


def spawn(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A child in its own session: Ctrl-C reaches the bench, which stops children in order."""
    return subprocess.Popen(cmd, env={**os.environ, **env}, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            cwd=log.parent, start_new_session=True)


def terminate(proc: subprocess.Popen, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="raqib-soak-"))
    home.mkdir(parents=True, exist_ok=True)
    env = private_env(args, home)
    os.environ.update(env)
    from connectors.runner import item_id
    from connectors.sample_site import SampleSite
    from connectors.sample_site.generate import ArticleStream
    from pipeline.ops.services import LocalServices
    from pipeline.settings import Settings, get_settings
    from pipeline.topics import ensure_topics

    get_settings.cache_clear()
    settings = Settings()
    services = LocalServices(settings, log=lambda m: console.print(f"[dim]{m}[/]"))
    cli = [sys.executable, "-m", "pipeline.cli"]
    total = math.ceil(args.rate * args.minutes * 60)
    per_site = [total // args.sites + (1 if i < total % args.sites else 0) for i in range(args.sites)]
    streams = [ArticleStream(rate=args.rate / args.sites, total=per_site[i], seed=i, outlet=f"شبكة الأخبار {i + 1}")
               for i in range(args.sites)]
    sites: list[SampleSite] = []
    procs: dict[str, subprocess.Popen] = {}
    kafka: Kafka | None = None
    result: dict[str, Any] = {}
    try:
        started = time.monotonic()
        services.up(timeout=300)
        console.print(f"services up in {time.monotonic() - started:.1f}s (home {home})")
        ensure_topics(settings)
        status = {s.name: s.pid for s in services.status()}
        for i, stream in enumerate(streams):
            sites.append(SampleSite(port=args.site_port + i, stream=stream, seeds=i == 0).start())
        sources = home / "sources.yaml"
        sources.write_text("sources:\n" + "".join(
            f"  - name: soak-{i}\n    kind: {FEED_KINDS[i % len(FEED_KINDS)][0]}\n"
            f"    url: {site.url}{FEED_KINDS[i % len(FEED_KINDS)][1]}\n"
            f"    interval: {args.interval}\n    max_interval: {args.interval}\n"
            for i, site in enumerate(sites)), encoding="utf-8")
        backlog_ids, produce_s = queue_backlog(args.backlog, settings) if args.backlog else ([], 0.0)
        for w in range(args.workers):
            procs[f"worker-{w + 1}"] = spawn([*cli, "worker", "--loglevel", "warning", "--metrics-port", "0"],
                                             env, home / f"worker-{w + 1}.log")
        kafka = Kafka(settings)
        index = Index(settings)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # every worker joined with partitions before the clock starts
            try:
                members = kafka.members()
            except KafkaError:  # the group coordinator is not available until the group first forms
                members = []
            if len(members) >= args.workers and all(parts for _, parts in members):
                break
            for name, proc in procs.items():
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited at start; see {home / (name + '.log')}")
            time.sleep(1)
        else:
            raise RuntimeError(f"workers did not all get partitions within 120 s: {kafka.members()}")
        assignment = kafka.members()
        console.print(f"worker group: {len(assignment)} member(s), partitions of {settings.topics.clean}: "
                      f"{[parts for _, parts in assignment]}")
        backlog = drain_backlog(args.backlog, index) if args.backlog else {}
        if backlog:
            backlog["backlog_produce_s"] = round(produce_s, 1)
        procs["connector"] = spawn([*cli, "connect", "--sources", str(sources)], env, home / "connector.log")
        tracked = [Sampled("kafka", status["kafka"]), Sampled("opensearch", status["opensearch"]),
                   Sampled("bench+sites", os.getpid(), descendants=False)]
        tracked += [Sampled(name, proc.pid) for name, proc in procs.items()]
        t0 = time.monotonic()
        for t in tracked:
            t.sample(t0)
        for stream in streams:
            stream.start()
        next_sample, next_check, indexed, lag_now = t0 + args.sample_every, t0, 0, {}
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console) as bar:
            pub = bar.add_task("published", total=total)
            idx = bar.add_task("indexed", total=total)
            while not all(s.done for s in streams):
                now = time.monotonic()
                for name, proc in procs.items():
                    if proc.poll() is not None:
                        raise RuntimeError(f"{name} died (exit {proc.returncode}); see {home / (name + '.log')}")
                if now >= next_sample:
                    for t in tracked:
                        t.sample(t0)
                    next_sample += args.sample_every
                if now >= next_check:
                    indexed, lag_now = index.count(), safe_lag(kafka, lag_now)
                    next_check = now + 5
                published = sum(s.published() for s in streams)
                bar.update(pub, completed=published)
                bar.update(idx, completed=min(indexed, total), description=f"indexed (lag {sum(lag_now.values())})")
                time.sleep(1)
            published = sum(s.stop() for s in streams)
            publish_seconds = time.monotonic() - t0
            drain_start = time.monotonic()
            expected_ids = sorted(set(backlog_ids)
                                  | {item_id(site.url + a.path) for site in sites for a in site.articles}
                                  | {item_id(site.url + p) for site, s in zip(sites, streams, strict=True)
                                     for p in s.paths()})
            bar.update(idx, total=len(expected_ids))
            drained = False
            while time.monotonic() - drain_start < args.drain_timeout:
                indexed, lag_now = index.count(), safe_lag(kafka, {"?": -1})
                bar.update(idx, completed=indexed, description=f"draining (lag {sum(lag_now.values())})")
                if indexed >= len(expected_ids) and sum(lag_now.values()) == 0:
                    drained = True
                    break
                time.sleep(2)
            drain_seconds = time.monotonic() - drain_start
        for t in tracked:
            t.sample(t0)
        index.refresh()
        found = index.found(expected_ids)
        stored = index.count()
        lag_end = kafka.lag()
        total_seconds = publish_seconds + drain_seconds
        warmup = min(60.0, publish_seconds / 5)
        result = {
            **backlog, "minutes": args.minutes, "rate_target": args.rate, "workers": args.workers, "sites": args.sites,
            "partitions": args.partitions, "poll_interval_s": args.interval,
            "assignment": [parts for _, parts in assignment],
            "generated_published": published, "articles_expected": len(expected_ids),
            "indexed_found": len(found), "missing": len(expected_ids) - len(found),
            "index_docs": stored, "unexpected_docs": stored - len(found),
            "duplicate_of_set": index.duplicates(),
            "clean_messages": kafka.end_total(settings.topics.clean),
            "enriched_messages": kafka.end_total(settings.topics.enriched),
            "dead_letters": kafka.end_total(settings.topics.dead_letter),
            "publish_s": round(publish_seconds, 1), "drain_s": round(drain_seconds, 1), "drained": drained,
            "throughput_per_s": round(len(found) / total_seconds, 2),
            "publish_rate_per_s": round(published / publish_seconds, 2),
            "lag_end": sum(lag_end.values()), "lag_end_by_topic": lag_end,
            "warmup_s": warmup, "rss_mib": {t.name: t.summary(warmup) for t in tracked if t.samples},
            "missing_sample": sorted(set(expected_ids) - found)[:10],
        }
        (home / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        return result
    finally:
        for name in [n for n in procs if n == "connector"] + [n for n in procs if n != "connector"]:
            terminate(procs[name])
        for site in sites:
            site.stop()
        if kafka is not None:
            try:
                kafka.close()
            except Exception:  # noqa: BLE001 - teardown goes on
                pass
        services.down()
        if not args.keep and not args.home:
            shutil.rmtree(home, ignore_errors=True)
        elif not result:
            console.print(f"logs kept in {home}")


def report(result: dict[str, Any]) -> None:
    table = Table("process", "RSS t0 (MiB)", f"RSS start, t={result['warmup_s']:.0f}s", "RSS end (MiB)",
                  "RSS max (MiB)", title="memory")
    for name, r in result["rss_mib"].items():
        table.add_row(name, f"{r['t0']:.0f}", f"{r['start']:.0f}", f"{r['end']:.0f}", f"{r['max']:.0f}")
    summary = Table("what", "value", title=f"soak: {result['minutes']} min at {result['rate_target']}/s, "
                                          f"{result['workers']} worker(s)")
    for key in ("articles_expected", "indexed_found", "missing", "unexpected_docs", "clean_messages",
                "enriched_messages", "duplicate_of_set", "dead_letters", "publish_s", "publish_rate_per_s", "drain_s",
                "throughput_per_s", "lag_end", "assignment", "backlog", "backlog_s", "backlog_per_s"):
        if key in result:
            summary.add_row(key, str(result[key]))
    out = Console()
    out.print(summary)
    out.print(table)
    print(json.dumps(result, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=4.0, help="generated articles per second, all sites")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sites", type=int, default=10, help="outlets (ports) sharing the rate")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--interval", type=int, default=3, help="source poll interval (s)")
    parser.add_argument("--sample-every", type=float, default=30, help="RSS sampling period (s)")
    parser.add_argument("--drain-timeout", type=float, default=300)
    parser.add_argument("--kafka-port", type=int, default=35092, help="controller uses the next port")
    parser.add_argument("--search-port", type=int, default=35200)
    parser.add_argument("--site-port", type=int, default=35800)
    parser.add_argument("--heap", default="1g", help="OpenSearch heap")
    parser.add_argument("--home", help="RAQIB_HOME to use (kept); default a temporary folder, removed")
    parser.add_argument("--backlog", type=int, default=0,
                        help="first queue this many articles on articles.clean and time the workers draining them")
    parser.add_argument("--keep", action="store_true", help="keep the temporary home (logs) afterwards")
    args = parser.parse_args()
    if args.rate <= 0 or args.minutes <= 0 or args.workers < 1 or args.sites < 1:
        parser.error("--rate, --minutes, --workers and --sites must be positive")
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        result = run(args)
    except KeyboardInterrupt:
        console.print("[yellow]interrupted: everything stopped[/]")
        raise SystemExit(130) from None
    report(result)
    if result["missing"] or result["lag_end"] or not result["drained"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
