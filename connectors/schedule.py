"""Polling that learns each feed: when to fetch a source next, from its own publication times.

A fixed interval polls a weekly as often as a wire service. Here each source keeps an EWMA of the gaps
between its items' publication dates (the dates the feed itself states, so a feed polled rarely is still
measured exactly) and is polled at a fraction of that gap; a feed quiet for longer than its usual gap is
slowing down, so the quiet time counts as a gap too. The publisher's own hints (``<ttl>``,
``sy:updatePeriod``/``sy:updateFrequency``, ``Cache-Control: max-age``) are lower bounds, and
``Retry-After`` is obeyed. Everything here is a pure function of its arguments (the simulation in
``bench/polling.py`` runs the very same code).
"""

from __future__ import annotations

import email.utils
import math
import re
import time
from dataclasses import dataclass

from pydantic import BaseModel

from connectors.sources import SourceEntry

#: weight of the newest gap in the average (0.25: a burst shows after a few items, one odd gap does not)
ALPHA = 0.25
#: the interval is FRACTION * sqrt(gap * REFERENCE_GAP): a feed publishing every REFERENCE_GAP seconds is
#: polled at FRACTION of its gap. The square root is the best share of a request budget when the aim is the
#: lowest mean delay per article (minimise sum(rate_i * T_i) under sum(1 / T_i) fixed: T_i ~ 1/sqrt(rate_i)):
#: a busy feed is polled more often than a quiet one, but not in proportion to its rate.
FRACTION = 0.5
REFERENCE_GAP = 300.0
DEFAULT_MIN_INTERVAL = 60.0
DEFAULT_MAX_INTERVAL = 6 * 3600.0
MAX_RETRY_AFTER = 24 * 3600.0
_SY_PERIODS = {"hourly": 3600.0, "daily": 86400.0, "weekly": 7 * 86400.0, "monthly": 30 * 86400.0,
               "yearly": 365 * 86400.0}
_HEAD_BYTES = 64 * 1024


class Learned(BaseModel):
    """What the schedule has learned about one feed (kept in the connector state)."""

    gap: float | None = None  # EWMA of seconds between items
    newest: float | None = None  # publication time (epoch s) of the newest item seen


@dataclass(frozen=True)
class Bounds:
    """The source's configured limits: ``initial`` until something is learned."""

    initial: float
    minimum: float = DEFAULT_MIN_INTERVAL
    maximum: float = DEFAULT_MAX_INTERVAL


@dataclass(frozen=True)
class Hints:
    """What the publisher said about how often to come back (seconds; None when not said)."""

    ttl: float | None = None
    update_period: float | None = None
    max_age: float | None = None
    retry_after: float | None = None


def observe(learned: Learned, published: list[float], now: float, undated_new: int = 0,
            last_poll: float | None = None) -> Learned:
    """``learned`` updated with the publication times seen in one fetch (all items, new or not).

    Only items newer than the newest already seen count; dates in the future count as now. Undated new
    items (listing pages) are spread evenly since the last poll: their true times are unknown.
    """
    times = sorted(min(t, now) for t in published if learned.newest is None or t > learned.newest)
    if undated_new > 0 and last_poll is not None and last_poll < now:
        step = (now - last_poll) / undated_new
        times = sorted(times + [last_poll + step * (i + 1) for i in range(undated_new)])
    if not times:
        return learned
    gap, previous = learned.gap, learned.newest
    if previous is None and gap is None and len(times) > 1:  # first sight of the feed: its window's mean gap
        gap, previous = (times[-1] - times[0]) / (len(times) - 1), times[-1]
        times = []
    for t in times:
        if previous is not None:
            step = max(t - previous, 1.0)
            gap = step if gap is None else ALPHA * step + (1 - ALPHA) * gap
        previous = t if previous is None else max(previous, t)
    return Learned(gap=gap, newest=previous)


def next_interval(learned: Learned, now: float, bounds: Bounds, hints: Hints | None = None,
                  fraction: float = FRACTION) -> float:
    """Seconds until the next poll of a source."""
    hints = hints or Hints()
    quiet = now - learned.newest if learned.newest is not None else None
    if learned.gap is None and quiet is None:
        interval = bounds.initial
    else:
        expected = max(learned.gap or 0.0, quiet or 0.0, 1.0)
        interval = fraction * math.sqrt(expected * REFERENCE_GAP)
    interval = min(max(interval, bounds.minimum), bounds.maximum)
    stated = [h for h in (hints.ttl, hints.update_period, hints.max_age) if h]
    if stated:  # the publisher's cadence is a floor, the user's maximum still wins
        interval = max(interval, min(max(stated), bounds.maximum))
    if hints.retry_after:
        interval = max(interval, min(hints.retry_after, MAX_RETRY_AFTER))
    return interval


_TTL_RE = re.compile(rb"<ttl>\s*(\d{1,7})\s*</ttl>", re.I)
_SY_PERIOD_RE = re.compile(rb"<sy:updatePeriod>\s*([a-z]+)\s*</sy:updatePeriod>", re.I)
_SY_FREQ_RE = re.compile(rb"<sy:updateFrequency>\s*(\d{1,5})\s*</sy:updateFrequency>", re.I)
_MAX_AGE_RE = re.compile(r"(?:^|,)\s*(?:s-)?max-age\s*=\s*\"?(\d{1,9})", re.I)
_ITEM_RE = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>]", re.I)


def feed_head(body: bytes) -> bytes:
    """The channel part of a feed document (before its first item), bounded: where feed-level hints live."""
    head = body[:_HEAD_BYTES]
    match = _ITEM_RE.search(head)
    return head[: match.start()] if match else head


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds from now (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def feed_hints(body: bytes, headers: dict[str, str], status: int | None = None) -> Hints:
    """Hints from a fetched feed: ``<ttl>`` (minutes), ``sy:updatePeriod``/``sy:updateFrequency``,
    ``Cache-Control: max-age``, and ``Retry-After`` on a 429/503 answer (``headers`` keys in lower case)."""
    head = feed_head(body) if body else b""
    ttl = _TTL_RE.search(head)
    period = _SY_PERIOD_RE.search(head)
    update_period = None
    if period and period.group(1).lower().decode() in _SY_PERIODS:
        freq = _SY_FREQ_RE.search(head)
        update_period = _SY_PERIODS[period.group(1).lower().decode()] / max(int(freq.group(1)) if freq else 1, 1)
    cache = headers.get("cache-control", "")
    max_age = _MAX_AGE_RE.search(cache) if "no-cache" not in cache.lower() else None
    retry = retry_after_seconds(headers.get("retry-after")) if status in (429, 503) else None
    return Hints(ttl=float(ttl.group(1)) * 60 if ttl else None, update_period=update_period,
                 max_age=float(max_age.group(1)) if max_age else None, retry_after=retry)


def bounds_for(entry: SourceEntry) -> Bounds:
    """A source's limits: its own ``min_interval``/``max_interval``, else 60 s and 6 h widened to hold
    its ``interval``."""
    initial = float(entry.interval)
    minimum = float(entry.min_interval) if entry.min_interval else min(DEFAULT_MIN_INTERVAL, initial)
    maximum = float(entry.max_interval) if entry.max_interval else max(DEFAULT_MAX_INTERVAL, initial)
    return Bounds(initial=min(max(initial, minimum), maximum), minimum=minimum, maximum=maximum)
