"""The source registry: ``sources.yaml`` entries declared as data (one per feed, sitemap or listing)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.settings import DEFAULT_TIMEZONE

#: a sources file is a list of a few hundred entries; a bigger file is a mistake (or an attack on memory)
MAX_SOURCES_BYTES = 1024 * 1024

SourceKind = Literal["rss", "atom", "rdf", "jsonfeed", "feed", "sitemap", "listing", "files"]


class SourceEntry(BaseModel):
    """One source: where to look for articles and how often."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    kind: SourceKind = "feed"
    url: str = Field(min_length=1)
    outlet: str | None = None
    interval: int = Field(default=300, ge=1, description="Seconds between polls until the feed's rhythm is learned")
    min_interval: int | None = Field(default=None, ge=1, description="Never poll more often (default 60 s, "
                                     "or interval when that is shorter)")
    max_interval: int | None = Field(default=None, ge=1, description="Never poll less often (default 6 h, "
                                     "or interval when that is longer)")
    country: str | None = None
    tags: list[str] = Field(default_factory=list)
    include: str | None = Field(default=None, description="Regex an article URL must match")
    exclude: str | None = Field(default=None, description="Regex an article URL must not match")
    timezone: str = DEFAULT_TIMEZONE

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        """An IANA zone name (``Asia/Baghdad``): a typo would silently shift every undated time."""
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Baghdad)") from None
        return value

    @field_validator("include", "exclude")
    @classmethod
    def _valid_regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _ordered_bounds(self) -> SourceEntry:
        if self.min_interval and self.max_interval and self.min_interval > self.max_interval:
            raise ValueError("min_interval is larger than max_interval")
        return self

    def accepts(self, url: str) -> bool:
        """True when ``url`` passes the include/exclude patterns."""
        if self.include and not re.search(self.include, url):
            return False
        return not (self.exclude and re.search(self.exclude, url))


class SourceError(BaseModel):
    """A sources file problem, precise enough to fix without guessing."""

    file: str
    index: int | None = None
    name: str | None = None
    field: str | None = None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.index is not None:
            where += f": entry #{self.index}"
            if self.name:
                where += f" ({self.name})"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


def load_sources(path: str | Path) -> tuple[list[SourceEntry], list[SourceError]]:
    """Read a sources YAML file (a list, or a mapping with ``sources:``); bad entries do not stop the rest."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SOURCES_BYTES:
            return [], [SourceError(file=str(path), message=f"larger than {MAX_SOURCES_BYTES // 1024} KiB: "
                                    "not a sources file")]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return [], [SourceError(file=str(path), message=f"not UTF-8 text (byte {exc.start}): save it as UTF-8")]
    except (OSError, yaml.YAMLError) as exc:
        return [], [SourceError(file=str(path), message=f"cannot read: {' '.join(str(exc).split())}")]
    if isinstance(data, dict):
        data = data.get("sources")
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [SourceError(file=str(path), message="expected a list of sources (or 'sources:' list)")]
    entries: list[SourceEntry] = []
    errors: list[SourceError] = []
    names: set[str] = set()
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            errors.append(SourceError(file=str(path), index=index, message="entry is not a mapping"))
            continue
        name = raw.get("name") if isinstance(raw.get("name"), str) else None
        try:
            entry = SourceEntry.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or None
                errors.append(
                    SourceError(file=str(path), index=index, name=name, field=field, message=err["msg"])
                )
            continue
        if entry.name in names:
            errors.append(
                SourceError(file=str(path), index=index, name=name, field="name", message="duplicate name")
            )
            continue
        names.add(entry.name)
        entries.append(entry)
    return entries, errors


def polled(entries: list[SourceEntry]) -> tuple[list[SourceEntry], list[str]]:
    """The entries ``raqib connect`` polls, and a note for each it does not (``kind: files`` is read by
    ``raqib ingest``)."""
    notes = [f"source {e.name}: kind 'files' is not polled by `raqib connect`; read it with "
             f"`raqib ingest {e.url}`" for e in entries if e.kind == "files"]
    return [e for e in entries if e.kind != "files"], notes
