"""Secrets never leak: settings hold them as SecretStr, logs, webhook traffic and CLI errors never show them.

Each test runs the real code path with a recognisable secret set and searches everything it could have
leaked into: structlog events, stdlib logging records, stdout/stderr, results and what a receiver got.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import structlog
from structlog.testing import capture_logs

from pipeline.alerts.delivery import RetryRecord, deliver, next_attempt, verify
from pipeline.alerts.rules import Channel
from pipeline.models import Alert, AlertArticle, Speaker
from pipeline.settings import Settings

PASSWORD = "pw-Zq81-never-print-me"
HOOK_SECRET = "whsec-Kx77-never-print-me"
URL_PASSWORD = "urlpw-Lm55-never-print-me"
SECRETS = (PASSWORD, HOOK_SECRET, URL_PASSWORD, base64.b64encode(f"raqib_writer:{PASSWORD}".encode()).decode())
ROOT = Path(__file__).resolve().parent.parent


def _assert_clean(*texts: object) -> None:
    for text in texts:
        blob = text if isinstance(text, str) else repr(text)
        for secret in SECRETS:
            assert secret not in blob, f"secret leaked into: {blob[:300]}"


@pytest.fixture
def secret_env(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("RAQIB_SEARCH_USERNAME", "raqib_writer")
    monkeypatch.setenv("RAQIB_SEARCH_PASSWORD", PASSWORD)
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET", HOOK_SECRET)
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_TEST_X", HOOK_SECRET)
    yield


def test_settings_hold_secrets_as_secretstr(secret_env) -> None:
    settings = Settings()
    assert settings.search_password.get_secret_value() == PASSWORD  # readable on purpose, by code only
    assert settings.webhook_secret.get_secret_value() == HOOK_SECRET
    _assert_clean(repr(settings), str(settings), settings.model_dump(), settings.model_dump_json(),
                  f"{settings.search_password}", f"{settings.webhook_secret!r}")
    with capture_logs() as events:
        structlog.get_logger("t").info("settings", settings=settings, password=settings.search_password)
    _assert_clean(events)


def test_search_client_and_retry_logs_never_show_the_password(secret_env, monkeypatch, caplog) -> None:
    from pipeline.search import engine
    from pipeline.search.indexer import Indexer

    monkeypatch.setenv("RAQIB_SEARCH_URL", "http://127.0.0.1:9")  # nothing listens: every attempt fails
    settings = Settings()
    client = engine.make_client(settings)
    _assert_clean(repr(client), str(client))
    caplog.set_level(logging.INFO)
    indexer = Indexer(settings, max_backoff=0.05)
    with capture_logs() as events:
        with pytest.raises(TimeoutError):
            asyncio.run(asyncio.wait_for(indexer.start(), 3))
    assert any(e["event"] == "search_engine_retry" for e in events)  # the failure path really ran
    _assert_clean(events, caplog.text, [r.getMessage() for r in caplog.records])


class _Receiver:
    """A webhook receiver on loopback: answers 503 first, then 200; keeps what it got."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(503 if len(receiver.requests) == 1 else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _alert() -> Alert:
    now = datetime(2021, 12, 9, 12, 0, tzinfo=UTC)
    return Alert(id="a1", rule="military-withdrawal", speaker=Speaker(text="تحسين الخفاجي", canonical="تحسين الخفاجي"),
                 quote="القوات القتالية ستغادر العراق", first_seen=now, last_seen=now, count=1,
                 articles=[AlertArticle(id="x", url="http://news.example/a/1", outlet="واع")])


def test_signed_webhook_delivery_and_retry_never_expose_the_secret(secret_env, caplog, capsys) -> None:
    receiver = _Receiver()
    channel = Channel(type="webhook", url=receiver.url, secret_env="RAQIB_WEBHOOK_SECRET_TEST_X")
    caplog.set_level(logging.DEBUG)
    try:
        async def go():
            async with httpx.AsyncClient() as client:
                first = await deliver(channel, _alert(), client, allow_private=True)
                second = await deliver(channel, _alert(), client, allow_private=True)
                return first, second

        with capture_logs() as events:
            first, second = asyncio.run(go())
            record = RetryRecord(alert=_alert().model_dump(mode="json"), channel=channel.model_dump(mode="json"))
            retry = next_attempt(record, first.error or "")
            missing = asyncio.run(_deliver_without_secret(receiver.url))
    finally:
        receiver.close()
    assert not first.ok and first.retryable and second.ok and retry is not None
    assert "RAQIB_WEBHOOK_SECRET_TEST_Y" in missing.error  # names the variable, not a value
    headers, body = receiver.requests[0]
    assert verify(body, headers["X-Raqib-Signature"], HOOK_SECRET)  # the secret was used, only to sign
    out = capsys.readouterr()
    _assert_clean(first, second, missing, json.dumps(retry.to_dict()), events, caplog.text, out.out, out.err,
                  receiver.requests)


async def _deliver_without_secret(url: str):
    os.environ.pop("RAQIB_WEBHOOK_SECRET_TEST_Y", None)
    async with httpx.AsyncClient() as client:
        channel = Channel(type="webhook", url=url, secret_env="RAQIB_WEBHOOK_SECRET_TEST_Y")
        return await deliver(channel, _alert(), client, allow_private=True)


def test_cli_connection_errors_do_not_print_credentials(secret_env) -> None:
    env = {**os.environ, "RAQIB_SEARCH_URL": f"http://raqib_writer:{URL_PASSWORD}@127.0.0.1:9",
           "COLUMNS": "400", "RAQIB_CONFIG": os.devnull}
    for args in (["search", "انسحاب"], ["search", "setup"], ["alerts"]):
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                              env=env, timeout=120, cwd=ROOT)
        assert proc.returncode == 1, proc.stderr
        assert "Cannot reach" in proc.stderr and "127.0.0.1:9" in proc.stderr  # still says where it looked
        _assert_clean(proc.stdout, proc.stderr)


def test_deployment_is_least_privilege_and_keeps_secrets_in_env() -> None:
    import yaml

    from pipeline.ops.deploy import writer_role

    role = writer_role(Settings(index_prefix="raqib"))
    assert set(role["cluster"]) == {"monitor", "manage_index_templates"}  # no "all", no "manage_security"
    assert [grant["names"] for grant in role["indices"]] == [["raqib-*"]]  # its own indices only
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    kibana = compose["services"]["kibana"]["environment"]
    assert "ELASTICSEARCH_SERVICEACCOUNTTOKEN" in kibana and "ELASTICSEARCH_PASSWORD" not in kibana
    text = (ROOT / "docker-compose.yml").read_text()
    for name in ("RAQIB_SEARCH_PASSWORD", "ELASTIC_PASSWORD", "KIBANA_SERVICE_TOKEN"):
        assert f"${{{name}:?" in text  # required from .env, no default value baked in
