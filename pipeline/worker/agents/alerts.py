"""Alert agents: percolate enriched articles against the rules, keep one alert per new statement,
deliver it without ever stalling the article stream.

articles.enriched --match--> alerts.candidates (key rule|speaker) --novelty--> alerts (+ alerts index)
                                                                             --> alerts.deliveries --deliver-->
                                                             failed, retryable --> alerts.retry --(due)--^
Novelty state lives in a Faust table keyed like alerts.candidates, so it is partitioned with the
stream, survives restarts (changelog topic) and scales with the workers. Alert ids are deterministic,
so a replay after a crash updates the same alert instead of raising a second one; a webhook POST repeated
by at-least-once delivery carries the same Idempotency-Key (alert id:count) for the receiver to drop.
A message of an alert topic that cannot be processed (not JSON, wrong schema, too large) goes to the
dead-letter topic with the reason: an agent never crashes on one bad message.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import structlog
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    RetryError,
    retry_if_exception,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
)

from pipeline.alerts.delivery import DeliveryResult, RetryPolicy, RetryRecord, deliver, display_url, next_attempt
from pipeline.alerts.messages import PoisonMessage, candidate_value, parse_candidate, parse_delivery
from pipeline.alerts.novelty import NoveltyIndex, table_key
from pipeline.alerts.rules import Rule, RuleStore
from pipeline.errors import RuleError
from pipeline.metrics import ALERTS_RAISED, ALERTS_UPDATED, DELIVERIES
from pipeline.models import Alert, ArticleEnriched, parse_message
from pipeline.retry import ENGINE_BACKOFF, STARTUP_POLL
from pipeline.search import engine, percolator, templates
from pipeline.worker.app import (
    alerts_topic,
    app,
    candidates_topic,
    deliveries_topic,
    enriched_topic,
    novelty_table,
    retry_topic,
    settings,
)
from pipeline.worker.deadletter import send_dead_letter, send_poison

log = structlog.get_logger("raqib.worker")

_rules = RuleStore.for_settings(settings)
PENDING = "pending"  # key of the novelty table state: the alert being published (see novelty_agent)
_policy = RetryPolicy(delays=tuple(settings.alert_retry_delays))
_default_secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None


def _client() -> engine.Client:
    return engine.make_client(settings)


def _transient(exc: BaseException) -> bool:
    """Unreachable, or 5xx while the node recovers: worth waiting for."""
    return isinstance(exc, engine.SearchConnectionError) or (
        isinstance(exc, engine.SearchError) and exc.status in engine.RETRYABLE_STATUSES)


def _log_wait(event: str):
    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.warning(event, attempt=state.attempt_number - 1, error=str(error))
    return before_sleep


async def _register_rules(client: engine.Client) -> None:
    """Register the rules before matching; waits while the engine is unreachable, gives up on a refusal."""
    try:
        async for attempt in AsyncRetrying(retry=retry_if_exception(_transient), wait=STARTUP_POLL,
                                           before_sleep=_log_wait("rules_register_waiting"), reraise=True):
            with attempt:
                await asyncio.to_thread(percolator.sync_rules, client, settings, _rules)
    except RuleError as exc:  # a rules file edited by hand with a query the engine refuses
        log.error("rules_register_failed", error=str(exc), action="fix the rule with `raqib rules test`")
    except engine.SearchError as exc:
        log.error("rules_register_failed", error=str(exc), action="fix the rule with `raqib rules test`; "
                  "rules already registered keep matching")


async def _percolate(client: engine.Client, article: ArticleEnriched) -> list[tuple[str, int | None]] | None:
    """The rules matching an article; None when the engine stayed unreachable through every retry."""
    try:
        async for attempt in AsyncRetrying(retry=retry_if_exception_type(engine.SearchConnectionError),
                                           stop=stop_after_attempt(30), wait=ENGINE_BACKOFF,
                                           before_sleep=_log_wait("percolate_retry")):
            with attempt:
                return await asyncio.to_thread(percolator.match_rules, client, settings, article)
    except RetryError:
        return None
    return None


@app.agent(enriched_topic)
async def match_agent(stream) -> None:
    """Percolate each enriched article; each matching statement becomes a candidate keyed rule|speaker."""
    client = _client()
    await _register_rules(client)
    async for raw in stream:
        try:
            article = parse_message(raw, ArticleEnriched, settings.max_message_bytes)
        except ValueError:
            continue  # the indexer dead-letters it
        if not article.statements:
            continue
        matches = await _percolate(client, article)
        if matches is None:
            await send_dead_letter("alert-match", "search engine unreachable", raw, settings.topics.enriched,
                                   url=article.url)
            continue
        for rule_name, index in matches:
            if index is None:  # article-level match without a statement: searchable, but not an alert
                continue
            statement = article.statements[index]
            speaker = statement.speaker.canonical if statement.speaker else None
            await candidates_topic.send(key=table_key(rule_name, speaker).encode(),
                                        value=candidate_value(rule_name, statement, article))


@app.agent(candidates_topic)
async def novelty_agent(stream) -> None:
    """New statement -> new alert; a repeat -> the existing alert gains the outlet and URL."""
    client = _client()
    async for event in stream.events():
        try:
            candidate = parse_candidate(event.value)
            key = event.key.decode() if isinstance(event.key, bytes) else str(event.key or "")
            expected = table_key(candidate.rule,
                                 candidate.statement.speaker.canonical if candidate.statement.speaker else None)
            if key != expected:  # the table is partitioned by key: a wrong key would split a speaker's state
                raise PoisonMessage(f"wrong key {key[:200]!r}: expected {expected[:200]!r}")
            state = dict(novelty_table[key] or {})
            index = NoveltyIndex.from_state(state or None)
        except (PoisonMessage, UnicodeDecodeError, ValueError) as exc:
            await send_poison("alert-candidate", exc, event.value, settings.topics.alert_candidates)
            continue
        rule = _rules.get(candidate.rule) or candidate.rule
        observation = index.observe(rule, candidate.statement, candidate.article, candidate.seen_at)
        alert = observation.alert
        pending = state.get(PENDING) or {}
        if observation.changed:
            deliver = observation.deliver
            (ALERTS_RAISED if observation.is_new else ALERTS_UPDATED).inc()
        elif pending.get("id") == alert.id and pending.get("count") == alert.count:
            # A replay after a crash between the state update and the end of publishing: the state knows the
            # article, but the alert may never have reached the topic, the index or the channels. Publish
            # it again: same alert id and Idempotency-Key, so a receiver that got it drops the repeat.
            deliver = bool(pending.get("deliver"))
            log.warning("alert_republished", alert=alert.id, count=alert.count)
        else:
            continue
        # State first (with the pending marker), then publish, then clear the marker: whatever point a
        # crash stops at, the replay of this candidate either finds nothing to do or publishes again.
        novelty_table[key] = {**index.to_state(), PENDING: {"id": alert.id, "count": alert.count, "deliver": deliver}}
        await _publish(client, alert, rule, deliver)
        novelty_table[key] = index.to_state()


async def _index_alert(client: Any, alert: Alert) -> None:
    """The alert into the alerts index; retried while the engine asks for it, dead-lettered if it refuses."""
    action = {"_index": templates.alerts_index(settings), "_id": alert.id,
              "_source": templates.alert_to_document(alert)}
    try:
        async for attempt in AsyncRetrying(retry=retry_if_result(lambda result: result.retryable),
                                           stop=stop_after_attempt(30), wait=ENGINE_BACKOFF,
                                           retry_error_callback=lambda state: state.outcome.result()):
            with attempt:
                result = await asyncio.to_thread(engine.bulk, client, [action])
            if not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(result)
    except engine.SearchError as exc:  # the engine refuses the request: the alert still goes out
        await send_dead_letter("alert-index", str(exc), alert.model_dump_json(), settings.topics.alerts)


async def _publish(client: Any, alert: Alert, rule: Rule | str, deliver: bool) -> None:
    """Alert to the alerts topic and index, delivery records to the channels; returns once Kafka has them."""
    sent = [await alerts_topic.send(key=alert.id.encode(), value=alert.model_dump_json().encode())]
    await _index_alert(client, alert)
    if deliver and not isinstance(rule, str):
        for channel in rule.channels:
            record = RetryRecord(alert=alert.model_dump(mode="json"), channel=channel.model_dump(mode="json"))
            sent.append(await deliveries_topic.send(key=alert.id.encode(),
                                                    value=json.dumps(record.to_dict()).encode()))
    await asyncio.gather(*sent)  # acknowledged by the broker before the pending marker is cleared


@app.agent(deliveries_topic, concurrency=4)
async def delivery_agent(stream) -> None:
    """One attempt per record; failures go to the retry topic, so a slow receiver never blocks alerts."""
    async with httpx.AsyncClient() as client:
        async for raw in stream:
            try:
                parsed = parse_delivery(raw)
            except PoisonMessage as exc:
                await send_poison("alert-delivery", exc, raw, settings.topics.alert_deliveries)
                continue
            record, alert, channel = parsed.record, parsed.alert, parsed.channel
            try:
                result = await deliver(channel, alert, client, timeout=settings.alert_delivery_timeout,
                                       default_secret=_default_secret,
                                       allow_private=settings.allow_private_networks)
            except Exception as exc:  # noqa: BLE001 - an odd channel must not stop deliveries of the others
                result = DeliveryResult(ok=False, retryable=False, error=f"{type(exc).__name__}: {exc}")
            log.info("alert_delivery", alert=alert.id, count=alert.count, channel=channel.type,
                     attempt=record.attempt, ok=result.ok, status=result.status)
            if result.ok:
                DELIVERIES.labels(outcome="ok").inc()
                continue
            following = next_attempt(record, result.error or "", _policy) if result.retryable else None
            if following is None:
                DELIVERIES.labels(outcome="dead_letter").inc()
                await send_dead_letter("deliver", f"{channel.type} {display_url(channel)}: {result.error} "
                                       f"(attempt {record.attempt} of {_policy.max_attempts})",
                                       json.dumps(record.to_dict(), ensure_ascii=False),
                                       settings.topics.alert_deliveries)
            else:
                DELIVERIES.labels(outcome="retry").inc()
                await retry_topic.send(key=alert.id.encode(), value=json.dumps(following.to_dict()).encode())


RETRY_TICK = 1.0  # longest time one not-yet-due record holds the retry topic


@app.agent(retry_topic)
async def retry_agent(stream) -> None:
    """Hands a failed delivery back to the delivery agent once it is due.

    A record not yet due is held at most RETRY_TICK, then put back at the end of the retry topic, so a
    retry scheduled in ten minutes never holds up one due in a second (no head-of-line blocking), and
    nothing is kept only in memory: a crash at any point leaves the record on the topic.
    """
    async for raw in stream:
        try:
            record = parse_delivery(raw).record
        except PoisonMessage as exc:
            await send_poison("alert-retry", exc, raw, settings.topics.alert_retry)
            continue
        key = str(record.alert.get("id", "")).encode()
        if record.not_before:
            due = datetime.fromisoformat(record.not_before)
            due = due if due.tzinfo else due.replace(tzinfo=UTC)
            delay = (due - datetime.now(UTC)).total_seconds()
            if delay > max(_policy.delays, default=0.0) + 60:  # a date no policy could set: do not park it forever
                delay = 0.0
            if delay > 0:
                await asyncio.sleep(min(delay, RETRY_TICK))
            if delay > RETRY_TICK:
                await retry_topic.send(key=key, value=raw)
                continue
        await deliveries_topic.send(key=key, value=raw)
