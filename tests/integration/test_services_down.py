"""A command whose broker or search engine is down stops with one line saying which and what to do, never
a traceback (issue 14: "raqib worker with the engine or the broker down", "raqib ingest with the broker
down"). The broker-down cases need no service; the engine-down case runs against the session's real Kafka."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import isolated_env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(*args: str, env: dict[str, str]) -> subprocess.Popen:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**base, "COLUMNS": "300", **env})


def _one_error_line(proc: subprocess.Popen, *needles: str) -> None:
    out, _ = proc.communicate(timeout=180)
    assert proc.returncode != 0, out
    assert "Traceback" not in out, out
    errors = [line for line in out.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, out
    for needle in needles:
        assert needle in errors[0], out


def test_worker_and_ingest_with_the_broker_down_say_so_in_one_line(tmp_path: Path) -> None:
    article = {"id": "a1", "url": "https://example.org/a1", "outlet": "x", "text": "نص الخبر"}
    (tmp_path / "one.jsonl").write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"RAQIB_KAFKA_BOOTSTRAP": f"127.0.0.1:{_free_port()}", "RAQIB_SEARCH_URL": f"http://127.0.0.1:{_free_port()}",
           "RAQIB_HOME": str(tmp_path / "home")}
    worker = _start("worker", env=env)  # both wait for the broker at once: one bootstrap timeout in all
    ingest = _start("ingest", str(tmp_path / "one.jsonl"), env=env)
    _one_error_line(worker, "cannot reach Kafka", "raqib services up")
    _one_error_line(ingest, "cannot reach Kafka", "raqib services up")


@pytest.mark.integration  # runs against the session's real Kafka
def test_worker_with_the_engine_down_says_so_in_one_line(services_env, tmp_path: Path) -> None:
    env = {**services_env, **isolated_env("enginedown"), "RAQIB_HOME": str(tmp_path / "home"),
           "RAQIB_SEARCH_URL": f"http://127.0.0.1:{_free_port()}", "RAQIB_ENGINE_WAIT": "3"}
    _one_error_line(_start("worker", env=env), "search engine", "did not answer", "raqib services up")
