"""JSON Schemas for the Kafka messages, generated from pipeline.models (the single source).

`raqib schemas write` regenerates them; tests/test_schemas.py fails when a file drifts from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.models import SCHEMA_VERSION, TOPIC_MODELS


def schema_for(name: str) -> dict[str, Any]:
    schema = TOPIC_MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://raqib.dev/schemas/{name}.v{SCHEMA_VERSION}.schema.json"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


def schema_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.v{SCHEMA_VERSION}.schema.json"


def render(name: str) -> str:
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TOPIC_MODELS:
        path = schema_path(folder, name)
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
