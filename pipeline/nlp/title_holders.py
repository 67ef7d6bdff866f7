"""The one person or body a bare description stands for, read from the article's own titles and names: a general
person noun ("المسؤول السابق") for the one person titled with a title of its family ("وزير النفط المصري الأسبق،
أسامة كمال"), a bare body noun ("الشرطة") for the body named with it in construct ("شرطة الحدود الإسرائيلية")."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.described_words import body_noun, folded_words, nisba_of, role_description
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import ADVERBS, fold_set
from pipeline.nlp.title_families import family_titles
from pipeline.text.normalise import fold_match, fold_match_in_place_span
from pipeline.text.scan import word_matches

_words = folded_words

_FORMER = frozenset(fold_match(w) for w in ("السابق", "الأسبق", "السابقة", "الأسبقة"))


def family_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A general person noun with the article, and only nationalities or "السابق" after it ("المسؤول السابق"،
    "النائب المصري"، "اللاعب"), stands for the one person named before it whose title is headed by a title of the
    noun's family (``title_families``: "وزير النفط المصري الأسبق، أسامة كمال"، "عضو البرلمان المصري، داليا
    يوسف"، "المهاجم السويدي زلاتان إبراهيموفيتش") and holds its adjectives, of the same gender ("المسؤولة": a
    feminine title). None when two people carry such a title, or when the article introduced an unnamed one
    with the bare noun ("قال مسؤول ... وأضاف المسؤول")."""
    words = _words(speaker.text) if speaker is not None else []
    if not 1 <= len(words) <= 3 or not all(w.startswith("ال") for w in words):
        return None
    head = words[0][2:]
    feminine = head.endswith("ه")
    titles = family_titles(head[:-1] if feminine else head)  # the cheap check first: usually no family
    rest = words[1:]
    nisba = {nisba_of(w[2:]) for w in rest if nisba_of(w[2:])}
    former = any(w in _FORMER for w in rest)
    if not titles or len(nisba) + sum(w in _FORMER for w in rest) != len(rest):
        return None  # "الداعية التلفزيوني": an adjective no title is checked for
    bare = head[:-1] if feminine else head
    folded = fold_match(text[:pos])
    if bare in folded and next(word_matches(_noun_alone(bare), folded, bare, 0, 1), None) is not None:
        return None  # "قال مسؤول أمريكي ... وأضاف المسؤول": the unnamed one the article introduced
    holders: dict[str, Entity] = {}
    for x in (x for x in ents if x.type == "PERS" and x.end <= pos and text[x.start] != "ل"):
        if any(_holds(list(title), titles, feminine, nisba, former) for title in _titles_of(text, x.start, x.end)):
            holders[_words(x.text)[-1]] = x
    if len(holders) != 1:
        return None
    x = next(iter(holders.values()))
    return sp.build_speaker(text, x.start, x.end, ents, [])


@lru_cache(maxsize=256)
def _noun_alone(bare: str) -> re.Pattern:
    """The bare noun ``bare`` (folded) as a word of its own, a clitic before it, its feminine after it."""
    return re.compile(rf"(?<![^\s\"«“(])[وفبل]?{re.escape(bare)}[هة]?(?=[\s،,.:\"»”)]|$)")


@lru_cache(maxsize=1024)  # asked for every person named before each description of the article
def _titles_of(text: str, start: int, end: int) -> tuple[tuple[str, ...], ...]:
    """The folded words of the titles the name at ``start``–``end`` carries: the definite words right before it,
    with the bare noun that heads them in construct ("وزير النفط المصري الأسبق، أسامة كمال"، "المهاجم السويدي
    زلاتان"), and the title in apposition after its comma ("أسامة كمال، وزير النفط")."""
    before = sp.tokens(text, max(0, start - 80), start)[-7:]
    if before[-1:] and before[-1][1] in ("،", ","):
        before = before[:-1]
    k = len(before)
    while k > 0 and before[k - 1][1].startswith("ال") and before[k - 1][1].isalpha():
        k -= 1
    run = [t[1] for t in before[k:]]
    out = [run] if run else []
    if k > 0 and before[k - 1][1].isalpha() and before[k - 1][1] not in LEX:
        out.append([before[k - 1][1]] + run)  # the construct's head: "وزير" of "وزير النفط"
    after = sp.tokens(text, end, end + 80)[:7]
    if after[:1] and after[0][1] in ("،", ",") and len(after) > 1 and after[1][1].isalpha():
        n = 2
        while n < len(after) and after[n][1].startswith("ال") and after[n][1].isalpha():
            n += 1
        out.append([t[1] for t in after[1:n]])
    return tuple(tuple(title) for title in out)


def _holds(title: list[str], titles: tuple[tuple[str, ...], ...], feminine: bool, nisba: set[str],
           former: bool) -> bool:
    """Whether ``title`` is headed by one of ``titles`` (its first word with or without the article), of the
    description's gender, and holds its nationalities and "السابق"."""
    first = title[0][2:] if title[0].startswith("ال") else title[0]
    if first.endswith("ه") != feminine:
        return False
    stem = first[:-1] if feminine else first
    match = next((t for t in titles if t[0] == stem and list(t[1:]) == title[1 : len(t)]), None)
    if match is None:
        return False
    own = title[len(match):]
    return nisba <= {nisba_of(w[2:]) for w in own if w.startswith("ال")} and (not former or any(
        w in _FORMER for w in own))


_BODY_REACH = 4000
# Nouns of institutions the word class of "شركة" (``body_noun``) leaves out: the press, the police, banks, clubs.
_INSTITUTIONS = fold_set("شرطة هيئة وكالة صحيفة جريدة مجلة قناة مرصد نيابة بلدية مجموعة جامعة سفارة رئاسة "
                         "مديرية جمعية حزب حركة جبهة اتحاد بنك مركز معهد نادي")


def construct_body(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A bare body noun with the article ("الشرطة"، "الوزارة") stands for the body the article named before with
    that noun in construct, its genitives and adjectives after it ("شرطة الحدود الإسرائيلية"، "وزارة البترول
    والثروة المعدنية"، "شرطة مدينة لوس انجليس الأمريكية"), in its longest form: the bare noun is no name when the
    article gives one. None when it named two such bodies ("وزارة الخارجية" and "وزارة الدفاع"), or for a
    person's title, a document, a source or a group."""
    words = _words(speaker.text) if speaker is not None else []
    if len(words) != 1 or not words[0].startswith("ال") or len(words[0]) < 5:
        return None
    head = words[0][2:]
    if not (body_noun(head) or head in _INSTITUTIONS) or role_description(speaker):
        return None  # "الوزير"، "البابا" are persons; "البيان"، "الدراسة" documents; "الخبراء" a group
    lo = max(0, pos - _BODY_REACH)
    folded = fold_match_in_place_span(text, lo, pos)
    if head not in folded:
        return None  # the cheap check first: no mention of the noun before
    names: dict[str, tuple[int, int]] = {}
    for m in word_matches(_body_noun(head), folded, head, 0, 2):
        start = lo + m.end() - len(head)
        end = _construct_end(text, start + len(head), pos, ents)
        if end is not None:
            names[" ".join(_words(text[start:end]))] = (start, end)
    longest = max(names, key=len, default="")
    if not names or any(not longest.startswith(name) for name in names):
        return None  # two bodies: which one is unsaid ("وكالة الأنباء الإيرانية" and its longer name are one)
    longest = max((name for name in names if longest.startswith(f"{name} و")), key=len, default=longest)
    start, end = names[longest]  # "شرطة العاصمة" given alone: "والبحرية الملكية" is another body
    return Speaker(text=text[start:end], canonical=fold_match(text[start:end]), type="ORG")


@lru_cache(maxsize=256)
def _body_noun(head: str) -> re.Pattern:
    """The body noun ``head`` (folded) as a word of its own, opening a construct, a clitic or two before it."""
    return re.compile(rf"(?<![^\s\"«“(])[وفب]?(?:ل(?!ل))?{re.escape(head)}(?=\s)")


def _construct_end(text: str, at: int, limit: int, ents: list[Entity]) -> int | None:
    """The end of the name a body noun in construct ending at ``at`` opens: its genitive (a definite word, not a
    time word: "شرطة الحدود"; or a place name, after a noun in construct: "شرطة مدينة لوس انجليس"), a definite
    word coordinated by "و" (not a title or another body: "وزارة البترول والثروة"), relative adjectives
    ("الإسرائيلية"، "المعدنية"), the body it belongs to ("بمجلس العموم") and a hyphenated name's tail
    ("موناكو-ماتان"); None when no genitive follows. Nothing else: "مجموعة السبع في كيبيك الأسبوع المقبل"،
    "بابا روما المجتمع الدولي" end before the adjunct."""
    toks = sp.tokens(text, at, min(limit, at + 120))
    places = {x.start: x.end for x in ents if x.type in ("LOC", "ORG")}
    n = 1 if len(toks) > 1 and toks[0][1].isalpha() and not toks[0][1].startswith("ال") and toks[1][2] in places \
        else 0  # "مدينة" of "شرطة مدينة لوس انجليس"
    if n >= len(toks):
        return None
    word = toks[n][1]
    if toks[n][2] in places:
        end = places[toks[n][2]]
    elif n == 0 and word.startswith("ال") and word.isalpha() and word not in ADVERBS:
        end = toks[n][3]
    else:
        return None
    for tok in (t for t in toks if t[2] >= end):
        word = tok[1]
        if word.startswith("ال") and word.isalpha() and nisba_of(word[2:]) or word.startswith("وال") and \
                word.isalpha() and not body_noun(word[3:]) and f"ال{word[3:]}" not in sp.TITLES:
            end = tok[3]  # "الإسرائيلية"؛ "والثروة"
            continue
        if word[:1] in "بل" and (body_noun(word[1:]) or word[1:] in _INSTITUTIONS):
            nxt = next((t for t in toks if t[2] > tok[2]), None)
            if nxt is not None and nxt[1].startswith("ال") and nxt[1].isalpha():
                end = nxt[3]  # "لجنة الشؤون الخارجية بمجلس العموم": the body it belongs to
                continue
        break
    hyphen = re.match(r"-[^\s،,.:]+", text[end : end + 30])
    return end + hyphen.end() if hyphen else end  # "صحيفة موناكو-ماتان"
