"""Polling: sources -> feed items -> article pages -> extraction -> producer, with counted outcomes.

Every failure ends in a counter and a ``DeadLetter``; one bad page or source never stops the batch.
A failed send stops that source and leaves the item unseen, so the next poll retries it.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from connectors.extract import ExtractionFailure, ExtractionPool, clean_text, extract_article, normalize_url
from connectors.http import FetchResult, PoliteFetcher, decode_html
from connectors.kinds import FeedItem, SitemapSource, kind_for
from connectors.schedule import Hints, bounds_for, feed_hints, next_interval, observe
from connectors.sources import SourceEntry
from connectors.state import MAX_FEED_ITEMS, ConnectorState, StateStore, owns
from pipeline.errors import MessageTooLarge, ParseError
from pipeline.metrics import ARTICLES_PRODUCED
from pipeline.models import ArticleClean, DeadLetter, article_id_for, content_hash
from pipeline.settings import DEFAULT_TIMEZONE
from pipeline.text.dates import parse_date

ProducerSend = Callable[[ArticleClean], Any]
#: sends an article and saves the state that marks it seen as one write (the connector's Kafka transaction)
SendAndSave = Callable[[ArticleClean, ConnectorState], Any]
DeadLetterSend = Callable[[DeadLetter], Any]
Progress = Callable[[dict[str, Any]], None]
#: told of every feed document fetched (WebSub hub discovery reads its links and headers)
FeedSeen = Callable[[SourceEntry, FetchResult], None]


class SourceLocks:
    """One lock per source: a WebSub push and a poll of the same source never run at once, so both read
    and write the same state one after the other and no item is produced twice."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def __call__(self, source: str) -> asyncio.Lock:
        return self._locks.setdefault(source, asyncio.Lock())

#: outcomes that will not change on retry: the item is marked seen so it is not fetched again
PERMANENT_OUTCOMES = {"http_error", "too_large", "robots_disallowed", "blocked_address", "redirect_loop"}
MAX_CHILD_SITEMAPS = 20
MAX_ITEMS_PER_POLL = 200


@dataclass
class SourceSummary:
    """Counts for one source in one poll."""

    name: str
    fetched: int = 0
    not_modified: int = 0
    items: int = 0
    new: int = 0
    duplicates: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    ids: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """Counts for one ``poll_once`` over many sources."""

    sources: dict[str, SourceSummary] = field(default_factory=dict)
    elapsed: float = 0.0

    def total(self, name: str) -> int:
        return sum(getattr(s, name) for s in self.sources.values())

    @property
    def failed(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for s in self.sources.values():
            total.update(s.failed)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.total("fetched"), "not_modified": self.total("not_modified"),
            "items": self.total("items"), "new": self.total("new"), "duplicates": self.total("duplicates"),
            "failed": dict(self.failed), "elapsed": round(self.elapsed, 3),
            "errors": {n: s.error for n, s in self.sources.items() if s.error},
        }


async def _call(fn: Callable[..., Any], *values: Any) -> None:
    result = fn(*values)
    if inspect.isawaitable(result):
        await result


async def _dead(dead_letter_send: DeadLetterSend, stage: str, reason: str, url: str | None) -> None:
    try:
        await _call(dead_letter_send, DeadLetter(stage=stage, reason=reason[:1000], url=url))
    except Exception:  # noqa: BLE001 - losing a dead letter must not stop ingestion
        pass


def item_id(url: str) -> str:
    """Id of a feed item before its page is fetched (hash of the normalised URL)."""
    return article_id_for(normalize_url(url))


class _Batch:
    """Ids claimed during one poll, shared by all sources (duplicates across feeds)."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def claim(self, *ids: str) -> bool:
        if any(i in self.ids for i in ids):
            return False
        self.ids.update(ids)
        return True


async def _feed_items(
    entry: SourceEntry, result: FetchResult, fetcher: PoliteFetcher, summary: SourceSummary,
    dead_letter_send: DeadLetterSend,
) -> list[FeedItem]:
    kind = kind_for(entry)
    items = await asyncio.to_thread(kind.items, result)  # a huge feed parses for seconds: not on the loop
    if isinstance(kind, SitemapSource):
        for child_url in kind.children(result)[:MAX_CHILD_SITEMAPS]:
            child = await fetcher.fetch(child_url)
            if not child.ok:
                summary.failed[child.outcome] += 1
                await _dead(dead_letter_send, "fetch_feed", f"{child.outcome}: {child.error}", child_url)
                continue
            try:
                items.extend(await asyncio.to_thread(kind.items, child))
            except ParseError as exc:
                summary.failed["parse_error"] += 1
                await _dead(dead_letter_send, "parse_feed", str(exc), child_url)
    return items


async def _fetch_and_extract(
    item: FeedItem, entry: SourceEntry, fetcher: PoliteFetcher, pool: ExtractionPool | None
) -> tuple[FeedItem, FetchResult, ArticleClean | ExtractionFailure | None]:
    page = await fetcher.fetch(item.url)
    if not page.ok:
        return item, page, None
    html = page.text()
    if pool is None:
        return item, page, extract_article(html, page.final_url, item, entry)
    return item, page, await pool.extract(html, page.final_url, item, entry)


def _published_key(published: datetime | None) -> tuple[int, float]:
    if published is None:
        return (1, 0.0)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (0, published.timestamp())


@dataclass
class _SourcePoll:
    """What one poll of one source works with: its state, its summary and where results go."""

    entry: SourceEntry
    state: ConnectorState
    state_store: StateStore
    summary: SourceSummary
    batch: _Batch
    producer_send: ProducerSend
    dead_letter_send: DeadLetterSend
    note: Progress
    hints: Hints | None = None
    pushed: bool = False
    send_and_save: SendAndSave | None = None

    def finish(self) -> SourceSummary:
        """Save the state; a poll (not a push) also sets when the next poll is due."""
        if not self.pushed:
            now = time.time()
            self.state.schedule(next_interval(self.state.learned, now, bounds_for(self.entry), self.hints), now)
        self.state_store.save(self.state)
        return self.summary

    def learn(self, items: list[FeedItem], todo: list[tuple[FeedItem, str]]) -> None:
        """Teach the schedule the feed's publication times (undated new items count as arriving now)."""
        published = [_published_key(i.published)[1] for i in items if i.published is not None]
        undated = sum(1 for item, _ in todo if item.published is None)
        self.state.learned = observe(self.state.learned, published, time.time(), undated, self.state.last_poll)

    def new_items(self, items: list[FeedItem], ids: list[str] | None = None
                  ) -> tuple[list[tuple[FeedItem, str]], bool]:
        """Items not seen before (nor claimed by another source this round), oldest first, capped per poll;
        and whether some were left for the next poll. ``ids`` are the items' ids when already computed."""
        todo: list[tuple[FeedItem, str]] = []
        ids = ids if ids is not None else [item_id(item.url) for item in items]
        self.state.touch_seen(ids)
        for item, iid in zip(items, ids, strict=True):
            if self.state.has_seen(iid) or not self.batch.claim(iid):
                self.summary.duplicates += 1
                continue
            todo.append((item, iid))
        deferred = len(todo) > MAX_ITEMS_PER_POLL  # the rest waits for the next poll
        todo = todo[:MAX_ITEMS_PER_POLL]
        # Feeds list newest first; sending oldest first lets an original reach the duplicate index before
        # its syndicated copies (undated items last, otherwise feed order is kept).
        todo.sort(key=lambda pair: _published_key(pair[0].published))
        return todo, deferred

    async def deliver(self, item: FeedItem, iid: str, page: FetchResult, outcome: Any) -> bool:
        """Send one fetched item (or dead-letter why not); False when the producer failed and the poll must stop."""
        summary, state = self.summary, self.state
        if outcome is None:
            summary.failed[page.outcome] += 1
            await _dead(self.dead_letter_send, "fetch_article", f"{page.outcome}: {page.error}", item.url)
            if page.outcome in PERMANENT_OUTCOMES:
                state.mark_seen(iid)
            return True
        if isinstance(outcome, ExtractionFailure):
            summary.failed[outcome.reason] += 1
            await _dead(self.dead_letter_send, "extract", f"{outcome.reason}: {outcome.detail}", item.url)
            state.mark_seen(iid)
            return True
        if outcome.id != iid and (state.has_seen(outcome.id) or not self.batch.claim(outcome.id)):
            summary.duplicates += 1  # same article under another URL
            state.mark_seen(iid)
            return True
        try:
            if self.send_and_save is not None:
                await _call(self.send_and_save, outcome, state.with_seen(iid, outcome.id))
            else:
                await _call(self.producer_send, outcome)
        except MessageTooLarge as exc:  # permanent: dead-letter it and go on with the source
            summary.failed["too_large"] += 1
            await _dead(self.dead_letter_send, "produce", f"too_large: {exc}", outcome.url)
            state.mark_seen(iid)
            state.mark_seen(outcome.id)
            return True
        except Exception as exc:  # noqa: BLE001 - any other producer failure stops this source
            summary.failed["send_failed"] += 1
            summary.error = state.last_error = f"send failed: {exc!r}"
            await _dead(self.dead_letter_send, "produce", summary.error, outcome.url)
            return False
        state.mark_seen(iid)
        state.mark_seen(outcome.id)
        # The state is saved with every article, so a connector killed mid-poll resumes without re-sending
        # what Kafka has. With ``send_and_save`` (`raqib connect`: one Kafka transaction) the article and the
        # state marking it seen are committed together or not at all, so a kill at any point leaves no
        # article that the saved state does not know; a plain ``producer_send`` is followed by the save here.
        if self.send_and_save is None:
            self.state_store.save(state)
        ARTICLES_PRODUCED.labels(source=self.entry.name).inc()
        summary.new += 1
        summary.ids.append(outcome.id)
        self.note({"source": self.entry.name, "event": "sent", "id": outcome.id, "url": outcome.url})
        return True


async def poll_source(
    entry: SourceEntry, fetcher: PoliteFetcher, producer_send: ProducerSend, state_store: StateStore,
    dead_letter_send: DeadLetterSend, *, batch: _Batch | None = None, pool: ExtractionPool | None = None,
    progress: Progress | None = None, pushed: FetchResult | None = None, on_feed: FeedSeen | None = None,
    send_and_save: SendAndSave | None = None,
) -> SourceSummary:
    """Poll one source once and send what is new; with ``pushed`` (a feed a WebSub hub delivered) the
    document is taken as fetched: same items, same state, same path, so push and poll never duplicate.
    With ``send_and_save`` each article goes out through it with its state, not through ``producer_send``."""
    poll = _SourcePoll(entry, state_store.load(entry.name, float(entry.interval)), state_store,
                       SourceSummary(entry.name), batch or _Batch(), producer_send, dead_letter_send,
                       progress or (lambda event: None), pushed=pushed is not None, send_and_save=send_and_save)
    state, summary = poll.state, poll.summary
    result = pushed or await fetcher.fetch(entry.url, state.etag, state.last_modified)
    poll.hints = feed_hints(result.body, result.headers, result.status)
    if result.outcome == "not_modified":
        summary.not_modified += 1
        poll.note({"source": entry.name, "event": "not_modified"})
        return poll.finish()
    if not result.ok:
        summary.failed[result.outcome] += 1
        summary.error = state.last_error = f"{result.outcome}: {result.error}"
        await _dead(dead_letter_send, "fetch_feed", summary.error, entry.url)
        return poll.finish()
    summary.fetched += 1
    if on_feed is not None and not pushed:
        on_feed(entry, result)
    try:
        items = await _feed_items(entry, result, fetcher, summary, dead_letter_send)
    except ParseError as exc:
        summary.failed["parse_error"] += 1
        summary.error = state.last_error = f"parse_error: {exc}"
        await _dead(dead_letter_send, "parse_feed", str(exc), entry.url)
        return poll.finish()
    summary.items = len(items)
    items, ids = await _listed_ids(items)
    todo, deferred = poll.new_items(items, ids)
    poll.learn(items, todo)
    poll.note({"source": entry.name, "event": "items", "items": len(items), "todo": len(todo)})
    results = await asyncio.gather(*(_fetch_and_extract(item, entry, fetcher, pool) for item, _ in todo))
    send_failed = False
    for (item, iid), (_, page, outcome) in zip(todo, results, strict=True):
        if not await poll.deliver(item, iid, page, outcome):
            send_failed = True
            break
    if not send_failed and not deferred and not pushed:  # keep old validators: the next poll sees unsent items
        state.etag, state.last_modified = result.etag, result.last_modified
        state.last_error = None
    return poll.finish()


async def _listed_ids(items: list[FeedItem]) -> tuple[list[FeedItem], list[str]]:
    """The first ``MAX_FEED_ITEMS`` items and their ids, hashed off the event loop (100,000 items take
    seconds of CPU that other sources would wait for)."""
    items = items[:MAX_FEED_ITEMS]
    return items, await asyncio.to_thread(lambda: [item_id(item.url) for item in items])


async def poll_once(
    sources: Iterable[SourceEntry], fetcher: PoliteFetcher, producer_send: ProducerSend,
    state_store: StateStore, dead_letter_send: DeadLetterSend, progress: Progress | None = None,
    *, pool: ExtractionPool | None = None, concurrency: int = 8, locks: SourceLocks | None = None,
    on_feed: FeedSeen | None = None, send_and_save: SendAndSave | None = None,
) -> Summary:
    """Poll every source once (concurrently, politeness per host is the fetcher's job)."""
    start = time.monotonic()
    batch = _Batch()
    limit = asyncio.Semaphore(concurrency)
    entries = [e for e in sources if e.kind != "files"]
    locks = locks or SourceLocks()

    async def one(entry: SourceEntry) -> SourceSummary:
        async with limit, locks(entry.name):
            try:
                return await poll_source(entry, fetcher, producer_send, state_store, dead_letter_send,
                                         batch=batch, pool=pool, progress=progress, on_feed=on_feed,
                                         send_and_save=send_and_save)
            except Exception as exc:  # noqa: BLE001 - a bug in one source must not stop the others
                summary = SourceSummary(entry.name, error=f"unexpected: {exc!r}")
                summary.failed["error"] += 1
                await _dead(dead_letter_send, "poll", repr(exc), entry.url)
                return summary

    summaries = await asyncio.gather(*(one(e) for e in entries))
    return Summary({s.name: s for s in summaries}, time.monotonic() - start)


async def push_source(
    entry: SourceEntry, document: FetchResult, fetcher: PoliteFetcher, producer_send: ProducerSend,
    state_store: StateStore, dead_letter_send: DeadLetterSend, locks: SourceLocks, *,
    pool: ExtractionPool | None = None, send_and_save: SendAndSave | None = None,
) -> SourceSummary:
    """Take a feed document a WebSub hub pushed as if it had just been fetched: the new items go the
    polled items' way (page, extraction, producer, state) under the source's lock."""
    async with locks(entry.name):
        try:
            return await poll_source(entry, fetcher, producer_send, state_store, dead_letter_send, pool=pool,
                                     pushed=document, send_and_save=send_and_save)
        except Exception as exc:  # noqa: BLE001 - a bad push must not stop the callback server
            summary = SourceSummary(entry.name, error=f"unexpected: {exc!r}")
            summary.failed["error"] += 1
            await _dead(dead_letter_send, "push", repr(exc), entry.url)
            return summary


async def run_forever(
    sources: list[SourceEntry], fetcher: PoliteFetcher, producer_send: ProducerSend, state_store: StateStore,
    dead_letter_send: DeadLetterSend, stop: asyncio.Event, progress: Progress | None = None, *,
    pool: ExtractionPool | None = None, instance_index: int = 0, instance_count: int = 1,
    on_summary: Callable[[Summary], None] | None = None, max_sleep: float = 30.0, concurrency: int = 32,
    locks: SourceLocks | None = None, on_feed: FeedSeen | None = None, send_and_save: SendAndSave | None = None,
) -> None:
    """Poll each source when it is due (``next_poll`` in its state) until ``stop`` is set.

    Every source runs on its own clock: a slow or busy source never delays the others' polls (in rounds,
    the slowest source set the pace of all, and a fast-publishing feed could scroll items out of its
    window before the next round). ``concurrency`` bounds the polls in flight at once.
    """
    mine = [s for s in sources if s.kind != "files" and owns(s.name, instance_index, instance_count)]
    limit = asyncio.Semaphore(concurrency)
    locks = locks or SourceLocks()

    async def watch(entry: SourceEntry) -> None:
        while not stop.is_set():
            wait = state_store.load(entry.name, float(entry.interval)).next_poll - time.time()
            if wait > 0:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=min(wait, max_sleep))
                except TimeoutError:
                    pass
                continue
            async with limit:
                if stop.is_set():
                    return
                summary = await poll_once([entry], fetcher, producer_send, state_store, dead_letter_send,
                                          progress, pool=pool, locks=locks, on_feed=on_feed,
                                          send_and_save=send_and_save)
            if on_summary:
                on_summary(summary)

    await asyncio.gather(*(watch(entry) for entry in mine))


# Local files -------------------------------------------------------------------------------------


@dataclass
class FileError:
    """A file (or one line of a JSONL file) that gave no article."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


FILE_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


def _expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.suffix.lower() in FILE_SUFFIXES and f.is_file())
        else:
            yield p


def _text_article(text: str, url: str, *, title: str = "", source: str = "files", outlet: str = "",
                  published: datetime | None = None, article_id: str | None = None) -> ArticleClean | str:
    clean, ratio, is_arabic = clean_text(text)
    if not clean.strip():
        return "empty text"
    if not title:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]
    lead = next((p for p in clean.split("\n") if len(p.strip()) > 40), "")
    return ArticleClean(
        id=article_id or article_id_for(url), url=url, source=source, outlet=outlet, title=title, text=clean,
        original_text=text, lead=lead[:500], published_at=published, language="ar" if is_arabic else "und",
        arabic_ratio=ratio, non_arabic=not is_arabic, content_hash=content_hash(clean),
        fetched_at=datetime.now(UTC),
    )


def ingest_files(
    paths: Iterable[str | Path], source: str = "files", outlet: str = "", timezone: str = DEFAULT_TIMEZONE
) -> Iterator[ArticleClean | FileError]:
    """Articles from local .txt / .html / .jsonl files; bad files and lines come out as ``FileError``."""
    for path in _expand(paths):
        suffix = path.suffix.lower()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield FileError(str(path), None, f"cannot read: {exc}")
            continue
        url = path.resolve().as_uri()
        if suffix == ".jsonl":
            yield from _jsonl(path, raw, url, source, outlet, timezone)
        elif suffix in (".html", ".htm"):
            result = extract_article(decode_html(raw), url)
            if isinstance(result, ExtractionFailure):
                yield FileError(str(path), None, f"{result.reason}: {result.detail}")
            else:
                yield result.model_copy(update={"id": article_id_for(url), "url": url, "source": source,
                                                "outlet": outlet or result.outlet})
        elif suffix == ".txt":
            art = _text_article(decode_html(raw), url, source=source, outlet=outlet)
            yield FileError(str(path), None, art) if isinstance(art, str) else art
        else:
            yield FileError(str(path), None, f"unsupported file type {suffix or '(none)'}")


def _jsonl(
    path: Path, raw: bytes, url: str, source: str, outlet: str, timezone: str
) -> Iterator[ArticleClean | FileError]:
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("line is not a JSON object")
            text = data.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValueError("missing 'text'")
            published = data.get("published_at")
            when = parse_date(str(published), timezone) if published else None
            if published and when is None:
                raise ValueError(f"unreadable published_at {published!r}")
            line_url = str(data.get("url") or f"{url}#L{number}")
            art = _text_article(
                text, line_url, title=str(data.get("title") or ""), source=source,
                outlet=str(data.get("outlet") or outlet), published=when,
                article_id=str(data["id"]) if data.get("id") else None,
            )
        except (ValueError, TypeError, AttributeError) as exc:
            yield FileError(str(path), number, str(exc))
            continue
        yield FileError(str(path), number, art) if isinstance(art, str) else art
