"""Start and stop the real local services raqib needs: Apache Kafka 4 (KRaft) and OpenSearch 2.19.

Both come from Maven Central as jars (resolved once with ``mvn dependency:copy-dependencies`` of the
poms in ``services/``) and run as plain ``java`` processes we own through pid files, so no Docker
engine is needed. Data lives under ``settings.home`` and survives restarts.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from pipeline.errors import ServiceError
from pipeline.resources import shipped
from pipeline.settings import Settings
from pipeline.topics import KAFKA_MESSAGE_MAX_BYTES

SERVICES_DIR = shipped("services")
JAVA_HINT = "install Java 17: `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu)"
MAVEN_HINT = "install Maven: `apt-get install -y maven` (Debian/Ubuntu)"


@dataclass
class ServiceStatus:
    name: str
    running: bool
    pid: int | None
    address: str
    answering: bool


def _require(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise ServiceError(f"`{tool}` was not found on PATH; {hint}")
    return path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child counts as dead
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def storage_error(exc: OSError, path: Path, what: str) -> ServiceError:
    """Turn an OS error on a local folder into a message that says what to do next."""
    where = exc.filename or path
    if exc.errno == errno.ENOSPC:
        hint = (f"the disk holding {where} is full: free space there (Kafka and OpenSearch data live under "
                f"{path}) or point RAQIB_HOME at a folder on a larger disk")
    elif exc.errno == errno.EDQUOT:
        hint = f"your disk quota is exhausted at {where}: free space or point RAQIB_HOME at another disk"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = (f"{where} is not writable by this user: fix its permissions (e.g. `chown -R $USER {path}`) "
                "or set RAQIB_HOME to a folder you can write")
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        hint = f"{where} is a file, not a folder: set RAQIB_HOME to a folder (it is created if missing)"
    else:
        hint = f"check that {path} is a writable folder, or set RAQIB_HOME to one"
    return ServiceError(f"cannot {what} ({exc.strerror or exc}); {hint}")


def _port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class LocalServices:
    """Kafka and OpenSearch as local processes, driven by `raqib services up|down|status`."""

    def __init__(self, settings: Settings, log=print) -> None:
        self.settings = settings
        self.home = Path(settings.home)
        self.jars_home = Path(settings.jars_dir) if settings.jars_dir else self.home / "jars"
        self.log = log

    # ---- paths
    def _run_dir(self) -> Path:
        path = self.home / "run"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _pid_file(self, name: str) -> Path:
        return self.home / "run" / f"{name}.pid"  # reading must not create folders (status on a read-only home)

    def _log_file(self, name: str) -> Path:
        path = self.home / "logs"
        path.mkdir(parents=True, exist_ok=True)
        return path / f"{name}.log"

    # ---- jars
    def resolve_jars(self, name: str) -> Path:
        """Copy the jars of ``services/<name>/pom.xml`` into the cache once (Maven caches downloads)."""
        target = self.jars_home / name
        marker = target / ".resolved"
        pom = SERVICES_DIR / name / "pom.xml"
        if not pom.exists():
            raise ServiceError(f"{pom} is missing from the installed package: reinstall raqib")
        if marker.exists() and marker.read_text() == pom.read_text():
            return target
        mvn = _require("mvn", MAVEN_HINT)
        self.log(f"resolving {name} jars from Maven Central (once) into {target} …")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        proc = subprocess.run(
            [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
             f"-DoutputDirectory={target}"],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr)[-2000:]
            raise ServiceError(f"Maven could not resolve the {name} jars (is Maven Central reachable?):\n{tail}")
        marker.write_text(pom.read_text())
        return target

    # ---- kafka
    def _kafka_config(self) -> Path:
        s = self.settings
        data = self.home / "kafka" / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.home / "kafka" / "server.properties"
        config.write_text(
            "\n".join([
                "process.roles=broker,controller",
                "node.id=1",
                f"controller.quorum.voters=1@127.0.0.1:{s.kafka_controller_port}",
                f"listeners=PLAINTEXT://127.0.0.1:{s.kafka_port},CONTROLLER://127.0.0.1:{s.kafka_controller_port}",
                f"advertised.listeners=PLAINTEXT://127.0.0.1:{s.kafka_port}",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                f"log.dirs={data}",
                f"num.partitions={s.partitions}",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=8",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                f"message.max.bytes={KAFKA_MESSAGE_MAX_BYTES}",
                "",
            ])
        )
        return config

    def _start_kafka(self) -> None:
        java = _require("java", JAVA_HINT)
        jars = self.resolve_jars("kafka")
        config = self._kafka_config()
        data = self.home / "kafka" / "data"
        classpath = f"{jars}/*"
        if not (data / "meta.properties").exists():
            # "--cluster-id=…" form: a base64 id may start with "-", which argparse would read as an option
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
            proc = subprocess.run(
                [java, "-cp", classpath, "kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                 f"--config={config}"], capture_output=True, text=True,
            )
            if proc.returncode != 0:
                raise ServiceError(f"formatting Kafka storage in {data} failed:\n{proc.stdout}{proc.stderr}")
        self._spawn("kafka", [java, "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                              "-cp", classpath, "kafka.Kafka", str(config)])

    def _kafka_answers(self) -> bool:
        if not _port_open("127.0.0.1", self.settings.kafka_port):
            return False
        from kafka import KafkaAdminClient
        from kafka.errors import KafkaError

        try:
            admin = KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{self.settings.kafka_port}",
                                     request_timeout_ms=3000, client_id="raqib-services")
            try:
                admin.describe_cluster()
            finally:
                admin.close()
            return True
        except (KafkaError, OSError, ValueError):
            return False

    # ---- opensearch
    def _start_opensearch(self) -> None:
        java = _require("java", JAVA_HINT)
        jars = self.resolve_jars("opensearch")
        base = self.home / "opensearch"
        base.mkdir(parents=True, exist_ok=True)
        heap = self.settings.opensearch_heap
        launcher = SERVICES_DIR / "opensearch" / "RaqibOpenSearch.java"
        self._spawn("opensearch", [java, f"-Xms{heap}", f"-Xmx{heap}", "-Djava.awt.headless=true",
                                   "-Dlog4j2.formatMsgNoLookups=true", "-cp", f"{jars}/*", str(launcher),
                                   str(base), str(self.settings.search_port), "raqib"])

    def _opensearch_answers(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.settings.search_port}/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    # ---- process handling
    def _spawn(self, name: str, cmd: list[str]) -> None:
        log = self._log_file(name).open("ab")
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, cwd=self.home)
        self._run_dir()
        self._pid_file(name).write_text(str(proc.pid))

    def _pid(self, name: str) -> int | None:
        try:
            pid = int(self._pid_file(name).read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def _answers(self, name: str) -> bool:
        return self._kafka_answers() if name == "kafka" else self._opensearch_answers()

    def _port(self, name: str) -> int:
        return self.settings.kafka_port if name == "kafka" else self.settings.search_port

    # ---- public API
    def check_home(self) -> None:
        """Fail early, with what to do, when the data folder cannot be created or written (or the disk is full).

        Without this a read-only or full RAQIB_HOME surfaces as a Python traceback from deep inside start-up.
        """
        probe = self.home / "run" / f".write-test-{os.getpid()}"
        try:
            probe.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, b"\0" * 4096)  # a real block, so a full disk answers ENOSPC here
                os.fsync(fd)
            finally:
                os.close(fd)
                probe.unlink(missing_ok=True)
        except OSError as exc:
            raise storage_error(exc, self.home, f"write to the raqib data folder {self.home}") from exc

    def up(self, timeout: float = 180.0, only: tuple[str, ...] = ("kafka", "opensearch")) -> list[ServiceStatus]:
        """Start what is not running, then wait until both answer. Idempotent."""
        self.check_home()
        starters = {name: start for name, start in
                    (("kafka", self._start_kafka), ("opensearch", self._start_opensearch)) if name in only}
        for name, start in starters.items():
            if self._pid(name) is not None or self._answers(name):
                continue
            if _port_open("127.0.0.1", self._port(name)):
                raise ServiceError(
                    f"port {self._port(name)} is taken by another program, so {name} cannot start; "
                    f"stop it or choose another port (RAQIB_{'KAFKA' if name == 'kafka' else 'SEARCH'}_PORT)")
            try:
                start()
            except OSError as exc:
                raise storage_error(exc, self.home, f"start {name}") from exc
        deadline = time.monotonic() + timeout
        pending = set(starters)
        while pending and time.monotonic() < deadline:
            for name in sorted(pending):
                if self._answers(name):
                    pending.discard(name)
                elif self._pid(name) is None and not self._answers(name):
                    tail = self._log_tail(name)
                    raise ServiceError(f"{name} exited during start-up; last log lines "
                                       f"({self._log_file(name)}):\n{tail}")
            time.sleep(0.5)
        if pending:
            raise ServiceError(f"{', '.join(sorted(pending))} did not answer within {timeout:.0f}s; "
                               f"see logs in {self.home / 'logs'}")
        return self.status()

    def start(self, name: str, timeout: float = 180.0) -> list[ServiceStatus]:
        """Start one service (``kafka`` or ``opensearch``) and wait until it answers (fault tests, restarts)."""
        return self.up(timeout=timeout, only=(name,))

    def stop(self, name: str, timeout: float = 60.0) -> bool:
        """Stop one service we started; True if it was running. Its data is kept."""
        return name in self.down(timeout=timeout, only=(name,))

    def down(self, timeout: float = 60.0, only: tuple[str, ...] = ("opensearch", "kafka")) -> list[str]:
        """Stop only the processes we started (pid files), gracefully first."""
        stopped = []
        for name in [n for n in ("opensearch", "kafka") if n in only]:
            pid = self._pid(name)
            if pid is None:
                with contextlib.suppress(OSError):
                    self._pid_file(name).unlink(missing_ok=True)
                continue
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            if _pid_alive(pid):
                os.kill(pid, signal.SIGKILL)
            self._pid_file(name).unlink(missing_ok=True)
            stopped.append(name)
        return stopped

    def status(self) -> list[ServiceStatus]:
        return [
            ServiceStatus("kafka", self._pid("kafka") is not None, self._pid("kafka"),
                          f"127.0.0.1:{self.settings.kafka_port}", self._kafka_answers()),
            ServiceStatus("opensearch", self._pid("opensearch") is not None, self._pid("opensearch"),
                          f"http://127.0.0.1:{self.settings.search_port}", self._opensearch_answers()),
        ]

    def _log_tail(self, name: str, lines: int = 25) -> str:
        try:
            return "\n".join(self._log_file(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
