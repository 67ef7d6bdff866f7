"""Present-tense يعتبر/تعتبر read as "is considered" (يُعتبر), not as somebody's view.

Unvocalised, "يعتبر" is both the active "considers" ("وتعتبر واشنطن أن": Washington's view, a statement) and
the passive "is considered" ("تعتبر خرائط غوغل واحدة من الخدمات الأكثر شعبية، ولكنها ...، إلا أن"): the outlet's
own judgement, whose subject is followed by its predicate, so any أن found further on belongs to another clause.
The view reading needs its introducer right after the verb's subject."""

from __future__ import annotations

import re

from pipeline.models import Entity
from pipeline.nlp import speakers as sp
from pipeline.text.normalise import fold_match

# A predicate opening the phrase after the verb, the subject left unsaid: "يعتبر غير كاف"، "تعتبر واحدة من
# الألغاز"، "يعتبر أحد السيناتورين"، "يعتبر من كبار أدباء" (partitive and negating heads of a predicate).
_PREDICATE_HEADS = sp.fold_set("غير واحدة واحد أحد إحدى احد احدى من")
_TANWIN_FATH = "\u064b"  # "خطأ إملائياً"، "باطلاً": an accusative, the predicate of "is considered"
_COMPARISON = re.compile(r"\s*كما\s+\S+(?:\s+\S+)?\s*$")  # "وتعتبر موسكو كما بكين، أن"
_PARENTHETICAL_MARKS = "-–،,"


def predicate_reading(text: str, rs: int, re_: int, ents: list[Entity]) -> bool:
    """The stretch text[rs:re_] between a present يعتبر/تعتبر and its introducer is a subject with its predicate,
    or a predicate alone, not the subject of a view: it opens with a predicate head or an accusative, or more
    than a parenthetical (between dashes or commas), a closing quote or a comparison follows the subject."""
    span = sp.find_np(text, rs, re_, ents) if re_ > rs else None
    if span is None:  # "يُعتبر من كبار أدباء ..."، "ويعتبر من المثير للاهتمام": a predicate with no subject
        return re_ > rs and fold_match(text[rs:re_].split(maxsplit=1)[0]) in _PREDICATE_HEADS
    first = text[span[0] : span[1]].split(maxsplit=1)[0].strip("\"“”«»'")
    if fold_match(first) in _PREDICATE_HEADS or first.rstrip("ا").endswith(_TANWIN_FATH):
        return True
    if any(_accusative_predicate(w) for w in text[span[0] : span[1]].split()[1:]) and not sp.in_entity(
            ents, span[0] + text[span[0] : span[1]].find(" ") + 1):  # "ويعتبر معرض "فيفاتك" ملتقى عالميا ... أن"
        return True
    left = text[span[1] : re_].strip(" \t\"“”«»'")
    if not left or _COMPARISON.match(left):
        return False
    words = left.split()
    return not (left[0] in _PARENTHETICAL_MARKS and left[-1] in _PARENTHETICAL_MARKS) and \
        not (len(words) <= 2 and fold_match(words[0]) in sp.ADVERBS)  # "وتعتبر الحكومة اليوم أن"


def _accusative_predicate(word: str) -> bool:
    """An indefinite accusative after the subject: tanwin fath ("صغيراً") or a nisba adjective's ـيا ("عالميا"):
    the predicate of "is considered"."""
    word = word.strip("\"“”«»'،,")
    return word.rstrip("ا").endswith(_TANWIN_FATH) or len(word) > 4 and word.endswith("يا") and not \
        word.startswith("ال")


def in_relative_clause(text: str, start: int, end: int) -> bool:
    """ "وقد قال السيناتور تيم كين، الذي يعتبر أحد السيناتورين ...، إنه": the verb at text[start:end] is "who is
    considered" + its predicate, inside the speaker's relative clause: it reports nothing, so it does not end the
    stretch of the verb before it."""
    before = text[max(0, start - 12) : start].split()
    after = text[end : end + 30].split(maxsplit=1)
    if not before or not after or fold_match(before[-1]) not in sp.RELATIVES:
        return False
    first = after[0].strip("\"“”«»'")
    return fold_match(first) in _PREDICATE_HEADS or first.rstrip("ا").endswith(_TANWIN_FATH)
