"""The one `raqib` command line: the app, its commands registered explicitly, and the error boundary.

Each command group lives in its own module of this package; heavy modules are imported inside the
commands so `raqib --help` stays fast. Any :class:`RaqibError` that reaches the top is printed as one
line (``error: …``) with exit code 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from pipeline.cli.admin import deploy_setup, kibana_app, schemas_app
from pipeline.cli.alerts import alerts_command, rules_app
from pipeline.cli.catalog import catalog_command
from pipeline.cli.connect import connect_command, sources_app
from pipeline.cli.console import console, err, fail, terminal_safe
from pipeline.cli.ner import ner_app
from pipeline.cli.search import search_command, setup_command
from pipeline.cli.services import services_app
from pipeline.errors import RaqibError
from pipeline.settings import get_settings

app = typer.Typer(
    name="raqib",
    help="raqib (رقيب): monitor Arabic news feeds, enrich articles (entities, topics, statements), "
    "search them with Arabic full-text search and alert on new statements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Local .txt, .html or .jsonl articles, or folders")],
    outlet: Annotated[str, typer.Option(help="Outlet name for articles that do not say")] = "local",
) -> None:
    """Read local articles and produce them to Kafka (topic articles.clean), keyed by article id."""
    from connectors.local import ingest_paths

    settings = get_settings()
    sent, failed = ingest_paths(settings, files, outlet=outlet, log=err.print)
    console.print(f"produced {sent} article(s) to {settings.topics.clean}; {failed} failed")
    if failed and not sent:
        raise typer.Exit(1)


@app.command()
def worker(
    loglevel: Annotated[str, typer.Option(help="Log level")] = "info",
    metrics_port: Annotated[int, typer.Option(help="Prometheus metrics port (0 = off)")] = -1,
) -> None:
    """Run the Faust worker: enrich articles.clean -> articles.enriched -> search index.

    Run several on one or more machines to scale out: Kafka shares the partitions among them.
    """
    from pipeline.worker.main import run_worker

    settings = get_settings()
    port = settings.metrics_port if metrics_port < 0 else metrics_port
    sys.argv = ["raqib-worker", "worker", "--without-web", f"--loglevel={loglevel}"]
    run_worker(loglevel=loglevel, metrics_port=port or None)


@app.command()
def enrich(
    file: Annotated[Path | None, typer.Argument(help="JSONL of {id, text, title?}; stdin when omitted")] = None,
) -> None:
    """Enrich JSONL documents offline (the agent's twin) and print enriched JSONL."""
    from pipeline.enrich import enrich_jsonl

    stream = file.open(encoding="utf-8") if file else sys.stdin
    errors = 0
    for line_no, result in enrich_jsonl(stream):
        if isinstance(result, str):
            errors += 1
            err.print(f"[red]line {line_no}:[/] {result}")
        else:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if errors:
        raise typer.Exit(1)


@app.command()
def demo(
    query: Annotated[str, typer.Option(help="Search run at the end")] = "انسحاب القوات الأمريكية",
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the articles to be searchable")] = 120,
) -> None:
    """End to end on the embedded default: sample site -> connector -> Kafka -> worker -> OpenSearch -> search."""
    from pipeline.cli.demo import run_demo

    try:
        run_demo(get_settings(), query=query, timeout=timeout, console=console)
    except RaqibError as exc:
        fail(exc)


def _register(app: typer.Typer) -> None:
    """Every command group, explicitly: a broken import fails loudly instead of hiding a command."""
    app.add_typer(services_app, name="services")
    app.add_typer(schemas_app, name="schemas")
    app.add_typer(kibana_app, name="kibana")
    app.command("deploy-setup", hidden=True)(deploy_setup)
    app.add_typer(ner_app, name="ner", help="Train, run and evaluate the Arabic NER model.")
    app.command("search")(search_command)
    search_admin = typer.Typer(help="Search index administration.", no_args_is_help=True)
    search_admin.command("setup")(setup_command)
    app.add_typer(search_admin, name="index")
    app.add_typer(rules_app, name="rules", help="Alert rules: add, list, remove, test.")
    app.command("alerts")(alerts_command)
    app.command("connect")(connect_command)
    sources_app.command("catalog")(catalog_command)
    app.add_typer(sources_app, name="sources")


_register(app)


def main() -> None:
    """Console entry point. `raqib search setup` is kept as the documented spelling of `raqib index setup`."""
    if sys.argv[1:3] == ["search", "setup"]:
        sys.argv[1:3] = ["index", "setup"]
    debug = "--debug" in sys.argv[1:]
    if debug:  # `raqib --debug <command>` (or the flag anywhere): the full traceback instead of one line
        sys.argv.remove("--debug")
    try:
        app()
    except RaqibError as exc:  # anything a command did not handle itself: one line, never a traceback
        if debug:
            raise
        err.print(f"[bold red]error:[/] {escape(terminal_safe(exc, one_line=True))}", markup=True, highlight=False,
                  soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
