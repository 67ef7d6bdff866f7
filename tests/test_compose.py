"""docker-compose.yml, .env.example and the Dockerfile checked for real, without Docker.

The compose file is interpolated the way ``docker compose`` does (from .env.example), validated against the
Compose Specification's JSON Schema (tests/compose/compose-spec.json, Apache-2.0, see NOTICE.md), and its
raqib parts are checked against the code: every RAQIB_* variable is a setting that parses, every command
exists in the CLI with its options, and the deployment fixes of issue 14 stay in place.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
import yaml

from pipeline.errors import ConfigurationError
from pipeline.settings import PLACEHOLDER_SECRETS, Settings, check_secrets

ROOT = Path(__file__).resolve().parents[1]
SPEC = json.loads((ROOT / "tests" / "compose" / "compose-spec.json").read_text(encoding="utf-8"))
_VAR = re.compile(r"\$(?:\$|\{(?P<braced>[A-Za-z_]\w*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}|(?P<bare>[A-Za-z_]\w*))")
#: settings read straight from the environment rather than through Settings
DIRECT_RAQIB_VARS = {"RAQIB_CONFIG", "RAQIB_RULES_FILE"}


class MissingVariable(Exception):
    pass


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of an env file (comments and blanks skipped), as compose reads .env."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose's interpolation: ${X}, ${X:-default}, ${X-default}, ${X:?error}, ${X?error}, $X and $$."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def one(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("braced") or match.group("bare")
        op, arg = match.group("op") or "", match.group("arg") or ""
        present = name in env
        usable = present and (env[name] != "" or not op.startswith(":"))
        if op.endswith("-"):
            return env[name] if usable else arg
        if op.endswith("?") and not usable:
            raise MissingVariable(f"{name}: {arg}")
        return env.get(name, "")

    return _VAR.sub(one, value)


def compose(env: dict[str, str]) -> dict[str, Any]:
    return interpolate(yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8")), env)


#: what an operator pastes for the two values .env.example leaves empty on purpose
FILLED = {**env_file(ROOT / ".env.example"), "KIBANA_SERVICE_TOKEN": "AAEAAWVsYXN0aWMva2liYW5hL3JhcWli",
          "KIBANA_ENCRYPTION_KEY": "0" * 64}
CONFIG = compose(FILLED)
SERVICES = CONFIG["services"]
RAQIB_SERVICES = {name: s for name, s in SERVICES.items() if s.get("image", "").startswith("raqib")}


def test_compose_file_is_valid_against_the_compose_specification() -> None:
    jsonschema.Draft7Validator.check_schema(SPEC)
    errors = sorted(jsonschema.Draft7Validator(SPEC).iter_errors(CONFIG), key=lambda e: list(e.path))
    assert not errors, [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]


def test_the_validation_catches_a_broken_file() -> None:
    broken = json.loads(json.dumps(CONFIG))
    broken["services"]["worker"]["restart"] = ["always"]
    broken["services"]["kafka"]["healthchek"] = broken["services"]["kafka"].pop("healthcheck")
    assert len(list(jsonschema.Draft7Validator(SPEC).iter_errors(broken))) >= 2


def test_every_raqib_variable_is_a_setting_that_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert RAQIB_SERVICES
    for name, service in RAQIB_SERVICES.items():
        env = {k: str(v) for k, v in service.get("environment", {}).items()}
        unknown = [k for k in env if k.startswith("RAQIB_") and k not in DIRECT_RAQIB_VARS
                   and k[6:].lower().split("__")[0] not in Settings.model_fields]
        assert not unknown, f"{name} sets unknown settings {unknown}"
        for key in [k for k in list(__import__("os").environ) if k.startswith("RAQIB_")]:
            monkeypatch.delenv(key)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings()  # a value that does not parse fails here
        assert settings.search_engine == "elasticsearch" and settings.kafka_bootstrap == "kafka:9092", name


def _resolve(command: list[str]) -> Any:
    """The click command a compose ``command`` runs, its options parsed (an unknown option fails).

    Duck-typed: typer may ship its own copy of click, whose classes are not ``click``'s."""
    from pipeline.cli.main import app

    assert command[0] == "raqib", command
    args = command[1:]
    if args[:2] == ["search", "setup"]:
        args[:2] = ["index", "setup"]  # as pipeline.cli.main.main does
    node = typer.main.get_command(app)
    while hasattr(node, "commands"):
        name, args = args[0], args[1:]
        assert name in node.commands, f"`raqib {' '.join(command[1:])}`: no command {name!r}"
        node = node.commands[name]
    node.make_context(node.name or "", list(args), resilient_parsing=False)
    return node


def test_every_service_command_exists_in_the_cli() -> None:
    commands = {name: s["command"] for name, s in RAQIB_SERVICES.items()}
    assert set(commands) == {"setup", "kibana-import", "connectors", "worker"}
    for command in commands.values():
        _resolve(list(command))
    with pytest.raises(Exception, match="No such option"):
        _resolve(["raqib", "connect", "--no-such-option"])
    with pytest.raises(AssertionError, match="no command"):
        _resolve(["raqib", "deploy-setpu"])


def test_long_running_services_restart_and_have_healthchecks() -> None:
    for name in ("kafka", "elasticsearch", "kibana", "connectors", "worker"):
        assert SERVICES[name].get("restart") in ("unless-stopped", "always"), name
        assert SERVICES[name].get("healthcheck", {}).get("test"), name
    port = SERVICES["connectors"]["command"][SERVICES["connectors"]["command"].index("--metrics-port") + 1]
    assert f"localhost:{port}/metrics" in SERVICES["connectors"]["healthcheck"]["test"][1]


def test_kafka_has_a_listener_for_the_published_host_port() -> None:
    env = SERVICES["kafka"]["environment"]
    listeners = dict(item.split("://") for item in env["KAFKA_LISTENERS"].split(","))
    advertised = dict(item.split("://") for item in env["KAFKA_ADVERTISED_LISTENERS"].split(","))
    protocols = dict(item.split(":") for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    (published,) = SERVICES["kafka"]["ports"]
    host_ip, host_port, container_port = published.split(":")
    (host_listener,) = [n for n, addr in listeners.items() if addr == f":{container_port}"]
    assert advertised[host_listener] == f"{host_ip}:{host_port}", "clients on the host dial what is advertised"
    assert advertised["PLAINTEXT"] == "kafka:9092" and env["KAFKA_INTER_BROKER_LISTENER_NAME"] == "PLAINTEXT"
    assert set(listeners) <= set(protocols)


def test_no_healthcheck_puts_a_credential_on_a_command_line() -> None:
    for name, service in SERVICES.items():
        check = " ".join(service.get("healthcheck", {}).get("test", []))
        assert not re.search(r"(-u|--user)\s", check), f"{name}: curl -u puts the password in the process list"
        assert not re.search(r"PASSWORD\}?@", check), name


class _Elasticsearch(BaseHTTPRequestHandler):
    """Answers /_cluster/health like Elasticsearch with security on: 401 without the right basic auth."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        import base64

        ok = self.headers.get("Authorization") == "Basic " + base64.b64encode(b"elastic:p4ss w\"rd$").decode()
        body = b'{"cluster_name":"raqib","status":"yellow"}' if ok else b'{"error":"unauthorized"}'
        self.send_response(200 if ok else 401)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def fake_es() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Elasticsearch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _es_check(port: int, password: str) -> subprocess.CompletedProcess:
    test = SERVICES["elasticsearch"]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL"
    script = test[1].replace("localhost:9200", f"127.0.0.1:{port}")
    return subprocess.run(["sh", "-c", script], env={"ELASTIC_PASSWORD": password, "PATH": "/usr/bin:/bin"},
                          capture_output=True, timeout=30)


@pytest.mark.skipif(not Path("/usr/bin/curl").exists() and not Path("/bin/curl").exists(), reason="needs curl")
def test_the_elasticsearch_healthcheck_authenticates_with_the_password_from_stdin(fake_es: int) -> None:
    """Runs the healthcheck's shell line: healthy with the right password, unhealthy with a wrong one.
    (The password has a space, a quote and a dollar: passed as data, never re-parsed by the shell.)"""
    assert _es_check(fake_es, 'p4ss w"rd$').returncode == 0
    assert _es_check(fake_es, "wrong").returncode != 0


def test_env_example_secrets_are_refused_until_changed() -> None:
    """Each secret .env.example ships is either left empty (compose's ${X:?} stops) or a placeholder raqib refuses."""
    example = env_file(ROOT / ".env.example")
    secrets = {k: v for k, v in example.items() if re.search(r"PASSWORD|SECRET|TOKEN|KEY$", k)}
    assert secrets
    for key, value in secrets.items():
        assert value == "" or value in PLACEHOLDER_SECRETS, f"{key}={value!r} would be accepted as a real secret"
    with pytest.raises(MissingVariable, match="KIBANA_SERVICE_TOKEN|KIBANA_ENCRYPTION_KEY"):
        compose(example)
    for key in ("RAQIB_SEARCH_PASSWORD", "RAQIB_WEBHOOK_SECRET"):
        with pytest.raises(ConfigurationError, match=key):
            check_secrets(Settings(**{key[6:].lower(): example[key]}))
    assert check_secrets(Settings(search_password="a-real-one", webhook_secret="another")) is not None


def test_the_image_runs_unprivileged_with_a_writable_data_folder() -> None:
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()]
    froms = [line.split()[1] for line in lines if line.startswith("FROM ")]
    assert froms and all(re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", f) for f in froms), froms
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    home = re.search(r"RAQIB_HOME=(\S+)", "\n".join(lines))
    assert home, "the image must give raqib a writable RAQIB_HOME"
    assert re.search(rf"chown {users[-1]}\S* {re.escape(home.group(1))}", "\n".join(lines))
    copied = {line.split()[1] for line in lines if line.startswith("COPY ") and "--from" not in line}
    assert {"pipeline", "connectors", "schemas", "services", "pyproject.toml"} <= copied
    assert "kafka:9092" not in (ROOT / "Dockerfile").read_text(encoding="utf-8")
