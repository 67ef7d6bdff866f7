"""Round twenty-eight's speed shortcuts give the answers of the direct computation on real text: the digit test
of the speaker rules, the story index's link tests and the exact-word groups' spellings."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.nlp.subjects import load_subjects
from pipeline.nlp.wordgroups import Group, group_hits, words

LABELLED = Path(__file__).parent / "data" / "withdrawal" / "labelled.jsonl"
SEEDS = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"


def _sentences(limit: int = 400) -> list[str]:
    """Real news sentences of the labelled set (withdrawals and hard negatives)."""
    return [json.loads(line)["sentence"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:limit]]


def test_has_digit_is_the_character_test_on_real_words() -> None:
    """``has_digit`` answers ``any(c.isdigit() for c in w)`` on every word of the seeds and on digits of other
    scripts, marks and empty strings (a letter is never a digit)."""
    from pipeline.nlp.speaker_words import has_digit

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    samples = {w for text in texts for w in text.split()} | {"", "٢٠٢١", "۱۲", "²", "16,6٪", "أَنَّ", "x1", "ـ"}
    assert any(has_digit(w) for w in samples) and not all(has_digit(w) for w in samples)
    for word in samples:
        assert has_digit(word) == any(c.isdigit() for c in word), word


def test_the_story_index_compares_each_add_with_its_candidates_in_one_batch_per_signature(monkeypatch) -> None:
    """A near-duplicate or a shared story key links two articles into one story; every candidate's signature and
    lead are compared in one vectorised pass each (round thirty-seven, replacing round twenty-eight's lazy lead
    comparison: one batch is cheaper than skipping pairs), never pair by pair, and the stories are the same."""
    from pipeline.nlp import dedup

    text = SEEDS.joinpath(sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    pairwise: list[int] = []
    batches: list[int] = []
    real_similarity, real_similarities = dedup.similarity, dedup.similarities
    monkeypatch.setattr(dedup, "similarity", lambda a, b: pairwise.append(1) or real_similarity(a, b))
    monkeypatch.setattr(dedup, "similarities", lambda a, others: batches.append(len(others))
                        or real_similarities(a, others))
    index = dedup.StoryIndex()
    index.add("a", text)
    index.add("b", text.replace("2021", "2022", 1) + "\n1")  # a near-duplicate
    assert index.story_id("b") == "a" and index.duplicate_of("b") == "a"
    assert batches == [1, 1] and not pairwise  # signatures, then leads, of the one candidate
    batches.clear()
    index.add("c", "نص آخر تماما عن موضوع مختلف " * 5, story_keys=["x|y"])
    index.add("d", "كلام لا يشبه ما قبله في شيء " * 5, story_keys=["x|y"])  # linked by the key alone
    assert index.story_id("d") == "c" and index.duplicate_of("d") is None
    assert batches == [1, 1] and not pairwise  # "c" had no candidate; "d" one


def test_exact_word_groups_match_by_their_spellings_without_a_token_table() -> None:
    """A group of exact words only (clause openers, auxiliaries, learned names) matches where a clitic form of the
    token is one of its words, read from one set of spellings: the same positions as the word test on real
    sentences, and no token table is built for it."""
    from pipeline.nlp import wordgroups
    from pipeline.nlp.wordgroups import clitic_forms

    groups = {id(g): g for s in load_subjects() for g in s.groups.values()
              if g.exact and not (g.terms or g.lemmas or g.unlike)}
    groups[0] = Group(exact=frozenset({"الحوثيين", "داعش"}))
    assert len(groups) > 3
    sentences = [words(s) for s in _sentences()]
    matched = 0
    for group in groups.values():
        for toks in sentences:
            expected = [i for i, tok in enumerate(toks) if not group.exact.isdisjoint(clitic_forms(tok))]
            if group.not_before:
                expected = [i for i in expected
                            if all(group.not_before.isdisjoint(clitic_forms(t)) for t in toks[i + 1:i + 3])]
            assert group_hits(toks, group) == expected, (sorted(group.exact)[:3], toks)
            matched += bool(expected)
        assert id(group) not in wordgroups._TOKEN_KINDS
    assert matched > 50
    assert group_hits(["والحوثيين", "فداعش", "حوثيين", "داعشي"], groups[0]) == [0, 1]
