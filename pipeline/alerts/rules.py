"""Alert rules: a YAML file of watched queries, registered as percolator queries in the search engine.

A rule is a query in the same syntax as ``raqib search`` plus exact filters (subjects, entities, outlets,
topics). Rules live in ``settings.home / "rules.yaml"`` (or ``RAQIB_RULES_FILE``) on top of the built-in
rules of ``pipeline/data/rules.yaml``; a user rule of the same name overrides a built-in one (use it with
``enabled: false`` to switch a built-in rule off).

Matching uses the engine's percolator so that rules are analysed exactly like articles (same Arabic
analysis block as the articles template). Nested documents do not percolate well, so an article is
percolated as flat documents: one per statement (``kind: statement``, its quote as ``text``) and one for
the article itself (``kind: article``); ``statements_only`` rules only ever match the statement documents.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.models import ArticleEnriched
from pipeline.search import engine, templates
from pipeline.search.query import _query_string
from pipeline.settings import Settings

BUILTIN_RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "rules.yaml"
RULE_FIELDS = ["title^3", "lead^2", "text", "speaker"]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_RULES = 10_000


class RuleError(ValueError):
    """A rule is invalid (bad name, bad fields, or a query the engine refuses: ``reason`` says why)."""


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
        if not _NAME.match(v):
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
    except (OSError, yaml.YAMLError) as exc:
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

    def load(self) -> list[Rule]:
        """The user's own rules (without built-ins)."""
        return _read(self.path)

    def save(self, rules: Iterable[Rule]) -> None:
        """Write the user's rules atomically (temp file + rename)."""
        data = {"rules": [r.model_dump(mode="json", exclude_defaults=False) for r in rules]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tmp.replace(self.path)

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
        rules = self.load()
        if not any(r.name == name for r in rules):
            if any(r.name == name for r in self.builtin()):
                raise RuleError(f"rule {name} is built in: add a rule {name} with enabled: false to switch it off")
            raise RuleError(f"no rule named {name}")
        self.save([r for r in rules if r.name != name])


# --- percolator -----------------------------------------------------------------------------------

def percolator_index(settings: Settings) -> str:
    return f"{settings.index_prefix}-rules"


def percolator_body(settings: Settings, variants: list[str] | None = None) -> dict[str, Any]:
    """Index body for the rules index: the articles template's analysis and text mappings, plus flat fields."""
    articles = templates.render_template("articles", settings, variants)["template"]
    props = articles["mappings"]["properties"]
    keyword = {"type": "keyword"}
    return {
        "settings": {
            "number_of_shards": 1,
            "auto_expand_replicas": "0-1",
            "analysis": articles["settings"]["analysis"],
        },
        "mappings": {
            "dynamic": False,
            "properties": {
                "query": {"type": "percolator"},
                "rule": keyword,
                "kind": keyword,
                "title": props["title"],
                "lead": props["lead"],
                "text": props["text"],
                "speaker": props["title"],  # same analysis (and .exact) so every query field is mapped
                "speaker_canonical": keyword,
                "subjects": keyword,
                "outlet": keyword,
                "topics": keyword,
                "entities": keyword,
            },
        },
    }


def ensure_percolator_index(client: engine.Client, settings: Settings) -> bool:
    """Create the rules index when missing; True when it was created."""
    index = percolator_index(settings)
    if engine.index_exists(client, index):
        return False
    try:
        client.indices.create(index=index, body=percolator_body(settings))
    except engine._CLIENT_ERRORS as exc:
        err = engine._translate(exc)
        if isinstance(err, engine.BadRequest) and "already_exists" in str(err.info):
            return False
        raise err from exc
    return True


def _terms(field: str, values: list[str]) -> dict[str, Any]:
    return {"terms": {field: list(values)}}


def rule_to_query(rule: Rule) -> dict[str, Any]:
    """The percolator query of a rule: the search-syntax text (shared with ``raqib search``) plus filters.

    Several values of one filter match any of them; different filters must all match.
    """
    filters: list[dict[str, Any]] = []
    if rule.statements_only:
        filters.append({"term": {"kind": "statement"}})
    if rule.subjects:
        filters.append(_terms("subjects", rule.subjects))
    if rule.outlets:
        filters.append(_terms("outlet", rule.outlets))
    if rule.topics:
        filters.append(_terms("topics", rule.topics))
    if rule.entities:
        filters.append({"bool": {"should": [_terms("entities", rule.entities),
                                            _terms("speaker_canonical", rule.entities)],
                                 "minimum_should_match": 1}})
    text = rule.query.strip()
    must = [_query_string(text, RULE_FIELDS)] if text else [{"match_all": {}}]
    return {"bool": {"must": must, "filter": filters}}


def _rule_doc(rule: Rule) -> dict[str, Any]:
    return {"query": rule_to_query(rule), "rule": rule.name}


def short_reason(reason: str, limit: int = 300) -> str:
    """The useful part of a query parser error (``Cannot parse '...': ...`` up to the expected-token list)."""
    text = str(reason)
    start = text.find("Cannot parse")
    if start >= 0:
        text = text[start:]
    text = text.split("\n", 1)[0].split("; nested:", 1)[0].strip()
    return text[:limit]


def _refused(rule: Rule, reason: object) -> RuleError:
    return RuleError(f"the search engine refused the query of rule {rule.name} ({rule.query!r}): "
                     f"{short_reason(str(reason))}")


def validate_rule(client: engine.Client, settings: Settings, rule: Rule) -> None:
    """Ask the engine whether the rule's query parses (``_validate/query`` on the rules index).

    Raises :class:`RuleError` with the engine's reason, or :class:`engine.SearchConnectionError`.
    """
    ensure_percolator_index(client, settings)
    try:
        resp = client.indices.validate_query(index=percolator_index(settings),
                                             body={"query": rule_to_query(rule)}, params={"explain": "true"})
    except engine._CLIENT_ERRORS as exc:
        err = engine._translate(exc)
        if isinstance(err, engine.BadRequest):
            raise _refused(rule, err) from exc
        raise err from exc
    data = engine._body(resp)
    if not data.get("valid", False):
        reasons = [e.get("error", "") for e in data.get("explanations", []) if e.get("error")]
        raise _refused(rule, "; ".join(reasons) or data.get("error") or "invalid query")


def register_rules(client: engine.Client, settings: Settings, rules: Iterable[Rule]) -> list[str]:
    """Index enabled rules as percolator queries (``_id`` = name); drop registered rules not among them.

    Returns the registered names. A query the engine refuses raises :class:`RuleError` (nothing of that
    rule is registered; rules before it are).
    """
    ensure_percolator_index(client, settings)
    index = percolator_index(settings)
    enabled = [r for r in rules if r.enabled]
    for rule in enabled:
        try:
            client.index(index=index, id=rule.name, body=_rule_doc(rule), params={"refresh": "true"})
        except engine._CLIENT_ERRORS as exc:
            err = engine._translate(exc)
            if isinstance(err, engine.BadRequest):
                raise _refused(rule, err) from exc
            raise err from exc
    keep = {r.name for r in enabled}
    stale = [n for n in registered_rules(client, settings) if n not in keep]
    if stale:
        engine.bulk(client, [{"_op_type": "delete", "_index": index, "_id": n} for n in stale], refresh=True)
    return [r.name for r in enabled]


def registered_rules(client: engine.Client, settings: Settings) -> list[str]:
    resp = engine.search(client, percolator_index(settings),
                         {"size": MAX_RULES, "_source": False, "query": {"match_all": {}}})
    return [h["_id"] for h in resp.get("hits", {}).get("hits", [])]


def percolate_documents(article: ArticleEnriched) -> list[dict[str, Any]]:
    """Flat documents of an article: one per statement (slot i = statement i), then the article itself."""
    entities = sorted({n for e in article.entities for n in (e.canonical, e.text) if n})
    topics = [t.id for t in article.topics]
    common = {"outlet": article.outlet, "topics": topics, "entities": entities}
    docs: list[dict[str, Any]] = []
    for st in article.statements:
        docs.append({
            **common,
            "kind": "statement",
            "text": st.quote,
            "speaker": st.speaker.text if st.speaker else "",
            "speaker_canonical": st.speaker.canonical if st.speaker else "",
            "subjects": list(st.subjects),
        })
    docs.append({**common, "kind": "article", "title": article.title, "lead": article.lead,
                 "text": article.text, "subjects": list(article.subjects)})
    return docs


def match_rules(client: engine.Client, settings: Settings, article: ArticleEnriched) -> list[tuple[str, int | None]]:
    """Rules matching the article: ``(rule, statement index)``, or ``(rule, None)`` for an article-level match.

    One percolate request for all the article's documents. A rule matching statements is reported per
    statement only (its article-level match adds nothing); otherwise once with ``None``.
    """
    docs = percolate_documents(article)
    article_slot = len(docs) - 1
    body = {
        "size": MAX_RULES,
        "_source": ["rule"],
        "query": {"percolate": {"field": "query", "documents": docs}},
    }
    resp = engine.search(client, percolator_index(settings), body)
    out: list[tuple[str, int | None]] = []
    for hit in resp.get("hits", {}).get("hits", []):
        name = hit["_id"]
        slots = sorted(hit.get("fields", {}).get("_percolator_document_slot", []))
        statement_slots = [s for s in slots if s != article_slot]
        if statement_slots:
            out.extend((name, s) for s in statement_slots)
        elif article_slot in slots:
            out.append((name, None))
    return sorted(out, key=lambda x: (x[0], -1 if x[1] is None else x[1]))
