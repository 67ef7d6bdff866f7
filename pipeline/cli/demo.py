"""`raqib demo`: the whole pipeline on the embedded default, end to end.

Starts (or reuses) the local Kafka and OpenSearch, serves the sample Arabic news site on loopback,
runs a worker, polls the site's RSS feed once through the real connector, waits until every article
is searchable, then prints a search and the withdrawal statements found.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from rich.console import Console
from rich.markup import escape

from pipeline.errors import RaqibError
from pipeline.settings import Settings


class DemoFailed(RaqibError):
    """A step of the demo did not complete; the message names the step and the log to read."""


def _start_worker(settings: Settings) -> tuple[subprocess.Popen, str]:
    log_path = settings.home / "logs" / "demo-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "worker", "--loglevel", "warning",
                             "--metrics-port", "0"], stdout=log_path.open("wb"), stderr=subprocess.STDOUT,
                            env=os.environ.copy())
    return proc, str(log_path)


def _poll_site(settings: Settings, feed_url: str, outlet: str) -> tuple[list[str], object]:
    from connectors.http import PoliteFetcher
    from connectors.producer import ArticleProducer
    from connectors.runner import poll_once
    from connectors.sources import SourceEntry
    from connectors.state import MemoryStateStore

    sent: list[str] = []
    entry = SourceEntry(name="sample-rss", kind="rss", url=feed_url, outlet=outlet, interval=60)
    local = settings.model_copy(update={"allow_private_networks": True})

    async def run() -> object:
        with ArticleProducer(local) as producer:
            def send(article) -> None:
                producer.send(article)
                sent.append(article.id)

            async with PoliteFetcher(local, min_delay=0.0) as fetcher:
                return await poll_once([entry], fetcher, send, MemoryStateStore(), producer.send_dead_letter)

    summary = asyncio.run(run())
    return sent, summary


def run_demo(settings: Settings, query: str, timeout: float, console: Console) -> None:
    from connectors.sample_site import SampleSite
    from pipeline.cli.search import print_hits
    from pipeline.ops.services import LocalServices
    from pipeline.search import engine, templates
    from pipeline.search.query import search_articles
    from pipeline.topics import ensure_topics

    console.rule("[bold]raqib demo")
    local_url = f"http://127.0.0.1:{settings.search_port}"
    if settings.search_url.rstrip("/") == local_url and settings.kafka_bootstrap == f"127.0.0.1:{settings.kafka_port}":
        console.print("1. local services (Kafka 4 KRaft, OpenSearch 2.19) …")
        LocalServices(settings, log=console.print).up()  # a ServiceError says what to install or free
    else:
        console.print(f"1. using configured services: Kafka {settings.kafka_bootstrap}, {settings.search_url}")
    ensure_topics(settings)
    client = engine.make_client(settings)
    templates.setup(client, settings)

    site = SampleSite(port=settings.demo_site_port)
    site.start()
    worker, worker_log = _start_worker(settings)
    try:
        console.print(f"2. sample site at {site.url} (RSS {site.url}/rss.xml); worker started (log {worker_log})")
        started = time.monotonic()
        since = datetime.now(UTC).isoformat()  # a previous demo indexed the same ids: wait for this run's
        sent, summary = _poll_site(settings, f"{site.url}/rss.xml", outlet="")
        counts = summary.as_dict()
        console.print(f"3. connector polled the feed once: {len(sent)} article(s) produced to "
                      f"{settings.topics.clean} (new {counts['new']}, duplicates {counts['duplicates']}, "
                      f"failed {sum(counts['failed'].values())})")
        if not sent:
            raise DemoFailed("the connector produced nothing from the sample site; see the summary above")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            engine.refresh(client, settings.articles_alias)
            found = engine.search(client, settings.articles_alias,
                                  {"query": {"bool": {"filter": [{"ids": {"values": sent}},
                                                                 {"range": {"enriched_at": {"gte": since}}}]}},
                                   "size": 0})["hits"]["total"]["value"]
            if found >= len(sent):
                break
            if worker.poll() is not None:
                raise DemoFailed(f"the worker stopped; see {worker_log}")
            time.sleep(0.5)
        else:
            raise DemoFailed(f"only {found}/{len(sent)} articles searchable after {timeout:.0f}s; see {worker_log}")
        console.print(f"4. all {len(sent)} articles enriched and searchable in "
                      f"{time.monotonic() - started:.1f}s")

        console.print(f"\n[bold]raqib search {query!r}[/]")
        print_hits(console, search_articles(client, settings, query, size=5))

        statements = engine.search(client, settings.articles_alias, {
            "size": 10, "_source": ["title", "outlet", "statements"],
            "query": {"term": {"subjects": "military_withdrawal"}}})["hits"]["hits"]
        console.print(f"5. articles with statements on military withdrawal: {len(statements)}")
        for doc in statements:
            for st in doc["_source"].get("statements", []):
                if "military_withdrawal" in st.get("subjects", []):
                    speaker = (st.get("speaker") or {}).get("text") or (
                        f"({doc['_source'].get('outlet') or 'unattributed'}, no speaker named)"
                        if st.get("attributed") is False else "(speaker not found)")
                    stance = f" ({st['stance']})" if st.get("stance") else ""
                    console.print(f"   • [bold]{escape(speaker)}[/] {escape(st.get('verb', ''))}{stance}: "
                                  f"{escape(st['quote'][:160])}")
        console.print("done. Try: raqib search 'انسحاب القوات' --subject military_withdrawal")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        site.stop()
