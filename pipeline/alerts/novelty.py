"""Novelty of statements: one alert per new statement, later reports of it update that alert.

Pure and JSON-serialisable (the stream keeps one ``NoveltyIndex`` state per ``rule|speaker`` key in a
Faust table, see :func:`table_key`). A statement is the *same* as an alert raised within ``window``
(default 7 days) for the same rule and canonical speaker when:

* its quote is a near-duplicate: Jaccard >= ``threshold`` (0.5) on the sets of normalised quote words
  (folded, stop words and common clitics/suffixes dropped), or containment >= ``containment`` (0.8) of
  the smaller set when it has at least 3 words; or
* ``merge_on_subject`` (default on) and the speaker is named and shares a watched subject with the alert.

Measured on the seeds: the three outlets' reports of Tahseen al-Khafaji on the end of the combat forces
(seeds 002, 003, 004) share almost no wording (quote word-set Jaccard 0.0-0.16, containment <= 0.41), so
quote similarity alone never collapses them; the speaker+subject rule does (mirrors ``story_keys`` in
``pipeline.nlp.dedup``). With ``merge_on_subject=False`` only near-duplicate quotes merge.

Quiet period (per rule, ``Rule.quiet_period`` seconds): a new alert raised less than that after the last
*delivered* new alert of the rule is still recorded but marked ``deliver=False``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pipeline.models import Alert, AlertArticle, ArticleEnriched, Speaker, Statement
from pipeline.nlp.subjects import tokens
from pipeline.text.normalise import PROCLITICS_QUOTE

DEFAULT_WINDOW = timedelta(days=7)
# A statement repeated by thousands of articles must not make its alert (and each changelog write and
# webhook body) grow without end: past this many, an article is listed only if its outlet is new;
# ``count`` still counts every report.
MAX_ALERT_ARTICLES = 200
STATE_VERSION = 1

_STOP = frozenset(
    "في من على الى عن ان او و ثم كما التي الذي الذين هذا هذه ذلك تلك مع بين بعد قبل عند حتى كان كانت قد لا لم "
    "لن ما هو هي هم نحن انه اليوم امس خلال وفي وقال قال واضاف ان".split()
)
_SUFFIXES = ("يه", "ات", "ين", "ون", "ان", "ه")
_NON_WORD = re.compile(r"[\W_]+")


def _norm_word(word: str) -> str:
    for p in PROCLITICS_QUOTE:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            word = word[: -len(s)]
            break
    return word


def quote_words(quote: str) -> list[str]:
    """Sorted set of normalised content words of a quote (folded, stop words and affixes dropped)."""
    words = (_NON_WORD.sub("", w) for w in tokens(quote))
    return sorted({_norm_word(w) for w in words if w not in _STOP and len(w) > 1})


def statement_key(speaker_canonical: str | None, quote: str) -> str:
    """Deterministic signature of (speaker, quote words): same words, same key, on every machine."""
    raw = f"{speaker_canonical or ''}|{' '.join(quote_words(quote))}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def alert_id(rule: str, speaker_canonical: str | None, quote: str, first_article: str = "") -> str:
    """Alert id: hash of rule + speaker + the first quote's signature + the first article's id.

    Deterministic (a restart that re-processes the same article re-sends the same id); the first article
    tells apart the same words said again after the window.
    """
    raw = f"{rule}|{speaker_canonical or ''}|{statement_key(speaker_canonical, quote)}|{first_article}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def table_key(rule: str, speaker_canonical: str | None) -> str:
    """Key of the stream table holding the novelty state of one rule and speaker."""
    return f"{rule}|{speaker_canonical or ''}"


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Observation:
    """Outcome of :meth:`NoveltyIndex.observe`; unpacks as ``is_new, alert``.

    ``deliver``: whether to send the alert now (False for a repeat of a known article, or a new alert
    inside the rule's quiet period); ``changed``: whether the alert differs from before (store it).
    """

    is_new: bool
    alert: Alert
    deliver: bool
    changed: bool

    def __iter__(self) -> Iterator[Any]:
        return iter((self.is_new, self.alert))


class NoveltyIndex:
    """Alerts raised in the last ``window``, matched by rule, speaker and quote (see module docstring)."""

    def __init__(
        self,
        window: timedelta = DEFAULT_WINDOW,
        threshold: float = 0.5,
        containment: float = 0.8,
        merge_on_subject: bool = True,
    ) -> None:
        self.window = window
        self.threshold = threshold
        self.containment = containment
        self.merge_on_subject = merge_on_subject
        self._alerts: dict[str, Alert] = {}
        self._words: dict[str, set[str]] = {}
        self._last_delivered: dict[str, datetime] = {}

    def __len__(self) -> int:
        return len(self._alerts)

    def alerts(self) -> list[Alert]:
        return sorted(self._alerts.values(), key=lambda a: (a.first_seen, a.id))

    def _same(self, alert: Alert, speaker: str, words: set[str], subjects: set[str]) -> bool:
        known = self._words[alert.id]
        if jaccard(words, known) >= self.threshold:
            return True
        if min(len(words), len(known)) >= 3 and containment(words, known) >= self.containment:
            return True
        return bool(self.merge_on_subject and speaker and subjects & set(alert.subjects))

    def find(self, rule: str, statement: Statement, seen_at: datetime) -> Alert | None:
        """The live alert this statement repeats, if any (earliest first when several match)."""
        speaker = statement.speaker.canonical if statement.speaker else ""
        words = set(quote_words(statement.quote))
        subjects = set(statement.subjects)
        seen_at = _aware(seen_at)
        for alert in self.alerts():
            if alert.rule != rule or (alert.speaker.canonical if alert.speaker else "") != speaker:
                continue
            if abs(seen_at - _aware(alert.last_seen)) > self.window:
                continue
            if self._same(alert, speaker, words, subjects):
                return alert
        return None

    def expire(self, now: datetime) -> int:
        """Forget alerts last seen more than ``window`` before ``now``; returns how many."""
        now = _aware(now)
        old = [k for k, a in self._alerts.items() if now - _aware(a.last_seen) > self.window]
        for k in old:
            del self._alerts[k], self._words[k]
        return len(old)

    def observe(
        self, rule: Any, statement: Statement, article: ArticleEnriched, seen_at: datetime
    ) -> Observation:
        """Record a matching statement: a new alert, or an update of the alert it repeats.

        ``rule`` is a :class:`~pipeline.alerts.rules.Rule` (its ``quiet_period`` is used) or a rule name.
        """
        name = rule if isinstance(rule, str) else rule.name
        quiet = 0.0 if isinstance(rule, str) else float(getattr(rule, "quiet_period", 0) or 0)
        seen_at = _aware(seen_at)
        self.expire(seen_at)
        ref = AlertArticle(id=article.id, url=article.url, outlet=article.outlet,
                           published_at=article.published_at)
        existing = self.find(name, statement, seen_at)
        if existing is not None:
            if any(a.url == ref.url for a in existing.articles):
                return Observation(False, existing, deliver=False, changed=False)
            listed = len(existing.articles) < MAX_ALERT_ARTICLES or all(
                a.outlet != ref.outlet for a in existing.articles)
            updated = existing.model_copy(update={
                "count": existing.count + 1,
                "last_seen": max(_aware(existing.last_seen), seen_at),
                "first_seen": min(_aware(existing.first_seen), seen_at),
                "articles": [*existing.articles, ref] if listed else existing.articles,
                "subjects": sorted(set(existing.subjects) | set(statement.subjects)),
            })
            self._alerts[updated.id] = updated
            return Observation(False, updated, deliver=True, changed=True)
        speaker = statement.speaker
        aid = alert_id(name, speaker.canonical if speaker else None, statement.quote, article.id)
        if aid in self._alerts:  # the same statement of the same article, outside the window of last_seen
            return Observation(False, self._alerts[aid], deliver=False, changed=False)
        alert = Alert(
            id=aid, rule=name, speaker=Speaker.model_validate(speaker.model_dump()) if speaker else None,
            quote=statement.quote, subjects=sorted(statement.subjects), stance=statement.stance,
            attributed=statement.attributed, first_seen=seen_at,
            last_seen=seen_at, count=1, articles=[ref],
        )
        self._alerts[aid] = alert
        self._words[aid] = set(quote_words(statement.quote))
        last = self._last_delivered.get(name)
        deliver = not (quiet and last is not None and (seen_at - last).total_seconds() < quiet)
        if deliver:
            self._last_delivered[name] = seen_at
        return Observation(True, alert, deliver=deliver, changed=True)

    def to_state(self) -> dict[str, Any]:
        """JSON-safe state (alerts, their quote words, last delivery per rule)."""
        return {
            "version": STATE_VERSION,
            "alerts": [
                {"alert": a.model_dump(mode="json"), "words": sorted(self._words[a.id])} for a in self.alerts()
            ],
            "last_delivered": {k: v.isoformat() for k, v in sorted(self._last_delivered.items())},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any] | None, **kwargs: Any) -> NoveltyIndex:
        """Rebuild an index from :meth:`to_state` output (``None`` or ``{}`` = empty)."""
        index = cls(**kwargs)
        if not state:
            return index
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported novelty state version {state.get('version')!r}")
        for item in state.get("alerts", []):
            alert = Alert.model_validate(item["alert"])
            index._alerts[alert.id] = alert
            index._words[alert.id] = set(item.get("words") or quote_words(alert.quote))
        index._last_delivered = {k: _aware(datetime.fromisoformat(v))
                                 for k, v in state.get("last_delivered", {}).items()}
        return index
