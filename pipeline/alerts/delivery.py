"""Alert delivery: payloads, HMAC signatures, one HTTP attempt, and the retry schedule.

Webhook bodies are signed with HMAC-SHA256 of the time and the exact body bytes
(``X-Raqib-Signature: t=<unix>,v1=<hex of HMAC("<t>." + body)>``), so a captured request cannot be
replayed later, and carry ``Idempotency-Key: <alert id>:<count>`` so a receiver can drop repeats of the
same alert state (a restart or a retry re-sends it). Retrying is the stream's job (a Kafka retry topic);
this module gives the pure pieces: :class:`RetryPolicy` and :func:`next_attempt`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import structlog

from pipeline import netguard
from pipeline.errors import BlockedAddress
from pipeline.models import Alert

SIGNATURE_HEADER = "X-Raqib-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_URLS = 5
#: seconds a receiver should accept between the signed time and its clock
SIGNATURE_TOLERANCE = 300.0
#: the only environment variables a rule may name as its webhook secret: a rule author must not be able to
#: make the worker sign with (and so leak to offline guessing) RAQIB_SEARCH_PASSWORD, HOME or any other
SECRET_ENV_PREFIX = "RAQIB_WEBHOOK_SECRET_"
SECRET_ENV_RE = re.compile(r"RAQIB_WEBHOOK_SECRET_[A-Z0-9_]{1,64}")  # fullmatch: "$" accepts a final "\n"

log = structlog.get_logger("raqib.alerts")


def check_secret_env(name: str) -> str:
    """``name`` when it is an allowed webhook secret variable (``RAQIB_WEBHOOK_SECRET_<NAME>``), else ValueError."""
    if not SECRET_ENV_RE.fullmatch(name):
        raise ValueError(f"secret_env must be named {SECRET_ENV_PREFIX}<NAME> (capitals, digits, '_'), "
                         f"got {name!r}")
    return name


def sign(body: bytes, secret: str, timestamp: int) -> str:
    """Hex HMAC-SHA256 of ``"<timestamp>." + body`` with ``secret``: the time is signed with the body."""
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """``t=<unix seconds>,v1=<hex>`` (the scheme of Stripe and Slack): a receiver refusing old timestamps
    cannot be fed a captured request again later."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={t},v1={sign(body, secret, t)}"


def verify(body: bytes, header: str | None, secret: str, tolerance: float = SIGNATURE_TOLERANCE,
           now: float | None = None) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its time is within ``tolerance`` seconds of
    ``now``; constant-time compare. A receiver also drops repeats by their ``Idempotency-Key``."""
    if not header:
        return False
    parts = dict(p.strip().partition("=")[::2] for p in header.split(","))
    t, given = parts.get("t", ""), parts.get("v1", "")
    if not t.isdigit() or not given:
        return False
    if abs((time.time() if now is None else now) - int(t)) > tolerance:
        return False
    return hmac.compare_digest(given.strip().lower(), sign(body, secret, int(t)))


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
        secret = os.environ.get(check_secret_env(secret_env))
        if not secret:
            raise ValueError(f"webhook secret env variable {secret_env} is not set")
        headers[SIGNATURE_HEADER] = signature_header(body, secret)
    elif ctype == "webhook" and default_secret:
        headers[SIGNATURE_HEADER] = signature_header(body, default_secret)
    return body, headers


async def deliver(channel: Any, alert: Alert, client: httpx.AsyncClient, timeout: float = 10.0,
                  default_secret: str | None = None, allow_private: bool = False) -> DeliveryResult:
    """One delivery attempt to a channel (``Channel`` of the rules: type, url, secret_env).

    Console channels print one line. The URL goes through the same address policy as the connectors
    (``allow_private`` is the ``allow_private_networks`` setting): a rule cannot make the worker post into
    the search engine or a metadata service. HTTP 2xx is success; timeouts, connection errors,
    408/425/429/5xx are retryable; other statuses (4xx) are not. The error never quotes the reply's body
    (it reaches the dead letter, where the rule's author may read it).
    """
    if channel.type == "console":
        print(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", console_line(alert)), flush=True)  # no terminal escapes
        return DeliveryResult(ok=True)
    try:
        body, headers = request_for(channel, alert, default_secret)
        await netguard.check_url_address(channel.url, allow_private)
    except (ValueError, BlockedAddress) as exc:
        return DeliveryResult(ok=False, retryable=False, error=str(exc))
    except OSError as exc:
        return DeliveryResult(ok=False, retryable=True, error=f"cannot resolve the receiver: {exc}")
    if channel.type == "webhook" and SIGNATURE_HEADER not in headers:
        log.warning("webhook_unsigned", url=display_url(channel), alert=alert.id,
                    action=f"set RAQIB_WEBHOOK_SECRET or name a {SECRET_ENV_PREFIX}<NAME> variable in the channel")
    try:
        resp = await client.post(channel.url, content=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException as exc:
        return DeliveryResult(ok=False, retryable=True, error=f"timeout: {exc!r}")
    except httpx.TransportError as exc:
        return DeliveryResult(ok=False, retryable=True, error=f"connection failed: {exc!r}")
    if 200 <= resp.status_code < 300:
        return DeliveryResult(ok=True, status=resp.status_code)
    return DeliveryResult(ok=False, status=resp.status_code, retryable=resp.status_code in RETRYABLE_STATUSES,
                          error=f"HTTP {resp.status_code} {resp.reason_phrase}".strip())


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
