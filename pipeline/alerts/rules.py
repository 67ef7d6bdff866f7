"""Alert rules: a YAML file of watched queries, registered as percolator queries in the search engine.

A rule is a query in the same syntax as ``raqib search`` plus exact filters (subjects, entities, outlets,
topics). This module is the rule model and its file store only; the engine side (registering rules as
percolator queries and matching articles) lives in ``pipeline.search.percolator``.

Rules live in ``settings.home / "rules.yaml"`` (or ``RAQIB_RULES_FILE``) on top of the built-in rules of
``pipeline/data/rules.yaml``; a user rule of the same name overrides a built-in one (use it with
``enabled: false`` to switch a built-in rule off).
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.alerts.delivery import check_secret_env
from pipeline.errors import RuleError
from pipeline.resources import shipped
from pipeline.settings import Settings

BUILTIN_RULES_FILE = shipped("pipeline", "data", "rules.yaml")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # fullmatch: "$" would accept a trailing newline
MAX_RULES = 10_000


class Channel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["webhook", "slack", "console"]
    url: str | None = None
    secret_env: str | None = Field(default=None, description="Env variable holding the webhook HMAC secret")

    @model_validator(mode="after")
    def _url_needed(self) -> Channel:
        if self.type in ("webhook", "slack") and not self.url:
            raise ValueError(f"a {self.type} channel needs a url")
        if self.url and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"channel url must be http(s), got {self.url!r}")
        if self.secret_env is not None:
            check_secret_env(self.secret_env)
        return self


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    query: str = Field(default="", description="Search syntax as in `raqib search`; empty = filters only")
    subjects: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    statements_only: bool = False
    channels: list[Channel] = Field(default_factory=lambda: [Channel(type="console")])
    quiet_period: float = Field(default=0, ge=0, description="Seconds without a second delivered alert")
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _name_ok(cls, v: str) -> str:
        if not _NAME.fullmatch(v):
            raise ValueError("rule name: 1-64 letters, digits, '_', '-', '.' (starting with a letter or digit)")
        return v

    @model_validator(mode="after")
    def _not_empty(self) -> Rule:
        if not (self.query.strip() or self.subjects or self.entities or self.outlets or self.topics):
            raise ValueError("a rule needs a query or at least one filter (subjects, entities, outlets, topics)")
        return self


def parse_rules(data: Any, source: str = "rules") -> list[Rule]:
    """Rules from the YAML structure ``{rules: [...]}`` (or a bare list); errors name the rule."""
    if data is None:
        return []
    items = data.get("rules", []) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise RuleError(f"{source}: expected a list of rules under 'rules:'")
    out: list[Rule] = []
    seen: set[str] = set()
    for i, item in enumerate(items or []):
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            name = item.get("name", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            raise RuleError(f"{source}: rule {name}: {exc}") from exc
        if rule.name in seen:
            raise RuleError(f"{source}: rule {rule.name} is defined twice")
        seen.add(rule.name)
        out.append(rule)
    return out


def rules_file(settings: Settings) -> Path:
    """The user's rules file: ``RAQIB_RULES_FILE`` or ``settings.home / "rules.yaml"``."""
    env = os.environ.get("RAQIB_RULES_FILE")
    return Path(env) if env else Path(settings.home) / "rules.yaml"


def _read(path: Path) -> list[Rule]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"cannot read rules file {path}: {exc}") from exc
    return parse_rules(data, str(path))


def builtin_rules() -> list[Rule]:
    return _read(BUILTIN_RULES_FILE)


class RuleStore:
    """The user's rules file plus the built-in rules (file-backed; no engine access)."""

    def __init__(self, path: Path, builtin_path: Path | None = BUILTIN_RULES_FILE) -> None:
        self.path = Path(path)
        self.builtin_path = builtin_path

    @classmethod
    def for_settings(cls, settings: Settings) -> RuleStore:
        return cls(rules_file(settings))

    def builtin(self) -> list[Rule]:
        return _read(self.builtin_path) if self.builtin_path else []

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the rules lock (``rules.yaml.lock`` beside the file) while the file and the engine's
        registered rules change together: a worker starting meanwhile would otherwise read the file before
        a new rule is saved and unregister the rule just registered. Not re-entrant."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            handle = lock_path.open("a")
        except OSError:  # a read-only rules directory (a mounted file): nobody changes the rules here either
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def load(self) -> list[Rule]:
        """The user's own rules (without built-ins)."""
        return _read(self.path)

    def save(self, rules: Iterable[Rule]) -> None:
        """Write the user's rules atomically (temp file + rename)."""
        self._write({"rules": [r.model_dump(mode="json", exclude_defaults=False) for r in rules]})

    def list(self) -> list[Rule]:
        """Effective rules: built-ins overridden by user rules of the same name, then user rules."""
        user = {r.name: r for r in self.load()}
        out = [user.pop(r.name, r) for r in self.builtin()]
        return out + list(user.values())

    def get(self, name: str) -> Rule | None:
        return next((r for r in self.list() if r.name == name), None)

    def add(self, rule: Rule, replace: bool = False) -> None:
        rules = self.load()
        if not replace and any(r.name == rule.name for r in rules):
            raise RuleError(f"rule {rule.name} already exists (remove it first)")
        rules = [r for r in rules if r.name != rule.name] + [rule]
        if len(rules) > MAX_RULES:
            raise RuleError(f"too many rules (max {MAX_RULES})")
        self.save(rules)

    def remove(self, name: str) -> None:
        """Drop the rule ``name`` from the file without validating the others: a rule that no longer loads
        (edited by hand, or from an older version) can always be removed."""
        items = self._raw_items()
        kept = [item for item in items if not (isinstance(item, dict) and item.get("name") == name)]
        if len(kept) == len(items):
            if any(r.name == name for r in self.builtin()):
                raise RuleError(f"rule {name} is built in: add a rule {name} with enabled: false to switch it off")
            raise RuleError(f"no rule named {name}")
        self._write({"rules": kept})

    def _raw_items(self) -> list[Any]:
        if not self.path.exists():
            return []
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise RuleError(f"cannot read rules file {self.path}: {exc}") from exc
        items = data.get("rules", []) if isinstance(data, dict) else data
        return list(items) if isinstance(items, list) else []

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tmp.replace(self.path)
