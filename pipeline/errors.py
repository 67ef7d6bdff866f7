"""One error tree for raqib (like httpx's): every failure a user can act on is a :class:`RaqibError`.

The CLI prints any of them as one line (``error: <message>``) and exits non-zero; the message says what
to do next. Subclasses keep the standard base a caller would expect (``ValueError`` for bad input), so
code that catches the standard type keeps working.

    RaqibError
    ├── ConfigurationError      settings, sources or rule files that cannot be used as they are
    ├── ServiceUnavailable      Kafka, the search engine or Kibana could not be reached or refused
    │   ├── KafkaUnavailable
    │   └── ServiceError        local services (`raqib services`) that cannot be installed or started
    ├── BadMessage              a topic message that can never be processed (goes to the dead letter)
    ├── ProduceError            Kafka did not acknowledge a message (connectors)
    │   └── MessageTooLarge
    ├── SearchError             the search engine refused or failed a request (``status``, ``info``)
    │   └── SearchConnectionError, BadRequest, NotFound
    ├── QuerySyntaxError        a search query raqib refuses before the engine sees it
    ├── RuleError               an alert rule is invalid
    ├── BlockedAddress          a URL raqib refuses to contact (non-public address, not http(s))
    └── ParseError              a feed, sitemap or listing page that cannot be parsed
"""

from __future__ import annotations

from typing import Any


class RaqibError(Exception):
    """Base of every error raqib raises on purpose; its text is meant for the user."""


class ConfigurationError(RaqibError, ValueError):
    """A setting, sources file or rules file that cannot be used as it is."""


class ServiceUnavailable(RaqibError, RuntimeError):
    """A service raqib needs could not be reached, or refused the request."""


class KafkaUnavailable(ServiceUnavailable):
    """Kafka could not be reached (start it with `raqib services up` or set RAQIB_KAFKA_BOOTSTRAP)."""


class ServiceError(ServiceUnavailable):
    """The local Kafka or OpenSearch could not be installed, started or stopped."""


class BadMessage(RaqibError, ValueError):
    """A topic message that can never be processed; the text says why (it goes to the dead letter)."""


class ProduceError(RaqibError, RuntimeError):
    """Kafka did not acknowledge a message; retrying later may succeed."""


class MessageTooLarge(ProduceError):
    """The message can never be sent (bigger than the broker accepts): dead-letter it and go on."""


class SearchError(RaqibError):
    """The engine refused or failed a request; ``status`` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None, info: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.info = info


class SearchConnectionError(SearchError):
    """The engine could not be reached at all (not started, wrong URL, TLS problem)."""


class BadRequest(SearchError):
    """The engine answered 400: the request body (often the user's query string) is invalid."""


class NotFound(SearchError):
    """The engine answered 404 (missing index or alias)."""


class QuerySyntaxError(RaqibError, ValueError):
    """A query raqib refuses before sending it (the message says what to change)."""


class RuleError(RaqibError, ValueError):
    """A rule is invalid (bad name, bad fields, or a query the engine refuses: the text says why)."""


class ParseError(RaqibError):
    """A feed, sitemap or listing page that cannot be parsed."""


class BlockedAddress(RaqibError, ValueError):
    """A URL raqib refuses to contact: not http(s), or its host is a non-public address (SSRF guard)."""
