"""Arabic normalisation: one module for every folding raqib does, each variant named for who uses it.

News outlets write the same word many ways (hamza seats, alef maqsura, ta marbuta, diacritics, tatweel,
presentation forms, Arabic-Indic digits). Each consumer folds *for a purpose*, and some variants are
frozen because a shipped model was trained on exactly that form:

==========================  =================================================================  ==========
variant                     folds                                                              used by
==========================  =================================================================  ==========
``normalize_arabic``        invisible marks, presentation forms, diacritics, tatweel, hamza     cleaning, dates
                            seats (أ إ آ ٱ ؤ ئ), ى ة ی ک, digits; keeps Latin case              search analysis
``fold_for_dates``          ``normalize_arabic`` + casefold + single spaces                    dates
``fold_name``               diacritics and tatweel, أ إ آ ٱ → ا, ى → ي, ة → ه                   NER model features,
                                                                                               entity canonicals
``fold_match``              ``fold_name`` + ؤ → و, ئ → ي, lower case                           subjects, statements,
                                                                                               dedup, novelty
``fold_topic``              diacritics, tatweel, أ إ آ ٱ ی ک ى ة, digits, ``_`` → space,       topic model input
                            lower case, single spaces
==========================  =================================================================  ==========

The clitic inventories (``PROCLITICS_*``) live here too, each named for the decision it serves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- mark classes (regex character-class bodies) --------------------------------------------------

#: Harakat, tanween, shadda, sukun, hamza/madda marks, superscript alef, Quranic annotation marks and the
#: combining marks of Arabic Extended-A: never content in news text.
DIACRITICS = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
              "\u08d3-\u08e1\u08e3-\u08ff")
TATWEEL = "\u0640"
#: what may sit inside an Arabic word besides letters: the diacritics and tatweel
WORD_MARKS = DIACRITICS + TATWEEL
#: the Arabic letters (hamza to yeh, and the extended letters), as a regex class body
ARABIC_LETTERS = "\u0621-\u064a\u066e-\u06d3"

# --- character tables -------------------------------------------------------------------------------

#: Invisible format marks that carry no content in news text (bidi controls, zero-width characters).
INVISIBLE_CHARS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u061c"  # ARABIC LETTER MARK
    "\ufeff"  # BOM / ZWNBSP
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u00ad\u180e"  # soft hyphen, Mongolian vowel separator
)
#: Format characters (category Cf) that *are* content in Arabic text and must survive: number signs,
#: end of ayah, Syriac abbreviation mark.
_KEPT_FORMAT_CHARS = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2")


#: Quotation variants mapped to one form. Arabic guillemets « » and curly “ ” are kept untouched (they
#: mark quotations and the statement extractor relies on them). Opening-only glyphs („ ‟ ❝ 〝) become “,
#: closing ornaments (❞ 〞 〟) become ”, and direction-less double primes (″ ‶ ＂ 〃) become ASCII ".
#: Single-quote variants ‚ ‛ become ‘. ASCII quotes are left as they are.
QUOTE_MAP = {
    "\u201e": "\u201c",  # „ DOUBLE LOW-9
    "\u201f": "\u201c",  # ‟ DOUBLE HIGH-REVERSED-9
    "\u275d": "\u201c",  # ❝
    "\u301d": "\u201c",  # 〝
    "\u275e": "\u201d",  # ❞
    "\u301e": "\u201d",  # 〞
    "\u301f": "\u201d",  # 〟
    "\u2033": '"',  # ″ DOUBLE PRIME
    "\u2036": '"',  # ‶ REVERSED DOUBLE PRIME
    "\u3003": '"',  # 〃 DITTO MARK
    "\uff02": '"',  # ＂ FULLWIDTH QUOTATION MARK
    "\u201a": "\u2018",  # ‚ SINGLE LOW-9
    "\u201b": "\u2018",  # ‛ SINGLE HIGH-REVERSED-9
}

_ALEF_FORMS = "\u0623\u0625\u0622\u0671\u0672\u0673\u0675"  # أ إ آ ٱ ٲ ٳ ٵ
_NORMALIZE_TABLE = str.maketrans(
    {
        **{c: "\u0627" for c in _ALEF_FORMS},
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u06cc": "\u064a",  # ی Farsi yeh (Kurdish/Persian keyboards) -> ي
        "\u06a9": "\u0643",  # ک keheh -> ك
    }
)
_DIGIT_TABLE = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_DIACRITICS_RE = re.compile(f"[{DIACRITICS}]")


def _is_presentation_or_width_form(ch: str) -> bool:
    """Compatibility glyphs worth NFKC-folding: Arabic presentation forms A/B and full/half-width forms."""
    o = ord(ch)
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFE or 0xFF01 <= o <= 0xFFEF


#: characters the per-character pass rewrites although ``str.isprintable`` accepts them
_GLYPHS_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe\uff01-\uffef" + TATWEEL + "".join(QUOTE_MAP) + "]")


def normalize_chars(text: str) -> str:
    """Targeted NFKC: fold presentation forms (ﻷ -> لا, ﷲ -> الله) but not ½, ™, superscripts or ellipses.

    Full NFKC would also rewrite content-bearing compatibility characters, so it is applied per character
    only to the blocks that are pure glyph variants; everything else just gets NFC. Text with no format,
    control or space character other than " " and "\n" (``isprintable``) and no glyph variant, tatweel or
    quote variant, which is most news text, needs only the NFC: that check runs in C.
    """
    if not _GLYPHS_RE.search(text) and (text.isprintable() or text.replace("\n", " ").isprintable()):
        return unicodedata.normalize("NFC", text)
    out: list[str] = []
    for ch in text:
        if ch in INVISIBLE_CHARS:
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf" and ch not in _KEPT_FORMAT_CHARS:
            continue
        if cat == "Cs" or (cat == "Cc" and ch not in "\t\n"):
            continue
        if cat == "Zs" or ch == "\t":
            out.append(" ")
        elif _is_presentation_or_width_form(ch):
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    folded = "".join(out).replace(TATWEEL, "")
    folded = "".join(QUOTE_MAP.get(c, c) for c in folded)
    # NFC last: removing a tatweel or a mark can leave base + combining hamza that composes (ا + ٔ -> أ).
    return unicodedata.normalize("NFC", folded)


def fold_digits(text: str) -> str:
    """Map Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII so numbers compare and parse alike."""
    return text.translate(_DIGIT_TABLE)


def normalize_arabic(text: str) -> str:
    """Fold spelling variants for *matching* (never for display): أ/إ/آ/ٱ->ا, ى->ي, ة->ه, ؤ->و, ئ->ي.

    Also removes diacritics, tatweel and invisible marks, folds presentation forms and digits. Case of
    Latin letters is left alone; callers that match Latin text should ``casefold()`` themselves.
    """
    text = unicodedata.normalize("NFC", normalize_chars(text))
    text = unicodedata.normalize("NFD", text)  # split آ/أ/إ into alef + mark where composed
    text = _DIACRITICS_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return fold_digits(text.translate(_NORMALIZE_TABLE))


# --- folding variants -----------------------------------------------------------------------------

_WORD_MARKS_RE = re.compile(f"[{WORD_MARKS}]")
_NAME_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
_MATCH_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_SPACES_RE = re.compile(r"\s+")


def replace_pairs(table: dict[int, str | None]) -> tuple[tuple[str, str], ...]:
    """A ``str.maketrans`` table as (source, target) pairs for a chain of ``str.replace``.

    The chain gives what ``translate`` gives when no target contains a source (checked here), at a fraction
    of the cost: ``translate`` looks every character of Arabic text up in the table (~90 ns a character),
    a replace is one C scan (a few hundred ns on a sentence, ~1 µs on a whole article).
    """
    pairs = tuple((chr(src), dst or "") for src, dst in table.items() if chr(src) != dst)
    sources = {src for src, _ in pairs}
    if any(ch in sources for _, dst in pairs for ch in dst):
        raise ValueError("a target contains a source: a replace chain would not equal translate()")
    return pairs


def replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)`` for the ``pairs`` of ``replace_pairs(table)``."""
    for src, dst in pairs:
        text = text.replace(src, dst)
    return text


def without_marks(text: str) -> str:
    """``text`` without its marks (diacritics, tatweel). Most words have none: a search finds that in half the
    time of a ``sub``, which builds its result even when it replaces nothing (fold_match and fold_name drop the
    marks of every word they fold: ~180k words per 1,000 ANT v2 articles)."""
    return _WORD_MARKS_RE.sub("", text) if _WORD_MARKS_RE.search(text) else text


_NAME_FOLD_PAIRS = replace_pairs({**_NAME_FOLD, ord("ة"): "ه"})
_MATCH_FOLD_PAIRS = replace_pairs(_MATCH_FOLD)


def fold_for_dates(text: str) -> str:
    """Matching form for date words: folded Arabic spelling and digits, lower-case Latin, single spaces."""
    return _SPACES_RE.sub(" ", normalize_arabic(text).casefold()).strip()


def fold_name(word: str) -> str:
    """Fold orthographic variants (hamza-alef forms, alef maqsura, final ta marbuta) and drop diacritics.

    Arabic news spells the same name many ways; folding makes NER features and canonical forms agree.
    Frozen: the shipped NER model's features are computed on this form.
    """
    return replace_all(without_marks(word), _NAME_FOLD_PAIRS)


def fold_match(text: str) -> str:
    """Fold Arabic spelling variants (hamza forms, ta marbuta, alef maqsura, diacritics, tatweel), lower case.

    News outlets spell the same word many ways; matching and hashing must not see the difference. Words
    (the speaker and statement rules fold one at a time, hundreds per article) come from a bounded cache.
    """
    return _fold_match_word(text) if len(text) <= _WORD_CHARS else _fold_match(text)


_WORD_CHARS = 24


def _fold_match(text: str) -> str:
    return replace_all(without_marks(text), _MATCH_FOLD_PAIRS).lower()


@lru_cache(maxsize=65_536)
def _fold_match_word(word: str) -> str:
    return _fold_match(word)


def fold_match_in_place(text: str) -> str:
    """``fold_match``'s letter folding with each mark (diacritic, tatweel) turned into a tatweel instead of
    dropped, and no lower-casing: the result has the length of ``text``, so offsets found in it hold in
    ``text`` (the speaker and reporting-verb scans)."""
    return replace_all(_WORD_MARKS_RE.sub(TATWEEL, text), _MATCH_FOLD_PAIRS)


def fold_match_in_place_span(text: str, start: int | None = None, end: int | None = None) -> str:
    """``fold_match_in_place(text[start:end])``, cut from the fold of the whole ``text``: each character folds to
    one character on its own, so the fold of a slice is the slice of the fold. The speaker rules fold stretches of
    one article again and again (up to 4,000 characters before each statement, ~70 short spans per article); the
    whole article is folded once (the last few texts are kept)."""
    return _folded_text(text)[start:end]


@lru_cache(maxsize=4)
def _folded_text(text: str) -> str:
    return fold_match_in_place(text)


_TOPIC_FOLD = str.maketrans(
    {
        TATWEEL: None,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian ya
        "ک": "ك",  # Persian kaf
        "ة": "ه",
        "_": " ",  # hashtags such as #ليالي_أوجيني
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_TOPIC_FOLD_PAIRS = replace_pairs(_TOPIC_FOLD)
_DIACRITICS_ONLY_RE = re.compile(f"[{DIACRITICS}]")


def fold_topic(text: str) -> str:
    """The topic model's input form, so that e.g. "الإنسحاب"/"الانسحاب" and "قوة"/"قوه" share features.

    Frozen: the shipped topic model was trained on exactly this form (``bench/train_topics.py``).
    """
    text = replace_all(_DIACRITICS_ONLY_RE.sub("", text), _TOPIC_FOLD_PAIRS).lower()
    return " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(): both use str.isspace, split 3x faster


# --- clitics --------------------------------------------------------------------------------------
# Arabic writes conjunctions (و ف), prepositions (ب ل ك) and the article (ال) glued to the next word.
# Each inventory below serves one decision; all are longest first, so the first match is the longest.

#: every chain of conjunction + preposition + article a word may start with ("" included): the subject
#: matcher tries each, so a term matches "وبالانسحاب" as well as "انسحاب"
PROCLITICS_ALL = ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
                  "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", "")
#: one clitic letter, or one with the article: the NER model's ``pre=`` feature (frozen with the model)
PROCLITICS_SINGLE = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: a clitic letter before the article: stripped back to "ال" + stem for the NER stem features
PROCLITICS_BEFORE_ARTICLE = ("وال", "فال", "بال", "كال")
#: a preposition (with or without a conjunction) before the article: entity canonical forms drop it
PROCLITICS_PREPOSITION_ARTICLE = ("بال", "كال", "وال", "فال", "وبال", "وكال", "فبال")
#: the topic model's proclitic features (frozen with the model)
PROCLITICS_TOPIC = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
#: what novelty strips before comparing the words of two quotes
PROCLITICS_QUOTE = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
#: the prefixes the search template's spelling-variant groups are repeated with for ``.exact`` fields
PROCLITICS_EXACT_SEARCH = ("", "ال", "و", "ب", "ل", "وال", "بال", "لل", "فال", "وب", "ول")
