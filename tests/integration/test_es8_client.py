"""The Elasticsearch 8 code path, run: every call raqib makes through the ``elasticsearch`` 8 client, against the
real local OpenSearch node behind the test-only product-check shim (tests/es8_shim.py).

The node is set to Elasticsearch 8's default ``action.destructive_requires_name: true`` for this module, so
the one ES 8 refusal the node can reproduce (wildcard deletes) is exercised too. The search contract
modules (test_search_analysis, test_relevance, test_alert_rules) also run through this path: see
tests/integration/conftest.py (``settings`` and ``engine_settings`` are parametrised over both clients).
"""

from __future__ import annotations

from collections.abc import Iterator

import elasticsearch
import httpx
import pytest

from pipeline.alerts.rules import Rule, RuleError
from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean
from pipeline.search import engine, percolator, templates
from pipeline.search.query import alerts_query, search_articles
from pipeline.settings import Settings
from tests.conftest import SEEDS
from tests.es8_shim import ES8Shim

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def es8(es8_shim: ES8Shim, services_env) -> Iterator[tuple[elasticsearch.Elasticsearch, Settings]]:
    settings = Settings(search_engine="elasticsearch", search_url=es8_shim.url, index_prefix="raqibes8")
    client = engine.make_client(settings)
    assert isinstance(client, elasticsearch.Elasticsearch)
    yield client, settings
    engine.delete_indices(client, "raqibes8-*")
    for kind in ("articles", "alerts"):
        engine.delete_index_template(client, templates.template_name(settings, kind))
    client.close()


def _article(name: str):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return enrich_article(ArticleClean(id=name, url=f"urn:es8:{name}", title=text.split("\n", 1)[0], text=text,
                                       outlet="es8"))


def test_the_es8_client_passes_its_product_check_only_through_the_shim(es8, services_env) -> None:
    client, _ = es8
    assert engine.ping(client)
    assert client.info()["version"]["number"].startswith("8.")
    direct = elasticsearch.Elasticsearch(services_env["RAQIB_SEARCH_URL"])
    with pytest.raises(elasticsearch.UnsupportedProductError):
        direct.info()  # OpenSearch itself: the client refuses it, so a green run below went through the ES client
    direct.close()


def test_templates_aliases_bulk_search_with_highlights_count_and_delete(es8, es8_shim: ES8Shim) -> None:
    client, settings = es8
    done = templates.setup(client, settings)
    assert done["created"] and engine.index_exists(client, done["current_index"])
    assert templates.setup(client, settings)["created"] == []  # idempotent: "already exists" understood
    articles = [_article(n) for n in ("000_1c0bd87af38d2f00.txt", "002_53bfce609cf075d0.txt")]
    actions = [{"_index": templates.index_for(d := templates.to_document(a), settings), "_id": a.id, "_source": d}
               for a in articles]
    result = engine.bulk(client, actions, refresh=True)
    assert sorted(result.ok_ids) == sorted(a.id for a in articles) and not result.errors
    assert engine.count(client, settings.articles_alias) == 2
    assert engine.count(client, "raqibes8-missing") == 0
    hits = search_articles(client, settings, "المحمداوي")
    assert [h.id for h in hits] == ["000_1c0bd87af38d2f00.txt"]
    assert any("<em>" in h and "المحمداوي" in h for h in hits[0].highlights)
    update = engine.bulk(client, [{"_op_type": "update", "_index": actions[0]["_index"], "_id": articles[0].id,
                                   "_source": {"outlet": "updated"}}], refresh=True)
    assert update.ok_ids == [articles[0].id]
    assert engine.document_ids(client, settings.articles_alias) and engine.analyze(
        client, done["current_index"], "raqib_ar", "إقليم") == engine.analyze(client, done["current_index"],
                                                                                 "raqib_ar", "اقليم")
    assert engine.search(client, templates.alerts_index(settings), alerts_query(None, 5))["hits"]["hits"] == []
    engine.delete_indices(client, "raqibes8-articles-*")  # a wildcard: ES 8 refuses it unless resolved first
    assert engine.count(client, settings.articles_alias) == 0
    assert ("DELETE", f"/{done['current_index']}?ignore_unavailable=true") in es8_shim.requests


def test_percolator_rules_through_the_es8_client(es8) -> None:
    client, settings = es8
    assert percolator.ensure_percolator_index(client, settings) is True
    assert percolator.ensure_percolator_index(client, settings) is False
    rule = Rule(name="es8-khafaji", query="الخفاجي")
    percolator.validate_rule(client, settings, rule)
    with pytest.raises(RuleError):
        percolator.validate_rule(client, settings, Rule(name="es8-broken", query="الخفاجي AND (", ))
    assert percolator.register_rules(client, settings, [rule]) == ["es8-khafaji"]
    assert percolator.registered_rules(client, settings) == ["es8-khafaji"]
    matched = [name for name, _ in percolator.match_rules(client, settings, _article("004_d06fec6805e27b95.txt"))]
    assert "es8-khafaji" in matched
    assert "es8-khafaji" not in [n for n, _ in percolator.match_rules(client, settings,
                                                                     _article("000_1c0bd87af38d2f00.txt"))]
    assert percolator.register_rules(client, settings, []) == []
    assert percolator.registered_rules(client, settings) == []


def test_the_node_refuses_wildcard_deletes_like_elasticsearch_8(es8_shim: ES8Shim) -> None:
    """Guard for the test above: the raw wildcard delete really is refused, so resolving names is needed."""
    reply = httpx.delete(f"{es8_shim.url}/raqibes8-nothing-*")
    assert reply.status_code == 400 and ("destructive" in reply.text.lower() or "wildcard" in reply.text.lower())


def test_a_field_longer_than_the_highlight_limit_does_not_fail_the_search(search_client, settings,
                                                                          search_setup) -> None:
    """On both clients (``settings`` is parametrised): without the per-request bound, in each engine's spelling,
    the engine refuses to highlight a field over ``index.highlight.max_analyzed_offset`` (1,000,000 characters)."""
    text = "بغداد " + "كلمة " * 210_000  # 1,050,006 characters
    doc = {"id": "long", "url": "urn:long", "title": "long", "text": text, "outlet": "long",
           "fetched_at": "2025-01-02T00:00:00Z"}
    index = search_setup["current_index"]
    assert engine.bulk(search_client, [{"_index": index, "_id": "long-article", "_source": doc}],
                       refresh=True).ok_ids == ["long-article"]
    try:
        hits = search_articles(search_client, settings, "بغداد")
        assert "long-article" in [h.id for h in hits]
    finally:
        engine.bulk(search_client, [{"_op_type": "delete", "_index": index, "_id": "long-article"}], refresh=True)
