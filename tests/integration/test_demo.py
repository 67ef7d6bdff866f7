"""`raqib demo`, the README's first command for a newcomer, end to end on the session's real Kafka and
OpenSearch: sample site → connector → worker → index → search → withdrawal statements. Run twice: the second
run must show what its own worker enriched, not what an earlier demo left in the index under the same ids."""

from __future__ import annotations

import re
import socket

import pytest

from pipeline.search import engine
from pipeline.settings import Settings
from tests.conftest import isolated_env, run_raqib

pytestmark = pytest.mark.integration  # the session's real Kafka and OpenSearch


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo(env: dict[str, str]) -> str:
    proc = run_raqib("demo", "--timeout", "150", env=env, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert re.search(r"all 5 articles enriched and searchable", out), out[-3000:]
    return out


def _withdrawal_articles(out: str) -> int:
    return int(re.search(r"articles with statements on military withdrawal: (\d+)", out)[1])


def test_demo_runs_end_to_end_and_a_second_run_shows_its_own_enrichment(services_env) -> None:
    env = {**isolated_env("demo"), "RAQIB_DEMO_SITE_PORT": str(_free_port())}
    first = _demo(env)
    assert _withdrawal_articles(first) >= 3
    assert "البرلمان العراقي" in first and "الخفاجي" in first  # speakers of the seed articles' statements

    # what an older demo (or an older raqib) left in the index: the same ids, enriched long ago, no statements
    settings = Settings(**{k.removeprefix("RAQIB_").lower(): v for k, v in env.items()
                           if k == "RAQIB_INDEX_PREFIX"})
    client = engine.make_client(settings)
    client.update_by_query(index=settings.articles_alias, body={
        "query": {"match_all": {}},
        "script": {"lang": "painless", "source": "ctx._source.statements = []; ctx._source.subjects = []; "
                                                   "ctx._source.enriched_at = '2000-01-01T00:00:00Z'"}},
        params={"refresh": "true", "conflicts": "proceed"})

    second = _demo(env)
    assert _withdrawal_articles(second) == _withdrawal_articles(first), second[-3000:]
