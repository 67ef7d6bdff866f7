"""Terminal helpers shared by every command: one error format, secrets redacted, user text never markup."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.settings import Settings, get_settings, redact

console = Console()
err = Console(stderr=True, highlight=False)


def say(style: str, message: object) -> None:
    """One line on stderr in ``style``: credentials redacted, user text never read as rich markup."""
    err.print(f"[{style}]{escape(redact(str(message), get_settings()))}[/{style}]")


def fail(message: object, code: int = 1) -> NoReturn:
    """``error: <message>`` on stderr (redacted) and exit with ``code``."""
    err.print(f"[bold red]error:[/] {escape(redact(str(message), get_settings()))}")
    raise typer.Exit(code)


def fail_connection(settings: Settings, exc: Exception) -> NoReturn:
    """The search engine is unreachable: say where, how to start it, and the client's reason."""
    say("red", f"Cannot reach the {settings.search_engine} node at {settings.search_url}.")
    err.print("Start the local services with [bold]raqib services up[/bold] (or set RAQIB_SEARCH_URL).")
    say("dim", exc)
    raise typer.Exit(1)
