"""Fixtures for the search integration tests: a real OpenSearch/Elasticsearch node, never a mock.

``settings`` points at the OpenSearch node the session fixture ``services_env`` (tests/conftest.py) starts,
with an index prefix of its own. An unreachable node fails loudly instead of skipping, so a green run
always means the engine was exercised. Contract tests against Elasticsearch 8: set
``RAQIB_TEST_ELASTICSEARCH_URL`` (and RAQIB_SEARCH_USERNAME/PASSWORD) and the same tests run there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from pipeline.search import engine, templates
from pipeline.settings import Settings


@pytest.fixture(scope="session")
def settings(services_env) -> Settings:
    es_url = os.environ.get("RAQIB_TEST_ELASTICSEARCH_URL")
    if es_url:
        return Settings(search_engine="elasticsearch", search_url=es_url, index_prefix="raqibtest")
    return Settings(index_prefix="raqibtest")


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
