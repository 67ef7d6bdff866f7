"""Subjects two verbs of one sentence share: "وألغت غيتي لاحقا مجموعة الصور، وقالت إنها" (a و-verb of the same form as
the verb opening the sentence), "وأصر أكسوي على براءته، نافيا" (a participle of manner after the opening verb)."""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp import mentions
from pipeline.nlp import speakers as sp
from pipeline.nlp.described import definite_phrase
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import QUANTIFYING_OR_KIN


def _verb_form(raw: str) -> str:
    """Tense, person and gender a verb shows: "past-f" (ألغت), "past" (عبر), "present-ت" (تنتقد), "present-ي"."""
    w = sp._MARKS.sub("", raw)
    return f"present-{w[0]}" if w[:1] in "يت" else "past-f" if w.endswith("ت") else "past"


def opening_subject(text: str, pos: int, verb: str, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    # ``verb``: the word at ``pos`` without its و
    """ "وعبر المرجع الأعلى ... السيستاني عن تضامنه مع المحتجين، وقال إنهم"، "وألغت غيتي لاحقا مجموعة الصور، وقالت
    إنها": a و-verb right after a comma in a sentence that opened with و + a verb of the same form (both past
    feminine, both present with ت) shares that verb's subject, the noun phrase after it without its object."""
    ss = sp.sentence_start(text, pos)
    comma = max(text.rfind("،", ss, pos), text.rfind(",", ss, pos))
    if comma < 0 or text[comma + 1 : pos].strip() or text[pos] != "و":
        return None
    toks = sp.tokens(text, ss, comma)
    if len(toks) < 3 or toks[0][0][:1] != "و" or _verb_form(toks[0][0][1:]) != _verb_form(verb):
        return None
    opener = toks[0][1][1:]
    if len(opener) < 3 or toks[0][0][1:].startswith("ال") or opener.endswith("ه") or opener in sp.TITLES or \
            opener in sp._NOT_VERBS or sp.in_entity(ents, toks[0][2]) or toks[1][1][:1] == "و":
        return None  # "ووزير الخارجية"، "وشركة": a noun opens the sentence
    span = sp.find_np(text, toks[1][2], comma, ents)
    if span is None or span[0] != toks[1][2]:
        return None
    span = mentions.subject_only(text, span, ents)
    words = sp.tokens(text, *span)
    named = next((x for x in ents if x.start == span[0] and x.type in ("PERS", "ORG", "LOC")), None)
    end = named.end if named is not None else span[1]  # "هوكينغ أثنى"، "الكويت القرار الأمريكي": the name ends it
    if named is not None and any(x.type == "PERS" and x.end < span[0] and x.text == words[0][0] for x in ents):
        end = words[0][3]  # "وانتقد كافاني نيمار": NER ran the subject ("كافاني" alone before) into the object
    if named is None and (len(words) > 6 or any(t[1] in LEX or t[0].endswith(("ا", "ه", "ها")) and n
                                                 or t[1] in mentions._PREPOSITIONS for n, t in enumerate(words))):
        return None  # "الشاب اعتذارا"، "مصر من تأثير السد": an object or adjunct glued on, no clear subject
    if toks[0][1][1:].startswith("نقل") or any(t[1] in sp.RELATIVES or t[1] == "ما" for t in toks):
        return None  # "ونقلت شينخوا عن الشرطة ...، وأضافت": the relayed source; "وهو ما تنفيه إثيوبيا، وتقول"
    if named is None and words[0][1].startswith("ال") and not sp.in_entity(ents, words[0][2]):
        return None  # "العملاقة الكورية الجنوبية تحاول"، "المدرب الإسباني للفريق الفرنسي": a description
    speaker = sp.build_speaker(text, span[0], min(end, span[1]), ents, known)
    if speaker is None or definite_phrase(speaker) or words[0][1].startswith(QUANTIFYING_OR_KIN):
        return None  # "المستشارة الألمانية": a description, the name carried is better; "أغلب"، "بعض الدول"
    return speaker
