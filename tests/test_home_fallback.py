"""A user without a writable home (the image's `nobody`, home /nonexistent) still gets a working RAQIB_HOME,
and the worker's Faust data folder lives there, never in the (read-only) working directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pipeline.errors import ConfigurationError
from pipeline.settings import Settings, default_home


def test_unwritable_home_falls_back_to_a_private_temp_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("RAQIB_HOME", raising=False)  # the integration session sets it for its services
    monkeypatch.setenv("HOME", "/nonexistent")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    if os.access("/", os.W_OK):  # root can write /: point HOME at a read-only file's folder instead
        ro = tmp_path / "ro"
        ro.write_text("")
        monkeypatch.setenv("HOME", str(ro))
    home = default_home()
    assert home == tmp_path / f"raqib-{os.getuid()}"
    assert home.is_dir() and (home.stat().st_mode & 0o777) == 0o700
    assert Settings().home == home


def test_a_writable_cache_home_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_home() == tmp_path / "cache" / "raqib"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to plant a folder owned by another user")
def test_a_fallback_planted_by_another_user_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.write_text("")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(ro))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / f"raqib-{os.getuid()}"
    planted.mkdir(mode=0o777)
    os.chown(planted, 65534, 65534)
    with pytest.raises(ConfigurationError, match="RAQIB_HOME"):
        default_home()


def test_the_worker_data_folder_is_created_under_raqib_home(tmp_path: Path) -> None:
    from pipeline.worker.app import _datadir

    assert _datadir(Settings(home=tmp_path / "a" / "b")) == str(tmp_path / "a" / "b" / "faust")
    assert (tmp_path / "a" / "b" / "faust").is_dir()
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigurationError, match="set RAQIB_HOME"):
        _datadir(Settings(home=blocker))
