"""Bad configuration and input: one line naming what to fix, a non-zero exit, never a traceback
(``--debug`` shows it). Each case runs the real `raqib` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.alerts.rules import Rule


def _raqib(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    base.update({"RAQIB_KAFKA_BOOTSTRAP": "127.0.0.1:9", "RAQIB_SEARCH_URL": "http://127.0.0.1:9",
                 "COLUMNS": "300"})
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=120, cwd=cwd)
    return proc.returncode, proc.stdout + proc.stderr


def _one_error_line(code: int, out: str, *needles: str) -> None:
    assert code != 0, out
    assert "Traceback" not in out, out
    lines = [line for line in out.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, out
    for needle in needles:
        assert needle in errors[0], out


@pytest.mark.parametrize(("env", "needles"), [
    ({"RAQIB_PARTITIONS": "0"}, ["RAQIB_PARTITIONS", "greater than or equal to 1"]),
    ({"RAQIB_SEARCH_URL": "http://[::1"}, ["RAQIB_SEARCH_URL", "IPv6"]),
    ({"RAQIB_SEARCH_URL": "http://127.0.0.1:99999"}, ["RAQIB_SEARCH_URL", "out of range"]),
    ({"RAQIB_SEARCH_URL": "127.0.0.1:9200"}, ["RAQIB_SEARCH_URL", "http(s) URL"]),
    ({"RAQIB_CONFIG": "/nonexistent/raqib.yaml"}, ["/nonexistent/raqib.yaml does not exist"]),
    ({"RAQIB_CONFIG": "/tmp"}, ["is a directory"]),
])
def test_invalid_settings_are_one_line(env, needles):
    _one_error_line(*_raqib("search", "x", env=env), *needles)


def test_settings_files_that_are_not_yaml_mappings(tmp_path):
    (tmp_path / "bad.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    (tmp_path / "latin.yaml").write_bytes("partitions: 2 # é\n".encode("latin-1"))
    _one_error_line(*_raqib("search", "x", env={"RAQIB_CONFIG": str(tmp_path / "bad.yaml")}), "cannot read")
    _one_error_line(*_raqib("search", "x", env={"RAQIB_CONFIG": str(tmp_path / "list.yaml")}), "mapping")
    _one_error_line(*_raqib("search", "x", env={"RAQIB_CONFIG": str(tmp_path / "latin.yaml")}), "cannot read")


def test_debug_shows_the_traceback():
    code, out = _raqib("--debug", "search", "x", env={"RAQIB_PARTITIONS": "0"})
    assert code != 0 and "Traceback" in out and "ConfigurationError" in out


def test_sources_files_that_cannot_be_used(tmp_path):
    cp1256 = tmp_path / "cp1256.yaml"
    cp1256.write_bytes("sources:\n  - name: الجزيرة\n    url: https://x.example/rss\n".encode("windows-1256"))
    code, out = _raqib("sources", "check", str(cp1256))
    assert code == 1 and "not UTF-8" in out and "Traceback" not in out, out
    huge = tmp_path / "huge.yaml"
    huge.write_text("sources:\n" + "  - {name: a, url: 'https://x.example/'}\n" * 40_000, encoding="utf-8")
    code, out = _raqib("sources", "check", str(huge))
    assert code == 1 and "larger than 1024 KiB" in out, out
    zone = tmp_path / "zone.yaml"
    zone.write_text("- {name: a, url: 'https://x.example/rss', timezone: Asia/Bagdad}\n", encoding="utf-8")
    code, out = _raqib("sources", "check", str(zone))
    assert code == 1 and "unknown time zone 'Asia/Bagdad'" in out, out


def test_files_sources_are_not_silently_ignored(tmp_path):
    only_files = tmp_path / "files.yaml"
    only_files.write_text(f"- {{name: local, kind: files, url: '{tmp_path}'}}\n", encoding="utf-8")
    code, out = _raqib("sources", "check", str(only_files))
    assert code == 0 and "not polled by `raqib connect`" in out and "raqib ingest" in out, out
    code, out = _raqib("connect", "--once", "--sources", str(only_files))
    assert code == 1 and "not polled by `raqib connect`" in out and "no valid source" in out, out


def test_discover_names_a_blocked_address():
    _one_error_line(*_raqib("sources", "discover", "http://127.0.0.1:9/"), "non-public address 127.0.0.1",
                    "RAQIB_ALLOW_PRIVATE_NETWORKS")


def test_rule_names_with_a_trailing_newline_are_refused():
    for name in ("alert\n", "alert\r\n", "alert "):
        with pytest.raises(ValueError, match="rule name"):
            Rule(name=name, query="x")
