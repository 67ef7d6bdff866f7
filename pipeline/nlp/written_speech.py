"""Verbs of writing as verbs of saying: "وكتب ترودو في تغريدة: «...»"، "وغرد على تويتر: "..."" report what the
writer says, like قال, and a continuation after them ("وأضاف: ...") goes on with the writer. ``reporting.VERBS``
holds كتب and غرد; ``kept`` keeps such a trigger only where a colon and a quote follow it within a short adjunct
(the writer, a medium, a time): elsewhere a text is written on something ("لافتة كتب عليها: «...»"), a work is
named ("كتب مقالا بعنوان: «...»"، "كتب مسلسلات مثل: ...") or كتب is a plural noun ("ثلاثة كتب في الطبخ",
"أمهات كتب اللغة"), and a participle or verb of saying after it ("وكتب قائلا:"، "كتب تغريدة قال فيها:") is the
trigger the extractor reads already.
"""

from __future__ import annotations

import re

from pipeline.nlp.reporting import LEX, Trig
from pipeline.nlp.speaker_words import ADVERBS, CLAUSE_STARTS, RELATIVES
from pipeline.text.normalise import fold_match

#: the verbs of writing (bases in ``reporting.VERBS``)
WRITING = frozenset({"كتب", "غرد"})
#: what follows a verb of writing that reports: a short adjunct, a colon, an opening quote (past a line break)
_TO_QUOTE = re.compile(r"([^:\n.!?؟«»\"“”]{0,60}?)\s*:\s*[«\"“]")
#: words after the verb that make it no report: written on it, a title, a list
_NOT_SAID = frozenset(fold_match(w) for w in ("عليه", "عليها", "عليهم", "بعنوان", "عنوان", "مثل"))


def kept(text: str, trigs: list[Trig]) -> list[Trig]:
    """``trigs`` without the verbs of writing that introduce no quote of the writer's (``_reports``)."""
    out: list[Trig] = []
    for t in trigs:
        if t.form.base not in WRITING or _reports(text, t) and not (out and _open_before(text, out[-1], t)):
            out.append(t)
    return out


def no_writer_after(words: list[str], i: int) -> bool:
    """ "بحسب ما كتبت على صفحتها": the verb of writing at ``words[i]`` (folded) has a dropped subject, so the
    attribution names no source after it (the one who wrote is the clause's own subject)."""
    form = LEX.get(words[i])
    return form is not None and form.base in WRITING and (i + 1 >= len(words) or _adjunct_opener(words[i + 1]))


def _adjunct_opener(word: str) -> bool:
    """A folded word that opens an adjunct, not the writer's name: a preposition, an adverb, "بالتركية"."""
    return word in _VIA or word in ADVERBS or word.startswith(("بال", "لل"))


def _open_before(text: str, before: Trig, t: Trig) -> bool:
    """A verb of saying earlier in the same sentence whose quote has not opened yet ("وتقول الدكتورة X، التي
    كتبت المقال ...: "..."": the quote is hers as the one who says it, the writing a relative clause about her)."""
    between = text[before.end : t.start]
    return before.form.kind in ("past", "present") and not re.search(r"[.\n!?؟«»\"“”:]", between)


def _reports(text: str, t: Trig) -> bool:
    """The verb of writing at ``t`` is followed, within a short adjunct holding no other reporting word, by a
    colon and a quote; the adjunct opens with no indefinite object and its adjective ("وكتب تعليقا مداعبا:": the
    comment, not who wrote it, would be read as the writer); no "ما" before the verb ("بحسب ما كتبت": an
    attribution); a bare كتب with no clitic follows a clause boundary (a punctuation mark, a line start, a relative
    or a clause word), not a noun it would be the plural of ("مؤلف كتب"، "ثلاثة كتب")."""
    m = _TO_QUOTE.match(text, t.end)
    if m is None:
        return False
    words = [fold_match(w) for w in m.group(1).split()]
    if any(w in _NOT_SAID or w in LEX for w in words) or len(words) > 1 and \
            all(w.endswith("ا") for w in words[:2]):
        return False
    before = text[max(0, t.start - 30) : t.start].rstrip()
    last = fold_match(before.split()[-1]) if before.split() else ""
    if last in _WHAT:
        return False
    if t.form.prefix or t.form.kind != "past" or fold_match(t.word) != "كتب":
        return True
    return not before or not before[-1].isalpha() or last in CLAUSE_STARTS or last in RELATIVES


#: "ما" before a verb of writing: what someone wrote, an attribution ("بحسب ما كتبت"، "وفقا لما كتب")
_WHAT = frozenset(fold_match(w) for w in ("ما", "لما", "بما", "مما", "كما"))
#: what opens an adjunct after the verb rather than its subject ("على تويتر"، "في تغريدة"، "عبر حسابه")
_VIA = frozenset(fold_match(w) for w in ("في", "على", "عبر", "من", "عن", "إلى", "مع", "لدى", "بعد", "قبل", "خلال"))
