"""``raqib rules ...`` (manage alert rules) and ``raqib alerts`` (list or follow raised alerts).

Registered by the main CLI (``pipeline.cli.main``). Exit codes: 0 ok, 1 engine or
file problem, 2 invalid rule or query (the engine's reason is printed).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.alerts.rules import Channel, Rule, RuleStore
from pipeline.cli.console import err, fail_connection, json_line, say, terminal_safe
from pipeline.errors import RuleError
from pipeline.netguard import literal_address_blocked
from pipeline.search import engine, templates
from pipeline.search.percolator import match_rules, register_rule, register_rules, sync_rules, validate_rule
from pipeline.search.query import alerts_query, follow_query
from pipeline.settings import Settings, get_settings

rules_app = typer.Typer(help="Manage alert rules (watched queries and subjects).", no_args_is_help=True)
def _fail_rule(exc: Exception) -> None:
    say("red", f"Invalid rule: {exc}")
    raise typer.Exit(2)


def _channels(webhook: list[str], slack: list[str], console: bool, secret_env: str | None) -> list[Channel]:
    out = [Channel(type="webhook", url=u, secret_env=secret_env) for u in webhook]
    out += [Channel(type="slack", url=u) for u in slack]
    if console or not out:
        out.append(Channel(type="console"))
    return out


@rules_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="Rule name (letters, digits, - _ .)")],
    query: Annotated[str, typer.Option("--query", "-q", help="Search syntax as in `raqib search`, but every word "
                                       "is required unless the query says OR")] = "",
    subject: Annotated[list[str] | None, typer.Option("--subject", help="Watched subject id (repeatable)")] = None,
    entity: Annotated[list[str] | None, typer.Option("--entity", help="Entity canonical name (repeatable)")] = None,
    outlet: Annotated[list[str] | None, typer.Option("--outlet", help="Outlet (repeatable)")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Topic id (repeatable)")] = None,
    statements_only: Annotated[bool, typer.Option("--statements-only", help="Match statements only")] = False,
    webhook: Annotated[list[str] | None, typer.Option("--webhook", help="Webhook URL (repeatable)")] = None,
    secret_env: Annotated[str | None, typer.Option(
        "--secret-env", help="Env variable holding the webhook HMAC secret, named RAQIB_WEBHOOK_SECRET_<NAME>")]
    = None,
    slack: Annotated[list[str] | None, typer.Option("--slack", help="Slack incoming-webhook URL")] = None,
    console: Annotated[bool, typer.Option("--console", help="Print alerts in the worker log")] = False,
    quiet_period: Annotated[float, typer.Option("--quiet-period", min=0, help="Seconds between new alerts")] = 0,
    replace: Annotated[bool, typer.Option("--replace", help="Replace a rule of the same name")] = False,
) -> None:
    """Add a rule after checking its query with the search engine."""
    settings = get_settings()
    try:
        rule = Rule(name=name, query=query, subjects=subject or [], entities=entity or [], outlets=outlet or [],
                    topics=topic or [], statements_only=statements_only, quiet_period=quiet_period,
                    channels=_channels(webhook or [], slack or [], console, secret_env))
    except ValueError as exc:
        _fail_rule(exc)
    _check_channels(rule, settings)
    store = RuleStore.for_settings(settings)
    client = engine.make_client(settings)
    with store.locked():  # a worker starting now reads the file with this rule, or registers after it
        try:
            if not replace and any(r.name == rule.name for r in store.load()):
                raise RuleError(f"rule {rule.name} already exists (remove it first)")
            validate_rule(client, settings, rule)
            register_rule(client, settings, rule)  # the engine's own check; nothing is saved if it refuses
            store.add(rule, replace=replace)
        except RuleError as exc:
            _fail_rule(exc)
        except engine.SearchConnectionError as exc:
            fail_connection(settings, exc)
        try:
            register_rules(client, settings, store.list())  # drops rules no longer in the file
        except RuleError as exc:  # another rule is broken: this one is saved and registered all the same
            say("yellow", f"warning: {exc}")
    typer.echo(f"added rule {name} ({store.path})")


def _check_channels(rule: Rule, settings: Settings) -> None:
    """Refuse a webhook to a literal non-public address now (the worker refuses it at delivery anyway);
    warn when webhooks would go out unsigned."""
    for channel in rule.channels:
        if channel.url and (why := literal_address_blocked(channel.url, settings.allow_private_networks)):
            _fail_rule(f"channel {channel.url!r}: {why} (set RAQIB_ALLOW_PRIVATE_NETWORKS=1 for a receiver on "
                       "this machine or network)")
        if channel.type == "webhook" and not channel.secret_env and settings.webhook_secret is None:
            say("yellow", f"warning: webhooks of rule {rule.name} will be sent unsigned: pass --secret-env "
                "RAQIB_WEBHOOK_SECRET_<NAME> or set RAQIB_WEBHOOK_SECRET")


@rules_app.command("list")
def list_command(as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False) -> None:
    """List the effective rules (built-in and yours)."""
    try:
        rules = RuleStore.for_settings(get_settings()).list()
    except RuleError as exc:
        say("red", exc)
        raise typer.Exit(1) from exc
    for r in rules:
        if as_json:
            typer.echo(json.dumps(r.model_dump(mode="json"), ensure_ascii=False))
            continue
        filters = " ".join(f"{k}={','.join(v)}" for k, v in
                           (("subjects", r.subjects), ("entities", r.entities), ("outlets", r.outlets),
                            ("topics", r.topics)) if v)
        flags = " ".join(x for x in ("statements-only" if r.statements_only else "",
                                     "" if r.enabled else "DISABLED") if x)
        chans = ",".join(c.type for c in r.channels)
        typer.echo(terminal_safe(f"{r.name}\tquery={r.query!r} {filters} {flags}\tchannels={chans}"))


@rules_app.command("remove")
def remove_command(name: Annotated[str, typer.Argument(help="Rule name")]) -> None:
    """Remove one of your rules (and unregister it from the engine when reachable)."""
    settings = get_settings()
    store = RuleStore.for_settings(settings)
    with store.locked():
        try:
            store.remove(name)
        except RuleError as exc:
            say("red", exc)
            raise typer.Exit(1) from exc
        try:
            register_rules(engine.make_client(settings), settings, store.list())
        except engine.SearchConnectionError:
            err.print("[yellow]search engine unreachable: the worker unregisters the rule at its next start[/yellow]")
        except RuleError as exc:  # another rule is broken: this one is removed all the same
            say("yellow", f"warning: {exc}")
    typer.echo(f"removed rule {name}")


def _articles_from(file: Path | None, text: str | None) -> list[Any]:
    from pipeline.enrich import article_from_document

    if text is not None:
        return [article_from_document({"id": "text", "text": text})]
    if file is None:
        raise typer.BadParameter("give --file or --text")
    out = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(article_from_document(json.loads(line)))
            except ValueError as exc:
                raise typer.BadParameter(f"{file}:{n}: {exc}") from exc
    return out


@rules_app.command("test")
def test_command(
    name: Annotated[str, typer.Argument(help="Rule name")],
    file: Annotated[Path | None, typer.Option("--file", exists=True, dir_okay=False,
                                              help="JSONL of articles ({id, text, title?, outlet?})")] = None,
    text: Annotated[str | None, typer.Option("--text", help="One article text")] = None,
) -> None:
    """Enrich articles and show which of their statements (or the article) the rule matches."""
    from pipeline.enrich import enrich_article

    settings = get_settings()
    store = RuleStore.for_settings(settings)
    rule = store.get(name)
    if rule is None:
        say("red", f"no rule named {name}")
        raise typer.Exit(1)
    articles = _articles_from(file, text)
    client = engine.make_client(settings)
    try:
        register_rule(client, settings, rule.model_copy(update={"enabled": True}))
        total = 0
        for article in articles:
            enriched = enrich_article(article)
            for rname, slot in match_rules(client, settings, enriched):
                if rname != name:
                    continue
                total += 1
                if slot is None:
                    typer.echo(f"{article.id}\tarticle\t{article.title[:80]}")
                else:
                    st = enriched.statements[slot]
                    who = st.speaker.text if st.speaker else "-"
                    typer.echo(f"{article.id}\tstatement {slot}\t{who}: «{st.quote}» {st.subjects}")
    except RuleError as exc:
        _fail_rule(exc)
    except engine.SearchConnectionError as exc:
        fail_connection(settings, exc)
    finally:
        if not rule.enabled:  # it was enabled for the test only
            try:
                sync_rules(client, settings, store)
            except (engine.SearchError, RuleError):
                pass
    typer.echo(f"{total} match(es) in {len(articles)} article(s)")


def alert_record(src: dict[str, Any]) -> dict[str, Any]:
    """The ``raqib alerts --json`` shape of a stored alert document."""
    return {
        "id": src.get("id"),
        "rule": src.get("rule"),
        "speaker": src.get("speaker"),
        "quote": src.get("quote"),
        "subjects": src.get("subjects", []),
        "stance": src.get("stance"),
        "attributed": src.get("attributed", True),
        "first_seen": src.get("first_seen"),
        "last_seen": src.get("last_seen"),
        "articles": [{"url": a.get("url"), "outlet": a.get("outlet"), "published_at": a.get("published_at")}
                     for a in src.get("articles", [])],
    }


def _print_alert(src: dict[str, Any], as_json: bool) -> None:
    from pipeline.alerts.delivery import console_line
    from pipeline.models import Alert

    if as_json:
        typer.echo(json_line(alert_record(src)))
    else:
        typer.echo(terminal_safe(console_line(Alert.model_validate(src)), one_line=True))


def alerts_command(
    follow: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing new and updated alerts")] = False,
    json_: Annotated[bool, typer.Option("--json", help="One JSON object per line")] = False,
    since: Annotated[str | None, typer.Option("--since", help="Only alerts seen since (ISO date/time)")] = None,
    size: Annotated[int, typer.Option(min=1, max=1000, help="Number of alerts")] = 20,
) -> None:
    """List raised alerts, newest first (by last_seen), or follow new and updated ones (polls every second)."""
    settings = get_settings()
    client = engine.make_client(settings)
    index = templates.alerts_index(settings)
    try:
        hits = engine.search(client, index, alerts_query(since, size))["hits"]["hits"]
    except engine.NotFound:
        hits = []
        if not follow:
            err.print("No alerts index yet: start the worker (raqib worker) or run raqib search setup.")
            raise typer.Exit(1) from None
    except engine.SearchConnectionError as exc:
        fail_connection(settings, exc)
    except engine.BadRequest as exc:
        say("red", f"bad --since value {since!r}: {exc}")
        raise typer.Exit(2) from exc
    for hit in (reversed(hits) if follow else hits):
        _print_alert(hit["_source"], json_)
    if not hits and not follow:
        typer.echo("No alerts.", err=True)
    written = [h["_source"].get("indexed_at") for h in hits if h["_source"].get("indexed_at")]
    after = max(written) if written else datetime.now(UTC).isoformat()
    while follow:
        sys.stdout.flush()
        time.sleep(1.0)
        try:
            fresh = engine.search(client, index, follow_query(after))["hits"]["hits"]
        except engine.NotFound:
            continue
        except engine.SearchConnectionError as exc:
            say("yellow", f"engine unreachable, retrying: {exc}")
            continue
        for hit in fresh:
            _print_alert(hit["_source"], json_)
            after = max(after, hit["_source"].get("indexed_at") or after)
