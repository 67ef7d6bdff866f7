"""WebSub push against a real hub on loopback (connectors/sample_site/hub.py): subscribe and verify, signed content
distribution through the poller's own path, forged verifications, bad signatures, lease renewal, and
polling as the fallback when the hub is down, refuses or is not allowed (SSRF guard)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from prometheus_client import REGISTRY

from connectors.http import PoliteFetcher
from connectors.runner import SourceLocks, poll_once, push_source, run_forever
from connectors.sample_site import SampleSite
from connectors.sample_site.hub import WebSubHub
from connectors.sources import SourceEntry
from connectors.state import MemoryStateStore
from connectors.websub import Subscription, SubscriptionStore, discover, sign, signature_ok
from connectors.websub_server import WebSubManager
from pipeline.models import ArticleClean
from pipeline.settings import Settings

TEXT = ("قال المتحدث باسم الحكومة العراقية إن المفاوضات مع التحالف الدولي ستستأنف الأسبوع المقبل في بغداد "
        "لبحث جدول انسحاب القوات القتالية وبقاء المستشارين. ") * 3


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _until(predicate: Callable[[], object], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return bool(predicate())


@dataclass
class Connector:
    """A running poller + WebSub manager, as `raqib connect` wires them, with in-memory sinks."""

    manager: WebSubManager
    subs: SubscriptionStore
    store: MemoryStateStore
    locks: SourceLocks
    fetcher: PoliteFetcher
    sent: list[ArticleClean] = field(default_factory=list)


@asynccontextmanager
async def connector(sources: list[SourceEntry], *, allow_private: bool = True) -> AsyncIterator[Connector]:
    settings = Settings(websub_listen="127.0.0.1:0", allow_private_networks=True, websub_lease_seconds=3600)
    store, subs, locks = MemoryStateStore(), SubscriptionStore(), SourceLocks()
    async with PoliteFetcher(allow_private=True, min_delay=0, timeout=5, obey_robots=False) as fetcher:
        sent: list[ArticleClean] = []

        async def on_push(entry: SourceEntry, document) -> int:
            summary = await push_source(entry, document, fetcher, sent.append, store, lambda d: None, locks)
            return summary.new

        manager = WebSubManager(settings, sources, subs, on_push, check_every=0.1, allow_private=allow_private)
        await manager.start()
        stop = asyncio.Event()
        tasks = [asyncio.create_task(run_forever(sources, fetcher, sent.append, store, lambda d: None, stop,
                                                 locks=locks, on_feed=manager.note_feed, max_sleep=0.2)),
                 asyncio.create_task(manager.run(stop))]
        try:
            yield Connector(manager, subs, store, locks, fetcher, sent)
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            await manager.close()


def _slow_feed(site: SampleSite) -> SourceEntry:
    """A feed polled every 10 minutes: within a test, anything new after the first poll came by push."""
    return SourceEntry(name="site", kind="rss", url=site.url + "/rss.xml", interval=600, min_interval=600,
                       max_interval=600)


def test_discovery_from_link_headers_and_feed_links():
    rss = (b'<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><atom:link rel="hub" href="https://hub.example/"/>'
           b"<atom:link href='/feed.xml' rel='self'/><item><link rel=\"hub\" href=\"https://item.example/\"/></item>")
    assert discover(rss, {}, "https://news.example/rss") == (["https://hub.example/"], "https://news.example/feed.xml")
    headers = {"link": '<https://pubsubhubbub.appspot.com/>; rel="hub", <https://news.example/atom>; rel="self"'}
    assert discover(b"<feed/>", headers, "https://news.example/x") == (["https://pubsubhubbub.appspot.com/"],
                                                                       "https://news.example/atom")
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="hub self" href="https://both.example/"/></feed>'
    assert discover(atom, {}, "https://x.example/") == (["https://both.example/"], "https://both.example/")
    assert discover(b"<rss><channel><title>t</title></channel></rss>", {}, "https://x.example/") == ([], None)


def test_signatures_are_checked_for_every_method_and_refused_otherwise():
    body = "خبر عاجل".encode()
    for method in ("sha1", "sha256", "sha384", "sha512"):
        assert signature_ok("s3cret", body, sign("s3cret", body, method))
        assert signature_ok("s3cret", body, sign("s3cret", body, method).upper().replace(method.upper(), method))
    assert not signature_ok("s3cret", body, sign("other", body))
    assert not signature_ok("s3cret", body + b"x", sign("s3cret", body))
    assert not signature_ok("s3cret", body, None)
    assert not signature_ok("s3cret", body, "md5=" + sign("s3cret", body).split("=")[1])
    assert not signature_ok("s3cret", body, "sha256")


def test_a_push_reaches_the_producer_once_and_a_bad_signature_produces_nothing():
    async def scenario() -> None:
        with WebSubHub() as hub, SampleSite() as site:
            site.hub = hub.url
            topic = site.url + "/rss.xml"
            async with connector([_slow_feed(site)]) as c:
                assert await _until(lambda: hub.active(topic) and len(c.sent) == 5), (hub.verifications, c.sent)
                sub = c.subs.get("site")
                assert sub.state == "active" and sub.topic == topic and sub.hub == hub.url
                url = site.add_article("الحكومة تستأنف المفاوضات", TEXT)
                refused = _metric("raqib_websub_pushes_total", outcome="refused")
                for signature in ("bad", None):
                    assert await asyncio.to_thread(hub.publish, topic, site.rss().encode(),
                                                   signature=signature) == [202]
                await asyncio.sleep(1.0)
                assert len(c.sent) == 5, "a push without a valid signature produced something"
                assert _metric("raqib_websub_pushes_total", outcome="refused") == refused + 2
                produced = _metric("raqib_websub_push_to_produce_seconds_count")
                started = time.monotonic()
                await asyncio.to_thread(hub.publish, topic, site.rss().encode(), signature="sha512")
                assert await _until(lambda: len(c.sent) == 6, timeout=5)
                assert time.monotonic() - started < 2 and c.sent[-1].url == url
                assert _metric("raqib_websub_push_to_produce_seconds_count") == produced + 1
                await asyncio.to_thread(hub.publish, topic, site.rss().encode())  # the same feed again
                summary = await poll_once([_slow_feed(site)], c.fetcher, c.sent.append, c.store, lambda d: None,
                                          locks=c.locks)  # and a poll of it: nothing is new
                await asyncio.sleep(0.5)
                assert len(c.sent) == 6 and summary.total("new") == 0 and summary.total("duplicates") == 6
                assert hub.deliveries[-1][1] == 202

    asyncio.run(scenario())


def test_verification_is_answered_only_for_what_raqib_asked_for():
    async def scenario() -> None:
        with WebSubHub() as hub, SampleSite() as site:
            site.hub = hub.url
            topic = site.url + "/rss.xml"
            async with connector([_slow_feed(site)]) as c:
                assert await _until(lambda: hub.active(topic))
                sub = c.subs.get("site")
                callback = f"{c.manager.callback}/{sub.callback_id}"
                forged = [
                    (callback, {"hub.mode": "subscribe", "hub.topic": "http://evil.example/feed",
                                "hub.challenge": "x1", "hub.lease_seconds": "60"}),
                    (f"{c.manager.callback}/not-a-subscription", {"hub.mode": "subscribe", "hub.topic": topic,
                                                                  "hub.challenge": "x2"}),
                    (callback, {"hub.mode": "unsubscribe", "hub.topic": topic, "hub.challenge": "x3"}),
                    (callback, {"hub.mode": "subscribe", "hub.topic": topic}),  # no challenge
                ]
                for url, params in forged:
                    assert await asyncio.to_thread(hub.get, url, params) == (404, ""), params
                assert c.subs.get("site").state == "active"
                ok = {"hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": "echo-me",
                      "hub.lease_seconds": "90"}
                assert await asyncio.to_thread(hub.get, callback, ok) == (200, "echo-me")
                assert c.subs.get("site").lease_seconds == 90

    asyncio.run(scenario())


def test_the_lease_is_renewed_before_it_ends_and_pushes_keep_arriving():
    async def scenario() -> None:
        with WebSubHub(lease=3) as hub, SampleSite() as site:
            site.hub = hub.url
            topic = site.url + "/rss.xml"
            async with connector([_slow_feed(site)]) as c:
                assert await _until(lambda: hub.active(topic) and len(c.sent) == 5)
                first = c.subs.get("site")
                first_expiry = first.expires_at
                await asyncio.sleep(4.5)  # past the first lease
                renewals = [r for r in hub.requests if r["hub.mode"] == "subscribe"]
                assert len(renewals) >= 2 and all(r["hub.callback"] == renewals[0]["hub.callback"] for r in renewals)
                now = c.subs.get("site")
                assert now.state == "active" and now.expires_at > first_expiry and now.callback_id == first.callback_id
                assert hub.active(topic)
                site.add_article("بيان بعد تجديد الاشتراك", TEXT)
                await asyncio.to_thread(hub.publish, topic, site.rss().encode())
                assert await _until(lambda: len(c.sent) == 6, timeout=5)

    asyncio.run(scenario())


def test_hub_down_refusing_or_private_leaves_the_source_to_polling():
    async def scenario() -> None:
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            dead_hub = f"http://127.0.0.1:{closed.getsockname()[1]}/"
        with SampleSite() as site, WebSubHub(refuse=True) as refusing, SampleSite() as other:
            site.hub, other.hub = dead_hub, refusing.url
            fast = [SourceEntry(name="down", kind="rss", url=site.url + "/rss.xml", interval=1, max_interval=1),
                    SourceEntry(name="refused", kind="rss", url=other.url + "/rss.xml", interval=1,
                                max_interval=1)]
            async with connector(fast) as c:
                assert await _until(lambda: c.subs.get("down") and c.subs.get("refused") and len(c.sent) == 10)
                assert c.subs.get("down").state == "failed" and "subscribe failed" in c.subs.get("down").error
                assert c.subs.get("refused").state == "refused" and "403" in c.subs.get("refused").error
                assert _metric("raqib_websub_subscriptions", state="failed") >= 1
                url = site.add_article("خبر يصل بالاستطلاع", TEXT)
                assert await _until(lambda: any(a.url == url for a in c.sent), timeout=10)
                assert c.subs.get("down").next_attempt > time.time() + 200  # no hammering of a dead hub
        with WebSubHub() as hub:
            manager = WebSubManager(Settings(websub_listen="127.0.0.1:0"), [], SubscriptionStore(),
                                    lambda e, d: asyncio.sleep(0, 0), allow_private=False)
            sub = await manager.subscribe("s", hub.url, "http://news.example/feed")
            await manager.close()
            assert sub.state == "failed" and "non-public" in sub.error and hub.requests == []

    asyncio.run(scenario())


def test_a_hub_gone_quiet_is_noticed_and_tried_again_later():
    store = SubscriptionStore()
    manager = WebSubManager(Settings(websub_listen="127.0.0.1:0"), [], store, lambda e, d: asyncio.sleep(0, 0))
    now = time.time()
    store.save(Subscription(source="s", topic="t", hub="h", state="active", requested_at=now - 3600,
                            last_push=now - 60))
    manager.note_polled("s", 2, now)
    assert store.get("s").state == "active"  # the hub pushed a minute ago: the poll was merely first
    store.get("s").last_push = now - 3600
    manager.note_polled("s", 2, now)
    assert store.get("s").state == "quiet" and store.get("s").next_attempt > now
    asyncio.run(manager.close())
