"""Article extraction: trafilatura for the main text and metadata, then the Arabic cleaner.

``extract_article`` is a pure function (HTML in, ``ArticleClean`` or ``ExtractionFailure`` out);
``ExtractionPool`` runs it in worker processes so the event loop that fetches never stalls on it.

Never worse than trafilatura alone: the body is trafilatura's own balanced extraction (what
``trafilatura.extract`` gives, without reader comments), and raqib only takes from it what it can name,
the headline block above the body and the chrome lines of :mod:`pipeline.text.clean`. Its precision mode
drops whole paragraphs on some pages and picks a related-news list on others, so it is only tried when
the balanced body reads as a list of links. The page is parsed once; metadata comes from the meta tags,
JSON-LD and ``<title>``.
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
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title
from trafilatura.settings import Document
from trafilatura.utils import load_html

from connectors.kinds import FeedItem
from connectors.sources import SourceEntry
from connectors.urls import canonical_from_tree, canonicalize_url
from pipeline.models import ArticleClean, article_id_for, content_hash
from pipeline.settings import DEFAULT_TIMEZONE
from pipeline.text.clean import CleanedText, clean_article_text, strip_headline
from pipeline.text.dates import parse_date

MIN_TEXT_CHARS = 80
#: share of the body's characters that are link texts of the page above which it is a list of links
#: (a related-news block: 0.78 on a real page; real article bodies measured at most 0.43)
LINK_LIST_SHARE = 0.6
_MIN_ANCHOR_CHARS = 4  # shorter link texts ("1", "›") are found inside any line
_DATE_META = (
    "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
    "date", "dc.date", "dcterms.created",
)
_OPTIONS = {"include_comments": False, "include_tables": True, "include_images": False, "include_links": False}


@dataclass
class ExtractionFailure:
    """Why a page gave no article (counted by ``reason``)."""

    url: str
    reason: str
    detail: str = ""


def parse_page(html: str | bytes) -> HtmlElement | None:
    """The page's tree (trafilatura's own loader, so its extraction sees the same tree), or None."""
    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


def _page_datetime(tree: HtmlElement, tz: str) -> datetime | None:
    """A full timestamp from the page's meta tags or <time datetime>, when it has one."""
    values = [
        v for name in _DATE_META
        for v in tree.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content")
    ] + tree.xpath("//time/@datetime")
    for value in values:
        parsed = parse_date(value, tz)
        if parsed is not None:
            return parsed
    return None


def page_metadata(tree: HtmlElement) -> Document:
    """Title, author, description, site name, tags and categories from meta tags, JSON-LD and <title>.

    No search of the whole page for a byline or tag links (trafilatura's fallbacks): they took a third
    of the extraction time for fields only kept as metadata.
    """
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader may raise on broken JSON
        pass
    meta.title = meta.title or extract_title(tree)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    meta.language = meta.language or (tree.get("lang") or "").split("-")[0].lower() or None
    return meta


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


def canonical_url(tree: HtmlElement | None, url: str) -> str:
    """The page's canonical URL (link rel=canonical / og:url) normalised, else ``url`` normalised."""
    try:
        found = canonical_from_tree(tree, url) if tree is not None else None
    except ValueError:  # a broken canonical tag must not lose the article
        found = None
    return normalize_url(found) if found else normalize_url(url)


def _same_site(a: str, b: str) -> bool:
    host = lambda u: (urlsplit(u).hostname or "").removeprefix("www.")  # noqa: E731
    return host(a) == host(b)


def anchor_texts(tree: HtmlElement) -> set[str]:
    """The texts of the page's links, whitespace collapsed (short ones left out)."""
    texts = (" ".join(a.text_content().split()) for a in tree.iter("a"))
    return {t for t in texts if len(t) >= _MIN_ANCHOR_CHARS}


def link_share(text: str, anchors: set[str]) -> float:
    """Share of the characters of ``text`` (line by line) that are link texts of the page."""
    total = covered = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            total += len(line)
            covered += min(len(line), sum(len(a) for a in anchors if a in line))
    return covered / total if total else 0.0


def _extract_body(tree: HtmlElement, url: str, precision: bool) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, favor_precision=precision, **_OPTIONS)
    return (doc.text or "") if doc is not None else ""


def _body(tree: HtmlElement, url: str, title: str | None) -> tuple[str, CleanedText]:
    """(extracted text, cleaned text): the balanced body, or the precision body when the balanced one
    is a list of links and the precision one is not."""
    raw = strip_headline(_extract_body(tree, url, precision=False), title)
    cleaned = clean_article_text(raw)
    anchors = anchor_texts(tree)
    if link_share(cleaned.text, anchors) >= LINK_LIST_SHARE:
        other = strip_headline(_extract_body(tree, url, precision=True), title)
        other_cleaned = clean_article_text(other)
        if len(other_cleaned.text) >= MIN_TEXT_CHARS and link_share(other_cleaned.text, anchors) < LINK_LIST_SHARE:
            return other, other_cleaned
    return raw, cleaned


def _published(tree: HtmlElement, url: str, feed_item: FeedItem | None, tz: str) -> datetime | None:
    """Page meta or <time> timestamp, else the page's date (htmldate) refined by the feed's time, else the
    feed's timestamp."""
    published = _page_datetime(tree, tz)
    feed_date = feed_item.published if feed_item else None
    if published is None:
        try:
            day = find_date(tree, extensive_search=False, original_date=True, url=url)
            published = datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(tz)) if day else None
        except (ValueError, KeyError):
            published = None
        if feed_date and published is not None and feed_date.date() == published.date():
            published = feed_date  # same day, but the feed knows the time
    return published if published is not None else feed_date


def extract_article(
    html: str, url: str, feed_item: FeedItem | None = None, source: SourceEntry | None = None
) -> ArticleClean | ExtractionFailure:
    """Extract, clean and describe one article page."""
    try:
        tree = parse_page(html)
        if tree is None:
            return ExtractionFailure(url, "empty_extraction", "not an HTML page")
        meta = page_metadata(tree)
        raw, cleaned = _body(tree, url, meta.title)
    except Exception as exc:  # noqa: BLE001 - trafilatura may raise anything on hostile markup
        return ExtractionFailure(url, "extraction_error", repr(exc)[:300])
    if len(raw.strip()) < MIN_TEXT_CHARS:
        return ExtractionFailure(url, "empty_extraction", f"{len(raw.strip())} characters of text")
    text = cleaned.text
    if len(text.strip()) < MIN_TEXT_CHARS:
        return ExtractionFailure(url, "empty_extraction", "nothing left after cleaning")
    canonical = canonical_url(tree, url)
    if not _same_site(canonical, url):  # a canonical tag pointing off-site is not trusted
        canonical = normalize_url(url)
    published = _published(tree, url, feed_item, source.timezone if source else DEFAULT_TIMEZONE)
    title = re.sub(r"\s+", " ", (meta.title or "").strip() or (feed_item.title if feed_item else ""))
    hostname = (urlsplit(url).hostname or "").removeprefix("www.")
    outlet = (source.outlet if source and source.outlet else None) or (
        (feed_item.extra.get("outlet") if feed_item else None) or meta.sitename or hostname
    )
    author = meta.author or ((feed_item.extra.get("author") or None) if feed_item else None)
    lead = next((p for p in text.split("\n") if len(p.strip()) > 40), "")
    return ArticleClean(
        id=article_id_for(canonical), url=canonical, source=source.name if source else "", outlet=outlet,
        title=title, text=text, original_text=raw, lead=lead[:500], author=author,
        published_at=published, language="ar" if cleaned.is_arabic else (meta.language or "und"),
        arabic_ratio=cleaned.arabic_ratio, non_arabic=not cleaned.is_arabic, content_hash=content_hash(text),
        metadata={k: v for k, v in {
            "page_url": url, "sitename": meta.sitename, "description": meta.description,
            "tags": meta.tags or (feed_item.extra.get("tags") if feed_item else None),
            "categories": meta.categories, "page_language": meta.language,
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
