"""Alert rules on the real search engine: percolator index, built-in rule, query validation, analysis."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from pipeline.alerts.rules import Rule, RuleError, RuleStore, builtin_rules
from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean, ArticleEnriched
from pipeline.search import engine
from pipeline.search.percolator import (
    ensure_percolator_index,
    match_rules,
    percolator_index,
    register_rule,
    register_rules,
    registered_rules,
    sync_rules,
    validate_rule,
)
from tests.conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.integration

KHAFAJI_SEED = "004_d06fec6805e27b95.txt"
SPORT_WITHDRAWAL = (
    "انسحاب نادي الزوراء من البطولة\n"
    'وقال رئيس نادي الزوراء في مؤتمر صحفي إن "قرار انسحاب الفريق من بطولة الأندية الآسيوية كان صعبا '
    'بسبب الأزمة المالية"، مضيفا أن اللاعبين سيعودون إلى بغداد بعد المباراة الأخيرة في الدوري.'
)


def enriched(text: str, name: str) -> ArticleEnriched:
    return enrich_article(ArticleClean(id=name, url=f"urn:test:{name}", title=text.split("\n", 1)[0], text=text,
                                       outlet="test"))


@pytest.fixture(scope="module")
def rules_env(settings) -> Iterator[tuple[engine.Client, object]]:
    """On both clients (``settings`` is parametrised: opensearch-py and the elasticsearch 8 client)."""
    settings = settings.model_copy(update={"index_prefix": f"{settings.index_prefix}-alertrules"})
    client = engine.make_client(settings)
    if engine.index_exists(client, percolator_index(settings)):
        engine.delete_indices(client, percolator_index(settings))
    yield client, settings
    if engine.index_exists(client, percolator_index(settings)):
        engine.delete_indices(client, percolator_index(settings))
    client.close()


def test_percolator_index_uses_the_shared_arabic_analysis(rules_env):
    client, settings = rules_env
    assert ensure_percolator_index(client, settings) is True
    assert ensure_percolator_index(client, settings) is False
    index = percolator_index(settings)
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert mapping["query"]["type"] == "percolator"
    assert mapping["text"]["analyzer"] == "raqib_ar"
    # hamza/alef folding and stemming, as in the articles indices
    assert engine.analyze(client, index, "raqib_ar", "إقليم") == engine.analyze(client, index, "raqib_ar", "اقليم")


def test_builtin_rule_matches_khafaji_not_a_sports_withdrawal(rules_env):
    client, settings = rules_env
    assert register_rules(client, settings, builtin_rules()) == ["military-withdrawal"]
    article = enriched((SEEDS / KHAFAJI_SEED).read_text(encoding="utf-8"), "khafaji")
    matches = match_rules(client, settings, article)
    slots = [slot for name, slot in matches if name == "military-withdrawal"]
    assert slots and None not in slots  # statements only
    speakers = {article.statements[s].speaker.canonical for s in slots if article.statements[s].speaker}
    assert "تحسين الخفاجي" in speakers
    assert all("military_withdrawal" in article.statements[s].subjects for s in slots)
    for text, name in ((SPORT_WITHDRAWAL, "sport"),
                       ((FIXTURES / "distractors" / "sport_team_withdrawal.txt").read_text(encoding="utf-8"),
                        "sport-fixture")):
        sport = enriched(text, name)
        assert "انسحاب" in sport.text
        assert match_rules(client, settings, sport) == []


@pytest.mark.parametrize("query", ['"unclosed', "title:(", "انسحاب AND"])
def test_a_broken_query_is_rejected_with_the_engine_reason(rules_env, query):
    client, settings = rules_env
    rule = Rule(name="broken", query=query)
    with pytest.raises(RuleError, match="Cannot parse"):
        validate_rule(client, settings, rule)
    with pytest.raises(RuleError, match="Cannot parse"):
        register_rules(client, settings, [rule])
    resp = engine.search(client, percolator_index(settings), {"query": {"ids": {"values": ["broken"]}}})
    assert resp["hits"]["hits"] == []


def test_query_rule_matches_an_alef_hamza_variant_and_is_unregistered_on_removal(rules_env):
    client, settings = rules_env
    rules = [Rule(name="kurdistan", query="اقليم كردستان"), Rule(name="basra", query="البصرة")]
    validate_rule(client, settings, rules[0])
    register_rules(client, settings, rules)
    article = enriched("زيارة إلى أربيل\nوصل الوفد الحكومي إلى إقليم كردستان اليوم لبحث ملف الرواتب.", "kurd")
    assert match_rules(client, settings, article) == [("kurdistan", None)]
    register_rules(client, settings, rules[1:])
    assert match_rules(client, settings, article) == []


def test_rule_words_are_all_required_unless_the_rule_says_or(rules_env):
    """Search is ranked OR; a rule is not: "صواريخ باتريوت" fires only on articles holding both words
    (a proclitic glued on counts, as in search), "صواريخ OR باتريوت" on either."""
    client, settings = rules_env
    rules = [Rule(name="patriot", query="صواريخ باتريوت"), Rule(name="either", query="صواريخ OR باتريوت")]
    register_rules(client, settings, rules)
    both = enriched("تعزيزات دفاعية\nأعلنت الوزارة تزويد الجيش بصواريخ باتريوت جديدة لحماية المطارات.", "both")
    one = enriched("قصف حدودي\nأطلقت الفصائل صواريخ على مواقع قرب الحدود دون أن تسجل إصابات.", "one")
    fired = lambda article: sorted({name for name, _ in match_rules(client, settings, article)})  # noqa: E731
    assert fired(both) == ["either", "patriot"]
    assert fired(one) == ["either"]


def test_a_worker_starting_while_a_rule_is_added_keeps_the_new_rule(rules_env, tmp_path):
    """The worker registers the rules file at start and unregisters what the file lacks. Reading the file
    between `raqib rules add` registering a rule and saving it dropped that rule: a CI run's worker started
    just so and raised no alert at all. Under the rules lock it reads the file only after the save."""
    client, settings = rules_env
    store = RuleStore(tmp_path / "rules.yaml", builtin_path=None)
    rule = Rule(name="added-meanwhile", query="انسحاب")
    worker = threading.Thread(target=sync_rules, args=(client, settings, store))
    with store.locked():  # what `raqib rules add` holds from registering to saving
        register_rule(client, settings, rule)
        worker.start()
        time.sleep(1.0)  # without the lock the worker reads the file (no rule yet) and unregisters it here
        store.add(rule)
    worker.join(60)
    assert not worker.is_alive()
    assert "added-meanwhile" in registered_rules(client, settings)


def test_rules_add_waits_for_the_rules_lock(services_env, tmp_path):
    """`raqib rules add` registers and saves under the lock a starting worker takes (the test above)."""
    path = tmp_path / "rules.yaml"
    env = {**services_env, "RAQIB_RULES_FILE": str(path), "RAQIB_INDEX_PREFIX": "raqibit-rulelock"}
    with RuleStore(path, builtin_path=None).locked():
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "rules", "add", "held", "--query", "انسحاب"],
                                env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)
        time.sleep(10)  # ample for the CLI to start, check the query and save, were it not waiting
        assert proc.poll() is None and not path.exists()
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    assert [r.name for r in RuleStore(path, builtin_path=None).load()] == ["held"]
