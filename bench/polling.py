"""Learned polling against fixed-interval polling, simulated on a mix of realistic feeds.

    python bench/polling.py --feeds 200 --days 14

Each simulated feed publishes on its own rhythm (wire services every few minutes, daily papers, small
regional sites, weeklies that publish one issue at once, quiet feeds with bursts of breaking news), with a
day/night cycle in Baghdad time. A feed document lists its newest --window items with their dates, as real
feeds do; an item that scrolls out before any poll sees it is missed. Fixed polling fetches every
--interval seconds (raqib's default); raqib's schedule is the connector's own code
(``connectors.schedule.observe`` and ``next_interval`` with ``bounds_for`` a default source). Reported:
requests per new article, mean and p95 discovery delay (publication -> the poll that finds it), missed items.
The first day is warm-up (both schedules learn nothing from it in the statistics).
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import statistics
from dataclasses import dataclass

from connectors.schedule import Learned, bounds_for, next_interval, observe
from connectors.sources import SourceEntry

DAY = 86400.0
UTC_OFFSET = 3 * 3600.0  # Baghdad


def _awake(t: float) -> float:
    """Publishing activity by local hour: full from 07:00 to 23:00, a quarter at night."""
    hour = ((t + UTC_OFFSET) % DAY) / 3600.0
    return 1.0 if 7 <= hour < 23 else 0.25


def _poisson(rng: random.Random, mean_gap: float, start: float, end: float) -> list[float]:
    """Arrivals of a day/night-modulated Poisson process (thinning)."""
    out, t = [], start
    while True:
        t += rng.expovariate(1.0 / mean_gap)
        if t >= end:
            return out
        if rng.random() < _awake(t):
            out.append(t)


def feed_mix(count: int, days: float, rng: random.Random) -> list[tuple[str, list[float]]]:
    """(kind, sorted publication times) for ``count`` feeds: 20 % wire, 40 % daily, 20 % regional,
    10 % weekly, 10 % bursty."""
    end, start = days * DAY, -7 * DAY  # a week of history: a feed document is never empty at the start
    feeds = []
    for i in range(count):
        share = i / count
        if share < 0.2:
            kind, times = "wire", _poisson(rng, rng.uniform(120, 480), start, end)
        elif share < 0.6:
            kind, times = "daily", _poisson(rng, rng.uniform(1200, 7200), start, end)
        elif share < 0.8:
            kind, times = "regional", _poisson(rng, DAY / rng.uniform(3, 12), start, end)
        elif share < 0.9:
            kind, weekday, times = "weekly", rng.uniform(0, 7) * DAY, []
            for week in range(-1, int(days // 7) + 1):
                issue = weekday + week * 7 * DAY
                times += [issue + rng.uniform(0, 1800) for _ in range(rng.randint(5, 15))]
            times = [t for t in times if t < end]
        else:
            kind, times = "bursty", _poisson(rng, DAY / rng.uniform(1, 3), start, end)
            for _ in range(int((days + 7) * 2 / 7) + 1):  # about two bursts a week of breaking news
                burst = rng.uniform(start, end)
                times += _poisson(rng, rng.uniform(120, 300), burst, min(burst + rng.uniform(3600, 7200), end))
        feeds.append((kind, sorted(times)))
    return feeds


@dataclass
class Outcome:
    requests: int = 0
    found: int = 0
    missed: int = 0
    delays: list[float] | None = None


def simulate(times: list[float], end: float, window: int, warmup: float, rng: random.Random,
             fixed: float | None) -> Outcome:
    """Poll one feed until ``end``: every ``fixed`` seconds, or on raqib's learned schedule when None."""
    bounds = bounds_for(SourceEntry(name="sim", url="http://sim.example/feed"))
    out = Outcome(delays=[])
    learned, last_poll = Learned(), None
    discovered = 0  # items [0, discovered) were seen by some poll
    t = rng.uniform(0, fixed or bounds.initial)
    while t < end:
        top = bisect.bisect_right(times, t)
        low = max(0, top - window)
        if t >= warmup:
            out.requests += 1
            out.missed += sum(1 for x in times[discovered:low] if x >= warmup)
            for x in times[max(discovered, low):top]:
                if x >= warmup:
                    out.delays.append(t - x)
        discovered = max(discovered, top)
        if fixed is not None:
            t += fixed
            continue
        learned = observe(learned, times[low:top], t, 0, last_poll)
        last_poll = t
        t += next_interval(learned, t, bounds)
    out.found = len(out.delays)
    return out


def _summary(outcomes: list[Outcome]) -> dict[str, float]:
    delays = sorted(d for o in outcomes for d in o.delays)
    requests = sum(o.requests for o in outcomes)
    return {"requests": requests, "articles_found": len(delays), "missed": sum(o.missed for o in outcomes),
            "requests_per_article": round(requests / max(len(delays), 1), 3),
            "mean_delay_s": round(statistics.fmean(delays), 1),
            "p95_delay_s": round(delays[math.ceil(0.95 * len(delays)) - 1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--days", type=float, default=14)
    parser.add_argument("--interval", type=float, default=300, help="fixed polling interval (s)")
    parser.add_argument("--window", type=int, default=20, help="items a feed document lists")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    feeds = feed_mix(args.feeds, args.days, rng)
    end, warmup = args.days * DAY, DAY
    fixed = [simulate(times, end, args.window, warmup, random.Random(i), args.interval)
             for i, (_, times) in enumerate(feeds)]
    learned = [simulate(times, end, args.window, warmup, random.Random(i), None)
               for i, (_, times) in enumerate(feeds)]
    kinds = sorted({k for k, _ in feeds})
    result = {
        "feeds": len(feeds), "days": args.days, "feed_window": args.window,
        "articles": sum(1 for _, times in feeds for t in times if t >= warmup),
        "fixed": {"interval_s": args.interval, **_summary(fixed)},
        "raqib": _summary(learned),
        "by_kind": {k: {"feeds": sum(1 for kk, _ in feeds if kk == k),
                        "fixed": _summary([o for o, (kk, _) in zip(fixed, feeds, strict=True) if kk == k]),
                        "raqib": _summary([o for o, (kk, _) in zip(learned, feeds, strict=True) if kk == k])}
                    for k in kinds},
    }
    f, r = result["fixed"], result["raqib"]
    result["fewer_requests_pct"] = round(100 * (1 - r["requests"] / f["requests"]), 1)
    result["mean_delay_not_worse"] = r["mean_delay_s"] <= f["mean_delay_s"]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
