"""Decoding of the alert topics' messages (``alerts.candidates``, ``alerts.deliveries``, ``alerts.retry``).

Pure functions: each either returns typed values or raises :class:`PoisonMessage` with a readable reason,
so an agent can dead-letter a bad message and go on instead of crashing (a crashed agent stops its
partition for good). Size is checked first: an alert message is a few KB, and anything the stream would
have to forward must fit Kafka's default ``max.message.bytes`` (1 MiB) of the alert topics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from pipeline.alerts.delivery import RetryRecord
from pipeline.alerts.rules import Channel
from pipeline.models import Alert, ArticleEnriched, BadMessage, Statement, decode_object

MAX_MESSAGE_BYTES = 1024 * 1024


PoisonMessage = BadMessage  # a message of an alert topic that can never be processed


def _short(exc: Exception, limit: int = 500) -> str:
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False)
        text = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in errors)
        return text[:limit]
    return f"{type(exc).__name__}: {exc}"[:limit]


def load_object(raw: bytes | str | None, max_bytes: int = MAX_MESSAGE_BYTES) -> dict[str, Any]:
    """The JSON object of a message; PoisonMessage when missing, too large, not JSON or not an object."""
    return decode_object(raw, max_bytes)


@dataclass(frozen=True)
class Candidate:
    """One matching statement of one article (value of ``alerts.candidates``)."""

    rule: str
    statement: Statement
    article: ArticleEnriched
    seen_at: datetime


def candidate_value(rule: str, statement: Statement, article: ArticleEnriched) -> bytes:
    """What the match agent sends for a matching statement (read back by :func:`parse_candidate`)."""
    data = {
        "rule": rule,
        "statement": statement.model_dump(mode="json"),
        "article": {"id": article.id, "url": article.url, "outlet": article.outlet,
                    "published_at": article.published_at.isoformat() if article.published_at else None},
        "seen_at": article.fetched_at.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def parse_candidate(raw: bytes | str | None, max_bytes: int = MAX_MESSAGE_BYTES) -> Candidate:
    data = load_object(raw, max_bytes)
    try:
        rule = data["rule"]
        if not isinstance(rule, str) or not rule:
            raise ValueError("rule must be a non-empty string")
        if not isinstance(data["article"], dict):
            raise ValueError("article must be an object")
        article = ArticleEnriched(**{**data["article"], "text": ""})
        statement = Statement.model_validate(data["statement"])
        seen_at = datetime.fromisoformat(str(data["seen_at"]))
    except KeyError as exc:
        raise PoisonMessage(f"wrong schema: missing field {exc.args[0]!r}") from exc
    except (ValueError, TypeError) as exc:  # ValidationError is a ValueError
        raise PoisonMessage(f"wrong schema: {_short(exc)}") from exc
    return Candidate(rule=rule, statement=statement, article=article, seen_at=seen_at)


@dataclass(frozen=True)
class Delivery:
    """A delivery (or retry) record with its alert and channel validated."""

    record: RetryRecord
    alert: Alert
    channel: Channel


def parse_delivery(raw: bytes | str | None, max_bytes: int = MAX_MESSAGE_BYTES) -> Delivery:
    data = load_object(raw, max_bytes)
    try:
        record = RetryRecord.from_dict(data)
        if not isinstance(record.alert, dict) or not isinstance(record.channel, dict):
            raise ValueError("alert and channel must be objects")
        alert = Alert.model_validate(record.alert)
        channel = Channel.model_validate(record.channel)
        if record.not_before is not None:
            datetime.fromisoformat(str(record.not_before))
    except KeyError as exc:
        raise PoisonMessage(f"wrong schema: missing field {exc.args[0]!r}") from exc
    except (ValueError, TypeError) as exc:
        raise PoisonMessage(f"wrong schema: {_short(exc)}") from exc
    return Delivery(record=record, alert=alert, channel=channel)
