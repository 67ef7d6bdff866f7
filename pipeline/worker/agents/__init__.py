"""The worker's agents, one module per stage; importing this package registers them all on the app."""

from pipeline.worker.agents import alerts, enrich, index

__all__ = ["alerts", "enrich", "index"]
