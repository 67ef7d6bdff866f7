"""articles.enriched -> search engine, in bulk; and the consumer-lag gauge."""

from __future__ import annotations

import faust
import structlog

from pipeline.metrics import CONSUMER_LAG, INDEXED
from pipeline.models import ArticleEnriched, parse_message
from pipeline.search.indexer import Indexer
from pipeline.worker.app import app, enriched_topic, settings
from pipeline.worker.deadletter import send_dead_letter

log = structlog.get_logger("raqib.worker")


@app.agent(enriched_topic)
async def index_agent(stream: faust.StreamT) -> None:
    """Offsets move only once documents are stored.

    ``stream.take`` acks a batch's events only after this loop body returns, and ``Indexer.store``
    returns only once every document is stored or rejected for good (it backs off while the engine is
    down), so a committed offset never covers an unstored document. The index templates were applied by
    ``pipeline.worker.main`` before the worker started.
    """
    indexer = Indexer(settings)
    async for batch in stream.take(settings.bulk_size, within=settings.bulk_interval):
        documents: list[ArticleEnriched] = []
        for raw in batch:
            try:
                documents.append(parse_message(raw, ArticleEnriched, settings.max_message_bytes))
            except ValueError as exc:
                await send_dead_letter("decode", str(exc), raw, settings.topics.enriched)
        rejected = await indexer.store(documents)
        INDEXED.inc(len(documents) - len(rejected))
        for doc, reason in rejected:
            await send_dead_letter("index", reason, doc.model_dump_json(), settings.topics.enriched, url=doc.url)


@app.timer(interval=10.0)
async def export_lag() -> None:
    """Consumer lag per partition as a Prometheus gauge (the indexer keeps up when it stays near 0)."""
    consumer = app.consumer
    try:
        assignment = consumer.assignment()
        if not assignment:
            return
        highwaters = await consumer.highwaters(*assignment)
        committed = getattr(consumer, "_committed_offset", {})  # what this worker has committed (processed)
        for tp in assignment:
            done = committed.get(tp)
            if done is None:
                done = await consumer.position(tp)
            if done is not None and tp in highwaters:
                CONSUMER_LAG.labels(topic=tp.topic, partition=str(tp.partition)).set(max(0, highwaters[tp] - done))
    except Exception as exc:  # noqa: BLE001 - metrics must never take the worker down
        log.debug("lag_export_failed", error=str(exc))
