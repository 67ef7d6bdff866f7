"""Tests for pipeline.text.dates.parse_arabic_date (Baghdad is UTC+3 all year, no DST)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.dates import parse_arabic_date

NOW = datetime(2021, 12, 9, 12, 0, tzinfo=UTC)  # 15:00 in Baghdad, Thursday


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Levantine/Iraqi month names, Arabic-Indic digits; date only = local midnight
        ("٣١ كانون الأول ٢٠٢١", utc(2021, 12, 30, 21)),
        ("31 كانون الاول 2021", utc(2021, 12, 30, 21)),
        ("1 تشرين الثاني 2021", utc(2021, 10, 31, 21)),
        ("15 تشرين الأول 2021", utc(2021, 10, 14, 21)),
        ("5 شباط 2022", utc(2022, 2, 4, 21)),
        ("10 آذار 2022", utc(2022, 3, 9, 21)),
        ("10 اذار 2022", utc(2022, 3, 9, 21)),
        ("3 آب 2021", utc(2021, 8, 2, 21)),
        ("20 حزيران 2021", utc(2021, 6, 19, 21)),
        # Egyptian/Gulf names and spelling variants
        ("الخميس 9 ديسمبر 2021 - 10:30 م", utc(2021, 12, 9, 19, 30)),
        ("الخميس 9 ديسمبر 2021 - 10:30 ص", utc(2021, 12, 9, 7, 30)),
        ("9 ديسمبر 2021 12:15 ص", utc(2021, 12, 8, 21, 15)),
        ("9 ديسمبر 2021 12:15 م", utc(2021, 12, 9, 9, 15)),
        ("9 ديسمبر 2021 22:05", utc(2021, 12, 9, 19, 5)),
        ("1 أبريل 2021", utc(2021, 3, 31, 21)),
        ("1 ابريل 2021", utc(2021, 3, 31, 21)),
        ("7 يونيه 2021", utc(2021, 6, 6, 21)),
        ("7 يوليه 2021", utc(2021, 7, 6, 21)),
        ("2 اغسطس 2021", utc(2021, 8, 1, 21)),
        ("2 اكتوبر 2021", utc(2021, 10, 1, 21)),
        # combined forms
        ("5 يناير/ كانون الثاني 2020", utc(2020, 1, 4, 21)),
        ("5 كانون الثاني/يناير 2020", utc(2020, 1, 4, 21)),
        ("السبت، ٤ أيلول/سبتمبر ٢٠٢١ - ٠٩:١٥ صباحاً", utc(2021, 9, 4, 6, 15)),
        ("4 سبتمبر (أيلول) 2021 - 9:15 مساءً", utc(2021, 9, 4, 18, 15)),
        # Hijri + Gregorian: the Gregorian one is used
        ("الأحد 5 جمادى الأولى 1443 هـ الموافق 9 ديسمبر 2021م", utc(2021, 12, 8, 21)),
        # explicit zone wins over the source zone
        ("9 ديسمبر 2021 10:30 بتوقيت غرينتش", utc(2021, 12, 9, 10, 30)),
        ("9 ديسمبر 2021 10:30 +02:00", utc(2021, 12, 9, 8, 30)),
        # numeric, day first
        ("09/12/2021 14:05", utc(2021, 12, 9, 11, 5)),
        ("9-12-2021", utc(2021, 12, 8, 21)),
        ("12/25/2021", utc(2021, 12, 24, 21)),
        ("2021/12/09", utc(2021, 12, 8, 21)),
        # ISO-8601 and RFC-822 (feeds)
        ("2021-12-09T10:30:00Z", utc(2021, 12, 9, 10, 30)),
        ("2021-12-09T10:30:00+03:00", utc(2021, 12, 9, 7, 30)),
        ("2021-12-09T10:30:00.123456+0000", utc(2021, 12, 9, 10, 30, 0, 123456)),
        ("2021-12-09 10:30", utc(2021, 12, 9, 7, 30)),
        ("2021-12-09", utc(2021, 12, 8, 21)),
        ("Thu, 09 Dec 2021 10:30:00 +0300", utc(2021, 12, 9, 7, 30)),
        ("Thu, 09 Dec 2021 10:30:00 GMT", utc(2021, 12, 9, 10, 30)),
        ("Thu, 09 Dec 2021 10:30:00 -0000", utc(2021, 12, 9, 10, 30)),
        ("Thu, 09 Dec 2021 10:30:00", utc(2021, 12, 9, 7, 30)),
        # English month names
        ("December 9, 2021", utc(2021, 12, 8, 21)),
        ("9 December 2021 10:30 pm", utc(2021, 12, 9, 19, 30)),
    ],
)
def test_absolute_dates(text: str, expected: datetime) -> None:
    assert parse_arabic_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("منذ دقيقة", timedelta(minutes=1)),
        ("منذ دقيقتين", timedelta(minutes=2)),
        ("منذ 5 دقائق", timedelta(minutes=5)),
        ("منذ ٥ دقائق", timedelta(minutes=5)),
        ("منذ 15 دقيقة", timedelta(minutes=15)),
        ("منذ ساعة", timedelta(hours=1)),
        ("منذ ساعتين", timedelta(hours=2)),
        ("منذ 3 ساعات", timedelta(hours=3)),
        ("منذ ثلاث ساعات", timedelta(hours=3)),
        ("قبل 11 ساعة", timedelta(hours=11)),
        ("منذ يوم", timedelta(days=1)),
        ("منذ يومين", timedelta(days=2)),
        ("منذ 4 أيام", timedelta(days=4)),
        ("منذ أسبوعين", timedelta(weeks=2)),
        ("نشر منذ 10 ثوان", timedelta(seconds=10)),
        ("3 hours ago", timedelta(hours=3)),
    ],
)
def test_relative_dates(text: str, delta: timedelta) -> None:
    assert parse_arabic_date(text, now=NOW) == NOW - delta


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أمس", utc(2021, 12, 7, 21)),  # local midnight of 8 Dec
        ("البارحة", utc(2021, 12, 7, 21)),
        ("أمس 10:30 م", utc(2021, 12, 8, 19, 30)),
        ("أول أمس", utc(2021, 12, 6, 21)),
        ("أول من أمس", utc(2021, 12, 6, 21)),
        ("اليوم", utc(2021, 12, 8, 21)),
        ("اليوم 3:15 م", utc(2021, 12, 9, 12, 15)),
    ],
)
def test_yesterday_today(text: str, expected: datetime) -> None:
    assert parse_arabic_date(text, now=NOW) == expected


def test_today_uses_local_date_not_utc_date() -> None:
    # 22:30 UTC on 8 Dec is already 9 Dec in Baghdad
    now = utc(2021, 12, 8, 22, 30)
    assert parse_arabic_date("اليوم 08:00 ص", now=now) == utc(2021, 12, 9, 5)


def test_other_time_zone() -> None:
    assert parse_arabic_date("9 ديسمبر 2021 10:00", tz="Africa/Cairo") == utc(2021, 12, 9, 8)
    assert parse_arabic_date("9 يوليو 2021 10:00", tz="Asia/Beirut") == utc(2021, 7, 9, 7)  # summer time


def test_naive_now_is_local() -> None:
    naive = datetime(2021, 12, 9, 15, 0)  # Baghdad wall clock = NOW
    result = parse_arabic_date("منذ ساعة", now=naive)
    assert result == NOW - timedelta(hours=1)
    assert result is not None and result.tzinfo is UTC


def test_result_is_aware_utc() -> None:
    result = parse_arabic_date("9 ديسمبر 2021", now=NOW)
    assert result is not None
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "junk",
        "لا يوجد تاريخ هنا",
        "10:30 م",  # a time on its own is not a date
        "ديسمبر 2021",  # no day
        "32 ديسمبر 2021",
        "31 شباط 2021",
        "منذ عام 2014",  # 'since 2014', not relative
        "99/99/2021",
        "2021-13-45",
        "\u200f\u200e",
    ],
)
def test_junk_returns_none(junk: str) -> None:
    assert parse_arabic_date(junk, now=NOW) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_property_never_raises(text: str) -> None:
    result = parse_arabic_date(text, now=NOW)
    assert result is None or result.tzinfo is UTC


_pieces = st.sampled_from(
    ["منذ", "ساعتين", "9", "ديسمبر", "كانون", "الأول", "2021", "10:30", "م", "ص", "/", "-", "أمس", "٣١", "T"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=8).map(" ".join))
def test_property_never_raises_on_date_like_fragments(text: str) -> None:
    result = parse_arabic_date(text, now=NOW)
    assert result is None or result.tzinfo is UTC
