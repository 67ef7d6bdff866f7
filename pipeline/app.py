"""The Faust app: topics declared once, agents kept thin around the pure functions.

articles.clean --enrich--> articles.enriched --index--> search engine
Failures go to the dead-letter topic with the reason and the original value; the stream goes on.
"""

from __future__ import annotations

import asyncio
import time

import faust
import structlog
from prometheus_client import Counter, Gauge, Histogram

from pipeline.faust_consumer import App as SnapshotApp
from pipeline.models import SCHEMA_VERSION, ArticleClean, ArticleEnriched, BadMessage, DeadLetter, decode_object
from pipeline.settings import Settings, get_settings, redact

log = structlog.get_logger("raqib.worker")

ENRICHED = Counter("raqib_articles_enriched_total", "Articles enriched")
INDEXED = Counter("raqib_documents_indexed_total", "Documents stored in the search engine")
DEAD = Counter("raqib_dead_letters_total", "Messages sent to the dead-letter topic", ["stage"])
ENRICH_SECONDS = Histogram("raqib_enrich_seconds", "Time to enrich one article")
BULK_SECONDS = Histogram("raqib_bulk_seconds", "Time of one bulk request")
BULK_RETRIES = Counter("raqib_bulk_retries_total", "Bulk requests retried after an engine failure")
CONSUMER_LAG = Gauge("raqib_consumer_lag", "Messages not yet processed", ["topic", "partition"])

MAX_ORIGINAL = 64 * 1024


def create_app(settings: Settings) -> faust.App:
    return SnapshotApp(
        settings.consumer_group,
        broker=[f"kafka://{server.strip()}" for server in settings.kafka_bootstrap.split(",")],
        store="memory://",
        topic_partitions=settings.partitions,
        topic_replication_factor=1,
        web_enabled=False,
        consumer_auto_offset_reset="earliest",
        producer_max_request_size=16 * 1024 * 1024,
        consumer_max_fetch_size=16 * 1024 * 1024,
        broker_commit_every=100,
        broker_commit_interval=1.0,
        table_cleanup_interval=60.0,
        # On a rebalance Faust would wait for every in-flight event to be acked; an event parked in the index
        # agent's take() buffer never is, and the surviving worker hung in wait_empty for good after a peer
        # was SIGKILLed (tests/integration/test_faults.py). Unacked events are not committed, so the new owner
        # re-reads them: at-least-once holds, and indexing by article id makes the replay idempotent.
        stream_wait_empty=False,
    )


settings = get_settings()
app = create_app(settings)

clean_topic = app.topic(settings.topics.clean, key_type=str, value_type=bytes, value_serializer="raw",
                        key_serializer="raw", partitions=settings.partitions)
enriched_topic = app.topic(settings.topics.enriched, key_type=str, value_type=bytes, value_serializer="raw",
                           key_serializer="raw", partitions=settings.partitions)
dead_letter_topic = app.topic(settings.topics.dead_letter, value_type=bytes, value_serializer="raw",
                              key_serializer="raw", partitions=1)

# Duplicate and story index: LSH band key -> {article id: content hash / story}. A global table, so
# every worker sees every band whatever partition an article arrived on.
story_table = app.GlobalTable("raqib-story-bands", default=dict, partitions=settings.partitions)


async def send_dead_letter(stage: str, reason: str, original: bytes | str | None, topic: str,
                           url: str | None = None) -> None:
    DEAD.labels(stage=stage).inc()
    if isinstance(original, bytes):
        original = original[:MAX_ORIGINAL].decode("utf-8", errors="replace")
    letter = DeadLetter(stage=stage, reason=reason[:2000], url=url, topic=topic,
                        original=original[:MAX_ORIGINAL] if original else None)
    log.warning("dead_letter", stage=stage, reason=reason[:300], url=url)
    await dead_letter_topic.send(key=stage.encode(), value=letter.model_dump_json().encode())


def parse_message(raw: bytes, model: type[ArticleClean], max_bytes: int | None = None) -> ArticleClean:
    """Decode and validate one message; raises ValueError (:class:`BadMessage`) with a readable reason.

    A message over ``max_bytes`` is refused before parsing: no news article is megabytes of text, and
    enriching one would stall its partition for minutes. Kafka keeps the full value for a replay.
    """
    data = decode_object(raw, max_bytes,
                         hint=" (RAQIB_MAX_MESSAGE_BYTES); check the source, or raise the limit and replay")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BadMessage(f"unsupported schema_version {version!r} (this worker reads {SCHEMA_VERSION})")
    return model.model_validate(data)


@app.agent(clean_topic)
async def enrich_agent(stream: faust.StreamT) -> None:
    """articles.clean -> articles.enriched."""
    from pipeline.enrich import enrich_article
    from pipeline.stories import assign_story

    loop = asyncio.get_running_loop()
    async for raw in stream:
        try:
            article = parse_message(raw, ArticleClean, settings.max_message_bytes)
        except ValueError as exc:
            await send_dead_letter("decode", str(exc), raw, settings.topics.clean)
            continue
        try:
            started = time.perf_counter()
            enriched: ArticleEnriched = await loop.run_in_executor(None, enrich_article, article)
            assign_story(story_table, enriched)
            ENRICH_SECONDS.observe(time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001 - any failure of one article must not stop the stream
            await send_dead_letter("enrich", f"{type(exc).__name__}: {exc}", raw, settings.topics.clean,
                                   url=article.url)
            continue
        await enriched_topic.send(key=enriched.id.encode(), value=enriched.model_dump_json().encode())
        ENRICHED.inc()


@app.agent(enriched_topic)
async def index_agent(stream: faust.StreamT) -> None:
    """articles.enriched -> search engine, in bulk. Offsets move only once documents are stored.

    ``stream.take`` acks a batch's events only after this loop body returns, and ``Indexer.store``
    returns only once every document is stored or rejected for good (it backs off while the engine is
    down), so a committed offset never covers an unstored document.
    """
    from pipeline.indexer import Indexer

    indexer = Indexer(settings)
    await indexer.start()
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


def _register_alerting() -> None:
    """The alert agents live in pipeline.alerting; importing it registers them on this app."""
    import pipeline.alerting  # noqa: F401


def _setup_search_engine(timeout: float = 120.0) -> None:
    """Apply the index templates before consuming (idempotent), waiting for the engine to answer."""
    from pipeline.search import engine, templates

    client = engine.make_client(settings)
    deadline = time.monotonic() + timeout
    while True:
        try:
            templates.setup(client, settings)
            return
        except engine.SearchConnectionError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"search engine at {redact(settings.search_url, settings)} did not answer: "
                                   f"{redact(str(exc), settings)}; "
                                   "start it with `raqib services up` or set RAQIB_SEARCH_URL") from exc
            log.warning("waiting_for_search_engine", url=redact(settings.search_url, settings))
            time.sleep(2)


def run_worker(loglevel: str = "info", metrics_port: int | None = None) -> None:
    """Start the worker (blocking) after creating topics and the index template."""
    from prometheus_client import start_http_server

    from pipeline.kafka_admin import ensure_topics

    ensure_topics(settings)
    _setup_search_engine()
    _register_alerting()
    if metrics_port:
        start_http_server(metrics_port)
    worker = faust.Worker(app, loglevel=loglevel)
    worker.execute_from_commandline()
