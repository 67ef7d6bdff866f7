"""The connectors' Kafka producer: idempotent, acks=all, compressed, keyed by article id.

A send that still fails after the client's retries raises ``ProduceError``: the caller stops that
source rather than marking the article as sent, so nothing is silently lost. A message bigger than the
topics accept raises ``MessageTooLarge``: retrying cannot help, so the caller dead-letters it.

With a ``transactional_id`` (what `raqib connect` uses) every write is a Kafka transaction, and an article
is written in one transaction with the connector state that marks it seen (``send(article, state_record)``):
readers with ``isolation_level="read_committed"`` see both or neither. A connector killed mid-transaction
leaves nothing they can see; the next producer with the same id aborts what it left open
(``init_transactions``) and fences it, should it still be alive.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any

import structlog
from kafka import KafkaProducer
from kafka.errors import KafkaError, MessageSizeTooLargeError

from pipeline.errors import MessageTooLarge, ProduceError
from pipeline.models import ArticleClean, DeadLetter
from pipeline.settings import Settings
from pipeline.topics import KAFKA_MESSAGE_MAX_BYTES

log = structlog.get_logger("raqib.connector.producer")

#: a record to write: topic, key, value
Record = tuple[str, str, str]
#: a transaction left open (its producer killed, nobody restarted with its id) is aborted by the broker after
#: this long; until then read_committed readers of its partitions wait. One transaction is one article.
TRANSACTION_TIMEOUT_MS = 30_000


class ArticleProducer:
    def __init__(self, settings: Settings, send_timeout: float = 30.0, transactional_id: str | None = None) -> None:
        self.settings = settings
        self.send_timeout = send_timeout
        self.transactional_id = transactional_id
        # One open transaction per producer: the begin-send-commit of one write never interleaves with
        # another's (polls and WebSub pushes share this producer).
        self._lock = threading.Lock()
        extra = {} if transactional_id is None else {"transactional_id": transactional_id,
                                                     "transaction_timeout_ms": TRANSACTION_TIMEOUT_MS}
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=settings.kafka_bootstrap,
                client_id="raqib-connector",
                acks="all",
                enable_idempotence=True,
                compression_type="gzip",
                linger_ms=20,
                retries=10,
                max_request_size=KAFKA_MESSAGE_MAX_BYTES,
                **extra,
            )
            if transactional_id is not None:
                self._producer.init_transactions()  # aborts what a killed predecessor left open
        except KafkaError as exc:
            raise ProduceError(f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}); "
                               "start it with `raqib services up` or set RAQIB_KAFKA_BOOTSTRAP") from exc

    @property
    def transactional(self) -> bool:
        return self.transactional_id is not None

    def send(self, article: ArticleClean, *also: Record) -> None:
        """Send one article and wait for the broker's acknowledgement. The records ``also`` (the state that
        marks the article seen) are written with it: in the same transaction on a transactional producer."""
        self._write([(self.settings.topics.clean, article.id, article.model_dump_json()), *also])

    def send_dead_letter(self, letter: DeadLetter) -> None:
        self._write([(self.settings.topics.dead_letter, letter.url or letter.stage, letter.model_dump_json())])

    def send_raw(self, topic: str, key: str, value: str | dict) -> None:
        self._write([(topic, key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))])

    def _write(self, records: Iterable[Record]) -> None:
        """Write the records, each acknowledged; transactional: all committed together, or none (aborted)."""
        encoded = [(topic, key, _encode(topic, key, value)) for topic, key, value in records]
        if not self.transactional:
            for topic, key, data in encoded:
                self._send(topic, key, data)
            return
        with self._lock:
            try:
                self._producer.begin_transaction()
                futures = [(topic, key, data, self._producer.send(topic, key=key.encode("utf-8"), value=data))
                           for topic, key, data in encoded]
                self._producer.flush(timeout=self.send_timeout)  # one request for all, no linger
                for topic, key, data, future in futures:
                    self._acknowledged(topic, key, data, future)
                self._producer.commit_transaction()
            except Exception as exc:
                self._abort([key for _, key, _ in encoded], exc)
                if isinstance(exc, KafkaError):
                    raise ProduceError(f"Kafka did not commit the transaction of {encoded[0][1]} on "
                                       f"{encoded[0][0]}: {exc!r}") from exc
                raise

    def _abort(self, keys: list[str], exc: Exception) -> None:
        """Abort the open transaction (nothing of it becomes visible); one log line either way."""
        try:
            self._producer.abort_transaction()
        except Exception as abort_exc:  # noqa: BLE001 - fenced or fatal: the producer is unusable, readers safe
            log.error("transaction_abort_failed", transactional_id=self.transactional_id, keys=keys,
                      error=repr(exc), abort_error=repr(abort_exc))
            return
        log.warning("transaction_aborted", transactional_id=self.transactional_id, keys=keys, error=repr(exc))

    def _send(self, topic: str, key: str, data: bytes) -> None:
        self._acknowledged(topic, key, data, self._producer.send(topic, key=key.encode("utf-8"), value=data))

    def _acknowledged(self, topic: str, key: str, data: bytes, future: Any) -> None:
        """Wait for the broker's acknowledgement of one send; its failure as this module's errors."""
        try:
            future.get(timeout=self.send_timeout)
        except MessageSizeTooLargeError as exc:
            raise MessageTooLarge(f"Kafka refused message {key} on {topic} as too large ({len(data)} bytes): "
                                  f"{exc}") from exc
        except KafkaError as exc:
            raise ProduceError(f"Kafka did not accept message {key} on {topic}: {exc}") from exc

    def flush(self) -> None:
        self._producer.flush()

    def close(self) -> None:
        self._producer.flush()
        self._producer.close()

    def __enter__(self) -> ArticleProducer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _encode(topic: str, key: str, value: str) -> bytes:
    """The value's bytes; ``MessageTooLarge`` (before anything is sent) when the topics cannot take it."""
    data = value.encode("utf-8")
    if len(data) > KAFKA_MESSAGE_MAX_BYTES - 64 * 1024:  # leave room for the key and record headers
        raise MessageTooLarge(f"message {key} for {topic} is {len(data)} bytes, over the "
                              f"{KAFKA_MESSAGE_MAX_BYTES}-byte limit of the Kafka topics; it was not sent")
    return data
