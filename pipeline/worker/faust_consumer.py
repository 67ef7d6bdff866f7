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
"""

from __future__ import annotations

from typing import Any

import faust
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP


def snapshot(active_partitions: set[TP] | None) -> set[TP] | None:
    """A frozen view of the active partitions for one fetch (None stays None: every partition)."""
    return None if active_partitions is None else set(active_partitions)


class SnapshotConsumer(aiokafka_driver.Consumer):
    """The aiokafka-driver consumer, fetching for a copy of the active partitions."""

    async def _getmany(self, active_partitions: set[TP] | None, timeout: float) -> Any:
        return await super()._getmany(snapshot(active_partitions), timeout)


class App(faust.App):
    """faust.App whose Kafka consumer is :class:`SnapshotConsumer`."""

    def _new_transport(self) -> Any:
        transport = super()._new_transport()
        if isinstance(transport, aiokafka_driver.Transport):
            transport.Consumer = SnapshotConsumer
        return transport
