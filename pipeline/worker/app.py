"""The worker's Faust app: the App, its topics and its tables, and nothing else (as in Faust's examples).

articles.clean --enrich--> articles.enriched --index--> search engine
                                             --match--> alerts.candidates --novelty--> alerts, alerts.deliveries
The agents live in ``pipeline.worker.agents``; ``pipeline.worker.main`` imports them and starts the worker.
"""

from __future__ import annotations

from pathlib import Path

import faust

from pipeline.errors import ConfigurationError
from pipeline.settings import Settings, get_settings
from pipeline.topics import KAFKA_MESSAGE_MAX_BYTES, WORKER_TABLES, partitions_of
from pipeline.worker.faust_consumer import App as SnapshotApp


def _datadir(settings: Settings) -> str:
    """Faust's data folder under RAQIB_HOME (Faust creates only its last level, and the working directory
    may be read-only, like the image's)."""
    path = Path(settings.home) / "faust"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"cannot create the worker's data folder {path} ({exc.strerror}); "
                                 "set RAQIB_HOME to a folder this user can write") from exc
    return str(path)


def create_app(settings: Settings) -> faust.App:
    return SnapshotApp(
        settings.consumer_group,
        broker=[f"kafka://{server.strip()}" for server in settings.kafka_bootstrap.split(",")],
        store="memory://",
        topic_partitions=settings.partitions,
        topic_replication_factor=1,
        web_enabled=False,
        # Faust creates its data folder at start; the working directory may be read-only (the image's /app)
        datadir=_datadir(settings),
        consumer_auto_offset_reset="earliest",
        producer_max_request_size=KAFKA_MESSAGE_MAX_BYTES,
        consumer_max_fetch_size=KAFKA_MESSAGE_MAX_BYTES,
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


def _raw_topic(name: str, keyed_by_str: bool = False) -> faust.TopicT:
    """A topic of raw bytes (raqib's models decode them), with the catalogue's partition count."""
    extra = {"key_type": str} if keyed_by_str else {}
    return app.topic(name, value_type=bytes, value_serializer="raw", key_serializer="raw",
                     partitions=partitions_of(settings, name), **extra)


clean_topic = _raw_topic(settings.topics.clean, keyed_by_str=True)
enriched_topic = _raw_topic(settings.topics.enriched, keyed_by_str=True)
dead_letter_topic = _raw_topic(settings.topics.dead_letter)
candidates_topic = _raw_topic(settings.topics.alert_candidates)
alerts_topic = _raw_topic(settings.topics.alerts)
deliveries_topic = _raw_topic(settings.topics.alert_deliveries)
retry_topic = _raw_topic(settings.topics.alert_retry)

# Duplicate and story index: article id -> compact MinHash record. A global table, so every worker sees
# every article whatever partition it arrived on.
story_table = app.GlobalTable(WORKER_TABLES[0], default=dict, partitions=settings.partitions)
# Novelty of statements, keyed like alerts.candidates (rule|speaker): partitioned with that stream.
novelty_table = app.Table(WORKER_TABLES[1], default=dict, partitions=settings.partitions)
