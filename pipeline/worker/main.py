"""Worker start-up: topics, index templates, then the Faust worker with every agent imported explicitly."""

from __future__ import annotations

import faust

from pipeline.search.indexer import setup_templates
from pipeline.topics import ensure_topics
from pipeline.worker import agents  # noqa: F401 - registers every agent and timer on the app
from pipeline.worker.app import app, settings


def run_worker(loglevel: str = "info", metrics_port: int | None = None) -> None:
    """Start the worker (blocking) after creating topics and applying the index templates."""
    from prometheus_client import start_http_server

    ensure_topics(settings)
    setup_templates(settings, timeout=settings.engine_wait)  # once per worker start, before any agent runs
    if metrics_port:
        start_http_server(metrics_port)
    worker = faust.Worker(app, loglevel=loglevel)
    worker.execute_from_commandline()
