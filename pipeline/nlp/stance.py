"""Stance of a flagged predicate (announce, deny, postpone, complete), read from its clause: cue words of the
subject's ``stance`` data before it, a negated intent or demand, a date, and the predicate's own tense. Pure
functions over tokens; the cue lists are data (``subjects.yaml``), so a new subject needs no code."""

from __future__ import annotations

from typing import Any

from pipeline.nlp import frame_syntax
from pipeline.nlp.wordgroups import group_hits, words

# ``Stance`` and ``Subject`` are pipeline.nlp.subjects' dataclasses (typed Any here: subjects imports this module)

STANCES = ("deny", "postpone", "complete")  # checked in this order; none of them: "announce"
GOVERNS_REACH = 3  # words from a verb of decision to the verbal noun it takes, its subject between (قررت واشنطن سحب)


def judge_stance(toks: list[str], anchor: int, stance: Any, year: int | None = None) -> str:
    """The stance of the predicate at ``anchor``: a cue of its clause (within ``window`` words before it, or its
    ``reach``), a negated intent, then its own tense (a past verb, or an event dated years before the article,
    is complete) — announce when nothing says otherwise."""
    lo = max(0, anchor - stance.window)
    before = toks[lo:anchor + 1]  # the anchor too: تمديد بقاء القوات (extending their stay) postpones
    masked = {lo + i + k for i in group_hits(before, stance.fixed) for k in range(2)} if stance.fixed else set()
    if stance.negated_intent and frame_syntax.negated_intent(toks, anchor, group_hits(toks, stance.negated_intent)):
        return "deny"
    negated = any(t.removeprefix("و") in frame_syntax.NEGATIONS
                  for i, t in enumerate(before, start=lo) if i not in masked)  # not "لا تزال" (still)
    if stance.deadline and negated and group_hits(
            toks[lo:anchor + stance.window + 1], stance.deadline):  # "لا يبدو أن الانسحاب سيكون في الموعد"
        return "postpone"
    exceptions = [lo + i for i in group_hits(before, stance.exceptive)] if stance.exceptive else []
    opened = max((lo + i for i in group_hits(before, stance.clause)), default=-1) if stance.clause else -1
    for name in STANCES:
        found = [lo + i for cue, reach in stance.cues.get(name, ()) for i in group_hits(before, cue)
                 if lo + i not in masked and (reach is None or anchor - lo - i <= reach) and lo + i > opened]
        if name == "deny":  # "لن يتم إلا بانسحاب": the negation is of everything but the withdrawal
            found = [i for i in found if not any(i < e < anchor for e in exceptions)]
        if found:
            return name
    if stance.dated is not None and year is not None and _dated(toks, anchor, year - stance.dated, stance.dated_window):
        return "complete"
    governing = stance.governs and group_hits([_unfuture(t) for t in toks[max(0, anchor - GOVERNS_REACH):anchor]],
                                              stance.governs)
    if stance.past and not governing and frame_syntax.past_verb_at(toks, anchor, stance.past) and not (
            stance.future and group_hits(toks[anchor + 1 : anchor + 1 + stance.window], stance.future)) and not (
            stance.conditional and group_hits(before, stance.conditional)):
        return "complete"
    return "announce"


def reporting_stance(subject: Any, verb: str) -> str | None:
    """The stance a statement's own reporting verb gives the quote it introduces: "نفى ... أن يكون الرئيس قد طلب
    ... تخفيض عدد القوات" denies what the quote says (deny), whatever the quote's own words; None otherwise."""
    toks = words(verb) if verb else []
    return "deny" if toks and any(group_hits(toks, cue) for cue, _ in subject.stance.cues.get("deny", ())) else None


def _unfuture(tok: str) -> str:
    """A verb without the future prefix سـ (وسيجري → يجري): the stemmer keeps it."""
    tok = tok[1:] if len(tok) > 4 and tok[0] in "وف" and tok[1] == "س" else tok
    return tok[1:] if len(tok) > 3 and tok[0] == "س" and tok[1] in "يتنا" else tok


def _dated(toks: list[str], anchor: int, latest: int, window: int) -> bool:
    """A year no later than ``latest`` within ``window`` words of the anchor (not the "1967 lines")."""
    lo, hi = max(0, anchor - window), anchor + window + 1
    return any(frame_syntax.YEAR.match(t) and int(t) <= latest and not frame_syntax.border_year(toks, i)
               for i, t in enumerate(toks[lo:hi], start=lo))
