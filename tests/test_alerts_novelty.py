"""Novelty of statements: repeats update one alert, new speakers or stale alerts raise new ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from pipeline.alerts.novelty import NoveltyIndex, alert_id, quote_words, statement_key, table_key
from pipeline.alerts.rules import Rule
from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean, ArticleEnriched, Speaker, Statement
from tests.conftest import SEEDS

T0 = datetime(2021, 12, 1, 9, 0, tzinfo=UTC)
RULE = "military-withdrawal"
QUOTE = "انسحاب القوات القتالية الأميركية من العراق في نهاية هذا العام"
REWRITE = "وانسحاب القوات القتالية الاميركية من العراق نهاية العام"


def statement(quote: str, speaker: str | None = "تحسين الخفاجي", subjects: list[str] | None = None) -> Statement:
    sp = Speaker(text=speaker, canonical=speaker) if speaker else None
    return Statement(speaker=sp, quote=quote, start=0, end=len(quote), subjects=subjects or [])


def article(n: int, outlet: str) -> ArticleEnriched:
    return ArticleEnriched(id=f"a{n}", url=f"https://{outlet}.example/{n}", outlet=outlet, text="نص")


def test_near_duplicate_quote_of_same_speaker_updates_one_alert_with_two_outlets():
    idx = NoveltyIndex(merge_on_subject=False)
    is_new, first = idx.observe(RULE, statement(QUOTE), article(1, "alsumaria"), T0)
    assert is_new and first.count == 1
    is_new, second = idx.observe(RULE, statement(REWRITE), article(2, "rudaw"), T0 + timedelta(hours=3))
    assert not is_new
    assert second.id == first.id and second.count == 2
    assert [a.outlet for a in second.articles] == ["alsumaria", "rudaw"]
    assert second.last_seen == T0 + timedelta(hours=3) and second.first_seen == T0
    assert len(idx) == 1


def test_same_article_seen_again_changes_nothing():
    idx = NoveltyIndex()
    idx.observe(RULE, statement(QUOTE), article(1, "alsumaria"), T0)
    obs = idx.observe(RULE, statement(QUOTE), article(1, "alsumaria"), T0 + timedelta(minutes=5))
    assert not obs.is_new and not obs.deliver and not obs.changed and obs.alert.count == 1


def test_different_speaker_raises_a_new_alert():
    idx = NoveltyIndex()
    _, a = idx.observe(RULE, statement(QUOTE), article(1, "x"), T0)
    is_new, b = idx.observe(RULE, statement(QUOTE, speaker="قيس المحمداوي"), article(2, "y"), T0)
    assert is_new and b.id != a.id and len(idx) == 2


def test_different_quote_without_subject_merge_is_new():
    idx = NoveltyIndex(merge_on_subject=False)
    idx.observe(RULE, statement(QUOTE), article(1, "x"), T0)
    is_new, _ = idx.observe(RULE, statement("العلاقة بين الطرفين ستكون استشارية في التدريب"), article(2, "y"), T0)
    assert is_new


def test_outside_the_window_is_new():
    idx = NoveltyIndex(window=timedelta(days=7), merge_on_subject=False)
    _, a = idx.observe(RULE, statement(QUOTE), article(1, "x"), T0)
    is_new, b = idx.observe(RULE, statement(REWRITE), article(2, "y"), T0 + timedelta(days=8))
    assert is_new and b.id != a.id
    assert len(idx) == 1  # the old one expired


def test_alert_id_is_deterministic():
    assert alert_id(RULE, "تحسين الخفاجي", QUOTE, "a1") == alert_id(RULE, "تحسين الخفاجي", QUOTE, "a1")
    assert alert_id(RULE, "تحسين الخفاجي", QUOTE, "a1") != alert_id("other", "تحسين الخفاجي", QUOTE, "a1")
    assert statement_key("x", "القوات، انسحاب") == statement_key("x", "انسحاب القوات")
    # a restarted worker (empty state) re-processing the same article raises the same alert id
    _, a = NoveltyIndex().observe(RULE, statement(QUOTE), article(1, "x"), T0)
    _, b = NoveltyIndex().observe(RULE, statement(QUOTE), article(1, "x"), T0 + timedelta(minutes=1))
    assert a.id == b.id
    assert table_key(RULE, "تحسين الخفاجي") == f"{RULE}|تحسين الخفاجي"
    assert "قوات" in quote_words(QUOTE)


def test_state_round_trips_through_json():
    idx = NoveltyIndex(merge_on_subject=False)
    idx.observe(Rule(name=RULE, subjects=["military_withdrawal"], quiet_period=60), statement(QUOTE),
                article(1, "x"), T0)
    state = json.loads(json.dumps(idx.to_state(), ensure_ascii=False))
    again = NoveltyIndex.from_state(state, merge_on_subject=False)
    assert again.to_state() == idx.to_state()
    is_new, alert = again.observe(RULE, statement(REWRITE), article(2, "y"), T0 + timedelta(hours=1))
    assert not is_new and alert.count == 2
    assert NoveltyIndex.from_state(None).to_state()["alerts"] == []


def test_quiet_period_records_but_does_not_deliver():
    rule = Rule(name=RULE, subjects=["military_withdrawal"], quiet_period=600)
    idx = NoveltyIndex()
    first = idx.observe(rule, statement(QUOTE), article(1, "x"), T0)
    second = idx.observe(rule, statement(QUOTE, speaker="قيس المحمداوي"), article(2, "y"), T0 + timedelta(minutes=5))
    third = idx.observe(rule, statement(QUOTE, speaker="مايلز ككينز"), article(3, "z"), T0 + timedelta(minutes=11))
    assert first.deliver and second.is_new and not second.deliver and third.deliver
    assert len(idx) == 3


def test_khafaji_reports_of_three_outlets_collapse_into_one_alert():
    """Seeds 002-004: three outlets report al-Khafaji on the end of the combat forces in different words."""
    idx = NoveltyIndex()
    for n, name in enumerate(["002_53bfce609cf075d0.txt", "003_3ef7dfa2a7074a0e.txt", "004_d06fec6805e27b95.txt"]):
        text = (SEEDS / name).read_text(encoding="utf-8")
        enriched = enrich_article(ArticleClean(id=name, url=f"file:///{name}", outlet=f"outlet{n}", text=text))
        for st in enriched.statements:
            if "military_withdrawal" in st.subjects and st.speaker and st.speaker.canonical == "تحسين الخفاجي":
                idx.observe(RULE, st, enriched, T0 + timedelta(hours=n))
    alerts = idx.alerts()
    assert len(alerts) == 1
    assert [a.outlet for a in alerts[0].articles] == ["outlet0", "outlet1", "outlet2"]
    assert alerts[0].count == 3


def test_a_statement_repeated_thousands_of_times_keeps_a_bounded_alert_but_every_outlet():
    from pipeline.alerts.novelty import MAX_ALERT_ARTICLES

    idx = NoveltyIndex(merge_on_subject=False)
    for n in range(MAX_ALERT_ARTICLES + 300):
        _, alert = idx.observe(RULE, statement(QUOTE), article(n, "alsumaria"), T0 + timedelta(minutes=n))
    _, alert = idx.observe(RULE, statement(QUOTE), article(10_000, "rudaw"), T0 + timedelta(hours=9))
    assert alert.count == MAX_ALERT_ARTICLES + 301  # every report counted
    assert len(alert.articles) == MAX_ALERT_ARTICLES + 1  # listed up to the cap, then only new outlets
    assert alert.articles[-1].outlet == "rudaw" and alert.last_seen == T0 + timedelta(hours=9)
