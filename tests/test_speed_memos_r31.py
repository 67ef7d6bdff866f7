"""Round thirty-one's index of an article's mentions gives the answers of reading every occurrence afresh: an
earlier mention found with one index shared by all the descriptions and positions of an article is the one found
with a new index per call, and the shared index reads each occurrence once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.models import Speaker
from pipeline.nlp import mention_index, mentions
from pipeline.nlp.ner import extract_entities

SEEDS = Path(__file__).parent.parent / "connectors" / "sample_site" / "articles"


def _descriptions(text: str) -> list[Speaker]:
    """Every bare definite description the article holds ("الوزير"، "الشركة"، "الاتحاد"), one of each."""
    words = dict.fromkeys(re.findall(r"(?<!\S)ال[\u0621-\u064a]{3,}", text))
    return [s for w in words if mentions.is_description(s := Speaker(text=w, canonical=w, type=None))]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_shared_index_finds_the_mentions_of_fresh_reads(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    ents = extract_entities(text)
    asks = [(d, pos) for d in _descriptions(text) for pos in range(len(text), 0, -150)]
    reads = []
    find_np = mention_index.sp.find_np
    monkeypatch.setattr(mention_index.sp, "find_np", lambda *a, **k: reads.append(a[1:3]) or find_np(*a, **k))
    fresh = [mentions.earlier_mention(text, d, pos, ents) for d, pos in asks]
    fresh_reads, reads[:] = len(reads), []
    index = mention_index.MentionIndex(text, ents)
    shared = [mentions.earlier_mention(text, d, pos, ents, index) for d, pos in asks]
    assert shared == fresh
    assert sum(found is not None for found in fresh) >= 3  # the seeds resolve descriptions
    assert len(reads) == len(set(reads)) < fresh_reads  # each occurrence read once per article
