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

ROOT = Path(__file__).resolve().parents[1]
NDJSON = ROOT / "schemas" / "kibana" / "raqib.ndjson"
TEMPLATES = {"raqib-articles": "articles", "raqib-alerts": "alerts"}


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


def _mapping_fields(kind: str) -> set[str]:
    body = json.loads((ROOT / "schemas" / "index" / f"{kind}.template.json").read_text(encoding="utf-8"))
    return _fields(body["template"]["mappings"]["properties"])


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


def test_withdrawal_search_filters_on_the_subject() -> None:
    obj = BY_ID[("search", "raqib-search-withdrawal")]
    query = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
    assert query == "subjects:military_withdrawal"
