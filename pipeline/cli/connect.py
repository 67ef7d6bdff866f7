"""`raqib connect` and `raqib sources …`: thin wiring of the connector pieces to Kafka and the terminal."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Annotated

import structlog
import typer
import yaml
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from pipeline.settings import get_settings

log = structlog.get_logger("raqib.connect")
console = Console()
err = Console(stderr=True)
sources_app = typer.Typer(help="Validate and discover news sources (sources.yaml).", no_args_is_help=True)


def _load(path: Path):
    from connectors.sources import load_sources, polled

    if not path.exists():
        err.print(f"[red]error:[/] sources file {path} not found; copy sources.example.yaml to start")
        raise typer.Exit(1)
    entries, errors = load_sources(path)
    for error in errors:
        err.print(f"[yellow]skipped source:[/] {escape(str(error))}")
    entries, notes = polled(entries)
    for note in notes:
        err.print(f"[yellow]skipped source:[/] {escape(note)}")
    if not entries:
        err.print(f"[red]error:[/] no valid source in {path}")
        raise typer.Exit(1)
    return entries


def summary_table(summary) -> Table:
    table = Table("source", "fetched", "not modified", "new", "duplicates", "failed", title="connector summary")
    for name, s in sorted(summary.sources.items()):
        failed = ", ".join(f"{reason} {n}" for reason, n in sorted(s.failed.items())) or "0"
        if s.error:
            failed += f" ({s.error})"
        table.add_row(name, str(s.fetched), str(s.not_modified), str(s.new), str(s.duplicates), failed)
    return table


def connector_kafka(settings, instance: int = 0, once: bool = False):
    """The connector's Kafka writers: a transactional ``ArticleProducer``, the ``KafkaStateStore`` writing
    through it, and the ``send_and_save`` that commits an article with the state marking it seen.

    The transactional id is stable per connector instance (and apart for --once runs, so a manual run never
    fences a running service): a restarted connector aborts what the killed one left open.
    """
    from connectors.producer import ArticleProducer
    from connectors.state import KafkaStateStore

    base = settings.connector_transactional_id or f"raqib-connector.{settings.topics.connector_state}"
    producer = ArticleProducer(settings, transactional_id=f"{base}.{instance}" + (".once" if once else ""))
    try:
        state = KafkaStateStore(settings, producer=producer)
    except BaseException:
        producer.close()
        raise
    return producer, state, state.save_with


def connect_command(
    sources: Annotated[Path | None, typer.Option(help="Sources file (default: settings.sources_file)")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, show a summary, exit")] = False,
    instance: Annotated[int, typer.Option(help="This instance's index when sharding sources")] = 0,
    instances: Annotated[int, typer.Option(help="Number of connector instances sharing the sources")] = 1,
    metrics_port: Annotated[int, typer.Option(help="Prometheus metrics port (0 = off)")] = 0,
) -> None:
    """Monitor the sources: fetch politely, extract, clean and produce new articles to Kafka.

    Without --once it runs until SIGTERM/Ctrl-C, then flushes the producer and saves its state.
    State (ETags, seen items, next poll) lives in a compacted Kafka topic, so a restart resumes.
    """
    from connectors.extract import ExtractionPool
    from connectors.http import PoliteFetcher
    from connectors.producer import ProduceError
    from connectors.runner import poll_once
    from connectors.state import owns
    from pipeline.topics import ensure_topics

    settings = get_settings()
    entries = _load(sources or settings.sources_file)
    if metrics_port:
        from prometheus_client import start_http_server

        start_http_server(metrics_port)
    try:
        ensure_topics(settings)
        producer, state, send_and_save = connector_kafka(settings, instance, once)
    except (ProduceError, RuntimeError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc

    async def run() -> None:
        with ExtractionPool() as pool:
            async with PoliteFetcher(settings) as fetcher:
                if once:
                    mine = [e for e in entries if owns(e.name, instance, instances)]
                    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  console=err, transient=True) as bar:
                        task = bar.add_task(f"polling {len(mine)} source(s): new articles", total=0)

                        def progress(event: dict) -> None:
                            if event.get("event") == "items":
                                bar.update(task, total=bar.tasks[0].total + event.get("todo", 0))
                            elif event.get("event") == "sent":
                                bar.advance(task)

                        summary = await poll_once(mine, fetcher, producer.send, state,
                                                  producer.send_dead_letter, progress, pool=pool,
                                                  send_and_save=send_and_save)
                    console.print(summary_table(summary))
                    return
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for sig in (signal.SIGTERM, signal.SIGINT):
                    loop.add_signal_handler(sig, stop.set)
                mine = [e for e in entries if owns(e.name, instance, instances)]
                await _run_with_push(settings, mine, fetcher, producer, state, send_and_save, pool, stop, instance,
                                     instances)

    try:
        asyncio.run(run())
    finally:
        state.close()
        producer.close()


async def _run_with_push(settings, entries, fetcher, producer, state, send_and_save, pool, stop, instance,
                         instances) -> None:
    """Poll forever; with ``websub_listen`` set, also serve WebSub callbacks and keep subscriptions."""
    from connectors.runner import SourceLocks, push_source, run_forever

    locks = SourceLocks()
    manager = None
    if settings.websub_listen:
        from connectors.websub import KafkaSubscriptionStore
        from connectors.websub_server import WebSubManager

        async def on_push(entry, document) -> int:
            summary = await push_source(entry, document, fetcher, producer.send, state, producer.send_dead_letter,
                                        locks, pool=pool, send_and_save=send_and_save)
            log.info("push_summary", source=entry.name, new=summary.new, duplicates=summary.duplicates)
            return summary.new

        manager = WebSubManager(settings, entries, KafkaSubscriptionStore(settings), on_push)
        address = await manager.start()
        log.info("websub_listening", address=address, callback=manager.callback)

    def on_summary(summary) -> None:
        log.info("poll_summary", **summary.as_dict())
        if manager is not None:
            for name, s in summary.sources.items():
                manager.note_polled(name, s.new)

    try:
        await asyncio.gather(
            run_forever(entries, fetcher, producer.send, state, producer.send_dead_letter, stop, pool=pool,
                        instance_index=instance, instance_count=instances, on_summary=on_summary, locks=locks,
                        on_feed=manager.note_feed if manager else None, send_and_save=send_and_save),
            *([manager.run(stop)] if manager else []))
    finally:
        if manager is not None:
            await manager.close()
            manager.store.close()


@sources_app.command("check")
def sources_check(
    path: Annotated[Path, typer.Argument(help="Sources file")] = Path("sources.yaml"),
    live: Annotated[bool, typer.Option("--live", help="Also fetch each source: report dead, moved, non-feeds")] = False,
) -> None:
    """Validate a sources file: each bad entry is named with its field; exit 1 if any.

    With --live (needs internet) each source is fetched once, politely and through the SSRF guard, and
    exit is 1 when any is dead, refused or not a feed; moved feeds are reported with their new URL.
    """
    from connectors.sources import load_sources, polled

    entries, errors = load_sources(path)
    for error in errors:
        err.print(f"[red]✗[/] {escape(str(error))}")
    for note in polled(entries)[1]:
        err.print(f"[yellow]![/] {escape(note)}")
    console.print(f"{len(entries)} valid source(s), {len(errors)} error(s)")
    problems = 0
    if live and entries:
        from pipeline.cli.catalog import live_report

        problems = live_report(entries)
    if errors or problems:
        raise typer.Exit(1)


@sources_app.command("discover")
def sources_discover(url: Annotated[str, typer.Argument(help="Home page of a news site")]) -> None:
    """Find a site's feeds and sitemaps and print entries ready to paste into sources.yaml."""
    from connectors.discover import discover

    found = discover(url)
    if not found:
        err.print(f"no feed or sitemap found at {url}")
        raise typer.Exit(1)
    console.print(yaml.safe_dump({"sources": found}, allow_unicode=True, sort_keys=False))
