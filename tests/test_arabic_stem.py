"""The stemmer raqib runs (PyStemmer, Snowball's C code) gives the stems of snowballstemmer's Python port, word for
word: the C stemmer is chosen for speed only (~50x on new words), never for other stems."""

from __future__ import annotations

import random

from snowballstemmer.arabic_stemmer import ArabicStemmer

from pipeline.text import morphology

# Each routine's corners: the article and its prepositions, verb and noun suffixes, a final hamza carrier,
# marks and tatweel, Arabic-Indic digits, lam-alef ligatures, Latin, the empty word.
WORDS = ["", "ا", "وال", "بالانسحاب", "والانسحابات", "كالمدرسة", "للمدرسة", "سينسحبون", "فسيكتبونها",
         "استخرجوا", "أأنت", "آآ", "مدرستكما", "معلمات", "يكتبان", "كتبتما", "قاعدتهم", "سماء", "شيئ", "شاطئ",
         "مؤتمر", "ضوء", "جاؤوا", "مُدَرِّسَةٌ", "الانسحـــاب", "٢٠٢١", "۱۴۰۰", "ﻻعب", "ﻷن", "ﻹسرائيل", "ﻵخر",
         "ﻼ", "iPhone", "G7", "على", "مستشفى", "هدى", "بنى", "أنهيت", "أخليت", "تنسحب", "انسحبت"]


def _random_words(n: int) -> list[str]:
    letters = [chr(c) for c in range(0x621, 0x653)] + ["\u0640"] + [chr(c) for c in range(0x660, 0x66A)] \
        + [chr(c) for c in range(0xFEF5, 0xFEFD)] + list("آأإؤئءىةa1")
    rng = random.Random(2026)
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def test_the_c_stemmer_gives_snowballs_stems() -> None:
    reference = ArabicStemmer()
    words = WORDS + _random_words(3000)
    assert [morphology._STEMMER.stemWord(w) for w in words] == [reference.stemWord(w) for w in words]
    assert [morphology.snowball_stem(w) for w in words] == [reference.stemWord(w) for w in words]
