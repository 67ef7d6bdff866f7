"""Polite HTTP fetching: per-host limits and delays, robots.txt, conditional GET, bounded everything.

``PoliteFetcher.fetch`` never raises for network trouble: every attempt ends in a ``FetchResult``
whose ``outcome`` says what happened, so a batch can count outcomes and carry on.
"""

from __future__ import annotations

import asyncio
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import AsyncRetrying, RetryCallState

from connectors.decoding import ACCEPT_ENCODING, BadEncoding, BodyTooLarge, BoundedDecoder, decode_html
from connectors.schedule import retry_after_seconds
from pipeline import netguard
from pipeline.errors import BlockedAddress
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


def is_blocked_ip(ip: str, allow_private: bool = False) -> bool:
    """The shared address policy (``pipeline.netguard``): non-public addresses are refused; link-local and
    cloud metadata addresses are refused even with private networks allowed."""
    return netguard.is_blocked_ip(ip, allow_private)


def check_scheme(url: str) -> None:
    """Only http(s) URLs with a host are fetched, whatever the network policy (no file:, ftp:, gopher:)."""
    try:
        netguard.check_url_scheme(url)
    except BlockedAddress as exc:
        raise _Abort("blocked_address", str(exc)) from exc


async def check_address(url: str, allow_private: bool = False) -> None:
    """Raise ``_Abort('blocked_address')`` when ``url`` resolves to an address the policy refuses.

    With private networks allowed, a name that does not resolve is left to the client (it fails there,
    or a test transport answers it); without, it is an error here.
    """
    try:
        await netguard.check_url_address(url, allow_private)
    except BlockedAddress as exc:
        raise _Abort("blocked_address", str(exc)) from exc
    except OSError as exc:
        if not allow_private:
            raise _Abort("error", f"cannot resolve {urlsplit(url).hostname}: {exc}") from exc


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
                await check_address(current, self.allow_private)
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
        """GET, retried on 429/5xx after ``Retry-After`` (or exponential backoff), unless the server asks for
        a wait longer than ``max_retry_after``: then the last answer is the result."""

        def wait_for(state: RetryCallState) -> float | None:
            status, resp_headers, _ = state.outcome.result()
            if status not in RETRY_STATUSES or state.attempt_number > self.retries:
                return None
            wait = retry_after_seconds(resp_headers.get("retry-after"))
            wait = self.backoff * 2 ** (state.attempt_number - 1) if wait is None else wait
            return wait if wait <= self.max_retry_after else None

        retrying = AsyncRetrying(retry=lambda state: wait_for(state) is not None,
                                 wait=lambda state: wait_for(state) or 0.0)
        async for attempt in retrying:
            with attempt:
                response = await self._polite_get(url, headers)
            if not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(response)
        return response

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
                decoder = BoundedDecoder(resp_headers.get("content-encoding", ""), self.max_bytes)
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
            except BodyTooLarge as exc:
                raise _Abort("too_large", str(exc), resp.status_code) from exc
            except BadEncoding as exc:
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
                await check_address(url, self.allow_private)
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
