"""``raqib services``: the local Kafka and OpenSearch (no Docker needed)."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.console import console, err, fail
from pipeline.errors import ServiceError
from pipeline.ops.services import LocalServices
from pipeline.settings import get_settings

services_app = typer.Typer(help="Start, stop and inspect the local Kafka and OpenSearch (no Docker needed).",
                           no_args_is_help=True)


def _log(message: str) -> None:
    err.print(f"[dim]{message}[/]")


@services_app.command("up")
def services_up(timeout: Annotated[float, typer.Option(help="Seconds to wait for both to answer")] = 240) -> None:
    """Start Kafka (KRaft) and OpenSearch if they are not running, then wait until both answer."""
    started = time.monotonic()
    try:
        statuses = LocalServices(get_settings(), log=_log).up(timeout=timeout)
    except ServiceError as exc:
        fail(exc)
    for status in statuses:
        console.print(f"[green]✓[/] {status.name:<10} {status.address}  (pid {status.pid})")
    console.print(f"ready in {time.monotonic() - started:.1f}s")


@services_app.command("install")
def services_install() -> None:
    """Resolve the Kafka and OpenSearch jars from Maven Central into the cache (done by `up` too)."""
    services = LocalServices(get_settings(), log=_log)
    try:
        for name in ("kafka", "opensearch"):
            console.print(f"[green]✓[/] {name} jars in {services.resolve_jars(name)}")
    except ServiceError as exc:
        fail(exc)


@services_app.command("down")
def services_down() -> None:
    """Stop the local services this project started (pid files); data is kept."""
    stopped = LocalServices(get_settings()).down()
    console.print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))


@services_app.command("status")
def services_status() -> None:
    """Show whether Kafka and OpenSearch run and answer."""
    table = Table("service", "address", "pid", "answering")
    statuses = LocalServices(get_settings()).status()
    for s in statuses:
        table.add_row(s.name, s.address, str(s.pid or "-"), "[green]yes[/]" if s.answering else "[red]no[/]")
    console.print(table)
    if not all(s.answering for s in statuses):
        raise typer.Exit(1)
