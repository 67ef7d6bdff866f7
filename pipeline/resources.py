"""Files raqib ships inside its packages, found with :mod:`importlib.resources`, never through source-tree paths.

Index templates, Kibana saved objects and message schemas live in the top-level ``schemas`` package, the
service poms and launcher in ``services``, models and word lists under ``pipeline/data``: all are package
data of the wheel, so an installed raqib (the Docker image, ``pip install raqib``) finds them wherever it runs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pipeline.errors import ConfigurationError


def shipped(package: str, *parts: str) -> Path:
    """The real path of a file or folder shipped in ``package`` (wheel installs unpack, so there is one).

    A missing resource means a broken installation, said in one line instead of a FileNotFoundError later.
    """
    path = Path(str(files(package).joinpath(*parts)))
    if not path.exists():
        raise ConfigurationError(f"{'/'.join(parts)} is missing from the installed package {package!r}: "
                                 "reinstall raqib (pip install --force-reinstall raqib)")
    return path
