"""Round thirty-three's span tokens give what tokenising the span on its own gave: ``span_tokens`` and
``folded_span_tokens`` cut a span's tokens (and their folds) from the tokens of the whole text, and tokenise again
only the edges a span cuts; ``tokenized_sentences`` reads each line's tokens from the whole text's. Each is held to
the per-span tokenisation of the code before on every span of random texts built from the characters where the
readings could part (numbers with separators after letters, marks, tatweels, joiners, bidi marks, a dotted capital
I and a capital sigma, which lower-case to other lengths or by context) and on many spans of the seed articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.text.normalise import fold_match_in_place_span
from pipeline.text.tokenize import (
    _LINE_RE,
    _tokens_from,
    folded_span_tokens,
    span_tokens,
    tokenize_with_offsets,
    tokenized_sentences,
)

SEEDS = Path(__file__).parent.parent / "connectors" / "sample_site" / "articles"
_PIECES = [*"ab12٣,.٫٬ \n\t\u200e\u200f\ufeff\u200c\u200dالمحمد\u064e\u0651\u0640«»\"'()؟!-_#%؛،", "İ", "Σ", "σ",
           "3,4", "1.5", "ab12,34", "12,", ",3", "٣٫٤"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 24))) for _ in range(n)]


def _old_span(text: str, s: int, e: int) -> list[tuple[str, int, int]]:
    return [(w, s + a, s + b) for w, a, b in tokenize_with_offsets(text[s:e])]


def _old_folded(text: str, s: int, e: int) -> list[tuple[str, str, int, int]]:
    folded = fold_match_in_place_span(text, s, e).lower()
    return [(w, folded[a:b].replace("\u0640", ""), s + a, s + b) for w, a, b in tokenize_with_offsets(text[s:e])]


def _old_sentence_tokens(text: str) -> list[list[tuple[str, int, int]]]:
    """The tokens of each line, tokenised line by line as before: ``tokenized_sentences`` only groups them."""
    return [_tokens_from(text, *line.span()) for line in _LINE_RE.finditer(text)]


@pytest.mark.parametrize("seed", [33, 34])
def test_every_span_of_random_texts(seed: int) -> None:
    for text in _random_texts(500, seed):
        for s in range(-2, len(text) + 2):
            for e in range(-2, len(text) + 3):
                assert folded_span_tokens(text, s, e) == _old_folded(text, s, e), (text, s, e)
                if s >= 0 and e >= 0:
                    assert span_tokens(text, s, e) == _old_span(text, s, e), (text, s, e)


def test_cut_number_after_letters() -> None:
    """"ab12,34" is the word ab12, a comma and 34; from the 1 on it is the number 12,34, which ends past the word:
    the span's tokens are read on until they meet the whole text's again."""
    text = "ab12,34 x"
    assert span_tokens(text, 2, 9) == [("12,34", 2, 7), ("x", 8, 9)]
    assert span_tokens(text, 0, 9) == [("ab12", 0, 4), (",", 4, 5), ("34", 5, 7), ("x", 8, 9)]
    assert span_tokens(text, 0, 6) == [("ab12", 0, 4), (",", 4, 5), ("3", 5, 6)]


def test_spans_of_the_seeds() -> None:
    rng = random.Random(33)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for _ in range(400):
            s = rng.randint(0, len(text))
            e = s + rng.choice([0, 1, 5, 30, 80, 150, 1000, 4000])
            assert folded_span_tokens(text, s, e) == _old_folded(text, s, e)
            assert span_tokens(text, s, e) == _old_span(text, s, e)


def test_sentences_read_the_lines_tokens() -> None:
    for text in [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + _random_texts(500, 35):
        flat = [t for toks in _old_sentence_tokens(text) for t in toks]
        assert [t for _, _, toks in tokenized_sentences(text) for t in toks] == flat


def test_without_marks_is_the_sub() -> None:
    """A word with no mark is handed back as it is; with one, every mark goes (diacritics, tatweel, U+0670)."""
    import re

    from pipeline.text.normalise import WORD_MARKS, without_marks

    marks = re.compile(f"[{WORD_MARKS}]")
    for text in _random_texts(2000, 36) + ["مُحَمَّد", "الـرئيس", "هٰذا", "", "abc"]:
        assert without_marks(text) == marks.sub("", text)
