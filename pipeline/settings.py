"""One typed settings object for every raqib process.

Values come from (highest first): environment variables ``RAQIB_*`` (nested with ``__``, e.g.
``RAQIB_TOPICS__CLEAN``), a YAML file named by ``RAQIB_CONFIG`` (or ``raqib.yaml`` in the working
directory), then the defaults below, which match ``raqib services up``.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from pipeline.errors import ConfigurationError

#: time zone of a source whose dates carry none (the first watched region is Iraq); a source may set its own
DEFAULT_TIMEZONE = "Asia/Baghdad"


#: the secrets .env.example ships with: a deployment still using one has not chosen its own (refused at start)
PLACEHOLDER_SECRETS = frozenset({"change-me-elastic", "change-me-writer", "change-me-webhook-secret"})


def _writable(path: Path) -> bool:
    """True when ``path`` is, or can be created as, a folder this user can write."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK | os.X_OK)
    return False


def default_home() -> Path:
    """Where local services keep jars, data and pid files (survives restarts).

    ``$XDG_CACHE_HOME/raqib`` or ``~/.cache/raqib``; a user whose home is not writable (the image runs as
    ``nobody``, home ``/nonexistent``) gets a private folder in the temp dir, so no command fails for it.
    """
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no HOME and no password-database entry
        base = ""
    if base and _writable(Path(base) / "raqib"):
        return Path(base) / "raqib"
    fallback = Path(tempfile.gettempdir()) / f"raqib-{os.getuid()}"
    try:
        fallback.mkdir(mode=0o700, exist_ok=True)
        planted = fallback.is_symlink() or fallback.lstat().st_uid != os.getuid()
    except OSError:
        return fallback  # whatever needs it (services, worker) says in one line to set RAQIB_HOME
    if planted:  # another user's folder in a shared temp dir: never write our data there
        raise ConfigurationError(f"{fallback} belongs to another user and {base or '~'} is not writable: "
                                 "set RAQIB_HOME to a folder you can write")
    return fallback


def refuse_placeholder(name: str, value: str | None) -> None:
    """Stop with one line when a secret is still the example value from .env.example."""
    if value and value.strip() in PLACEHOLDER_SECRETS:
        raise ConfigurationError(f"{name} is still the placeholder from .env.example: set your own value in .env")


class TopicNames(BaseModel):
    clean: str = "articles.clean"
    enriched: str = "articles.enriched"
    alerts: str = "alerts"
    dead_letter: str = "dead-letter"
    connector_state: str = "connector.state"
    websub: str = "connector.websub"
    alert_candidates: str = "alerts.candidates"
    alert_deliveries: str = "alerts.deliveries"
    alert_retry: str = "alerts.retry"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAQIB_", env_nested_delimiter="__", extra="ignore")

    # Kafka
    kafka_bootstrap: str = Field(default="127.0.0.1:9092", description="Kafka bootstrap servers")
    topics: TopicNames = Field(default_factory=TopicNames)
    partitions: int = Field(default=4, ge=1, description="Partitions for the article topics")
    consumer_group: str = "raqib"

    # Search engine
    search_engine: Literal["opensearch", "elasticsearch"] = "opensearch"
    search_url: str = "http://127.0.0.1:9200"
    search_username: str | None = None
    search_password: SecretStr | None = None
    search_verify_certs: bool = True
    search_ca_certs: str | None = None
    index_prefix: str = Field(default="raqib", description="Prefix of index names and aliases")

    # Local services (raqib services up)
    home: Path = Field(default_factory=default_home)
    jars_dir: Path | None = Field(default=None, description="Where resolved jars are cached (default HOME/jars)")
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    search_port: int = 9200
    opensearch_heap: str = "1g"

    # Language models
    ner_two_pass: bool = Field(default=False, description=(
        "Tag entities with the stacked second CRF pass too (document-disjoint dev F1 0.724 -> 0.737, ORG 0.626 -> "
        "0.665; about 15 % slower enrichment, neutral on the real stream: README, NER round twenty-three)"))

    # Worker
    worker_web_port: int = 6066
    metrics_port: int = 9464
    bulk_size: int = 500
    bulk_interval: float = 1.0
    max_message_bytes: int = Field(default=2 * 1024 * 1024, description="Bigger article messages are "
                                   "dead-lettered, not enriched (no news article is that big)")
    alert_retry_delays: list[float] = Field(default=[1.0, 5.0, 30.0, 120.0, 600.0],
                                            description="Seconds before each webhook retry; then dead-letter")
    story_index_max_articles: int = Field(default=100_000, ge=100, description="Articles the duplicate/story "
                                          "index keeps per worker; the oldest are forgotten (bounded memory)")
    alert_delivery_timeout: float = Field(default=10.0, gt=0, description="Seconds per webhook attempt")
    engine_wait: float = Field(default=120.0, gt=0, description="Seconds a starting worker waits for the search "
                               "engine before it stops with one line saying so")

    # Connectors
    sources_file: Path = Path("sources.yaml")
    user_agent: str = "raqib/0.1 (+https://github.com/raqib-news/raqib; Arabic news monitoring)"
    allow_private_networks: bool = False
    connector_transactional_id: str | None = Field(
        default=None, description="Base of the Kafka transactional id of `raqib connect` (default "
        "raqib-connector.<connector_state topic>); the id is <base>.<instance>, .once added for --once runs. "
        "A connector restarted with the same id aborts what its killed predecessor left open and fences it")
    webhook_secret: SecretStr | None = None
    demo_site_port: int = Field(default=8000, description="Port of the sample site served by `raqib demo`")

    # WebSub push (off unless websub_listen is set)
    websub_listen: str | None = Field(default=None, description="host:port where `raqib connect` serves "
                                      "WebSub callbacks (default off: polling only)")
    websub_callback_url: str | None = Field(default=None, description="Callback base URL the hubs can reach "
                                            "(default http://<websub_listen>/websub); raqib appends an id")
    websub_lease_seconds: int = Field(default=5 * 86400, ge=60, description="Lease asked of each hub")
    websub_max_push_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, description="Bigger pushes are refused")

    @field_validator("search_url")
    @classmethod
    def _search_url_ok(cls, value: str) -> str:
        """A URL the client can use: http(s), a host, a port in range (``http://[::1`` or port 99999 would
        otherwise fail later, deep in the client, as a traceback)."""
        from urllib.parse import urlsplit

        parts = urlsplit(value)  # ValueError for a broken IPv6 host
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"must be an http(s) URL with a host, got {value!r}")
        _ = parts.port  # ValueError for a port out of range
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _YamlSource(settings_cls))

    @property
    def articles_alias(self) -> str:
        return f"{self.index_prefix}-articles"


class _YamlSource(PydanticBaseSettingsSource):
    """Optional YAML file: ``RAQIB_CONFIG`` or ./raqib.yaml."""

    def _load(self) -> dict[str, Any]:
        path = os.environ.get("RAQIB_CONFIG") or ("raqib.yaml" if Path("raqib.yaml").exists() else None)
        if not path:
            return {}
        what = "RAQIB_CONFIG" if os.environ.get("RAQIB_CONFIG") else "settings file"
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigurationError(f"{what} {path} does not exist") from None
        except IsADirectoryError:
            raise ConfigurationError(f"{what} {path} is a directory, not a YAML file") from None
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigurationError(f"cannot read settings file {path}: {' '.join(str(exc).split())}") from None
        if not isinstance(data, dict):
            raise ConfigurationError(f"settings file {path} must hold a mapping of setting: value, "
                                     f"not a {type(data).__name__}")
        return data

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._load().get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in self._load().items() if k in self.settings_cls.model_fields}


_USERINFO = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@]+@")


def redact(text: str, settings: Settings) -> str:
    """``text`` without the engine password or any ``user:password@`` in a URL: error messages of the HTTP
    clients quote URLs, and a terminal, CI or worker log is no place for a credential."""
    text = _USERINFO.sub(r"\1***@", text)
    if settings.search_password is not None:
        secret = settings.search_password.get_secret_value()
        if secret:
            text = text.replace(secret, "***")
    return text


def settings_error(exc: ValidationError) -> ConfigurationError:
    """One line naming each invalid setting by its environment variable, and why."""
    parts = []
    for err in exc.errors():
        name = "__".join(str(p) for p in err["loc"]).upper()
        parts.append(f"RAQIB_{name}: {err['msg']} (got {err.get('input')!r})")
    return ConfigurationError("invalid settings: " + "; ".join(parts))


def load_settings(**overrides: Any) -> Settings:
    """``Settings(**overrides)`` with a :class:`ConfigurationError` naming what to fix instead of pydantic's
    multi-line report."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise settings_error(exc) from None


def check_secrets(settings: Settings) -> Settings:
    """Refuse placeholder secrets (``.env.example``'s values) before any process starts with them."""
    for name, secret in (("RAQIB_SEARCH_PASSWORD", settings.search_password),
                         ("RAQIB_WEBHOOK_SECRET", settings.webhook_secret)):
        refuse_placeholder(name, secret.get_secret_value() if secret is not None else None)
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return check_secrets(load_settings())
