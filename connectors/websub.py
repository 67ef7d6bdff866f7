"""WebSub (W3C Recommendation) subscriber pieces: hub discovery, signatures, subscriptions and their store.

A feed names its hub in ``<atom:link rel="hub">`` / ``<link rel="hub">`` or an HTTP ``Link:`` header, and
its canonical topic URL with ``rel="self"``. raqib subscribes with a secret of its own per subscription;
the hub then signs every content distribution with it (``X-Hub-Signature: sha256=…``), which is checked
in constant time. Subscriptions (secret and lease included) live in a compacted Kafka topic so a restart
resumes them. The callback server and the subscribe/renew loop are in ``connectors.websub_server``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from typing import Literal
from urllib.parse import urljoin

import structlog
from pydantic import BaseModel, Field, ValidationError

from connectors.schedule import feed_head
from pipeline.settings import Settings
from pipeline.topics import ensure_topics, replay_compacted

log = structlog.get_logger("raqib.connector.websub")

SubState = Literal["pending", "active", "refused", "failed", "quiet", "unsubscribed"]
SUB_STATES: tuple[str, ...] = ("pending", "active", "refused", "failed", "quiet", "unsubscribed")
SIGNATURE_METHODS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
                     "sha512": hashlib.sha512}

_LINK_HEADER_RE = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")
_REL_RE = re.compile(r"""rel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;,]+))""", re.I)
_LINK_TAG_RE = re.compile(rb"<(?:[\w-]+:)?link\b([^>]*)>", re.I)
_ATTR_RE = re.compile(rb"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _rels(value: str) -> set[str]:
    return {r.lower() for r in value.split()}


def discover(body: bytes, headers: dict[str, str], base_url: str) -> tuple[list[str], str | None]:
    """Hub URLs and the self (topic) URL a fetched feed advertises: HTTP ``Link`` headers first, then the
    feed's own ``<link rel="hub|self" href>`` elements (only the channel part is read, not the items)."""
    hubs: list[str] = []
    topic: str | None = None

    def add(rel: set[str], href: str) -> None:
        nonlocal topic
        href = urljoin(base_url, href.strip())
        if "hub" in rel and href not in hubs:
            hubs.append(href)
        if "self" in rel and topic is None:
            topic = href

    for match in _LINK_HEADER_RE.finditer(headers.get("link", "")):
        rel = _REL_RE.search(match.group(2) or "")
        if rel:
            add(_rels(next(g for g in rel.groups() if g is not None)), match.group(1))
    for tag in _LINK_TAG_RE.finditer(feed_head(body) if body else b""):
        attrs = {m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3))
                 for m in _ATTR_RE.finditer(tag.group(1))}
        if b"rel" in attrs and b"href" in attrs:
            add(_rels(attrs[b"rel"].decode("utf-8", "replace")), attrs[b"href"].decode("utf-8", "replace"))
    return hubs, topic


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    """The ``X-Hub-Signature`` value a hub sends for ``body``."""
    return f"{method}={hmac.new(secret.encode(), body, SIGNATURE_METHODS[method]).hexdigest()}"


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """True when ``header`` is a valid ``method=hexdigest`` signature of ``body`` (compared in constant time);
    a missing header, an unknown method or a wrong digest is False."""
    if not header or "=" not in header:
        return False
    method, _, digest = header.strip().partition("=")
    algorithm = SIGNATURE_METHODS.get(method.strip().lower())
    if algorithm is None:
        return False
    expected = hmac.new(secret.encode(), body, algorithm).hexdigest()
    return hmac.compare_digest(expected.encode(), digest.strip().lower().encode("ascii", "replace"))


class Subscription(BaseModel):
    """One subscription of one source at one hub, as raqib asked for it and as the hub confirmed it."""

    source: str
    topic: str
    hub: str
    callback_id: str = Field(default_factory=lambda: secrets.token_urlsafe(16))
    secret: str = Field(default_factory=lambda: secrets.token_hex(32), repr=False)
    state: SubState = "pending"
    intent: Literal["subscribe", "unsubscribe"] = "subscribe"
    lease_seconds: int | None = None
    expires_at: float | None = None
    requested_at: float = Field(default_factory=time.time)
    last_push: float | None = None
    next_attempt: float = 0.0
    failures: int = 0
    error: str | None = None

    def renew_due(self, now: float) -> bool:
        """Active and within the last quarter of its lease (at most an hour before its end)."""
        if self.state != "active" or self.expires_at is None or self.lease_seconds is None:
            return False
        return self.expires_at - now <= min(self.lease_seconds / 4, 3600.0)

    def retry_later(self, state: SubState, error: str, now: float) -> None:
        """A refusal or failure: polling carries the source; try the hub again after a growing pause."""
        self.state, self.error, self.failures = state, error[:500], self.failures + 1
        self.next_attempt = now + min(300.0 * 2 ** (self.failures - 1), 6 * 3600.0)


class SubscriptionStore:
    """Subscriptions by source name, in memory (tests, one-shot runs)."""

    def __init__(self) -> None:
        self.subs: dict[str, Subscription] = {}

    def get(self, source: str) -> Subscription | None:
        return self.subs.get(source)

    def by_callback(self, callback_id: str) -> Subscription | None:
        return next((s for s in self.subs.values() if hmac.compare_digest(s.callback_id, callback_id)), None)

    def save(self, sub: Subscription) -> None:
        self.subs[sub.source] = sub

    def all(self) -> list[Subscription]:
        return list(self.subs.values())


class KafkaSubscriptionStore(SubscriptionStore):
    """Subscriptions in the compacted topic ``settings.topics.websub`` (key = source name), read back whole
    at start: a restarted connector keeps its secrets and leases and answers its hubs' pushes at once."""

    def __init__(self, settings: Settings, timeout: float = 10.0) -> None:
        super().__init__()
        from kafka import KafkaProducer

        self.topic = settings.topics.websub
        ensure_topics(settings)
        self._producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all",
                                       key_serializer=str.encode, value_serializer=str.encode)
        replay_compacted(settings, self.topic, self._apply, timeout)

    def _apply(self, key: bytes | None, value: bytes | None) -> None:
        if key is None:
            return
        name = key.decode("utf-8", "replace")
        if value is None:
            self.subs.pop(name, None)
            return
        try:
            sub = Subscription.model_validate_json(value)
        except ValidationError as exc:  # a bad record costs one subscription, which is simply made again
            log.warning("unreadable_websub_subscription", source=name, error=str(exc)[:300])
            return
        if sub.source == name:
            self.subs[name] = sub

    def save(self, sub: Subscription) -> None:
        super().save(sub)
        self._producer.send(self.topic, key=sub.source, value=sub.model_dump_json()).get(timeout=10)

    def close(self) -> None:
        self._producer.flush()
        self._producer.close()
