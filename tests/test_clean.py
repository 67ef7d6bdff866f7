"""Tests for pipeline.text.clean: seeds keep their body and lose exactly their chrome; properties hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.clean import (
    INVISIBLE_CHARS,
    TATWEEL,
    CleanedText,
    clean_article_text,
    fold_digits,
    normalize_arabic,
    strip_headline,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# --- seeds -----------------------------------------------------------------------------------------

EXPECTED_REMOVED = {
    "000_1c0bd87af38d2f00.txt": [],
    "001_38ce8d431084eb1f.txt": [],
    "002_53bfce609cf075d0.txt": ["Related Posts"],
    "003_3ef7dfa2a7074a0e.txt": [],
    "004_d06fec6805e27b95.txt": [
        "• 5 ملايين دولار للإبلاغ عن مختطفي أميركي في العراق",
        "اترك تعليقاً",
        "زر الذهاب إلى الأعلى",
    ],
}

KEPT_SENTENCES = {
    "000_1c0bd87af38d2f00.txt": [
        "ولن تكون المذكرة والاتفاق مع التحالف الدولي، بل مع الولايات المتحدة فقط.",
        "أنقرة (زمان التركية) – قال نائب قائد العمليات المشتركة العراقية، قيس المحمداوي",
    ],
    "001_38ce8d431084eb1f.txt": [
        "وأوضح أن المباحثات ستركز أيضا على حماية قوات التحالف المتواجدة التي تساعد القوات العراقية",
        "المصدر: وكالة “ناس” العراقية",
    ],
    "002_53bfce609cf075d0.txt": [
        "الخفاجي يؤكد وجود مساع لتشكيل قوات مشتركة بين قوات الامن العراقية والبيشمركة",
        "وهي تبدأ بالتدريب والتسليح ورفع قدرات القوات الوطنية للعراق، وفق تعبيره.",
    ],
    "003_3ef7dfa2a7074a0e.txt": [
        "تعزيز مواجهة داعش",
        "وكان البرلمان العراقي قد صوّت في 5 كانون الثاني/يناير 2020 على إخراج قوات التحالف من البلاد.",
    ],
    "004_d06fec6805e27b95.txt": [
        "العراق: انتهاء التواجد القتالي للتحالف خلال شهرين",
        # the space before the Arabic comma is normalised away
        "أكدت قيادة العمليات المشتركة العراقية، اليوم السبت، انتهاء وجود القوات العسكرية",
        "ويلتزم البلدان باتفاقية الإطار الاستراتيجي الموقعة في عام 2008، والتي تشمل تقديم المساعدة",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REMOVED))
def test_seed_chrome_removed_exactly(name: str) -> None:
    result = clean_article_text(_seed(name))
    assert result.removed_lines == EXPECTED_REMOVED[name]
    for line in EXPECTED_REMOVED[name]:
        assert line not in result.text.splitlines()


@pytest.mark.parametrize("name", sorted(KEPT_SENTENCES))
def test_seed_body_kept(name: str) -> None:
    result = clean_article_text(_seed(name))
    for sentence in KEPT_SENTENCES[name]:
        assert sentence in result.text
    assert result.is_arabic
    assert result.arabic_ratio > 0.95
    assert result.original == _seed(name)


@pytest.mark.parametrize("name", sorted(EXPECTED_REMOVED))
def test_seed_paragraph_count_preserved(name: str) -> None:
    raw = _seed(name)
    paragraphs = [line for line in raw.splitlines() if line.strip()]
    result = clean_article_text(raw)
    assert len(result.text.splitlines()) == len(paragraphs) - len(EXPECTED_REMOVED[name])


def test_seed_last_line_is_body() -> None:
    text = clean_article_text(_seed("004_d06fec6805e27b95.txt")).text
    assert text.splitlines()[-1].startswith("وعبرت الأوساط السياسية والشعبية")


# --- characters ------------------------------------------------------------------------------------


def test_invisible_marks_and_tatweel_removed() -> None:
    raw = "\ufeff\u200fقال\u200e الـــرئيس\u200d \u061cإن\u202b الاتفاق\u202c\u2066 تم\u2069\u200c."
    result = clean_article_text(raw)
    assert result.text == "قال الرئيس إن الاتفاق تم."


def test_presentation_forms_folded() -> None:
    # ﻻ (lam-alef ligature), ﺑﻐﺪاد (presentation forms of بغداد)
    assert clean_article_text("\ufefb \ufe91\ufed0\ufeaa\u0627\u062f").text == "لا بغداد"


def test_nfkc_not_applied_to_content_characters() -> None:
    # ½ and the ellipsis are content, not glyph variants: they must survive
    assert clean_article_text("ارتفع بنسبة ½ نقطة…").text == "ارتفع بنسبة ½ نقطة…"


def test_hamza_composed_after_tatweel_removal() -> None:
    # alef + tatweel + combining hamza above -> أ once the tatweel is gone
    assert clean_article_text("ا\u0640\u0654حمد").text == "أحمد"


def test_quotes_normalised_but_guillemets_kept() -> None:
    result = clean_article_text("قال «نعم» و“لا” ثم „ربما‟ و″كلا″")
    assert result.text == "قال «نعم» و“لا” ثم “ربما“ و\"كلا\""


def test_whitespace_and_punctuation_spacing() -> None:
    raw = "  قال   الوزير ، اليوم ؛ إن\tالأمر\u00a0انتهى .\r\n\r\n\r\nوأضاف،كما  هو؟  \n"
    assert clean_article_text(raw).text == "قال الوزير، اليوم؛ إن الأمر انتهى.\nوأضاف، كما هو؟"


def test_decimal_and_domain_untouched() -> None:
    assert clean_article_text("نسبة 3.5 بالمئة على example.com").text == "نسبة 3.5 بالمئة على example.com"


def test_non_arabic_flagged_not_dropped() -> None:
    result = clean_article_text("The minister said the agreement was signed today.")
    assert result.text == "The minister said the agreement was signed today."
    assert result.arabic_ratio == 0.0
    assert result.is_arabic is False


def test_mixed_ratio() -> None:
    result = clean_article_text("abcd بغداد")  # 4 Latin, 5 Arabic letters
    assert result.arabic_ratio == pytest.approx(5 / 9)
    assert result.is_arabic


def test_no_letters_is_not_arabic() -> None:
    result = clean_article_text("123 456")
    assert result.arabic_ratio == 0.0
    assert not result.is_arabic


# --- boilerplate and bullets -------------------------------------------------------------------------

BODY1 = "قال رئيس الوزراء إن الحكومة ستعمل على تعزيز التعاون الأمني مع الدول المجاورة."
BODY2 = "وأضاف أن المباحثات ستستمر خلال الأسابيع المقبلة بحضور ممثلين عن الأطراف كافة."


@pytest.mark.parametrize(
    "chrome",
    [
        "شارك",
        "مشاركة",
        "اترك تعليقاً",
        "أضف تعليق",
        "التعليقات",
        "زر الذهاب إلى الأعلى",
        "اقرأ أيضا:",
        "اقرأ أيضاً: الحكومة تعلن موعد الانتخابات",
        "مواضيع ذات صلة",
        "Related Posts",
        "Share",
        "Facebook Twitter WhatsApp",
        "فيسبوك تويتر واتساب تيليجرام",
        "back to top",
        "تابعونا على تويتر وفيسبوك",
        "جميع الحقوق محفوظة © 2024 موقع الأخبار",
    ],
)
def test_boilerplate_line_dropped(chrome: str) -> None:
    result = clean_article_text(f"{BODY1}\n{chrome}\n{BODY2}")
    assert result.text == f"{BODY1}\n{BODY2}"
    assert result.removed_lines == [chrome]


@pytest.mark.parametrize(
    "body",
    [
        "شارك آلاف المتظاهرين في مسيرة وسط بغداد للمطالبة بالإصلاح.",
        "وقال إن التعليقات التي نشرت على مواقع التواصل لا تمثل موقف الحكومة.",
        "Share prices fell sharply on Monday after the announcement.",
    ],
)
def test_body_lines_resembling_chrome_kept(body: str) -> None:
    result = clean_article_text(f"{BODY1}\n{body}\n{BODY2}")
    assert body in result.text.splitlines()
    assert result.removed_lines == []


def test_trailing_bullet_run_dropped() -> None:
    raw = f"{BODY1}\n{BODY2}\n• الحكومة تعلن موعد الانتخابات\n• ارتفاع أسعار النفط"
    result = clean_article_text(raw)
    assert result.text == f"{BODY1}\n{BODY2}"
    assert len(result.removed_lines) == 2


def test_bullets_after_related_heading_dropped() -> None:
    raw = f"{BODY1}\nاقرأ أيضاً\n- الحكومة تعلن موعد الانتخابات\n- ارتفاع أسعار النفط\n{BODY2}"
    assert clean_article_text(raw).text == f"{BODY1}\n{BODY2}"


def test_mid_article_bullet_list_kept() -> None:
    items = ["• تعزيز التعاون الأمني", "• تبادل المعلومات الاستخبارية", "• تدريب القوات المحلية"]
    raw = "\n".join([BODY1, "وتضمن الاتفاق:", *items, BODY2])
    result = clean_article_text(raw)
    assert result.removed_lines == []
    for item in items:
        assert item in result.text


def test_lone_dash_line_in_interview_kept() -> None:
    raw = f"{BODY1}\n- هل ستنسحب القوات؟\n{BODY2}"
    assert clean_article_text(raw).removed_lines == []


def test_text_made_only_of_bullets_kept() -> None:
    raw = "• تعزيز التعاون الأمني\n• تبادل المعلومات"
    assert clean_article_text(raw).text == raw


def test_long_lone_bullet_kept() -> None:
    long_item = "• " + " ".join(["كلمة"] * 25)
    assert clean_article_text(f"{BODY1}\n{long_item}\n{BODY2}").removed_lines == []


def test_trailing_list_announced_with_a_colon_kept() -> None:
    """A match schedule (JawharaFM): the text announces the list, so the trailing bullets are content."""
    items = ["- الشبيبة القيروانية * إتحاد تطاوين الحكم: محمد شعبان", "- الملعب القابسي * مستقبل قابس"]
    raw = "\n".join([BODY1, "الساعة الثانية و النصف بعد الظهر:", *items])
    assert clean_article_text(raw).removed_lines == []


def test_guessed_bullets_are_kept_when_they_are_most_of_the_text() -> None:
    """A one-line lead over a list of measures: dropping the list on a guess would drop the article."""
    items = [f"• {x}" for x in ("تعزيز التعاون الأمني بين البلدين", "تبادل المعلومات الاستخبارية بانتظام",
                                "تدريب القوات المحلية على مكافحة الإرهاب")]
    raw = "\n".join(["أعلنت الحكومة الإجراءات التالية", *items])
    assert clean_article_text(raw).removed_lines == []
    labelled = "\n".join(["أعلنت الحكومة الإجراءات التالية", "اقرأ أيضاً", *items])
    assert clean_article_text(labelled).text == "أعلنت الحكومة الإجراءات التالية"


def test_copyright_sentence_kept_but_footer_label_dropped() -> None:
    notice = "Copyright 2019 Hawaii News Now. All rights reserved."
    assert clean_article_text(f"{BODY1}\n{BODY2}\n{notice}").removed_lines == []
    assert clean_article_text(f"{BODY1}\n{BODY2}\nجميع الحقوق محفوظة © 2024").removed_lines


# --- headline ----------------------------------------------------------------------------------------

TITLE = 'حمة الهمامي : اعتذار الغرياني عن الوزارة "مخرج من ورطة"'


def test_headline_and_the_section_line_above_it_stripped() -> None:
    raw = f"سياسة 2017/03/02 13:43\n{TITLE}\n{BODY1}\n{BODY2}"
    assert strip_headline(raw, "حمة الهمامي : اعتذار الغرياني عن الوزارة مخرج من ورطة") == f"{BODY1}\n{BODY2}"


def test_headline_matches_a_title_with_the_site_name() -> None:
    assert strip_headline(f"{TITLE}\n{BODY1}", f"{TITLE} | Jawhara FM") == BODY1


@pytest.mark.parametrize("raw", [
    f"{BODY2}\n{TITLE}\n{BODY1}",  # a paragraph above: the "headline" is a quoted line of the body
    f"{BODY1}\n{BODY2}",  # no title line
    TITLE,  # nothing would be left
])
def test_headline_kept_when_it_is_not_a_page_header(raw: str) -> None:
    assert strip_headline(raw, TITLE) == raw


def test_short_title_does_not_match_a_longer_first_paragraph() -> None:
    assert strip_headline(f"{BODY1}\n{BODY2}", "قال رئيس الوزراء") == f"{BODY1}\n{BODY2}"


# --- normalize_arabic / fold_digits ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("مُحَمَّدٌ", "محمد"),
        ("الـــعراق", "العراق"),
        ("عام ٢٠٢١ و۱۴۰۰", "عام 2021 و1400"),
        ("\u200fبغداد\u200e", "بغداد"),
    ],
)
def test_normalize_arabic(raw: str, expected: str) -> None:
    assert normalize_arabic(raw) == expected


def test_fold_digits() -> None:
    assert fold_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 42") == "0123456789 0123456789 42"


# --- properties ------------------------------------------------------------------------------------

_VOCAB = [
    BODY1,
    BODY2,
    "• الحكومة تعلن موعد الانتخابات",
    "- بند قصير",
    "* آخر",
    "اقرأ أيضاً",
    "Related Posts",
    "اترك تعليقاً",
    "",
    "   ",
    "\u200fنص\u200e مع ــ علامات",
    "قال ، إن",
    "„اقتباس‟",
    "\ufefb",
    "Facebook Twitter",
    "• " + " ".join(["كلمة"] * 25),
]
_lines = st.lists(st.one_of(st.sampled_from(_VOCAB), st.text(max_size=40)), max_size=12)
_texts = st.one_of(st.text(), _lines.map("\n".join))


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_property_never_raises_and_is_clean(raw: str) -> None:
    result = clean_article_text(raw)
    assert isinstance(result, CleanedText)
    assert not any(c in INVISIBLE_CHARS for c in result.text)
    assert TATWEEL not in result.text
    assert 0.0 <= result.arabic_ratio <= 1.0
    assert result.is_arabic == (result.arabic_ratio >= 0.5)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_property_idempotent(raw: str) -> None:
    once = clean_article_text(raw).text
    twice = clean_article_text(once)
    assert twice.text == once
    assert twice.removed_lines == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_property_normalize_idempotent(raw: str) -> None:
    once = normalize_arabic(raw)
    assert normalize_arabic(once) == once
