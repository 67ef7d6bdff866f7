"""The dead-letter topic: a message or article that cannot be processed goes there with the reason and
the original value, and the stream goes on."""

from __future__ import annotations

from typing import Any

import structlog

from pipeline.metrics import DEAD
from pipeline.models import DeadLetter
from pipeline.topics import DEAD_LETTER_ORIGINAL_MAX_BYTES
from pipeline.worker.app import dead_letter_topic

log = structlog.get_logger("raqib.worker")


async def send_dead_letter(stage: str, reason: str, original: bytes | str | None, topic: str,
                           url: str | None = None) -> None:
    DEAD.labels(stage=stage).inc()
    if isinstance(original, bytes):
        original = original[:DEAD_LETTER_ORIGINAL_MAX_BYTES].decode("utf-8", errors="replace")
    letter = DeadLetter(stage=stage, reason=reason[:2000], url=url, topic=topic,
                        original=original[:DEAD_LETTER_ORIGINAL_MAX_BYTES] if original else None)
    log.warning("dead_letter", stage=stage, reason=reason[:300], url=url)
    await dead_letter_topic.send(key=stage.encode(), value=letter.model_dump_json().encode())


async def send_poison(stage: str, exc: Exception, raw: Any, topic: str) -> None:
    """Dead-letter one unprocessable alert-topic message; the agent goes on with the next one."""
    await send_dead_letter(stage, str(exc), raw if isinstance(raw, bytes | str) else repr(raw), topic)
