"""Round thirty-four's word-group shortcuts give the answers of matching each group alone: a sentence answers every
group none of its tokens can start from one shared, read-only "no match", and ``named`` gives each group's hits
by name in the groups' order."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.nlp import wordgroups
from pipeline.nlp.frame_memo import named_hits
from pipeline.nlp.subjects import _sentences, load_subjects, words
from pipeline.nlp.wordgroups import SentenceMatches, group_hits

SEEDS = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"


def _seed_sentences() -> list[list[str]]:
    return [words(s) for p in sorted(SEEDS.glob("*.txt")) for s in _sentences(p.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def subject():
    return next(s for s in load_subjects() if s.scorer is not None)


def _groups(subject) -> dict[str, wordgroups.Group]:
    return {**subject.groups, **{f"context:{n}": g for n, g in subject.contexts.items()},
            **{f"object:{n}": g for n, g in subject.object_contexts.items()}, "exclude": subject.exclude,
            "objects": subject.objects, "predicates": subject.predicates}


def test_a_group_no_token_starts_is_answered_by_the_shared_empty_list_which_refuses_change(subject) -> None:
    """After the groups are registered, a sentence answers a group none of its tokens can start with the one shared
    empty list; it equals ``group_hits`` and refuses every change (the code before gave each a new list)."""
    sentences = _seed_sentences()
    groups = _groups(subject)
    for toks in sentences[:5]:  # registers every group
        SentenceMatches(toks).named(groups)
    shared = 0
    for toks in sentences:
        matches = SentenceMatches(toks)
        for group in groups.values():
            found = matches.hits(group)
            assert found == group_hits(toks, group), toks
            if not found and group:
                shared += found is wordgroups._NO_MATCHES
    assert shared > 100
    empty = wordgroups._NO_MATCHES
    for change in (lambda: empty.append(1), lambda: empty.extend([1]), lambda: empty.insert(0, 1),
                   lambda: empty.__iadd__([1]), lambda: empty.__setitem__(slice(0, 0), [1]), empty.sort):
        with pytest.raises(TypeError):
            change()
    assert empty == [] and not empty


def test_named_gives_each_groups_hits_by_name_in_order(subject) -> None:
    """``SentenceMatches.named`` and ``frame_memo.named_hits`` (over a sentence memo or a plain dict) equal
    ``group_hits`` of each group, keyed in the groups' order (the scorer's features are summed in that order)."""
    groups = _groups(subject)
    found = 0
    for toks in _seed_sentences():
        alone = {name: group_hits(toks, group) for name, group in groups.items()}
        matches = SentenceMatches(toks)
        matches.hits(subject.predicates)  # some asked before: answered from the memo
        for named in (matches.named(groups), named_hits(toks, groups, SentenceMatches(toks)),
                      named_hits(toks, groups, {})):
            assert named == alone and list(named) == list(groups), toks
        found += sum(map(len, alone.values()))
    assert found > 50


def test_a_group_whose_keys_miss_a_words_keys_never_matches_it_and_tables_equal_judging_each_word(subject) -> None:
    """``_kind`` finds a match only for a word one of whose ``_word_keys`` is among the group's ``_group_keys``
    (the shortcut ``_table`` takes for a new word), and a group's table equals judging every word of the seeds
    alone (the code before had neither function and judged each new word against each group in full)."""
    sentences = _seed_sentences()
    tokens = sorted({tok for toks in sentences for tok in toks})
    groups = [g for g in _groups(subject).values() if g and (g.terms or g.lemmas or g.unlike)]
    assert len(groups) > 20
    skipped = 0
    for group in groups:
        keys = wordgroups._group_keys(group)
        wordgroups._TOKEN_KINDS.pop(id(group), None)
        for toks in sentences:
            wordgroups._table(toks, group)
        kinds, starts = wordgroups._table(tokens, group)
        for tok in tokens:
            kind = wordgroups._kind(tok, group)
            if keys.isdisjoint(wordgroups._word_keys(tok)):
                assert kind == wordgroups._NO, (tok, group)
                skipped += 1
            assert kinds.get(tok, wordgroups._NO) == kind and (tok in starts) == bool(kind), (tok, group)
    assert skipped > len(tokens)
