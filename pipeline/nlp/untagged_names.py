"""Names the tagger missed, read from where they stand: the subject slot between a verb and its participle
("لتسألها إليسا قائلة") or right after a sentence's opening verb ("لم تتحدث مديحة يسري أبداً عن ...، لكنها أكدت
...، وقالت").

A rare name is not in the word-class table (``wordclusters``: learned from unlabelled news, it holds the frequent
words); a frequent one sits in the class of "محمد" or "ترامب". So a word opens a name when it is bare (no article,
no clitic preposition), is neither a function word, an adverb nor an accusative participle, and is absent from the
table or in a name class; up to two more bare words that are no function words may follow (a surname: "يسري").
The verb's person prefix must agree with the participle or, for a sentence start, gives the gender carried on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.speaker_words import DEFINITE, WORD_MARKS_RE
from pipeline.nlp.wordclusters import load_clusters

_NAME_SEEDS = ("محمد", "احمد", "ترامب", "ماكرون")
_NEGATIONS = sp.fold_set("لم ولم لا ولا لن ولن")
_PASSIVE = re.compile(r"م..و.ه?")  # مفعول(ة): "مشهودة"
_PREFIXED_VERB = re.compile(r"[لفو]?[يت][^\s]{2,}")  # "لتسألها"، "ويقول"، "تتحدث"
_FUNCTION = sp.NOT_VERBS | sp.ADVERBS | sp.CLAUSE_STARTS | sp.TITLES | sp.RANKS | sp.fold_set(
    "كل بعض جميع أي غير هو هي هم هذا هذه ذلك تلك قد أيضا بعدها وهي وهو ثم منذ حتى له لها لهم عليه عليها")


@lru_cache(maxsize=1)
def name_classes() -> frozenset[str]:
    """The word-class table's classes of names: those of "محمد"، "احمد" (given names) and "ترامب"، "ماكرون" (surnames
    of people in the news)."""
    table = load_clusters()
    return frozenset(table[w] for w in _NAME_SEEDS if w in table)


def _bare(tok: tuple) -> bool:
    raw, word = WORD_MARKS_RE.sub("", tok[0]), tok[1]
    return word.isalpha() and len(word) >= 3 and not raw.startswith(DEFINITE) and \
        word not in _FUNCTION and "\u064b" not in tok[0][-3:]


def _opens_name(tok: tuple) -> bool:
    """A bare word that is rare (absent from the word-class table) or in a name class, and no participle shape
    (مُفعِلا، فاعلا: "مبتسما"، "ساخرا")."""
    word = tok[1]
    if not _bare(tok) or word.endswith("ا") and (word.startswith("م") or word[1:2] == "ا"):
        return False
    cls = load_clusters().get(cluster_key(word))
    if cls is None:  # a rare word: no derived participle or adjective ("متظاهر"، "مستخدم"، "مشهودة")
        return not word.startswith(("مت", "مست", "من")) and not _PASSIVE.fullmatch(word)
    return cls in name_classes()


def _goes_on(tok: tuple) -> bool:
    """A word that may continue a name: bare, no clitic on a known word ("بصوتها"), no possessive pronoun."""
    word = tok[1]
    if not _bare(tok) or word.endswith(("ها", "هم", "هما")):
        return False
    key = cluster_key(word)
    return key == word or key not in load_clusters()


def _tagged(tok: tuple, ents: list[Entity]) -> bool:
    """The token overlaps an entity the tagger found."""
    return any(x.start < tok[3] and x.end > tok[2] for x in ents)


def name_run(toks: list, i: int, ents: list[Entity]) -> int | None:
    """End of an untagged name starting at ``toks[i]`` (one to three bare words, the first name-shaped), or None."""
    if i >= len(toks) or not _opens_name(toks[i]) or _tagged(toks[i], ents):
        return None
    end = i + 1
    while end < len(toks) and end - i < 3 and _goes_on(toks[end]) and not _tagged(toks[end], ents):
        end += 1
    return end


def _verb_gender(raw: str) -> str | None:
    """ "f"/"m" from an imperfect's person prefix after ل/ف/و ("لتسألها" f, "ويقول" m), else None."""
    raw = WORD_MARKS_RE.sub("", raw)
    if _PREFIXED_VERB.fullmatch(raw) is None:
        return None
    return "f" if (raw[1:2] if raw[:1] in "لفو" and raw[1:2] in "يت" else raw[:1]) == "ت" else "m"


def name_before_participle(text: str, pos: int, fem: bool, ents: list[Entity]) -> Speaker | None:
    """ "لتسألها إليسا قائلة": a verb with its person prefix, an untagged name, then the participle at ``pos``."""
    lo = max(text.rfind(c, max(0, pos - 80), pos) for c in '،,.\n:"»”') + 1
    toks = sp.tokens(text, lo, pos)
    if not 2 <= len(toks) <= 4 or _verb_gender(toks[0][0]) != ("f" if fem else "m"):
        return None
    end = name_run(toks, 1, ents)
    if end != len(toks):
        return None
    surface = text[toks[1][2] : toks[-1][3]]
    return Speaker(text=surface, canonical=surface, type="PERS")


def name_after_opening_verb(text: str, lo: int, hi: int, ents: list[Entity]) -> tuple[Speaker, tuple[str, None]] | None:
    """ "لم تتحدث مديحة يسري أبداً عن ...": the sentence at ``lo`` opens with a (negated) imperfect verb and an
    untagged name: that name is the subject a dropped one after it continues, with the verb's gender."""
    toks = sp.tokens(text, lo, min(hi, lo + 80))
    i = 1 if toks and toks[0][1] in _NEGATIONS else 0
    gender = _verb_gender(toks[i][0]) if i < len(toks) else None
    end = name_run(toks, i + 1, ents) if gender else None
    if end is None or end >= len(toks) or end - i < 3 and toks[end][1] not in sp.ADVERBS and toks[end][1] not in (
            "عن", "في", "على", "،", ","):
        return None  # one word only when the clause goes on with an adjunct: "تتحدث مديحة عن"
    surface = text[toks[i + 1][2] : toks[end - 1][3]]
    return Speaker(text=surface, canonical=surface, type="PERS"), (gender, None)
