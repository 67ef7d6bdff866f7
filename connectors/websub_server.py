"""The WebSub callback server and subscription loop of `raqib connect` (on when ``websub_listen`` is set).

Polling never stops: it is the fallback when a hub is absent, refuses, fails or goes quiet (a poll finds
an item the hub never pushed). A push only brings news sooner, through the same path and state as a poll.

- Hubs are learnt from the feeds the poller fetches (``note_feed``); hub URLs pass the SSRF guard.
- ``GET <callback>/<id>``: verification of intent, answered with ``hub.challenge`` only when the id, topic
  and mode are those of a subscription raqib asked for; anything else is 404.
- ``POST <callback>/<id>``: content distribution; the body is used only with a valid ``X-Hub-Signature``
  for that subscription's secret, otherwise it is counted as refused and dropped (the answer is 202 either
  way, as the spec allows, so a forger learns nothing).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import httpx
import structlog
from aiohttp import web

from connectors.http import FetchResult, check_address, check_scheme
from connectors.sources import SourceEntry
from connectors.websub import SUB_STATES, Subscription, SubscriptionStore, discover, signature_ok
from pipeline.metrics import WEBSUB_PUSH_SECONDS, WEBSUB_PUSHES, WEBSUB_SUBSCRIPTIONS
from pipeline.settings import Settings

log = structlog.get_logger("raqib.connector.websub")

#: what a verified push is handed to: (source, pushed document) -> the articles produced
PushHandler = Callable[[SourceEntry, FetchResult], Awaitable[int]]
VERIFY_TIMEOUT = 120.0  # a hub that never verifies within this is treated as failed
QUIET_GRACE = 300.0  # a poll finding news no push brought for this long means the hub has gone quiet


def callback_base(settings: Settings) -> str:
    """The callback URL prefix the hubs are given (per-subscription ids are appended)."""
    if settings.websub_callback_url:
        return settings.websub_callback_url.rstrip("/")
    return f"http://{settings.websub_listen}/websub"


class WebSubManager:
    """Subscriptions of one connector: discovery, subscribe/renew, verification and distribution."""

    def __init__(self, settings: Settings, sources: list[SourceEntry], store: SubscriptionStore,
                 on_push: PushHandler, *, check_every: float = 30.0, allow_private: bool | None = None) -> None:
        self.settings, self.store, self.on_push = settings, store, on_push
        self.sources = {s.name: s for s in sources if s.kind in ("feed", "rss", "atom", "rdf")}
        self.callback = callback_base(settings)
        self.check_every = check_every
        self.allow_private = settings.allow_private_networks if allow_private is None else allow_private
        self.hubs: dict[str, tuple[str, str]] = {}  # source -> (hub, topic) as last discovered
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(15.0), follow_redirects=False,
                                         headers={"User-Agent": settings.user_agent})
        self._runner: web.AppRunner | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._update_gauge()

    # discovery and subscription ----------------------------------------------------------------

    def note_feed(self, entry: SourceEntry, result: FetchResult) -> None:
        """Called by the poller for each feed fetched: remember the hub and topic it advertises."""
        if entry.name not in self.sources:
            return
        hubs, topic = discover(result.body, result.headers, result.final_url)
        if hubs:
            self.hubs[entry.name] = (hubs[0], topic or result.final_url)
        else:
            self.hubs.pop(entry.name, None)

    def note_polled(self, source: str, new_articles: int, now: float | None = None) -> None:
        """A poll found ``new_articles``: if the hub was meant to push them and has been silent, it is quiet."""
        sub = self.store.get(source)
        now = time.time() if now is None else now
        if new_articles and sub is not None and sub.state == "active":
            heard = sub.last_push or sub.requested_at
            if now - heard > QUIET_GRACE:
                sub.retry_later("quiet", f"a poll found {new_articles} new item(s) the hub did not push", now)
                self.store.save(sub)
                self._update_gauge()

    async def check(self, now: float | None = None) -> None:
        """Subscribe where a hub is known and no subscription stands; renew before leases end; give up on
        verifications that never came. One pass; ``run`` repeats it."""
        now = time.time() if now is None else now
        known = {s.source: (s.hub, s.topic) for s in self.store.all() if s.source in self.sources}
        for name, (hub, topic) in list({**known, **self.hubs}.items()):  # stored ones renew after a restart
            sub = self.store.get(name)
            if sub is not None and sub.state == "pending" and now - sub.requested_at > VERIFY_TIMEOUT:
                sub.retry_later("failed", "the hub never verified the subscription", now)
                self.store.save(sub)
            if sub is None or sub.hub != hub or sub.topic != topic or sub.state == "unsubscribed":
                await self.subscribe(name, hub, topic)
            elif sub.renew_due(now) or (sub.state in ("refused", "failed", "quiet") and now >= sub.next_attempt):
                await self.subscribe(name, hub, topic, sub)
        self._update_gauge()

    async def subscribe(self, source: str, hub: str, topic: str, previous: Subscription | None = None) -> Subscription:
        """Ask ``hub`` for a subscription to ``topic``; the callback id and secret are new unless renewing an
        active subscription (whose pushes keep arriving meanwhile)."""
        now = time.time()
        if previous is not None and previous.state == "active":
            sub = previous.model_copy(update={"requested_at": now, "intent": "subscribe"})
        else:
            sub = Subscription(source=source, topic=topic, hub=hub, failures=previous.failures if previous else 0)
        try:
            check_scheme(hub)
            if not self.allow_private:
                await check_address(hub)
            response = await self._client.post(hub, data={
                "hub.mode": "subscribe", "hub.topic": topic, "hub.callback": f"{self.callback}/{sub.callback_id}",
                "hub.secret": sub.secret, "hub.lease_seconds": str(self.settings.websub_lease_seconds)})
        except Exception as exc:  # noqa: BLE001 - SSRF refusal, hub down, timeout: polling carries on
            sub.retry_later("failed", f"subscribe failed: {exc}", now)
        else:
            if response.status_code in (202, 204):
                sub.error = None
                if sub.state != "active":
                    sub.state = "pending"
            else:
                sub.retry_later("refused", f"hub answered HTTP {response.status_code}", now)
        self.store.save(sub)
        log.info("websub_subscribe", source=source, hub=hub, state=sub.state, error=sub.error)
        return sub

    def _update_gauge(self) -> None:
        counts = dict.fromkeys(SUB_STATES, 0)
        for sub in self.store.all():
            counts[sub.state] += 1
        for state, n in counts.items():
            WEBSUB_SUBSCRIPTIONS.labels(state=state).set(n)

    # callback server ---------------------------------------------------------------------------

    async def verify(self, request: web.Request) -> web.Response:
        """Verification of intent: echo the challenge only for what raqib asked for."""
        sub = self.store.by_callback(request.match_info["cid"])
        q = request.query
        mode, topic, challenge = q.get("hub.mode"), q.get("hub.topic"), q.get("hub.challenge")
        if sub is None or topic != sub.topic:
            return web.Response(status=404)
        if mode == "denied":
            sub.retry_later("refused", f"hub denied: {q.get('hub.reason', '')}", time.time())
            self.store.save(sub)
            self._update_gauge()
            return web.Response(status=200)
        if mode != sub.intent or not challenge:
            return web.Response(status=404)
        lease = q.get("hub.lease_seconds", "")
        sub.lease_seconds = int(lease) if lease.isdigit() else self.settings.websub_lease_seconds
        sub.state = "active" if mode == "subscribe" else "unsubscribed"
        sub.expires_at, sub.failures, sub.error = time.time() + sub.lease_seconds, 0, None
        self.store.save(sub)
        self._update_gauge()
        return web.Response(status=200, text=challenge, content_type="text/plain")

    async def distribute(self, request: web.Request) -> web.Response:
        """Content distribution: a signed feed document becomes a push of that source."""
        arrived = time.monotonic()
        sub = self.store.by_callback(request.match_info["cid"])
        if sub is None or sub.state not in ("active", "pending", "quiet") or sub.source not in self.sources:
            WEBSUB_PUSHES.labels(outcome="unknown").inc()
            return web.Response(status=410)  # the spec's "no longer interested": the hub drops it
        body = await request.read()
        if not signature_ok(sub.secret, body, request.headers.get("X-Hub-Signature")):
            WEBSUB_PUSHES.labels(outcome="refused").inc()
            log.warning("websub_push_refused", source=sub.source, reason="missing or wrong X-Hub-Signature")
            return web.Response(status=202)
        WEBSUB_PUSHES.labels(outcome="accepted").inc()
        sub.last_push = time.time()
        if sub.state == "quiet":
            sub.state = "active"
        self.store.save(sub)
        headers = {k.lower(): v for k, v in request.headers.items()}
        document = FetchResult(sub.topic, sub.topic, 200, "ok", body, headers)
        task = asyncio.create_task(self._deliver(self.sources[sub.source], document, arrived))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202)

    async def _deliver(self, entry: SourceEntry, document: FetchResult, arrived: float) -> None:
        produced = await self.on_push(entry, document)
        if produced:
            WEBSUB_PUSH_SECONDS.observe(time.monotonic() - arrived)

    async def start(self) -> str:
        """Serve the callbacks on ``websub_listen``; returns the address actually bound."""
        host, _, port = (self.settings.websub_listen or "").rpartition(":")
        path = urlsplit(self.callback).path.rstrip("/") or ""
        app = web.Application(client_max_size=self.settings.websub_max_push_bytes)
        app.router.add_get(path + "/{cid}", self.verify)
        app.router.add_post(path + "/{cid}", self.distribute)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host or "0.0.0.0", int(port or 0))
        await site.start()
        bound = site._server.sockets[0].getsockname()  # type: ignore[union-attr]
        address = f"{bound[0]}:{bound[1]}"
        if not self.settings.websub_callback_url:  # port 0: the callbacks name the port actually bound
            self.callback = f"http://{address}{path}"
        return address

    async def run(self, stop: asyncio.Event) -> None:
        """The subscribe/renew loop, until ``stop``."""
        while not stop.is_set():
            try:
                await self.check()
            except Exception as exc:  # noqa: BLE001 - the loop must outlive one bad pass
                log.warning("websub_check_failed", error=repr(exc))
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.check_every)
            except TimeoutError:
                pass

    async def close(self) -> None:
        for task in list(self._tasks):
            await asyncio.wait([task], timeout=10)
        if self._runner is not None:
            await self._runner.cleanup()
        await self._client.aclose()
