"""A force named earlier in the article and carried by a pronoun on the verb of leaving.

News names a force once, then refers to it: "لا يزالون في القاعدة، لكن من المرجح أن يغادروا" (the soldiers of the
sentence before), "المطالبة بخروجهم من المدينة" (the group's members named a few words earlier). The predicate
holds the force as its own pronoun:

* a plural verb that opens its clause (after أن، حين، التي ... or a conjunction: "أن يغادروا"، "التي انسحبوا منها"),
  when a force word stands before it in its sentence or in the ``back`` sentences before (a noun right before the
  verb is its own subject: "7 ملايين غادروا البلد");
* an intransitive verbal noun with an attached pronoun ("المطالبة بخروجهم"، "سحبها") only a few words after a force
  word of its own sentence: ها and هم name the nearest things ("خروج الرصاصة ... وخروجها"، "تم سحبها").

People named between the force and the word are its nearer antecedent ("أن المتهمين دخلوا ... ثم غادروا"). A
subject's group declared with ``carried: {...}`` in ``subjects.yaml`` matches nothing on its own;
``learned_groups.article_subjects`` fills it, per article, with the bound words, so a frame of the predicate and
that group fires on the word itself (the word-sense checks still judge it). A force named only after the word is
no antecedent: a cataphora is rarer than a new subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from pipeline.nlp.controlled_forces import Controlled, parse_controlled
from pipeline.nlp.force_agents import ForceAgents, parse_force_agents
from pipeline.nlp.frame_syntax import people_plural
from pipeline.nlp.left_places import Vacated, parse_vacated
from pipeline.nlp.sense_checks import first_from
from pipeline.nlp.wordgroups import Group, group_hits, hits_by_sentence

#: "they" on a verb (انسحبوا، يغادرون): the force is its subject
SUBJECT_ENDINGS = ("وا", "ون")
#: "their"/"its" on a verbal noun, "them"/"it" on a causative verb (انسحابهم، خروجها، سحبها; ها also stands for a
#: plural of things: القوات): the force only on the ``possessed`` predicates (غادرها: left *it*, a place)
ATTACHED_ENDINGS = ("هم", "ها", "هن")
MIN_STEM = 3  # letters left before the ending: "منها" is no predicate with a pronoun
CONJUNCTIONS = ("و", "ف")  # a verb with one glued on opens a clause of its own: "وانسحبوا"
PHRASE_REACH = 3  # words after a predicate that are its object or joined to it ("مغادرة التراب التونسي والالتحاق")


@dataclass(frozen=True)
class Carried:
    """Which predicate groups may carry a force by a pronoun (``possessed``: by an attached one too), which groups
    name a force, the words that open a verb's clause, how many sentences back a force may stand and how many
    words before an attached pronoun."""

    predicates: tuple[str, ...] = ()
    possessed: tuple[str, ...] = ()
    antecedents: tuple[str, ...] = ()
    openers: str = ""  # a group name: أن، حين، التي، ثم ...
    auxiliaries: str = ""  # a group name: قد، لن، كانوا ... (between a subject and its verb)
    subject_predicates: tuple[str, ...] = ()  # those a plural verb may carry (none named: all ``predicates``)
    not_forces: str = ""  # a group name: right after a force word, it names no armed force (عناصر الشرطة)
    back: int = 1
    near: int = 6

    def group_names(self) -> tuple[str, ...]:
        """The names of the subject's groups this carry reads."""
        return (*self.predicates, *self.possessed, *self.antecedents, *self.subject_predicates,
                *(n for n in (self.openers, self.auxiliaries, self.not_forces) if n))

    def bound(self, sentences: list[list[str]], groups: dict[str, Group]) -> frozenset[str]:
        """The predicate words of the article that carry a force by their pronoun (``bound_words``)."""
        return bound_words(sentences, groups, self)


#: what an article carries to a word: a force to a pronoun (``Carried``), a state's army to the state (``ForceAgents``),
#: a force to the verbal noun its control verb governs (``Controlled``), a vacated place to the verb (``Vacated``)
CarriedSpec = Carried | ForceAgents | Controlled | Vacated


def parse_carried(raw: dict[str, Any], known: Iterable[str]) -> CarriedSpec:
    """A YAML ``carried: {predicates, possessed, antecedents, openers, back, near}`` mapping (group names of the
    same subject, ``known``), or ``carried: {remembered: {...}}``: a state agent whose army the article names
    (``force_agents``), or ``carried: {controlled: {...}}``: a force deciding to withdraw (``controlled_forces``).
    KeyError for a group name the subject lacks: found when the file is loaded, not when the first article is
    read."""
    spec: CarriedSpec = parse_force_agents(raw["remembered"]) if "remembered" in raw \
        else parse_controlled(raw["controlled"]) if "controlled" in raw \
        else parse_vacated(raw["vacated"]) if "vacated" in raw else _parse_carry(raw)
    names = set(known)
    missing = next((n for n in spec.group_names() if n not in names), None)
    if missing is not None:
        raise KeyError(missing)
    return spec


def _parse_carry(raw: dict[str, Any]) -> Carried:
    return Carried(predicates=tuple(raw.get("predicates") or ()), possessed=tuple(raw.get("possessed") or ()),
                   antecedents=tuple(raw.get("antecedents") or ()), openers=str(raw.get("openers") or ""),
                   auxiliaries=str(raw.get("auxiliaries") or ""),
                   subject_predicates=tuple(raw.get("subject_predicates") or ()),
                   not_forces=str(raw.get("not_forces") or ""),
                   back=int(raw.get("back", 1)), near=int(raw.get("near", 6)))


def carries_pronoun(word: str, endings: tuple[str, ...]) -> bool:
    """The (folded) word ends in one of the pronoun ``endings`` after a stem of its own."""
    return any(word.endswith(e) and len(word) - len(e) >= MIN_STEM for e in endings)


def opens_clause(toks: list[str], a: int, openers: set[int], auxiliaries: set[int]) -> bool:
    """The verb at ``a`` has no subject of its own before it: past its auxiliaries (قد، لن، كانوا), it starts the
    sentence, carries a conjunction, or follows a word that opens a clause ("أن يغادروا"، "حين يرحلون"، "التي
    انسحبوا منها"); a noun there is its subject ("وكان الطلبة قد غادروا"، "7 ملايين غادروا")."""
    start = a
    while start > 0 and start - 1 in auxiliaries:
        start -= 1
    return start == 0 or start - 1 in openers or toks[start].startswith(CONJUNCTIONS)


def _forces(toks: list[str], groups: dict[str, Group], spec: Carried) -> tuple[list[int], list[int]]:
    """Where the sentence names a force, and where people other than a force: a force word a ``not_forces`` word
    follows ("عناصر الشرطة") names people, not a force."""
    other = set(group_hits(toks, groups[spec.not_forces])) if spec.not_forces else set()
    found = sorted(h for n in spec.antecedents for h in group_hits(toks, groups[n]))
    return [h for h in found if h + 1 not in other], [h for h in found if h + 1 in other]


def bound_words(sentences: list[list[str]], groups: dict[str, Group], spec: Carried) -> frozenset[str]:
    """The predicate words of an article (its sentences as folded tokens; ``groups``: the subject's, by name) that
    carry a force by their pronoun (see the module), with no people's plural between the force and the word
    ("أن المتهمين دخلوا ... ثم غادروا"). A word is bound only if every one of its uses in the article is: the group
    matches the word wherever it stands ("انسحابها" bound once would carry a singer's withdrawal)."""
    predicates = hits_by_sentence(sentences, tuple(groups[n] for n in spec.predicates))
    forces: dict[int, tuple[list[int], list[int]]] = {}  # sentence -> its forces, asked only near a predicate

    def forces_of(j: int) -> tuple[list[int], list[int]]:
        if j not in forces:
            forces[j] = _forces(sentences[j], groups, spec)
        return forces[j]

    bound: set[str] = set()
    unbound: set[str] = set()
    for i, toks in enumerate(sentences):
        if not predicates[i]:
            continue
        before = any(forces_of(j)[0] for j in range(max(0, i - spec.back), i))
        named_here, others_here = forces_of(i)
        attached = {h for n in spec.possessed for h in group_hits(toks, groups[n])}
        openers, auxiliaries = (set(group_hits(toks, groups[n])) if n else set()
                                for n in (spec.openers, spec.auxiliaries))
        verbs = {h for n in spec.subject_predicates or spec.predicates for h in group_hits(toks, groups[n])}
        people = [j for j, w in enumerate(toks) if people_plural(w) and j not in named_here] + list(others_here)
        for a in predicates[i]:
            word = toks[a]
            earlier = [f for f in named_here if f < a]
            since = earlier[-1] if earlier else (-1 if before else None)  # the nearest force (the sentence before: -1)
            if since is None:
                carried = False
            elif a in verbs and carries_pronoun(word, SUBJECT_ENDINGS):
                carried = opens_clause(toks, a, openers, auxiliaries)
            elif a in attached and carries_pronoun(word, ATTACHED_ENDINGS):
                carried = since >= 0 and a - since <= spec.near
            else:
                continue
            carried = carried and not any(since < p < a for p in people)
            (bound if carried else unbound).add(word)
    return frozenset(bound - unbound)


class Bindings(Protocol):
    """A subject as ``bound_leaver`` reads it: its groups, the carried ones filled per article."""

    groups: dict[str, Group]
    carried: dict[str, CarriedSpec]


def bound_leaver(toks: list[str], anchor: int, others: list[int], subject: Bindings) -> bool:
    """The article has bound the predicate word at ``anchor`` to a force (a word of one of the subject's carried
    groups: its pronoun or its control verb's subject is a force), so that force is who leaves, and the words of
    another sense near it (``others``) all stand after its own phrase, none in the place it leaves (after its
    من/عن): "أن هذه الميليشيات بدأت، قبل انسحابها، في عمليات نهب ... لمحلات وأسواق التجار" loots the markets, it
    does not leave them. "قبل انسحابها من الأسواق" still leaves a market, and a word within ``PHRASE_REACH`` after
    the predicate is its object or joined to it, the same event's sense ("يستعدان لمغادرة التراب التونسي
    والالتحاق بالجماعات": travelling to join a group). Only called for a predicate with another sense near."""
    if any(o <= anchor + PHRASE_REACH for o in others) \
            or not any(toks[anchor] in subject.groups[n].exact for n in subject.carried):
        return False
    left = first_from(toks, anchor)
    return left is None or all(o < left for o in others)
