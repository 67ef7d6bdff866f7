"""Alert delivery: payloads, HMAC signatures, one HTTP attempt, and the retry schedule.

Webhook bodies are signed with HMAC-SHA256 of the exact body bytes (``X-Raqib-Signature: sha256=<hex>``)
and carry ``Idempotency-Key: <alert id>:<count>`` so a receiver can drop repeats of the same alert state
(a restart or a retry re-sends it). Retrying is the stream's job (a Kafka retry topic); this module gives
the pure pieces: :class:`RetryPolicy` and :func:`next_attempt`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from pipeline.models import Alert

SIGNATURE_HEADER = "X-Raqib-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_URLS = 5


def sign(body: bytes, secret: str) -> str:
    """Hex HMAC-SHA256 of ``body`` with ``secret``."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_header(body: bytes, secret: str) -> str:
    return f"sha256={sign(body, secret)}"


def verify(body: bytes, header: str | None, secret: str) -> bool:
    """True when ``header`` (``sha256=<hex>``) is the signature of ``body``; constant-time compare."""
    if not header or not header.startswith("sha256="):
        return False
    return hmac.compare_digest(header[len("sha256="):].strip().lower(), sign(body, secret))


def idempotency_key(alert: Alert) -> str:
    return f"{alert.id}:{alert.count}"


def webhook_payload(alert: Alert) -> dict[str, Any]:
    """The JSON body posted to webhooks: the alert itself plus an event type."""
    return {"type": "raqib.alert", "new": alert.count == 1, "alert": alert.model_dump(mode="json")}


def _outlets(alert: Alert) -> list[str]:
    return list(dict.fromkeys(a.outlet for a in alert.articles if a.outlet))


def _speaker(alert: Alert) -> str:
    """Who said it: the speaker, or the outlet's own report (unattributed), never a bare question mark."""
    if alert.speaker:
        return alert.speaker.text
    outlets = _outlets(alert)
    return f"دون نسبة إلى متحدث ({outlets[0]})" if outlets and not alert.attributed else "متحدث غير محدد"


def slack_payload(alert: Alert) -> dict[str, str]:
    """Slack incoming-webhook body: Arabic text with speaker, quote, first outlet, outlet count and URLs."""
    outlets = _outlets(alert)
    first = outlets[0] if outlets else "مصدر غير معروف"
    lines = [
        f"*تنبيه ({alert.rule})*: {_speaker(alert)}",
        f"«{alert.quote}»",
        f"أول مصدر: {first} — عدد المصادر: {len(outlets) or len(alert.articles)}",
    ]
    lines += [a.url for a in alert.articles[:MAX_URLS]]
    if len(alert.articles) > MAX_URLS:
        lines.append(f"و{len(alert.articles) - MAX_URLS} روابط أخرى")
    return {"text": "\n".join(lines)}


def console_line(alert: Alert) -> str:
    """One line for terminals and logs."""
    outlets = _outlets(alert)
    when = alert.last_seen.isoformat(timespec="seconds")
    stance = f" [{alert.stance}]" if alert.stance else ""
    return (f"[{when}] {alert.rule}{stance} #{alert.count} {_speaker(alert)}: «{alert.quote}» "
            f"({len(outlets)} outlets: {', '.join(outlets)})")


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    status: int | None = None
    retryable: bool = False
    error: str | None = None


def _body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def display_url(channel: Any) -> str:
    """The channel's URL as it may appear in logs and dead-letter reasons: a Slack incoming-webhook URL *is*
    its secret (path elided), and credentials or a query string in a webhook URL are not shown."""
    parts = urlsplit(channel.url or "")
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    if channel.type == "slack":
        return f"{parts.scheme}://{host}/…"
    return f"{parts.scheme}://{host}{parts.path}" + ("?…" if parts.query else "")


def request_for(channel: Any, alert: Alert, default_secret: str | None = None) -> tuple[bytes, dict[str, str]]:
    """Body and headers for a webhook/slack channel. A webhook is signed with the secret in the env variable
    the channel names, or else with ``default_secret`` (the ``webhook_secret`` setting) when one is set."""
    ctype = channel.type
    body = _body(slack_payload(alert) if ctype == "slack" else webhook_payload(alert))
    headers = {"Content-Type": "application/json; charset=utf-8", IDEMPOTENCY_HEADER: idempotency_key(alert)}
    secret_env = getattr(channel, "secret_env", None)
    if ctype == "webhook" and secret_env:
        secret = os.environ.get(secret_env)
        if not secret:
            raise ValueError(f"webhook secret env variable {secret_env} is not set")
        headers[SIGNATURE_HEADER] = signature_header(body, secret)
    elif ctype == "webhook" and default_secret:
        headers[SIGNATURE_HEADER] = signature_header(body, default_secret)
    return body, headers


async def deliver(channel: Any, alert: Alert, client: httpx.AsyncClient, timeout: float = 10.0,
                  default_secret: str | None = None) -> DeliveryResult:
    """One delivery attempt to a channel (``Channel`` of the rules: type, url, secret_env).

    Console channels print one line. HTTP 2xx is success; timeouts, connection errors, 408/425/429/5xx
    are retryable; other statuses (4xx) are not (the receiver refuses this payload).
    """
    if channel.type == "console":
        print(console_line(alert), flush=True)
        return DeliveryResult(ok=True)
    try:
        body, headers = request_for(channel, alert, default_secret)
    except ValueError as exc:
        return DeliveryResult(ok=False, retryable=False, error=str(exc))
    try:
        resp = await client.post(channel.url, content=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException as exc:
        return DeliveryResult(ok=False, retryable=True, error=f"timeout: {exc!r}")
    except httpx.TransportError as exc:
        return DeliveryResult(ok=False, retryable=True, error=f"connection failed: {exc!r}")
    if 200 <= resp.status_code < 300:
        return DeliveryResult(ok=True, status=resp.status_code)
    return DeliveryResult(ok=False, status=resp.status_code, retryable=resp.status_code in RETRYABLE_STATUSES,
                          error=f"HTTP {resp.status_code}: {resp.text[:200]}")


@dataclass(frozen=True)
class RetryPolicy:
    """Delay before attempt n+1 after attempt n failed; after ``max_attempts`` the alert is dead-lettered."""

    delays: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0, 600.0)

    @property
    def max_attempts(self) -> int:
        return len(self.delays) + 1

    def delay(self, attempt: int) -> float | None:
        """Seconds to wait after failed attempt ``attempt`` (1-based); None when no attempt is left."""
        if attempt < 1 or attempt > len(self.delays):
            return None
        return self.delays[attempt - 1]


@dataclass
class RetryRecord:
    """What a retry topic carries: the alert, the channel, how many attempts were made and when to retry."""

    alert: dict[str, Any]
    channel: dict[str, Any]
    attempt: int = 1
    not_before: str | None = None
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"alert": self.alert, "channel": self.channel, "attempt": self.attempt,
                "not_before": self.not_before, "errors": list(self.errors)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RetryRecord:
        return cls(alert=data["alert"], channel=data["channel"], attempt=int(data.get("attempt", 1)),
                   not_before=data.get("not_before"), errors=list(data.get("errors", [])))


def next_attempt(
    record: RetryRecord, error: str = "", policy: RetryPolicy | None = None, now: datetime | None = None
) -> RetryRecord | None:
    """The record for the next attempt after ``record.attempt`` failed, or None: dead-letter it."""
    policy = policy or RetryPolicy()
    delay = policy.delay(record.attempt)
    errors = [*record.errors, error] if error else list(record.errors)
    if delay is None:
        return None
    at = (now or datetime.now(UTC)) + timedelta(seconds=delay)
    return RetryRecord(alert=record.alert, channel=record.channel, attempt=record.attempt + 1,
                       not_before=at.isoformat(), errors=errors)
