"""articles.clean -> articles.enriched: one article at a time, off the event loop."""

from __future__ import annotations

import asyncio
import time

import faust

from pipeline.enrich import enrich_article
from pipeline.metrics import ENRICH_SECONDS, ENRICHED
from pipeline.models import ArticleClean, ArticleEnriched, parse_message
from pipeline.worker.app import app, clean_topic, enriched_topic, settings, story_table
from pipeline.worker.deadletter import send_dead_letter
from pipeline.worker.stories import assign_story


@app.agent(clean_topic)
async def enrich_agent(stream: faust.StreamT) -> None:
    """articles.clean -> articles.enriched."""
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
