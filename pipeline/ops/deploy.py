"""Deployment helpers for the docker-compose path: Kibana saved objects and the engine's writer role.

`raqib kibana import` loads schemas/kibana/*.ndjson through Kibana's saved-objects API;
`raqib deploy-setup` (the compose one-shot) creates a least-privilege role and user for raqib's
processes on Elasticsearch (security on), then the index templates.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from pipeline.errors import ConfigurationError, ServiceUnavailable
from pipeline.resources import shipped
from pipeline.settings import Settings, refuse_placeholder

KIBANA_DIR = shipped("schemas", "kibana")


def kibana_import(url: str, username: str | None = None, password: str | None = None,
                  files: list[Path] | None = None, timeout: float = 60.0) -> dict[str, int]:
    """Import the saved objects (overwrite) and return {file name: objects imported}."""
    refuse_placeholder("KIBANA_PASSWORD", password)
    files = files or sorted(KIBANA_DIR.glob("*.ndjson"))
    if not files:
        raise ConfigurationError(f"no saved objects (*.ndjson) in {KIBANA_DIR}")
    auth = (username, password) if username and password else None
    results = {}
    for path in files:
        try:
            response = httpx.post(f"{url.rstrip('/')}/api/saved_objects/_import", params={"overwrite": "true"},
                                  headers={"kbn-xsrf": "raqib"}, auth=auth, timeout=timeout,
                                  files={"file": (path.name, path.read_bytes(), "application/ndjson")})
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"cannot reach Kibana at {url}: {exc}") from exc
        if response.status_code != 200:
            raise ServiceUnavailable(f"Kibana refused {path.name}: HTTP {response.status_code} {response.text[:500]}")
        body = response.json()
        if not body.get("success", False):
            raise ServiceUnavailable(f"Kibana import of {path.name} had errors: {body.get('errors')}")
        results[path.name] = int(body.get("successCount", 0))
    return results


def writer_role(settings: Settings) -> dict:
    """Least privilege for connectors and workers: their own indices only, no cluster administration."""
    return {
        "cluster": ["monitor", "manage_index_templates"],
        "indices": [{
            "names": [f"{settings.index_prefix}-*"],
            "privileges": ["create_index", "create_doc", "index", "write", "read", "view_index_metadata",
                           "manage_aliases", "manage"],
        }],
    }


def create_writer(settings: Settings, admin_password: str, timeout: float = 30.0) -> None:
    """Create (or update) the role and user raqib's processes use, with the admin `elastic` account."""
    if not settings.search_password or not settings.search_username:
        raise ConfigurationError("RAQIB_SEARCH_USERNAME and RAQIB_SEARCH_PASSWORD must be set (see .env.example)")
    base = settings.search_url.rstrip("/")
    auth = ("elastic", admin_password)
    with httpx.Client(auth=auth, timeout=timeout, verify=settings.search_ca_certs or settings.search_verify_certs) as c:
        role = c.put(f"{base}/_security/role/raqib_writer", json=writer_role(settings))
        if role.status_code >= 300:
            raise ServiceUnavailable(f"creating role raqib_writer failed: {role.status_code} {role.text[:300]}")
        user = c.put(f"{base}/_security/user/{settings.search_username}",
                     json={"password": settings.search_password.get_secret_value(), "roles": ["raqib_writer"]})
        if user.status_code >= 300:
            raise ServiceUnavailable(f"creating user {settings.search_username} failed: {user.status_code}")


def admin_password_from_env() -> str:
    password = os.environ.get("ELASTIC_PASSWORD")
    if not password:
        raise ConfigurationError("ELASTIC_PASSWORD is not set (docker-compose passes it from .env)")
    refuse_placeholder("ELASTIC_PASSWORD", password)
    return password
