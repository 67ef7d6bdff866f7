"""Alert delivery: signatures, payloads and real HTTP attempts against a local receiver."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from pipeline.alerts.delivery import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    RetryPolicy,
    RetryRecord,
    console_line,
    deliver,
    next_attempt,
    sign,
    signature_header,
    slack_payload,
    verify,
    webhook_payload,
)
from pipeline.alerts.rules import Channel
from pipeline.models import Alert, AlertArticle, Speaker

SECRET = "s3cret"
T0 = datetime(2021, 12, 1, 9, 0, tzinfo=UTC)


def make_alert() -> Alert:
    return Alert(
        id="abc123", rule="military-withdrawal", speaker=Speaker(text="تحسين الخفاجي", canonical="تحسين الخفاجي"),
        quote="موعد خروج القوات القتالية ثابت ولا تغيير فيه", subjects=["military_withdrawal"],
        first_seen=T0, last_seen=T0, count=2,
        articles=[AlertArticle(id="a1", url="https://alsumaria.example/1", outlet="السومرية"),
                  AlertArticle(id="a2", url="https://rudaw.example/2", outlet="رووداو")],
    )


def test_sign_and_verify_detect_tampering():
    body = json.dumps(webhook_payload(make_alert()), ensure_ascii=False).encode()
    header = signature_header(body, SECRET)
    assert header == f"sha256={sign(body, SECRET)}" and len(sign(body, SECRET)) == 64
    assert verify(body, header, SECRET)
    assert not verify(body + b" ", header, SECRET)
    assert not verify(body, header, "other")
    assert not verify(body, None, SECRET) and not verify(body, sign(body, SECRET), SECRET)


def test_payloads_carry_the_arabic_speaker_and_quote():
    alert = make_alert()
    hook = webhook_payload(alert)
    assert hook["alert"]["speaker"]["text"] == "تحسين الخفاجي" and hook["alert"]["quote"] == alert.quote
    text = slack_payload(alert)["text"]
    for part in ("تحسين الخفاجي", alert.quote, "السومرية", "عدد المصادر: 2", "https://rudaw.example/2"):
        assert part in text
    line = console_line(alert)
    assert "تحسين الخفاجي" in line and alert.quote in line and "2 outlets" in line


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ok = verify(body, self.headers.get(SIGNATURE_HEADER), SECRET)
        type(self).seen.append({"body": json.loads(body), "signed": ok, "key": self.headers.get(IDEMPOTENCY_HEADER)})
        self.send_response(self.status if ok else 401)
        self.end_headers()
        self.wfile.write(b"ok" if ok else b"bad signature")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[_Receiver]]]:
    handler = type("Receiver", (_Receiver,), {"status": 200, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler
    server.shutdown()
    server.server_close()


async def _deliver(channel: Channel, alert: Alert):
    async with httpx.AsyncClient() as client:
        return await deliver(channel, alert, client, timeout=5)


def test_webhook_delivery_is_signed_and_idempotent(receiver, monkeypatch):
    url, handler = receiver
    monkeypatch.setenv("RAQIB_TEST_HOOK_SECRET", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_TEST_HOOK_SECRET"),
                                  make_alert()))
    assert result.ok and result.status == 200
    (got,) = handler.seen
    assert got["signed"] and got["key"] == "abc123:2"
    assert got["body"]["alert"]["speaker"]["text"] == "تحسين الخفاجي"


def test_wrong_secret_is_refused_and_not_retryable(receiver, monkeypatch):
    url, _ = receiver
    monkeypatch.setenv("RAQIB_TEST_HOOK_SECRET", "wrong")
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_TEST_HOOK_SECRET"),
                                  make_alert()))
    assert not result.ok and result.status == 401 and not result.retryable


def test_server_error_is_retryable(receiver, monkeypatch):
    url, handler = receiver
    handler.status = 500
    monkeypatch.setenv("RAQIB_TEST_HOOK_SECRET", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_TEST_HOOK_SECRET"),
                                  make_alert()))
    assert not result.ok and result.status == 500 and result.retryable


def test_client_error_is_not_retryable(receiver, monkeypatch):
    url, handler = receiver
    handler.status = 422
    monkeypatch.setenv("RAQIB_TEST_HOOK_SECRET", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_TEST_HOOK_SECRET"),
                                  make_alert()))
    assert not result.ok and result.status == 422 and not result.retryable


def test_unreachable_receiver_is_retryable():
    result = asyncio.run(_deliver(Channel(type="slack", url="http://127.0.0.1:9/none"), make_alert()))
    assert not result.ok and result.retryable and result.error


def test_missing_secret_fails_without_sending(monkeypatch):
    monkeypatch.delenv("RAQIB_TEST_HOOK_SECRET", raising=False)
    result = asyncio.run(_deliver(Channel(type="webhook", url="http://127.0.0.1:9/x",
                                          secret_env="RAQIB_TEST_HOOK_SECRET"), make_alert()))
    assert not result.ok and not result.retryable and "RAQIB_TEST_HOOK_SECRET" in result.error


def test_console_channel_prints_a_line(capsys):
    assert asyncio.run(_deliver(Channel(type="console"), make_alert())).ok
    assert "تحسين الخفاجي" in capsys.readouterr().out


def test_retry_policy_schedule_ends_in_dead_letter():
    policy = RetryPolicy()
    assert [policy.delay(n) for n in range(1, 7)] == [1.0, 5.0, 30.0, 120.0, 600.0, None]
    record = RetryRecord(alert=make_alert().model_dump(mode="json"), channel={"type": "webhook", "url": "x"})
    attempts = [record.attempt]
    while (nxt := next_attempt(record, "HTTP 500", policy, now=T0)) is not None:
        record = nxt
        attempts.append(record.attempt)
    assert attempts == [1, 2, 3, 4, 5, 6] == list(range(1, policy.max_attempts + 1))
    assert len(record.errors) == 5
    assert RetryRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    first = next_attempt(RetryRecord(alert={}, channel={}), now=T0)
    assert first is not None and first.not_before == "2021-12-01T09:00:01+00:00"
