"""Hostile search input and output: expensive queries refused before the engine, terminal escapes in
article titles and texts never reach the terminal. (Highlight escaping needs the engine:
``tests/integration/test_hostile_search_engine.py``.)"""

from __future__ import annotations

import io
import time

import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline.alerts.rules import Rule
from pipeline.cli.console import json_line, terminal_safe
from pipeline.cli.search import print_hits
from pipeline.errors import RuleError
from pipeline.search.percolator import rule_to_query
from pipeline.search.query import Hit, QuerySyntaxError, build_query, check_query_syntax

OSC_TITLE = "\x1b]0;pwned\x07"  # retitles the terminal window
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
C1_CSI = "\x9b31m"  # the one-byte CSI
LINK = "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"  # a hidden hyperlink

EXPENSIVE = {
    "url:/.*127.*/": "regular expressions",
    "/انسحاب.*/": "regular expressions",
    "title:/[a-z]+/ AND x": "regular expressions",
    "*127*": "needs at least 3 characters",
    "a*": "needs at least 3 characters",
    "url:ht?p*": "needs at least 3 characters",
    "+ab*c": "needs at least 3 characters",
    "(" * 3000 + "x" + ")" * 3000: "nest 3000 deep",
    "(" * 17 + "x" + ")" * 17: "nest 17 deep",
    "a~ b~ c~ d~ e~ f~": "6 wildcard or fuzzy terms",
    "انسحاب " * 2000: "characters long",
}


@pytest.mark.parametrize(("q", "reason"), EXPENSIVE.items(), ids=lambda x: repr(x[:20]))
def test_expensive_queries_are_refused_before_the_engine(q: str, reason: str) -> None:
    start = time.monotonic()
    with pytest.raises(QuerySyntaxError, match="refused the query") as info:
        build_query(q)
    assert reason in str(info.value) and len(str(info.value)) < 400  # the query is not echoed whole
    assert time.monotonic() - start < 0.5
    with pytest.raises(RuleError, match="refused the query"):  # `rules add` and the worker: same bounds
        rule_to_query(Rule(name="r", query=q))


@pytest.mark.parametrize("q", ["انسحاب*", "title:انسحا?", "الكاظمي~2", '"انسحاب القوات"~3', "*:*", "_source:*",
                               "url:\"https://x.example/a/b\"", "a\\/b", "(" * 16 + "x" + ")" * 16,
                               "raqib* OR انسحاب~ OR القوات~1"])
def test_bounded_queries_still_pass(q: str) -> None:
    check_query_syntax(q)
    clause = build_query(q)["query"]["bool"]["must"][0]["bool"]["should"][1]["nested"]["query"]["query_string"]
    assert clause["fuzzy_max_expansions"] <= 50 and clause["allow_leading_wildcard"] is False


def test_cli_refuses_an_expensive_query_without_asking_the_engine(monkeypatch) -> None:
    from pipeline import cli
    from pipeline.settings import get_settings

    monkeypatch.setenv("RAQIB_SEARCH_URL", "http://127.0.0.1:9")  # had it asked, it would say "Cannot reach"
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["search", "(" * 3000 + "x" + ")" * 3000])
    finally:
        get_settings.cache_clear()
    out = result.output + result.stderr
    assert result.exit_code == 2 and "nest 3000 deep" in out and "Cannot reach" not in out


def _hostile_hit() -> Hit:
    return Hit(id="1", url=f"https://news.example/{CLEAR}1", title=f"عنوان{OSC_TITLE}{CLEAR}{C1_CSI}خبر\nسطر مزيف",
               outlet=f"منفذ{LINK}", published_at="2021-12-01", score=1.0,
               highlights=[f"نص &lt;b&gt; {OSC_TITLE}<em>انسحاب</em>{C1_CSI} القوات"])


def test_terminal_escapes_in_titles_and_texts_are_not_printed() -> None:
    buffer = io.StringIO()
    print_hits(Console(file=buffer, force_terminal=True, width=200), [_hostile_hit()])
    out = buffer.getvalue()
    for seq in ("\x1b]", "\x1b[2J", "\x1b[H", "\x9b", "\x07", "pwned\x07"):
        assert seq not in out, repr(seq)
    assert "عنوانخبر سطر مزيف" in out  # the text itself is kept, on one line
    assert "<b>" in out and "&lt;" not in out  # highlights are HTML-escaped by the engine: printed as text


def test_json_output_escapes_every_control_character() -> None:
    line = json_line(_hostile_hit().to_dict())
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in line)
    import json

    assert json.loads(line)["title"] == _hostile_hit().title  # nothing lost for a JSON reader
    assert terminal_safe("a\tb\nc\x1b[31m", one_line=True) == "a b c"
