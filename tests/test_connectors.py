"""Connectors: sources file, fetcher safety, kinds, state, runner outcomes, local files."""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from pathlib import Path

import httpx
import pytest

from connectors.http import PoliteFetcher, decode_html, is_blocked_ip
from connectors.kinds import FeedSource, ParseError, SitemapSource, safe_xml
from connectors.runner import FileError, ingest_files, poll_once, run_forever
from connectors.sample_site import Response, SampleSite
from connectors.sources import SourceEntry, load_sources
from connectors.state import MAX_SEEN, ConnectorState, MemoryStateStore, owns
from pipeline.models import ArticleClean, DeadLetter, article_id_for

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARABIC_TEXT = "أكدت قيادة العمليات المشتركة انتهاء المهام القتالية لقوات التحالف الدولي في العراق. " * 4


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _fetcher(**kw) -> PoliteFetcher:
    opts = dict(allow_private=True, min_delay=0, timeout=5, backoff=0.01, retries=2)
    opts.update(kw)
    return PoliteFetcher(**opts)


def _run(coro):
    return asyncio.run(coro)


# sources.yaml ------------------------------------------------------------------------------------


def test_load_sources_reports_bad_entries_and_keeps_the_rest(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - {name: good, kind: rss, url: 'http://example.org/rss'}\n"
        "  - {name: badkind, kind: podcast, url: 'http://example.org/x'}\n"
        "  - {name: badregex, kind: listing, url: 'http://example.org/', include: '(['}\n"
        "  - {name: nourl, kind: atom}\n"
        "  - {name: good, kind: rss, url: 'http://example.org/dup'}\n"
        "  - {name: second, url: 'http://example.org/feed', interval: 60, tags: [iraq]}\n",
        encoding="utf-8",
    )
    entries, errors = load_sources(path)
    assert [e.name for e in entries] == ["good", "second"]
    assert entries[1].kind == "feed" and entries[1].timezone == "Asia/Baghdad"
    found = {(e.index, e.name, e.field) for e in errors}
    assert found == {
        (1, "badkind", "kind"), (2, "badregex", "include"), (3, "nourl", "url"), (4, "good", "name"),
    }
    assert all(str(path) in str(e) for e in errors)
    assert "entry #1 (badkind), field 'kind'" in str(errors[0])


def test_example_sources_file_loads():
    entries, errors = load_sources(Path(__file__).parents[1] / "sources.example.yaml")
    assert not errors and {e.kind for e in entries} == {"rss", "atom", "sitemap"}


# fetcher -----------------------------------------------------------------------------------------


def test_blocked_addresses():
    for ip in ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.5", "169.254.169.254", "::1", "fe80::1",
               "0.0.0.0", "::ffff:127.0.0.1"]:
        assert is_blocked_ip(ip), ip
    assert not is_blocked_ip("93.184.216.34")


def test_ssrf_guard_refuses_private_targets_and_redirects_to_them():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    async def go():
        transport = httpx.MockTransport(handler)
        async with PoliteFetcher(allow_private=False, min_delay=0, transport=transport) as f:
            return await f.fetch("http://127.0.0.1:9/x"), await f.fetch("http://93.184.216.34/news")

    direct, redirected = _run(go())
    assert direct.outcome == "blocked_address"
    assert redirected.outcome == "blocked_address" and redirected.final_url == "http://127.0.0.1:9/admin"


def test_fetch_outcomes_against_local_server():
    calls = {"busy": 0}

    def busy(path, headers):
        calls["busy"] += 1
        return Response(429, headers={"Retry-After": "0"}) if calls["busy"] == 1 else Response(200, b"ok")

    with SampleSite() as site:
        site.set_route("/a", Response(302, headers={"Location": "/b"}))
        site.set_route("/b", Response(302, headers={"Location": "/a"}))
        site.set_route("/big", Response(200, b"x" * (6 * 1024 * 1024)))
        site.set_route("/big-stream", Response(200, b"x" * (6 * 1024 * 1024), stream=True))
        site.set_route("/slow", Response(200, b"late", delay=1.5))
        site.set_route("/err", Response(500, b"boom"))
        site.set_route("/busy", busy)
        site.set_route("/far", Response(302, headers={"Location": "/r1"}))
        for i in range(1, 8):
            site.set_route(f"/r{i}", Response(302, headers={"Location": f"/r{i + 1}"}))

        async def go():
            async with _fetcher(timeout=0.5) as f:
                names = ["/a", "/big", "/big-stream", "/slow", "/err", "/busy", "/missing", "/private/x",
                         "/far"]
                return dict(zip(names, await asyncio.gather(*(f.fetch(site.url + n) for n in names)),
                                strict=True))

        results = _run(go())
        outcomes = {name: r.outcome for name, r in results.items()}
        assert outcomes == {
            "/a": "redirect_loop", "/big": "too_large", "/big-stream": "too_large", "/slow": "timeout",
            "/err": "http_error", "/busy": "ok", "/missing": "http_error", "/private/x": "robots_disallowed",
            "/far": "redirect_loop",
        }
        assert results["/err"].status == 500 and site.hits["/err"] == 3  # two retries
        assert results["/busy"].body == b"ok" and calls["busy"] == 2
        assert site.hits["/private/x"] == 0


def test_retry_after_too_long_is_not_waited_for():
    with SampleSite() as site:
        site.set_route("/wait", Response(503, headers={"Retry-After": "3600"}))

        async def go():
            async with _fetcher() as f:
                return await f.fetch(site.url + "/wait")

        start = time.monotonic()
        result = _run(go())
        assert result.outcome == "http_error" and result.status == 503 and time.monotonic() - start < 2


def test_per_host_delay_and_crawl_delay():
    with SampleSite() as site:
        site.robots = "User-agent: *\nCrawl-delay: 1\n"

        async def go():
            async with _fetcher() as f:
                start = time.monotonic()
                await f.fetch(site.url + "/rss.xml")  # robots.txt first, then the feed a second later
                return time.monotonic() - start

        assert _run(go()) >= 0.95
        assert site.hits["/robots.txt"] == 1 and site.hits["/rss.xml"] == 1


def test_robots_txt_redirect_is_followed():
    with SampleSite() as site:
        site.set_route("/robots.txt", Response(301, headers={"Location": "/real-robots.txt"}))
        site.set_route("/real-robots.txt", Response(200, b"User-agent: *\nDisallow: /rss.xml\n"))

        async def go():
            async with _fetcher() as f:
                return await f.fetch(site.url + "/rss.xml"), await f.fetch(site.url + "/atom.xml")

        blocked, allowed = _run(go())
    assert blocked.outcome == "robots_disallowed" and allowed.outcome == "ok"


def test_decode_html_encodings():
    cp1256 = decode_html(_page("windows-1256.html"))
    iso = decode_html(_page("iso-8859-6.html"))
    wrong = decode_html(_page("wrong-charset.html"), {"Content-Type": "text/html; charset=windows-1256"})
    assert "الخفاجي" in cp1256 and "المحمداوي" in iso and "التحالف الدولي" in wrong
    raw = ARABIC_TEXT.encode("cp1256")
    assert decode_html(raw, {"Content-Type": "text/html; charset=utf-8"}) == ARABIC_TEXT
    assert decode_html(b"\xef\xbb\xbfplain") == "plain"


def test_decode_html_keeps_a_utf8_page_in_another_script():
    """A UTF-8 page in Cyrillic read as windows-1256 looks Arabic; strict UTF-8 wins (an AEB page)."""
    page = '<html lang="ru"><head><meta charset="utf-8"><title>Новости</title></head><body>Привет, мир</body></html>'
    assert decode_html(page.encode("utf-8")) == page
    assert decode_html(page.encode("utf-8"), {"Content-Type": "text/html; charset=windows-1256"}) == page


# kinds -------------------------------------------------------------------------------------------


def _result(body: bytes, url: str = "http://news.example/feed"):
    from connectors.http import FetchResult

    return FetchResult(url, url, 200, "ok", body)


def test_feed_kinds_resolve_relative_links_and_reject_garbage():
    entry = SourceEntry(name="t", url="http://news.example/feed")
    items = FeedSource(entry).items(_result(_page("relative-links.xml")))
    assert [i.url.startswith("http://news.example/news/") for i in items] == [True, True]
    assert items[0].published is not None
    with pytest.raises(ParseError):
        FeedSource(entry).items(_result(_page("malformed-feed.xml")))
    with pytest.raises(ParseError):
        FeedSource(entry).items(_result(b'{"items": 3}'))


def test_sitemap_gzip_index_and_no_entity_expansion():
    entry = SourceEntry(name="s", kind="sitemap", url="http://news.example/sitemap.xml")
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>http://news.example/a/1</loc><lastmod>2021-10-30</lastmod></url></urlset>")
    items = SitemapSource(entry).items(_result(gzip.compress(urlset)))
    assert [i.url for i in items] == ["http://news.example/a/1"] and items[0].published.year == 2021
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>/news.xml</loc></sitemap></sitemapindex>")
    assert SitemapSource(entry).children(_result(index)) == ["http://news.example/news.xml"]
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
            b'<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&b;&x;</r>')
    root = safe_xml(bomb)
    assert "aaaa" not in "".join(root.itertext()) and "root:" not in "".join(root.itertext())


# state -------------------------------------------------------------------------------------------


def test_state_schedule_and_bounded_seen():
    state = ConnectorState(source="s", base_interval=100, interval=100)
    state.schedule(250, now=1000)  # connectors.schedule decides the interval (tests/test_schedule.py)
    assert state.interval == 250 and state.next_poll == 1250 and state.last_poll == 1000
    for i in range(MAX_SEEN + 1000):
        state.mark_seen(str(i))
    assert len(state.seen) == MAX_SEEN and state.has_seen(str(MAX_SEEN + 999)) and not state.has_seen("0")
    store = MemoryStateStore()
    store.save(state)
    assert store.load("s", 100).has_seen(str(MAX_SEEN + 999))


def test_owns_is_a_stable_partition():
    names = [f"source-{i}" for i in range(200)]
    owners = [[i for i in range(3) if owns(n, i, 3)] for n in names]
    assert all(len(o) == 1 for o in owners)
    assert min(sum(1 for o in owners if o == [i]) for i in range(3)) > 40
    assert owners == [[i for i in range(3) if owns(n, i, 3)] for n in names]


# runner ------------------------------------------------------------------------------------------


def _adversarial_site() -> tuple[SampleSite, dict[str, str]]:
    site = SampleSite().start()
    calls = {"n": 0}

    def busy(path, headers):
        calls["n"] += 1
        return Response(429, headers={"Retry-After": "0"}) if calls["n"] == 1 else Response(
            200, _page("iso-8859-6.html"), {"Content-Type": "text/html"})

    routes = {
        "/p/cp1256.html": Response(200, _page("windows-1256.html"), {"Content-Type": "text/html"}),
        "/p/wrong.html": Response(200, _page("wrong-charset.html"),
                                  {"Content-Type": "text/html; charset=windows-1256"}),
        "/p/huge.html": Response(200, b"<html>" + b"a" * (20 * 1024 * 1024), {"Content-Type": "text/html"}),
        "/p/loop": Response(302, headers={"Location": "/p/loop2"}),
        "/p/loop2": Response(302, headers={"Location": "/p/loop"}),
        "/p/slow.html": Response(200, b"<html></html>", delay=6),
        "/p/error.html": Response(500, b"boom"),
        "/p/busy.html": busy,
        "/p/empty.html": Response(200, _page("empty.html"), {"Content-Type": "text/html"}),
        "/p/english.html": Response(200, _page("english.html"), {"Content-Type": "text/html"}),
        "/bad-feed.xml": Response(200, _page("malformed-feed.xml"), {"Content-Type": "application/xml"}),
    }
    for path, route in routes.items():
        site.set_route(path, route)
    extra = ["/p/cp1256.html", "/p/wrong.html", "/p/huge.html", "/p/loop", "/p/slow.html", "/p/error.html",
             "/p/busy.html", "/p/missing.html", "/private/secret.html", "/p/empty.html", "/p/english.html",
             "/amp" + site.articles[0].path]
    urls = {path: site.add_feed_item(path, f"خبر {i}") for i, path in enumerate(extra)}
    return site, urls


def test_adversarial_batch_counts_every_outcome_and_the_rest_proceeds():
    site, urls = _adversarial_site()
    sent: list[ArticleClean] = []
    dead: list[DeadLetter] = []
    sources = [SourceEntry(name="rss", kind="rss", url=site.url + "/rss.xml"),
               SourceEntry(name="atom", kind="atom", url=site.url + "/atom.xml"),
               SourceEntry(name="broken", kind="rss", url=site.url + "/bad-feed.xml"),
               SourceEntry(name="gone", kind="rss", url=site.url + "/no-feed.xml")]
    try:
        async def go():
            # 2 s: a loaded CI machine answers every other page well within it; the slow page never does
            async with _fetcher(timeout=2) as f:
                return await poll_once(sources, f, sent.append, MemoryStateStore(), dead.append)

        summary = _run(go())
    finally:
        site.stop()
    totals = summary.as_dict()
    assert summary.sources["broken"].failed == {"parse_error": 1}
    assert summary.sources["gone"].failed == {"http_error": 1}
    assert totals["failed"] == {"parse_error": 1, "too_large": 1, "redirect_loop": 1, "timeout": 1,
                                "http_error": 3, "robots_disallowed": 1, "empty_extraction": 1}
    assert totals["new"] == 9  # 5 seeds, cp1256, wrong charset, busy (after 429), english
    assert totals["duplicates"] == 17 + 1  # every atom/rss item twice, plus the /amp/ copy (canonical)
    by_url = {a.metadata["page_url"]: a for a in sent}
    expected = {site.article_url(a) for a in site.articles} | {
        urls[p] for p in ["/p/cp1256.html", "/p/wrong.html", "/p/busy.html", "/p/english.html"]}
    assert set(by_url) | {site.article_url(site.articles[0])} >= expected
    assert len({a.id for a in sent}) == 9
    assert by_url[urls["/p/english.html"]].non_arabic is True
    assert "الخفاجي" in by_url[urls["/p/cp1256.html"]].text
    assert "التحالف" in by_url[urls["/p/wrong.html"]].text
    assert site.hits["/private/secret.html"] == 0
    assert {d.url for d in dead} >= {urls["/p/huge.html"], urls["/p/empty.html"], site.url + "/bad-feed.xml"}
    assert all(d.stage in {"fetch_feed", "parse_feed", "fetch_article", "extract"} for d in dead)


def test_failed_send_stops_the_source_and_leaves_items_unseen():
    store = MemoryStateStore()
    sent: list[ArticleClean] = []
    dead: list[DeadLetter] = []

    def broken(article: ArticleClean) -> None:
        raise RuntimeError("broker down")

    with SampleSite() as site:
        entry = SourceEntry(name="rss", kind="rss", url=site.url + "/rss.xml")

        async def go():
            async with _fetcher() as f:
                first = await poll_once([entry], f, broken, store, dead.append)
                second = await poll_once([entry], f, sent.append, store, dead.append)
                return first, second

        first, second = _run(go())
    assert first.failed == {"send_failed": 1} and first.total("new") == 0
    assert "broker down" in first.sources["rss"].error and dead[0].stage == "produce"
    assert second.total("new") == 5 and second.total("not_modified") == 0


def _latency_of_a_new_article(site: SampleSite, entries: list[SourceEntry], sent: list[ArticleClean],
                              timeout: float, **fetcher_options) -> float:
    """Run the connector loop on ``entries``; once the 5 seed articles are sent, publish a new article on
    ``site`` and return the seconds until the connector sends it (then stop the loop)."""
    store = MemoryStateStore()

    async def go() -> float:
        stop = asyncio.Event()
        async with _fetcher(**fetcher_options) as f:
            task = asyncio.create_task(run_forever(entries, f, sent.append, store, lambda d: None, stop,
                                                   max_sleep=0.2))
            while len(sent) < 5:
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)  # a slow feed's first poll is then still waiting on its server
            url = site.add_article("خبر عاجل", ARABIC_TEXT)
            published = time.monotonic()
            while not any(a.url == url for a in sent):
                await asyncio.sleep(0.05)
            latency = time.monotonic() - published
            stop.set()
            await asyncio.wait_for(task, 10)
            return latency

    return _run(asyncio.wait_for(go(), timeout))


def test_run_forever_picks_up_a_new_article_and_stops():
    sent: list[ArticleClean] = []
    with SampleSite() as site:
        entry = SourceEntry(name="rss", kind="rss", url=site.url + "/rss.xml", interval=1, max_interval=1)
        latency = _latency_of_a_new_article(site, [entry], sent, timeout=20)
    assert latency < 3 and len(sent) == 6


def test_run_forever_a_slow_source_does_not_hold_back_the_others():
    """Each source polls on its own clock: a feed that takes seconds to answer does not delay a fast one."""
    import http.server
    import threading

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            time.sleep(4)
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    slow = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    sent: list[ArticleClean] = []
    try:
        with SampleSite() as site:
            fast = SourceEntry(name="fast", kind="rss", url=site.url + "/rss.xml", interval=1, max_interval=1)
            stuck = SourceEntry(name="slow", kind="rss", url=f"http://127.0.0.1:{slow.server_port}/rss.xml",
                                interval=1, max_interval=1)
            latency = _latency_of_a_new_article(site, [stuck, fast], sent, timeout=30, retries=0)
    finally:
        slow.shutdown()
    assert latency < 2.5 and len(sent) == 6


# local files -------------------------------------------------------------------------------------


def test_ingest_files(tmp_path):
    (tmp_path / "a.txt").write_text("عنوان الخبر\n\n" + ARABIC_TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(_page("windows-1256.html"))
    lines = [
        json.dumps({"title": "خبر", "text": ARABIC_TEXT, "outlet": "وكالة",
                    "published_at": "2021-10-30T10:00:00"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"id": "x1", "url": "http://n.example/1", "text": "Plain English text here."}),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("   \n", encoding="utf-8")
    results = list(ingest_files([tmp_path]))
    articles = [r for r in results if isinstance(r, ArticleClean)]
    errors = [str(r) for r in results if isinstance(r, FileError)]
    assert len(articles) == 4
    txt = next(a for a in articles if a.url.endswith("a.txt"))
    assert txt.url == (tmp_path / "a.txt").resolve().as_uri() and txt.title == "عنوان الخبر"
    assert txt.id == article_id_for(txt.url)
    html = next(a for a in articles if a.url.endswith("b.html"))
    assert "الخفاجي" in html.text
    line1 = next(a for a in articles if a.outlet == "وكالة")
    assert line1.published_at.tzinfo is not None and line1.url.endswith("c.jsonl#L1")
    assert next(a for a in articles if a.id == "x1").non_arabic
    assert any(e.endswith("c.jsonl:2: " + e.split(": ", 1)[1]) for e in errors)
    assert sorted(e.split(": ")[0].rsplit("/", 1)[1] for e in errors) == ["c.jsonl:2", "c.jsonl:3", "d.txt"]


def test_extraction_pool_in_worker_processes_and_discover():
    from connectors.discover import discover_async
    from connectors.extract import ExtractionPool

    sent: list[ArticleClean] = []
    with SampleSite() as site, ExtractionPool(workers=1) as pool:
        entry = SourceEntry(name="rss", kind="rss", url=site.url + "/rss.xml")

        async def go():
            async with _fetcher() as f:
                store = MemoryStateStore()
                summary = await poll_once([entry], f, sent.append, store, lambda d: None, pool=pool)
                found = await discover_async(site.url + "/", f)
                return summary, found

        summary, found = _run(go())
    assert summary.total("new") == 5 and {a.published_at.utcoffset().seconds for a in sent} == {3 * 3600}
    kinds = {e["kind"]: e["url"] for e in found}
    assert kinds["rss"].endswith("/rss.xml") and kinds["atom"].endswith("/atom.xml")
    assert any(e["kind"] == "sitemap" and e["url"].endswith("/news-sitemap.xml") for e in found)
    assert all(SourceEntry.model_validate(e) for e in found)


def test_dates_without_zone_use_the_source_timezone():
    from pipeline.text.dates import parse_date

    assert parse_date("2021-10-30T10:15:00").utcoffset().seconds == 3 * 3600
    assert parse_date("2021-10-30T10:15:00", "UTC").utcoffset().seconds == 0
    assert parse_date("2021-10-30T10:15:00Z").hour == 10


def test_poll_sends_oldest_first_so_originals_precede_their_copies():
    """The sample feed lists newest first; the connector sends in publication order (undated last)."""
    store = MemoryStateStore()
    sent: list[ArticleClean] = []
    with SampleSite() as site:
        entry = SourceEntry(name="rss", kind="rss", url=site.url + "/rss.xml")

        async def go():
            async with _fetcher() as f:
                return await poll_once([entry], f, sent.append, store, lambda d: None)

        summary = _run(go())
    assert summary.total("new") == 5
    dates = [a.published_at for a in sent]
    assert all(dates) and dates == sorted(dates), dates
