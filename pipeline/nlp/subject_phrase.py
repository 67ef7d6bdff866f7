"""The subject of a verb whose object follows it ("أعلنت السلطات الجزائرية حالة الطوارئ"): the noun phrase cut
before the object (moved from mentions.py: room for the index of an article's mentions); and that object before a
short quote ("وكشف الفيديو إطلاق الصاروخ البالستي "سارمات"": the quote names the missile, no one's words)."""

from __future__ import annotations

from pipeline.models import Entity
from pipeline.nlp import speaker_spans
from pipeline.nlp import speakers as sp
from pipeline.nlp.speaker_words import DEMONSTRATIVES, indefinite_object, plural_object

_TO_PLACE = ("لل", "لإ", "لأ", "لآ")  # "الموالية لإيران"، "التابعة للعراق": لـ glued to a place completes the name
_NO_OBJECT = sp.ADVERBS | sp.ADJUNCT_HEADS | sp.COND_PREPS | DEMONSTRATIVES  # words opening no object


def subject_only(text: str, span: tuple[int, int], ents: list[Entity]) -> tuple[int, int]:
    """The subject of "أعلنت السلطات الجزائرية حالة الطوارئ": the object starts at an indefinite noun followed by a
    definite one after the subject's definite words, or at an ``indefinite_object`` (names come from entities)."""
    toks = sp.tokens(text, *span)
    seen_def = False
    after = sp.tokens(text, span[1], min(len(text), span[1] + 20))[:1]
    glued = bool(after) and after[0][0].endswith(("ه", "ها", "هم"))  # "عزم بلاده": a construct with what follows
    folded, ahead = [t[1] for t in toks], toks + after  # built once, not for each word
    near = [x for x in ents if x.start < span[1] and x.end > span[0]]  # the only entities a word of it can be in
    for i, (raw, w, s, _) in enumerate(toks):
        if plural_object(folded, i, sp.in_entity(near, s) or sp.in_entity(near, s, "LOC")):
            return span[0], toks[i - 1][3]
        if i and toks[i - 1][0].startswith("ال") and raw[:1] != "و" and sp.owned_object(toks[i]):
            return span[0], toks[i - 1][3]  # "وختمت الصفحة تغريدتها": a definite noun takes no genitive after it
        if seen_def and not sp.in_entity(near, s) and (indefinite_object(ahead, i) or w[-1:] == "ا" and w[:-1]
                                                        in sp.DOCS):  # "الجيش الإسرائيلي بيانا": a document
            return span[0], toks[i - 1][3]  # "الكشاف الإسباني قدرات ميسي"، "الشرطة تقارير إعلامية"
        if i + 1 == len(toks) and not glued:
            break
        if i and (raw.endswith(("ه", "ها"))
                  or sp.in_entity(near, toks[i - 1][2], "PERS") and not sp.in_entity(near, s)
                  and not speaker_spans.company_then_holder(toks, i, ents)):
            return span[0], toks[i - 1][3]  # "أكد إيلومالو عزمه الاستثمار"، "نفى ... خالد الفالح عزم بلاده"
        if i + 1 == len(toks):
            break
        definite = w.startswith(sp.DEFINITE) and not raw.lstrip("و").startswith(("أل", "إل", "آل"))  # not "ألمانيا"
        if seen_def and not definite and toks[i - 1][1].startswith(("ال", "وال")) and sp.in_entity(near, s, "LOC") \
                and not sp.in_entity(near, toks[i - 1][2], "LOC") and not raw.startswith(_TO_PLACE):
            return span[0], toks[i - 1][3]  # "واتهم الرئيس الأمريكي ألمانيا": a place after a definite noun: object
        if seen_def and not definite and w.isalpha() and w not in sp.TITLES and w not in sp.RANKS and \
                not sp.in_entity(near, s) and toks[i + 1][1].startswith(("ال", "لل")) and w[:1] not in "لب":
            return span[0], toks[i - 1][3]  # "أعلنت السلطات حالة الطوارئ"، "الاتحاد صورة للطرفين"
        seen_def = seen_def or definite
    return span


def object_before_quote(text: str, span: tuple[int, int], quote: int) -> bool:
    """The words between the speaker phrase ``span`` and the quote at ``quote`` open with an indefinite noun (no
    article, so no time phrase or relative الذي/التي; no clitic preposition; no accusative ا of a hal participle or
    adverb; no demonstrative or adjunct): the verb's object ("إطلاق الصاروخ"، "استمرار الفنان"), which a short
    quote after it names."""
    gap = sp.tokens(text, span[1], quote)
    if not gap or not all(w[1].isalpha() for w in gap):
        return False
    raw, word = gap[0][0], gap[0][1]
    return not word.startswith("ال") and not raw.endswith(("ا", "اً", "ًا")) and sp.prep_object(word) is None and \
        word not in _NO_OBJECT
