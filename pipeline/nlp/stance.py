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
    conditions = [lo + i for i in group_hits(before, stance.conditional)] if stance.conditional else []
    for name in STANCES:
        found = [lo + i for cue, reach in stance.cues.get(name, ()) for i in group_hits(before, cue)
                 if lo + i not in masked and (reach is None or anchor - lo - i <= reach) and lo + i > opened
                 and not supposed(toks, lo + i, conditions)]
        if name == "deny":  # "لن يتم إلا بانسحاب": the negation is of everything but the withdrawal
            found = [i for i in found if not any(i < e < anchor for e in exceptions)]
        if found:
            return name
    if resulted(toks, anchor, stance):
        return "complete"
    if demanded(toks, anchor, stance):
        return "announce"
    conditional = bool(conditions)
    if (in_sequence(toks, anchor, stance) or result_clause(toks, anchor, stance)
            or past_topic(toks, anchor, stance)) and not conditional:
        return "complete"
    if stance.dated is not None and year is not None and not conditional and _dated(
            toks, anchor, year - stance.dated, stance.dated_window):  # "ما لم ينسحب العراق ... 1991": a condition
        return "complete"
    if stance.past and not governed(toks, anchor, stance) and past_at(toks, anchor, stance.past) \
            and not (stance.future and group_hits(toks[anchor + 1 : anchor + 1 + stance.window], stance.future)) \
            and not conditional:
        return "complete"
    return "announce"


def supposed(toks: list[str], cue: int, conditions: list[int]) -> bool:
    """The cue at ``cue`` is inside a condition (``conditions``: where a conditional stands) with no answer clause
    (فإن) between: "في حال رفضت الميليشيات الخروج من المستشفى فإننا سنتوقف" supposes a refusal, it reports none, and
    "إذا تم سحب القوات" a withdrawal; the demand stays announced."""
    return any(c < cue and not any(t.startswith("فان") for t in toks[c + 1:cue]) for c in conditions)


def demanded(toks: list[str], anchor: int, stance: Any) -> bool:
    """The predicate is the ب complement of a demand, a pledge or a decision (``stance.demand``): "جدد البرلمان
    المطالبة بانسحاب القوات التركية"، "تعهد الرئيس بسحب القوات", or the ل / إلى complement of a call (``stance.
    call``): "ودعوته مجددا للانسحاب من الكويت"، "دعا الأسد الأمريكيين لمغادرة البلاد". What is asked for is still
    to come, so a year near it or a past spelling does not make it done."""
    lo = max(0, anchor - frame_syntax.COMPLEMENT_REACH)
    if stance.demand and frame_syntax.ba_complement(
            toks, anchor, [lo + i for i in group_hits(toks[lo:anchor], stance.demand)]):
        return True
    return bool(stance.call and group_hits(toks[lo:anchor], stance.call)) and frame_syntax.to_complement(toks, anchor)


#: the relative ما (what, that) and من + ما: "وهو ما دفع"، "مما اضطر" refer back to an event told before
RESULT_OPENERS = frozenset({"ما", "مما"})


def resulted(toks: list[str], anchor: int, stance: Any) -> bool:
    """The predicate is what an event told before led to: "وهو ما دفع النظام لسحب قواته"، "وهو ما دعا الجيش العراقي
    إلى الانسحاب": ما refers back to that event and the causative verb after it (``stance.result``, past forms only)
    says the result took place, up to ``COMPLEMENT_REACH`` words before the predicate (its object between)."""
    if not stance.result:
        return False
    lo = max(0, anchor - frame_syntax.COMPLEMENT_REACH)
    return any(i > 0 and toks[i - 1].removeprefix("و") in RESULT_OPENERS
               for i in (lo + j for j in group_hits(toks[lo:anchor], stance.result))) or opened_by_result(
        toks, anchor, stance)


HEAD_REACH = 10  # words from a causative opening the sentence to the verbal noun it governs (subject, object between)


def opened_by_result(toks: list[str], anchor: int, stance: Any) -> bool:
    """The sentence opens with a past causative (not a call) and the predicate is its complement with ل، إلى or على:
    "ودفع تقدم المقاومة في المناطق الوسطى الانقلابيين إلى الانسحاب"، "وأجبرت المعارك القوات على الانسحاب" tell a
    withdrawal that took place, its cause the sentence's own subject ("ودعا الرئيس القوات إلى الانسحاب" is a call)."""
    if anchor == 0 or anchor > HEAD_REACH or 0 not in group_hits(toks[:1], stance.result) or (
            stance.call and group_hits(toks[:1], stance.call)):
        return False
    return frame_syntax.to_complement(toks, anchor) or toks[anchor - 1] == "على"


def result_clause(toks: list[str], anchor: int, stance: Any) -> bool:
    """The predicate is an imperfect verb after the ل of result, closing a narrated clause: "أسفرت الاشتباكات
    عن مقتل عناصر من الأخيرة، لتنسحب قوات الأسد نحو مستودعات مهين"، "وتركتها لمقاتلين آخرين، لتخرج بذلك
    منطقة": the withdrawal followed. Not the ل of denial after كان, its subject between ("لم يكن الجيش
    لينسحب"), nor a purpose still to come: a call, a demand or a governing verb before it, or a time to come
    near it ("سيضغطون عليها لتنسحب")."""
    if not stance.past or anchor == 0 or not frame_syntax.imperfect_after_lam(toks[anchor], stance.past):
        return False
    lo = max(0, anchor - frame_syntax.COMPLEMENT_REACH)
    if any(map(frame_syntax.is_kana, toks[max(0, anchor - GOVERNS_REACH):anchor])) or governed(
            toks, anchor, stance) or (stance.call and group_hits(toks[lo:anchor], stance.call)):
        return False
    lo, hi = max(0, anchor - stance.window), anchor + stance.window + 1
    return not any(future_verb(t) for t in toks[lo:hi]) and not (
        stance.to_come and group_hits(toks[lo:hi], stance.to_come))


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


#: what opens a clause whose topic the verbal noun may be: أن/إن (folded), لكن, بل
TOPIC_OPENERS = frozenset({"ان", "لكن", "ولكن", "بل", "فان", "وان"})
TOPIC_SPAN = 5  # words of the verbal noun's phrase (its genitive, adjectives, place) before its predicate


def past_topic(toks: list[str], anchor: int, stance: Any) -> bool:
    """The verbal noun opens its clause and the clause's predicate, within ``TOPIC_SPAN`` words after it, is the
    past كان ("ولكن انسحاب الجيش الأميركي كان منظما"): the clause says what the withdrawal was, so it took
    place; not when a future verb follows كان ("كان سيؤدي": what it would have done) nor كان of a relative
    clause. Not لم: "الانسحاب لم يتم بعد" denies the event itself, as "لم تؤد إلى" presupposes it, and the
    verbs of its own course are too many to tell apart."""
    if anchor > 0 and toks[anchor - 1] not in TOPIC_OPENERS:
        return False
    if frame_syntax.past_verb_at(toks, anchor, stance.past):
        return False
    for i in range(anchor + 1, min(len(toks), anchor + 1 + TOPIC_SPAN)):
        if toks[i] in frame_syntax.RELATIVE_PRONOUNS:  # "انسحاب القوات التي كانت هناك": كان of the relative clause
            return False
        if toks[i] in frame_syntax.KANA_PAST:
            return not any(future_verb(t) for t in toks[i + 1:i + 3])
    return False


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
