"""The Arabic analyzers, term by term, as the real engine applies them (``_analyze``).

Each case states a spelling difference Arabic news text really shows and checks both spellings meet
in the index. Tokens are compared between spellings rather than to hard-coded stems where the stem
itself is an implementation detail of the light stemmer.
"""

from __future__ import annotations

import pytest

from pipeline.search import engine

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def analyze(search_client: engine.Client, search_setup: dict):
    index = search_setup["current_index"]

    def run(text: str, analyzer: str = "raqib_ar") -> list[str]:
        return engine.analyze(search_client, index, analyzer, text)

    return run


SAME_TERM = [
    pytest.param("أحمد", "احمد", id="hamza-above-alef"),
    pytest.param("إقليم", "اقليم", id="hamza-below-alef"),
    pytest.param("آمال", "امال", id="madda-alef"),
    pytest.param("ٱلقوات", "القوات", id="alef-wasla"),
    pytest.param("العسكرية", "العسكريه", id="ta-marbuta-vs-ha"),
    pytest.param("مصطفى", "مصطفي", id="alef-maqsura-vs-ya"),
    pytest.param("القُوّات", "القوات", id="diacritics"),
    pytest.param("القــوات", "القوات", id="tatweel"),
    pytest.param("القوات\u200f", "القوات", id="rtl-mark"),
    pytest.param("ال\u200cقوات", "القوات", id="zero-width-non-joiner"),
    pytest.param("\ufeffالقوات", "القوات", id="byte-order-mark"),
    pytest.param("کرکوک", "كركوك", id="persian-kaf"),
    pytest.param("ایران", "ايران", id="persian-ya"),
    pytest.param("والقوات", "القوات", id="clitic-wa-al"),
    pytest.param("بالقوات", "القوات", id="clitic-bi-al"),
    pytest.param("للقوات", "القوات", id="clitic-li-al"),
    pytest.param("قوات", "القوات", id="definite-article"),
]


@pytest.mark.parametrize(("variant", "plain"), SAME_TERM)
def test_spellings_meet_in_one_term(analyze, variant: str, plain: str) -> None:
    tokens = analyze(variant)
    assert tokens, f"{variant!r} produced no token"
    assert tokens == analyze(plain)


@pytest.mark.parametrize("digits", ["٢٠٢١", "۲۰۲۱", "2021"])
def test_eastern_digits_fold_to_ascii(analyze, digits: str) -> None:
    assert analyze(digits) == ["2021"]
    assert analyze(digits, "raqib_ar_exact") == ["2021"]


def test_stop_words_dropped_by_main_analyzer_but_kept_in_exact(analyze) -> None:
    assert analyze("في العراق") == analyze("العراق")
    assert analyze("في العراق", "raqib_ar_exact") == ["في", "العراق"]


def test_exact_field_normalises_but_does_not_stem(analyze) -> None:
    assert analyze("القُوّات الأمنيــة", "raqib_ar_exact") == ["القوات", "الامنيه"]
    assert analyze("والقوات", "raqib_ar_exact") != analyze("القوات", "raqib_ar_exact")


VARIANTS = [
    pytest.param("أمريكي", "أميركي", id="amriki-amiriki"),
    pytest.param("الأمريكية", "الأميركية", id="amrikiya-with-article"),
    pytest.param("كوردستان", "كردستان", id="kurdistan"),
    pytest.param("إف 16", "F-16", id="f16-arabic-latin"),
    pytest.param("F16", "اف 16", id="f16-joined"),
    pytest.param("ترمب", "ترامب", id="trump"),
    pytest.param("ستراتيجية", "استراتيجية", id="strategy"),
]


@pytest.mark.parametrize(("query", "document"), VARIANTS)
@pytest.mark.parametrize(("search_analyzer", "index_analyzer"),
                         [("raqib_ar_search", "raqib_ar"), ("raqib_ar_exact_search", "raqib_ar_exact")])
def test_spelling_variants_match_both_ways(analyze, query: str, document: str, search_analyzer: str,
                                           index_analyzer: str) -> None:
    for q, d in ((query, document), (document, query)):
        indexed = set(analyze(d, index_analyzer))
        searched = set(analyze(q, search_analyzer))
        assert indexed <= searched, f"{q!r} searched as {searched} misses {d!r} indexed as {indexed}"


def test_variants_do_not_merge_different_words(analyze) -> None:
    searched = set(analyze("أمريكي", "raqib_ar_search"))
    assert not searched & set(analyze("واشنطن")), "a place is not a spelling variant"
    assert not searched & set(analyze("بريطاني"))


CLITIC_SPLIT = [
    pytest.param("بصواريخ", "صواريخ", id="bi"),
    pytest.param("لمقاتل", "مقاتل", id="li"),
    pytest.param("كتجهيزات", "تجهيزات", id="ka"),
    pytest.param("فصواريخ", "صواريخ", id="fa"),
    pytest.param("وبصواريخ", "صواريخ", id="wa-bi"),
    pytest.param("وللقوات", "القوات", id="wa-li-al"),
]


@pytest.mark.parametrize(("written", "word"), CLITIC_SPLIT)
def test_clitic_field_meets_the_word_without_its_proclitic(analyze, written: str, word: str) -> None:
    """The main analyzer keeps "بصواريخ" whole (its stemmer only strips ال, و and their chains); the
    ``.clitic`` sub-field indexes it cut, so a search for the bare word (analysed as usual) meets it."""
    assert not set(analyze(word, "raqib_ar_search")) <= set(analyze(written))
    assert set(analyze(word, "raqib_ar_search")) <= set(analyze(written, "raqib_ar_clitic"))


@pytest.mark.parametrize("word", ["بريطانيا", "لبنان", "فرنسا", "كركوك", "بغداد"])
def test_a_word_that_merely_starts_with_a_proclitic_letter_is_searched_whole(analyze, word: str) -> None:
    """Queries are never cut: "بريطانيا" is looked up whole, as the main field holds it; only the clitic
    sub-field holds a cut form ("ريطانيا"), which a query for the word never asks for."""
    searched = analyze(word, "raqib_ar_search")
    assert searched == analyze(word)
    assert not set(searched) & set(analyze(word, "raqib_ar_clitic"))


def test_short_words_are_not_cut(analyze) -> None:
    """Three letters must remain: "بها" and "لها" are not read as ب + "ها"."""
    for word in ("بلد", "لكم"):
        assert analyze(word, "raqib_ar_clitic") == analyze(word)


def test_quoted_text_never_reaches_the_clitic_field(analyze) -> None:
    """The clitic sub-fields' quote analyzer yields nothing, so a phrase is matched on ``.exact`` only."""
    assert analyze("صواريخ باتريوت", "raqib_no_phrase") == []
