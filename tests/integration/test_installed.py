"""What users deploy, run: the wheel installed into a fresh venv, used from outside the source tree, and the
Docker image's steps replayed without Docker as an unprivileged user whose home is not writable.

The module builds the wheel from the files the Dockerfile copies, installs it (dependencies from a local
wheelhouse filled once from pip's cache, beside the jar cache), starts its own Kafka and OpenSearch with the
installed ``raqib services up`` (jars reused from ~/.cache/raqib) and drives the installed console script only.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, wait_for

pytestmark = pytest.mark.integration

#: what the Dockerfile's build stage copies: all an installed raqib may rely on
IMAGE_SOURCES = ("pyproject.toml", "README.md", "pipeline", "connectors", "schemas", "services")
NOBODY = 65534
_BASE = int(os.environ.get("RAQIB_TEST_PORT_BASE", "29000"))
PORTS = {"RAQIB_KAFKA_PORT": str(_BASE + 392), "RAQIB_KAFKA_CONTROLLER_PORT": str(_BASE + 393),
         "RAQIB_SEARCH_PORT": str(_BASE + 500)}


@dataclass
class Installed:
    root: Path
    venv: Path
    env: dict[str, str]  # points at this module's own services; no RAQIB_HOME (each test sets its own)

    @property
    def raqib(self) -> str:
        return str(self.venv / "bin" / "raqib")


def _pip(*args: str, cwd: Path | None = None) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "-q", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]


def _build_and_install(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    for name in IMAGE_SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    _pip("wheel", "--no-deps", "-w", str(root / "dist"), str(src))
    (wheel,) = (root / "dist").glob("raqib-*.whl")
    from pipeline.settings import default_home

    wheelhouse = default_home() / "wheelhouse"  # dependencies as wheels, filled from pip's cache once
    venv = root / "venv"
    # a venv without pip of its own, filled by this pip (--python); no byte-compiling of every dependency
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    install = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-compile",
               "--no-index", "--find-links", str(wheelhouse), str(wheel)]
    if subprocess.run(install, capture_output=True, timeout=600).returncode != 0:  # first run, or new dependencies
        # the wheelhouse keeps dependencies only: a raqib wheel of the same version left there would be taken for
        # this one, and its old requirements resolved instead of the new ones
        for stale in wheelhouse.glob("raqib-*.whl"):
            stale.unlink()
        _pip("wheel", "--find-links", str(wheelhouse), "-w", str(wheelhouse), str(wheel))
        for built in wheelhouse.glob("raqib-*.whl"):
            built.unlink()
        proc = subprocess.run(install, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
    shutil.rmtree(src)
    return venv


def _clean_environ() -> dict[str, str]:
    """The caller's environment without anything that could point the installed raqib at the source tree."""
    drop = ("RAQIB_", "PYTHON", "VIRTUAL_ENV", "KIBANA_", "ELASTIC_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT)))
    return env


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    from pipeline.settings import default_home

    root = Path(tempfile.mkdtemp(prefix="raqib-installed-"))
    os.chmod(root, 0o755)  # readable by the unprivileged user, writable only by us (like the image's /usr/local)
    venv = _build_and_install(root)
    env = {
        **_clean_environ(), **PORTS,
        "PATH": f"{venv / 'bin'}{os.pathsep}{_clean_environ()['PATH']}",
        "RAQIB_KAFKA_BOOTSTRAP": f"127.0.0.1:{PORTS['RAQIB_KAFKA_PORT']}",
        "RAQIB_SEARCH_URL": f"http://127.0.0.1:{PORTS['RAQIB_SEARCH_PORT']}",
        "RAQIB_PARTITIONS": "1", "RAQIB_BULK_INTERVAL": "0.3", "RAQIB_METRICS_PORT": "0",
        "RAQIB_OPENSEARCH_HEAP": "512m", "COLUMNS": "300",
    }
    services_env = {**env, "RAQIB_HOME": str(root / "services-home"),
                    "RAQIB_JARS_DIR": os.environ.get("RAQIB_JARS_DIR", str(default_home() / "jars"))}
    try:
        yield Installed(root, venv, env)
    finally:
        subprocess.run([str(venv / "bin" / "raqib"), "services", "down"], env=services_env, capture_output=True,
                       timeout=120)
        shutil.rmtree(root, ignore_errors=True)


def run(inst: Installed, *args: str, env: dict[str, str], cwd: Path, timeout: float = 120,
        unprivileged: bool = False) -> subprocess.CompletedProcess:
    cmd = [inst.raqib, *args]
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)


def start(inst: Installed, *args: str, env: dict[str, str], cwd: Path, log: Path,
          unprivileged: bool = False) -> subprocess.Popen:
    cmd = [inst.raqib, *args]
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def search_json(inst: Installed, query: str, env: dict[str, str], cwd: Path, **kw) -> list[dict]:
    proc = run(inst, "search", query, "--json", env=env, cwd=cwd, **kw)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()] if proc.returncode == 0 else []


def _one_line(proc: subprocess.CompletedProcess) -> str:
    out = (proc.stdout + proc.stderr).strip()
    assert proc.returncode != 0 and len(out.splitlines()) == 1 and "Traceback" not in out, out
    return out


def test_the_wheel_runs_the_whole_trip_from_outside_the_source_tree(installed: Installed) -> None:
    inst = installed
    work = inst.root / "trip"
    work.mkdir()
    env = {**inst.env, "RAQIB_HOME": str(inst.root / "services-home"), "RAQIB_INDEX_PREFIX": "wheeltrip",
           "RAQIB_CONSUMER_GROUP": "raqib-wheeltrip",
           "RAQIB_JARS_DIR": os.environ.get("RAQIB_JARS_DIR", str(_jars()))}
    where = run(inst, "--help", env=env, cwd=work)
    assert where.returncode == 0, where.stderr
    probe = subprocess.run([str(inst.venv / "bin" / "python"), "-c",
                            "import pipeline, schemas, services; print(pipeline.__file__, schemas.__file__)"],
                           capture_output=True, text=True, env=env, cwd=work)
    assert probe.returncode == 0 and str(ROOT) not in probe.stdout, probe.stdout + probe.stderr
    assert str(inst.venv) in probe.stdout

    up = run(inst, "services", "up", env=env, cwd=work, timeout=300)
    assert up.returncode == 0, up.stdout + up.stderr
    setup = run(inst, "search", "setup", env=env, cwd=work)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    rule = run(inst, "rules", "add", "wheel-trip", "--query", "", "--subject", "military_withdrawal",
               "--statements-only", env=env, cwd=work)
    assert rule.returncode == 0, rule.stdout + rule.stderr
    for name in ("002_53bfce609cf075d0.txt", "004_d06fec6805e27b95.txt"):
        shutil.copy2(SEEDS / name, work / name)
        ingest = run(inst, "ingest", name, env=env, cwd=work)
        assert ingest.returncode == 0 and "produced 1 article" in ingest.stdout, ingest.stdout + ingest.stderr
    worker = start(inst, "worker", "--loglevel", "warning", env=env, cwd=work, log=work / "worker.log")
    try:
        hits = wait_for(lambda: search_json(inst, "الخفاجي", env, work), timeout=150, every=1)
        assert hits, (work / "worker.log").read_text(errors="replace")[-3000:]
        assert any("الخفاجي" in h for hit in hits for h in hit["highlights"])

        def alerts() -> list[dict]:
            proc = run(inst, "alerts", "--json", env=env, cwd=work)
            return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]

        raised = wait_for(lambda: [a for a in alerts() if a["rule"] == "wheel-trip"], timeout=90, every=1)
        assert raised, (work / "worker.log").read_text(errors="replace")[-3000:]
    finally:
        stop(worker)
    assert worker.returncode in (0, -15), (work / "worker.log").read_text(errors="replace")[-3000:]


def _writable_tree(root: Path, writable: bool) -> None:
    """Give or take the write bits of every folder under ``root`` (files need none to be replaced)."""
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())]:
        mode = folder.stat().st_mode
        folder.chmod(mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _jars() -> Path:
    from pipeline.settings import default_home

    return default_home() / "jars"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _metrics_answer(port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_the_image_steps_work_as_an_unprivileged_user_without_a_home(installed: Installed) -> None:
    """The Dockerfile installs as root and runs as ``nobody`` (home /nonexistent) in a root-owned working dir:
    every compose command works with the fallback RAQIB_HOME or says in one line what to set."""
    inst = installed
    app = inst.root / "app"  # like the image's read-only working directory
    app.mkdir()
    os.chmod(app, 0o755)
    if os.geteuid() != 0:  # no root to switch user: make the install and the working dir read-only instead
        _writable_tree(app, False)
        _writable_tree(inst.venv, False)
    env = {**inst.env, "HOME": "/nonexistent", "RAQIB_INDEX_PREFIX": "imagesteps",
           "RAQIB_CONSUMER_GROUP": "raqib-imagesteps", "RAQIB_ALLOW_PRIVATE_NETWORKS": "1"}
    env.pop("XDG_CACHE_HOME", None)
    for field in ("CLEAN", "ENRICHED", "ALERTS", "DEAD_LETTER", "ALERT_CANDIDATES", "ALERT_DELIVERIES",
                  "ALERT_RETRY", "CONNECTOR_STATE"):
        env[f"RAQIB_TOPICS__{field}"] = f"imagesteps.{field.lower()}"
    unpriv = {"env": env, "cwd": app, "unprivileged": True}

    assert run(inst, "--help", **unpriv).returncode == 0
    status = run(inst, "services", "status", **unpriv)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "Traceback" not in status.stderr

    # deploy-setup and kibana import (the compose one-shots) refuse clearly instead of failing deep inside
    assert "ELASTIC_PASSWORD" in _one_line(run(inst, "deploy-setup", **unpriv))
    placeholder = run(inst, "deploy-setup", **{**unpriv, "env": {**env, "ELASTIC_PASSWORD": "change-me-elastic"}})
    assert "placeholder" in _one_line(placeholder)
    assert "Kibana" in _one_line(run(inst, "kibana", "import", "--url", f"http://127.0.0.1:{_free_port()}",
                                     **unpriv))
    assert "RAQIB_SEARCH_PASSWORD" in _one_line(
        run(inst, "search", "setup", **{**unpriv, "env": {**env, "RAQIB_SEARCH_PASSWORD": "change-me-writer"}}))
    # a RAQIB_HOME it cannot write: one line saying what to set
    readonly = {**unpriv, "env": {**env, "RAQIB_HOME": str(app / "data")}}
    assert "RAQIB_HOME" in _one_line(run(inst, "services", "up", **readonly))

    assert run(inst, "search", "setup", **unpriv).returncode == 0
    # connectors (compose command plus its healthcheck port), then the worker: Faust's data folder must be
    # created in the fallback home, not in the read-only working directory
    sources = inst.root / "sources.yaml"
    sources.write_text(f"sources:\n  - name: local\n    kind: rss\n    url: http://127.0.0.1:{_free_port()}/feed\n",
                       encoding="utf-8")
    os.chmod(sources, 0o644)
    metrics = _free_port()
    logs = inst.root / "image-logs"
    logs.mkdir()
    connect = start(inst, "connect", "--sources", str(sources), "--metrics-port", str(metrics), **unpriv,
                    log=logs / "connect.log")
    worker = start(inst, "worker", "--loglevel", "warning", **unpriv, log=logs / "worker.log")
    try:
        assert wait_for(lambda: _metrics_answer(metrics), timeout=60), (logs / "connect.log").read_text()[-3000:]
        assert connect.poll() is None, (logs / "connect.log").read_text()[-3000:]
        seed = inst.root / "seed.txt"
        shutil.copy2(SEEDS / "000_1c0bd87af38d2f00.txt", seed)
        os.chmod(seed, 0o644)
        assert run(inst, "ingest", str(seed), **unpriv).returncode == 0
        def found() -> list[dict]:
            assert worker.poll() is None, (logs / "worker.log").read_text(errors="replace")[-3000:]
            return search_json(inst, "المحمداوي", **unpriv)

        hits = wait_for(found, timeout=150, every=1)
        assert hits, (logs / "worker.log").read_text(errors="replace")[-3000:]
        assert worker.poll() is None
    finally:
        stop(connect)
        stop(worker)
        if os.geteuid() != 0:
            _writable_tree(inst.venv, True)
    assert not any(app.iterdir()), "something wrote into the working directory"
    fallback = Path(tempfile.gettempdir()) / f"raqib-{NOBODY if os.geteuid() == 0 else os.getuid()}"
    assert (fallback / "faust").is_dir()
