"""Find a site's feeds and sitemaps and print them as ``sources.yaml`` entries."""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from connectors.http import PoliteFetcher
from connectors.kinds import FeedSource, ParseError, SitemapSource
from connectors.sources import SourceEntry
from pipeline.errors import BlockedAddress

FEED_TYPES = {
    "application/rss+xml": "rss", "application/atom+xml": "atom", "application/rdf+xml": "rdf",
    "application/feed+json": "jsonfeed", "application/json": "jsonfeed",
}
COMMON_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/feed.json", "/sitemap.xml",
                "/news-sitemap.xml", "/sitemap_news.xml")


def _name(url: str, kind: str) -> str:
    host = (urlsplit(url).hostname or "site").removeprefix("www.")
    path = re.sub(r"[^a-z0-9]+", "-", urlsplit(url).path.lower()).strip("-")
    return f"{host}-{kind}" + (f"-{path}" if path and path not in (kind, f"{kind}-xml") else "")


async def discover_async(
    url: str, fetcher: PoliteFetcher | None = None, probe: bool = True
) -> list[dict[str, Any]]:
    """Feeds (``<link rel=alternate>``) and sitemaps (robots.txt ``Sitemap:``) of the site at ``url``."""
    own = fetcher is None
    fetcher = fetcher or PoliteFetcher()
    found: dict[str, str] = {}
    try:
        page = await fetcher.fetch(url)
        if page.outcome == "blocked_address":  # not "no feed found": say why nothing was asked
            raise BlockedAddress(f"{url}: {page.error}; set RAQIB_ALLOW_PRIVATE_NETWORKS=1 for a site on this "
                                 "machine or network")
        for href, kind in _feed_links(page.text()) if page.ok else []:
            _add(found, page.final_url, href, kind)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = await fetcher.fetch(origin + "/robots.txt")
        if robots.ok:
            for line in robots.text().splitlines():
                if line.lower().startswith("sitemap:"):
                    _add(found, origin, line.split(":", 1)[1], "sitemap")
        if probe and not found:
            for path in COMMON_PATHS:
                await _probe(fetcher, origin + path, found)
        return [_entry(u, k) for u, k in found.items()]
    finally:
        if own:
            await fetcher.close()


def _add(found: dict[str, str], base: str, href: str, kind: str) -> None:
    """Record an http(s) feed or sitemap URL; a ``javascript:`` or unparsable href is not a source."""
    try:
        url = urljoin(base, href.strip())
        ok = urlsplit(url).scheme in ("http", "https") and bool(urlsplit(url).hostname)
    except ValueError:  # "http://[::1"
        return
    if ok:
        found.setdefault(url, kind)


def _feed_links(text: str) -> list[tuple[str, str]]:
    """(href, kind) of the ``<link rel=alternate>`` feeds of a page; none for a page lxml cannot read
    (empty, only a comment, an XML declaration with an encoding)."""
    try:
        doc = lxml_html.fromstring(text or "<html/>")
    except (etree.ParserError, ValueError):
        return []
    out = []
    for link in doc.xpath("//link[@href][contains(@rel, 'alternate')]"):
        kind = FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        if kind:
            out.append((link.get("href"), kind))
    return out


async def _probe(fetcher: PoliteFetcher, url: str, found: dict[str, str]) -> None:
    result = await fetcher.fetch(url)
    if not result.ok:
        return
    entry = SourceEntry(name="probe", url=url)
    for kind, reader in (("sitemap", SitemapSource(entry)), ("feed", FeedSource(entry))):
        try:
            if reader.items(result) or (kind == "sitemap" and SitemapSource(entry).children(result)):
                found.setdefault(result.final_url, kind)
                return
        except ParseError:
            continue


def _entry(url: str, kind: str) -> dict[str, Any]:
    return {"name": _name(url, kind), "kind": kind, "url": url, "interval": 300 if kind != "sitemap" else 600}


def discover(url: str, fetcher: PoliteFetcher | None = None) -> list[dict[str, Any]]:
    """Synchronous ``discover_async``: entries ready to paste into ``sources.yaml``."""
    return asyncio.run(discover_async(url, fetcher))
