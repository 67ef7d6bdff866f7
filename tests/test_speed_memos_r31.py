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
from pipeline.text import scan
from pipeline.text.normalise import fold_match_in_place

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


def _spans(matches) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span("np")) for m in matches]


def test_the_word_scan_finds_the_matches_of_the_regex_scan() -> None:
    """Jumping from one occurrence of the head to the next finds what trying every position finds: every word of
    the seed articles as a head, from the start and from the first occurrence, and heads glued, repeated, at the
    edges, after clitics and inside longer words."""
    texts = [fold_match_in_place(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["وبالوزير الوزيرالوزير وزير", "الوزير", "فلوزير،والوزير", "الوزيرة الوزير.", "وزيروزير وزير",
              "ـوزير وزيرـ"]
    index, found = mention_index.MentionIndex("", []), 0
    for folded in texts:
        heads = {w[2:] if w.startswith("ال") else w for w in re.findall(r"[\u0621-\u064a]{2,}", folded)} | {"وزير"}
        for head in sorted(heads):
            pattern = index.head_pattern(head)
            for pos in {0, max(0, folded.find(head) - 4), len(folded) // 2}:
                expected = _spans(pattern.finditer(folded, pos))
                assert _spans(scan.word_matches(pattern, folded, head, pos, 4)) == expected, (head, pos)
                found += len(expected)
    assert found > 1000


def test_the_word_scan_finds_the_loose_titles_of_the_regex_scan() -> None:
    """The same for a title's words with a definite adjective allowed between them (``_titled_before``): every three
    words of the seed articles."""
    found = 0
    for path in sorted(SEEDS.glob("*.txt")):
        folded = fold_match_in_place(path.read_text(encoding="utf-8"))
        words = folded.split()
        for i in range(0, len(words) - 3, 7):
            loose = r"(?:\s+ال[^\s،,]+)?\s+".join(map(re.escape, words[i : i + 3]))
            pattern = re.compile(rf"(?<!\S){loose}(?![^\s،,])")
            expected = [m.span() for m in pattern.finditer(folded)]
            assert [m.span() for m in scan.word_matches(pattern, folded, words[i], 0, 0)] == expected
            found += len(expected)
    assert found > 50
