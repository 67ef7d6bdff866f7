"""`raqib sources check --live`: is each source still a live feed at the same address?

Every source is fetched once through the polite fetcher (robots.txt, per-host delay, size limits and the
SSRF guard all apply) and classified, so a user can prune dead or moved feeds from a sources file
(for example one built from the outlet catalogue, whose URLs were collected without fetching them).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

from connectors.http import FetchResult, PoliteFetcher
from connectors.kinds import kind_for
from connectors.sources import SourceEntry
from pipeline.errors import ParseError

Status = Literal["ok", "moved", "dead", "not_a_feed", "blocked"]


@dataclass(frozen=True)
class LiveResult:
    """What one source looked like when fetched."""

    name: str
    url: str
    status: Status
    detail: str
    final_url: str = ""
    items: int = 0

    @property
    def problem(self) -> bool:
        """Dead, refused or not a feed; a moved feed still works but its URL should be updated."""
        return self.status in ("dead", "not_a_feed", "blocked")


def classify(entry: SourceEntry, result: FetchResult) -> LiveResult:
    """Turn one ``FetchResult`` into a verdict; pure, so every branch is testable without a network."""
    if result.outcome in ("blocked_address", "robots_disallowed"):
        return LiveResult(entry.name, entry.url, "blocked", result.error or result.outcome)
    if result.outcome != "ok":
        detail = f"HTTP {result.status}" if result.status else (result.error or result.outcome)
        return LiveResult(entry.name, entry.url, "dead", detail, result.final_url)
    try:
        items = kind_for(entry).items(result)
    except (ParseError, ValueError) as exc:
        kind = result.headers.get("content-type", "unknown type")
        return LiveResult(entry.name, entry.url, "not_a_feed", f"{kind}: {exc}", result.final_url)
    if result.final_url != entry.url:
        return LiveResult(entry.name, entry.url, "moved", f"now at {result.final_url}", result.final_url,
                          len(items))
    return LiveResult(entry.name, entry.url, "ok", f"{len(items)} item(s)", result.final_url, len(items))


async def check_live(entries: list[SourceEntry], fetcher: PoliteFetcher, concurrency: int = 8) -> list[LiveResult]:
    """Fetch every source (at most ``concurrency`` at once; per-host politeness is the fetcher's) and classify."""
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(entry: SourceEntry) -> LiveResult:
        if entry.kind == "files":
            return LiveResult(entry.name, entry.url, "ok", "local files are not fetched")
        async with gate:
            return classify(entry, await fetcher.fetch(entry.url))

    return list(await asyncio.gather(*(one(e) for e in entries)))
