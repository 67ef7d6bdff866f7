"""Round thirty-two's scans give the readings of the regex searches they replace: the word before a position read
on the reversed stretch, the end of a sentence found with ``str.find``, "بالقول" found from its occurrences up to an
end, and diacritics dropped with "+" rather than "*". Each is held to the old pattern on the seed articles at many
positions and on random texts built from the characters where the readings could part (tatweels, marks, spaces,
newlines, stops, clitics)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.nlp import statements
from pipeline.nlp.quotes import INTRO_WORD
from pipeline.text import scan
from pipeline.text.normalise import ARABIC_LETTERS, WORD_MARKS, fold_match

SEEDS = Path(__file__).parent.parent / "connectors" / "sample_site" / "articles"
_LETTER = ARABIC_LETTERS
# The patterns of the code before: searched forward, they try every position.
_PREV_WORD = re.compile(rf"([{_LETTER}\u0640\u064b-\u065f]+)[\s\u0640]*$")
_SENT_END = re.compile(r"\n|[.!؟?](?=\s|$)|\.\.")
_DIAC_ANY = re.compile(f"[{WORD_MARKS}]*")
_PIECES = ["ب", "ال", "قول", "بالقول", "و", "ف", "قال", "ـ", "ـــ", "\u064e", "\u0650", "\u0670", " ", "  ", "\n",
           "\t", "\u00a0", ".", "..", "!", "؟", "?", "،", ":", "3", "٫", "a", "«", "»", "\""]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + _random_texts(3000, 32)


def _old_word_before(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return fold_match(m.group(1)) if m else ""


def _old_sentence_end(text: str, pos: int, limit: int) -> int:
    m = _SENT_END.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


def test_the_word_before_is_the_forward_search_s() -> None:
    asked = found = 0
    for text in _texts():
        for pos in range(0, len(text) + 1, 3 if len(text) > 200 else 1):
            word = statements._word_before(text, pos)
            assert word == _old_word_before(text, pos), (text[max(0, pos - 30) : pos], pos)
            asked, found = asked + 1, found + bool(word)
    assert asked > 20_000 and found > 5_000


@pytest.mark.parametrize("text", ["كلمةـ ", "كلمة ـ ", "ـ ", " ـ", "كلمة\n", "كلمة \n ", "1 ـــ", "قالَ  ", "،ـ ـ", ""])
def test_the_word_before_keeps_tatweels_and_spaces_as_the_forward_search_does(text: str) -> None:
    assert statements._word_before(text, len(text)) == _old_word_before(text, len(text))


def test_the_sentence_end_is_the_regex_search_s() -> None:
    ends = 0
    for text in _texts():
        for pos in range(0, len(text) + 1, 5 if len(text) > 200 else 1):
            for limit in (3, 120, 220, 1500):
                end = statements._sentence_end(text, pos, limit)
                assert end == _old_sentence_end(text, pos, limit), (text[pos : pos + limit], limit)
                ends += end < min(len(text), pos + limit)
    assert ends > 10_000


@pytest.mark.parametrize("text", ["3.5 مليون", "قال.", "قال..ثم", "هل؟و", "هل? ", "نعم!\n", "a.b.", ".", "..", "x\n"])
def test_the_sentence_end_at_every_cut(text: str) -> None:
    for pos in range(len(text) + 1):
        for limit in range(len(text) + 2):
            assert statements._sentence_end(text, pos, limit) == _old_sentence_end(text, pos, limit)


def test_bil_qawl_found_up_to_an_end_as_the_search_finds_it() -> None:
    texts = _texts() + ["وقال بالقول", "بالقولـ", "فبالقول ", "بالقولي", "ببالقول", "بالقول"]
    hits = 0
    for text in texts:
        for pos in range(0, len(text) + 1, 7 if len(text) > 200 else 1):
            for stop in {len(text), pos + 6, pos + 7, pos + 40}:
                want = statements._BIL_QAWL.search(text, pos, stop)
                got = next(scan.word_matches(statements._BIL_QAWL, text, "بالقول", pos, 0, stop), None)
                assert (got and got.span()) == (want and want.span()), (text, pos, stop)
                hits += want is not None
    assert hits > 1_000


def test_first_of_is_the_least_find() -> None:
    for text in _random_texts(2000, 7):
        for pos in range(0, len(text) + 1, 2):
            for end in (len(text), pos + 5):
                finds = [i for c in "\n.!؟?" if (i := text.find(c, pos, end)) >= 0]
                assert scan.first_of(text, "\n.!؟?", pos, end) == min(finds, default=-1)


def test_diacritics_dropped_as_the_empty_matching_pattern_dropped_them() -> None:
    words = _random_texts(3000, 11) + ["قَالَ", "ادّعى", "ـــ", ""]
    assert [statements._DIAC_RE.sub("", w) for w in words] == [_DIAC_ANY.sub("", w) for w in words]
    assert sum(statements._DIAC_RE.sub("", w) != w for w in words) > 1_000


# quotes.INTRO_WORD before round thirty-two: the word start tested in front, before any letter.
_INTRO_BEFORE = re.compile(
    rf"(?<![{ARABIC_LETTERS}{WORD_MARKS}])(?:[بف]{statements._DIAC})?[اأإ]{statements._DIAC}ن{statements._DIAC}"
    rf"(?:ه|ها|هم|هما|نا)?{statements._DIAC}(?![{ARABIC_LETTERS}])")


def test_the_introducer_is_found_where_the_look_behind_first_pattern_found_it() -> None:
    rng = random.Random(5)
    pieces = ["ب", "ف", "ا", "أ", "إ", "ن", "ه", "ها", "هم", "نا", "\u064e", "\u0651", "ـ", "و", " ", "\n", "،", "a",
              "بأن", "فإن", "إنه", "أنها"]
    texts = _texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    told = re.compile(rf"\s*(?:[:\"«“]|{INTRO_WORD.pattern})")
    told_before = re.compile(rf"\s*(?:[:\"«“]|{_INTRO_BEFORE.pattern})")
    found = 0
    for text in texts:
        for pos in range(0, len(text) + 1, 5 if len(text) > 200 else 1):
            for end in (len(text), min(len(text), pos + 60)):
                want = _INTRO_BEFORE.search(text, pos, end)
                assert _span(INTRO_WORD.search(text, pos, end)) == _span(want), (text, pos, end)
                found += want is not None
            assert _span(INTRO_WORD.match(text, pos)) == _span(_INTRO_BEFORE.match(text, pos)), (text, pos)
            assert _span(told.match(text, pos)) == _span(told_before.match(text, pos)), (text, pos)
    assert found > 20_000
    assert INTRO_WORD.pattern[0] == "["  # a letter first: the engine skips to it


def _span(m: re.Match | None) -> tuple[int, int] | None:
    return m.span() if m else None
