"""Polling that learns each feed: the schedule's pure functions and their wiring in the runner."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from connectors.http import PoliteFetcher
from connectors.runner import poll_once
from connectors.sample_site import Response, SampleSite
from connectors.schedule import (
    Bounds,
    Hints,
    Learned,
    bounds_for,
    feed_hints,
    next_interval,
    observe,
    retry_after_seconds,
)
from connectors.sources import SourceEntry
from connectors.state import MemoryStateStore

BOUNDS = Bounds(initial=300, minimum=60, maximum=6 * 3600)


def test_a_busy_feed_is_polled_more_often_than_a_quiet_one():
    now = 1_000_000.0
    wire = observe(Learned(), [now - 120 * i for i in range(20)], now)
    daily = observe(Learned(), [now - 7200 * i for i in range(20)], now)
    assert abs(wire.gap - 120) < 1e-6 and abs(daily.gap - 7200) < 1e-6 and wire.newest == now
    fast, slow = next_interval(wire, now, BOUNDS), next_interval(daily, now, BOUNDS)
    assert BOUNDS.minimum <= fast < 300 < slow <= BOUNDS.maximum
    # square-root rule: 60x the gap is about sqrt(60) ~ 7.7x the interval, not 60x
    assert 6 < slow / fast < 9


def test_the_average_follows_new_items_and_ignores_old_ones():
    now = 1_000_000.0
    learned = observe(Learned(), [now - 3600 * i for i in range(10)], now)
    assert abs(learned.gap - 3600) < 1e-6
    again = observe(learned, [now - 3600 * i for i in range(10)], now + 60)  # same items: nothing new
    assert again == learned
    burst = observe(learned, [now + 60 * i for i in range(1, 11)], now + 600)  # breaking news
    assert burst.gap < 600 and burst.newest == now + 600
    assert next_interval(burst, now + 600, BOUNDS) < next_interval(learned, now, BOUNDS)


def test_a_feed_gone_quiet_is_polled_less_and_less():
    now = 1_000_000.0
    learned = observe(Learned(), [now - 30 * i for i in range(20)], now)
    intervals = [next_interval(learned, now + quiet, BOUNDS) for quiet in (0, 3600, 86400, 7 * 86400, 90 * 86400)]
    assert intervals == sorted(intervals) and len(set(intervals)) == len(intervals)
    assert intervals[0] == BOUNDS.minimum and intervals[-2] > 3600 and intervals[-1] == BOUNDS.maximum


def test_future_dates_count_as_now_and_undated_items_are_spread_since_the_last_poll():
    now = 1_000_000.0
    learned = observe(Learned(gap=600, newest=now - 600), [now + 86400], now)
    assert learned.newest == now
    listing = observe(Learned(gap=600, newest=now - 600), [], now, undated_new=3, last_poll=now - 300)
    assert listing.newest == now and listing.gap < 600


def test_publisher_hints_are_floors_and_retry_after_is_obeyed():
    learned = Learned(gap=60, newest=1000.0)
    base = next_interval(learned, 1000.0, BOUNDS)
    assert next_interval(learned, 1000.0, BOUNDS, Hints(ttl=1800)) == 1800
    assert next_interval(learned, 1000.0, BOUNDS, Hints(ttl=7 * 86400)) == BOUNDS.maximum  # the user's max wins
    assert next_interval(learned, 1000.0, BOUNDS, Hints(retry_after=10 * 3600)) == 10 * 3600
    assert next_interval(learned, 1000.0, BOUNDS, Hints(max_age=30)) == base


def test_feed_hints_read_ttl_syndication_cache_control_and_retry_after():
    rss = (b'<?xml version="1.0"?><rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>'
           b"<ttl>15</ttl><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>"
           b"<item><ttl>999</ttl></item></channel></rss>")
    hints = feed_hints(rss, {"cache-control": "public, max-age=120"}, 200)
    assert hints == Hints(ttl=900, update_period=900, max_age=120, retry_after=None)
    assert feed_hints(b"", {"retry-after": "3600"}, 429).retry_after == 3600
    assert feed_hints(b"", {"retry-after": "3600"}, 200).retry_after is None  # only on 429/503
    assert feed_hints(b"", {"cache-control": "no-cache, max-age=60"}, 200).max_age is None
    when = (datetime.now(UTC) + timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 7100 < retry_after_seconds(when) <= 7200
    assert retry_after_seconds("soon") is None


def test_bounds_come_from_the_source():
    assert bounds_for(SourceEntry(name="a", url="http://x/")) == Bounds(300, 60, 6 * 3600)
    assert bounds_for(SourceEntry(name="a", url="http://x/", interval=30)) == Bounds(30, 30, 6 * 3600)
    assert bounds_for(SourceEntry(name="a", url="http://x/", interval=600, min_interval=600,
                                  max_interval=600)) == Bounds(600, 600, 600)


def test_the_runner_schedules_each_source_from_its_own_feed():
    """Two real feeds over HTTP: one publishing every 2 minutes, one every day; the next polls differ."""
    now = datetime.now(UTC)
    with SampleSite(seeds=False) as busy, SampleSite(seeds=False) as quiet:
        for i in range(15):
            busy.add_feed_item(f"/news/b{i}", published=now - timedelta(minutes=2 * i))
            quiet.add_feed_item(f"/news/q{i}", published=now - timedelta(days=i))
        quiet.set_route("/ttl.xml", lambda path, headers: Response(
            200, quiet.rss().replace("<language>", "<ttl>240</ttl><language>").encode(),
            {"Content-Type": "application/rss+xml"}))
        sources = [SourceEntry(name="busy", url=busy.url + "/rss.xml"),
                   SourceEntry(name="quiet", url=quiet.url + "/ttl.xml")]
        store = MemoryStateStore()

        async def run() -> None:
            async with PoliteFetcher(allow_private=True, min_delay=0, timeout=5, obey_robots=False) as fetcher:
                await poll_once(sources, fetcher, lambda a: None, store, lambda d: None)

        started = time.time()
        asyncio.run(run())
    fast, slow = store.load("busy", 300), store.load("quiet", 300)
    assert abs(fast.learned.gap - 120) < 2 and fast.interval < 300
    assert slow.learned.gap > 80000 and slow.interval == 240 * 60  # its <ttl> (learned alone: ~42 min)
    assert fast.next_poll - started < slow.next_poll - started


def test_a_feed_answering_429_with_retry_after_is_left_alone_that_long():
    with SampleSite(seeds=False) as site:
        site.set_route("/busy.xml", Response(429, b"", {"Retry-After": "7200"}))
        store = MemoryStateStore()

        async def run() -> None:
            async with PoliteFetcher(allow_private=True, min_delay=0, timeout=5, obey_robots=False,
                                     retries=0) as fetcher:
                await poll_once([SourceEntry(name="busy", url=site.url + "/busy.xml")], fetcher, lambda a: None,
                                store, lambda d: None)

        asyncio.run(run())
    state = store.load("busy", 300)
    assert state.interval == 7200 and "429" in (state.last_error or "")
