"""Round twenty-five's speed shortcuts give the answers of the direct computation on real text: the word-sense
checks asking the sentence's ``SentenceMatches``, the scorer's nearest argument, each sentence's words kept for
the article's passes, the merged predicate test of carried forces and the topic lexicon's phrase test."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from pipeline.nlp import subjects as subjects_module
from pipeline.nlp.frame_memo import SentenceMemo, sentence_words
from pipeline.nlp.frame_syntax import distance, nearest_from
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import SENTENCE_END, load_subjects, subject_hits, words
from pipeline.nlp.topics import _lexicon_hits_normalised
from pipeline.nlp.wordgroups import SentenceMatches, any_of, group_hits
from pipeline.text.normalise import fold_topic

LABELLED = Path(__file__).parent / "data" / "withdrawal" / "labelled.jsonl"
SEEDS = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"


def _sentences(limit: int = 300) -> list[str]:
    """Real news sentences of the labelled set (withdrawals and hard negatives)."""
    return [json.loads(line)["sentence"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:limit]]


@pytest.fixture(scope="module")
def subject():
    return next(s for s in load_subjects() if s.scorer is not None)


def test_the_sense_checks_give_the_same_vetoes_from_the_sentence_memo_as_group_by_group(subject) -> None:
    """``_vetoed`` at every predicate of real sentences: the same answer whether each group is matched alone
    (``group_hits``) or read from one ``SentenceMatches`` of the sentence."""
    vetoed = kept = 0
    for sentence in _sentences():
        toks = words(sentence)
        for a in group_hits(toks, subject.predicates):
            excluded, objects = group_hits(toks, subject.exclude), group_hits(toks, subject.objects)
            alone = subjects_module._vetoed(toks, a, subject, 2018, excluded, objects, partial(group_hits, toks))
            memo = SentenceMatches(toks)
            assert subjects_module._vetoed(toks, a, subject, 2018, excluded, objects, memo.hits) == alone, sentence
            vetoed, kept = vetoed + alone, kept + (not alone)
    assert vetoed and kept  # both answers met on real sentences


def test_the_nearest_argument_is_the_least_distance_from_any_anchor() -> None:
    """``nearest_from`` (each anchor's adjective run read once) equals the least ``distance`` over every pair, on
    real sentences and on masdars followed by their adjectives."""
    sentences = [words(s) for s in _sentences(120)]
    sentences += [words("طالب بانسحاب فوري وكامل وغير مشروط من الحديدة"), words("الانسحاب سريعا من الكويت الآن")]
    sentences += [words("أعلنت انسحابا فوريا وكاملا وغير مشروط من المدينة")]
    compared = 0
    for toks in sentences:
        n = len(toks)
        for a in range(0, n, 3):
            anchors = [a, min(n - 1, a + 5)]
            for others in ([0], [n - 1], list(range(a, n, 4)), [max(0, a - 2), min(n - 1, a + 2)]):
                expected = min(distance(toks, x, h) for h in others for x in anchors)
                assert nearest_from(toks, anchors)(others) == expected, (toks, anchors, others)
                compared += 1
    assert compared > 500


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_an_articles_sentence_words_are_kept_once_and_are_its_words() -> None:
    """``article_subjects`` with the article's ``SentenceMemo`` learns what it learns without one, and keeps each
    sentence's words, which joined are the article's words; ``subject_hits`` then judges alike."""
    for text in _seed_texts():
        memo = SentenceMemo()
        with_memo = article_subjects(load_subjects(), text, memo)
        assert with_memo == article_subjects(load_subjects(), text)
        pieces = [s for s in SENTENCE_END.split(text) if s.strip()]
        assert [w for s in pieces for w in memo.words[s.strip()]] == words(text)
        assert subject_hits(text, with_memo, 2018, memo) == subject_hits(text, with_memo, 2018)
        assert sentence_words(pieces[0], memo) is memo.words[pieces[0].strip()]  # kept, not made again


def test_a_capital_sigma_folds_by_what_follows_so_the_article_is_read_whole() -> None:
    """Lower-casing a capital sigma depends on the next letter, across a full stop: a sentence's words alone differ
    from the article's there, so ``article_subjects`` reads such an article whole (the same groups either way)."""
    text = "ΟΔΟΣ.Αθήνα مسلحي الحوثي. ثم انسحب مسلحي الحوثي من المدينة"
    pieces = [s for s in SENTENCE_END.split(text) if s.strip()]
    assert [w for s in pieces for w in words(s)] != words(text)
    assert article_subjects(load_subjects(), text, SentenceMemo()) == article_subjects(load_subjects(), text)


def test_the_merged_predicates_match_wherever_one_of_them_does() -> None:
    """The carried forces' quick test: on real sentences, the merged predicate group matches every sentence where
    one of the predicate groups does (so a sentence it rules out has no predicate)."""
    subject = next(s for s in load_subjects() if s.carried)
    spec = next(iter(subject.carried.values()))
    groups = tuple(subject.groups[n] for n in spec.predicates)
    merged = any_of(groups)
    assert any_of(groups) is merged  # one group per predicate set: its token table stays warm
    with_predicate = 0
    for sentence in _sentences():
        toks = words(sentence)
        some = any(group_hits(toks, g) for g in groups)
        assert not some or group_hits(toks, merged), sentence
        with_predicate += some
    assert with_predicate > 10


@pytest.mark.parametrize(("text", "count"), [
    ("أعلن وقف إطلاق النار في غزة ثم خرق وقف إطلاق النار بعد ساعة", 2),
    ("وقف الجيش عند الحدود ولم يتوقف إطلاق النار", 0),  # the phrase's words, not the phrase
    ("الحشد الشعبي يعلن", 1),
])
def test_a_phrase_of_the_lexicon_is_counted_where_it_stands(text: str, count: int) -> None:
    """A lexicon phrase is counted as often as it occurs, and not at all when only its words do."""
    hits, _ = _lexicon_hits_normalised("", fold_topic(text))
    found = [n for terms in hits.values() for term, (n, _) in terms.items() if " " in term]
    assert sum(found) == count, hits


def test_the_token_tables_stay_bounded_as_articles_bring_new_groups(monkeypatch) -> None:
    """Each article's learned groups are new objects: past the bound the tables are dropped, and every group
    still matches as it did (a live worker reads articles for weeks)."""
    from pipeline.nlp import wordgroups

    monkeypatch.setattr(wordgroups, "_TABLES_MAX", 8)
    monkeypatch.setattr(wordgroups, "_TOKEN_KINDS", {})
    toks = words("وأعلن الجيش انسحاب قواته من المدينة")
    shipped = wordgroups.parse_group({"terms": ["انسحاب"]})
    first = group_hits(toks, shipped)
    for _ in range(50):  # an article's learned group each time
        assert group_hits(toks, wordgroups.parse_group({"terms": ["قوات"]})) == [3]
        assert len(wordgroups._TOKEN_KINDS) <= 8
    assert first == [2] and group_hits(toks, shipped) == first
