"""Round thirty-five's speed work (issue 13): each faster reading gives what the plain one gave."""

from __future__ import annotations

import random

from pipeline.nlp.ner_features import _ARABIC_ONLY, _shape


def test_shape_reads_the_arabic_block_as_before():
    """``_shape``'s Arabic test (one regex match) holds exactly when every character is in U+0600–U+06FF, the
    reading it replaced (a generator per character): the block's edges and the characters just outside it,
    Arabic-Indic digits, marks, presentation forms, Latin, punctuation, the empty word."""
    alphabet = ["\u05ff", "\u0600", "\u0627", "\u064b", "\u0660", "\u06ff", "\u0700", "\ufe8d", "0", "A", "a", "-",
                " ", "\n", "ـ"]
    rng = random.Random(35)
    words = ["", "انسحاب", "2021", "٢٠٢١", "Trump", "iPhone", "«", "ال-", "الـ"]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(6))) for _ in range(20_000)]
    assert [_ARABIC_ONLY(w) is not None for w in words] == [all("\u0600" <= c <= "\u06ff" for c in w) for w in words]
    assert [_shape(w) for w in ("انسحاب", "", "٢٠٢١", "2021", "Trump", "iphone", "«", "iPhone5")] == \
        ["A", "A", "D", "D", "Lu", "Ll", "P", "M"]
