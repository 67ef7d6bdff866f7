"""Index layout: templates, monthly article indices behind a read alias, and the indexed document shape.

Articles go to ``{prefix}-articles-YYYY.MM`` (month of ``published_at``, else ``fetched_at``) so old months
can be closed or deleted cheaply; readers always use the alias ``{prefix}-articles``. The template JSON
lives in ``schemas/index/`` (reviewable, shipped as package data, used by the Kibana tests); the
spelling-variant list is inlined into it at setup time so that no file is needed on the engine's host.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.models import Alert, ArticleEnriched
from pipeline.resources import shipped
from pipeline.search import engine
from pipeline.settings import Settings
from pipeline.text.normalise import PROCLITICS_ALL, PROCLITICS_EXACT_SEARCH

TEMPLATE_DIR = shipped("schemas", "index")
VARIANTS_FILE = shipped("pipeline", "data", "search", "variants.txt")

EXACT_SUFFIXES = ("", "ة", "ين", "ون", "ان", "ات")
#: letters a word keeps after its proclitics are split off in the ``.clitic`` sub-fields (Arabic roots have
#: three): "بغداد" also gives "غداد", "بها" stays whole
CLITIC_MIN_REST = 3
ENTITY_FIELDS = {"PERS": "persons", "ORG": "organizations", "LOC": "locations", "MISC": "misc"}
_FUTURE_SLACK = timedelta(days=2)


def load_variants(path: Path = VARIANTS_FILE) -> list[str]:
    """Synonym rules (Solr format, ``a, b, c``) from the variants file; comments and blanks skipped."""
    rules: list[str] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        terms = [t.strip() for t in line.split(",") if t.strip()]
        if len(terms) < 2 or "=>" in line:
            raise ValueError(f"{path}:{n}: expected at least two comma-separated variants, got {raw!r}")
        rules.append(", ".join(terms))
    return rules


def _is_arabic_word(term: str) -> bool:
    return " " not in term and any("\u0600" <= ch <= "\u06ff" for ch in term)


def exact_variants(rules: list[str]) -> list[str]:
    """Variant rules for the unstemmed fields: one-word Arabic groups again with clitics and suffixes.

    The stemmed fields need none of this (the rules are stemmed like the text); a few hundred extra
    rules are cheap for the engine.
    """
    out = list(rules)
    for rule in rules:
        terms = [t for t in rule.split(", ") if _is_arabic_word(t)]
        if len(terms) < 2:
            continue
        for prefix in PROCLITICS_EXACT_SEARCH:  # "الأميركي" is one token in .exact
            for suffix in EXACT_SUFFIXES:
                if prefix or suffix:
                    out.append(", ".join(prefix + t + suffix for t in terms))
    return out


def proclitic_pattern(proclitics: tuple[str, ...] = PROCLITICS_ALL, min_rest: int = CLITIC_MIN_REST) -> str:
    """The regex (Java syntax) cutting one proclitic chain (و ف ب ل ك, with or without ال) off a token.

    The ``.clitic`` sub-fields of title and text index every token cut, so a query for "صواريخ" or
    "مقاتل" meets "بصواريخ" and "لمقاتل"; the whole token is in the main field beside it. Queries are
    analysed as in the main fields, uncut, so a word that merely starts with one of the letters
    ("بريطانيا") is looked up whole, and the cut form an index holds for it ("ريطانيا") is only met by a
    query for that form. Longest chain first.
    """
    chains = sorted((p for p in proclitics if p), key=len, reverse=True)
    return f"^(?:{'|'.join(chains)})(?=.{{{min_rest}}})"


@lru_cache(maxsize=4)
def _raw_template(name: str) -> str:
    return (TEMPLATE_DIR / f"{name}.template.json").read_text(encoding="utf-8")


def load_template(name: str) -> dict[str, Any]:
    """The template body exactly as stored (with ``__PREFIX__``/``__ALIAS__`` placeholders)."""
    return json.loads(_raw_template(name))


def render_template(name: str, settings: Settings, variants: list[str] | None = None) -> dict[str, Any]:
    """Template body ready to PUT: placeholders filled and variant rules inlined."""
    body = copy.deepcopy(load_template(name))
    body["index_patterns"] = [p.replace("__PREFIX__", settings.index_prefix) for p in body["index_patterns"]]
    tmpl = body["template"]
    if "aliases" in tmpl:
        tmpl["aliases"] = {
            k.replace("__ALIAS__", settings.articles_alias): v for k, v in tmpl["aliases"].items()
        }
    rules = load_variants() if variants is None else variants
    for fname, filt in tmpl.get("settings", {}).get("analysis", {}).get("filter", {}).items():
        if filt.get("synonyms") == ["__VARIANTS__"]:
            filt["synonyms"] = exact_variants(rules) if fname.endswith("_exact") else list(rules)
        if filt.get("pattern") == "__PROCLITICS__":
            filt["pattern"] = proclitic_pattern()
    return body


def template_name(settings: Settings, kind: str) -> str:
    return f"{settings.index_prefix}-{kind}"


def alerts_index(settings: Settings) -> str:
    return f"{settings.index_prefix}-alerts"


def articles_index_for_month(settings: Settings, when: datetime) -> str:
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return f"{settings.index_prefix}-articles-{when:%Y.%m}"


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def index_for(doc: ArticleEnriched | dict[str, Any], settings: Settings) -> str:
    """Monthly index an article is written to: month of publication, else of fetching.

    A publication date in the future (bad feed metadata) falls back to the fetch date so that stray
    dates do not create indices for years that have not happened.
    """
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    fetched = _as_datetime(get("fetched_at")) or datetime.now(UTC)
    published = _as_datetime(get("published_at"))
    if published is not None:
        published = published if published.tzinfo else published.replace(tzinfo=UTC)
        if published <= datetime.now(UTC) + _FUTURE_SLACK:
            return articles_index_for_month(settings, published)
    return articles_index_for_month(settings, fetched)


def to_document(article: ArticleEnriched, indexed_at: datetime | None = None) -> dict[str, Any]:
    """The stored document: the enriched article plus per-type entity arrays for aggregations.

    Entity names are de-duplicated per type (an article mentioning a person ten times counts once in
    "top persons"), keeping first-mention order.
    """
    doc = article.model_dump(mode="json")
    for field in ENTITY_FIELDS.values():
        doc[field] = []
    for ent in article.entities:
        values = doc[ENTITY_FIELDS[ent.type]]
        name = ent.canonical or ent.text
        if name and name not in values:
            values.append(name)
    doc["indexed_at"] = (indexed_at or datetime.now(UTC)).isoformat()
    return doc


def alert_to_document(alert: Alert, indexed_at: datetime | None = None) -> dict[str, Any]:
    doc = alert.model_dump(mode="json")
    doc["indexed_at"] = (indexed_at or datetime.now(UTC)).isoformat()
    return doc


def setup(client: engine.Client, settings: Settings, now: datetime | None = None) -> dict[str, Any]:
    """Install both templates and create the current month's article index and the alerts index.

    Idempotent: templates are replaced (new settings apply to indices created afterwards) and existing
    indices are left alone. Returns what was done, for the CLI to print.
    """
    variants = load_variants()
    engine.put_index_template(client, template_name(settings, "articles"),
                              render_template("articles", settings, variants))
    engine.put_index_template(client, template_name(settings, "alerts"),
                              render_template("alerts", settings, variants))
    current = articles_index_for_month(settings, now or datetime.now(UTC))
    created = [name for name in (current, alerts_index(settings)) if engine.create_index(client, name)]
    return {
        "templates": [template_name(settings, "articles"), template_name(settings, "alerts")],
        "created": created,
        "current_index": current,
        "alias": settings.articles_alias,
        "variants": len(variants),
    }
