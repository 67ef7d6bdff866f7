"""The worker's Faust consumer fetches for a frozen copy of the active partitions (pipeline.worker.faust_consumer)."""

from __future__ import annotations

from faust.types import TP

from pipeline.worker.faust_consumer import SnapshotConsumer, snapshot

CLEAN0, CLEAN1 = TP("articles.clean", 0), TP("articles.clean", 1)


def test_snapshot_does_not_follow_later_changes_of_the_live_set() -> None:
    live = {CLEAN0}
    frozen = snapshot(live)
    live.add(CLEAN1)  # what Faust does when the recovery ends while a fetch waits
    assert frozen == {CLEAN0}
    assert snapshot(None) is None


def test_the_worker_app_uses_the_snapshot_consumer() -> None:
    from pipeline.worker.app import app

    assert app.transport.Consumer is SnapshotConsumer


def test_the_worker_consumer_reads_committed_only() -> None:
    """Articles of aborted connector transactions (a connector killed before its commit) never reach the
    worker: its Kafka consumer is built read_committed, where faust's driver would read uncommitted."""
    import asyncio

    from pipeline.worker.app import app
    from pipeline.worker.faust_consumer import ReadCommittedConsumerThread

    async def build() -> str:
        thread = app.consumer._thread
        assert isinstance(thread, ReadCommittedConsumerThread)
        consumer = thread._create_worker_consumer(app.transport)
        try:
            return consumer._isolation_level
        finally:
            await consumer.stop()  # never started: only closes its client

    assert asyncio.run(build()) == "read_committed"
