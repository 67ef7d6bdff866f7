"""What one sentence's frame matching shares: its group matches asked once (a ``SentenceMatches`` answers every
group from one pass over the tokens) and the scorer's cheap candidate test, asked before any frame is matched
(most sentences with a predicate have no argument group: they stop there)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

from pipeline.nlp.wordgroups import Group, SentenceMatches, group_hits, words


class Frames(Protocol):
    """What the candidate test reads of a subject (``subjects.Subject``; no import: subjects imports this)."""

    groups: dict[str, Group]
    rule_names: tuple[tuple[str, ...], ...]


class Arguments(Protocol):
    """What it reads of a scorer (``subjects.Scorer``)."""

    arguments: tuple[str, ...]
    predicates: tuple[str, ...]

Candidate = tuple[set[str], list[tuple[str, ...]]]  # the matched predicates, the complete frames


class SentenceMemo(dict[tuple[str, str, bool], list[Any]]):
    """What one article's passes share: subject hits by (subject id, sentence, dated by the sentence before), for a
    sentence is judged as a statement's context and again as a sentence no statement covers; and ``words``, each
    sentence's folded words by its stripped text (``learned_groups.article_subjects`` reads every sentence of the
    article first)."""

    __slots__ = ("words",)

    def __init__(self) -> None:
        super().__init__()
        self.words: dict[str, list[str]] = {}


def sentence_words(sentence: str, memo: dict | None) -> list[str]:
    """``words(sentence)``, kept in a ``SentenceMemo`` for the article's other passes (a plain dict keeps none)."""
    if not isinstance(memo, SentenceMemo):
        return words(sentence)
    key = sentence.strip()  # white space around is no word: the same words
    found = memo.words.get(key)
    if found is None:
        found = memo.words[key] = words(key)
    return found


def hits_of(toks: list[str], memo: dict[int, list[int]]) -> Callable[[Group], list[int]]:
    """``memo_hits_of`` of this sentence as a one-argument function: a ``SentenceMatches``' own ``hits`` (the
    scorer asks some hundred groups of a candidate sentence, most of them already matched)."""
    if isinstance(memo, SentenceMatches):
        return memo.hits
    return lambda group: memo_hits_of(toks, group, memo)


def memo_hits_of(toks: list[str], group: Group, memo: dict[int, list[int]]) -> list[int]:
    """``group_hits`` once per group and sentence (groups recur across frames, features and checks)."""
    found = memo.get(id(group))
    if found is None:
        if isinstance(memo, SentenceMatches):  # every group of the sentence from one pass over its tokens
            return memo.hits(group)
        found = memo[id(group)] = group_hits(toks, group)
    return found


def named_hits(toks: list[str], groups: dict[str, Group], memo: dict[int, list[int]]) -> dict[str, list[int]]:
    """``memo_hits_of`` of each group by its name, in the groups' order (a ``SentenceMatches`` answers them all
    in one call)."""
    if isinstance(memo, SentenceMatches):
        return memo.named(groups)
    return {name: memo_hits_of(toks, group, memo) for name, group in groups.items()}


@lru_cache(maxsize=64)
def predicate_names(rule_names: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The distinct predicate groups of the frames (some forty frames share a few predicates)."""
    return tuple(dict.fromkeys(names[0] for names in rule_names if names))


@lru_cache(maxsize=64)
def rules_by_predicate(rule_names: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each distinct predicate group with the positions of the frames it anchors: a sentence asks each predicate
    once, and only the frames of those it has are matched (most have one or two of some twenty)."""
    by_name: dict[str, list[int]] = {}
    for i, names in enumerate(rule_names):
        if names:
            by_name.setdefault(names[0], []).append(i)
    return tuple((name, tuple(positions)) for name, positions in by_name.items())


def candidate_frames(toks: list[str], subject: Frames, scorer: Arguments | None,
                     memo: dict[int, list[int]]) -> Candidate | None:
    """The matched predicates and complete frames of a candidate sentence, or None when it is none: no frame
    has all its groups and (with a scorer) no moving predicate meets an argument group. Cheap (a few group
    look-ups), so the scorer asks it before any frame is matched."""
    memo_hits, by_name = hits_of(toks, memo), subject.groups
    preds = {name for name in predicate_names(subject.rule_names) if memo_hits(by_name[name])}
    found: dict[str, bool] = {}  # each group asked once, not once per frame that names it

    def hit(name: str) -> bool:
        known = found.get(name)
        if known is None:
            known = found[name] = bool(memo_hits(by_name[name]))
        return known

    candidates = [names for names in subject.rule_names if names[0] in preds and all(hit(n) for n in names[1:])]
    movers = preds & set(scorer.predicates or preds) if scorer else set()
    if not (candidates or (movers and any(hit(g) for g in scorer.arguments))):
        return None
    return preds, candidates
