"""Prometheus metrics of the connectors (served by `raqib connect --metrics-port`)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

FETCH_SECONDS = Histogram("raqib_fetch_seconds", "Fetch latency, redirects and retries included", ["outcome"])
FETCH_BYTES = Counter("raqib_fetch_bytes_total", "Body bytes received")
FETCH_OUTCOMES = Counter("raqib_fetch_outcomes_total", "Fetches by outcome", ["outcome"])
HOST_QUEUE = Gauge("raqib_host_queue_length", "Requests waiting for their turn on a host", ["host"])
ARTICLES_PRODUCED = Counter("raqib_articles_produced_total", "Articles acknowledged by Kafka", ["source"])
