"""Publication-date parsing for Arabic (and English) news pages and feeds.

Sites print dates in many ways: ISO-8601 in metadata, RFC-822 in RSS, "الخميس 9 ديسمبر 2021 - 10:30 م",
Levantine month names ("٣١ كانون الأول ٢٠٢١"), combined forms ("يناير/ كانون الثاني") and relative forms
("منذ ساعتين"). ``parse_arabic_date`` turns all of them into an aware UTC datetime, or ``None``.

Conventions (documented so callers can rely on them):
  * a date without a time means local midnight in the source time zone ``tz``;
  * a date or time without an explicit offset is in ``tz``; explicit offsets / GMT / UTC win;
  * numeric dates are day-first (09/12/2021 is 9 December) unless that is impossible;
  * a time on its own, a month without a day, or Hijri-only dates are not parsed (``None``);
  * a naive ``now`` is taken to be in ``tz``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.settings import DEFAULT_TIMEZONE
from pipeline.text.normalise import fold_for_dates

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "may"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "june", "jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "july", "jul"),
    8: ("أغسطس", "اغسطس", "آب", "أوت", "august", "aug"),
    9: ("سبتمبر", "أيلول", "september", "sept", "sep"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "november", "nov"),
    12: ("ديسمبر", "كانون الأول", "december", "dec"),
}


_MONTHS: dict[str, int] = {fold_for_dates(name): m for m, names in _MONTH_NAMES.items() for name in names}
# Longest first so "تشرين الاول" wins over any shorter prefix; word-bounded so "mar" is not in "march".
_MONTH_ALT = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?<![^\W\d])(?:{_MONTH_ALT})(?![^\W\d])"
# "يناير/ كانون الثاني", "كانون الأول/ديسمبر", "كانون الأول (ديسمبر)": a second name for the same month.
_MONTH_PAIR = rf"(?P<month>{_MONTH})(?:\s*[/\-–(]\s*{_MONTH}\s*\)?)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_DAY_MONTH_YEAR_RE = re.compile(
    rf"{_DAY}\s*(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}\s*[,،.\-]?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?{_YEAR}"
)
_MONTH_DAY_YEAR_RE = re.compile(rf"{_MONTH_PAIR}\s+{_DAY}\s*[,،]?\s*{_YEAR}")
_NUMERIC_DMY_RE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-])")
_NUMERIC_YMD_RE = re.compile(r"(?<![\d/.\-])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/.\-])")
_ISO_RE = re.compile(
    r"(?<!\d)\d{4}-\d{2}-\d{2}"
    r"(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
_RFC822_ZONES = r"(?:[+-]\d{4}|gmt|utc|ut|z|[ecmp][sd]t)"
_RFC822_RE = re.compile(
    r"(?:[a-z]{3},?\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+\d{2,4}"
    rf"\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*{_RFC822_ZONES}(?!\w))?(?!\s*[ap]\.?m\b)"
)
_RFC822_ZONE_RE = re.compile(rf"{_RFC822_ZONES}$")

_AM = {fold_for_dates(w) for w in ("ص", "صباحاً", "صباحا", "صباح", "فجراً", "فجرا", "am", "a.m.")}
_PM = {fold_for_dates(w) for w in ("م", "مساءً", "مساء", "ظهراً", "ظهرا", "عصراً", "عصرا", "ليلاً", "ليلا", "pm", "p.m.")}
_AMPM_ALT = "|".join(re.escape(w) for w in sorted(_AM | _PM, key=len, reverse=True))
_TIME_RE = re.compile(
    rf"(?<![\d:])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?![\d:])"
    rf"(?:\s*(?P<ampm>{_AMPM_ALT})(?!\w))?"
    r"(?:\s*(?:بتوقيت\s+)?(?P<utc>gmt|utc|غرينتش|جرينتش|غرينيتش)|\s*(?P<off>[+-]\d{2}:?\d{2}))?"
)

_UNITS: dict[str, timedelta] = {}
_DUALS: dict[str, timedelta] = {}
for _unit, _delta, _forms, _dual in (
    ("second", timedelta(seconds=1), ("ثانية", "ثانيه", "ثوان", "ثواني", "ثوانٍ"), ("ثانيتين", "ثانيتان")),
    ("minute", timedelta(minutes=1), ("دقيقة", "دقائق"), ("دقيقتين", "دقيقتان")),
    ("hour", timedelta(hours=1), ("ساعة", "ساعات"), ("ساعتين", "ساعتان")),
    ("day", timedelta(days=1), ("يوم", "أيام", "ايام"), ("يومين", "يومان")),
    ("week", timedelta(weeks=1), ("أسبوع", "أسابيع", "اسبوع", "اسابيع"), ("أسبوعين", "أسبوعان")),
):
    _UNITS.update({fold_for_dates(f): _delta for f in _forms})
    _DUALS.update({fold_for_dates(f): _delta * 2 for f in _dual})

_NUMBER_WORDS = {
    fold_for_dates(w): n
    for n, words in {
        1: ("واحد", "واحدة"),
        3: ("ثلاث", "ثلاثة"),
        4: ("أربع", "أربعة"),
        5: ("خمس", "خمسة"),
        6: ("ست", "ستة"),
        7: ("سبع", "سبعة"),
        8: ("ثماني", "ثمان", "ثمانية"),
        9: ("تسع", "تسعة"),
        10: ("عشر", "عشرة"),
    }.items()
    for w in words
}


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that a longer form is never cut short by its prefix."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_AGO = r"(?:منذ|قبل)"
_RELATIVE_RE = re.compile(
    rf"{_AGO}\s+(?:(?P<dual>{_alt(_DUALS)})|(?:(?P<num>\d{{1,3}}|{_alt(_NUMBER_WORDS)})\s+)?(?P<unit>{_alt(_UNITS)}))"
    r"(?!\w)"
)
_RELATIVE_EN_RE = re.compile(r"(?<!\w)(?P<num>\d{1,3}|an?)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago\b")
_EN_UNITS = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}
_DAY_BEFORE_YESTERDAY_RE = re.compile(r"(?<!\w)اول\s+(?:من\s+)?امس(?!\w)")
_YESTERDAY_RE = re.compile(r"(?<!\w)(?:امس|الامس|البارحه|yesterday)(?!\w)")
_TODAY_RE = re.compile(r"(?<!\w)(?:اليوم|today)(?!\w)")


# A news date outside these years is junk ("0001-01-01" placeholders, Hijri years read as Gregorian):
# it would sort before or after every real article, so it is treated as no date at all.
SANE_YEARS = range(1900, 2200)


def _zone(tz: str) -> tzinfo:
    return ZoneInfo(tz)


def _to_utc(naive_or_aware: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a naive datetime and convert to UTC."""
    if naive_or_aware.tzinfo is None:
        naive_or_aware = naive_or_aware.replace(tzinfo=zone)
    return naive_or_aware.astimezone(UTC)


def _parse_time(text: str) -> tuple[int, int, int, tzinfo | None] | None:
    """First clock time in ``text`` as (hour, minute, second, explicit zone or None)."""
    for m in _TIME_RE.finditer(text):
        hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
        ampm = m["ampm"]
        if ampm in _PM and hour < 12:
            hour += 12
        elif ampm in _AM and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 59:
            continue
        zone: tzinfo | None = None
        if m["utc"]:
            zone = UTC
        elif m["off"]:
            digits = m["off"].replace(":", "")
            sign = -1 if digits[0] == "-" else 1
            zone = timezone(sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5])))
        return hour, minute, second, zone
    return None


def _combine(year: int, month: int, day: int, rest: str, zone: tzinfo) -> datetime | None:
    """Build the UTC datetime for a calendar date plus the first time found in ``rest``."""
    try:
        date = datetime(year, month, day)
    except ValueError:
        return None
    clock = _parse_time(rest)
    if clock is None:
        return _to_utc(date, zone)
    hour, minute, second, explicit = clock
    return _to_utc(date.replace(hour=hour, minute=minute, second=second, tzinfo=explicit), zone)


def _parse_iso(text: str, zone: tzinfo) -> datetime | None:
    m = _ISO_RE.search(text)
    if not m:
        return None
    value = m.group(0).upper().replace(",", ".")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        return _to_utc(datetime.fromisoformat(value), zone)
    except ValueError:
        return None


def _parse_rfc822(text: str, zone: tzinfo) -> datetime | None:
    m = _RFC822_RE.search(text)
    if not m:
        return None
    value = m.group(0)
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:  # "-0000"/GMT-like means UTC; no zone at all means the source's zone
        return _to_utc(parsed, UTC if _RFC822_ZONE_RE.search(value) else zone)
    return parsed.astimezone(UTC)


def _parse_named_month(text: str, zone: tzinfo) -> datetime | None:
    for regex in (_DAY_MONTH_YEAR_RE, _MONTH_DAY_YEAR_RE):
        for m in regex.finditer(text):
            month = _MONTHS[re.sub(r"\s+", " ", m["month"])]
            rest = text[: m.start()] + " " + text[m.end() :]
            result = _combine(int(m["year"]), month, int(m["day"]), rest, zone)
            if result is not None:
                return result
    return None


def _parse_numeric(text: str, zone: tzinfo) -> datetime | None:
    for m in _NUMERIC_YMD_RE.finditer(text):
        result = _combine(int(m[1]), int(m[2]), int(m[3]), text[: m.start()] + " " + text[m.end() :], zone)
        if result is not None:
            return result
    for m in _NUMERIC_DMY_RE.finditer(text):
        first, second = int(m[1]), int(m[3])
        day, month = (second, first) if second > 12 and first <= 12 else (first, second)
        result = _combine(int(m[4]), month, day, text[: m.start()] + " " + text[m.end() :], zone)
        if result is not None:
            return result
    return None


def _parse_relative(text: str, zone: tzinfo, now: datetime) -> datetime | None:
    m = _RELATIVE_RE.search(text)
    if m:
        if m["dual"]:
            return now - _DUALS[m["dual"]]
        num = m["num"]
        count = 1 if num is None else int(num) if num.isdigit() else _NUMBER_WORDS[num]
        return now - _UNITS[m["unit"]] * count
    m = _RELATIVE_EN_RE.search(text)
    if m:
        count = int(m["num"]) if m["num"].isdigit() else 1
        return now - _EN_UNITS[m["unit"]] * count
    for regex, days in ((_DAY_BEFORE_YESTERDAY_RE, 2), (_YESTERDAY_RE, 1), (_TODAY_RE, 0)):
        m = regex.search(text)
        if m:
            local = now.astimezone(zone).date() - timedelta(days=days)
            rest = text[: m.start()] + " " + text[m.end() :]
            return _combine(local.year, local.month, local.day, rest, zone)
    return None


def parse_arabic_date(text: str, tz: str = DEFAULT_TIMEZONE, now: datetime | None = None) -> datetime | None:
    """Parse a date as printed by Arabic news sites or feeds into an aware UTC datetime.

    Returns ``None`` when nothing parses; never raises on junk text (an unknown ``tz`` is a configuration
    error and does raise). ``now`` anchors relative forms ("منذ ساعتين", "أمس") and defaults to the clock.
    """
    zone = _zone(tz)
    if not isinstance(text, str) or not text.strip():
        return None
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=zone)
    now = now.astimezone(UTC)
    try:
        norm = fold_for_dates(text[:2000])
        for parse in (_parse_iso, _parse_rfc822, _parse_named_month, _parse_numeric):
            result = parse(norm, zone)
            if result is not None and result.year in SANE_YEARS:
                return result
        result = _parse_relative(norm, zone, now)
        return result if result is not None and result.year in SANE_YEARS else None
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


def parse_date(value: str | None, tz: str = DEFAULT_TIMEZONE) -> datetime | None:
    """A feed or metadata date: ISO 8601 first, else an Arabic date; a date without a zone is in ``tz``."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
            return parse_arabic_date(value, tz=tz)
    if parsed.year not in SANE_YEARS:
        return None
    if parsed.tzinfo:
        return parsed
    try:
        return parsed.replace(tzinfo=ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return parsed.replace(tzinfo=UTC)
