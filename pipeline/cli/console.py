"""Terminal helpers shared by every command: one error format, secrets redacted, user text never markup."""

from __future__ import annotations

import re
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.settings import Settings, get_settings, redact

#: C0 and C1 control characters and DEL: ESC starts OSC/CSI sequences (retitle the window, clear the
#: screen, fake hyperlinks), 0x9b is a one-byte CSI; article titles and texts come from strangers
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: whole sequences first (OSC up to BEL/ST, CSI up to its final byte, other two-byte escapes), so their
#: parameters do not stay behind as text
_SEQUENCE = re.compile(r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                       r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b[@-~]?")
_LINE_BREAKS = re.compile(r"[\t\n]")


def terminal_safe(text: object, one_line: bool = False) -> str:
    """``text`` without control characters (a tab or newline becomes a space when ``one_line``)."""
    out = _CONTROL.sub("", _SEQUENCE.sub("", str(text)))
    return _LINE_BREAKS.sub(" ", out) if one_line else out


def json_line(data: object) -> str:
    """One JSON line for a terminal: C0 characters are escaped by ``json``, C1 ones (raw with
    ``ensure_ascii=False``) are escaped here; the data is unchanged for a JSON reader."""
    import json

    text = json.dumps(data, ensure_ascii=False)
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


console = Console()
err = Console(stderr=True, highlight=False)


def _redacted(message: object) -> str:
    """Redacted with the settings when they load (an error about the settings themselves must print too)."""
    from pipeline.errors import RaqibError

    try:
        return redact(str(message), get_settings())
    except RaqibError:
        return str(message)


def say(style: str, message: object) -> None:
    """One line on stderr in ``style``: credentials redacted, user text never read as rich markup."""
    err.print(f"[{style}]{escape(terminal_safe(_redacted(message)))}[/{style}]")


def fail(message: object, code: int = 1) -> NoReturn:
    """``error: <message>`` on stderr (redacted) and exit with ``code``."""
    err.print(f"[bold red]error:[/] {escape(terminal_safe(_redacted(message)))}")
    raise typer.Exit(code)


def fail_connection(settings: Settings, exc: Exception) -> NoReturn:
    """The search engine is unreachable: say where, how to start it, and the client's reason."""
    say("red", f"Cannot reach the {settings.search_engine} node at {settings.search_url}.")
    err.print("Start the local services with [bold]raqib services up[/bold] (or set RAQIB_SEARCH_URL).")
    say("dim", exc)
    raise typer.Exit(1)
