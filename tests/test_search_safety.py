"""Search input safety: hostile query text only ever becomes a JSON value; syntax errors are clear (exit 2).

No engine is needed: the body is checked as built, and the CLI error path fails before any request.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.search.query import QuerySyntaxError, build_query, check_query_syntax

# Strings that are valid query syntax but try to break out of the JSON or widen the query.
HOSTILE_VALID = [
    '"}}, {"match_all": {}}, {"x": "',  # JSON break-out attempt (balanced quotes, so it is one phrase)
    "\"}}]}, \"script\": {\"source\": \"System.exit(0)\"}, \"x\": {\"y\": [\"",
    "*:*",
    "_id:x OR text:y",
    "_source:* OR _index:raqib*",
    "title:(انسحاب) AND statements.quote:\"القوات\"",
    "{\"script\": {\"source\": \"ctx._source.x = 1\"}}",
    "<script>alert(1)<\\/script>",  # escaped slash: a bare "/" starts a regex, refused (test_hostile_search)
    "'; DROP TABLE articles; --",
    "انسحاب\u202e القوات\u200f\u0640\u064b",
    "\\\"escaped quote",
    "a\x00b\x1fc",
    "انسحاب " * 1500,  # 10.5k characters
    "x" * 10_000,
]
# Strings with a syntax mistake: each must be refused before any request, with a message naming it.
MALFORMED = {
    '"}}, {"match_all": {}}': "double quote at position 17 is never closed",
    '"انسحاب القوات': "double quote at position 1 is never closed",
    "الكاظمي AND (": "'(' at position 13 is never closed",
    "(انسحاب OR (القوات)": "'(' at position 1 is never closed",
    "انسحاب)": "')' at position 7 closes nothing",
    "title:[": "'[' at position 7 is never closed",
    "date:[2021 TO 2022": "'[' at position 6 is never closed",
    "AND انسحاب": "starts with the operator AND",
    "انسحاب OR": "ends with the operator OR",
    "انسحاب ||": "ends with the operator ||",
    "انسحاب NOT": "ends with the operator NOT",
    "انسحاب \\": "ends with a lone backslash",
    "()": "empty parentheses",
    '"' * 10_001: "double quote at position 10001 is never closed",
}


def _strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, string) in a JSON document, keys included (a key is reported as path + '#key')."""
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((f"{path}/{key}#key", key))
            out += _strings(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _strings(value, f"{path}/{i}")
    elif isinstance(node, str):
        out.append((path, node))
    return out


_TIERS = "/query/bool/must/0/bool/should/0/dis_max/queries"
QUERY_PATHS = {  # ranked OR: the tiers of the article fields (pipeline.search.query.ranked_or), then the quotes
    f"{_TIERS}/0/function_score/query/query_string/query",
    f"{_TIERS}/1/bool/must/0/query_string/query",
    f"{_TIERS}/1/bool/should/0/constant_score/filter/query_string/query",
    f"{_TIERS}/1/bool/should/1/constant_score/filter/query_string/query",
    "/query/bool/must/0/bool/should/1/nested/query/query_string/query",
}


@pytest.mark.parametrize("q", HOSTILE_VALID, ids=lambda q: repr(q[:30]))
def test_hostile_query_text_is_only_a_value(q: str) -> None:
    baseline = build_query("انسحاب")
    body = build_query(q, outlet='x"}, {"match_all": {}}', entity="*", topic="a OR b", subject="\\")
    wire = json.dumps(body, ensure_ascii=False)
    assert json.loads(wire) == body  # well-formed, round-trips
    text = q.strip()
    # The query text occurs exactly at the query_string values, nowhere else (no key, no other value).
    holding = {path for path, value in _strings(body) if text in value}
    assert holding == QUERY_PATHS
    assert all(value == text for path, value in _strings(body) if path in QUERY_PATHS)
    # Same shape as a harmless query: the hostile text added no clause, field, script or option.
    shape = lambda d: sorted(p for p, _ in _strings(d))  # noqa: E731
    assert shape(body) == shape(build_query("انسحاب", outlet="o", entity="e", topic="t", subject="s"))
    assert set(body) == set(baseline) and "script" not in {k for _, k in _strings(body) if _.endswith("#key")}
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"outlet": 'x"}, {"match_all": {}}'}} in filters  # a filter value is a term, verbatim


@pytest.mark.parametrize(("q", "reason"), MALFORMED.items(), ids=lambda x: repr(x[:20]))
def test_malformed_queries_are_refused_with_a_clear_message(q: str, reason: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        build_query(q)
    message = str(info.value)
    assert message.startswith("cannot parse the query ") and reason in message
    assert "Check quotes, brackets and AND/OR/NOT" in message


@pytest.mark.parametrize("q", ['"a b" OR c', "title:[a TO b}", "(a OR b) AND -c", "NOT x", "a\\(b", "\"a (\" b",
                               "x:\"]\"", "a && b", "+a -b", "الكاظمي~2", "انسحاب*"])
def test_valid_lucene_syntax_is_not_refused(q: str) -> None:
    check_query_syntax(q)
    tiers = build_query(q)["query"]["bool"]["must"][0]["bool"]["should"][0]["dis_max"]["queries"]
    assert tiers[-1]["bool"]["must"][0]["query_string"]["query"] == q


def test_dates_are_checked_not_passed_through() -> None:
    rng = build_query("x", from_="2021-10-01", to="2021-12-31T23:59:59+03:00")["query"]["bool"]["filter"][0]
    assert rng == {"range": {"published_at": {"gte": "2021-10-01", "lte": "2021-12-31T23:59:59+03:00"}}}
    for bad in ("now-1d||/y", "2021-13-01", '2021"}}', "yesterday"):
        with pytest.raises(QuerySyntaxError, match="invalid date"):
            build_query("x", from_=bad)


def test_cli_exits_2_with_the_message_before_querying(monkeypatch) -> None:
    from pipeline import cli
    from pipeline.settings import get_settings

    # Nothing listens on port 9: had the CLI sent a request, it would exit 1 with "Cannot reach".
    monkeypatch.setenv("RAQIB_SEARCH_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("COLUMNS", "500")
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        for q, reason in [('"انسحاب القوات', "is never closed"), ("x [/red] [bold] (", "'(' at position 17"),
                          ("AND [/]", "starts with the operator AND")]:
            result = runner.invoke(cli.app, ["search", q])
            output = result.output + (result.stderr if result.stderr_bytes is not None else "")
            assert result.exit_code == 2, output
            assert "Invalid query: cannot parse the query" in output and reason in output
            assert q in output  # printed literally: rich markup in the query is not interpreted
            assert "Cannot reach" not in output
        bad_date = runner.invoke(cli.app, ["search", "x", "--from", "now-1d"])
        assert bad_date.exit_code == 2 and "invalid date 'now-1d'" in bad_date.output + bad_date.stderr
    finally:
        get_settings.cache_clear()
