"""Descriptions that stand for a name the article gave earlier: the speaker as the article names it.

News names a speaker in full once ("وزير المالية التركي براءت ألبيرق"، "جامعة دبلن"، "الرئيس الفرنسي إيمانويل
ماكرون") and then refers back with a bare definite description ("الوزير"، "الجامعة"، "الرئيس الفرنسي"). A
statement whose speaker is only such a description gets the nearest earlier mention that starts with the
same head noun, holds every other word of the description and is more specific: it carries a name (a
person or organisation entity, or a name after the title). Without one the description stays as written.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.text.normalise import fold_match

_LETTER = "\u0621-\u064a\u066e-\u06d3"
_LOOKBACK = 4000
# The mention ends at a sentence or clause mark or a content introducer ("، أن"، "إنه").
_STOP = re.compile(rf"[.\n؟!:،,]|(?<![{_LETTER}])[بف]?[اأإ]ن(?:ه|ها|هم)?(?![{_LETTER}])")
_MAX_WORDS = 10
# Heads that never name one body: the source or document itself, or a group.
_NOT_HEADS = sp._fold_set("مصدر مصادر بيان بلاغ تقرير تقارير دراسة وثيقة صفحة أعضاء نواب خبراء قادة سكان أهالي "
                          "شهود نشطاء مسؤولون مسؤولين مسؤولو منظمات وزارات سلطات جهات عائلات")


def _words(surface: str) -> list[str]:
    return [w for w in (fold_match(x).strip(".\"'«»“”") for x in surface.replace("،", " ").split()) if w]


def is_description(speaker: Speaker | None) -> bool:
    """A definite title phrase without a name: "الوزير"، "الجامعة"، "الرئيس الفرنسي"، "المنظمة الحقوقية"."""
    if speaker is None:
        return False
    words = _words(speaker.text)
    if not 1 <= len(words) <= 3 or not all(w.startswith("ال") for w in words):
        return False
    head = words[0]
    return head in sp.TITLES and head[2:] not in _NOT_HEADS and not sp._person_name(speaker.text)


def _named(text: str, span: tuple[int, int], ents: list[Entity]) -> bool:
    if any(x.type in ("PERS", "ORG") and x.start < span[1] and x.end > span[0] for x in ents):
        return True
    words = text[span[0] : span[1]].split()
    return bool(sp._ranked_name(words, [fold_match(w) for w in words]) or sp._trailing_name(words))


def earlier_mention(text: str, speaker: Speaker, pos: int, ents: list[Entity]) -> Speaker | None:
    """The nearest mention before ``pos`` that names what the description ``speaker`` refers to."""
    words = _words(speaker.text)
    head, rest = words[0][2:], {w[2:] for w in words[1:]}
    lo = max(0, pos - _LOOKBACK)
    folded = text[lo:pos].translate(sp._LP_FOLD)  # same length: offsets hold
    pattern = re.compile(rf"(?<![{_LETTER}\u0640])[وف]?ب?(?P<np>(?:ال)?{re.escape(head)})(?![{_LETTER}\u0640])")
    for m in reversed(list(pattern.finditer(folded))):
        start = lo + m.start("np")
        before = sp.tokens(text, max(lo, start - 20), start)
        if before and before[-1][1] in sp.TITLES and not before[-1][1].startswith("ال"):
            continue  # "رئيس الاتحاد": a genitive, not a mention of the body
        limit = min(pos, start + 160)
        end = _STOP.search(text, start, limit)
        span = sp.find_np(text, start, end.start() if end else limit, ents)
        if span is None or span[0] != start:
            continue
        toks = sp.tokens(text, *span)
        bare = [not t[1].startswith("ال") for t in toks[:3]]
        if len(toks) > 2 and all(bare) and toks[1][1].isalpha() and not any(
                x.start < span[1] and x.end > span[0] for x in ents):
            span = (span[0], toks[1][3])  # "جامعة دبلن عام 2011": a body named by a proper noun in construct
        inside = [x.end for x in ents if x.type == "PERS" and span[0] <= x.start < span[1]]
        span = (span[0], min(span[1], max(inside))) if inside else span  # not past the name: "بيانا ذكر"
        cand = _words(text[span[0] : span[1]])
        have = {w[2:] if w.startswith("ال") else w for w in cand[1:]}
        org = any(x.type == "ORG" and x.start <= span[0] < x.end for x in ents)  # "المنظمة الحقوقية": Amnesty
        definite = len(cand) <= 5 and all(w.startswith("ال") for w in cand)  # "الاتحاد الألماني"
        proper = (len(cand) == 2 and not cand[1].startswith("ال") and not cand[0].startswith("ال")
                  and f"ال{cand[1]}" not in folded)  # "جامعة دبلن", not "شركة إنتاج" (a common noun takes ال)
        if len(words) < len(cand) <= _MAX_WORDS and (rest <= have or org) and (
                definite or proper or _named(text, span, ents)):
            found = sp.build_speaker(text, span[0], span[1], ents, [])
            if found is not None:
                return Speaker(text=found.text, canonical=found.canonical, type=found.type or speaker.type)
    return None


def resolve_descriptions(text: str, statements: list, ents: list[Entity]) -> list:
    """The statements with every bare-description speaker replaced by the earlier mention it stands for."""
    out = []
    for st in statements:
        if is_description(st.speaker):
            found = earlier_mention(text, st.speaker, st.start, ents)
            if found is not None and fold_match(found.text) != fold_match(st.speaker.text):
                st = st.model_copy(update={"speaker": found})
        out.append(st)
    return out
