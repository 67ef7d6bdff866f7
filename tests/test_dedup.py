"""MinHash signatures, LSH band keys and the order-independent StoryIndex, measured on the seeds."""

from __future__ import annotations

import itertools
import json
from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipeline.nlp.dedup import StoryIndex, lsh_keys, minhash, shingles, similarity, story_keys
from pipeline.nlp.statements import extract_statements
from pipeline.nlp.subject_statements import flag_statements

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _keys(text: str) -> list[str]:
    return story_keys(flag_statements(extract_statements(text, []), text=text))


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, list[str]]]:
    return {f"a{p}": (_seed(p), _keys(_seed(p))) for p in ("000", "001", "002", "003", "004")}


def _edited_copy(text: str) -> str:
    """A syndicated copy: new dateline, a word swapped, a boilerplate line dropped."""
    lines = text.splitlines()
    body = "\n".join(line for line in lines if "اترك تعليقاً" not in line)
    return "بغداد (وكالات) - " + body.replace("اليوم السبت", "السبت", 1).replace("كبيرة", "واسعة", 1)


def test_shingles_fold_spelling_variants() -> None:
    assert shingles("أكّد القائد أن القوات ستنسحب", k=2) == shingles("اكد القائد ان القوات ستنسحب", k=2)
    assert shingles("كلمة", k=5) == {"كلمه"}
    assert shingles("") == set()


def test_signature_is_json_and_deterministic() -> None:
    sig = minhash(_seed("004"))
    assert len(sig) == 128 and all(isinstance(v, int) for v in sig)
    assert json.loads(json.dumps(sig)) == sig == minhash(_seed("004"))
    assert similarity(sig, sig) == 1.0
    assert similarity(sig, minhash(_seed("001"))) < 0.1
    assert similarity(sig, []) == 0.0


def test_lsh_keys_deterministic_and_shared_by_near_duplicates() -> None:
    text = _seed("004")
    keys = lsh_keys(minhash(text))
    assert len(keys) == 16 and len(set(keys)) == 16 and keys == lsh_keys(minhash(text))
    assert set(keys) & set(lsh_keys(minhash(_edited_copy(text))))
    assert not set(keys) & set(lsh_keys(minhash(_seed("001"))))
    with pytest.raises(ValueError):
        lsh_keys([1, 2, 3], bands=2, rows=2)


def test_edited_copy_is_near_duplicate() -> None:
    text = _seed("004")
    assert similarity(minhash(text), minhash(_edited_copy(text))) >= 0.8
    for order in (["a004", "z004"], ["z004", "a004"]):
        index = StoryIndex()
        docs = {"a004": text, "z004": _edited_copy(text)}
        for aid in order:
            index.add(aid, docs[aid])
        assert index.duplicate_of("z004") == "a004" and index.duplicate_of("a004") is None
        assert index.story_id("z004") == index.story_id("a004") == "a004"


def test_exact_duplicate_points_to_earliest_published() -> None:
    index = StoryIndex()
    t0 = datetime(2021, 12, 4, tzinfo=UTC)
    text = _seed("002")
    assert index.add("b", text, t0 + timedelta(hours=1)) == (None, "b")
    assert index.add("a", text, t0 + timedelta(hours=2)) == ("b", "a")  # story id: smallest id
    assert index.add("a", text) == ("b", "a")  # re-adding is idempotent
    assert len(index) == 2


def test_khafaji_reports_share_a_story_in_any_order(seeds) -> None:
    khafaji = ["a002", "a003", "a004"]
    assert all("تحسين الخفاجي|military_withdrawal" in seeds[a][1] for a in khafaji)
    for perm in itertools.permutations([*khafaji, "a001"]):
        index = StoryIndex()
        for aid in perm:
            dup, _ = index.add(aid, seeds[aid][0], story_keys=seeds[aid][1])
            assert dup is None
        assert {index.story_id(a) for a in khafaji} == {"a002"}
        assert index.story_id("a001") == "a001"


def test_all_seeds_final_grouping_is_order_independent(seeds) -> None:
    results = set()
    for perm in itertools.permutations(seeds):
        index = StoryIndex()
        for aid in perm:
            index.add(aid, seeds[aid][0], story_keys=seeds[aid][1])
        results.add(tuple(index.story_id(a) for a in sorted(seeds)))
    # Mohammedawi (000) and Kinz (001) are other statements: their own stories.
    assert results == {("a000", "a001", "a002", "a002", "a002")}


def test_shared_key_needs_close_dates(seeds) -> None:
    index = StoryIndex(key_days=7)
    t0 = datetime(2021, 12, 4, tzinfo=UTC)
    index.add("a002", seeds["a002"][0], t0, story_keys=seeds["a002"][1])
    _, story = index.add("a003", seeds["a003"][0], t0 + timedelta(days=60), story_keys=seeds["a003"][1])
    assert story == "a003"
    _, story = index.add("a004", seeds["a004"][0], t0 + timedelta(days=2), story_keys=seeds["a004"][1])
    assert story == "a002"


def test_minhash_equals_datasketch_bit_for_bit() -> None:
    """The vectorised MinHash gives datasketch's values, so records already stored stay comparable."""
    from datasketch import MinHash

    from pipeline.nlp.dedup import _lead_signature_of, _minhash_of, _words, lead_signature

    item_sets = [shingles(_seed(p)) for p in ("000", "001", "002", "003", "004")]
    item_sets += [set(_words(_seed("003"))), {"كلمه"}, set()]
    for items in item_sets:
        for num_perm in (128, 64):
            ref = MinHash(num_perm=num_perm, seed=1)
            ref.update_batch([s.encode("utf-8") for s in items])
            assert _minhash_of(items, num_perm) == [int(v) for v in ref.hashvalues]
    text = _seed("002")
    record = StoryIndex.make_record(text)
    assert record["sig"] == minhash(text) and record["lead"] == lead_signature(text)
    assert record["lead"] == _lead_signature_of(_words(text), 128)


def test_minhash_estimates_jaccard_on_real_seed_pairs() -> None:
    texts = [_seed(p) for p in ("000", "001", "002", "003", "004")]
    texts += [_edited_copy(texts[2]), texts[3][: len(texts[3]) // 2]]
    for a, b in itertools.combinations(texts, 2):
        sa, sb = shingles(a), shingles(b)
        true = len(sa & sb) / len(sa | sb)
        # 128 permutations: standard error <= 0.045; 0.15 is > 3 sigma
        assert abs(similarity(minhash(a), minhash(b)) - true) < 0.15


def test_bounded_index_keeps_story_ids_of_kept_articles_and_forgets_the_oldest(seeds) -> None:
    """Past max_articles the oldest are evicted: memory stays bounded, kept answers do not change."""
    texts = [text for text, _ in seeds.values()]
    bounded, unbounded = StoryIndex(max_articles=20), StoryIndex()
    ids, answers = [], {}
    for i in range(60):
        ids.append(f"a{i:03d}")
        text = texts[i % len(texts)] + f"\n{i}"
        answers[ids[-1]] = bounded.add(ids[-1], text)
        expected = unbounded.add(ids[-1], text)
        if i < 20:  # nothing evicted yet: the bounded index answers like the unbounded one
            assert answers[ids[-1]] == expected
    assert len(bounded) <= 20 and len(unbounded) == 60
    kept = [a for a in ids if a in bounded]
    assert kept and kept == ids[-len(kept):]  # the newest survive, in order
    # Eviction compacts union-find without changing the answers of the articles kept.
    for a in kept:
        assert (bounded.duplicate_of(a), bounded.story_id(a)) == answers[a]
    # Union-find and buckets shrank with the index instead of keeping every id ever seen.
    assert len(bounded._story_parent) < 30 and len(bounded._dup_parent) < 30
    assert all(a in bounded._sig for bucket in bounded._buckets.values() for a in bucket)
    # A copy of a kept article still joins its duplicate group, whose earliest member (evicted or not) names it.
    duplicate_of, _ = bounded.add("z-copy", texts[59 % len(texts)] + "\n59")
    assert duplicate_of == (answers["a059"][0] or "a059")


def test_similarity_of_stored_signatures_equals_that_of_lists() -> None:
    """The index compares its stored signatures (arrays) vectorised: the same share as the list comparison."""
    a = minhash("انسحبت القوات الأمريكية من القاعدة العسكرية في شمال البلاد صباح اليوم")
    b = minhash("انسحبت القوات الأمريكية من القاعدة العسكرية في جنوب البلاد مساء اليوم")
    assert 0 < similarity(a, b) < 1
    assert similarity(array("Q", a), array("Q", b)) == similarity(a, b)
    assert similarity(array("Q", a), array("Q", a)) == 1.0
    assert similarity(array("Q", a), array("Q", b[:-1])) == 0.0
