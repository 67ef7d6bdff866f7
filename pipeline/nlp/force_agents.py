"""A state standing for its army, known from the article's memory of whose forces are where.

"في حال انسحاب اميركا"، "الأمريكيون سيغادرون": a state, a capital or a people is the agent of a withdrawal with no
place after it. Alone, the sentence cannot tell the state's army from its citizens, its envoys or its withdrawal
from a deal (round thirty measured every sentence-level form). The article can: a sentence before it gives that
state forces ("لا حاجة لتواجد القوات الامريكية في دول المنطقة"، "قوات روسيا"، "جنود الاحتلال الإسرائيلي" is not
needed: a nationality adjective or the state's name right after a force word). So a state word next to the
predicate (the verbal noun's genitive or the verb's subject right after it; the subject right before it, which
alone a transitive verb of leaving allows: "مغادرة إيران" is a person leaving Iran) is the army when

* the article names that state's forces in the agent's sentence or the ``back`` sentences before it,
* the predicate has no من/عن after it (a place or a deal left is read by the other frames and sense checks),
* the sentence names no deal, treaty or organisation ("الاستفادة من الاتفاق النووي بعد انسحاب الولايات المتحدة").

Like a carried force (``carried_forces``), the words are bound per article and a word is bound only if every one
of its uses next to a predicate is. The memory is read only for an article with a state next to a predicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.nlp.wordgroups import Group, group_hits, hits_by_sentence, nisba
from pipeline.text.normalise import fold_match

#: clitics before a name or an adjective: وال، بال، لل، و، ب ...
_CLITICS = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل|[وف]?[بل](?=.{4})|[وف](?=.{4}))")
#: the endings of a nisba adjective or its people's plural (الامريكيه، الامريكيين، الروسي)
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")
OWNER_REACH = 2  # words from the force word to its owner ("القوات الخاصة الأمريكية")


@dataclass(frozen=True)
class ForceAgents:
    """Which predicate groups take a state agent (``subject_before``: only one before them, the word after is
    their object), which groups name the agents and the forces, the words that give the sentence another sense
    (``deals``) or a place (``left``), what a capital or a spelling stands for, and how many sentences back the
    article's forces may be named."""

    predicates: tuple[str, ...] = ()
    subject_before: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    forces: str = ""
    deals: str = ""
    left: str = ""
    stands_for: dict[str, str] = field(default_factory=dict)
    back: int = 2
    reach: int = 8

    def group_names(self) -> tuple[str, ...]:
        """The names of the subject's groups this memory reads."""
        return (*self.predicates, *self.subject_before, *self.agents,
                *(n for n in (self.forces, self.deals, self.left) if n))

    def bound(self, sentences: list[list[str]], groups: dict[str, Group]) -> frozenset[str]:
        """The agent words of the article that stand for their state's army (``remembered_agents``)."""
        return remembered_agents(sentences, groups, self)


def parse_force_agents(raw: dict[str, Any]) -> ForceAgents:
    """A YAML ``remembered: {predicates, subject_before, agents, forces, deals, left, stands_for, back, reach}``
    mapping (group names of the same subject; ``stands_for``: a word, folded, and the state it names)."""
    return ForceAgents(predicates=tuple(raw.get("predicates") or ()),
                       subject_before=tuple(raw.get("subject_before") or ()),
                       agents=tuple(raw.get("agents") or ()), forces=str(raw.get("forces") or ""),
                       deals=str(raw.get("deals") or ""), left=str(raw.get("left") or ""),
                       stands_for={fold_match(k): fold_match(v) for k, v in (raw.get("stands_for") or {}).items()},
                       back=int(raw.get("back", 2)), reach=int(raw.get("reach", 8)))


def owner_key(word: str, stands_for: dict[str, str]) -> str:
    """The nisba a state, its capital, its people or its adjective share (folded): أمريكا، واشنطن، الامريكيين،
    الأمريكية → امريكي. ``stands_for`` maps a capital (or a spelling) to its state's name, or a nisba to another."""
    bare = _CLITICS.sub("", word)
    bare = stands_for.get(word, stands_for.get(bare, bare))
    for ending in _NISBA_ENDINGS:
        if bare.endswith(ending) and len(bare) - len(ending) >= 3:
            key = bare[:-len(ending)] + "ي"
            break
    else:
        key = nisba(bare)
    return stands_for.get(key, key)


def names_forces_of(toks: list[str], key: str, heads: list[int], spec: ForceAgents) -> bool:
    """A force word of the sentence is owned by the state of ``key``: its name or its adjective right after it
    ("قوات روسيا"، "القوات الأمريكية"، "القوات الخاصة الأمريكية")."""
    return any(owner_key(toks[j], spec.stands_for) == key
               for h in heads for j in range(h + 1, min(len(toks), h + 1 + OWNER_REACH)))


def remembered_agents(sentences: list[list[str]], groups: dict[str, Group], spec: ForceAgents) -> frozenset[str]:
    """The state words of an article (its sentences as folded tokens) that stand for the state's army next to a
    withdrawal predicate (see the module); a word is bound only if every one of its uses next to one is."""
    heads = [group_hits(toks, groups[spec.forces]) for toks in sentences]  # an exact-word group: one set test each
    if not any(heads):
        return frozenset()  # no force word in the article (most articles): no state's army to remember

    bound: set[str] = set()
    unbound: set[str] = set()
    for i, (toks, predicates) in enumerate(zip(sentences, hits_by_sentence(
            sentences, tuple(groups[n] for n in spec.predicates)), strict=True)):
        if not predicates:
            continue
        agents = {h for n in spec.agents for h in group_hits(toks, groups[n])}
        pairs = [(a, s) for a in sorted(predicates) for s in (a - 1, a + 1) if s in agents and s not in predicates]
        if not pairs:
            continue
        transitive = {h for n in spec.subject_before for h in group_hits(toks, groups[n])}
        left = set(group_hits(toks, groups[spec.left])) if spec.left else set()
        other_sense = bool(spec.deals and group_hits(toks, groups[spec.deals]))
        for a, s in pairs:
            key = owner_key(toks[s], spec.stands_for)
            ok = not other_sense and not (s > a and a in transitive) \
                and not any(a < p <= a + spec.reach for p in left) \
                and any(names_forces_of(sentences[j], key, heads[j], spec)
                        for j in range(max(0, i - spec.back), i + 1))
            (bound if ok else unbound).add(toks[s])
    return frozenset(bound - unbound)
