"""Round 37 (issue 13, speed): the story index compares an article with all its candidates in one vectorised pass
(``similarities``) and hashes shingles without a Python loop; both must answer exactly as the plain path does."""

from __future__ import annotations

from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline.nlp import dedup
from pipeline.nlp.dedup import StoryIndex, lead_signature, minhash, similarities, similarity

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _replicas() -> list[tuple[str, str, datetime]]:
    """Seed copies with a number changed and a line added (as ``bench/enrich.py`` makes them), two days apart."""
    texts = _texts()
    day = datetime(2021, 7, 1, tzinfo=UTC)
    return [(f"r{i:03d}", texts[i % len(texts)].replace("2021", str(2000 + i), 1) + f"\n{i}", day + timedelta(i))
            for i in range(3 * len(texts))]


def test_similarities_equal_the_pairwise_similarity_of_each_candidate() -> None:
    sigs = [array("Q", minhash(t)) for t in _texts()] + [array("Q", lead_signature(t)) for t in _texts()]
    for sig in sigs:
        assert similarities(sig, sigs) == [similarity(sig, other) for other in sigs]
    assert similarities(sigs[0], sigs[:1]) == [1.0]
    assert similarities(sigs[0], []) == []


def test_similarities_of_other_lengths_or_kinds_are_those_of_similarity() -> None:
    sig = array("Q", minhash(_texts()[0]))
    short = array("Q", minhash(_texts()[0], num_perm=64))
    assert similarities(sig, [sig, short]) == [1.0, 0.0]
    assert similarities(array("Q"), [sig]) == [0.0]
    as_longs = array("q", [v & 0x7FFFFFFF for v in sig])  # another typecode: the pairwise path
    assert similarities(as_longs, [as_longs]) == [similarity(as_longs, as_longs)] == [1.0]


def test_index_answers_as_with_one_similarity_per_pair(monkeypatch) -> None:
    def add_all() -> list[tuple[str | None, str]]:
        index = StoryIndex()
        answers = [index.add(i, text, day, ["تحسين الخفاجي|military_withdrawal"] if n % 2 else [])
                   for n, (i, text, day) in enumerate(_replicas())]
        return answers + [(index.duplicate_of(i), index.story_id(i)) for i, _, _ in _replicas()]

    batched = add_all()
    monkeypatch.setattr(dedup, "similarities", lambda sig, others: [similarity(sig, o) for o in others])
    assert batched == add_all()
    assert len({story for _, story in batched}) < len(_texts())  # stories join across seeds: the links ran


def test_signatures_of_shingles_and_leads_are_unchanged() -> None:
    """The digests' first four bytes, read as every fifth 32-bit word, are the item hashes of datasketch."""
    from datasketch import MinHash

    for text in _texts()[:2]:
        for items, sig in ((dedup.shingles(text), minhash(text)), (None, lead_signature(text))):
            if items is None:
                words = dedup._words(text)[: dedup.LEAD_WORDS]
                items = {w for w in words if w not in dedup._STOP and len(w) > 2}
            reference = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED)
            reference.update_batch([s.encode("utf-8") for s in items])
            assert sig == [int(v) for v in reference.hashvalues]
