"""The Kibana saved objects stay consistent with themselves and with the index templates.

A renamed mapping field or a deleted visualisation breaks a dashboard silently in Kibana; these checks
catch that at test time without a Kibana.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.resources import shipped

ROOT = Path(__file__).resolve().parents[1]
NDJSON = shipped("schemas", "kibana", "raqib.ndjson")  # what the installed package imports
TEMPLATES = {"raqib-articles": "articles", "raqib-alerts": "alerts"}
#: field types Kibana can aggregate and sort on (text cannot: no doc values, fielddata off)
AGGREGATABLE = {"keyword", "constant_keyword", "date", "date_nanos", "long", "integer", "short", "byte", "double",
                "float", "half_float", "scaled_float", "unsigned_long", "boolean", "ip"}
DATE_TYPES = {"date", "date_nanos"}


def _objects() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NDJSON.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fields(props: dict[str, Any], prefix: str = "") -> set[str]:
    """Every searchable field path of a mapping, including sub-fields (``title.exact``)."""
    out: set[str] = set()
    for name, spec in props.items():
        path = f"{prefix}{name}"
        if "properties" in spec:
            out |= _fields(spec["properties"], f"{path}.")
        else:
            out.add(path)
        for sub in spec.get("fields", {}):
            out.add(f"{path}.{sub}")
    return out


def _types(props: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Field path -> mapping type, sub-fields included (an object's path has type ``object``)."""
    out: dict[str, str] = {}
    for name, spec in props.items():
        path = f"{prefix}{name}"
        if "properties" in spec:
            out[path] = spec.get("type", "object")
            out.update(_types(spec["properties"], f"{path}."))
        else:
            out[path] = spec.get("type", "object")
        for sub, sub_spec in spec.get("fields", {}).items():
            out[f"{path}.{sub}"] = sub_spec.get("type", "object")
    return out


def _mapping(kind: str) -> dict[str, Any]:
    body = json.loads(shipped("schemas", "index", f"{kind}.template.json").read_text(encoding="utf-8"))
    return body["template"]["mappings"]["properties"]


def _mapping_fields(kind: str) -> set[str]:
    return _fields(_mapping(kind))


def _stack_version() -> tuple[int, ...]:
    """The Elastic stack version docker-compose runs (.env.example's STACK_VERSION)."""
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("STACK_VERSION="):
            return _version(line.split("=", 1)[1])
    raise AssertionError("STACK_VERSION missing from .env.example")


def _version(text: str) -> tuple[int, ...]:
    assert re.fullmatch(r"\d+\.\d+\.\d+", text), text
    return tuple(int(p) for p in text.split("."))


OBJECTS = _objects()
BY_ID = {(o["type"], o["id"]): o for o in OBJECTS}


def _data_view(obj: dict[str, Any]) -> str:
    (ref,) = [r for r in obj["references"] if r["type"] == "index-pattern"]
    return BY_ID[("index-pattern", ref["id"])]["attributes"]["title"]


def _kql_fields(query: str) -> set[str]:
    return set(re.findall(r"([\w.]+)\s*:", query))


def test_ids_are_unique_and_kibana8_format() -> None:
    assert len(BY_ID) == len(OBJECTS)
    for obj in OBJECTS:
        assert obj["coreMigrationVersion"].startswith("8."), obj["id"]
        assert isinstance(obj["references"], list)
    types = {o["type"] for o in OBJECTS}
    assert {"index-pattern", "search", "visualization", "dashboard"} <= types


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: o["id"])
def test_references_resolve(obj: dict[str, Any]) -> None:
    for ref in obj["references"]:
        assert (ref["type"], ref["id"]) in BY_ID, f"{obj['id']} -> missing {ref['type']} {ref['id']}"
    names = {r["name"] for r in obj["references"]}
    attrs = obj["attributes"]
    if "kibanaSavedObjectMeta" in attrs:
        source = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])
        if "indexRefName" in source:
            assert source["indexRefName"] in names
    if obj["type"] == "dashboard":
        panels = json.loads(attrs["panelsJSON"])
        assert panels and {p["panelRefName"] for p in panels} == names


def test_data_views_target_the_read_alias_and_a_mapped_time_field() -> None:
    views = {o["attributes"]["title"]: o for o in OBJECTS if o["type"] == "index-pattern"}
    assert set(views) == set(TEMPLATES)
    for title, obj in views.items():
        assert obj["attributes"]["timeFieldName"] in _mapping_fields(TEMPLATES[title])
    assert views["raqib-articles"]["attributes"]["timeFieldName"] == "published_at"


@pytest.mark.parametrize("obj", [o for o in OBJECTS if o["type"] in ("search", "visualization")],
                         ids=lambda o: o["id"])
def test_every_used_field_is_mapped(obj: dict[str, Any]) -> None:
    fields = _mapping_fields(TEMPLATES[_data_view(obj)])
    attrs = obj["attributes"]
    used = _kql_fields(json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"])
    if obj["type"] == "search":
        used |= set(attrs["columns"]) | {field for field, _ in attrs["sort"]}
    else:
        state = json.loads(attrs["visState"])
        used |= {agg["params"]["field"] for agg in state["aggs"] if "field" in agg["params"]}
    assert used and used <= fields, f"{obj['id']} uses unmapped {sorted(used - fields)}"


def _aggregated_fields(obj: dict[str, Any]) -> dict[str, str]:
    """Field -> how the object uses it in a way that needs doc values (aggregation type, or ``sort``)."""
    attrs = obj["attributes"]
    if obj["type"] == "search":
        return {field: "sort" for field, _ in attrs["sort"]}
    state = json.loads(attrs["visState"])
    return {agg["params"]["field"]: agg["type"] for agg in state["aggs"] if "field" in agg["params"]}


@pytest.mark.parametrize("obj", [o for o in OBJECTS if o["type"] in ("search", "visualization")],
                         ids=lambda o: o["id"])
def test_aggregated_and_sorted_fields_have_a_type_that_supports_it(obj: dict[str, Any]) -> None:
    types = _types(_mapping(TEMPLATES[_data_view(obj)]))
    used = _aggregated_fields(obj)
    assert obj["type"] == "search" or used, obj["id"]
    for field, use in used.items():
        wanted = DATE_TYPES if use == "date_histogram" else AGGREGATABLE
        assert types.get(field) in wanted, f"{obj['id']}: {use} on {field} of type {types.get(field)}"


def test_type_check_rejects_an_aggregation_on_text() -> None:
    """The check above would catch a terms aggregation moved onto an analysed text field."""
    types = _types(_mapping("articles"))
    assert types["title"] == "text" and types["title"] not in AGGREGATABLE
    assert types["published_at"] in DATE_TYPES


def test_time_fields_are_dates() -> None:
    for obj in (o for o in OBJECTS if o["type"] == "index-pattern"):
        types = _types(_mapping(TEMPLATES[obj["attributes"]["title"]]))
        assert types[obj["attributes"]["timeFieldName"]] in DATE_TYPES, obj["id"]


def test_objects_carry_the_migration_versions_kibana8_expects() -> None:
    """Kibana 8.8+ reads ``coreMigrationVersion`` and per-type ``typeMigrationVersion`` (older exports used
    ``migrationVersion``); a version newer than the stack's Kibana makes the import fail."""
    stack = _stack_version()
    assert stack[0] == 8
    for obj in OBJECTS:
        core = _version(obj["coreMigrationVersion"])
        type_version = obj.get("typeMigrationVersion") or obj.get("migrationVersion", {}).get(obj["type"])
        assert type_version, f"{obj['id']} has no typeMigrationVersion"
        assert (8, 0, 0) <= core <= stack, obj["id"]
        assert _version(type_version) <= core, obj["id"]


def test_withdrawal_search_filters_on_the_subject() -> None:
    obj = BY_ID[("search", "raqib-search-withdrawal")]
    query = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
    assert query == "subjects:military_withdrawal"


def test_dashboards_query_mapped_fields_and_panels_fit_the_stack() -> None:
    """A dashboard's own query and filters apply to every panel: their fields must exist in the mappings;
    panel versions newer than the stack's Kibana would not load."""
    mapped = _mapping_fields("articles") | _mapping_fields("alerts")
    stack = _stack_version()
    dashboards = [o for o in OBJECTS if o["type"] == "dashboard"]
    assert dashboards
    for obj in dashboards:
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        used = _kql_fields(source.get("query", {}).get("query", ""))
        used |= {f["meta"]["key"] for f in source.get("filter", []) if f.get("meta", {}).get("key")}
        assert used <= mapped, f"{obj['id']} filters on unmapped {sorted(used - mapped)}"
        for panel in json.loads(obj["attributes"]["panelsJSON"]):
            assert _version(panel["version"]) <= stack, panel
