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
    header = signature_header(body, SECRET, timestamp=1_700_000_000)
    assert header == f"t=1700000000,v1={sign(body, SECRET, 1_700_000_000)}" and len(sign(body, SECRET, 1)) == 64
    assert verify(body, header, SECRET, now=1_700_000_000)
    assert not verify(body + b" ", header, SECRET, now=1_700_000_000)
    assert not verify(body, header, "other", now=1_700_000_000)
    assert not verify(body, None, SECRET) and not verify(body, sign(body, SECRET, 1), SECRET)
    assert verify(body, signature_header(body, SECRET), SECRET)  # now, by default


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
        return await deliver(channel, alert, client, timeout=5, allow_private=True)  # the receiver is on loopback


def test_webhook_delivery_is_signed_and_idempotent(receiver, monkeypatch):
    url, handler = receiver
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_TEST", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_WEBHOOK_SECRET_TEST"),
                                  make_alert()))
    assert result.ok and result.status == 200
    (got,) = handler.seen
    assert got["signed"] and got["key"] == "abc123:2"
    assert got["body"]["alert"]["speaker"]["text"] == "تحسين الخفاجي"


def test_wrong_secret_is_refused_and_not_retryable(receiver, monkeypatch):
    url, _ = receiver
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_TEST", "wrong")
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_WEBHOOK_SECRET_TEST"),
                                  make_alert()))
    assert not result.ok and result.status == 401 and not result.retryable


def test_server_error_is_retryable(receiver, monkeypatch):
    url, handler = receiver
    handler.status = 500
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_TEST", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_WEBHOOK_SECRET_TEST"),
                                  make_alert()))
    assert not result.ok and result.status == 500 and result.retryable


def test_client_error_is_not_retryable(receiver, monkeypatch):
    url, handler = receiver
    handler.status = 422
    monkeypatch.setenv("RAQIB_WEBHOOK_SECRET_TEST", SECRET)
    result = asyncio.run(_deliver(Channel(type="webhook", url=url, secret_env="RAQIB_WEBHOOK_SECRET_TEST"),
                                  make_alert()))
    assert not result.ok and result.status == 422 and not result.retryable


def test_unreachable_receiver_is_retryable():
    result = asyncio.run(_deliver(Channel(type="slack", url="http://127.0.0.1:9/none"), make_alert()))
    assert not result.ok and result.retryable and result.error


def test_missing_secret_fails_without_sending(monkeypatch):
    monkeypatch.delenv("RAQIB_WEBHOOK_SECRET_TEST", raising=False)
    result = asyncio.run(_deliver(Channel(type="webhook", url="http://127.0.0.1:9/x",
                                          secret_env="RAQIB_WEBHOOK_SECRET_TEST"), make_alert()))
    assert not result.ok and not result.retryable and "RAQIB_WEBHOOK_SECRET_TEST" in result.error


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


# --- decoding of alert-topic messages (pipeline.alerts.messages) -----------------------------------

def _candidate_parts():
    from pipeline.models import ArticleEnriched, Statement

    speaker = Speaker(text="تحسين الخفاجي", canonical="تحسين الخفاجي")
    st = Statement(speaker=speaker, quote="موعد خروج القوات القتالية ثابت", start=0, end=30,
                   subjects=["military_withdrawal"])
    art = ArticleEnriched(id="a1", url="https://alsumaria.example/1", outlet="السومرية", text="نص طويل",
                          fetched_at=T0)
    return st, art


def test_candidate_round_trips_without_the_article_text():
    from pipeline.alerts.messages import candidate_value, parse_candidate

    st, art = _candidate_parts()
    got = parse_candidate(candidate_value("military-withdrawal", st, art))
    assert got.rule == "military-withdrawal" and got.statement == st and got.seen_at == T0
    assert got.article.url == art.url and got.article.outlet == "السومرية" and got.article.text == ""


@pytest.mark.parametrize(("raw", "reason"), [
    (b"{not json", "not JSON"),
    (b"\xff\xfe\x00garbage", "not JSON"),
    (b"[1, 2]", "wrong schema: expected a JSON object"),
    (b'{"rule": "r", "statement": {"quote": 5}}', "wrong schema: missing field 'article'"),
    (b'{"rule": "", "article": {}, "statement": {}, "seen_at": "x"}', "wrong schema"),
    (None, "empty message"),
])
def test_bad_candidates_are_poison_with_a_reason(raw, reason):
    from pipeline.alerts.messages import PoisonMessage, parse_candidate

    with pytest.raises(PoisonMessage, match=reason.replace("[", r"\[")):
        parse_candidate(raw)


def test_oversized_messages_are_refused_before_parsing():
    from pipeline.alerts.messages import MAX_MESSAGE_BYTES, PoisonMessage, load_object, parse_delivery

    big = json.dumps({"pad": "x" * MAX_MESSAGE_BYTES}).encode()
    with pytest.raises(PoisonMessage, match=f"message too large: {len(big)} bytes"):
        parse_delivery(big)
    assert load_object(b'{"a": 1}', max_bytes=8) == {"a": 1}
    with pytest.raises(PoisonMessage, match="too large"):
        load_object(b'{"a": 10}', max_bytes=8)


def test_delivery_records_are_validated_with_their_alert_and_channel():
    from pipeline.alerts.messages import PoisonMessage, parse_delivery

    record = RetryRecord(alert=make_alert().model_dump(mode="json"),
                         channel={"type": "webhook", "url": "https://hooks.example/x"}, attempt=2,
                         not_before="2021-12-01T09:00:05+00:00", errors=["HTTP 500"])
    got = parse_delivery(json.dumps(record.to_dict()).encode())
    assert got.record == record and got.alert == make_alert() and got.channel.url == "https://hooks.example/x"
    for bad in ({**record.to_dict(), "channel": {"type": "fax"}}, {**record.to_dict(), "attempt": "two"},
                {**record.to_dict(), "not_before": "tomorrow"}, {**record.to_dict(), "alert": {"id": "x"}},
                {"channel": record.channel}):
        with pytest.raises(PoisonMessage, match="wrong schema"):
            parse_delivery(json.dumps(bad).encode())


def test_display_url_hides_slack_path_and_webhook_credentials():
    from pipeline.alerts.delivery import display_url

    slack = Channel(type="slack", url="https://hooks.slack.com/services/T000/B000/SECRETTOKEN")
    assert display_url(slack) == "https://hooks.slack.com/…"
    hook = Channel(type="webhook", url="https://user:pw@alerts.example.org:8443/raqib?token=abc")
    assert display_url(hook) == "https://alerts.example.org:8443/raqib?…"


def test_webhook_signed_with_the_setting_when_no_env_variable_is_named():
    from pipeline.alerts.delivery import SIGNATURE_HEADER, request_for, verify

    alert = make_alert()
    body, headers = request_for(Channel(type="webhook", url="http://x/h"), alert, default_secret="from-settings")
    assert verify(body, headers[SIGNATURE_HEADER], "from-settings")
    _, unsigned = request_for(Channel(type="webhook", url="http://x/h"), alert)
    assert SIGNATURE_HEADER not in unsigned
