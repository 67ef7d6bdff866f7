"""`raqib sources catalog` and the `--live` half of `raqib sources check`: thin wiring to the terminal."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.table import Table

console = Console()
err = Console(stderr=True)


def catalog_command(
    country: Annotated[str | None, typer.Option(help="Only outlets of this country (ISO code, e.g. IQ)")] = None,
    query: Annotated[str | None, typer.Option(help="Only outlets whose name, host or tags contain these words")] = None,
    write: Annotated[Path | None, typer.Option(help="Write a sources file here instead of printing it")] = None,
    interval: Annotated[int, typer.Option(min=1, help="Seconds between polls for every source")] = 300,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --write's file if it exists")] = False,
) -> None:
    """Build a sources file from raqib's catalogue of real Arabic news outlets.

    Feeds were collected from public lists and publishers' pages, not fetched: run
    `raqib sources check FILE --live` (with internet) to drop dead or moved ones.
    """
    from connectors.catalog import load_catalog, select, to_sources
    from pipeline.cli.console import fail

    outlets = select(load_catalog().outlets, country, query)
    if not outlets:
        fail(f"no outlet in the catalogue matches country={country!r} query={query!r}")
    entries = to_sources(outlets, interval)
    text = yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False)
    without = [o for o in outlets if not o.feeds]
    if write is None:
        console.print(text, markup=False, highlight=False, end="")
    else:
        if write.exists() and not force:
            fail(f"{write} exists; pass --force to overwrite it")
        write.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(entries)} source(s) from {len(outlets)} outlet(s) to {write}")
    if without:
        names = ", ".join(o.homepage.url for o in without[:5]) + (" …" if len(without) > 5 else "")
        err.print(f"{len(without)} outlet(s) have no known feed; try `raqib sources discover URL` on: {names}")


def live_report(entries: list, concurrency: int = 8) -> int:
    """Fetch each source through the polite fetcher (SSRF guard as configured) and print a verdict table.

    Returns the number of problems (dead, refused, not a feed); moved feeds are shown but still work.
    """
    from connectors.http import PoliteFetcher
    from connectors.liveness import check_live
    from pipeline.settings import get_settings

    async def run():
        async with PoliteFetcher(get_settings()) as fetcher:
            return await check_live(entries, fetcher, concurrency)

    results = asyncio.run(run())
    table = Table("source", "status", "detail", title="live check")
    colour = {"ok": "green", "moved": "yellow"}
    for r in results:
        table.add_row(r.name, f"[{colour.get(r.status, 'red')}]{r.status}[/]", r.detail)
    console.print(table)
    tally = {s: sum(r.status == s for r in results) for s in ("ok", "moved", "dead", "not_a_feed", "blocked")}
    console.print(", ".join(f"{n} {s}" for s, n in tally.items()))
    return sum(r.problem for r in results)
