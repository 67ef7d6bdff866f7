"""``raqib schemas``, ``raqib kibana`` and the compose stack's one-shot ``deploy-setup``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.console import console, fail
from pipeline.errors import RaqibError
from pipeline.settings import get_settings

schemas_app = typer.Typer(help="JSON Schemas of the Kafka messages, generated from the Python models.",
                          no_args_is_help=True)
kibana_app = typer.Typer(help="Kibana saved objects (data views, searches, dashboard).", no_args_is_help=True)


@schemas_app.command("write")
def schemas_write(out: Annotated[Path, typer.Option(help="Folder for the JSON Schemas")] = Path("schemas")) -> None:
    """Regenerate schemas/*.schema.json from pipeline/models.py."""
    from pipeline.schemas import write_schemas

    for path in write_schemas(out):
        console.print(f"wrote {path}")


@kibana_app.command("import")
def kibana_import_command(
    url: Annotated[str, typer.Option(help="Kibana URL", envvar="KIBANA_URL")] = "http://127.0.0.1:5601",
    username: Annotated[str | None, typer.Option(envvar="KIBANA_USERNAME", help="Kibana user")] = None,
    password: Annotated[str | None, typer.Option(envvar="KIBANA_PASSWORD", help="Kibana password")] = None,
) -> None:
    """Load schemas/kibana/*.ndjson through Kibana's saved-objects API (overwrites)."""
    from pipeline.ops.deploy import kibana_import

    try:
        for name, count in kibana_import(url, username, password).items():
            console.print(f"[green]✓[/] {name}: {count} object(s)")
    except RaqibError as exc:
        fail(exc)


def deploy_setup() -> None:
    """docker-compose one-shot: writer role/user on Elasticsearch, Kafka topics, index templates."""
    from pipeline.ops.deploy import admin_password_from_env, create_writer
    from pipeline.search import engine, templates
    from pipeline.topics import ensure_topics

    settings = get_settings()
    try:
        create_writer(settings, admin_password_from_env())
        ensure_topics(settings)
        templates.setup(engine.make_client(settings), settings)
    except RaqibError as exc:
        fail(exc)
    console.print("setup done: role raqib_writer, user, topics, index templates")
