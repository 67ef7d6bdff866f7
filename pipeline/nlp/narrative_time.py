"""Narrative time across sentences: a background withdrawal dated by the sentence before it.

News tells a past withdrawal as the time of another event ("ونفذ التنظيم مذابح بحق الطائفة بعد انسحاب قوات
البشمركة") and often dates it in the sentence before ("وفي الثالث من أغسطس العام الماضي قام المتطرفون باجتياح
قضاء سنجار"). ``frame_syntax.background_adverbial`` reads only the construction's own phrase; here the phrase
with no date of its own takes the past time of the sentence just before it. Today's news told the same way with
no past date nearby ("خالية من الإرهاب بعد خروج الدفعة الأخيرة") is untouched, and so is a construction whose
own phrase names the present ("بعد انسحاب القوات منها اليوم").

Pure functions: the caller passes the previous sentence (``preceding_sentence``), so identical sentences in
different articles are judged on their own context (``frame_memo.SentenceMemo`` keys on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pipeline.nlp import frame_syntax
from pipeline.nlp.sense_checks import elapsed_since
from pipeline.nlp.wordgroups import Group, Matches, group_hits, parse_group

#: characters read back for the previous sentence (a 10 MB line stays cheap)
PRECEDING_LIMIT = 600
#: words from a month's name to the word that makes it the last one: "ديسمبر (كانون الأول) الماضي"
MONTH_REACH = 4
#: words from "since" to the date it opens a span from: "منذ الثاني من أبريل الماضي"
SINCE_REACH = 3


@dataclass(frozen=True)
class Background:
    """A predicate told as the time or means of another clause's event and dated in the past by its own phrase
    (``frame_syntax.background_adverbial``) or by the sentence before: the prepositions that govern it, those that
    date it, recent times, past times, and the present that keeps it today's news."""

    governors: Group = field(default_factory=Group)
    daters: Group = field(default_factory=Group)
    recent: Group = field(default_factory=Group)
    span: int = 10
    past: Group = field(default_factory=Group)  # a past time of the phrase's own: "نهاية العام الماضي"
    elapsed: Group = field(default_factory=Group)  # units of a long duration: "بعد سبعة أشهر على انتهاء"
    narrators: Group = field(default_factory=Group)  # light verbs heading the verbal noun's clause: "ويتم جلاء القوات"
    months: Group = field(default_factory=Group)  # with ``last`` after them a past time of the sentence before
    last: Group = field(default_factory=Group)  # "في أبريل الماضي" (``past_dated``)
    current: Group = field(default_factory=Group)  # the present in its own phrase: no date inherited ("اليوم")
    times: Group = field(default_factory=Group)  # the time governors through which the sentence before dates it
    since: Group = field(default_factory=Group)  # a date right after it opens a span to today: no past point
    breaks: Group = field(default_factory=Group)  # another clause after the phrase: its present is not the phrase's
    complements: Group = field(default_factory=Group)  # take their complement with ب: "المطالبة بانسحاب" is no time
    deadlines: Group = field(default_factory=Group)  # a year after them is a term: "قبل نهاية عام 2012" dates no event


def parse_background(raw: dict[str, Any] | None) -> Background | None:
    if not raw:
        return None
    return Background(governors=parse_group(raw.get("governors")), daters=parse_group(raw.get("daters")),
                      recent=parse_group(raw.get("recent")), span=int(raw.get("span", 10)),
                      past=parse_group(raw.get("past")), elapsed=parse_group(raw.get("elapsed")),
                      narrators=parse_group(raw.get("narrators")), months=parse_group(raw.get("months")),
                      last=parse_group(raw.get("last")), current=parse_group(raw.get("current")),
                      times=parse_group(raw.get("times")), since=parse_group(raw.get("since")),
                      breaks=parse_group(raw.get("breaks")), complements=parse_group(raw.get("complements")),
                      deadlines=parse_group(raw.get("deadlines")))


def background_mention(toks: list[str], anchor: int, bg: Background | None, past_verbs: frozenset[str],
                       year: int | None, dated: bool = False, matches: Matches | None = None) -> bool:
    """A withdrawal told as the time or means of another event and dated in the past ("سيطروا على مناطق واسعة
    بعد انسحاب القوات الحكومية ... عقب بدء الحرب"), or by the sentence before (``dated``) or its own sentence
    before it, its own phrase naming no present time: a background mention. ``matches``: the sentence's group
    matches when the caller holds them (``group_hits`` otherwise)."""
    if bg is None:
        return False
    hits = matches if matches is not None else partial(group_hits, toks)
    complements = hits(bg.complements) if bg.complements else []
    if undated_background(toks, anchor, hits(bg.times), past_verbs, complements) \
            and (dated or past_dated(toks[:anchor], year, bg)) and not present_in_phrase(toks, anchor, bg, hits):
        return True
    daters = hits(bg.daters)
    return frame_syntax.background_adverbial(toks, anchor, hits(bg.governors), daters, hits(bg.recent), year,
                                             bg.span, hits(bg.past), complements) \
        or elapsed_since(toks, anchor, daters, hits(bg.elapsed))


def present_in_phrase(toks: list[str], anchor: int, bg: Background, hits: Matches | None = None) -> bool:
    """The predicate's own phrase names the present ("بعد انسحاب القوات منها اليوم"): today's news, whatever the
    sentence before says. The phrase ends at ``span`` words or at another clause ("بعد استقلالها وجلاء قواتها عنها،
    ولكن اليوم يختلف تماما": that today is the next clause's). ``hits``: the sentence's group matches, if held."""
    hits = hits if hits is not None else partial(group_hits, toks)
    current = [c for c in hits(bg.current) if anchor < c <= anchor + bg.span]
    if not current:
        return False
    cut = next((b for b in hits(bg.breaks) if b > anchor), len(toks)) if bg.breaks else len(toks)
    return any(c < cut for c in current)


def preceding_sentence(text: str, start: int, ends: re.Pattern[str]) -> str:
    """The sentence before the one holding ``start`` in ``text`` (``ends``: the compiled pattern of sentence
    ends), cut to ``PRECEDING_LIMIT`` characters; "" when ``start`` is in the first sentence."""
    head = text[max(0, start - PRECEDING_LIMIT):start]
    parts = ends.split(head)
    earlier = [p for p in parts[:-1] if p.strip()]  # the last part is the current sentence's own beginning
    return earlier[-1].strip() if earlier else ""


def past_dated(toks: list[str], year: int | None, bg: Background) -> bool:
    """The sentence names a past point in time: a year older than the article's (not a border, "حدود 1967"), a past
    time relative to it (``past``: "العام الماضي"), or a month named as the last one ("في أبريل (نيسان) الماضي").
    Not a date right after ``since`` ("منذ 19 أبريل الماضي"): it opens a span that runs to today's news."""
    found = [i for i, t in enumerate(toks) if year is not None and frame_syntax.YEAR.match(t) and int(t) < year
             and not frame_syntax.border_year(toks, i)]
    found += group_hits(toks, bg.past) if bg.past else []
    ends = group_hits(toks, bg.last) if bg.last else []
    if ends:
        found += [m for m in group_hits(toks, bg.months) if any(0 < e - m <= MONTH_REACH for e in ends)]
    since = group_hits(toks, bg.since) if found and bg.since else []
    return any(not any(0 < d - s <= SINCE_REACH for s in since) for d in found)


def undated_background(toks: list[str], anchor: int, times: list[int], past_verbs: frozenset[str],
                       complements: list[int] | None = None) -> bool:
    """The predicate is the time of another event: a verbal noun governed by a time preposition or glued ب ("بعد
    انسحاب قوات البشمركة"، opening the sentence too: "وبعد انسحاب القوات الأطلسية ... بقي"), coordinated with the
    noun one governs ("بعد استقلالها وجلاء قواتها عنها"), or a past verb in a time clause ("منذ أن انسحبت القوات").
    A past date before it then dates it. Not a relative clause: "وكانت كوباني أولى المدن التي غادرتها القوات"
    tells what the city was, the withdrawal is the sentence's point. ``complements``: words taking their complement
    with ب; the glued ب is theirs, no time ("جدد المطالبة بانسحاب القوات")."""
    if anchor - 1 in times or frame_syntax.governed_noun(toks, anchor, times, complements) is not None:
        return True
    if toks[anchor].startswith("و") and anchor - 2 in times:
        return True
    return frame_syntax.past_verb_at(toks, anchor, past_verbs) \
        and any(anchor - frame_syntax.SUBORDINATE_REACH <= t < anchor for t in times)
