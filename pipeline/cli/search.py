"""``raqib search``: ranked article search from the terminal, and ``raqib search setup`` for the indices.

Registered by the main CLI (``pipeline.cli.main``).
"""

from __future__ import annotations

import html
import re
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from pipeline.cli.console import fail_connection, json_line, say, terminal_safe
from pipeline.search import engine, templates
from pipeline.search.query import Hit, QuerySyntaxError, search_articles
from pipeline.settings import get_settings

_EM = re.compile(r"<em>(.*?)</em>", re.S)
def _error(message: str, detail: object = "") -> None:
    """A red error line (and a dim detail) on stderr."""
    say("red", message)
    if detail:
        say("dim", detail)


def _plain(html_text: str) -> str:
    """Highlights are HTML-escaped by the engine (``encoder: html``); the terminal gets the text, without
    control characters."""
    return terminal_safe(html.unescape(html_text), one_line=True)


def _snippet(fragment: str) -> Text:
    """A highlight fragment with the matched words in bold; Arabic left as is (the terminal does bidi)."""
    text = Text()
    pos = 0
    for m in _EM.finditer(fragment):
        text.append(_plain(fragment[pos:m.start()]))
        text.append(_plain(m.group(1)), style="bold yellow")
        pos = m.end()
    text.append(_plain(fragment[pos:]))
    return text


def print_hits(console: Console, hits: list[Hit]) -> None:
    if not hits:
        console.print("No matching articles.")
        return
    for rank, hit in enumerate(hits, start=1):
        title = terminal_safe(hit.title, one_line=True) or "(untitled)"
        console.print(Text(f"{rank}. ", style="bold") + Text(title, style="bold"), justify="right")
        meta = " · ".join(x for x in (hit.outlet, (hit.published_at or "")[:10], f"score {hit.score or 0:.2f}") if x)
        console.print(Text(terminal_safe(meta, one_line=True), style="cyan"))
        console.print(Text(terminal_safe(hit.url, one_line=True), style="blue underline"))
        for frag in hit.highlights:
            console.print(_snippet(" ".join(frag.split())), justify="right")
        console.print()


def search_command(
    query: Annotated[str, typer.Argument(help='Words to find (articles holding all of them first, then most, '
                                             'then any); "quoted phrases" match exactly; AND/OR/-word work')],
    from_: Annotated[str | None, typer.Option("--from", help="Published on or after (YYYY-MM-DD)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Published on or before (YYYY-MM-DD)")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet")] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles mentioning this entity (canonical name)")] = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic id")] = None,
    subject: Annotated[str | None, typer.Option(help="Only statements on this subject, e.g. military_withdrawal")]
    = None,
    size: Annotated[int, typer.Option(min=1, max=1000, help="Number of results")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
) -> None:
    """Search articles, best match first (newer first among equals)."""
    settings = get_settings()
    client = engine.make_client(settings)
    try:
        hits = search_articles(client, settings, query, from_=from_, to=to, outlet=outlet, entity=entity,
                               topic=topic, subject=subject, size=size)
    except QuerySyntaxError as exc:
        _error(f"Invalid query: {exc}")
        raise typer.Exit(2) from exc
    except engine.SearchConnectionError as exc:
        fail_connection(get_settings(), exc)
    except engine.NotFound as exc:
        _error(f"No article index yet ({exc}). Run `raqib search setup`.")
        raise typer.Exit(1) from exc
    except engine.SearchError as exc:
        _error(f"Search failed: {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        for hit in hits:
            typer.echo(json_line(hit.to_dict()))
        return
    print_hits(Console(), hits)


def setup_command() -> None:
    """Install the index templates and create the current month's index (safe to run again)."""
    settings = get_settings()
    client = engine.make_client(settings)
    try:
        done = templates.setup(client, settings)
    except engine.SearchConnectionError as exc:
        fail_connection(get_settings(), exc)
    except engine.SearchError as exc:
        _error(f"Setup failed: {exc}")
        raise typer.Exit(1) from exc
    console = Console()
    console.print(f"Templates: {', '.join(done['templates'])} ({done['variants']} spelling-variant groups)")
    created = ", ".join(done["created"]) or "none (all existed)"
    console.print(f"Indices created: {created}; articles are read through the alias {done['alias']}")
