"""The one `raqib` command line. Every sub-command imports its heavy modules lazily."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.settings import get_settings

app = typer.Typer(
    name="raqib",
    help="raqib (رقيب): monitor Arabic news feeds, enrich articles (entities, topics, statements), "
    "search them with Arabic full-text search and alert on new statements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
services_app = typer.Typer(help="Start, stop and inspect the local Kafka and OpenSearch (no Docker needed).",
                           no_args_is_help=True)
schemas_app = typer.Typer(help="JSON Schemas of the Kafka messages, generated from the Python models.",
                          no_args_is_help=True)
app.add_typer(services_app, name="services")
app.add_typer(schemas_app, name="schemas")

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


# ---------------------------------------------------------------- services
@services_app.command("up")
def services_up(timeout: Annotated[float, typer.Option(help="Seconds to wait for both to answer")] = 240) -> None:
    """Start Kafka (KRaft) and OpenSearch if they are not running, then wait until both answer."""
    from pipeline.services import LocalServices, ServiceError

    started = time.monotonic()
    try:
        statuses = LocalServices(get_settings(), log=lambda m: err.print(f"[dim]{m}[/]")).up(timeout=timeout)
    except ServiceError as exc:
        fail(str(exc))
    for status in statuses:
        console.print(f"[green]✓[/] {status.name:<10} {status.address}  (pid {status.pid})")
    console.print(f"ready in {time.monotonic() - started:.1f}s")


@services_app.command("install")
def services_install() -> None:
    """Resolve the Kafka and OpenSearch jars from Maven Central into the cache (done by `up` too)."""
    from pipeline.services import LocalServices, ServiceError

    services = LocalServices(get_settings(), log=lambda m: err.print(f"[dim]{m}[/]"))
    try:
        for name in ("kafka", "opensearch"):
            console.print(f"[green]✓[/] {name} jars in {services.resolve_jars(name)}")
    except ServiceError as exc:
        fail(str(exc))


@services_app.command("down")
def services_down() -> None:
    """Stop the local services this project started (pid files); data is kept."""
    from pipeline.services import LocalServices

    stopped = LocalServices(get_settings()).down()
    console.print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))


@services_app.command("status")
def services_status() -> None:
    """Show whether Kafka and OpenSearch run and answer."""
    from pipeline.services import LocalServices

    table = Table("service", "address", "pid", "answering")
    statuses = LocalServices(get_settings()).status()
    for s in statuses:
        table.add_row(s.name, s.address, str(s.pid or "-"), "[green]yes[/]" if s.answering else "[red]no[/]")
    console.print(table)
    if not all(s.answering for s in statuses):
        raise typer.Exit(1)


# ---------------------------------------------------------------- schemas
@schemas_app.command("write")
def schemas_write(out: Annotated[Path, typer.Option(help="Folder for the JSON Schemas")] = Path("schemas")) -> None:
    """Regenerate schemas/*.schema.json from pipeline/models.py."""
    from pipeline.schemas import write_schemas

    for path in write_schemas(out):
        console.print(f"wrote {path}")


# ---------------------------------------------------------------- ingest / worker
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
    from pipeline.app import run_worker

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


# ---------------------------------------------------------------- demo
@app.command()
def demo(
    query: Annotated[str, typer.Option(help="Search run at the end")] = "انسحاب القوات الأمريكية",
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the articles to be searchable")] = 120,
) -> None:
    """End to end on the embedded default: sample site -> connector -> Kafka -> worker -> OpenSearch -> search."""
    from pipeline.demo import run_demo

    try:
        run_demo(get_settings(), query=query, timeout=timeout, console=console)
    except RuntimeError as exc:
        fail(str(exc))


kibana_app = typer.Typer(help="Kibana saved objects (data views, searches, dashboard).", no_args_is_help=True)
app.add_typer(kibana_app, name="kibana")


@kibana_app.command("import")
def kibana_import_command(
    url: Annotated[str, typer.Option(help="Kibana URL", envvar="KIBANA_URL")] = "http://127.0.0.1:5601",
    username: Annotated[str | None, typer.Option(envvar="KIBANA_USERNAME", help="Kibana user")] = None,
    password: Annotated[str | None, typer.Option(envvar="KIBANA_PASSWORD", help="Kibana password")] = None,
) -> None:
    """Load schemas/kibana/*.ndjson through Kibana's saved-objects API (overwrites)."""
    from pipeline.deploy import kibana_import

    try:
        for name, count in kibana_import(url, username, password).items():
            console.print(f"[green]✓[/] {name}: {count} object(s)")
    except RuntimeError as exc:
        fail(str(exc))


@app.command("deploy-setup", hidden=True)
def deploy_setup() -> None:
    """docker-compose one-shot: writer role/user on Elasticsearch, Kafka topics, index templates."""
    from pipeline.deploy import admin_password_from_env, create_writer
    from pipeline.kafka_admin import ensure_topics
    from pipeline.search import engine, templates

    settings = get_settings()
    try:
        create_writer(settings, admin_password_from_env())
        ensure_topics(settings)
        templates.setup(engine.make_client(settings), settings)
    except (RuntimeError, engine.SearchError) as exc:
        fail(str(exc))
    console.print("setup done: role raqib_writer, user, topics, index templates")


def _register_optional() -> None:
    """Sub-commands that live in their own modules (they add themselves when present)."""
    try:
        from pipeline.cli_ner import ner_app

        app.add_typer(ner_app, name="ner", help="Train, run and evaluate the Arabic NER model.")
    except ImportError:
        pass
    try:
        from pipeline.cli_search import search_command, setup_command

        app.command("search")(search_command)
        search_admin = typer.Typer(help="Search index administration.", no_args_is_help=True)
        search_admin.command("setup")(setup_command)
        app.add_typer(search_admin, name="index")
    except ImportError:
        pass
    try:
        from pipeline.cli_alerts import alerts_command, rules_app

        app.add_typer(rules_app, name="rules", help="Alert rules: add, list, remove, test.")
        app.command("alerts")(alerts_command)
    except ImportError:
        pass
    try:
        from connectors.cli import connect_command, sources_app

        app.command("connect")(connect_command)
        app.add_typer(sources_app, name="sources")
    except ImportError:
        pass


_register_optional()


def main() -> None:
    """Console entry point. `raqib search setup` is kept as the documented spelling of `raqib index setup`."""
    if sys.argv[1:3] == ["search", "setup"]:
        sys.argv[1:3] = ["index", "setup"]
    app()


if __name__ == "__main__":
    main()
