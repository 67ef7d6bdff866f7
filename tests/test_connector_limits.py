"""Connector limits that must not cost articles: feeds bigger than the seen-set, feeds that take seconds to
parse, pages declared UTF-8 with a few bad bytes."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from connectors import runner
from connectors.decoding import decode_html
from connectors.http import PoliteFetcher
from connectors.runner import poll_once
from connectors.sources import SourceEntry
from connectors.state import MAX_SEEN, ConnectorState, MemoryStateStore
from pipeline.models import ArticleClean

BODY = "أكدت قيادة العمليات المشتركة انتهاء المهام القتالية لقوات التحالف الدولي في العراق وفق الاتفاق. " * 3


def _rss(n: int, prefix: str = "/a/") -> bytes:
    items = "".join(f"<item><title>خبر {i}</title><link>{prefix}{i}.html</link></item>"
                    for i in range(n - 1, -1, -1))  # newest first, as feeds list them
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{items}' \
           f"</channel></rss>".encode()


class _Site:
    """Loopback site: ``/feed.xml`` (set by the test) and one small Arabic article per ``/a/<n>.html``."""

    def __init__(self, feeds: dict[str, bytes], delay: dict[str, float] | None = None) -> None:
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.hits[self.path] += 1
                if self.path in feeds:
                    time.sleep((delay or {}).get(self.path, 0))
                    body, ctype = feeds[self.path], "application/rss+xml"
                elif self.path.startswith(("/a/", "/b/")):
                    n = self.path.rsplit("/", 1)[1].split(".")[0]
                    body = (f"<html><head><title>خبر رقم {n}</title></head><body><article><h1>خبر رقم {n}</h1>"
                            f"<p>{BODY} الخبر {n}.</p></article></body></html>").encode()
                    ctype = "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def big_site() -> Iterator[_Site]:
    site = _Site({"/feed.xml": _rss(6000)})
    yield site
    site.close()


def test_a_6000_item_feed_is_fully_ingested_over_successive_polls_without_duplicates(big_site, monkeypatch):
    monkeypatch.setattr(runner, "MAX_ITEMS_PER_POLL", 1000)  # 6 polls instead of 30; the seen-set is unchanged
    entry = SourceEntry(name="big", kind="rss", url=big_site.url + "/feed.xml")
    store = MemoryStateStore()
    sent: list[ArticleClean] = []

    async def go() -> list[int]:
        news = []
        async with PoliteFetcher(allow_private=True, min_delay=0, timeout=10, retries=0, per_host=8) as f:
            for _ in range(9):  # three more polls than needed: nothing may come back
                summary = await poll_once([entry], f, sent.append, store, lambda d: None)
                news.append(summary.sources["big"].new)
        return news

    news = asyncio.run(go())
    urls = [a.url for a in sent]
    assert len(urls) == len(set(urls)), Counter(urls).most_common(3)  # no duplicate
    assert len(urls) == 6000 and news == [1000] * 6 + [0] * 3, news  # nothing lost
    assert max(n for p, n in big_site.hits.items() if p.startswith("/a/")) == 1  # each page fetched once
    assert len(store.load("big").seen) <= MAX_SEEN


def test_ids_the_feed_still_lists_are_never_trimmed():
    state = ConnectorState(source="s")
    listed = [f"old{i}" for i in range(100)]
    for i in listed:
        state.mark_seen(i)
    for poll in range(MAX_SEEN // 1000 + 2):  # churn: many ids come and go after them
        state.touch_seen(listed)
        for i in range(1000):
            state.mark_seen(f"p{poll}-{i}")
    assert all(state.has_seen(i) for i in listed) and len(state.seen) == MAX_SEEN
    assert not state.has_seen("p0-0")  # what the feed no longer lists is forgotten first


def test_a_utf8_page_with_a_few_invalid_bytes_stays_utf8():
    page = ("<html><head><meta charset='utf-8'><title>عنوان الخبر</title></head><body><p>" + BODY +
            "</p></body></html>").encode()
    cut = page.index("العمليات".encode())
    broken = page[:cut] + b"\xff\xfe" + page[cut:cut + 41] + b"\xd8" + page[cut + 41:]  # 2 stray bytes, 1 cut char
    text = decode_html(broken, {"Content-Type": "text/html; charset=utf-8"})
    assert "عنوان الخبر" in text and "ط¹ظ†ظˆط§ظ†" not in text
    assert 1 <= text.count("\ufffd") <= 3 and "قيادة" in text
    legacy = BODY.encode("windows-1256")  # the evidence still wins: a legacy page is read as such
    assert decode_html(legacy, {"Content-Type": "text/html; charset=utf-8"}) == BODY
    assert decode_html(BODY.encode("iso-8859-6"), {}) == BODY


def test_a_huge_feed_is_parsed_off_the_event_loop(monkeypatch):
    """A 30,000-item feed parses for seconds: meanwhile a fast source polls, and one poll takes at most
    ``MAX_ITEMS_PER_POLL`` of its items. (The parsing thread shares the GIL: short pauses remain.)"""
    site = _Site({"/huge.xml": _rss(30_000, "/b/"), "/small.xml": _rss(3)})
    monkeypatch.setattr(runner, "MAX_ITEMS_PER_POLL", 20)
    huge = SourceEntry(name="huge", kind="rss", url=site.url + "/huge.xml")
    small = SourceEntry(name="small", kind="rss", url=site.url + "/small.xml")
    store = MemoryStateStore()
    done: dict[str, float] = {}

    async def go() -> None:
        async with PoliteFetcher(allow_private=True, min_delay=0, timeout=60, retries=0, per_host=4,
                                 max_bytes=32 << 20) as f:
            start = time.monotonic()

            async def one(entry: SourceEntry) -> None:
                await poll_once([entry], f, lambda a: None, store, lambda d: None)
                done[entry.name] = time.monotonic() - start

            async def ticker() -> None:  # the event loop must keep turning while the huge feed parses
                while "huge" not in done:
                    before = time.monotonic()
                    await asyncio.sleep(0.05)
                    done["max_gap"] = max(done.get("max_gap", 0.0), time.monotonic() - before)

            await asyncio.gather(one(huge), one(small), ticker())

    try:
        asyncio.run(go())
    finally:
        site.close()
    assert done["small"] < done["huge"] / 2, done  # the small source did not wait for the huge parse
    assert done["max_gap"] < 3, done  # on the loop the whole parse was one pause (~19 s for 100,000 items)
    assert len(store.load("huge").seen) == 20 and len(store.load("small").seen) == 3
