"""Round thirty-four (helper "glue34"): where the speaker's noun phrase ends (issue 13, glued objects).

After a definite word, a definite verbal noun of a derived verb that governs a complement is the reporting verb's
object, not part of the speaker ("اكد الجيش الهندي التوصل لهذا الاتفاق"): a definite noun after a definite noun is
its adjective, and a verbal noun is none. Nisba adjectives ("التركي") and names keep the phrase whole.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.speakers import find_np
from tests.conftest import speakers_of

# ANT v2 SK-internationalNews-1861-20180530 (seed7373 at 846: was "الجيش الهندي التوصل لهذا الاتفاق")
INDIA = ("وأضاف \"إذا وقع عنف مستقبلي في المنطقة المتنازع عليها، سيتم ممارسة ضبط النفس\".\n"
         "من جانبه اكد الجيش الهندي التوصل لهذا الاتفاق، قائلا أن الجانبين تعهدا \"باتخاذ اجراءات صادقة لتحسين "
         "الوضع الحالي\".")


def _np(text: str) -> str | None:
    span = find_np(text, 0, len(text), [])
    return text[span[0] : span[1]] if span else None


def test_a_definite_verbal_noun_after_the_subject_is_the_verbs_object() -> None:
    assert ("اكد", "الجيش الهندي") in speakers_of(INDIA)


@pytest.mark.parametrize(("text", "speaker"), [
    ("أعلنت الوزارة الاستعداد للحوار", "أعلنت الوزارة"),  # استفعال
    ("وأكدت الحكومة التوصل إلى اتفاق", "وأكدت الحكومة"),  # تفعّل
    ("وأكدت الحكومة الإسرائيلية الانسحاب من المنطقة", "وأكدت الحكومة الإسرائيلية"),  # انفعال
])
def test_derived_verbal_nouns_with_a_complement_end_the_speaker(text: str, speaker: str) -> None:
    assert _np(text) == speaker


@pytest.mark.parametrize("text", [
    "الجيش التركي",  # a nisba adjective
    "الاتحاد الأوروبي",  # the masdar-shaped head itself
    "المجلس الأعلى للاستثمار",  # a ل phrase of the name
    "الهيئة الوطنية للتقدم العلمي",
    "المسؤولون الأتراك",  # the plural أفعال (أتراك)، not the verbal noun إفعال
    "الدول الاعضاء في التحالف",
    "المدير التنفيذ لشركة بيربيتشيول",  # a title's word (a typo for التنفيذي)
])
def test_adjectives_and_names_are_kept(text: str) -> None:
    assert _np(text) == text


@pytest.mark.parametrize(("text", "speaker"), [
    ("مصادر عسكرية إلقاء القبض على المتهمين", "مصادر عسكرية"),  # seed9191: إفعال
    ("مسؤول أمريكي انسحاب القوات من المدينة", "مسؤول أمريكي"),  # انفعال
    ("مصدر أمني مصري", "مصدر أمني مصري"),  # a second nisba: kept
    ("مصدر عسكري إسرائيلي", "مصدر عسكري إسرائيلي"),
])
def test_a_verbal_noun_after_an_indefinite_noun_and_its_nisba_is_the_object(text: str, speaker: str) -> None:
    assert _np(text) == speaker


# ANT v2 CN-sport-163-20180327 (seed7373 at 349: was "آل الشيخ انتقاده للمنتخب السعودي"; the tagger makes
# "انتقاده للمنتخب السعودي" a PERS)
ALSHEIKH = ("وجه رئيس الهيئة العامة للرياضة السعودية، تركي آل الشيخ، انتقادات للمنتخب السعودي.\n"
            "وتابع آل الشيخ انتقاده للمنتخب السعودي قائلا \"للأسف نحن أبطال في البلاي ستيشن\".")


def test_an_owned_verbal_noun_the_tagger_opens_a_name_with_is_the_object() -> None:
    assert ("تابع", "آل الشيخ") in speakers_of(ALSHEIKH)
