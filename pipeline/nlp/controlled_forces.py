"""A force as the subject of a verb that controls the verbal noun of withdrawal: "decided to withdraw".

"هاجم الجيش مجددا ... بينما كان يستعد لمغادرة المكان"، "قررت الميليشيات الانسحاب"، "تعهد المسلحون بالخروج": a
verb of deciding, preparing, preferring or promising (``controls``) takes the verbal noun as its complement, and its
own subject is who withdraws. The frames' windows miss it when the force stands several words before that verb.
So a predicate word is bound when

* a control verb stands right before it, or one link word before it ("عمدت إلى الانسحاب"، "شرعت في الخروج"),
* and a force (``agents``) is that verb's subject: between it and the predicate ("قرر الجيش الانسحاب"), or within
  ``reach`` words before it with no people's plural, no police word, no other predicate and no أن between
  ("قرر الأهالي مغادرة البلدة بعد دخول القوات": the residents decide, and the force is after them; "من بونابرت
  إلى الجيش: دفعتني الأنباء أن أقرر الرحيل": a verb after أن has its subject after أن).

A leader the article names as the owner of a force ("جيش الشاه عباس" in the sentence or the ``back`` sentences
before) is a force too, as the verb's subject right after it ("قرّر الشاه عباس الانسحاب"); a name before the verb
may be the subject of another clause, so only that slot takes it.

The predicates are the intransitive ones (انسحب، غادر، رحل): "قررت طالبان سحب لقب أمير المؤمنين" withdraws a title.

Like a carried force (``carried_forces``), the words are bound per article and a word is bound only if every one of
its uses in the article is: "الانسحاب" bound once would carry the article's other withdrawals (a deal, a race). The
word-sense checks still judge every hit. Only sentences with a predicate and a control verb are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.nlp.force_agents import OWNER_REACH
from pipeline.nlp.frame_syntax import people_plural
from pipeline.nlp.wordgroups import Group, group_hits, hits_by_sentence
from pipeline.text.normalise import fold_match


@dataclass(frozen=True)
class Controlled:
    """Which predicate groups a control verb may govern, the group of control verbs and of the link words between
    them, which groups name a force, which words after a force word make it people (``not_forces``: عناصر
    الشرطة), the words that open a clause of its own before the verb (``barriers``: أن), and how many words before
    the control verb its subject may stand."""

    predicates: tuple[str, ...] = ()
    controls: str = ""
    links: str = ""
    agents: tuple[str, ...] = ()
    not_forces: str = ""
    barriers: frozenset[str] = frozenset()  # folded whole words, no clitics stripped: "كان" is no "أن"
    owners: str = ""  # a group name: the words of an army whose owner follows them ("جيش الشاه عباس")
    back: int = 2
    reach: int = 8

    def group_names(self) -> tuple[str, ...]:
        """The names of the subject's groups this reads."""
        return (*self.predicates, *self.agents,
                *(n for n in (self.controls, self.links, self.not_forces, self.owners) if n))

    def bound(self, sentences: list[list[str]], groups: dict[str, Group]) -> frozenset[str]:
        """The predicate words of the article a force's control verb governs (``controlled_words``)."""
        return controlled_words(sentences, groups, self)


def parse_controlled(raw: dict[str, Any]) -> Controlled:
    """A YAML ``controlled: {predicates, controls, links, agents, not_forces, barriers, owners, back, reach}``
    mapping (group names of the same subject; ``barriers``: words)."""
    return Controlled(predicates=tuple(raw.get("predicates") or ()), controls=str(raw.get("controls") or ""),
                      links=str(raw.get("links") or ""), agents=tuple(raw.get("agents") or ()),
                      not_forces=str(raw.get("not_forces") or ""),
                      barriers=frozenset(fold_match(w) for w in raw.get("barriers") or ()),
                      owners=str(raw.get("owners") or ""), back=int(raw.get("back", 2)), reach=int(raw.get("reach", 8)))


def control_of(a: int, controls: set[int], links: set[int], agents: set[int]) -> int | None:
    """The control verb governing the predicate at ``a``: right before it, past one link word, past its own subject
    or both ("قرر الجيش الانسحاب"، "عمد المسلحون إلى الانسحاب"); None when there is none."""
    c = a - 1
    if c in links:
        c -= 1
    while c in agents:
        c -= 1
    return c if c in controls else None


def controlled_words(sentences: list[list[str]], groups: dict[str, Group], spec: Controlled) -> frozenset[str]:
    """The predicate words of an article (its sentences as folded tokens) whose control verb has a force as its
    subject (see the module); a word is bound only if every one of its uses is."""
    bound: set[str] = set()
    unbound: set[str] = set()
    for i, (toks, predicates) in enumerate(zip(sentences, hits_by_sentence(
            sentences, tuple(groups[n] for n in spec.predicates)), strict=True)):
        if not predicates:
            continue
        controls = set(group_hits(toks, groups[spec.controls]))
        if not controls:
            unbound.update(toks[a] for a in predicates)
            continue
        links = set(group_hits(toks, groups[spec.links])) if spec.links else set()
        police = set(group_hits(toks, groups[spec.not_forces])) if spec.not_forces else set()
        stops = police | set(predicates) | {j for j, w in enumerate(toks) if w in spec.barriers}
        agents = {h for n in spec.agents for h in group_hits(toks, groups[n]) if h + 1 not in police}
        leaders = _owned(sentences[max(0, i - spec.back):i + 1], groups, spec) if spec.owners else set()
        subjects = agents | {j for j, w in enumerate(toks) if w in leaders}
        for a in predicates:
            c = control_of(a, controls, links, subjects)
            ok = c is not None and (any(c < f < a for f in subjects)
                                    or _subject_before(toks, c, agents, stops, spec.reach))
            (bound if ok else unbound).add(toks[a])
    return frozenset(bound - unbound)


def _owned(sentences: list[list[str]], groups: dict[str, Group], spec: Controlled) -> set[str]:
    """The words naming the owner of a force in these sentences: the two words after a force word ("جيش الشاه
    عباس"), not a police word and not a short particle ("قوات من الجيش")."""
    police = groups[spec.not_forces] if spec.not_forces else None
    return {toks[j] for toks in sentences for h in group_hits(toks, groups[spec.owners])
            for j in range(h + 1, min(len(toks), h + 1 + OWNER_REACH))
            if len(toks[j]) > 2 and not (police and group_hits(toks[j:j + 1], police))}


def _subject_before(toks: list[str], c: int, agents: set[int], stops: set[int], reach: int) -> bool:
    """The nearest force within ``reach`` words before the control verb at ``c``, with no people's plural and no
    ``stops`` word (police, another predicate, أن) between: the verb's subject."""
    for j in range(c - 1, max(-1, c - 1 - reach), -1):
        if j in agents:
            return True
        if j in stops or people_plural(toks[j]):
            return False
    return False
