"""Bulk indexing with at-least-once delivery.

``Indexer.store`` returns only once every document is either stored or rejected by the engine for a
reason retrying cannot fix (a mapping error). Connection loss, 429 and 5xx are retried with capped
exponential backoff for as long as it takes, so the Kafka offset of a batch is never committed
before its documents are stored. ``_id`` is the article id: re-enrichment updates, never duplicates.
"""

from __future__ import annotations

import asyncio
from typing import Any

import structlog
from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception_type, stop_after_delay

from pipeline.errors import SearchError, ServiceUnavailable
from pipeline.metrics import BULK_RETRIES
from pipeline.models import ArticleEnriched
from pipeline.retry import wait_capped_jitter
from pipeline.search import engine, templates
from pipeline.settings import Settings, redact

log = structlog.get_logger("raqib.indexer")


class _NotYetStored(Exception):
    """Some documents of a batch are not stored yet and may be on a retry (the message says why)."""


def _log_retry(what: str):
    def before_sleep(state: RetryCallState) -> None:
        BULK_RETRIES.inc()
        error = state.outcome.exception() if state.outcome else None
        log.warning("search_engine_retry", what=what, attempt=state.attempt_number - 1,
                    delay=round(state.next_action.sleep if state.next_action else 0.0, 2),
                    error=f"{error}"[:300])
    return before_sleep


def setup_templates(settings: Settings, timeout: float = 120.0, max_backoff: float = 30.0) -> dict[str, Any]:
    """Apply the index templates (idempotent), waiting up to ``timeout`` seconds for the engine to answer."""
    client = engine.make_client(settings)
    try:
        for attempt in Retrying(retry=retry_if_exception_type(SearchError), stop=stop_after_delay(timeout),
                                wait=wait_capped_jitter(cap=max_backoff), before_sleep=_log_retry("setup"),
                                reraise=True):
            with attempt:
                return templates.setup(client, settings)
    except SearchError as exc:
        raise ServiceUnavailable(f"search engine at {redact(settings.search_url, settings)} did not answer: "
                                 f"{redact(str(exc), settings)}; start it with `raqib services up` or set "
                                 "RAQIB_SEARCH_URL") from exc
    raise AssertionError("unreachable")  # pragma: no cover - Retrying either returns or raises


class Indexer:
    def __init__(self, settings: Settings, max_backoff: float = 30.0) -> None:
        self.settings = settings
        self.client = engine.make_client(settings)
        self.max_backoff = max_backoff
        self.retries = 0

    def _retrying(self, what: str, exceptions: type[BaseException] | tuple) -> AsyncRetrying:
        """Retry for as long as it takes: the engine coming back is the only way forward."""
        log_it = _log_retry(what)

        def before_sleep(state: RetryCallState) -> None:
            self.retries += 1
            log_it(state)

        return AsyncRetrying(retry=retry_if_exception_type(exceptions), wait=wait_capped_jitter(cap=self.max_backoff),
                             before_sleep=before_sleep, reraise=True)

    async def start(self) -> None:
        """Apply the index templates (idempotent), waiting for the engine if it is not up yet."""
        async for attempt in self._retrying("setup", SearchError):  # not reachable yet, or 5xx while it starts
            with attempt:
                await asyncio.to_thread(templates.setup, self.client, self.settings)

    async def store(self, documents: list[ArticleEnriched]) -> list[tuple[ArticleEnriched, str]]:
        """Store documents; returns those the engine rejected for good, with the reason."""
        pending = {doc.id: doc for doc in documents}  # last version of an id in a batch wins
        rejected: list[tuple[ArticleEnriched, str]] = []
        actions_by_id: dict[str, dict] = {}
        for doc_id, doc in list(pending.items()):
            try:
                source = templates.to_document(doc)
                actions_by_id[doc_id] = {"_index": templates.index_for(source, self.settings), "_id": doc_id,
                                         "_source": source}
            except Exception as exc:  # noqa: BLE001 - one unmappable document must not block its batch
                rejected.append((pending.pop(doc_id), f"cannot build the document: {type(exc).__name__}: {exc}"))
        # Any engine or client failure is retried, never raised: raising would end the agent's take()
        # loop, which acks (commits) the batch unstored.
        async for attempt in self._retrying("bulk", Exception):
            with attempt:
                await self._bulk_once(pending, actions_by_id, rejected)
        return rejected

    async def _bulk_once(self, pending: dict[str, ArticleEnriched], actions_by_id: dict[str, dict],
                         rejected: list[tuple[ArticleEnriched, str]]) -> None:
        """One bulk request for the pending documents; raises while some may still be stored by a retry."""
        if not pending:
            return
        try:
            result = await asyncio.to_thread(engine.bulk, self.client, [actions_by_id[i] for i in pending])
        except Exception as exc:
            raise _NotYetStored(f"{type(exc).__name__}: {exc}") from exc
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
            raise _NotYetStored(result.errors[0].reason if result.errors else "")
        if pending:  # engine answered without an item for some ids: retry those, not in a tight loop
            raise _NotYetStored(f"no result for {len(pending)} document(s)")
