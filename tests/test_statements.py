"""Quoted statements on the seed articles and on small, hand-written edge cases."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models import Entity
from pipeline.nlp.statements import extract_statements, is_named

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
KHAFAJI = "تحسين الخفاجي"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _by(statements, canonical: str):
    return [s for s in statements if s.speaker and s.speaker.canonical == canonical]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_index_the_text(prefix: str) -> None:
    text = _seed(prefix)
    statements = extract_statements(text, [])
    assert statements
    for s in statements:
        assert text[s.start : s.end] == s.quote
        assert s.quote.strip() == s.quote and s.quote


def test_seed_004_khafaji_combat_forces_end() -> None:
    statements = extract_statements(_seed("004"), [])
    khafaji = _by(statements, KHAFAJI)
    first = khafaji[0]
    assert first.direct and first.verb == "قال"
    assert first.quote.startswith("وجود القوات المقاتلة الأجنبية سينتهي نهاية العام الجاري")
    assert "اللواء تحسين الخفاجي" in first.speaker.text
    # "واضاف الخفاجي" resolves the bare surname to the full name seen earlier.
    assert any(s.verb == "اضاف" and "انهاء وجود القوات القتالية" in s.quote for s in khafaji)


def test_seed_003_quote_and_carry_over() -> None:
    statements = extract_statements(_seed("003"), [])
    khafaji = _by(statements, KHAFAJI)
    quotes = [s.quote for s in khafaji]
    assert "الحديث عن هذا التمديد غير دقيق وغير صحيح" in quotes
    assert any(q.startswith("موعد خروج القوات القتالية") and "وأضاف" not in q for q in quotes)
    assert any(s.verb == "أضاف" and s.quote.startswith("العلاقة بين الطرفين") for s in khafaji)
    # The denial without إن/أن: the verb's object is the content.
    denial = next(s for s in statements if s.verb == "نفت")
    assert denial.speaker.canonical == "السلطات العراقيه"
    assert "تمديد موعد انسحاب القوات الأميركية" in denial.quote


def test_seed_002_svo_and_title_resolution() -> None:
    statements = extract_statements(_seed("002"), [])
    khafaji = _by(statements, KHAFAJI)
    assert any(s.verb == "ذكر" and "انسحاب القوات القتالية الأميركية" in s.quote for s in khafaji)
    # "المتحدّث باسم العمليات المشتركة قال إن": a bare title after the named holder.
    assert any(s.quote.startswith("القوات التي انسحبت من العراق توجهت إلى الكويت") for s in khafaji)
    # "الخفاجي بيّن أن": subject before the verb.
    assert any(s.verb == "بين" and s.quote.startswith("العراق استلم") for s in khafaji)


def test_seed_000_mohammedawi() -> None:
    statements = extract_statements(_seed("000"), [])
    first = statements[0]
    assert first.speaker.canonical == "قيس المحمداوي" and not first.direct
    assert first.quote == "مهام قولت التحالف الدولي ضد داعش، انتهت"
    assert "نائب قائد العمليات المشتركة العراقية" in first.speaker.text
    # "وأضاف قائلا: “...”" and "وقال المسؤول العراقي: “...”" both stay with him.
    assert all(s.speaker and s.speaker.canonical == "قيس المحمداوي" for s in statements)
    assert any(s.direct and s.quote.startswith("ستجري لجنة أمنية") and s.verb == "أضاف" for s in statements)
    assert any(s.direct and s.quote.startswith("علاقتنا مع قوات التحالف") for s in statements)


def test_entity_is_preferred_and_canonical_used() -> None:
    text = "وقال المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجي إن القوات القتالية ستغادر العراق."
    start = text.index("تحسين")
    ent = Entity(text="تحسين الخفاجي", canonical="tahsin_khafaji", type="PERS", start=start, end=start + 13)
    [s] = extract_statements(text, [ent])
    assert s.speaker.canonical == "tahsin_khafaji" and s.speaker.type == "PERS"
    assert s.quote == "القوات القتالية ستغادر العراق" and not s.direct
    assert is_named(s.speaker)


def test_title_phrase_speaker_and_verb_forms() -> None:
    text = (
        "قال مصدر أمني إن القوات الأمريكية بدأت الانسحاب. "
        "وصرّح نائب قائد العمليات المشتركة العراقية بأن الجدول الزمني ثابت. "
        "وشدّد على أن القرار نهائي. "
        "وقالت الوزارة في بيان: «لا تغيير في الموعد». "
        'ولفتت إلى "أن التنسيق مستمر".'
    )
    statements = extract_statements(text, [])
    assert [s.verb for s in statements] == ["قال", "صرح", "شدد", "قالت", "لفتت"]  # verbs without diacritics
    assert statements[0].speaker.canonical == "مصدر امني" and not is_named(statements[0].speaker)
    assert statements[1].speaker.canonical == "نايب قايد العمليات المشتركه العراقيه"
    assert statements[2].speaker == statements[1].speaker  # carried over
    assert statements[3].direct and statements[3].quote == "لا تغيير في الموعد"
    assert statements[3].speaker.canonical == "الوزاره"
    assert statements[4].direct and statements[4].speaker.canonical == "الوزاره"


def test_between_preposition_is_not_a_verb() -> None:
    text = "عقد اجتماع بين الطرفين أن يتم التنسيق. وتم التنسيق بين القوات."
    assert all(s.verb != "بين" for s in extract_statements(text, []))


def test_no_statement_without_content() -> None:
    assert extract_statements('كما قال بيان صحافي تابعته "إيلاف".', []) == []
    assert extract_statements("", []) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('قال أن إن و،.:“”«»"\n الخفاجي وأضاف قائلا')), max_size=300))
def test_never_raises_and_offsets_hold(text: str) -> None:
    for s in extract_statements(text, []):
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.quote


@pytest.mark.parametrize(
    "text",
    [
        "“" * 300_000,
        "قال " * 100_000,
        "قال إن " + "أ" * 500_000,
        ("وقال المتحدث: “" + "كلام " * 50) * 2000,
        "وأضاف قائلا " * 50_000,
    ],
)
def test_bounded_work_on_pathological_input(text: str) -> None:
    t0 = time.perf_counter()
    extract_statements(text, [])
    assert time.perf_counter() - t0 < 10
