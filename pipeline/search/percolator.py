"""Alert rules in the search engine: registered as percolator queries, matched against each article.

Matching uses the engine's percolator so that rules are analysed exactly like articles (same Arabic
analysis block as the articles template). Nested documents do not percolate well, so an article is
percolated as flat documents: one per statement (``kind: statement``, its quote as ``text``) and one for
the article itself (``kind: article``); ``statements_only`` rules only ever match the statement documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.alerts.rules import MAX_RULES, Rule, RuleStore
from pipeline.errors import QuerySyntaxError, RuleError
from pipeline.models import ArticleEnriched
from pipeline.search import engine, templates
from pipeline.search.query import check_query_cost, query_string_clause
from pipeline.settings import Settings

#: the search fields (``.clitic`` sub-fields included: "انسحاب" meets "بانسحاب") plus the speaker
RULE_FIELDS = ["title^3", "lead^2", "text", "speaker", "title.clitic^1.5", "text.clitic^0.5", "speaker.clitic^0.5"]


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
    return engine.create_index(client, index, percolator_body(settings))


def _terms(field: str, values: list[str]) -> dict[str, Any]:
    return {"terms": {field: list(values)}}


def rule_to_query(rule: Rule) -> dict[str, Any]:
    """The percolator query of a rule: the search-syntax text (shared with ``raqib search``) plus filters.

    Unlike a search, every word of the rule is required (an alert on "انسحاب القوات" must not fire on
    every article saying "القوات"); a rule that wants any of its words says so: ``انسحاب OR رحيل``.
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
    if text:
        try:
            check_query_cost(text)  # the bounds of `raqib search`; syntax errors come with the engine's reason
        except QuerySyntaxError as exc:
            raise RuleError(f"rule {rule.name}: {exc}") from exc
    must = [query_string_clause(text, RULE_FIELDS, "and")] if text else [{"match_all": {}}]
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
        data = engine.validate_query(client, percolator_index(settings), {"query": rule_to_query(rule)})
    except engine.BadRequest as exc:
        raise _refused(rule, exc) from exc
    if not data.get("valid", False):
        reasons = [e.get("error", "") for e in data.get("explanations", []) if e.get("error")]
        raise _refused(rule, "; ".join(reasons) or data.get("error") or "invalid query")


def register_rule(client: engine.Client, settings: Settings, rule: Rule) -> None:
    """Index one rule as a percolator query (``_id`` = name). The engine checks the query against the
    rules index mapping here (an unknown field is refused), which ``_validate/query`` does not: ``raqib
    rules add`` registers a rule before saving it, so a rule the engine refuses is never saved."""
    ensure_percolator_index(client, settings)
    try:
        engine.index_document(client, percolator_index(settings), rule.name, _rule_doc(rule), refresh=True)
    except engine.BadRequest as exc:
        raise _refused(rule, exc) from exc


def register_rules(client: engine.Client, settings: Settings, rules: Iterable[Rule]) -> list[str]:
    """Index enabled rules as percolator queries (``_id`` = name); drop registered rules not among them.

    Returns the registered names. A rule whose query the engine refuses is skipped (and unregistered),
    the others are registered all the same; then :class:`RuleError` names the refused ones.
    """
    ensure_percolator_index(client, settings)
    index = percolator_index(settings)
    registered: list[str] = []
    refused: list[str] = []
    for rule in (r for r in rules if r.enabled):
        try:
            register_rule(client, settings, rule)
            registered.append(rule.name)
        except RuleError as exc:
            refused.append(str(exc))
    keep = set(registered)
    stale = [n for n in registered_rules(client, settings) if n not in keep]
    if stale:
        engine.bulk(client, [{"_op_type": "delete", "_index": index, "_id": n} for n in stale], refresh=True)
    if refused:
        raise RuleError("; ".join(refused) + f" ({len(registered)} other rule(s) registered)")
    return registered


def sync_rules(client: engine.Client, settings: Settings, store: RuleStore) -> list[str]:
    """Register the rules file as it is now (``register_rules``), under the rules lock so that a rule being
    added meanwhile is either in the file read here or registered after this (see ``RuleStore.locked``)."""
    with store.locked():
        return register_rules(client, settings, store.list())


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
