"""Word-sense checks of a subject's frames beyond one word before or after the predicate (round nineteen).

Pure functions over folded tokens and groups, read from ``exclude`` in ``pipeline/data/subjects.yaml``:

* ``forced``: a causative predicate (إخراج، أخرج، إنهاء) after a word of effort or force (تمكن من، حاول، استعادة،
  طاقة نارية) is an expulsion or a recapture by force — "تمكن الجيش من إخراج المسلحين من البلدة" — not a force
  withdrawing under a demand or a deal ("التفاوض على إخراج المقاتلين من المدينة" stays a withdrawal).
* ``elapsed_since``: "بعد سبعة أشهر على انتهاء المهمة" dates the predicate months or years back: the time of
  another event (a background mention), whatever the governing preposition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.nlp.wordgroups import Group, group_hits, parse_group
from pipeline.text.normalise import fold_match


@dataclass(frozen=True)
class Forced:
    """Causative predicates (``anchors``) and the words of effort or force (``before``) that, up to ``window``
    words before one, make it an expulsion by force, unless a word of negotiation stands between (``deal``: "حاولت
    الأمم المتحدة التوصل إلى اتفاق لإخراج المسلحين" is a deal)."""

    anchors: Group = field(default_factory=Group)
    before: Group = field(default_factory=Group)
    window: int = 6
    deal: Group = field(default_factory=Group)


def parse_forced(raw: dict[str, Any] | None) -> Forced | None:
    if not raw:
        return None
    return Forced(anchors=parse_group(raw.get("anchors")), before=parse_group(raw.get("before")),
                  window=int(raw.get("window", 6)), deal=parse_group(raw.get("deal")))


def forced_out(toks: list[str], anchor: int, forced: Forced | None) -> bool:
    """The predicate at ``anchor`` is a causative one with a word of force shortly before it."""
    if forced is None or anchor not in group_hits(toks, forced.anchors):
        return False
    deals = group_hits(toks, forced.deal) if forced.deal else []
    return any(anchor - forced.window <= b < anchor and not any(b < d < anchor for d in deals)
               for b in group_hits(toks, forced.before))


#: what links a duration to the event it counts from: "بعد سبعة أشهر على انتهاء"، "منذ عامين من الانسحاب"
_FROM_EVENT = frozenset(fold_match(w) for w in ("على", "من"))
ELAPSED_REACH = 3  # words from the time preposition to the duration's unit ("بعد نحو سبعة أشهر")


def elapsed_since(toks: list[str], anchor: int, daters: list[int], units: list[int]) -> bool:
    """The predicate is what a long duration counts from: a time preposition (``daters``), a unit of months or
    years (``units``) and على/من right before the predicate. Days and hours ("بعد يومين من انسحاب") are no unit:
    today's news."""
    if anchor < 3 or toks[anchor - 1] not in _FROM_EVENT or anchor - 2 not in units:
        return False
    return any(anchor - 2 - ELAPSED_REACH <= d < anchor - 2 for d in daters)


#: the prepositions of the place left: "انسحب من"، "خرج عن"
_LEFT = frozenset(fold_match(w) for w in ("من", "عن"))
LEFT_REACH = 8  # words from the predicate to its من: "انسحبت بعض تشكيلات الجيش الحر والثوار من برنامج"


def first_from(toks: list[str], anchor: int, reach: int = LEFT_REACH) -> int | None:
    """Where the first من/عن after the predicate stands (the place left follows it), None without one."""
    return next((i for i in range(anchor + 1, min(len(toks), anchor + 1 + reach)) if toks[i] in _LEFT), None)
