"""A Faust consumer whose fetches only return records of the partitions active when the fetch began.

faust-streaming 0.15 hands its *live* set of active partitions to the Kafka client's fetch, which runs
in the consumer thread and may wait up to a second for records. When the recovery of the tables ends
during that wait, Faust adds the stream partitions to that same set, so the fetch started for the
changelogs returns stream records too, before Faust has sought the stream partitions to their
committed offsets. Those records were processed out of order with the seek, and in the SIGKILL fault
test (tests/integration/test_faults.py, alert rule on) a restarted worker then read a partition to its
end without ever acknowledging the tail: the offsets stayed uncommitted and the articles were never
enriched. A fetch given a copy of the set cannot see partitions resumed after it started; they are
fetched by the next one, from the committed offsets.

It also reads committed only. The connector writes each article in a Kafka transaction with the state
that marks it seen; an article of an aborted transaction (a connector killed before its commit sends it
again after the restart) must never reach the pipeline. faust's aiokafka driver reads uncommitted unless
the app itself runs exactly-once, which would change how it commits and produces: only the isolation
level of the worker's consumer is changed here.
"""

from __future__ import annotations

from typing import Any

import faust
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP


def snapshot(active_partitions: set[TP] | None) -> set[TP] | None:
    """A frozen view of the active partitions for one fetch (None stays None: every partition)."""
    return None if active_partitions is None else set(active_partitions)


READ_COMMITTED = "read_committed"


class ReadCommittedConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """The driver's consumer thread whose worker consumer reads only committed records."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads the level when the consumer starts (its Fetcher); the driver passes no way to set it
        if getattr(consumer, "_isolation_level", None) not in ("read_uncommitted", READ_COMMITTED):
            raise RuntimeError("aiokafka's AIOKafkaConsumer no longer keeps _isolation_level: "
                               "pipeline/worker/faust_consumer.py must set read_committed another way")
        consumer._isolation_level = READ_COMMITTED
        return consumer


class SnapshotConsumer(aiokafka_driver.Consumer):
    """The aiokafka-driver consumer, fetching for a copy of the active partitions, read committed."""

    def _new_consumer_thread(self) -> ReadCommittedConsumerThread:
        return ReadCommittedConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _getmany(self, active_partitions: set[TP] | None, timeout: float) -> Any:
        return await super()._getmany(snapshot(active_partitions), timeout)


class App(faust.App):
    """faust.App whose Kafka consumer is :class:`SnapshotConsumer`."""

    def _new_transport(self) -> Any:
        transport = super()._new_transport()
        if isinstance(transport, aiokafka_driver.Transport):
            transport.Consumer = SnapshotConsumer
        return transport
