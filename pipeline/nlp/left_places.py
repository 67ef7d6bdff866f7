"""The place a force leaves, read from word order around the predicate (issue 13, round thirty-seven).

A frame's ``governed`` slot ("انسحاب بلاده منه": a place after the masdar is the left place only through a
preposition) takes a place right after the preposition, or after a demonstrative that follows it ("الانسحاب من
تلك المواقع"، "الخروج من هذه المدينة"): the demonstrative opens the noun phrase, so it stands for the place in
the frame's window and in ``frame_syntax.state_leaves`` (the word after من).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.nlp.frame_syntax import DEMONSTRATIVES
from pipeline.nlp.wordgroups import Group, group_hits, hits_by_sentence
from pipeline.text.morphology import form_iv_imperfect_keys, past_forms, word_keys


def governed(toks: list[str], anchor: int, hits: list[int], prepositions: list[int]) -> list[int]:
    """The words of a governed group that may fill its slot for ``anchor``: those before it, and those after it
    right after a preposition of ``prepositions`` or after a demonstrative right after one (then the
    demonstrative's position, where the noun phrase starts)."""
    out = []
    for h in hits:
        if h < anchor or h - 1 in prepositions:
            out.append(h)
        elif h - 2 > anchor and toks[h - 1] in DEMONSTRATIVES and h - 2 in prepositions:
            out.append(h - 1)
    return out


#: the object pronoun that stands for a place on a verb of leaving ("أخلوها"، "أخلاه": it, the base, the town);
#: not هم (them: people evacuated, "أخلوهم")
OBJECT_ENDINGS = ("ها", "ه")
MIN_STEM = 3  # letters of the verb before the pronoun
_IMPERFECT_PREFIXES = ("ي", "ت", "ن", "سي", "ست", "سن")


def verb_with_object(word: str, past: frozenset[str], imperfect: frozenset[str]) -> bool:
    """The (folded) word is a finite verb of a family with an object pronoun for a place: a past form of ``past``
    ("اخلوها": اخلوا + ها, the plural's alef dropped before the pronoun) or an imperfect whose keys are in
    ``imperfect`` ("سيخلونها"); a verbal noun with a possessive ("إخلاؤها"، "مغادرته") is no such verb."""
    w = word[1:] if word[:1] in "وف" and len(word) > 4 else word
    for ending in OBJECT_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= MIN_STEM:
            base = w[: -len(ending)]
            base = base + "ا" if base.endswith("و") else base
            return base in past or (base.startswith(_IMPERFECT_PREFIXES) and not word_keys(base).isdisjoint(imperfect))
    return False


@dataclass(frozen=True)
class Vacated:
    """A force that vacated a place it holds as the verb's object pronoun: "وكان عسكريون أميركيون متمركزون في
    القاعدة ... قد أخلوها" (the base, named before the verb, vacated by the soldiers named before it). Group names
    of the subject: ``predicates`` (the verb's family), ``places`` (the antecedent), ``agents`` (the force); ``verbs``:
    the family's verb lemmas, whose finite forms carry the pronoun; ``back``: sentences before the verb's own where
    the place and the force may be named; ``reach``: words from the force to the verb in its own sentence."""

    predicates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    back: int = 0
    reach: int = 12

    def group_names(self) -> tuple[str, ...]:
        return (*self.predicates, *self.places, *self.agents)

    def bound(self, sentences: list[list[str]], groups: dict[str, Group]) -> frozenset[str]:
        """The verb words of the article that vacate a place named before them, by a force named before them; a
        word is bound only if every one of its uses is (the group matches it wherever it stands)."""
        predicates = hits_by_sentence(sentences, tuple(groups[n] for n in self.predicates))
        past, imperfect = _verb_forms(self.verbs)
        bound: set[str] = set()
        unbound: set[str] = set()
        for i, toks in enumerate(sentences):
            verbs = [a for a in predicates[i] if verb_with_object(toks[a], past, imperfect)]
            if not verbs:
                continue
            near = sentences[max(0, i - self.back):i]
            places = [h for n in self.places for h in group_hits(toks, groups[n])]
            agents = [h for n in self.agents for h in group_hits(toks, groups[n])]
            placed_before = any(group_hits(t, groups[n]) for t in near for n in self.places)
            forced_before = any(group_hits(t, groups[n]) for t in near for n in self.agents)
            for a in verbs:
                place = placed_before or any(p < a for p in places)
                force = forced_before or any(a - self.reach <= f < a for f in agents)
                (bound if place and force else unbound).add(toks[a])
        return frozenset(bound - unbound)


@lru_cache(maxsize=8)
def _verb_forms(verbs: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The past forms and the imperfect keys of the verb lemmas (once per subject file, not per article)."""
    return past_forms(list(verbs)), frozenset(k for v in verbs for k in form_iv_imperfect_keys(v))


def parse_vacated(raw: dict[str, Any]) -> Vacated:
    """A YAML ``vacated: {predicates, places, agents, verbs, back, reach}`` mapping."""
    return Vacated(predicates=tuple(raw.get("predicates") or ()), places=tuple(raw.get("places") or ()),
                   agents=tuple(raw.get("agents") or ()), verbs=tuple(raw.get("verbs") or ()),
                   back=int(raw.get("back", 0)), reach=int(raw.get("reach", 12)))
