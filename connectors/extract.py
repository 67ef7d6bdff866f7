"""Article extraction: trafilatura for the main text and metadata, then the Arabic cleaner.

``extract_article`` is a pure function (HTML in, ``ArticleClean`` or ``ExtractionFailure`` out);
``ExtractionPool`` runs it in worker processes so the event loop that fetches never stalls on it.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import trafilatura
from lxml import html as lxml_html

from connectors.kinds import FeedItem
from connectors.sources import SourceEntry
from connectors.urls import canonical_from_html, canonicalize_url
from pipeline.models import ArticleClean, article_id_for, content_hash
from pipeline.settings import DEFAULT_TIMEZONE
from pipeline.text.clean import clean_article_text
from pipeline.text.dates import parse_date

MIN_TEXT_CHARS = 80
_DATE_META = (
    "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
    "date", "dc.date", "dcterms.created",
)


@dataclass
class ExtractionFailure:
    """Why a page gave no article (counted by ``reason``)."""

    url: str
    reason: str
    detail: str = ""


def _page_datetime(html: str, tz: str) -> datetime | None:
    """A full timestamp from the page's meta tags or <time datetime>, when it has one."""
    try:
        doc = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    values = [
        v for name in _DATE_META
        for v in doc.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content")
    ] + doc.xpath("//time/@datetime")
    for value in values:
        parsed = parse_date(value, tz)
        if parsed is not None:
            return parsed
    return None


def clean_text(text: str) -> tuple[str, float | None, bool]:
    """(clean text, Arabic ratio, is Arabic) via the shared Arabic cleaner."""
    cleaned = clean_article_text(text)
    return cleaned.text, cleaned.arabic_ratio, cleaned.is_arabic


def normalize_url(url: str) -> str:
    """``url`` in canonical form; an URL the canonicaliser cannot parse keeps its own form."""
    try:
        return canonicalize_url(url) or url
    except ValueError:
        return url


def canonical_url(html: str, url: str) -> str:
    """The page's canonical URL (link rel=canonical / og:url) normalised, else ``url`` normalised."""
    try:
        found = canonical_from_html(html, url) if html else None
    except ValueError:  # a broken canonical tag must not lose the article
        found = None
    return normalize_url(found) if found else normalize_url(url)


def _same_site(a: str, b: str) -> bool:
    host = lambda u: (urlsplit(u).hostname or "").removeprefix("www.")  # noqa: E731
    return host(a) == host(b)


def extract_article(
    html: str, url: str, feed_item: FeedItem | None = None, source: SourceEntry | None = None
) -> ArticleClean | ExtractionFailure:
    """Extract, clean and describe one article page."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura may raise anything on hostile markup
        return ExtractionFailure(url, "extraction_error", repr(exc)[:300])
    raw = (doc.text or "") if doc is not None else ""
    if doc is None or len(raw.strip()) < MIN_TEXT_CHARS:
        return ExtractionFailure(url, "empty_extraction", f"{len(raw.strip())} characters of text")
    lines = raw.strip().split("\n")
    if doc.title and len(lines) > 1 and " ".join(lines[0].split()) == " ".join(doc.title.split()):
        raw = "\n".join(lines[1:])  # the headline is the title, not the first paragraph
    text, ratio, is_arabic = clean_text(raw)
    if len(text.strip()) < MIN_TEXT_CHARS:
        return ExtractionFailure(url, "empty_extraction", "nothing left after cleaning")
    canonical = canonical_url(html, url)
    if not _same_site(canonical, url):  # a canonical tag pointing off-site is not trusted
        canonical = normalize_url(url)
    tz = source.timezone if source else DEFAULT_TIMEZONE
    published = _page_datetime(html, tz)
    if published is None and doc.date:
        try:
            published = datetime.fromisoformat(doc.date).replace(tzinfo=ZoneInfo(tz))
        except (ValueError, KeyError):
            published = None
        feed_date = feed_item.published if feed_item else None
        if feed_date and (published is None or feed_date.date() == published.date()):
            published = feed_date  # same day, but the feed knows the time
    if published is None and feed_item is not None:
        published = feed_item.published
    title = (doc.title or "").strip() or (feed_item.title if feed_item else "")
    title = re.sub(r"\s+", " ", title)
    outlet = (source.outlet if source and source.outlet else None) or (
        (feed_item.extra.get("outlet") if feed_item else None) or doc.sitename or doc.hostname or ""
    )
    lead = next((p for p in text.split("\n") if len(p.strip()) > 40), "")
    return ArticleClean(
        id=article_id_for(canonical), url=canonical, source=source.name if source else "", outlet=outlet,
        title=title, text=text, original_text=raw, lead=lead[:500], author=doc.author or None,
        published_at=published, language="ar" if is_arabic else (doc.language or "und"),
        arabic_ratio=ratio, non_arabic=not is_arabic, content_hash=content_hash(text),
        metadata={k: v for k, v in {
            "page_url": url, "sitename": doc.sitename, "description": doc.description,
            "tags": doc.tags, "categories": doc.categories, "page_language": doc.language,
            "feed_title": feed_item.title if feed_item else None,
        }.items() if v},
    )


class ExtractionPool:
    """Runs ``extract_article`` in worker processes (``workers=0`` runs inline, for tests)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = ProcessPoolExecutor(workers) if workers != 0 else None

    async def extract(
        self, html: str, url: str, feed_item: FeedItem | None = None, source: SourceEntry | None = None
    ) -> ArticleClean | ExtractionFailure:
        if self._executor is None:
            return extract_article(html, url, feed_item, source)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, extract_article, html, url, feed_item, source)
        except BrokenProcessPool as exc:
            self._executor = ProcessPoolExecutor(self.workers)
            return ExtractionFailure(url, "worker_crashed", repr(exc))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
