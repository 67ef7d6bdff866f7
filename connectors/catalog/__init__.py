"""The catalogue of real Arabic-language news outlets shipped with raqib (``outlets.yaml``).

Each outlet carries its Arabic and Latin names, country, time zone, home page and known feeds or news
sitemaps, and for every URL the place it was found (its provenance), because nothing in the catalogue
was fetched live when it was compiled: ``raqib sources check --live`` is how a user with internet
confirms a feed still answers. These are pure functions over data; the CLI wires them to files.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.errors import ConfigurationError
from pipeline.text.normalise import fold_match

FeedKind = Literal["rss", "atom", "feed", "sitemap"]
# Where a URL was seen: a web page, a file in a public repository (owner/name@commit:path) or a data set.
PROVENANCE_RE = re.compile(
    r"^(https?://\S+"
    r"|github:[A-Za-z0-9][\w.-]*/[\w.-]+@[0-9a-f]{7,40}:\S+"
    r"|dataset:[\w.-]+:\S+)$"
)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise ValueError(f"not an absolute http(s) URL: {value!r}")
    return value


class Link(BaseModel):
    """One URL of an outlet and where it was found."""

    model_config = ConfigDict(extra="forbid")

    url: str
    provenance: list[str] = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _check_url(value)

    @field_validator("provenance")
    @classmethod
    def _provenance(cls, value: list[str]) -> list[str]:
        bad = [p for p in value if not PROVENANCE_RE.match(p)]
        if bad:
            raise ValueError(f"provenance must be a URL, github:owner/name@commit:path or dataset:name:file: {bad}")
        return value


class FeedLink(Link):
    """A feed or news sitemap of an outlet."""

    kind: FeedKind = "rss"
    section: str | None = None
    note: str | None = Field(default=None, description="Caveat, e.g. how old the listing that names it is")


class Outlet(BaseModel):
    """One news outlet."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name_ar: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    country: str
    region: str | None = None
    timezone: str
    homepage: Link
    feeds: list[FeedLink] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_RE.match(value):
            raise ValueError("id must be lower-case words joined by '-'")
        return value

    @field_validator("name_ar")
    @classmethod
    def _arabic(cls, value: str) -> str:
        if not re.search(r"[\u0600-\u06FF]", value):
            raise ValueError("name_ar has no Arabic letter")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if not COUNTRY_RE.match(value):
            raise ValueError("country must be an ISO 3166-1 alpha-2 code (e.g. IQ)")
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _unique_feeds(self) -> Outlet:
        urls = [f.url for f in self.feeds]
        if len(urls) != len(set(urls)):
            raise ValueError("a feed URL is listed twice")
        return self

    def text(self) -> str:
        """Everything a ``--query`` may match: names, id, country, region, tags and host names."""
        hosts = [urlsplit(link.url).hostname or "" for link in [self.homepage, *self.feeds]]
        return " ".join([self.id, self.name_ar, self.name_en, self.country, self.region or "", *self.tags, *hosts])


class Catalog(BaseModel):
    """The whole catalogue file."""

    model_config = ConfigDict(extra="forbid")

    version: int = 1
    note: str = ""
    outlets: list[Outlet]

    @model_validator(mode="after")
    def _unique_ids(self) -> Catalog:
        seen: set[str] = set()
        dupes = {o.id for o in self.outlets if o.id in seen or seen.add(o.id)}
        if dupes:
            raise ValueError(f"duplicate outlet ids: {sorted(dupes)}")
        return self


def parse_catalog(text: str, origin: str = "outlets.yaml") -> Catalog:
    """Validate catalogue YAML; any problem is one :class:`ConfigurationError` naming the outlet and field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{origin}: not valid YAML: {exc}") from exc
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigurationError(f"{origin}: {where}: {first['msg']}{more}") from exc


def load_catalog() -> Catalog:
    """The catalogue shipped inside the package (read with importlib.resources, so it works from a wheel)."""
    text = resources.files(__name__).joinpath("outlets.yaml").read_text(encoding="utf-8")
    return parse_catalog(text)


def select(outlets: list[Outlet], country: str | None = None, query: str | None = None) -> list[Outlet]:
    """Outlets of ``country`` (ISO code, any case) whose names, host or tags contain every word of ``query``.

    Arabic is matched after raqib's folding (hamza, alef, taa marbuta, diacritics), Latin case-insensitively.
    """
    chosen = [o for o in outlets if country is None or o.country == country.upper()]
    if query:
        words = [fold_match(w).lower() for w in query.split()]
        chosen = [o for o in chosen if all(w in fold_match(o.text()).lower() for w in words)]
    return chosen


def to_sources(outlets: list[Outlet], interval: int = 300) -> list[dict]:
    """``sources.yaml`` entries (the format ``raqib connect`` reads): one per feed or news sitemap.

    The outlet shown to analysts is the Arabic name, as on the articles themselves.
    """
    entries: list[dict] = []
    for outlet in outlets:
        for n, feed in enumerate(outlet.feeds):
            name = outlet.id if n == 0 else f"{outlet.id}-{n + 1}"
            entry = {"name": name, "kind": "sitemap" if feed.kind == "sitemap" else "feed", "url": feed.url,
                     "outlet": outlet.name_ar, "country": outlet.country, "timezone": outlet.timezone,
                     "interval": interval, "tags": ["catalog", *outlet.tags]}
            entries.append(entry)
    return entries


def counts_by_country(outlets: list[Outlet]) -> dict[str, tuple[int, int, int]]:
    """Per country: (outlets, outlets with at least one feed or sitemap, feed URLs)."""
    out: dict[str, tuple[int, int, int]] = {}
    for o in outlets:
        n, with_feed, feeds = out.get(o.country, (0, 0, 0))
        out[o.country] = (n + 1, with_feed + bool(o.feeds), feeds + len(o.feeds))
    return dict(sorted(out.items(), key=lambda kv: (-kv[1][0], kv[0])))
