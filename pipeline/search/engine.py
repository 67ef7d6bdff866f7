"""One thin layer over the two search clients (OpenSearch 2 and Elasticsearch 8).

Everything above this module sends the same REST bodies to either engine; the differences between
``opensearch-py`` and ``elasticsearch-py`` (keyword names, exception classes) stay here so that callers
catch only :class:`SearchError` and its subclasses. Callers never call a client method themselves: the ES 8
client takes no ``params=`` and ES 8 refuses wildcard deletes (README, "Elasticsearch 8 and OpenSearch 2").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import elasticsearch
import opensearchpy

from pipeline.errors import BadRequest, NotFound, SearchConnectionError, SearchError
from pipeline.settings import Settings

__all__ = ["BadRequest", "NotFound", "SearchConnectionError", "SearchError"]  # the engine's errors, re-exported

Client = opensearchpy.OpenSearch | elasticsearch.Elasticsearch

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: highlighting stops after this many characters of a field instead of failing the whole search (both engines
#: refuse a field longer than ``index.highlight.max_analyzed_offset``, 1,000,000 by default); the request key is
#: ``max_analyzed_offset`` on Elasticsearch and ``max_analyzer_offset`` on OpenSearch 2.2+
HIGHLIGHT_MAX_OFFSET = 999_999


class BulkError(NamedTuple):
    id: str | None
    index: str | None
    status: int
    reason: str


class BulkResult(NamedTuple):
    """Outcome of one bulk request: callers commit ``ok_ids`` and retry only when ``retryable``."""

    ok_ids: list[str]
    errors: list[BulkError]
    retryable: bool


def _is_es(client: Client) -> bool:
    return isinstance(client, elasticsearch.Elasticsearch)


def make_client(settings: Settings) -> Client:
    """Build the client for ``settings.search_engine`` with auth and TLS from settings."""
    auth: tuple[str, str] | None = None
    if settings.search_username:
        password = settings.search_password.get_secret_value() if settings.search_password else ""
        auth = (settings.search_username, password)
    common: dict[str, Any] = {"verify_certs": settings.search_verify_certs, "retry_on_timeout": True}
    if settings.search_ca_certs:
        common["ca_certs"] = settings.search_ca_certs
    if settings.search_engine == "elasticsearch":
        return elasticsearch.Elasticsearch(settings.search_url, basic_auth=auth, request_timeout=30, **common)
    return opensearchpy.OpenSearch(
        hosts=[settings.search_url], http_auth=auth, timeout=30, ssl_show_warn=False, **common
    )


def _reason(info: Any) -> str:
    """Pull the most useful human-readable reason out of an engine error body."""
    if isinstance(info, Mapping):
        err = info.get("error", info)
        if isinstance(err, Mapping):
            parts: list[str] = []
            causes = err.get("root_cause") or []
            if causes and isinstance(causes[0], Mapping) and causes[0].get("reason"):
                parts.append(str(causes[0]["reason"]))
            elif err.get("reason"):
                parts.append(str(err["reason"]))
            caused_by = err.get("caused_by")
            while isinstance(caused_by, Mapping):
                if caused_by.get("reason"):
                    parts.append(str(caused_by["reason"]))
                caused_by = caused_by.get("caused_by")
            if parts:
                return "; ".join(dict.fromkeys(parts))
        return str(err)
    return str(info)


def _translate(exc: Exception) -> SearchError:
    """Map either client's exception onto our small hierarchy."""
    if isinstance(exc, (opensearchpy.ConnectionError, elasticsearch.ConnectionError)) or (
        isinstance(exc, elasticsearch.TransportError) and not isinstance(exc, elasticsearch.ApiError)
    ):  # elastic_transport timeouts are TransportErrors without an HTTP status
        return SearchConnectionError(f"cannot reach the search engine: {exc}")
    if isinstance(exc, opensearchpy.TransportError):
        status = exc.status_code if isinstance(exc.status_code, int) else None
        info: Any = exc.info
    elif isinstance(exc, elasticsearch.ApiError):
        status, info = exc.meta.status, exc.body
    else:
        return SearchError(str(exc))
    message = _reason(info)
    if status == 400:
        return BadRequest(message, status, info)
    if status == 404:
        return NotFound(message, status, info)
    return SearchError(message, status, info)


_CLIENT_ERRORS = (opensearchpy.OpenSearchException, elasticsearch.ApiError, elasticsearch.TransportError)


def ping(client: Client) -> bool:
    """True when the engine answers; never raises (used by health checks and the CLI)."""
    try:
        return bool(client.ping())
    except Exception:  # noqa: BLE001 - a health probe must not raise
        return False


def put_index_template(client: Client, name: str, body: Mapping[str, Any]) -> None:
    """Create or replace a composable index template (``PUT _index_template/<name>``)."""
    try:
        client.indices.put_index_template(name=name, body=dict(body))
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc


def index_exists(client: Client, index: str) -> bool:
    try:
        return bool(client.indices.exists(index=index))
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc


def create_index(client: Client, index: str, body: Mapping[str, Any] | None = None) -> bool:
    """Create ``index`` (settings from ``body`` or the matching template); False if it already existed."""
    try:
        if body is None:
            client.indices.create(index=index)
        else:
            client.indices.create(index=index, body=dict(body))
        return True
    except _CLIENT_ERRORS as exc:
        err = _translate(exc)
        if isinstance(err, BadRequest) and "already_exists" in json.dumps(err.info or {}):
            return False
        raise err from exc


def delete_indices(client: Client, pattern: str) -> None:
    """Delete indices matching ``pattern`` (names, wildcards or an alias); a missing index is not an error.

    The pattern is resolved to concrete names first: Elasticsearch 8 refuses wildcard deletes by default
    (``action.destructive_requires_name: true``) and both engines refuse deleting through an alias.
    """
    try:
        found = client.indices.get(index=pattern, ignore_unavailable=True, allow_no_indices=True,
                                   expand_wildcards="open,closed")
        names = sorted(_body(found))
        for start in range(0, len(names), 50):  # keeps the URL short
            client.indices.delete(index=",".join(names[start:start + 50]), ignore_unavailable=True)
    except _CLIENT_ERRORS as exc:
        err = _translate(exc)
        if not isinstance(err, NotFound):
            raise err from exc


def delete_index_template(client: Client, name: str) -> None:
    try:
        client.indices.delete_index_template(name=name)
    except _CLIENT_ERRORS as exc:
        err = _translate(exc)
        if not isinstance(err, NotFound):
            raise err from exc


def refresh(client: Client, index: str) -> None:
    try:
        client.indices.refresh(index=index)
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc


def analyze(client: Client, index: str, analyzer: str, text: str) -> list[str]:
    """Tokens the engine produces for ``text`` with a named analyzer of ``index`` (tests and debugging)."""
    try:
        resp = client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc
    return [t["token"] for t in _body(resp)["tokens"]]


def index_document(client: Client, index: str, doc_id: str, body: Mapping[str, Any], refresh: bool = False) -> None:
    """Index one document under ``doc_id`` (percolator rules); ``refresh`` makes it visible at once."""
    try:
        if _is_es(client):
            client.index(index=index, id=doc_id, document=dict(body), refresh="true" if refresh else "false")
        else:
            client.index(index=index, id=doc_id, body=dict(body), params={"refresh": "true" if refresh else "false"})
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc


def validate_query(client: Client, index: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """``_validate/query?explain`` for ``{"query": ...}``: the engine's verdict and reasons (no raise on invalid)."""
    try:
        if _is_es(client):
            resp = client.indices.validate_query(index=index, query=dict(query["query"]), explain=True)
        else:
            resp = client.indices.validate_query(index=index, body=dict(query), params={"explain": "true"})
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc
    return _body(resp)


def _body(resp: Any) -> dict[str, Any]:
    """ES 8 returns ObjectApiResponse, OpenSearch a dict: give callers a plain dict."""
    return dict(resp.body) if hasattr(resp, "body") else dict(resp)


def search(client: Client, index: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """Run ``POST <index>/_search`` with a raw body; errors become :class:`SearchError` subclasses."""
    try:
        resp = client.search(index=index, body=_bounded_highlight(client, body))
    except _CLIENT_ERRORS as exc:
        raise _translate(exc) from exc
    return _body(resp)


def _bounded_highlight(client: Client, body: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` with the per-request highlight bound, in the spelling of the engine the client talks to."""
    highlight = body.get("highlight")
    if not isinstance(highlight, Mapping):
        return dict(body)
    key = "max_analyzed_offset" if _is_es(client) else "max_analyzer_offset"
    return {**body, "highlight": {key: HIGHLIGHT_MAX_OFFSET, **highlight}}


def _ndjson(actions: Iterable[Mapping[str, Any]]) -> tuple[str, int]:
    """Serialise actions ({_op_type?, _index, _id, _source}) to the bulk NDJSON body."""
    lines: list[str] = []
    count = 0
    for action in actions:
        op = action.get("_op_type", "index")
        meta = {"_index": action["_index"]}
        if action.get("_id") is not None:
            meta["_id"] = str(action["_id"])
        lines.append(json.dumps({op: meta}, ensure_ascii=False))
        if op != "delete":
            source = action["_source"]
            if op == "update":
                source = {"doc": source, "doc_as_upsert": True}
            lines.append(json.dumps(source, ensure_ascii=False, default=str))
        count += 1
    return ("\n".join(lines) + "\n") if lines else "", count


def bulk(client: Client, actions: Iterable[Mapping[str, Any]], refresh: bool = False) -> BulkResult:
    """Send one bulk request and report per-document outcomes.

    ``actions`` are dicts with ``_index``, ``_id``, ``_source`` and optional ``_op_type`` (index, create,
    update = partial doc upsert, delete). A whole-request failure the engine may recover from (timeout,
    429, 5xx, connection) is reported as all-failed and ``retryable``; other request errors raise.
    """
    actions = list(actions)
    body, count = _ndjson(actions)
    if not count:
        return BulkResult([], [], False)
    kwargs: dict[str, Any] = {"refresh": "true" if refresh else "false"}
    try:
        if _is_es(client):
            resp = client.bulk(operations=body, **kwargs)
        else:
            resp = client.bulk(body=body, params=kwargs)
    except _CLIENT_ERRORS as exc:
        err = _translate(exc)
        if isinstance(err, SearchConnectionError) or (err.status in RETRYABLE_STATUSES):
            errors = [BulkError(a.get("_id"), a.get("_index"), err.status or 503, str(err)) for a in actions]
            return BulkResult([], errors, True)
        raise err from exc
    data = _body(resp)
    ok_ids: list[str] = []
    errors: list[BulkError] = []
    for item in data.get("items", []):
        ((_, result),) = item.items()
        status = int(result.get("status", 500))
        if "error" in result:
            errors.append(BulkError(result.get("_id"), result.get("_index"), status, _reason(result["error"])))
        else:
            ok_ids.append(result.get("_id"))
    retryable = any(e.status in RETRYABLE_STATUSES for e in errors)
    return BulkResult(ok_ids, errors, retryable)


def count(client: Client, index: str) -> int:
    """Number of documents in ``index`` (an alias or pattern); a missing index counts 0."""
    try:
        if _is_es(client):
            resp = client.count(index=index, ignore_unavailable=True, allow_no_indices=True)
        else:
            resp = client.count(index=index, params={"ignore_unavailable": "true", "allow_no_indices": "true"})
    except _CLIENT_ERRORS as exc:
        err = _translate(exc)
        if isinstance(err, NotFound):
            return 0
        raise err from exc
    return int(_body(resp)["count"])


def document_ids(client: Client, index: str, limit: int = 10_000) -> list[str]:
    """Every ``_id`` in ``index`` (one per stored copy, so a duplicate in two indices shows twice)."""
    body = {"query": {"match_all": {}}, "_source": False, "size": limit, "sort": ["_doc"]}
    try:
        hits = search(client, index, body)["hits"]["hits"]
    except NotFound:
        return []
    return [hit["_id"] for hit in hits]
