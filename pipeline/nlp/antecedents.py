"""Antecedents from the article's earlier sentences: whom a bare person-role description stands for when no
mention with its head noun or title resolved it.

News keeps telling the story of one person and refers back to them by their role: "وتجاوز فيدرر اللاعب الأمريكي
أندريه أغاسي ... وقال اللاعب السويسري"، "ويواجه محرز منافسة شرسة ... لكن اللاعب الجزائري أكد". The description stands
for the named subject of the nearest sentence (the sentence itself up to the description, then the ones before it,
within one passage) whose subject is a person — when that person agrees with it in gender and, for a description
with a nationality ("اللاعب الجزائري"), the article gives them no other one. Not after a contrast ("لكن المدرب
البرتغالي قال" after Conte: the other coach), nor past a use of the head noun ("الرئيس ترامب"). The nearest person
subject is the only candidate: one that disagrees leaves the description as written rather than reaching further
back past them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.models import Entity, Speaker
from pipeline.nlp import speaker_words
from pipeline.nlp import speakers as sp
from pipeline.nlp.described import citing, in_contrast
from pipeline.nlp.described_words import folded_words, nisba_of, role_description
from pipeline.text.normalise import fold_match_in_place_span

#: the sentence subject reader (``mentions.sentence_subject``), passed in: mentions imports this module
SubjectOf = Callable[[str, int, int, list[Entity], list[Speaker]], tuple[Speaker, tuple[str, bool | None]] | None]

_SENTENCES = 4  # sentences looked back over, the description's own included
_REACH = 1200  # characters back from the description: one passage
_SENTENCE_END = re.compile(r"[.؟!]\s|\n")


def subject_antecedent(text: str, speaker: Speaker, pos: int, ents: list[Entity], subject_of: SubjectOf,
                       verb: str = "") -> Speaker | None:
    """The named person a role description (``described.role_description``: "اللاعب السويسري"، "الرسام") at ``pos``
    stands for: the person subject of the nearest sentence before it, when gender and nationality agree; None
    when there is none or it disagrees."""
    if not role_description(speaker) or citing(verb):
        return None  # "وبحسب الإدعاء": a source cited, not the person the story follows
    at = text.rfind(speaker.text, max(0, pos - 300), pos)
    pos = at if at >= 0 else pos  # the description itself, not the quote after it
    words = folded_words(speaker.text)
    before = fold_match_in_place_span(text, max(0, pos - 4 * _REACH), pos)  # where its head was used before
    if _office(before, words[0][2:]) or _contrasted(text, pos) or _unnamed(before, words):
        return None
    fem = words[0].endswith("ه")
    nisba = {nisba_of(w[2:]) for w in words[1:] if nisba_of(w[2:])}
    for lo, hi in _sentences_before(text, pos):
        found = subject_of(text, lo, hi, ents, [])
        if found is None or found[0] is None:
            continue
        subject, (gender, plural) = found
        person = _person(subject, ents, hi)
        if person is None:
            continue  # a body or a description opens that sentence: look further back
        if plural or (gender == "f") != fem:
            return None
        if _head_between(text, words[0][2:], nisba, (lo, pos), ents):
            return None  # "وكان مادورو ... واتهم الرئيس الفنزويلي ... أعلن الرئيس الأمريكي": another holder
        given = _given_nationalities(text, ents, folded_words(person.text)[-1], pos)
        if nisba and given and not nisba <= given:
            return None  # "المدرب البرتغالي" is not "الإيطالي أنطونيو كونتي"
        return person
    return None


def _office(before: str, head: str) -> bool:
    """The article uses the description's head noun as an office of a body in ``before`` (the folded passage before
    it: "وقال رئيس البرلمان الأوروبي" before "قال الرئيس الفرنسي"): more than one holder of that kind of post is about,
    so the bare description does not single out the person the story follows."""
    return re.search(rf"(?<!\S)[وفبل]?{re.escape(head)}[هة]?\s+ال", before) is not None


def _unnamed(before: str, words: list[str]) -> bool:
    """The description with its nationality was introduced indefinite in ``before`` (the folded passage before it:
    "قال مسؤول أميركي ... وامتنع المسؤول الأميركي"): an unnamed one, whom no name stands for."""
    nisba = [nisba_of(w[2:]) for w in words[1:] if nisba_of(w[2:])]
    if not nisba:
        return False
    indefinite = rf"(?<![^\sوف]){re.escape(words[0][2:])}[هة]?\s+{re.escape(nisba[0])}[هة]?(?!\S)"
    return re.search(indefinite, before) is not None


def _contrasted(text: str, pos: int) -> bool:
    """The description's sentence opens in contrast ("لكن المدرب البرتغالي قال" after Conte spoke): the other one."""
    opener = [t[1] for t in sp.tokens(text, sp.sentence_start(text, pos), pos)[:1]]
    return bool(opener) and in_contrast(opener[0])


def _head_between(text: str, head: str, nisba: set[str], span: tuple[int, int], ents: list[Entity]) -> bool:
    """The description's head noun is used between the subject's sentence and the description ("احتمال إعلان
    الرئيس ترامب ... وقال الرئيس الأمريكي"، "واتهم الرئيس الفنزويلي ... أعلن الرئيس الأمريكي"): it may well stand
    for another one. Not a title with another nationality right before someone else's name ("فيدرر اللاعب الأمريكي
    أندريه أغاسي" before "اللاعب السويسري": Agassi is no Swiss player)."""
    lo, pos = span
    folded = fold_match_in_place_span(text, lo, pos)
    for m in re.finditer(rf"(?<![^\sوفبل])(?:ال)?{re.escape(head)}[هة]?(?!\S)\s*(\S*)\s*", folded):
        other = nisba_of(m.group(1)[2:]) if m.group(1).startswith("ال") else ""
        titled = any(x.type == "PERS" and x.start == lo + m.end() for x in ents)
        if not (nisba and other and other not in nisba and titled):
            return True
    return False


def _sentences_before(text: str, pos: int) -> list[tuple[int, int]]:
    """(start, end) of the description's own sentence up to it, then of up to ``_SENTENCES - 1`` sentences before,
    nearest first, within ``_REACH``."""
    floor = max(0, pos - _REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, pos)]
    starts = [floor, *ends]
    spans = [(s, e) for s, e in zip(starts, [*ends, pos], strict=True) if text[s:e].strip()]
    return spans[::-1][:_SENTENCES]


def _person(subject: Speaker, ents: list[Entity], hi: int) -> Speaker | None:
    """The subject when it is a person's name as the article writes it (the longest PERS entity up to ``hi`` with
    its last word ends with the subject's words: "فيدرر" of "روجر فيدرر", not "رسم نايت" of "مارك نايت"), with no
    title or description word, else None."""
    words = folded_words(subject.text)
    if not words or len(words[-1]) < 3 or words[0].startswith("ال") or any(w in sp.TITLES for w in words):
        return None
    named = [folded_words(x.text) for x in ents if x.type == "PERS" and x.start < hi]
    full = max((n for n in named if n[-1:] == words[-1:]), key=len, default=[])
    if not full or full[len(full) - len(words) :] != words:
        return None
    return Speaker(text=subject.text, canonical=subject.canonical, type="PERS")


def _given_nationalities(text: str, ents: list[Entity], last: str, pos: int) -> set[str]:
    """Nationalities the article gives the person whose name ends in ``last``, before ``pos``: the country adjective
    right before a mention ("الإسباني رفائيل نادال") or right after it ("فيدرر السويسري"), not one of the next
    person's title ("فيدرر اللاعب الأمريكي أندريه أغاسي")."""
    found = set()
    for x in ents:
        if x.type != "PERS" or x.end > pos or folded_words(x.text)[-1:] != [last]:
            continue
        near = sp.tokens(text, max(0, x.start - 30), x.start)[-1:] + sp.tokens(text, x.end, x.end + 30)[:1]
        found |= {nisba_of(t[1][2:]) for t in near if t[1].startswith("ال") and nisba_of(t[1][2:])}
    return found


def after_dateline(text: str, pos: int) -> bool:
    """``pos`` opens the story's first sentence right after its dateline ("دبي، ... (CNN)-- طالب صندوق النقد"): a
    sentence start like one after a full stop, whose subject a dropped one can be."""
    chunk = text[max(0, pos - 40) : pos]
    end = speaker_words.dateline_end(chunk)
    return end >= 0 and not chunk[end + 1 :].strip()


def same_noun(found: Speaker | None, bare: Speaker) -> Speaker | None:
    """``found`` when it is the bare noun's own fuller mention ("متحف اللوفر أبوظبي" for "المتحف"، "مصادر عسكرية" for
    "المصادر"), else None: "الشبكة التي تقول" after "وأوردت إيرنا" is the network (Telegram), not the agency."""
    noun = folded_words(bare.text)[0]
    return found if found is not None and folded_words(found.text)[:1] in ([noun], [noun[2:]]) else None


_LATER_CLAUSE = re.compile(r"[،,]\s*(?:حيث|إذ)\s")


def later_clause_person(text: str, lo: int, hi: int, ents: list[Entity], known: list[Speaker],
                        subject_of: SubjectOf) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """A sentence whose opening has no speaking subject ("وكان نادي الزمالك ... حاضرا في اللقاء") may go on with a
    clause that has one ("، حيث وصف هنيدي النادي بالمتألق"): the last such clause's person subject is the one a
    dropped subject in the next sentence continues ("وعن الدوري السعودي، أكد أنه" → هنيدي)."""
    for m in reversed(list(_LATER_CLAUSE.finditer(text, lo, hi))):
        found = subject_of(text, m.start() + 1, hi, ents, known)
        if found is not None and any(x.type == "PERS" and x.start <= text.find(found[0].text, m.start()) < x.end
                                     for x in ents):
            return found
    return None


def relay_before(text: str, relay: tuple[Speaker, int] | None, ss: int, fem: bool) -> Speaker | None:
    """ "أكد تولر ...، بحسب ما نقلته عنه وكالة الأنباء اليمنية. وأفادت أن": a dropped subject (its sentence at
    ``ss``) no speaker agrees with is the relay named in the sentence just before, when its gender is the verb's."""
    if relay is None or not sp.sentence_start(text, max(0, ss - 1)) <= relay[1] < ss:
        return None
    return relay[0] if sp.speaker_features(relay[0])[0] == ("f" if fem else "m") else None


def names_someone(text: str, lo: int, hi: int, ents: list[Entity], speakers: list[Speaker]) -> bool:
    """A person other than ``speakers`` is named (an entity) or titled (a title, not an outlet's "صحيفة", and the
    word after it: "الرئيس الأمريكي") in ``text[lo:hi]``: a sentence whose subject could not be read may be someone
    new ("بعد أن أشاد الرئيس ترامب بتعليقاته، أصدر تشانس توضيحا"), not the speaker before it."""
    toks, said = sp.tokens(text, lo, hi), " ".join(s.canonical or s.text for s in speakers)
    named = [e.text for e in ents if e.type == "PERS" and lo <= e.start < hi]
    return any(n not in said for n in named + [" ".join(t[0] for t in toks[i : i + 2])
                                               for i, t in enumerate(toks) if t[1] in _PERSON_TITLES])


_PERSON_TITLES = sp.TITLES - speaker_words.OUTLET_HEADS
