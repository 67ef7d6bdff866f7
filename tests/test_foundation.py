"""Unit tests of the foundation: schemas match the models, settings load, CLI and compose are sound."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipeline.models import SCHEMA_VERSION, TOPIC_MODELS, ArticleClean, ArticleEnriched
from pipeline.schemas import render, schema_path
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(TOPIC_MODELS))
def test_schema_files_match_the_models(name):
    path = schema_path(ROOT / "schemas", name)
    assert path.exists(), f"{path} missing: run `raqib schemas write`"
    assert path.read_text(encoding="utf-8") == render(name), f"{path} drifted: run `raqib schemas write`"


def test_every_message_carries_a_schema_version():
    for name in ("article.clean", "article.enriched", "alert", "dead-letter"):
        assert "schema_version" in json.loads(render(name))["properties"]
    article = ArticleClean(id="x", url="file:///x", text="نص")
    assert json.loads(article.model_dump_json())["schema_version"] == SCHEMA_VERSION


def test_enriched_schema_has_the_enrichment_fields():
    props = ArticleEnriched.model_json_schema()["properties"]
    for field in ("entities", "topics", "statements", "story_id", "duplicate_of", "content_hash"):
        assert field in props


@pytest.fixture()
def clean_env(monkeypatch):
    """No RAQIB_* variables from the shell or from the integration session fixture."""
    for key in [k for k in os.environ if k.startswith("RAQIB_")]:
        monkeypatch.delenv(key)


def test_settings_from_env_and_yaml(tmp_path, monkeypatch, clean_env):
    config = tmp_path / "raqib.yaml"
    config.write_text("kafka_bootstrap: broker:9999\npartitions: 7\ntopics:\n  clean: c.yaml\n")
    monkeypatch.setenv("RAQIB_CONFIG", str(config))
    monkeypatch.setenv("RAQIB_PARTITIONS", "3")  # env beats YAML
    settings = Settings()
    assert settings.kafka_bootstrap == "broker:9999"
    assert settings.partitions == 3
    assert settings.topics.clean == "c.yaml"
    assert settings.topics.enriched == "articles.enriched"


def test_settings_file_errors_are_clear(tmp_path, monkeypatch, clean_env):
    config = tmp_path / "raqib.yaml"
    config.write_text("- just\n- a list\n")
    monkeypatch.setenv("RAQIB_CONFIG", str(config))
    with pytest.raises(ValueError, match="must hold a mapping"):
        Settings()


def test_help_lists_every_command():
    from pipeline.cli import app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("services", "ingest", "worker", "search", "demo", "enrich", "ner", "schemas"):
        assert command in result.output


def test_services_without_maven_say_how_to_install(tmp_path, monkeypatch):
    from pipeline.ops.services import LocalServices, ServiceError

    monkeypatch.setenv("PATH", str(tmp_path))
    services = LocalServices(Settings(home=tmp_path / "home", jars_dir=tmp_path / "jars"))
    with pytest.raises(ServiceError, match="apt-get install -y maven"):
        services.resolve_jars("kafka")


def test_docker_compose_is_complete_and_keeps_secrets_out():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for name in ("kafka", "elasticsearch", "kibana", "connectors", "worker", "kibana-import"):
        assert name in services, name
    assert services["kafka"]["image"].startswith("apache/kafka:4")
    assert services["elasticsearch"]["environment"]["xpack.security.enabled"] == "true"
    assert "${ELASTIC_PASSWORD" in services["elasticsearch"]["environment"]["ELASTIC_PASSWORD"]
    for name, service in services.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond the host"
        if name in ("kafka", "elasticsearch", "kibana", "worker"):
            assert "healthcheck" in service, name
    assert "worker" not in {s for s, v in services.items() if v.get("container_name")}, "worker must scale"
    example = (ROOT / ".env.example").read_text()
    assert "ELASTIC_PASSWORD=" in example
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def _services_in(home: Path, tmp_path: Path, monkeypatch):
    """LocalServices that can never start anything: no java or mvn on PATH, ports nothing listens on."""
    from pipeline.ops.services import LocalServices

    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    return LocalServices(Settings(home=home, jars_dir=tmp_path / "jars", kafka_port=9, kafka_controller_port=9,
                                  search_port=9))


def test_services_up_with_raqib_home_under_a_file_says_what_to_do(tmp_path, clean_env):
    """A real OS error (ENOTDIR), no monkeypatching: the CLI exits 1 with a sentence, not a traceback."""
    from tests.conftest import run_raqib

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = run_raqib("services", "up", "--timeout", "5", env={"RAQIB_HOME": str(blocker / "raqib"),
                                                               "PATH": str(tmp_path / "empty-bin")})
    assert proc.returncode == 1
    out = " ".join((proc.stdout + proc.stderr).split())
    assert "Traceback" not in out
    assert "is a file, not a folder" in out and "RAQIB_HOME" in out, out


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0500 (the monkeypatched EACCES test below "
                                              "covers the message)")
def test_services_up_with_a_read_only_raqib_home_says_what_to_do(tmp_path, monkeypatch):
    from pipeline.ops.services import ServiceError

    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        with pytest.raises(ServiceError, match=r"not writable by this user.*RAQIB_HOME"):
            _services_in(home, tmp_path, monkeypatch).up(timeout=1)
    finally:
        home.chmod(0o700)


@pytest.mark.parametrize(("err", "expected"), [
    (28, r"disk holding .* is full: free space there .* RAQIB_HOME"),  # ENOSPC
    (13, r"not writable by this user: fix its permissions .* RAQIB_HOME"),  # EACCES
    (30, r"not writable by this user"),  # EROFS
])
def test_services_storage_errors_at_the_os_write_boundary_say_what_to_do(tmp_path, monkeypatch, err, expected):
    """Disk full / permission denied simulated where the OS refuses the write (os.write): a tiny tmpfs needs
    root, so this is the portable way to prove the message; nothing is started."""
    from pipeline.ops.services import ServiceError

    def refuse(fd, data):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "write", refuse)
    with pytest.raises(ServiceError, match=expected) as info:
        _services_in(tmp_path / "home", tmp_path, monkeypatch).up(timeout=1)
    assert str(tmp_path / "home") in str(info.value)


def test_services_status_on_an_unreadable_home_does_not_crash(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    statuses = _services_in(blocker / "home", tmp_path, monkeypatch).status()
    assert [s.running for s in statuses] == [False, False]
