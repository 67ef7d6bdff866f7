"""Round thirty-five's speed work (issue 13): each faster reading gives what the plain one gave."""

from __future__ import annotations

import random

from pipeline.nlp.ner_features import _shape


def _shape_by_character(word: str) -> str:
    """``_shape`` as it read before: a generator over the word's characters for the Arabic test."""
    if word.isdigit():
        return "D"
    if all("\u0600" <= c <= "\u06ff" for c in word):
        return "A"
    if word.isascii() and word.isalpha():
        return "Lu" if word[0].isupper() else "Ll"
    if not any(c.isalnum() for c in word):
        return "P"
    return "M"


def test_shape_reads_the_arabic_block_as_before():
    """The block's edges (U+0600, U+06FF) and the characters just outside it, Arabic-Indic digits, marks,
    presentation forms, Latin, punctuation, the empty word."""
    alphabet = ["\u05ff", "\u0600", "\u0627", "\u064b", "\u0660", "\u06ff", "\u0700", "\ufe8d", "0", "A", "a", "-",
                " ", "\n", "ـ"]
    rng = random.Random(35)
    words = ["", "انسحاب", "2021", "٢٠٢١", "Trump", "iPhone", "«", "ال-", "الـ"]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(6))) for _ in range(20_000)]
    assert [_shape(w) for w in words] == [_shape_by_character(w) for w in words]
    assert _shape("انسحاب") == "A" and _shape("") == "A" and _shape("Trump") == "Lu" and _shape("«") == "P"
