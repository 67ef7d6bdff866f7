"""What may stand between a hal participle and its introducer: "قائلا في تصريحات لشبكة "بي.تي.سبورت": ..."،
"مضيفا للإذاعة الإسرائيلية العامة أن"، "ومشيراً في الوقت نفسه، إلى أن"، "قائلة في 30 أغسطس إن".

A participle takes its content right after it (a gap of a few letters) so that "قال في كلمة له، معلنا انسحاب ..."
does not reach a later introducer; a prepositional adjunct (where, when or to whom it was said) before the
introducer is part of the participle's own clause, so the statement is the participle's."""

from __future__ import annotations

from pipeline.nlp import speakers as sp
from pipeline.text.normalise import fold_match

_MAX_GAP = 70
_ADJUNCT_PREPOSITIONS = sp.fold_set("في خلال عبر أمام لدى")
_COMPLEMENTS = sp.fold_set("إلى الى على")  # the participle's own preposition before أن ("مشيرا ... إلى أن")
_PUNCT = " \t،,:"


def adjunct_gap(text: str, participle: int, start: int, end: int, told: bool = True) -> bool:
    """text[start:end] (participle end to introducer) is one adjunct phrase of a participle that opens its own hal
    clause (after a comma or at a line start: not "وكان الملجأ مفيدا في هذه الحالة، فإنه", an adjective): it opens
    with a preposition (في، خلال، عبر، أمام، لدى, or, when ``told``, a word with ل: "للإذاعة"، "لشبكة"; not after
    أشار, whose own complement it is: "مشيرين لتحقيق أجرته") and holds no comma or sentence mark before its end (a
    comma, and the participle's own preposition, may close it)."""
    before = text[max(0, participle - 3) : participle]
    if end - start > _MAX_GAP or "\n" not in before and before.rstrip()[-1:] not in ("،", ",", ""):
        return False
    words = text[start:end].strip(_PUNCT).split()
    if words and fold_match(words[-1]) in _COMPLEMENTS:
        words = words[:-1]
    body = " ".join(words).rstrip(_PUNCT)
    if not body or any(c in body for c in "،,؟!:\n") or ". " in body:  # "بي.تي.سبورت" is no sentence end
        return False
    first = fold_match(words[0])
    return first in _ADJUNCT_PREPOSITIONS or told and first.startswith("ل") and len(first) > 3 and \
        first not in sp.ADVERBS
