"""Hostile alert rules: webhooks aimed at internal services, secrets taken from any variable, replays.

The receivers are real ``http.server`` instances on loopback; each records every request it gets, so a
refused delivery is proven to have sent nothing.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from structlog.testing import capture_logs
from typer.testing import CliRunner

from pipeline.alerts.delivery import SIGNATURE_HEADER, deliver, request_for, signature_header, verify
from pipeline.alerts.rules import Channel, RuleStore
from pipeline.models import Alert, AlertArticle, Speaker

INTERNAL_DETAIL = "cluster_uuid=Zx81-internal-index-names"


class _Hook:
    """A loopback receiver answering ``status`` with an internal-looking body; counts requests."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, str]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                hook.requests.append(dict(self.headers))
                self.send_response(status)
                self.end_headers()
                self.wfile.write(INTERNAL_DETAIL.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/x/_doc"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hook() -> Iterator[_Hook]:
    h = _Hook()
    yield h
    h.close()


def _alert() -> Alert:
    now = time.time()
    from datetime import UTC, datetime

    at = datetime.fromtimestamp(now, UTC)
    return Alert(id="a1", rule="r", speaker=Speaker(text="س", canonical="س"), quote="نص", first_seen=at,
                 last_seen=at, count=1, articles=[AlertArticle(id="x", url="https://news.example/1", outlet="o")])


def _deliver(channel: Channel, **kw):
    async def go():
        async with httpx.AsyncClient() as client:
            return await deliver(channel, _alert(), client, timeout=3, **kw)

    return asyncio.run(go())


# 1. SSRF through webhooks ------------------------------------------------------------------------


def test_webhook_to_a_loopback_service_is_refused_without_a_request(hook):
    result = _deliver(Channel(type="webhook", url=hook.url))  # private networks not allowed (the default)
    assert not result.ok and not result.retryable and "non-public address 127.0.0.1" in result.error
    assert hook.requests == []
    by_name = _deliver(Channel(type="slack", url=hook.url.replace("127.0.0.1", "localhost")))
    assert not by_name.ok and "non-public" in by_name.error and hook.requests == []
    allowed = _deliver(Channel(type="webhook", url=hook.url), allow_private=True)  # a test receiver
    assert allowed.ok and len(hook.requests) == 1


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/latest/",
                                 "http://[fd00:ec2::254]/latest/", "http://[::ffff:169.254.169.254]/",
                                 "http://[fe80::1]/"])
def test_webhook_to_cloud_metadata_is_refused_even_with_private_networks_allowed(url):
    start = time.monotonic()
    result = _deliver(Channel(type="webhook", url=url), allow_private=True)
    assert not result.ok and not result.retryable and "non-public address" in result.error
    assert time.monotonic() - start < 1  # refused before any connection attempt


def test_internal_error_replies_are_not_copied_into_the_delivery_error():
    h = _Hook(status=500)
    try:
        result = _deliver(Channel(type="webhook", url=h.url), allow_private=True)
    finally:
        h.close()
    assert not result.ok and result.retryable and result.status == 500
    assert INTERNAL_DETAIL not in (result.error or "") and result.error.startswith("HTTP 500")


def test_rules_add_refuses_a_literal_private_webhook_before_saving(tmp_path, monkeypatch):
    from pipeline import cli
    from pipeline.settings import get_settings

    monkeypatch.setenv("RAQIB_RULES_FILE", str(tmp_path / "rules.yaml"))
    monkeypatch.setenv("RAQIB_SEARCH_URL", "http://127.0.0.1:9")  # never reached: refused before
    monkeypatch.delenv("RAQIB_ALLOW_PRIVATE_NETWORKS", raising=False)
    get_settings.cache_clear()
    try:
        for url in ("http://127.0.0.1:9200/x/_doc", "http://169.254.169.254/", "http://localhost:9200/"):
            result = CliRunner().invoke(cli.app, ["rules", "add", "r1", "-q", "x", "--webhook", url])
            out = result.output + result.stderr
            assert result.exit_code == 2 and ("non-public" in out or "loopback" in out), out
        assert not (tmp_path / "rules.yaml").exists()
    finally:
        get_settings.cache_clear()


# 2. secrets from any environment variable ---------------------------------------------------------


@pytest.mark.parametrize("name", ["HOME", "RAQIB_SEARCH_PASSWORD", "ELASTIC_PASSWORD", "RAQIB_WEBHOOK_SECRET",
                                  "RAQIB_WEBHOOK_SECRET_", "raqib_webhook_secret_x", "RAQIB_WEBHOOK_SECRET_A\n"])
def test_secret_env_outside_the_webhook_prefix_is_refused(name, monkeypatch):
    monkeypatch.setenv("HOME", "/home/someone")
    with pytest.raises(ValueError, match="RAQIB_WEBHOOK_SECRET_<NAME>"):
        Channel(type="webhook", url="https://hooks.example.org/x", secret_env=name)
    # a record built without validation (an old retry topic message) is refused at signing time too
    forged = Channel.model_construct(type="webhook", url="https://hooks.example.org/x", secret_env=name)
    with pytest.raises(ValueError, match="RAQIB_WEBHOOK_SECRET_<NAME>"):
        request_for(forged, _alert())


def test_rules_add_with_secret_env_home_is_refused_and_not_saved(tmp_path, monkeypatch):
    from pipeline import cli
    from pipeline.settings import get_settings

    monkeypatch.setenv("RAQIB_RULES_FILE", str(tmp_path / "rules.yaml"))
    monkeypatch.setenv("RAQIB_SEARCH_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["rules", "add", "r1", "-q", "x", "--webhook",
                                              "https://hooks.example.org/x", "--secret-env", "HOME"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2 and "RAQIB_WEBHOOK_SECRET_<NAME>" in result.output + result.stderr
    assert RuleStore(tmp_path / "rules.yaml", None).load() == []


# 7. replay and unsigned webhooks ------------------------------------------------------------------


def test_signature_carries_a_timestamp_and_old_requests_are_refused(monkeypatch, hook):
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_HOOK", "k3y")
    channel = Channel(type="webhook", url=hook.url, secret_env="RAQIB_WEBHOOK_SECRET_HOOK")
    body, headers = request_for(channel, _alert())
    header = headers[SIGNATURE_HEADER]
    t = int(header.split(",")[0].removeprefix("t="))
    assert header == f"t={t},v1={header.split('v1=')[1]}" and abs(t - time.time()) < 5
    assert verify(body, header, "k3y")
    assert not verify(body, header, "k3y", now=t + 301)  # captured and replayed five minutes later
    assert not verify(body, header.replace(f"t={t}", f"t={t + 600}"), "k3y", now=t + 600)  # time is signed
    assert not verify(body, "sha256=" + header.split("v1=")[1], "k3y")
    assert verify(body, signature_header(body, "k3y", timestamp=t), "k3y", now=t + 299)
    assert _deliver(channel, allow_private=True).ok and SIGNATURE_HEADER in hook.requests[0]


def test_unsigned_webhooks_are_warned_about(hook, tmp_path, monkeypatch):
    with capture_logs() as events:
        assert _deliver(Channel(type="webhook", url=hook.url), allow_private=True).ok
    warned = [e for e in events if e["event"] == "webhook_unsigned"]
    assert warned and warned[0]["log_level"] == "warning" and SIGNATURE_HEADER not in hook.requests[0]
    with capture_logs() as signed_events:
        assert _deliver(Channel(type="webhook", url=hook.url), allow_private=True, default_secret="s").ok
    assert not [e for e in signed_events if e["event"] == "webhook_unsigned"]
