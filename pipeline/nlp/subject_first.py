"""A و-verb after a comma shares the subject of a subject-first clause before it: "لكن ترامب لن ينحني، وقال في
تغريدة"، "ترامب رفض الدعوة، وقال إن".

``shared_subjects.opening_subject`` reads a sentence that opens with its verb (VSO: "وعبر المرجع ... عن تضامنه،
وقال"). When the sentence opens with the name instead (after لكن/غير أن or nothing), the verb right after the name
(a negation may come between: لن، لم، لا) has that name as its subject, and the و-verb coordinated after the comma
takes it too when the two agree in gender and number. The name must be a tagged person or body; the verb after it
must look like one (a present with its person prefix, or a past of the و-verb's own gender), so "ترامب الابن" or a
name in construct is no clause.
"""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.participle_clause import verb_form_of_gender
from pipeline.text.normalise import fold_match

_PARTICLES = sp.fold_set("لكن ولكن غير إلا بيد أن")  # "لكن X"، "غير أن X": a noun-first clause follows
_NEGATIONS = sp.fold_set("لن لم لا")
_NOT_VERBS = sp.TITLES | sp.RANKS | sp.ADVERBS | sp.NOT_VERBS | sp.CLAUSE_STARTS


def fronted_subject(text: str, pos: int, fem: bool, plural: bool, ents: list[Entity],
                    known: list[Speaker]) -> Speaker | None:
    """The subject of the و-verb at ``pos`` (of gender ``fem`` and number ``plural``) right after a comma, when its
    sentence opens with a tagged person or body and a verb after it ("لكن ترامب لن ينحني، وقال"); else None."""
    if text[pos : pos + 1] != "و":
        return None
    ss = sp.sentence_start(text, pos)
    comma = max(text.rfind("،", ss, pos), text.rfind(",", ss, pos))
    if comma < 0 or text[comma + 1 : pos].strip():
        return None
    toks = sp.tokens(text, ss, comma)
    i = 0
    while i < min(2, len(toks)) and toks[i][1] in _PARTICLES:
        i += 1
    name = next((x for x in ents if x.start == toks[i][2] and x.type in ("PERS", "ORG")), None) \
        if i < len(toks) else None
    if name is None:
        return None
    k = next((n for n in range(i + 1, len(toks)) if toks[n][2] >= name.end), None)
    if k is not None and toks[k][1] in _NEGATIONS:
        k += 1
    if k is None or k >= len(toks) or not _verb_after_name(toks[k], fem, ents) or any(
            t[1] in sp.RELATIVES or t[1] in "،,:\"«»“”" for t in toks[i:k]):
        return None
    speaker = sp.build_speaker(text, name.start, name.end, ents, known)
    if speaker is None or not sp.agrees(sp.speaker_features(speaker), fem, plural):
        return None
    return speaker


def _verb_after_name(tok: tuple, fem: bool, ents: list[Entity]) -> bool:
    """The word after the name is a verb of the و-verb's gender: a present with its prefix (تـ feminine, يـ
    masculine), or a past with (feminine) or without (masculine) its ت; not a noun (ال، ة) nor a particle."""
    raw = sp.WORD_MARKS_RE.sub("", tok[0])
    w = fold_match(raw)
    if len(w) < 3 or w.startswith("ال") or raw.endswith(("ة", "ه", "ات")) or w in _NOT_VERBS or \
            sp.in_entity(ents, tok[2]) or not w.isalpha():
        return False
    return verb_form_of_gender(raw, fem)
