"""The subject before its verb (SVO) when a particle opens the clause: "لكن ثلاث وكالات للسفر في الدوحة قالت
لرويترز إنها"، "خلص الاستطلاع إلى أن حوالي نصف مستخدمي فيسبوك في البلاد قالوا إنهم"، "بيد أن الطبيب المشرف في منطقته
أبلغ والدته أنه"، "، و7,6٪ فقط أفادوا بأنهم".

After أنّ/إنّ/لكنّ the clause is noun first: the noun phrase between the particle and the verb is the verb's subject
(its ism), whatever it is (a count, a share of people polled, an indefinite group), when nothing after the verb can be
its subject and the verb agrees with it. ``before_verb.subject_before`` reads the same stretch but keeps only
person-like phrases (a title, a name); this reads the grammar of the clause instead, for what it leaves.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import before_verb
from pipeline.nlp import speakers as sp
from pipeline.nlp.described import definite_phrase
from pipeline.nlp.described_words import body_noun
from pipeline.nlp.reporting import LEX, Trig
from pipeline.nlp.speaker_words import QUANTIFYING_OR_KIN, agrees
from pipeline.text.normalise import fold_match

# Particles after which a clause opens with its subject (a noun), the verb after it: أنّ، إنّ، لكنّ and their
# compounds ("بيد أن"، "غير أن"، "إلا أن"، "بأن"، "فإن").
_NOUN_FIRST = sp.fold_set("أن إن ان بأن وأن فإن لأن لكن ولكن")
_NOT_SUBJECT = sp.fold_set("هذا هذه ذلك تلك هو هي هم هما هن ما من قد لم لن لا كما")  # "لكن هذه المرة قال"
_MAX_WORDS = 8
_RELAYED = sp.fold_set("نقلا ونقلا")
_RESUMPTIVE = re.compile("(?:عن|في|ب|ل|من|علي)(?:ه|ها|هم)")  # "التي أعلنت عنها": the pronoun of the relative
# "إردوغان عندما عين ... قال": a clause inside the stretch, not one noun phrase
_SUBORDINATE = sp.fold_set("عندما حين حينما لما بعدما كلما بينما إذا لو")
# Words that count people: quantifiers and fractions ("معظمهم"، "ثلثهم"، "نصف مستخدمي") and "about" before them.
_COUNTS = QUANTIFYING_OR_KIN[:10] + ("نصف", "ثلث", "ربع", "خمس", "عشر", "اثن", "ثلاث", "اربع", "سبع", "ثمان", "تسع",
                                     "عشرات", "مئات", "الاف")
_APPROXIMATELY = sp.fold_set("نحو حوالي قرابة زهاء")


def _opening(toks: list) -> int | None:
    """Index of the first word of the clause holding the verb: after the last noun-first particle, or after a comma
    and a و glued to the next word ("، و7,6٪ فقط أفادوا"); None when the stretch has no such opening."""
    for j in range(len(toks) - 1, -1, -1):
        w = toks[j][1]
        if w in _NOUN_FIRST:
            return j + 1
        if j > 0 and toks[j - 1][1] in "،," and _without_wa(w) != w:
            return j
        decimal = w == "," and 0 < j < len(toks) - 1 and toks[j - 1][1][-1:].isdigit() and toks[j + 1][1][:1].isdigit()
        if w in "،,:؛\"«»“”()" and not decimal or w in sp.RELATIVES:
            return None  # "7,6٪": a decimal comma, no clause edge
    return None


def _without_parenthetical(toks: list) -> list:
    """The stretch without a clause about the subject between commas right before the verb ("ولكن المرصد السوري
    لحقوق الإنسان المعارض، ومقره بريطانيا، قال"، "، وهو ...،"): و with a pronoun ("ومقره"، "وهو") opens it."""
    if len(toks) < 4 or toks[-1][1] not in "،,":
        return toks
    k = next((n for n in range(len(toks) - 2, max(0, len(toks) - 9), -1) if toks[n][1] in "،,"), None)
    opener = toks[k + 1][0] if k is not None else ""
    if k is None or not (opener[:1] == "و" and opener.endswith(("ه", "ها", "هم")) and len(opener) > 3 or
                         toks[k + 1][1] in ("وهو", "وهي", "وهم")):
        return toks
    return toks[:k]


def _without_wa(w: str) -> str:
    """The (folded) word without a و glued before it when the rest opens a noun phrase by its form: a number
    ("و7,6٪"), the article ("والشرطة") or a count ("وأكثر"، "ونحو"); "وزير" and "وكالة" keep their letter."""
    rest = w[1:]
    opens = rest[:1].isdigit() or rest.startswith("ال") or rest.startswith(_COUNTS) or rest in _APPROXIMATELY
    return rest if w[:1] == "و" and len(w) > 1 and opens else w


def _plain_stretch(toks: list) -> bool:
    """A noun phrase and nothing else: no preposition or adverb opening it ("لكن في المقابل قال"), no demonstrative
    or pronoun ("لكن هذه المرة قال"), no verb inside (another clause)."""
    first = _without_wa(toks[0][1])
    if first in _NOT_SUBJECT or first in sp.COND_PREPS or first in sp.ADVERBS or first in sp.ADJUNCT_HEADS or \
            first in sp.CLAUSE_STARTS or sp.prep_object(first) is not None and not first[:1].isdigit() and \
            not first.startswith("ال") and first not in sp.TITLES:
        return False
    return not any(t[1] in LEX or t[1] in sp.RELATIVES or t[1] in _SUBORDINATE for t in toks)


def _speaker_like(toks: list, ents: list[Entity]) -> bool:
    """The stretch names who speaks: a name in it (a person, body or place entity), a count or share of people
    ("7,6٪"، "نحو ربعهم"، "حوالي نصف مستخدمي فيسبوك"), or a title or body noun in it ("مصدرا رفيع المستوى"،
    "ثلاث وكالات للسفر"); not a thing ("الحقيقة المريرة تقول"، "استطلاعات الرأي تشير": what is carried on
    from a statement must be someone) nor a noun with its owner's pronoun ("فإن تحقيقاتها تشير")."""
    first = _without_wa(toks[0][1])
    counted = first[:1].isdigit() or first.startswith(_COUNTS) or first in _APPROXIMATELY
    if toks[0][0].endswith(("ه", "ها", "هم")) and not counted:
        return False
    if counted or any(sp.in_entity(ents, t[2], kind) for t in toks for kind in ("PERS", "ORG", "LOC")):
        return True
    return any(_person_or_body(t[1]) for t in toks)


def _person_or_body(w: str) -> bool:
    """A title or rank ("مصدرا": its accusative too) or a body noun, singular or feminine plural ("وكالات")."""
    bare = w[2:] if w.startswith("ال") else w
    forms = {w, bare, bare[:-1] if bare.endswith("ا") else bare, bare[:-2] + "ه" if bare.endswith("ات") else bare}
    return any(f in sp.TITLES or f in sp.RANKS or body_noun(f) for f in forms)


def _empty_after(text: str, rs: int, re_: int, ents: list[Entity]) -> bool:
    """Nothing after the verb can be its subject: no noun phrase (only the one told: "قالت لرويترز"), or the verb's
    object with a pronoun ("أبلغ والدته")."""
    first = sp.tokens(text, rs, re_)[:2]
    if first and first[0][1] in _RELAYED:
        return False  # "ذكرت جريدة أخرى نقلا عن مصادر قانونية": the source the relay names speaks
    if len(first) == 1 and (sp.prep_object(first[0][1]) or ("",))[0] == "ل":
        return True  # "قالت لرويترز إنها": the one told, an outlet NER tagged
    if re_ <= rs or sp.find_np(text, rs, re_, ents) is None:
        return True
    return bool(first) and first[0][0].endswith(("ه", "ها", "هم")) and first[0][1][:-1] not in sp.TITLES and \
        not sp.in_entity(ents, first[0][2])


def _relative_with_subject(text: str, verb: int, after: tuple[int, int], ents: list[Entity]) -> bool:
    """A relative clause whose verb has its own subject after it, a name, title or body, past a resumptive pronoun
    ("الاتهامات التي أعلنت عنها وزارة العدل الأمريكية"، "حالة الطوارئ التي يقول حلفاء تركيا ومن بينهم الولايات
    المتحدة إنها"): the relative pronoun is the verb's object or the content's, not its subject."""
    before = sp.tokens(text, max(0, verb - 12), verb)
    if not before or before[-1][1] not in sp.RELATIVES:
        return False
    toks = sp.tokens(text, *after)
    skip = 1 if toks and _RESUMPTIVE.fullmatch(toks[0][1]) else 0
    span = sp.find_np(text, *after, ents) if len(toks) > skip else None
    if span is None or span[0] != toks[skip][2]:
        return False  # "الذين يقول عنهم ترامب": no phrase past the pronoun the verb's reading finds
    head = [tk for tk in toks[skip:] if tk[3] <= span[1]][:3]
    return any(sp.in_entity(ents, tk[2], kind) for tk in head for kind in ("PERS", "ORG", "LOC")) or \
        _person_or_body(head[0][1])


def subject_before(text: str, t: Trig, after: tuple[int, int], ents: list[Entity], known: list[Speaker],
                   own: bool) -> Speaker | None:
    """``before_verb.subject_before`` (marked) unless the verb has its ``own`` subject after it, else the noun phrase
    a noun-first particle opens before the verb ``t`` when nothing after the verb (``after``: up to its content) is
    its subject (an entity ``own`` found may be the one told: "قالت لرويترز") and the verb agrees with it."""
    if not own and _relative_with_subject(text, t.start, after, ents):
        return None  # the subject after the verb speaks, read there
    found = None if own else subject_before_verb(text, t.start, ents, known, True)
    if found is not None or t.form.kind not in ("past", "present"):
        return found
    ss = sp.sentence_start(text, t.start, 250)
    toks = sp.tokens(text, max(ss, t.start - 150), t.start)
    while toks and (toks[-1][1] in sp.ADVERBS or toks[-1][1] in ("قد", "فقط")):
        toks.pop()  # "و7,6٪ فقط أفادوا"
    toks = _without_parenthetical(toks)
    j = _opening(toks)
    if j is None or not _empty_after(text, *after, ents):  # the particle first: most verbs have none before them
        return None
    if j is not None and j > 0 and j < len(toks) and toks[j - 1][1] in ("ان", "وان", "بان") and \
            toks[j][1][:1] in "يتن" and not sp.in_entity(ents, toks[j][2]):
        return None  # "وبدل أن يرد إردوغان على التهم يقول": أن with a verb (the subjunctive), no noun clause
    if j is None or not 1 <= len(toks) - j <= _MAX_WORDS or not _plain_stretch(toks[j:]) or \
            not _speaker_like(toks[j:], ents) or re.match(r"\s+في(?:ه|ها|هم)\s", text[t.end : t.end + 8]):
        return None  # "أصدرت بيانا قالت فيه": the verb describes the statement, its subject is further back
    start = toks[j][2] + (_without_wa(toks[j][1]) != toks[j][1])  # "، و7,6٪": the speaker without the و
    speaker = sp.build_speaker(text, start, toks[-1][3], ents, known)
    if speaker is None or not agrees(sp.speaker_features(speaker), t.form.fem, t.form.plural):
        return None
    return speaker


def subject_before_verb(text: str, verb: int, ents: list[Entity], known: list[Speaker], marked: bool) -> Speaker | None:
    """``before_verb.subject_before``, unless it is a description after ولكن (:func:`_described_after_but`)."""
    found = before_verb.subject_before(text, verb, ents, known, marked)
    return None if found is not None and _described_after_but(text, verb, found) else found


def _described_after_but(text: str, verb: int, found: Speaker) -> bool:
    """ "ولكن الحقيقة المريرة تقول"، "ولكن المنصة تحذر": after ولكن a definite phrase without a name (a thing, or a
    description of the body named before) is no new speaker; a name, a title or an indefinite group is ("ولكن لوف
    قال"، "ولكن مسؤولين أكدوا")."""
    toks = sp.tokens(text, max(0, verb - 150), verb)
    k = max((i for i, tk in enumerate(toks) if tk[1] == "ولكن"), default=None)
    return k is not None and k + 1 < len(toks) and definite_phrase(found) and \
        fold_match(found.text).split()[:1] == [toks[k + 1][1]]
