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
    is complete, unless it is what a demand, a pledge or a decision asks for) — announce when nothing says otherwise."""
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
    if demanded(toks, anchor, stance):
        return "announce"
    conditional = bool(stance.conditional and group_hits(before, stance.conditional))
    if in_sequence(toks, anchor, stance) and not conditional:
        return "complete"
    if stance.dated is not None and year is not None and not conditional and _dated(
            toks, anchor, year - stance.dated, stance.dated_window):  # "ما لم ينسحب العراق ... 1991": a condition
        return "complete"
    if stance.past and not governed(toks, anchor, stance) and past_at(toks, anchor, stance.past) \
            and not (stance.future and group_hits(toks[anchor + 1 : anchor + 1 + stance.window], stance.future)) \
            and not conditional:
        return "complete"
    return "announce"


def demanded(toks: list[str], anchor: int, stance: Any) -> bool:
    """The predicate is the ب complement of a demand, a pledge or a decision (``stance.demand``): "جدد البرلمان
    المطالبة بانسحاب القوات التركية"، "تعهد الرئيس بسحب القوات". What is asked for is still to come, so a year
    near it or a past spelling does not make it done."""
    if not stance.demand:
        return False
    lo = max(0, anchor - frame_syntax.COMPLEMENT_REACH)
    return frame_syntax.ba_complement(toks, anchor, [lo + i for i in group_hits(toks[lo:anchor], stance.demand)])


def past_at(toks: list[str], anchor: int, past: frozenset[str]) -> bool:
    """The predicate is a past verb of ``past``, bare or with an object pronoun after the feminine ت or the plural
    و(ا): "المدن التي غادرتها القوات السورية"، "سلموها للجيش". Not after a bare stem: "سحبها" is also the verbal
    noun with a possessive."""
    if frame_syntax.past_verb_at(toks, anchor, past):
        return True
    tok = toks[anchor]
    for pronoun in ("هما", "هم", "ها", "ه"):
        stem = tok[: -len(pronoun)]
        if tok.endswith(pronoun) and stem.endswith(("ت", "و")):
            bare = stem + "ا" if stem.endswith("و") else stem
            return frame_syntax.past_verb_at([*toks[:anchor], bare], anchor, past)
    return False


def governed(toks: list[str], anchor: int, stance: Any) -> bool:
    """A form spelled like a past verb is the verbal noun of a verb that governs it right before it ("قررت سحب"،
    "سيجري سحب"), or of a demand with its subject between ("بمطالبة حزب العمال الكردستاني سحب مقاتليه")."""
    if stance.governs and group_hits([_unfuture(t) for t in toks[max(0, anchor - GOVERNS_REACH):anchor]],
                                     stance.governs):
        return True
    return bool(stance.demand and group_hits(toks[max(0, anchor - frame_syntax.COMPLEMENT_REACH):anchor],
                                             stance.demand))


def in_sequence(toks: list[str], anchor: int, stance: Any) -> bool:
    """The predicate is a verbal noun right after a time preposition that relates it to another event (``stance.
    sequence``: "زرعتها الميليشيات قبل انسحابها"، "وبعد خروج المقاومة من خور مكسر"، "قبل أن انسحابهم"): the clause
    tells it as an event that took place, unless a time to come or a duty stands within ``window`` words either
    side ("من سيحكم منبج بعد انسحاب الأكراد"، "العلاقة بعد خروج القوات القتالية ستكون").
    A past verb is no verbal noun: "قبل" before it is an adverb of its own clause."""
    if not stance.sequence or anchor == 0 or frame_syntax.past_verb_at(toks, anchor, stance.past):
        return False
    at = anchor - 2 if anchor >= 2 and toks[anchor - 1] == "ان" else anchor - 1  # folded أن
    if not group_hits(toks[at:at + 1], stance.sequence):
        return False
    lo, hi = max(0, anchor - stance.window), anchor + stance.window + 1
    return not any(future_verb(t) for t in toks[lo:hi]) and not (
        stance.to_come and group_hits(toks[lo:hi], stance.to_come))


def future_verb(tok: str) -> bool:
    """A verb with the future prefix سـ (سيحكم، ستكون، وسيجري): سـ, an imperfect prefix and at least three letters
    of stem; not the past or nouns that begin so (سيطرت، سيطرة، سيارات، سيطر، سيناء): those end in ت, ة (folded
    to ه in the tokens: وسيطره) or اء, or have a two-letter rest (سيتم is data: ``to_come``), and an imperfect prefix
    is never followed by a bare alif (سياسي)."""
    tok = tok[1:] if tok[:1] in "وف" and len(tok) > 4 else tok
    return len(tok) >= 5 and tok[0] == "س" and tok[1] in "يتنأ" and tok[2] != "ا" and not tok.endswith(
        ("ت", "ة", "ه", "اء"))


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
