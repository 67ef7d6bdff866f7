"""Fixtures for the search integration tests: a real OpenSearch/Elasticsearch node, never a mock.

``settings`` points at the OpenSearch node the session fixture ``services_env`` (tests/conftest.py) starts,
with an index prefix of its own, once through the ``opensearch-py`` client and once through the
``elasticsearch`` 8 client (via the product-check shim, tests/es8_shim.py): every contract test runs on both
code paths. An unreachable node fails loudly instead of skipping, so a green run always means the engine was
exercised. Against a real Elasticsearch 8: set ``RAQIB_TEST_ELASTICSEARCH_URL`` (and
RAQIB_SEARCH_USERNAME/PASSWORD) and the elasticsearch8 runs go there instead of the shim.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from pipeline.search import engine, templates
from pipeline.settings import Settings
from tests.es8_shim import ES8Shim


@pytest.fixture(scope="session")
def es8_shim(services_env) -> Iterator[ES8Shim]:
    """The ES 8 client's way to the local node; the node takes ES 8's default of refusing wildcard deletes."""
    node = services_env["RAQIB_SEARCH_URL"]

    def destructive_requires_name(value: bool | None) -> None:
        reply = httpx.put(f"{node}/_cluster/settings",
                          json={"transient": {"action.destructive_requires_name": value}}, timeout=30)
        reply.raise_for_status()

    with ES8Shim(node) as shim:
        destructive_requires_name(True)
        try:
            yield shim
        finally:
            destructive_requires_name(None)


@pytest.fixture(scope="session", params=["opensearch", "elasticsearch8"])
def settings(request, services_env) -> Settings:
    if request.param == "opensearch":
        return Settings(index_prefix="raqibtest")
    es_url = os.environ.get("RAQIB_TEST_ELASTICSEARCH_URL") or request.getfixturevalue("es8_shim").url
    return Settings(search_engine="elasticsearch", search_url=es_url, index_prefix="raqibtest8")


@pytest.fixture(scope="session")
def search_client(settings: Settings) -> Iterator[engine.Client]:
    client = engine.make_client(settings)
    if not engine.ping(client):
        pytest.fail(
            f"no search engine answers at {settings.search_url}: start one (raqib services up, or the "
            "development node) or point RAQIB_SEARCH_URL at it",
            pytrace=False,
        )
    yield client
    client.close()


@pytest.fixture(scope="module")
def search_setup(search_client: engine.Client, settings: Settings) -> Iterator[dict]:
    """Templates and indices under the test prefix for one module, removed afterwards."""
    done = templates.setup(search_client, settings)
    yield done
    engine.delete_indices(search_client, f"{settings.index_prefix}-articles-*")
    engine.delete_indices(search_client, templates.alerts_index(settings))
    for kind in ("articles", "alerts"):
        engine.delete_index_template(search_client, templates.template_name(settings, kind))
