"""Bulk indexing with at-least-once delivery.

``Indexer.store`` returns only once every document is either stored or rejected by the engine for a
reason retrying cannot fix (a mapping error). Connection loss, 429 and 5xx are retried with capped
exponential backoff for as long as it takes, so the Kafka offset of a batch is never committed
before its documents are stored. ``_id`` is the article id: re-enrichment updates, never duplicates.
"""

from __future__ import annotations

import asyncio
import random

import structlog

from pipeline.models import ArticleEnriched
from pipeline.search import engine, templates
from pipeline.settings import Settings

log = structlog.get_logger("raqib.indexer")


class Indexer:
    def __init__(self, settings: Settings, max_backoff: float = 30.0) -> None:
        self.settings = settings
        self.client = engine.make_client(settings)
        self.max_backoff = max_backoff
        self.retries = 0

    async def _backoff(self, attempt: int, what: str, error: str) -> None:
        delay = min(self.max_backoff, 0.5 * 2 ** min(attempt, 10)) * (0.5 + random.random() / 2)
        self.retries += 1
        from pipeline.app import BULK_RETRIES

        BULK_RETRIES.inc()
        log.warning("search_engine_retry", what=what, attempt=attempt, delay=round(delay, 2), error=error[:300])
        await asyncio.sleep(delay)

    async def start(self) -> None:
        """Apply the index templates (idempotent), waiting for the engine if it is not up yet."""
        attempt = 0
        while True:
            try:
                await asyncio.to_thread(templates.setup, self.client, self.settings)
                return
            except engine.SearchError as exc:  # not reachable yet, or 5xx while the node starts
                await self._backoff(attempt, "setup", str(exc))
                attempt += 1

    async def store(self, documents: list[ArticleEnriched]) -> list[tuple[ArticleEnriched, str]]:
        """Store documents; returns those the engine rejected for good, with the reason."""
        by_id = {doc.id: doc for doc in documents}  # last version of an id in a batch wins
        pending = dict(by_id)
        rejected: list[tuple[ArticleEnriched, str]] = []
        attempt = 0
        actions_by_id: dict[str, dict] = {}
        for doc_id, doc in list(pending.items()):
            try:
                source = templates.to_document(doc)
                actions_by_id[doc_id] = {"_index": templates.index_for(source, self.settings), "_id": doc_id,
                                         "_source": source}
            except Exception as exc:  # noqa: BLE001 - one unmappable document must not block its batch
                rejected.append((pending.pop(doc_id), f"cannot build the document: {type(exc).__name__}: {exc}"))
        while pending:
            actions = [actions_by_id[doc_id] for doc_id in pending]
            try:
                result = await asyncio.to_thread(engine.bulk, self.client, actions)
            except Exception as exc:  # noqa: BLE001 - engine or client failure: retry, never drop the batch
                # Raising here would end the agent's take() loop, which acks (commits) the batch unstored.
                await self._backoff(attempt, "bulk", f"{type(exc).__name__}: {exc}")
                attempt += 1
                continue
            for doc_id in result.ok_ids:
                pending.pop(doc_id, None)
            retry_needed = False
            for error in result.errors:
                if error.id not in pending:
                    continue
                if error.status in engine.RETRYABLE_STATUSES:
                    retry_needed = True
                else:
                    rejected.append((pending.pop(error.id), f"{error.status}: {error.reason}"))
            if pending and retry_needed:
                await self._backoff(attempt, "bulk", result.errors[0].reason if result.errors else "")
                attempt += 1
            elif pending:  # engine answered without an item for some ids: retry those, not in a tight loop
                await self._backoff(attempt, "bulk", f"no result for {len(pending)} document(s)")
                attempt += 1
        return rejected
