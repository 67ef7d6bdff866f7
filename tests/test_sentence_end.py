"""``subjects.SENTENCE_END`` cuts text where the plain reading does: a run of sentence marks ends a sentence, a line
break always does, and no mark right after "(", "[" or "." starts a run ("(...)" leaves words out of a quote). The
shipped pattern puts its look-behind after the first mark (for speed); these tests hold it to that reading."""
from __future__ import annotations

import random
import re

from pipeline.nlp.subjects import SENTENCE_END

#: the same reading written the plain way (a look-behind in front: correct, four times slower)
_READING = re.compile(r"\n+|(?<![(\[.])[.!?؟؛\n]+")


def _sentences(pattern: re.Pattern[str], text: str) -> list[str]:
    return [s for s in pattern.split(text) if s.strip()]


def test_a_bracketed_ellipsis_stays_inside_its_sentence():
    text = "قال إن مستقبل شمال سوريا (...) بعد الانسحاب الأمريكي غامض. وأضاف أمرا آخر"
    assert _sentences(SENTENCE_END, text) == ["قال إن مستقبل شمال سوريا (...) بعد الانسحاب الأمريكي غامض",
                                             " وأضاف أمرا آخر"]


def test_a_line_break_after_a_bracket_still_ends_the_sentence():
    assert _sentences(SENTENCE_END, "أولا (\nثانيا") == ["أولا (", "ثانيا"]


def test_random_texts_are_cut_as_the_plain_reading_cuts_them():
    rng = random.Random(29)
    alphabet = "اب (.[!?؟؛\n). "
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _sentences(SENTENCE_END, text) == _sentences(_READING, text), repr(text)
