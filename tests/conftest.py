"""Shared fixtures. Integration tests get a real Kafka broker and a real OpenSearch node, started once
per test session from the project's own jars (raqib services up) on ports of their own, in a fresh
data folder, and stopped at the end. Nothing here is mocked."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI explores a fixed set of examples (a run cannot fail by luck); locally each run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"

# RAQIB_TEST_PORT_BASE moves every port, so two checkouts can run their suites side by side.
_PORT_BASE = int(os.environ.get("RAQIB_TEST_PORT_BASE", "29000"))
TEST_PORTS = {"RAQIB_KAFKA_PORT": str(_PORT_BASE + 92), "RAQIB_KAFKA_CONTROLLER_PORT": str(_PORT_BASE + 93),
              "RAQIB_SEARCH_PORT": str(_PORT_BASE + 200)}


def load_bench(name: str):
    """A script of bench/ as a module (bench/ is no package; its scripts import their neighbours by name)."""
    bench = ROOT / "bench"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))
    spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def run_raqib(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real `raqib` CLI in a subprocess with the session's RAQIB_* environment."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=timeout)


def wait_for(predicate, timeout: float = 90, every: float = 0.5):
    """Poll ``predicate`` until it returns something truthy (returned) or ``timeout`` passes (last value)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(every)
    return predicate()


def isolated_env(name: str) -> dict[str, str]:
    """RAQIB_* overrides giving a test its own pipeline: consumer group (Faust app and its tables),
    every topic, and index prefix, so workers it starts or kills never touch the session worker."""
    from pipeline.settings import TopicNames

    ns = f"{name}{int(time.time() * 1000) % 10_000_000}"
    env = {"RAQIB_CONSUMER_GROUP": f"raqib-{ns}", "RAQIB_INDEX_PREFIX": f"t{ns}".lower()}
    for field, topic in TopicNames().model_dump().items():
        env[f"RAQIB_TOPICS__{field.upper()}"] = f"{ns}.{topic}"
    return env


def start_worker(env: dict[str, str], log_path: Path, *extra: str) -> subprocess.Popen:
    """Start a real `raqib worker` subprocess with ``env`` over the current environment, logging to a file."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("ab")
    level = os.environ.get("RAQIB_TEST_WORKER_LOGLEVEL", "warning")  # info: Faust's rebalances and recovery
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "worker", "--loglevel", level, *extra],
                            env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, cwd=log_path.parent)
    time.sleep(2)
    if proc.poll() is not None:
        raise RuntimeError("worker exited at start:\n" + log_path.read_text(errors="replace")[-3000:])
    return proc


def stop_worker(proc: subprocess.Popen, timeout: float = 30) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def enriched_statements(text: str) -> list:
    """The statements of ``text`` enriched as one article, with the entities the pipeline finds (NER, gazetteers)."""
    from pipeline.enrich import enrich_article
    from pipeline.models import ArticleClean

    return enrich_article(ArticleClean(id="t", url="urn:t", outlet="t", title="", text=text)).statements


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def services_env() -> Iterator[dict[str, str]]:
    """Start Kafka + OpenSearch once for the session; yields the RAQIB_* env pointing at them."""
    from pipeline.ops.services import LocalServices
    from pipeline.settings import Settings, default_home

    home = Path(tempfile.mkdtemp(prefix="raqib-test-"))
    env = {
        **TEST_PORTS,
        "RAQIB_HOME": str(home),
        "RAQIB_JARS_DIR": os.environ.get("RAQIB_JARS_DIR", str(default_home() / "jars")),
        "RAQIB_KAFKA_BOOTSTRAP": f"127.0.0.1:{TEST_PORTS['RAQIB_KAFKA_PORT']}",
        "RAQIB_SEARCH_URL": f"http://127.0.0.1:{TEST_PORTS['RAQIB_SEARCH_PORT']}",
        "RAQIB_OPENSEARCH_HEAP": "768m",
        "RAQIB_PARTITIONS": "2",
        "RAQIB_INDEX_PREFIX": "raqibit",
        "RAQIB_BULK_INTERVAL": "0.3",
        "RAQIB_ALLOW_PRIVATE_NETWORKS": "1",
        "RAQIB_METRICS_PORT": "0",
        "RAQIB_WEBHOOK_SECRET_TEST": "integration-secret",
    }
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    from pipeline.settings import get_settings

    get_settings.cache_clear()
    services = LocalServices(Settings(), log=lambda m: print(m, file=sys.stderr))
    try:
        services.up(timeout=240)
        yield env
    finally:
        services.down()
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def live_settings(services_env):
    from pipeline.settings import Settings

    return Settings()


@pytest.fixture(scope="session")
def worker(services_env, live_settings) -> Iterator[subprocess.Popen]:
    """One `raqib worker` process for the session (the real Faust worker)."""
    from pipeline.topics import ensure_topics

    ensure_topics(live_settings)
    proc = start_worker(services_env, Path(live_settings.home) / "logs" / "worker.log")
    yield proc
    stop_worker(proc)


def speakers_of(text: str) -> list[tuple[str, str | None]]:
    """(verb, speaker) of every statement of ``text`` with the tagger's entities, in order (the speaker tests)."""
    from pipeline.nlp.ner import extract_entities
    from pipeline.nlp.statements import extract_statements

    return [(st.verb, st.speaker.text if st.speaker else None)
            for st in extract_statements(text, extract_entities(text))]
