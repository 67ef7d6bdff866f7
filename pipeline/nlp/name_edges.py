"""Where a person's name ends: an accusative word glued after it is no part of it.

"أجرى النجم المصري محمد صلاح حوارا مع الموقع الرسمي": the tagger reads "محمد صلاح حوارا" as one person, but an
indefinite accusative (-ًا, or a bare -ا) right after a name is the object of the verb before it. It is cut

* when the tagger glued it into a person's name and the article names that person elsewhere ending at the word
  before it ("وقال صلاح");
* when it carries the tanwin sign and the word before it ends a name ("كشفت شركة السيارات جاغوار حديثاً"), not
  after an indefinite accusative ("لكن مسؤولاً حكومياً يمنياً": an adjective);
* when it is an accusative participle (مُفعِلا) after a definite word: how the subject was ("بدا الرئيس الأمريكي
  متشائما").

A definite word after a name may be a surname ("عبد الحميد اليوسف") and is kept.
"""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp.speaker_words import HAL, WORD_MARKS_RE
from pipeline.text.normalise import fold_match

_TANWIN_FATH = "\u064b"


def _tanwin(word: str) -> bool:
    """The word ends in tanwin fath ("حديثاً"، "حديثًا")."""
    return _TANWIN_FATH in word[-3:]


def _named_without(ents: list[Entity], surname: str, tail: str) -> bool:
    """A mention of a person that ends at ``surname`` and does not hold ``tail``."""
    for x in ents:
        words = fold_match(x.text).split() if x.type == "PERS" else []
        if words and words[-1] == surname and tail not in words:
            return True
    return False


def without_accusative_tail(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without an indefinite accusative word glued after its name ("محمد صلاح حوارا" → "محمد صلاح")."""
    words = speaker.text.split() if speaker is not None else []
    if len(words) < 3:
        return speaker
    bare = WORD_MARKS_RE.sub("", words[-1])
    tail, surname = fold_match(words[-1]), fold_match(words[-2])
    if not bare.endswith("ا") or len(bare) < 4 or tail.startswith("ال"):
        return speaker  # a definite word after a name may be a surname ("عبد الحميد اليوسف"): kept
    glued = any(x.type == "PERS" and fold_match(x.text).split()[-1:] == [tail] for x in ents)
    named = any(x.type in ("PERS", "ORG") and fold_match(x.text).split()[-1:] == [surname] for x in ents)
    tanwin = _tanwin(words[-1]) and not _tanwin(words[0])  # not "مسؤولاً حكومياً يمنياً": an adjective
    hal = HAL.fullmatch(words[-1]) is not None and surname.startswith("ال")  # "الرئيس الأمريكي متشائما"
    if not (tanwin and named or hal or glued and _named_without(ents, surname, tail)):
        return speaker
    cut = speaker.text[: speaker.text.rfind(words[-1])].rstrip()
    canonical = speaker.canonical.split()
    if canonical and fold_match(canonical[-1]) == tail:
        canonical = canonical[:-1]
    return speaker.model_copy(update={"text": cut, "canonical": " ".join(canonical) or fold_match(cut)})
