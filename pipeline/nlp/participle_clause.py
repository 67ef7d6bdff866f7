"""The subject of a hal participle's own clause when that clause's verb reports nothing: "رفضت إليسا مصافحتها
قائلة"، "وأمام هذه العروض وقف حماقي دون عرض، مؤكدا".

A participle of manner describes the subject of the verb of its clause (the stretch before it back to a comma or the
sentence start; a comma right before the participle closes that clause). When the clause opens with a verb of the
participle's gender (after a fronted adjunct: "وأمام هذه العروض") and a name right after it (tagged, a speaker named
before, or an untagged name: ``untagged_names.name_run``), followed by the verb's object with its pronoun
("مصافحتها"), a preposition or "دون", that name is the one speaking: not the statement made before in the
sentence ("... قائلة "ما تسلمي عليا أبدا"، لتتدخل أحلام قائلة"), nor a subject carried from an earlier one.
"""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.reporting import LEX
from pipeline.nlp.untagged_names import name_run
from pipeline.text.normalise import fold_match

_FRONTED = sp.fold_set("أمام في عن على مع لدى قبل بعد عقب إثر خلال منذ رغم وسط")  # "وأمام هذه العروض وقف"
_AFTER_NAME = sp.fold_set("في عن على مع إلى الى لدى أمام دون بدون")  # not "من": "عدد من" is part of a group
# Words before a name that are no verb: titles, adverbs, particles ("كما"، "ثم"، "لكن": a past's shape; the verbs among
# ``CLAUSE_STARTS``, "رفضت"، "كان", are verbs here).
_NOT_VERBS = sp.TITLES | sp.RANKS | sp.ADVERBS | sp.NOT_VERBS | sp.fold_set("كما وقد قد ثم لكن ولكن بينما فيما حيث إذ")
_PRONOUNS = ("ها", "ه", "هم", "هما")


def name_of_own_clause(text: str, pos: int, fem: bool, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """The name after the verb of the clause the participle at ``pos`` (feminine when ``fem``) closes, or None."""
    ss = sp.sentence_start(text, pos)
    head = text[ss:pos].rstrip()
    end = ss + len(head) - 1 if head.endswith(("،", ",")) else pos
    lo = max(ss, text.rfind("،", ss, end) + 1, text.rfind(",", ss, end) + 1)
    toks = sp.tokens(text, lo, end)
    if len(toks) < 2:
        return None
    first = toks[0][1][1:] if toks[0][1][:1] == "و" else toks[0][1]
    verbs = range(0, 1) if first not in _FRONTED else range(2, min(len(toks) - 1, 6))
    n = next((k for k in verbs if k + 1 < len(toks) and _verb_of_gender(toks[k], fem, ents)), None)
    if n is None:
        return None
    tagged = next((x.end for x in ents if x.start == toks[n + 1][2] and x.type in ("PERS", "ORG")), None)
    if tagged is None and any(k.canonical.split()[-1:] == [toks[n + 1][1]] for k in known):
        tagged = toks[n + 1][3]  # "لتتدخل أحلام قائلة": a speaker named before ("أحلام" is also a common noun)
    e = next((k for k in range(n + 1, len(toks)) if toks[k][2] >= tagged), len(toks)) if tagged else \
        name_run(toks, n + 1, ents) or (len(toks) if n + 2 == len(toks) and _bare(toks[n + 1]) else None)
    if e is not None and tagged is None:  # "حماقي دون عرض": the name ends at the preposition after it
        e = next((k for k in range(n + 2, e) if toks[k][1] in _AFTER_NAME), e)
        if sp.WORD_MARKS_RE.sub("", toks[n + 1][0]).endswith(_PRONOUNS) or e == len(toks) and e > n + 2:
            return None  # "رفض دعواه"، "تهجمت جماهيره": the object or a noun with its owner; "ينصح روبنسون بارتداء
            # جوارب،": an untagged run to the comma may hold the object, one word only
    if e is None or e < len(toks) and not _closes_subject(toks[e]) or e == len(toks) and e > n + 3:
        return None  # a tagged name of three words up to the comma may hold the object ("روبنسون بارتداء جوارب")
    if tagged is not None:
        return sp.build_speaker(text, toks[n + 1][2], tagged, ents, known)
    surface = text[toks[n + 1][2] : toks[e - 1][3]]
    return Speaker(text=surface, canonical=surface, type="PERS")


def _verb_of_gender(tok: tuple, fem: bool, ents: list[Entity]) -> bool:
    """A verb of the participle's gender: a present with its prefix (تـ feminine, يـ masculine), a past with
    (feminine) or without (masculine) its ت; not a noun (ال، ة), a particle or a name."""
    raw = sp.WORD_MARKS_RE.sub("", tok[0])
    if raw[:1] == "ل" and raw[1:2] not in "يت":
        return False  # "لصحفي بي بي سي": a preposition and its noun; "لتتدخل" is a verb
    bare = raw[1:] if raw[:1] in "وفل" else raw
    if fold_match(raw) in _NOT_VERBS or fold_match(bare) in _NOT_VERBS or fold_match(raw) in LEX:
        return False  # "فلم تمض": a negation; "ونقلت رويترز": a reporting verb, whose statement is the clause's
    raw = bare if len(raw) > 3 else raw
    w = fold_match(raw)
    if not w.isalpha() or len(w) < 3 or w.startswith("ال") or raw.endswith(("ة", "ه", "ا", "ات", "ين", "ون")) or \
            w in _NOT_VERBS or sp.in_entity(ents, tok[2]):
        return False
    return verb_form_of_gender(raw, fem)


def verb_form_of_gender(raw: str, fem: bool) -> bool:
    """A word shaped as a verb of the given gender: a present with its prefix (تـ feminine, يـ masculine), or a short
    past with (feminine) or without (masculine) its ت. The caller has ruled out nouns and particles."""
    if raw[:1] in "يت" and len(raw) >= 4:
        return (raw[:1] == "ت") == fem
    return raw.endswith("ت") == fem and len(raw) <= 5


def _bare(tok: tuple) -> bool:
    """A word alone between the verb and the participle that can only be its subject ("لتتدخل أحلام قائلة", a name
    that is also a common noun): no article or clitic, no pronoun, no accusative ending, no title or particle."""
    raw = sp.WORD_MARKS_RE.sub("", tok[0])
    return tok[1].isalpha() and len(tok[1]) > 2 and not raw.startswith(("ال", "ل", "بال")) and \
        not raw.endswith(("ة", "ات", "ا", "ه", "ها")) and tok[1] not in _NOT_VERBS


def _closes_subject(tok: tuple) -> bool:
    """What may follow the verb's subject: its object with a pronoun ("مصافحتها"), or a preposition or دون."""
    raw = sp.WORD_MARKS_RE.sub("", tok[0])
    return tok[1] in _AFTER_NAME or raw.endswith(_PRONOUNS) and len(raw) >= 5 and not raw.startswith("ال")
