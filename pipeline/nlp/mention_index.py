"""An index of one article's mentions, for ``mentions.earlier_mention``.

A bare description ("الوزير"، "الشركة") is resolved by walking back over every earlier occurrence of its head noun
and reading the noun phrase there (``find_np``, the subject without its object, an apposed name, a quoted name, the
speaker it builds). Several statements of an article are resolved against the same occurrences (~40 % of the walks
repeat one), so each occurrence is read once per article and kept here, keyed by everything its reading depends on
(its start and the bounds the statement sets); the index is built for an article only when it has a description to
resolve and is dropped with it. The readings are those of the code they came from, byte for byte.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import sources, speaker_spans
from pipeline.nlp import speakers as sp
from pipeline.nlp.described import quoted_name
from pipeline.nlp.described_words import folded_words, nisba_of
from pipeline.nlp.subject_phrase import subject_only
from pipeline.text.normalise import ARABIC_LETTERS

# The mention ends at a sentence or clause mark or a content introducer ("، أن"، "إنه").
_STOP = sources.MENTION_STOP
_OWNER_BEFORE = re.compile(r"[،,]\s*ال\S+\s+$")  # "يوتيوب، المملوكة لشركة ألفابت": an owner after a comma
_APPOSED_COMMA = re.compile(r"\s*[،,]\s*")
_APPOSITION_CLOSED = re.compile(r"\s*(?:[،,.:\n]|$)")
_TRAILING_COMMA_OR_DEFINITE = re.compile(r"(?:[،,]|(?<!\S)ال\S+)\s*$")

Span = tuple[int, int]


class Shape:
    """What an earlier mention's final span holds, whatever description it is asked for."""

    __slots__ = ("span", "quoted", "words", "named_last", "org")

    def __init__(self, span: Span, quoted: bool, words: list[str], named_last: bool, org: bool) -> None:
        self.span, self.quoted, self.words, self.named_last, self.org = span, quoted, words, named_last, org


class MentionIndex:
    """The readings of one article's mentions (``text`` with its entities ``ents``), filled as they are asked for."""

    def __init__(self, text: str, ents: list[Entity]) -> None:
        self.text, self.ents = text, ents
        self._patterns: dict[str, re.Pattern] = {}
        self._genitive: dict[Span, bool] = {}
        self._owner: dict[Span, bool] = {}
        self._spans: dict[tuple[int, int, bool, bool], tuple[Span, bool] | None] = {}
        self._after: dict[Span, Span] = {}
        self._shapes: dict[Span, Shape] = {}
        self._speakers: dict[Span, Speaker | None] = {}

    def head_pattern(self, head: str) -> re.Pattern:
        """The head noun with its clitics ("وبالوزير") as a whole word; ``np`` is the noun with its article."""
        if head not in self._patterns:
            self._patterns[head] = re.compile(
                rf"(?<![{ARABIC_LETTERS}\u0640])[وف]?[بل]?(?P<np>(?:ال)?{re.escape(head)})(?![{ARABIC_LETTERS}\u0640])")
        return self._patterns[head]

    def genitive(self, lo: int, start: int) -> bool:
        """Whether a bare title stands right before ``start`` ("رئيس الاتحاد": the noun is its genitive)."""
        key = (max(lo, start - 20), start)
        if key not in self._genitive:
            before = sp.tokens(self.text, *key)
            self._genitive[key] = bool(before) and before[-1][1] in sp.TITLES and not before[-1][1].startswith("ال")
        return self._genitive[key]

    def owner_before(self, lo: int, start: int) -> bool:
        """ "يوتيوب، المملوكة لشركة ألفابت": the ل-noun at ``start`` follows a definite word after a comma."""
        key = (lo, start)
        if key not in self._owner:
            self._owner[key] = _OWNER_BEFORE.search(self.text[lo : start - 1]) is not None
        return self._owner[key]

    def mention_span(self, start: int, limit: int, lam: bool, genitive: bool) -> tuple[Span, bool] | None:
        """The noun phrase at ``start`` (before ``limit``) cut to the mention, and whether a name lies inside it;
        None when the phrase found does not start there."""
        stop = _STOP.search(self.text, start, limit)
        key = (start, stop.start() if stop else limit, lam, genitive)  # most mentions end at a mark before the limit
        if key not in self._spans:
            self._spans[key] = self._mention_span(*key)
        return self._spans[key]

    def _mention_span(self, start: int, end: int, lam: bool, genitive: bool) -> tuple[Span, bool] | None:
        text, ents = self.text, self.ents
        span = sp.find_np(text, start, end, ents)
        if span is None or span[0] != start:
            return None
        if "(" not in text[span[0] : span[1]]:
            span = subject_only(text, span, ents)  # not "الجيش السوري استعادة السيطرة"
        span = span if lam else with_apposed_name(text, span, ents)  # "لمنظمة X، Y": no name of its own
        toks = sp.tokens(text, *span)
        other = next((n for n in range(1, len(toks)) if toks[n][1][:1] == "و" and toks[n][1][1:] in sp.TITLES), None)
        if other is not None:  # "وزارة العدل والمدير العام": a second speaker coordinated, not part of the name
            span, toks = (span[0], toks[other - 1][3]), toks[:other]
        bare = [not t[1].startswith("ال") for t in toks[:3]]
        if len(toks) > 2 and all(bare) and toks[1][1].isalpha() and not any(
                x.start < span[1] and x.end > span[0] for x in ents):
            span = (span[0], toks[1][3])  # "جامعة دبلن عام 2011": a body named by a proper noun in construct
        inside = [x.end for x in ents if x.type in ("PERS", "ORG") and span[0] <= x.start < span[1]]
        rest_toks = sp.tokens(text, max(inside), span[1]) if inside else []
        complement = len(rest_toks) == 2 and rest_toks[0][1][:1] == "ل" and rest_toks[1][1].startswith("ال")  # UEFA
        complement |= bool(rest_toks) and all(  # "شركة نينتندو اليابانية"
            t[1].startswith("ال") and nisba_of(t[1][2:]) for t in rest_toks)
        named_for = speaker_spans.named_for(text, rest_toks) if inside and max(inside) in {
            x.end for x in ents if x.type == "ORG"} else 0  # "الجمعية الوطنية للصحفيين السود": the body's ل-name
        if named_for:
            span = (span[0], rest_toks[named_for - 1][3])
        elif inside and "(" not in text[span[0] : span[1]] and not complement:
            span = (span[0], min(span[1], max(inside)))  # not past the name: "بيانا ذكر"، "جلسة استثنائية"
        if genitive or lam:  # "مدير وكالة مشاريع الأبحاث ... ستيفن ووكر": the body's own words, before its officer
            span = (span[0], min([span[1]] + [x.start for x in ents if x.type == "PERS" and span[0] < x.start and (
                genitive or _TRAILING_COMMA_OR_DEFINITE.search(text[span[0] : x.start]))]))  # not "وول ستريت"
        return span, bool(inside)

    def named_after(self, span: Span, hi: int) -> Span:
        """A body noun's mention with its ل-name after it, before ``hi`` ("الجمعية الوطنية للصحفيين السود")."""
        key = (span, hi)
        if key not in self._after:
            after = sp.tokens(self.text, span[1], hi)
            named_for = speaker_spans.named_for(self.text, after)
            self._after[key] = (span[0], after[named_for - 1][3]) if named_for else span
        return self._after[key]

    def shape(self, span: Span) -> Shape:
        """The mention at ``span`` ended by the quoted name it introduces, with its words and names."""
        if span not in self._shapes:
            quoted = quoted_name(self.text, span)  # مجموعة "طيران الإمارات"، موقع التواصل الاجتماعي "إنستغرام"
            cut = (span[0], quoted.end()) if quoted is not None else span  # the quoted name ends the mention
            ents = self.ents
            self._shapes[span] = Shape(
                cut, quoted is not None, folded_words(self.text[cut[0] : cut[1]]),
                any(x.type == "PERS" and x.end == cut[1] for x in ents),  # "السفير الإيراني في بريطانيا X"
                any(x.type == "ORG" and x.start <= cut[0] < x.end for x in ents))  # "المنظمة الحقوقية": Amnesty
        return self._shapes[span]

    def speaker(self, span: Span) -> Speaker | None:
        """The speaker the mention at ``span`` builds (read-only: the callers copy what they return)."""
        if span not in self._speakers:
            self._speakers[span] = sp.build_speaker(self.text, span[0], span[1], self.ents, [])
        return self._speakers[span]


def with_apposed_name(text: str, span: Span, ents: list[Entity]) -> Span:
    """ "الرئيس التركي، رجب طيب أردوغان،": a title with the person's name in apposition between commas."""
    m = _APPOSED_COMMA.match(text[span[1] : span[1] + 4])
    if m is None:
        return span
    at = span[1] + m.end()
    for t in sp.tokens(text, at, at + 40)[:2]:  # "وزير الخارجية البحريني، الشيخ خالد بن أحمد،": past its ranks
        if t[1] not in sp.RANKS or text[t[3] : t[3] + 1] != " ":
            break
        at = t[3] + 1
    pers = next((x for x in ents if x.type == "PERS" and x.start == at), None)
    if pers is None or not _APPOSITION_CLOSED.match(text[pers.end : pers.end + 3]):
        return span
    return span[0], pers.end
