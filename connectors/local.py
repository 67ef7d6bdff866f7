"""`raqib ingest`: local files into Kafka, the simplest source (also used by tests and the demo)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from connectors.producer import ArticleProducer, MessageTooLarge, ProduceError
from connectors.runner import FileError, ingest_files
from pipeline.models import DeadLetter
from pipeline.settings import Settings
from pipeline.topics import ensure_topics


def ingest_paths(settings: Settings, paths: Iterable[Path], outlet: str = "local",
                 log: Callable[[str], None] = print) -> tuple[int, int]:
    """Produce every article found in ``paths``; a bad file is reported and dead-lettered, the rest go on.

    Returns (articles sent, files or lines that failed). A Kafka failure stops the run (raises), so an
    article is never reported as sent when the broker did not acknowledge it.
    """
    ensure_topics(settings)
    sent = failed = 0
    with ArticleProducer(settings) as producer:
        for item in ingest_files(list(paths), source="files", outlet=outlet):
            if isinstance(item, FileError):
                failed += 1
                log(f"skipped {item}")
                producer.send_dead_letter(DeadLetter(stage="ingest", reason=item.reason, url=item.path))
                continue
            try:
                producer.send(item)
            except MessageTooLarge as exc:  # this one can never be sent; the others still can
                failed += 1
                log(f"skipped {item.url}: {exc}")
                producer.send_dead_letter(DeadLetter(stage="ingest", reason=str(exc), url=item.url))
                continue
            except ProduceError as exc:
                raise RuntimeError(f"{exc}; {sent} article(s) were sent before the failure") from exc
            sent += 1
    return sent, failed
