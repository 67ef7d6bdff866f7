"""Source kinds: one small class per kind, each turning a fetched document into ``FeedItem`` s."""

from __future__ import annotations

import calendar
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from lxml import html as lxml_html

from connectors.http import FetchResult, decode_html
from connectors.sources import SourceEntry
from pipeline.errors import ParseError
from pipeline.text.dates import SANE_YEARS, parse_date

MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass
class FeedItem:
    """One article link found by a source, with whatever the source said about it."""

    url: str
    title: str = ""
    published: datetime | None = None
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _join(base: str, link: str) -> str:
    """``link`` resolved against ``base``; "" for a link no URL parser accepts (``http://[::1``)."""
    try:
        return urljoin(base, link.strip())
    except ValueError:
        return ""


def _feed_time(when: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; None for impossible or placeholder years."""
    if not when or when[0] not in SANE_YEARS:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(when), UTC)
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def _filtered(entry: SourceEntry, items: list[FeedItem]) -> list[FeedItem]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.url in seen or not _http_url(item.url) or not entry.accepts(item.url):
            continue
        seen.add(item.url)
        out.append(item)
    return out


def safe_xml(body: bytes) -> etree._Element:
    """Parse XML without entity expansion, DTD loading or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"invalid XML: {exc}") from exc
    if root is None:
        raise ParseError("empty or unreadable XML document")
    return root


_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.I)
_ELEMENT_RE = re.compile(rb"<[A-Za-z_:]")


def strip_internal_subset(body: bytes) -> bytes:
    """Drop every DTD internal subset (``<!DOCTYPE x [ ... ]>`` → ``<!DOCTYPE x >``) so that no entity
    declared in the document can be expanded by any parser (XXE, billion laughs).

    feedparser's own DOCTYPE filter only sees ``<!ENTITY`` at the start of a line, and expat then expands
    nested entities up to its amplification limit (seconds of CPU per feed), so the subset goes before
    feedparser sees the document. Quoted values and comments inside the subset are skipped correctly;
    only the prolog (before the first element) is looked at.
    """
    out: list[bytes] = []
    pos = 0
    while (m := _DOCTYPE_RE.search(body, pos)) is not None:
        element = _ELEMENT_RE.search(body, pos)
        if element is not None and element.start() < m.start():
            break  # past the prolog: a "<!DOCTYPE" in content (CDATA) is text, not a declaration
        i = m.end()
        while i < len(body) and body[i] not in b"[>":
            i += 1
        if i >= len(body) or body[i] == ord(">"):  # no internal subset
            out.append(body[pos:i + 1])
            pos = i + 1
            continue
        j, quote, end = i + 1, 0, -1
        while j < len(body):
            c = body[j]
            if quote:
                quote = 0 if c == quote else quote
            elif c in b"'\"":
                quote = c
            elif body.startswith(b"<!--", j):
                close = body.find(b"-->", j + 4)
                j = len(body) if close < 0 else close + 2
            elif c == ord("]"):
                k = j + 1
                while k < len(body) and body[k] in b" \t\r\n":
                    k += 1
                if k < len(body) and body[k] == ord(">"):
                    end = k
                    break
            j += 1
        if end < 0:
            raise ParseError("unterminated DOCTYPE internal subset")
        out.append(body[pos:i] + b">")
        pos = end + 1
    out.append(body[pos:])
    return b"".join(out)


class FeedSource:
    """RSS 2.0, Atom, RDF (via feedparser) and JSON Feed."""

    def __init__(self, entry: SourceEntry) -> None:
        self.entry = entry

    def items(self, result: FetchResult) -> list[FeedItem]:
        body = result.body.lstrip()
        if body[:1] == b"{":
            return _filtered(self.entry, self._json_feed(result))
        parsed = feedparser.parse(strip_internal_subset(body), response_headers={"content-location": result.final_url})
        items = []
        for e in parsed.entries:
            link = e.get("link") or e.get("id") or ""
            if not link:
                continue
            when = e.get("published_parsed") or e.get("updated_parsed")
            items.append(FeedItem(
                url=_join(result.final_url, link), title=(e.get("title") or "").strip(),
                published=_feed_time(when), summary=(e.get("summary") or "").strip(),
                extra={"author": e.get("author"), "tags": [t.get("term") for t in e.get("tags", [])]},
            ))
        if not items and (parsed.bozo or not parsed.get("version")):
            raise ParseError(f"not a readable feed: {parsed.get('bozo_exception', 'unknown format')}")
        return _filtered(self.entry, items)

    def _json_feed(self, result: FetchResult) -> list[FeedItem]:
        try:
            data = json.loads(decode_html(result.body, result.headers))
        except ValueError as exc:
            raise ParseError(f"invalid JSON feed: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ParseError("JSON feed without an 'items' list")
        items = []
        tz = self.entry.timezone
        for it in data["items"]:
            if not isinstance(it, dict):
                continue
            link = it.get("url") or it.get("external_url") or it.get("id")
            if not isinstance(link, str):
                continue
            items.append(FeedItem(
                url=_join(result.final_url, link), title=str(it.get("title") or ""),
                published=parse_date(it.get("date_published") or it.get("date_modified"), tz),
                summary=str(it.get("summary") or ""),
            ))
        return items


class SitemapSource:
    """XML sitemaps and news sitemaps (``news:`` extension), plain or gzipped; indexes list children."""

    NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "news": "http://www.google.com/schemas/sitemap-news/0.9"}

    def __init__(self, entry: SourceEntry) -> None:
        self.entry = entry

    def _root(self, result: FetchResult) -> etree._Element:
        body = result.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_SITEMAP_BYTES + 1)
            except (OSError, EOFError) as exc:
                raise ParseError(f"bad gzip sitemap: {exc}") from exc
            if len(body) > MAX_SITEMAP_BYTES:
                raise ParseError("gzipped sitemap too large")
        root = safe_xml(body)
        try:
            etree.QName(root)
        except ValueError as exc:  # a recovered tree whose root is no element name ("<:")
            raise ParseError(f"not a sitemap: {exc}") from exc
        return root

    def children(self, result: FetchResult) -> list[str]:
        """Child sitemap URLs of a sitemap index (empty for an ordinary sitemap)."""
        root = self._root(result)
        if etree.QName(root).localname != "sitemapindex":
            return []
        locs = root.xpath("//*[local-name()='sitemap']/*[local-name()='loc']/text()")
        return [u for u in (_join(result.final_url, loc) for loc in locs if loc.strip()) if _http_url(u)]

    def items(self, result: FetchResult) -> list[FeedItem]:
        root = self._root(result)
        if etree.QName(root).localname == "sitemapindex":
            return []
        if etree.QName(root).localname != "urlset":
            raise ParseError(f"not a sitemap: root element <{etree.QName(root).localname}>")
        items = []
        for node in root.xpath("//*[local-name()='url']"):
            loc = node.xpath("string(*[local-name()='loc'])").strip()
            if not loc:
                continue
            title = node.xpath("string(*[local-name()='news']/*[local-name()='title'])").strip()
            date = (node.xpath("string(*[local-name()='news']/*[local-name()='publication_date'])").strip()
                    or node.xpath("string(*[local-name()='lastmod'])").strip())
            outlet = node.xpath(
                "string(*[local-name()='news']/*[local-name()='publication']/*[local-name()='name'])"
            ).strip()
            items.append(FeedItem(
                url=_join(result.final_url, loc), title=title,
                published=parse_date(date, self.entry.timezone), extra={"outlet": outlet} if outlet else {},
            ))
        return _filtered(self.entry, items)


class ListingSource:
    """An HTML listing page (section front, "latest news"): same-site links that look like articles."""

    SKIP = re.compile(
        r"/(tag|tags|category|categories|section|sections|author|authors|page|search|login|register|contact|about|feed)(/|$)"
        r"|\.(jpe?g|png|gif|webp|svg|pdf|mp4|mp3|zip|css|js|xml)$|^#|[?&](page|replytocom)=",
        re.I,
    )

    def __init__(self, entry: SourceEntry) -> None:
        self.entry = entry

    def looks_like_article(self, url: str) -> bool:
        path = urlsplit(url).path
        if self.SKIP.search(url) or path in ("", "/"):
            return False
        segments = [s for s in path.split("/") if s]
        last = segments[-1] if segments else ""
        return bool(re.search(r"\d{3,}", path)) or len(segments) >= 2 or len(last) >= 25 or "-" in last

    def items(self, result: FetchResult) -> list[FeedItem]:
        text = decode_html(result.body, result.headers)
        if not text.strip():
            raise ParseError("empty listing page")
        try:
            doc = lxml_html.fromstring(text)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"unreadable HTML: {exc}") from exc
        base = doc.xpath("string(//base/@href)") or result.final_url
        host = urlsplit(result.final_url).hostname
        items = []
        for a in doc.xpath("//a[@href]"):
            url = _join(base, a.get("href")).split("#")[0]
            if not _http_url(url) or urlsplit(url).hostname != host or url.rstrip("/") == result.final_url.rstrip("/"):
                continue
            if not self.entry.include and not self.looks_like_article(url):
                continue
            items.append(FeedItem(url=url, title=" ".join(a.text_content().split())))
        return _filtered(self.entry, items)


def kind_for(entry: SourceEntry) -> FeedSource | SitemapSource | ListingSource:
    """The kind class that reads ``entry``'s documents."""
    if entry.kind == "sitemap":
        return SitemapSource(entry)
    if entry.kind == "listing":
        return ListingSource(entry)
    if entry.kind == "files":
        raise ValueError("kind 'files' is read by runner.ingest_files, not polled")
    return FeedSource(entry)
