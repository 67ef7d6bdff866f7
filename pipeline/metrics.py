"""Every Prometheus metric raqib exports, in one place.

The connector serves its share with `raqib connect --metrics-port`, the worker its share with
`raqib worker --metrics-port`; a process exports only what it updates, but all are declared here so a
name is never defined twice.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Connectors
FETCH_SECONDS = Histogram("raqib_fetch_seconds", "Fetch latency, redirects and retries included", ["outcome"])
FETCH_BYTES = Counter("raqib_fetch_bytes_total", "Body bytes received")
FETCH_OUTCOMES = Counter("raqib_fetch_outcomes_total", "Fetches by outcome", ["outcome"])
HOST_QUEUE = Gauge("raqib_host_queue_length", "Requests waiting for their turn on a host", ["host"])
ARTICLES_PRODUCED = Counter("raqib_articles_produced_total", "Articles acknowledged by Kafka", ["source"])
WEBSUB_SUBSCRIPTIONS = Gauge("raqib_websub_subscriptions", "WebSub subscriptions by state", ["state"])
WEBSUB_PUSHES = Counter("raqib_websub_pushes_total", "WebSub content distributions received", ["outcome"])
WEBSUB_PUSH_SECONDS = Histogram("raqib_websub_push_to_produce_seconds",
                                "From a hub's push arriving to its new articles acknowledged by Kafka",
                                buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30))

# Worker: enrichment and indexing
ENRICHED = Counter("raqib_articles_enriched_total", "Articles enriched")
INDEXED = Counter("raqib_documents_indexed_total", "Documents stored in the search engine")
DEAD = Counter("raqib_dead_letters_total", "Messages sent to the dead-letter topic", ["stage"])
ENRICH_SECONDS = Histogram("raqib_enrich_seconds", "Time to enrich one article")
BULK_RETRIES = Counter("raqib_bulk_retries_total", "Bulk requests retried after an engine failure")
CONSUMER_LAG = Gauge("raqib_consumer_lag", "Messages not yet processed", ["topic", "partition"])

# Worker: alerts
ALERTS_RAISED = Counter("raqib_alerts_raised_total", "New alerts (new statements)")
ALERTS_UPDATED = Counter("raqib_alerts_updated_total", "Alerts updated with another outlet")
DELIVERIES = Counter("raqib_alert_deliveries_total", "Alert delivery attempts", ["outcome"])
