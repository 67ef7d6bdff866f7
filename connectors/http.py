"""Polite HTTP fetching: per-host limits and delays, robots.txt, conditional GET, bounded everything.

``PoliteFetcher.fetch`` never raises for network trouble: every attempt ends in a ``FetchResult``
whose ``outcome`` says what happened, so a batch can count outcomes and carry on.
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import ipaddress
import re
import socket
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

try:  # brotli is optional; only a version that can bound its output is used (see _BoundedDecoder)
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

from pipeline.metrics import FETCH_BYTES, FETCH_OUTCOMES, FETCH_SECONDS, HOST_QUEUE
from pipeline.settings import Settings, get_settings

Outcome = Literal[
    "ok", "not_modified", "http_error", "too_large", "timeout", "robots_disallowed",
    "blocked_address", "redirect_loop", "error",
]
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass
class FetchResult:
    """What one fetch produced; ``outcome`` is the thing to count."""

    url: str
    final_url: str
    status: int | None
    outcome: Outcome
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    elapsed: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def text(self) -> str:
        return decode_html(self.body, self.headers)


class _Abort(Exception):
    def __init__(self, outcome: Outcome, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.status = status


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address tunnels to (mapped, 6to4, Teredo, NAT64), if any."""
    if addr.ipv4_mapped:
        return addr.ipv4_mapped
    if addr.sixtofour:
        return addr.sixtofour
    if addr.teredo:
        return addr.teredo[1]
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_blocked_ip(ip: str) -> bool:
    """Loopback, private, link-local, multicast, reserved and unspecified addresses are refused.

    IPv6 forms that carry an IPv4 address (``::ffff:127.0.0.1``, 6to4, Teredo, NAT64) are judged by
    that IPv4 address, so they cannot smuggle a private target past the check.
    """
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(ip)
    candidates = [addr]
    if isinstance(addr, ipaddress.IPv6Address) and (inner := _embedded_ipv4(addr)) is not None:
        candidates.append(inner)
    return any(
        a.is_private or a.is_loopback or a.is_link_local or a.is_multicast or a.is_reserved or a.is_unspecified
        for a in candidates
    )


def check_scheme(url: str) -> None:
    """Only http(s) URLs with a host are fetched, whatever the network policy (no file:, ftp:, gopher:)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Abort("blocked_address", f"unsupported URL: {url}")


async def check_address(url: str) -> None:
    """Raise ``_Abort('blocked_address')`` when ``url`` resolves to a non-public address."""
    check_scheme(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ips = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(host, parts.port or 80, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise _Abort("error", f"cannot resolve {host}: {exc}") from exc
        ips = [info[4][0] for info in infos]
    for ip in ips:
        if is_blocked_ip(ip):
            raise _Abort("blocked_address", f"{host} resolves to non-public address {ip}")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _observed(result: FetchResult) -> FetchResult:
    """Count one finished fetch in the Prometheus metrics."""
    FETCH_OUTCOMES.labels(outcome=result.outcome).inc()
    FETCH_SECONDS.labels(outcome=result.outcome).observe(result.elapsed)
    if result.body:
        FETCH_BYTES.inc(len(result.body))
    return result


class PoliteFetcher:
    """An ``httpx.AsyncClient`` wrapped in per-host politeness, robots.txt and safety limits."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        per_host: int = 2,
        min_delay: float = 1.0,
        timeout: float = 20.0,
        max_bytes: int = 5 * 1024 * 1024,
        max_redirects: int = 5,
        retries: int = 2,
        backoff: float = 1.0,
        max_retry_after: float = 30.0,
        obey_robots: bool = True,
        robots_ttl: float = 3600.0,
        allow_private: bool | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        settings = settings or get_settings()
        self.user_agent = settings.user_agent
        self.allow_private = settings.allow_private_networks if allow_private is None else allow_private
        self.per_host, self.min_delay, self.timeout = max(1, per_host), min_delay, timeout
        self.max_bytes, self.max_redirects, self.retries = max_bytes, max_redirects, retries
        self.backoff, self.max_retry_after = backoff, max_retry_after
        self.obey_robots, self.robots_ttl = obey_robots, robots_ttl
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False, transport=transport,
            timeout=httpx.Timeout(timeout),
        )
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._last: dict[str, float] = {}
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> PoliteFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; ``etag``/``last_modified`` from the caller's state make it conditional."""
        start = time.monotonic()
        current = url
        seen = {url}
        try:
            for _ in range(self.max_redirects + 1):
                check_scheme(current)
                if not self.allow_private:
                    await check_address(current)
                if self.obey_robots and not await self._allowed(current):
                    raise _Abort("robots_disallowed", f"robots.txt disallows {current}")
                headers = {}
                if etag:
                    headers["If-None-Match"] = etag
                if last_modified:
                    headers["If-Modified-Since"] = last_modified
                status, resp_headers, body = await self._get_with_retries(current, headers)
                if status in REDIRECT_STATUSES and "location" in resp_headers:
                    nxt = urljoin(current, resp_headers["location"])
                    if nxt in seen:
                        raise _Abort("redirect_loop", f"redirect loop at {nxt}", status)
                    seen.add(nxt)
                    current = nxt
                    continue
                return _observed(self._result(url, current, status, resp_headers, body, start))
            raise _Abort("redirect_loop", f"more than {self.max_redirects} redirects")
        except _Abort as exc:
            return _observed(FetchResult(url, current, exc.status, exc.outcome, elapsed=time.monotonic() - start,
                                         error=str(exc)))
        except (httpx.TimeoutException, TimeoutError) as exc:
            return _observed(FetchResult(url, current, None, "timeout", elapsed=time.monotonic() - start,
                                         error=f"timeout: {exc!r}"))
        except (httpx.HTTPError, OSError, ValueError) as exc:
            return _observed(FetchResult(url, current, None, "error", elapsed=time.monotonic() - start,
                                         error=repr(exc)))

    def _result(
        self, url: str, final: str, status: int, headers: dict[str, str], body: bytes, start: float
    ) -> FetchResult:
        if status == 304:
            outcome: Outcome = "not_modified"
        elif 200 <= status < 300:
            outcome = "ok"
        else:
            outcome = "http_error"
        return FetchResult(
            url, final, status, outcome, body if outcome == "ok" else b"", headers,
            etag=headers.get("etag"), last_modified=headers.get("last-modified"),
            elapsed=time.monotonic() - start, error=None if outcome != "http_error" else f"HTTP {status}",
        )

    async def _get_with_retries(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        attempt = 0
        while True:
            status, resp_headers, body = await self._polite_get(url, headers)
            if status not in RETRY_STATUSES or attempt >= self.retries:
                return status, resp_headers, body
            wait = _retry_after(resp_headers.get("retry-after"))
            if wait is None:
                wait = self.backoff * (2**attempt)
            if wait > self.max_retry_after:
                return status, resp_headers, body
            attempt += 1
            await asyncio.sleep(wait)

    async def _polite_get(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(url).netloc.lower()
        sem = self._semaphores.setdefault(host, asyncio.Semaphore(self.per_host))
        queue = HOST_QUEUE.labels(host=host)
        queue.inc()
        waiting = True
        try:
            async with sem:
                await self._wait_turn(host, url)
                queue.dec()
                waiting = False
                async with asyncio.timeout(self.timeout * 2):
                    return await self._stream(url, headers)
        finally:
            if waiting:
                queue.dec()

    async def _wait_turn(self, host: str, url: str) -> None:
        delay = max(self.min_delay, self._crawl_delay(url))
        async with self._host_locks.setdefault(host, asyncio.Lock()):
            now = time.monotonic()
            wait = self._last.get(host, 0.0) + delay - now
            if wait > 0:
                await asyncio.sleep(wait)
            self._last[host] = time.monotonic()

    async def _stream(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """Read the body raw and decode it ourselves, so neither the wire bytes nor the decompressed
        bytes can ever exceed ``max_bytes`` (httpx's own decoders inflate a whole chunk at once)."""
        async with self._client.stream("GET", url, headers=headers) as resp:
            resp_headers = {k.lower(): v for k, v in resp.headers.items()}
            declared = resp_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                message = f"Content-Length {declared} over {self.max_bytes}"
                raise _Abort("too_large", message, resp.status_code)
            if resp.is_stream_consumed:  # an in-memory response (a test's MockTransport), not network bytes
                if len(resp.content) > self.max_bytes:
                    raise _Abort("too_large", f"body over {self.max_bytes} bytes", resp.status_code)
                return resp.status_code, resp_headers, resp.content
            try:
                decoder = _BoundedDecoder(resp_headers.get("content-encoding", ""), self.max_bytes)
            except ValueError as exc:
                raise _Abort("error", str(exc), resp.status_code) from exc
            chunks: list[bytes] = []
            wire = 0
            try:
                async for raw in resp.aiter_raw():
                    wire += len(raw)
                    if wire > self.max_bytes:
                        raise _Abort("too_large", f"body over {self.max_bytes} bytes", resp.status_code)
                    chunks.append(decoder.feed(raw))
                chunks.append(decoder.finish())
            except _BodyTooLarge as exc:
                raise _Abort("too_large", str(exc), resp.status_code) from exc
            except _BadEncoding as exc:
                raise _Abort("error", str(exc), resp.status_code) from exc
            return resp.status_code, resp_headers, b"".join(chunks)

    # robots.txt -----------------------------------------------------------------------------------

    def _crawl_delay(self, url: str) -> float:
        parts = urlsplit(url)
        cached = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        if not cached or cached[1] is None:
            return 0.0
        delay = cached[1].crawl_delay(self.user_agent)
        return min(float(delay), 60.0) if delay else 0.0

    async def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        async with self._robots_locks.setdefault(origin, asyncio.Lock()):
            cached = self._robots.get(origin)
            if cached is None or cached[0] < time.monotonic():
                self._robots[origin] = (time.monotonic() + self.robots_ttl, await self._load_robots(origin))
        parser = self._robots[origin][1]
        return True if parser is None else parser.can_fetch(self.user_agent, url)

    async def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """Parsed robots.txt; ``None`` (allow all) on 4xx; disallow all on 5xx or network errors."""
        url = origin + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(url)
        try:
            for _ in range(self.max_redirects + 1):  # robots.txt redirects (e.g. to https) are followed
                status, headers, body = await self._polite_get(url, {})
                if status not in REDIRECT_STATUSES or "location" not in headers:
                    break
                url = urljoin(url, headers["location"])
                if not self.allow_private:
                    await check_address(url)
        except (_Abort, httpx.HTTPError, OSError, TimeoutError):
            parser.disallow_all = True
            return parser
        if 400 <= status < 500:
            return None
        if status >= 300:
            parser.disallow_all = True
            return parser
        parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser


# Content-Encoding ---------------------------------------------------------------------------------

# Only a brotli that can cap its output buffer is safe against a brotli bomb (brotli >= 1.2).
_BROTLI_BOUNDED = brotli is not None and hasattr(brotli.Decompressor, "can_accept_more_data")
ACCEPT_ENCODING = "gzip, deflate, br" if _BROTLI_BOUNDED else "gzip, deflate"


class _BodyTooLarge(Exception):
    pass


class _BadEncoding(Exception):
    pass


class _Inflate:
    """gzip (several members allowed) or zlib/raw deflate, producing at most ``budget`` bytes per call."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._obj = self._new()
        self._first = True
        self._tail = b""  # input zlib could not consume within the last budget; fed again next time

    def _new(self):  # noqa: ANN202 - zlib's decompressobj type is private
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.kind == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes, budget: int) -> bytes:
        out: list[bytes] = []
        produced = 0
        data, self._tail = self._tail + data, b""
        while True:
            try:
                chunk = self._obj.decompress(data, max(1, budget - produced))
            except zlib.error as exc:
                if self.kind == "deflate" and self._first:  # servers send raw deflate despite RFC 9110
                    self._obj, self._first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise _BadEncoding(f"bad {self.kind} body: {exc}") from exc
            self._first = False
            out.append(chunk)
            produced += len(chunk)
            if produced >= budget:
                self._tail = self._obj.unconsumed_tail
                break
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data and self.kind == "gzip":
                data, self._obj = self._obj.unused_data, self._new()  # next gzip member
            else:
                break
        return b"".join(out)

    def finish(self, budget: int) -> bytes:
        return self._obj.flush(max(1, budget)) if not self._obj.eof else b""


class _Unbrotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, budget: int) -> bytes:
        out: list[bytes] = []
        produced = 0
        try:
            out.append(self._obj.process(data, output_buffer_limit=max(1, budget)))
            produced += len(out[-1])
            while produced < budget and not self._obj.can_accept_more_data():
                out.append(self._obj.process(b"", output_buffer_limit=max(1, budget - produced)))
                produced += len(out[-1])
        except brotli.error as exc:
            raise _BadEncoding(f"bad br body: {exc}") from exc
        return b"".join(out)

    def finish(self, budget: int) -> bytes:
        return b""


class _BoundedDecoder:
    """Undo ``Content-Encoding`` (gzip, deflate, br; several layers) without ever holding more than
    ``limit`` decoded bytes: a decompression bomb ends in ``_BodyTooLarge`` after at most ``limit + 1``."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.layers: list[_Inflate | _Unbrotli] = []
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        for name in reversed(names):  # the last encoding applied is undone first
            if name in ("identity", "none"):
                continue
            if name in ("gzip", "x-gzip"):
                self.layers.append(_Inflate("gzip"))
            elif name == "deflate":
                self.layers.append(_Inflate("deflate"))
            elif name == "br" and _BROTLI_BOUNDED:
                self.layers.append(_Unbrotli())
            else:
                raise ValueError(f"unsupported Content-Encoding {name!r}")

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise _BodyTooLarge(f"decoded body over {self.limit} bytes (compressed)")
        return data

    def feed(self, data: bytes) -> bytes:
        for layer in self.layers:
            data = layer.feed(data, self.limit + 1 - self.size)
        return self._count(data)

    def finish(self) -> bytes:
        data = b""
        for layer in self.layers:
            budget = self.limit + 1 - self.size
            data = layer.feed(data, budget) if data else b""
            data += layer.finish(budget)
        return self._count(data)


# Encodings ---------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
FALLBACK_ENCODINGS = ("utf-8", "windows-1256", "iso-8859-6")


def _norm_encoding(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def arabic_share(text: str) -> float:
    """Share of Arabic letters among non-ASCII letters (1.0 for clean Arabic, low for mojibake)."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0621" <= c <= "\u064a") / len(letters)


def declared_encodings(body: bytes, headers: dict[str, str] | None = None) -> list[str]:
    """Encodings the response claims: BOM, Content-Type header, then <meta>/<?xml?> in the first 4 KB."""
    found: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        found.append("utf-8")
    ctype = {k.lower(): v for k, v in (headers or {}).items()}.get("content-type", "")
    head = body[:4096]
    for match in [_HEADER_CHARSET.search(ctype), _META_CHARSET.search(head), _XML_ENCODING.search(head)]:
        if match:
            raw = match.group(1)
            name = _norm_encoding(raw.decode("ascii", "ignore") if isinstance(raw, bytes) else raw)
            if name and name not in found:
                found.append(name)
    return found


def decode_html(body: bytes, headers: dict[str, str] | None = None) -> str:
    """Decode a page, trusting its declared charset only when the result looks like real text."""
    declared = declared_encodings(body, headers)
    fallbacks = [_norm_encoding(e) or e for e in FALLBACK_ENCODINGS]
    candidates = declared + [e for e in fallbacks if e not in declared]
    best: tuple[float, str] | None = None
    for index, enc in enumerate(candidates):
        try:
            text = body.decode(enc or "utf-8")
        except (UnicodeDecodeError, LookupError):
            continue
        text = text.removeprefix("\ufeff")
        share = arabic_share(text)
        if index < len(declared) and share >= 0.9:
            return text  # declared and plausible
        if not any(ord(c) > 127 for c in text[:200000]):
            return text  # plain ASCII: every candidate agrees
        if best is None or share > best[0] + 0.05:
            best = (share, text)
    if best is not None:
        return best[1]
    return body.decode("utf-8", "replace")
