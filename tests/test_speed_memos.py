"""The speed shortcuts of enrichment give the answers of the direct computation on real sentences: the
scorer's cheap candidate test, the armed people taken once per sentence, the speaker clause test with its
entity check last; and nothing judged for one article leaks into the next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.nlp import speaker_words
from pipeline.nlp.frame_memo import candidate_frames
from pipeline.nlp.ner import extract_entities
from pipeline.nlp.speakers import tokens as speaker_tokens
from pipeline.nlp.subjects import frame_features, frame_hits, load_subjects, sentence_hits, words
from pipeline.nlp.wordgroups import SentenceMatches

LABELLED = Path(__file__).parent / "data" / "withdrawal" / "labelled.jsonl"


def _sentences(limit: int = 160) -> list[str]:
    """Real news sentences of the labelled set (withdrawals and hard negatives)."""
    return [json.loads(line)["sentence"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:limit]]


@pytest.fixture(scope="module")
def subject():
    return next(s for s in load_subjects() if s.scorer is not None)


def test_the_candidate_test_says_none_exactly_when_the_features_say_none(subject) -> None:
    """``candidate_frames`` (asked before any frame is matched) rejects a sentence only when the full features would."""
    judged = rejected = 0
    for sentence in _sentences():
        toks = words(sentence)
        cheap = candidate_frames(toks, subject, subject.scorer, SentenceMatches(toks))
        full = frame_features(toks, subject, 2018, subject.scorer)
        assert (cheap is None) == (full is None), sentence
        if cheap is not None:
            assert frame_features(toks, subject, 2018, subject.scorer, candidate=cheap) == full
        judged, rejected = judged + 1, rejected + (cheap is None)
    assert 0 < rejected < judged  # real sentences of both kinds were met


def test_frames_match_the_same_with_the_sentence_memo_and_without(subject) -> None:
    """``frame_hits`` over one ``SentenceMatches`` (armed people taken once per sentence) equals group matches
    made one by one (a plain dict memo: ``group_hits`` per group)."""
    fired = 0
    for sentence in _sentences():
        toks = words(sentence)
        memoised = frame_hits(toks, subject, 2018, SentenceMatches(toks))
        assert memoised == frame_hits(toks, subject, 2018, {}), sentence
        fired += bool(memoised)
    assert fired  # some frames fired: the comparison met real hits


def test_a_sentence_is_judged_the_same_after_other_sentences(subject) -> None:
    """No state of one sentence's judgement (memo, candidate test) leaks into the next."""
    sentences = _sentences(60)
    first = [sentence_hits(words(s), subject, 2018) for s in sentences]
    again = [sentence_hits(words(s), subject, 2018) for s in reversed(sentences)][::-1]
    assert first == again
    assert any(first)


def _clause_opens_entity_first(toks: list, i: int, ents: list) -> bool:
    """The test as it was written before the reorder: the entity check first."""
    if any(x.start <= toks[i][2] < x.end or toks[i][0] in x.text.split() for x in ents):
        return False
    return speaker_words.opens_by_words(toks, i)


def test_clause_opens_with_its_entity_check_last_gives_the_same_answers() -> None:
    """Every token of real sentences, with the entities NER finds in them: the same answer in either order."""
    opened = blocked = 0
    for sentence in _sentences(200):
        ents = extract_entities(sentence)
        toks = speaker_tokens(sentence, 0, len(sentence))
        for i in range(1, len(toks)):
            answer = speaker_words.clause_opens(toks, i, ents)
            assert answer == _clause_opens_entity_first(toks, i, ents), (sentence, i)
            opened += answer
            blocked += speaker_words.opens_by_words(toks, i) and not answer
    assert opened and blocked  # both branches met on real text


def test_a_token_is_judged_against_the_groups_it_can_start_as_against_every_group(subject) -> None:
    """``_token_groups`` (the registry's index by exact word, lemma key and first stem) gives every token of real
    sentences the same (group, kind) pairs as ``_kind`` asked of every registered group."""
    from pipeline.nlp import wordgroups

    for sentence in _sentences(40):  # registers the subject's groups, as enrichment does
        sentence_hits(words(sentence), subject, 2018)
    reg = wordgroups._REGISTRY
    assert len(reg.groups) > 20
    matched = 0
    for sentence in _sentences(300):
        for tok in set(words(sentence)):
            every = tuple((i, kind) for i, g in enumerate(reg.groups) if g and (kind := wordgroups._kind(tok, g)))
            assert wordgroups._token_groups(tok, reg) == every, tok
            matched += bool(every)
    assert matched > 50
