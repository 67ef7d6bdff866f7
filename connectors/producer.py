"""The connectors' Kafka producer: idempotent, acks=all, compressed, keyed by article id.

A send that still fails after the client's retries raises ``ProduceError``: the caller stops that
source rather than marking the article as sent, so nothing is silently lost. A message bigger than the
topics accept raises ``MessageTooLarge``: retrying cannot help, so the caller dead-letters it.
"""

from __future__ import annotations

import json

from kafka import KafkaProducer
from kafka.errors import KafkaError, MessageSizeTooLargeError

from pipeline.errors import MessageTooLarge, ProduceError
from pipeline.models import ArticleClean, DeadLetter
from pipeline.settings import Settings
from pipeline.topics import KAFKA_MESSAGE_MAX_BYTES


class ArticleProducer:
    def __init__(self, settings: Settings, send_timeout: float = 30.0) -> None:
        self.settings = settings
        self.send_timeout = send_timeout
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
            )
        except KafkaError as exc:
            raise ProduceError(f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}); "
                               "start it with `raqib services up` or set RAQIB_KAFKA_BOOTSTRAP") from exc

    def send(self, article: ArticleClean) -> None:
        """Send one article and wait for the broker's acknowledgement."""
        self._send(self.settings.topics.clean, article.id, article.model_dump_json())

    def send_dead_letter(self, letter: DeadLetter) -> None:
        self._send(self.settings.topics.dead_letter, letter.url or letter.stage, letter.model_dump_json())

    def send_raw(self, topic: str, key: str, value: str | dict) -> None:
        self._send(topic, key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))

    def _send(self, topic: str, key: str, value: str) -> None:
        data = value.encode("utf-8")
        if len(data) > KAFKA_MESSAGE_MAX_BYTES - 64 * 1024:  # leave room for the key and record headers
            raise MessageTooLarge(f"message {key} for {topic} is {len(data)} bytes, over the "
                                  f"{KAFKA_MESSAGE_MAX_BYTES}-byte limit of the Kafka topics; it was not sent")
        try:
            self._producer.send(topic, key=key.encode("utf-8"), value=data).get(timeout=self.send_timeout)
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
