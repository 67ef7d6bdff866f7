"""The words descriptions are read with: folded words of a phrase, role and body nouns by their learned word class,
relative adjectives (the ground ``described`` and ``title_holders`` both stand on)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.models import Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.body_nouns import body_noun as body_noun  # here since round 36; defined apart (no cycle)
from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.wordclusters import load_clusters
from pipeline.resources import shipped
from pipeline.text.normalise import fold_match, fold_name


def folded_words(surface: str) -> list[str]:
    """The folded words of a phrase without quotes and dots (a new list: the caller's to change)."""
    return list(_folded_words(surface))


_words = folded_words


@lru_cache(maxsize=8192)  # entity and speaker phrases: the rules fold the same few again and again
def _folded_words(surface: str) -> tuple[str, ...]:
    return tuple(w for w in (fold_match(x).strip(".\"'«»“”") for x in surface.replace("،", " ").split()) if w)


# Person nouns of the article's own words ("اللاعب"، "الرسام"، "المخرج"): whatever shares a distributional word
# class with these (``wordclusters``: learned from unlabelled news, so roles no list names are found too).
_ROLE_SEEDS = ("اللاعب", "الرئيس")


def role_description(speaker: Speaker | None) -> bool:
    """A singular person noun with its adjectives and no name: "اللاعب السويسري"، "الخبير المالي"، "المسؤول
    السابق"; a feminine one is the feminine (ة) of such a noun: "اللاعبة الأمريكية"، "الوزيرة الأميركية"."""
    words = _words(speaker.text) if speaker is not None else []
    if not 1 <= len(words) <= 3 or not all(w.startswith("ال") for w in words) or sp.person_name(speaker.text):
        return False
    key = cluster_key(fold_name(speaker.text.split()[0].strip("\"'«»“”")))  # the table's form: "المسؤول"
    if key.endswith(("ون", "ين", "ات")):
        return False
    masculine = key[:-1] if key.endswith("ه") else key
    return load_clusters().get(masculine) in _role_classes()


@lru_cache(maxsize=1)
def _role_classes() -> frozenset[str]:
    """The word classes of the role seeds, read once per process."""
    table = load_clusters()
    return frozenset(table[seed] for seed in _ROLE_SEEDS if seed in table)


def person_noun(word: str) -> bool:
    """A noun that names a person ("الفنانة"، "المخرج"، "الممثل"), learned from the names it stands right before
    (``bench/build_person_nouns.py``: apposition to person names in the ANERcorp build part, rarely to a body or a
    place); a feminine one is the feminine (ة) of such a noun."""
    key = cluster_key(fold_name(word.strip("\"'«»“”")))
    return (key[:-1] if key.endswith("ه") else key) in _person_nouns()


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """The learned person nouns (masculine, folded as the word-cluster table), read once per process."""
    text = shipped("pipeline", "data", "ner", "person_nouns.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0] for line in text.splitlines() if line.strip())


def nisba_of(w: str) -> str:
    """The masculine of a relative adjective ("امريكيه" → "امريكي"), "" for any other word."""
    w = w[:-1] if w.endswith("يه") else w
    return w if w.endswith("ي") and len(w) >= 4 else ""
