"""A person named as the frame's agent (round thirty-seven): "ومن المقرر أن يغادر كارتر الأردن": a minister, an
envoy or a player leaving a country or a team is no force withdrawing.

The subject layer reads folded words and no entities, so the sentence's words are tagged here, only for a frame
that is about to flag (a few per article): the CRF of :mod:`pipeline.nlp.ner` on the sentence's own words
(``tag_sentences``, the first pass and its rules; no article-level repair, the sentence is all there is, so a
name tagged once in the sentence counts at each of its mentions). A word of
the word-class table's name classes (the class of "محمد" or of "ترامب", learned from unlabelled news) is a name
without the tagger: the tagger often leaves a name right after a verb ("يغادر ترامب الأردن"). The word
right after the predicate (the verb's subject, the verbal noun's genitive) opening a person's name, with no
force word within the check's reach after the predicate, makes the frame a person's journey; "سحب ترامب القوات
الأمريكية" (the forces right after the name) stays. The word must be bare (no article, no clitic preposition):
a name is never definite, and "للرئيس" or "الحوثيين" are the office check's or a force's.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.nlp.entities import load_gazetteer
from pipeline.nlp.ner import bio_spans, tag_sentences
from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.untagged_names import name_classes
from pipeline.nlp.wordclusters import load_clusters

_PERSON = "PERS"
_PLACES_AND_BODIES = ("COUNTRY", "LOC", "IRAQ", "ORG")  # the gazetteer's classes of no person
SUBJECT_REACH = 3  # words before the predicate where a force is its subject ("والثابت أن الجيش الألماني ترك وارسو")


@lru_cache(maxsize=1)
def _no_person() -> frozenset[str]:
    """One-word gazetteer entries of a country, a place or a body: "بريطانيا" is never a person's name, whatever the
    tagger reads ("انسحاب بريطانيا من كأس العالم")."""
    gaz = load_gazetteer()
    return frozenset(e for cls in _PLACES_AND_BODIES for e in gaz.get(cls, ()) if " " not in e)


@lru_cache(maxsize=256)
def person_starts(toks: tuple[str, ...]) -> frozenset[int]:
    """Positions of the sentence's words that open a person's name, by the tagger on the words alone; a word that
    opens a name the tagger found elsewhere in the sentence opens one wherever it stands (the tagger often leaves
    the second mention: "والتقى بومبيو ... أن يغادر بومبيو الأردن")."""
    if not toks:
        return frozenset()
    tags = tag_sentences([list(toks)])[0]
    names = {toks[a] for a, _, typ in bio_spans(tags) if typ == _PERSON}
    return frozenset(i for i, word in enumerate(toks) if word in names)


def _bare(word: str) -> bool:
    """No article and no clitic preposition: "كارتر"، "ترامب" (a name); "الجيش"، "للقوات"، "بانسحاب" are not."""
    return not word.startswith(("ال", "وال", "بال", "لل", "فال", "كال"))


def name_shaped(word: str) -> bool:
    """A word of the word-class table's name classes (those of "محمد" and "ترامب": ``untagged_names``)."""
    return load_clusters().get(cluster_key(word)) in name_classes()


def person_agent(toks: list[str], at: int, forces: list[int], anchor: int, reach: int) -> bool:
    """The word at ``at`` (right after the predicate at ``anchor``, past its quantifiers) opens a person's name and
    no force (``forces``) stands within ``reach`` words after the predicate: a person leaving, not a force. A name
    is a word of a name class or one the tagger reads as a person's in the sentence, and no country, place or body
    of the gazetteer; a force right before the predicate is its subject (the word after it, its object: the place
    left), so none may stand within ``SUBJECT_REACH`` words before it either."""
    if at >= len(toks) or not _bare(toks[at]) or toks[at] in _no_person() or any(
            anchor - SUBJECT_REACH <= f <= anchor + reach and f != anchor for f in forces):
        return False
    return name_shaped(toks[at]) or at in person_starts(tuple(toks))
