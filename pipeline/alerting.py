"""Alert agents: percolate enriched articles against the rules, keep one alert per new statement,
deliver it without ever stalling the article stream.

articles.enriched --match--> alerts.candidates (key rule|speaker) --novelty--> alerts (+ alerts index)
                                                                             --> alerts.deliveries --deliver-->
                                                             failed, retryable --> alerts.retry --(due)--^
Novelty state lives in a Faust table keyed like alerts.candidates, so it is partitioned with the
stream, survives restarts (changelog topic) and scales with the workers. Alert ids are deterministic,
so a replay after a crash updates the same alert instead of raising a second one.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
from prometheus_client import Counter

from pipeline.alerts.delivery import RetryRecord, deliver, next_attempt
from pipeline.alerts.novelty import NoveltyIndex, table_key
from pipeline.alerts.rules import Channel, RuleStore, match_rules, register_rules
from pipeline.app import app, enriched_topic, log, parse_message, send_dead_letter, settings
from pipeline.models import Alert, ArticleEnriched, Statement

ALERTS_RAISED = Counter("raqib_alerts_raised_total", "New alerts (new statements)")
ALERTS_UPDATED = Counter("raqib_alerts_updated_total", "Alerts updated with another outlet")
DELIVERIES = Counter("raqib_alert_deliveries_total", "Alert delivery attempts", ["outcome"])

candidates_topic = app.topic(settings.topics.alert_candidates, value_type=bytes, value_serializer="raw",
                             key_serializer="raw", partitions=settings.partitions)
alerts_topic = app.topic(settings.topics.alerts, value_type=bytes, value_serializer="raw", key_serializer="raw",
                         partitions=settings.partitions)
deliveries_topic = app.topic(settings.topics.alert_deliveries, value_type=bytes, value_serializer="raw",
                             key_serializer="raw", partitions=settings.partitions)
retry_topic = app.topic(settings.topics.alert_retry, value_type=bytes, value_serializer="raw", key_serializer="raw",
                        partitions=1)
novelty_table = app.Table("raqib-novelty", default=dict, partitions=settings.partitions)

_rules = RuleStore.for_settings(settings)


def _client():
    from pipeline.search import engine

    return engine.make_client(settings)


@app.agent(enriched_topic)
async def match_agent(stream) -> None:
    """Percolate each enriched article; each matching statement becomes a candidate keyed rule|speaker."""
    from pipeline.search import engine

    client = _client()
    while True:
        try:
            await asyncio.to_thread(register_rules, client, settings, _rules.list())
            break
        except engine.SearchConnectionError as exc:
            log.warning("rules_register_waiting", error=str(exc))
            await asyncio.sleep(2)
    async for raw in stream:
        try:
            article = parse_message(raw, ArticleEnriched)
        except ValueError:
            continue  # the indexer dead-letters it
        if not article.statements:
            continue
        matches = []
        for attempt in range(30):
            try:
                matches = await asyncio.to_thread(match_rules, client, settings, article)
                break
            except engine.SearchConnectionError as exc:
                log.warning("percolate_retry", attempt=attempt, error=str(exc))
                await asyncio.sleep(min(30, 2 ** attempt))
        else:
            await send_dead_letter("alert-match", "search engine unreachable", raw, settings.topics.enriched,
                                   url=article.url)
            continue
        for rule_name, index in matches:
            if index is None:  # article-level match without a statement: searchable, but not an alert
                continue
            statement = article.statements[index]
            speaker = statement.speaker.canonical if statement.speaker else None
            candidate = {
                "rule": rule_name,
                "statement": statement.model_dump(mode="json"),
                "article": {"id": article.id, "url": article.url, "outlet": article.outlet,
                            "published_at": article.published_at.isoformat() if article.published_at else None},
                "seen_at": article.fetched_at.isoformat(),
            }
            await candidates_topic.send(key=table_key(rule_name, speaker).encode(),
                                        value=json.dumps(candidate, ensure_ascii=False).encode())


@app.agent(candidates_topic)
async def novelty_agent(stream) -> None:
    """New statement -> new alert; a repeat -> the existing alert gains the outlet and URL."""
    from pipeline.search import engine, templates

    client = _client()
    async for event in stream.events():
        key = event.key.decode() if isinstance(event.key, bytes) else str(event.key)
        data = json.loads(event.value)
        rule = _rules.get(data["rule"]) or data["rule"]
        article = ArticleEnriched(text="", **data["article"])
        statement = Statement.model_validate(data["statement"])
        index = NoveltyIndex.from_state(novelty_table[key] or None)
        observation = index.observe(rule, statement, article, datetime.fromisoformat(data["seen_at"]))
        if not observation.changed:
            continue
        novelty_table[key] = index.to_state()
        alert = observation.alert
        (ALERTS_RAISED if observation.is_new else ALERTS_UPDATED).inc()
        await alerts_topic.send(key=alert.id.encode(), value=alert.model_dump_json().encode())
        action = {"_index": templates.alerts_index(settings), "_id": alert.id,
                  "_source": templates.alert_to_document(alert)}
        for attempt in range(30):
            result = await asyncio.to_thread(engine.bulk, client, [action])
            if not result.retryable:
                break
            await asyncio.sleep(min(30, 2 ** attempt))
        if observation.deliver and not isinstance(rule, str):
            for channel in rule.channels:
                record = RetryRecord(alert=alert.model_dump(mode="json"), channel=channel.model_dump(mode="json"))
                await deliveries_topic.send(key=alert.id.encode(), value=json.dumps(record.to_dict()).encode())


@app.agent(deliveries_topic, concurrency=4)
async def delivery_agent(stream) -> None:
    """One attempt per record; failures go to the retry topic, so a slow receiver never blocks alerts."""
    async with httpx.AsyncClient() as client:
        async for raw in stream:
            record = RetryRecord.from_dict(json.loads(raw))
            alert = Alert.model_validate(record.alert)
            channel = Channel.model_validate(record.channel)
            result = await deliver(channel, alert, client)
            if result.ok:
                DELIVERIES.labels(outcome="ok").inc()
                continue
            following = next_attempt(record, result.error or "") if result.retryable else None
            if following is None:
                DELIVERIES.labels(outcome="dead_letter").inc()
                await send_dead_letter("deliver", f"{channel.type} {channel.url}: {result.error}",
                                       json.dumps(record.to_dict(), ensure_ascii=False),
                                       settings.topics.alert_deliveries)
            else:
                DELIVERIES.labels(outcome="retry").inc()
                await retry_topic.send(key=alert.id.encode(), value=json.dumps(following.to_dict()).encode())


@app.agent(retry_topic)
async def retry_agent(stream) -> None:
    """Waits until a failed delivery is due, then hands it back to the delivery agent."""
    async for raw in stream:
        record = RetryRecord.from_dict(json.loads(raw))
        if record.not_before:
            delay = (datetime.fromisoformat(record.not_before) - datetime.now(UTC)).total_seconds()
            if delay > 0:
                await asyncio.sleep(delay)
        await deliveries_topic.send(key=str(record.alert.get("id", "")).encode(), value=raw)
