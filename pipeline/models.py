"""Message models: the single source of truth for every Kafka topic message.

The JSON Schemas in ``schemas/`` are generated from these classes (``raqib schemas write``) and a
test fails when they drift. Every message carries ``schema_version`` so consumers can refuse what
they do not understand instead of mis-reading it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from pipeline.errors import BadMessage

SCHEMA_VERSION = 1

_M = TypeVar("_M", bound="ArticleClean")

EntityType = Literal["PERS", "ORG", "LOC", "MISC"]
Stance = Literal["announce", "deny", "postpone", "complete"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def content_hash(text: str) -> str:
    """Stable hash of the clean text: exact duplicates share it whatever their URL."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(canonical_url: str) -> str:
    """Stable article id derived from the canonical URL (same page, same id, on every machine)."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:24]


def decode_object(raw: bytes | str | None, max_bytes: int | None, what: str = "message",
                  hint: str = "") -> dict[str, Any]:
    """The JSON object of one topic message, checked in the order that costs least: present, size, JSON,
    object (``max_bytes`` None: no limit). Raises :class:`BadMessage`; ``hint`` (what to do about the limit)
    ends the too-large reason."""
    if raw is None:
        raise BadMessage(f"empty {what} (no value)")
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if max_bytes is not None and size > max_bytes:
        raise BadMessage(f"{what} too large: {size} bytes, over the {max_bytes}-byte limit{hint}")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadMessage(f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise BadMessage(f"wrong schema: expected a JSON object, got {type(data).__name__}")
    return data


def parse_message(raw: bytes, model: type[_M], max_bytes: int | None = None) -> _M:
    """Decode and validate one article message; raises :class:`BadMessage` (a ValueError) with a readable reason.

    A message over ``max_bytes`` is refused before parsing: no news article is megabytes of text, and
    enriching one would stall its partition for minutes. Kafka keeps the full value for a replay.
    """
    data = decode_object(raw, max_bytes,
                         hint=" (RAQIB_MAX_MESSAGE_BYTES); check the source, or raise the limit and replay")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BadMessage(f"unsupported schema_version {version!r} (this worker reads {SCHEMA_VERSION})")
    return model.model_validate(data)


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class ArticleClean(_Message):
    """An extracted, cleaned article: value of topic ``articles.clean``."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(description="Stable id: hash of the canonical URL")
    url: str = Field(description="Canonical URL (file:// for local files)")
    source: str = Field(default="", description="Name of the source entry that found the article")
    outlet: str = Field(default="", description="Publishing outlet as shown to analysts")
    title: str = ""
    text: str = Field(description="Clean Arabic text")
    original_text: str | None = Field(default=None, description="Text before cleaning, kept for audit")
    lead: str = ""
    author: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    language: str = "ar"
    arabic_ratio: float | None = Field(default=None, description="Share of letters that are Arabic")
    non_arabic: bool = Field(default=False, description="Flagged when the text is mostly not Arabic")
    content_hash: str = ""
    metadata: dict[str, Any] = Field(default_factory=dict, description="Raw metadata from the source")


class Entity(_Message):
    text: str = Field(description="Mention as written in the text")
    canonical: str = Field(description="Folded form used to aggregate mentions of the same entity")
    type: EntityType
    start: int = Field(description="Character offset in the article text (inclusive)")
    end: int = Field(description="Character offset in the article text (exclusive)")


class TopicScore(_Message):
    id: str
    score: float
    name_ar: str | None = None


class Speaker(_Message):
    text: str
    canonical: str
    type: str | None = Field(default=None, description="Entity type when the speaker is an entity")


class Statement(_Message):
    speaker: Speaker | None = None
    verb: str = ""
    quote: str
    start: int
    end: int
    direct: bool = Field(default=False, description="True for a quote in quotation marks")
    subjects: list[str] = Field(default_factory=list)
    stance: Stance | None = Field(default=None, description="On a watched subject: whether the statement "
                                  "announces, denies, postpones or reports as complete what the subject is about")
    attributed: bool = Field(default=True, description="False when no one is quoted: the outlet states it itself")


class ArticleEnriched(ArticleClean):
    """A clean article with entities, topics, statements and story: value of ``articles.enriched``."""

    entities: list[Entity] = Field(default_factory=list)
    topics: list[TopicScore] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list, description="Union of the statements' subjects")
    duplicate_of: str | None = Field(default=None, description="Id of an earlier exact or near duplicate")
    story_id: str | None = None
    enriched_at: datetime = Field(default_factory=utcnow)


class AlertArticle(_Message):
    id: str
    url: str
    outlet: str = ""
    published_at: datetime | None = None


class Alert(_Message):
    """One alert per new statement on a watched subject: value of topic ``alerts``."""

    schema_version: int = SCHEMA_VERSION
    id: str
    rule: str
    speaker: Speaker | None = None
    quote: str
    subjects: list[str] = Field(default_factory=list)
    stance: Stance | None = Field(default=None, description="The statement's stance on the subject")
    attributed: bool = Field(default=True, description="False when the outlet states it itself (no speaker)")
    first_seen: datetime
    last_seen: datetime
    count: int = 1
    articles: list[AlertArticle] = Field(default_factory=list)


class DeadLetter(_Message):
    """A message or fetch that failed, with enough context to replay or fix it."""

    schema_version: int = SCHEMA_VERSION
    stage: str
    reason: str
    url: str | None = None
    topic: str | None = None
    original: str | None = Field(default=None, description="The original message value, truncated")
    at: datetime = Field(default_factory=utcnow)


TOPIC_MODELS: dict[str, type[_Message]] = {
    "article.clean": ArticleClean,
    "article.enriched": ArticleEnriched,
    "alert": Alert,
    "dead-letter": DeadLetter,
}
