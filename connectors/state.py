"""Connector state per source (conditional-GET validators, seen items, adaptive schedule).

State lives as one JSON message per source key in a compacted Kafka topic, so any connector
instance can pick a source up where another left it. ``MemoryStateStore`` is for tests.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

import structlog
from pydantic import BaseModel, Field, PrivateAttr, ValidationError

from connectors.schedule import Learned
from pipeline.models import DeadLetter, decode_object
from pipeline.settings import Settings
from pipeline.topics import DEAD_LETTER_ORIGINAL_MAX_BYTES, ensure_topics, replay_compacted

if TYPE_CHECKING:
    from connectors.producer import ArticleProducer
    from pipeline.models import ArticleClean

log = structlog.get_logger("raqib.connector.state")

#: items of one feed document a poll considers (feeds list newest first: older ones are past news)
MAX_FEED_ITEMS = 10_000
#: ids remembered per source: every item the feed still lists (``touch_seen`` keeps them the most recent),
#: plus the ids marked during one poll (an item and its canonical id), with room to spare
MAX_SEEN = 12_000
STATE_SCHEMA_VERSION = 1
MAX_STATE_BYTES = 1024 * 1024  # 12,000 seen ids are ~330 kB; anything near this is not a state
MAX_BACKOFF = 8.0


class ConnectorState(BaseModel):
    """What a connector remembers about one source between polls."""

    schema_version: int = STATE_SCHEMA_VERSION
    source: str
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = Field(default_factory=list, description="Recent item ids, oldest first (bounded)")
    base_interval: float = 300.0
    interval: float = 300.0
    next_poll: float = 0.0
    last_poll: float | None = None
    last_error: str | None = None
    learned: Learned = Field(default_factory=Learned, description="The feed's learned publication rhythm")
    _index: OrderedDict[str, None] | None = PrivateAttr(default=None)

    def has_seen(self, item_id: str) -> bool:
        return item_id in self._seen_index()

    def mark_seen(self, item_id: str) -> None:
        index = self._seen_index()
        if item_id in index:
            return
        index[item_id] = None
        self.seen.append(item_id)
        if len(self.seen) > MAX_SEEN:
            dropped = self.seen[: len(self.seen) - MAX_SEEN]
            del self.seen[: len(dropped)]
            for d in dropped:
                index.pop(d, None)

    def with_seen(self, *item_ids: str) -> ConnectorState:
        """A copy of this state with ``item_ids`` marked seen; this one is left as it is."""
        copy = self.model_copy(update={"seen": list(self.seen)})
        copy._index = None  # the copy's own index, not this one's
        for item_id in item_ids:
            copy.mark_seen(item_id)
        return copy

    def touch_seen(self, listed: Iterable[str]) -> None:
        """Move the seen ids the source still lists to the recent end: trimming then forgets ids the source
        no longer lists first, never one it still lists (that one would be fetched and sent again)."""
        index = self._seen_index()
        moved = False
        for item_id in listed:
            if item_id in index:
                index.move_to_end(item_id)
                moved = True
        if moved:
            self.seen[:] = list(index)

    def _seen_index(self) -> OrderedDict[str, None]:
        if self._index is None or len(self._index) != len(self.seen):
            self._index = OrderedDict.fromkeys(self.seen)
        return self._index

    def schedule(self, interval: float, now: float | None = None) -> None:
        """Next poll in ``interval`` seconds (``connectors.schedule.next_interval`` decides how long)."""
        now = time.time() if now is None else now
        self.interval = interval
        self.last_poll = now
        self.next_poll = now + interval


def parse_state(key: str, value: bytes) -> ConnectorState:
    """Validate one message of the state topic; raises ValueError with a readable reason."""
    data = decode_object(value, MAX_STATE_BYTES, what="state message")
    version = data.get("schema_version", STATE_SCHEMA_VERSION)  # states written before versioning are v1
    if version != STATE_SCHEMA_VERSION:
        raise ValueError(f"unsupported schema_version {version!r} (this connector reads {STATE_SCHEMA_VERSION})")
    try:
        state = ConnectorState.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"invalid state: {exc.error_count()} error(s): {str(exc)[:500]}") from exc
    if state.source != key:
        raise ValueError(f"state of source {state.source!r} stored under key {key!r}")
    return state


class StateStore(Protocol):
    def load(self, source: str, interval: float = 300.0) -> ConnectorState: ...

    def save(self, state: ConnectorState) -> None: ...


def _fresh(source: str, interval: float) -> ConnectorState:
    return ConnectorState(source=source, base_interval=interval, interval=interval)


class MemoryStateStore:
    """In-process store for tests and one-shot runs."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}

    def load(self, source: str, interval: float = 300.0) -> ConnectorState:
        raw = self.states.get(source)
        try:
            state = ConnectorState.model_validate_json(raw) if raw else _fresh(source, interval)
        except ValidationError as exc:  # never block a source on its own state: start it afresh
            log.warning("unreadable_connector_state", source=source, error=str(exc)[:300])
            state = _fresh(source, interval)
        if state.base_interval != interval:
            state.base_interval = interval
            state.interval = min(max(state.interval, interval), interval * MAX_BACKOFF)
        return state

    def save(self, state: ConnectorState) -> None:
        self.states[state.source] = state.model_dump_json()


class KafkaStateStore(MemoryStateStore):
    """States in the compacted topic ``settings.topics.connector_state`` (key = source name), read committed.

    Given the connector's ``ArticleProducer`` every state is written through it (transactional: each write
    a transaction), and ``save_with`` writes an article and the state that marks it seen in one.
    """

    def __init__(self, settings: Settings, timeout: float = 10.0, producer: ArticleProducer | None = None) -> None:
        super().__init__()
        self.topic = settings.topics.connector_state
        self.dead_letter_topic = settings.topics.dead_letter
        self.rejected: list[DeadLetter] = []
        ensure_topics(settings)
        self._articles = producer
        self._producer = None
        if producer is None:
            from kafka import KafkaProducer

            self._producer = KafkaProducer(
                bootstrap_servers=settings.kafka_bootstrap, acks="all",
                key_serializer=str.encode, value_serializer=lambda v: v.encode("utf-8"),
            )
        replay_compacted(settings, self.topic, self._apply, timeout)
        for letter in self.rejected:  # after loading, so a poison state never blocks the connector
            try:
                self._write(self.dead_letter_topic, f"state:{letter.url}", letter.model_dump_json())
            except Exception as exc:  # noqa: BLE001 - the letter is logged either way
                log.warning("state_dead_letter_failed", error=repr(exc))

    def _write(self, topic: str, key: str, value: str) -> None:
        if self._articles is not None:
            self._articles.send_raw(topic, key, value)
        else:
            self._producer.send(topic, key=key, value=value).get(timeout=10)

    def _apply(self, key: bytes | None, value: bytes | None) -> None:
        """Apply one state message; a bad one is dead-lettered and the last good state kept."""
        if key is None:
            self._reject("(no key)", "state message without a key", value)
            return
        name = key.decode("utf-8", "replace")
        if value is None:
            self.states.pop(name, None)  # tombstone
            return
        try:
            state = parse_state(name, value)
        except ValueError as exc:
            self._reject(name, str(exc), value)
            return
        self.states[name] = state.model_dump_json()

    def _reject(self, name: str, reason: str, value: bytes | None) -> None:
        original = value[:DEAD_LETTER_ORIGINAL_MAX_BYTES].decode("utf-8", "replace") if value else None
        log.warning("poison_connector_state", source=name, reason=reason[:300], topic=self.topic)
        self.rejected.append(DeadLetter(stage="state", reason=reason[:2000], url=name, topic=self.topic,
                                        original=original))

    def save(self, state: ConnectorState) -> None:
        super().save(state)
        self._write(self.topic, state.source, self.states[state.source])

    def save_with(self, article: ArticleClean, state: ConnectorState) -> None:
        """Send ``article`` and save ``state`` (which marks it seen) as one write: with a transactional
        producer both are committed together or neither is. Kept here only once Kafka has it."""
        if self._articles is None:
            raise RuntimeError("KafkaStateStore.save_with needs the connector's ArticleProducer")
        value = state.model_dump_json()
        self._articles.send(article, (self.topic, state.source, value))
        self.states[state.source] = value

    def close(self) -> None:
        if self._producer is not None:  # a producer given is its owner's to close
            self._producer.flush()
            self._producer.close()


def owns(source_name: str, instance_index: int, instance_count: int) -> bool:
    """Stable sharding of sources across connector instances (same answer on every machine)."""
    if instance_count <= 1:
        return True
    digest = hashlib.sha256(source_name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % instance_count == instance_index


def state_summary(state: ConnectorState) -> dict[str, Any]:
    """A small view of a state for logs and ``raqib sources status``."""
    return {"source": state.source, "seen": len(state.seen), "interval": state.interval,
            "next_poll": state.next_poll, "last_error": state.last_error}


__all__ = ["ConnectorState", "KafkaStateStore", "MemoryStateStore", "StateStore", "owns", "parse_state",
           "state_summary"]
