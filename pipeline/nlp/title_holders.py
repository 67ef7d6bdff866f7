"""The one person or body a bare description stands for, read from the article's own titles and names: a general
person noun ("المسؤول السابق") for the one person titled with a title of its family ("وزير النفط المصري الأسبق،
أسامة كمال"), a bare body noun ("الشرطة") for the body named with it in construct ("شرطة الحدود الإسرائيلية"), the
first part of a compound title or name ("وزيرة الاستثمار") for the post named in full with its holder ("وزيرة الاستثمار
والتعاون الدولي لمصر، سحر نصر"), a body noun with a nationality ("الصحيفة البريطانية") for the one body named with
that noun, a name and that nationality ("صحيفة "صنداي تايمز" البريطانية")."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.described_words import body_noun, folded_words, nisba_of, person_noun, role_description
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import ADVERBS, fold_set, stem
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


# Study nouns: a study is no body, and its bare noun stays as written when its authors are unnamed.
_STUDIES = fold_set("دراسة")


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
    titled = words[0] in sp.TITLES and head.endswith("ه") and stem(head) not in sp.DOCS and head not in _STUDIES
    if not (body_noun(head) or head in _INSTITUTIONS or titled) or role_description(speaker):
        return None  # "الوزير"، "البابا" are persons; "البيان"، "الدراسة" documents; "الخبراء" a group
    titled = titled and not (body_noun(head) or head in _INSTITUTIONS)  # "الغرفة": a body title in taa marbuta
    lo = max(0, pos - _BODY_REACH)
    folded = fold_match_in_place_span(text, lo, pos)
    if head not in folded:
        return None  # the cheap check first: no mention of the noun before
    names: dict[str, tuple[int, int]] = {}
    for m in word_matches(_body_noun(head), folded, head, 0, 2):
        if titled and not folded.startswith(" ال", m.end()):
            continue  # "غرفة التجارة الأميركية": only a definite genitive right after such a title names a body
        start = lo + m.end() - len(head)
        end = _construct_end(text, start + len(head), pos, ents)
        if end is not None:
            names[" ".join(_words(text[start:end]))] = (start, end)
    if not names and not titled:
        names = _definite_names(text, folded, lo, head, pos, ents)  # the name the noun heads with the article
    longest = max(names, key=len, default="")
    if not names or any(not longest.startswith(name) for name in names):
        return None  # two bodies: which one is unsaid ("وكالة الأنباء الإيرانية" and its longer name are one)
    longest = max((name for name in names if longest.startswith(f"{name} و")), key=len, default=longest)
    start, end = names[longest]  # "شرطة العاصمة" given alone: "والبحرية الملكية" is another body
    return Speaker(text=text[start:end], canonical=fold_match(text[start:end]), type="ORG")


def _definite_names(text: str, folded: str, lo: int, head: str, pos: int,
                    ents: list[Entity]) -> dict[str, tuple[int, int]]:
    """The bodies named before with the noun ``head`` itself definite, relative adjectives and a ل-complement after
    it ("المرصد السوري لحقوق الإنسان"، "المجلس الأعلى للإعلام"، "الاتحاد المصري لكرة القدم"), or an organisation NER
    found reaching past the adjectives: a name, not a description ("الحكومة العراقية" is one government of many)."""
    names: dict[str, tuple[int, int]] = {}
    for m in word_matches(_definite_noun(head), folded, head, 0, 3):
        start = lo + m.end() - len(head) - 2
        toks = sp.tokens(text, start + len(head) + 2, min(pos, start + 160))
        n = 0
        while n < len(toks) and toks[n][1].startswith("ال") and toks[n][1].isalpha() and nisba_of(toks[n][1][2:]):
            n += 1
        if n == 0 or n == len(toks):
            continue  # "المرصد" alone, or with a genitive: no name
        word, end = toks[n][1], toks[n - 1][3]
        if word.startswith("لل") and word.isalpha():
            end = toks[n][3]  # "للإعلام"
        elif word[:1] == "ل" and word.isalpha() and n + 1 < len(toks) and toks[n + 1][1].startswith("ال"):
            end = toks[n + 1][3]  # "لحقوق الإنسان"، "لكرة القدم"
        k = n + 1 + (end > toks[n][3])
        while end > toks[n - 1][3] and k < len(toks) and toks[k - 1][3] == end and (_and_definite(toks[k][1]) or (
                toks[k][1].startswith("ال") and toks[k][1].isalpha() and nisba_of(toks[k][1][2:]))):
            end, k = toks[k][3], k + 1  # "للتنمية والإصلاح"، "للفلاحة والصيد البحري"
        org = max([x.end for x in ents if x.type == "ORG" and start - 1 <= x.start <= start + 2 and x.end <= pos],
                  default=0)
        if org <= toks[n - 1][3] and end == toks[n - 1][3]:
            continue  # "الحكومة العراقية": a description of one of many
        names[" ".join(_words(text[start : max(end, org)]))] = (start, max(end, org))
    return names


def _and_definite(word: str) -> bool:
    """A definite word coordinated by "و" that continues a body's name: not another body or a title ("والثروة"
    of "وزارة البترول والثروة"; not "والشرطة"، "والوزير")."""
    return word.startswith("وال") and word.isalpha() and not body_noun(word[3:]) and f"ال{word[3:]}" not in sp.TITLES


@lru_cache(maxsize=256)
def _definite_noun(head: str) -> re.Pattern:
    """The body noun ``head`` (folded) with the article, a word of its own, a clitic before it."""
    return re.compile(rf"(?<![^\s\"«“(])[وفب]?ال{re.escape(head)}(?=\s)")


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
        if word.startswith("ال") and word.isalpha() and nisba_of(word[2:]) or _and_definite(word):
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


def compound_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A title or body in construct given by the first part of its compound name ("وزيرة الاستثمار"، "وزير الطاقة"،
    "هيئة الاتصالات") stands for the one the article named before with those words and a coordinated part after
    them: "وزيرة الاستثمار والتعاون الدولي لمصر، سحر نصر"، "وزير الطاقة والصناعة والثروة المعدنية السعودي المهندس
    خالد الفالح"، "هيئة الاتصالات وتقنية المعلومات", a second title too ("مستشار الرئيس اليمني ووزير الخارجية السابق
    عبدالملك المخلافي"). The short form is that name abbreviated, not another post: a phrase that only lacks a
    nationality ("وزير الاقتصاد" for "وزير الاقتصاد الألماني") may be someone else's and is left alone. A person's
    title needs the name after it; the compound comes first (a phrase the article gave alone before it is a name of
    its own: "شرطة العاصمة", later "شرطة العاصمة والبحرية الملكية"); None when the article gave two continuations,
    or the phrase with a nationality too ("وزير الطاقة الروسي": another country's minister fits it as well)."""
    words = speaker.text.split() if speaker is not None else []
    if not 2 <= len(words) <= 3:
        return None
    folded = [fold_match(w) for w in words]
    head = folded[0]
    if head.startswith("ال") or not head.isalpha() or not all(w.startswith("ال") and w.isalpha() for w in folded[1:]):
        return None
    body = body_noun(head) or head in _INSTITUTIONS
    if head not in sp.TITLES and not body:
        return None
    lo = max(0, pos - _BODY_REACH)
    region = fold_match_in_place_span(text, lo, pos)
    phrase = " ".join(folded) + " و"
    at = region.find(phrase)
    if at < 0 or region.find(phrase[:-2]) < at:
        return None  # the cheap check first: the phrase never continued by "و" before; or given alone before its
        # compound ("وقالت شرطة العاصمة" before "مع شرطة العاصمة والبحرية الملكية"): a name of its own
    other = region.find(phrase[:-1] + "ال")
    while other >= 0:
        nxt = region[other + len(phrase) - 1 :].split(maxsplit=1)[:1]
        if nxt and nisba_of(nxt[0].strip("،,.:")[2:]):
            return None  # "وزير الطاقة الروسي": another country's holder of the post fits the phrase too
        other = region.find(phrase[:-1] + "ال", other + 1)
    found: dict[str, tuple[int, int, str]] = {}
    while at >= 0:
        start = lo + at
        lead = region[max(0, at - 2) : at]
        if not lead or not lead[-1].isalpha() or lead[-1] in "وفبل" and (len(lead) < 2 or not lead[0].isalpha()):
            span = _compound_span(text, start + len(phrase) - 2, pos, ents, body)
            if span is not None:
                found[" ".join(_words(text[start : span[1]]))] = (start, span[1], span[0])
        at = region.find(phrase, at + 1)
    if len(found) != 1:
        return None  # two posts or bodies open with these words: which one is unsaid
    start, end, kind = next(iter(found.values()))
    if kind == "ORG":
        return Speaker(text=text[start:end], canonical=fold_match(text[start:end]), type="ORG")
    return sp.build_speaker(text, start, end, ents, [])


def _compound_span(text: str, at: int, limit: int, ents: list[Entity], body: bool) -> tuple[str, int] | None:
    """The rest of a compound name after its first part (ending at ``at``): the coordinated part ("والتعاون"؛ a
    second title "ووزير الخارجية"), the definite words and one ل-place after it ("الدولي لمصر"), then for a
    person the name, after a comma or an honorific ("، سحر نصر"؛ "المهندس خالد الفالح"): ("PERS", its end); for
    a body ("ORG", the end of its definite words); None when no coordinated part follows or a title has no name."""
    toks = sp.tokens(text, at, min(limit, at + 160))
    if len(toks) < 2:
        return None
    first, rest = toks[0][1], toks[0][1][1:]
    if first[:1] != "و" or not rest.isalpha() or body_noun(rest.removeprefix("ال")) or rest.startswith("ال") and \
            rest in sp.TITLES:
        return None  # no coordinated part, or another body or person ("والوزير"، "والشرطة")
    if rest.startswith("ال"):
        n = 1  # "والتعاون"، "والثروة"
    elif not toks[1][1].startswith("ال"):
        return None
    elif rest in sp.TITLES and not body:
        n = 2  # "ووزير الخارجية": a second title of the same person
    elif body and rest not in sp.TITLES and any(x.type == "ORG" and x.start < toks[0][2] < x.end for x in ents):
        n = 2  # "وتقنية المعلومات": a noun in construct, inside the name the entity spans (not "وقال المتحدث")
    else:
        return None
    end, lam = toks[n - 1][3], False
    while n < len(toks):
        word = toks[n][1]
        if word.isalpha() and (word.startswith("ال") or word.startswith("وال") and not body_noun(word[3:])):
            end = toks[n][3]
        elif not lam and word.isalpha() and word[:1] == "ل" and not word.startswith("لل") and any(
                x.start <= toks[n][2] < x.end and x.type == "LOC" for x in ents):
            end, lam = toks[n][3], True  # "لمصر"
        else:
            break
        n += 1
    if body:
        return "ORG", end
    comma = n < len(toks) and toks[n][1] in ("،", ",")
    n += comma
    if n >= len(toks):
        return None
    name = next((x for x in ents if x.type == "PERS" and x.start <= toks[n][2] < x.end), None)
    if name is None:  # an honorific consumed as a definite word ("المهندس خالد الفالح") ends before the name
        name = next((x for x in ents if x.type == "PERS" and toks[n - 1][3] < x.start <= toks[n][2] + 1), None)
    if name is not None:
        return "PERS", name.end
    k = sp.name_run(toks, n) if comma else None  # "، براءت ألبيراق،": a name NER missed, in apposition
    return ("PERS", toks[k - 1][3]) if k is not None and k - n >= 2 else None


def named_body_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A body noun with a nationality ("الصحيفة البريطانية"، "الشركة الأمريكية") stands for the one body the article
    named before with that noun, a name and that nationality: "صحيفة "صنداي تايمز" البريطانية" (a quoted name or an
    organisation NER tagged between the noun and the adjective). None when the article named two bodies with the
    noun (whatever their nationality: which one is unsaid), or for a person's title."""
    words = _words(speaker.text) if speaker is not None else []
    if len(words) != 2 or not all(w.startswith("ال") for w in words) or role_description(speaker):
        return None
    head, nisba = words[0][2:], nisba_of(words[1][2:])
    if not nisba or not (body_noun(head) or head in _INSTITUTIONS):
        return None
    lo = max(0, pos - _BODY_REACH)
    folded = fold_match_in_place_span(text, lo, pos)
    if head not in folded:
        return None  # the cheap check first
    names: dict[str, tuple[int, int]] = {}
    fits = False
    for m in word_matches(_body_noun(head), folded, head, 0, 2):
        start = lo + m.end() - len(head)
        after = start + len(head)
        quoted = re.match(r'\s*["«“]\s*([^"«»“”\n]{2,40}?)\s*["»”]', text[after : after + 60])
        if quoted is not None:
            end, name = after + quoted.end(), quoted.group(1)
        else:
            ent = next((x for x in ents if x.type == "ORG" and after < x.start <= after + 2), None)
            if ent is None:
                continue
            end, name = ent.end, ent.text
        names[fold_match(name)] = (start, end)
        adjective = sp.tokens(text, end, end + 40)[:1]
        if adjective and adjective[0][1].startswith("ال") and nisba_of(adjective[0][1][2:]) == nisba:
            fits, span = True, (start, adjective[0][3])
    if len(names) != 1 or not fits:
        return None
    return Speaker(text=text[span[0] : span[1]], canonical=fold_match(text[span[0] : span[1]]), type="ORG")


_ROLE_REACH = 3000  # characters back to the mention that gave the role its holder's name
_ROLE_GAP = 6  # words between the role noun and the name: its adjectives, genitives, a لـ complement
_ROLE_STOPS = fold_set("في من على عن إلى الى مع بعد قبل منذ خلال أن إن")


def role_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A bare person noun with the article ("الفنانة"، "القاضي"، "المدرب") stands for the one person the article
    named right after that noun before ("الفنانة الكبيرة مديحة يسري"، "للكاتبة سميرة المسالمة"، "القاضي جيرالد
    ليبوفيتس"، in construct "مدرب منتخب إيسلندا لكرة القدم هيمير هالغريمسون"): the person version of
    :func:`construct_body`, the name closing the noun's own phrase. None when the article gave the noun two people,
    or for a body, document or group noun, or a surname ("المالكي")."""
    words = _words(speaker.text) if speaker is not None else []
    if len(words) != 1 or not words[0].startswith("ال") or len(words[0]) < 5 or words[0].endswith(("ون", "ين", "ات")):
        return None
    head, masculine = words[0][2:], words[0][:-1] if words[0].endswith("ه") else words[0]
    person = {words[0], masculine} & (sp.TITLES | sp.RANKS) or role_description(speaker) or role_description(
        Speaker(text=masculine, canonical=masculine)) or person_noun(speaker.text)  # "القاضي"، "الكاتب"، "الفنانة"
    if not person or not speaker.text.startswith("ال") or body_noun(head) or head in _INSTITUTIONS or stem(
            head) in sp.DOCS or head in _STUDIES or any(
            x.type == "PERS" and words[0] in fold_match(x.text).split() for x in ents):
        return None  # "الوزارة" is no person; "المالكي" is a name; "إليسا" no noun with the article
    lo = max(0, pos - _ROLE_REACH)
    folded = fold_match_in_place_span(text, lo, pos)
    if head not in folded:
        return None  # the cheap check first: no mention of the noun before
    names: dict[str, Entity] = {}
    for m in word_matches(_role_noun(head), folded, head, 0, 3):
        name = _name_closing(text, lo + m.end(), pos, ents)
        if name is not None:
            names[fold_match(name.text).split()[-1]] = name  # one person by the surname
    if len(names) != 1:
        return None  # none, or two people given the noun: which one is unsaid
    name = next(iter(names.values()))
    return Speaker(text=name.text, canonical=name.canonical, type="PERS")


@lru_cache(maxsize=256)
def _role_noun(head: str) -> re.Pattern:
    """The person noun ``head`` (folded) as a word of its own: bare, with the article, or after ل (لل)."""
    return re.compile(rf"(?<![^\s\"«“(])[وفب]?(?:ال|لل|ل)?{re.escape(head)}(?=[\s،,])")


def _name_closing(text: str, at: int, limit: int, ents: list[Entity]) -> Entity | None:
    """The person named at the end of the phrase a role noun ending at ``at`` opens: within ``_ROLE_GAP`` words, only
    commas, definite words, a لـ complement or a place between (not "في محكمة نيويورك الدعوى التي رفعتها مادونا")."""
    people = [x for x in ents if x.type == "PERS" and at <= x.start < min(limit, at + 160)]
    if not people:
        return None
    first = min(people, key=lambda x: x.start)
    if first.text[:1] in "ولب" or first.text.startswith("ال") or fold_match(first.text.split()[0]) in _ROLE_STOPS:
        return None  # "ومحمد حماقي"، "لبي بي سي"، "البلجيكي"، "على ترامب": a clitic, adjective or preposition
    between = sp.tokens(text, at, first.start)
    if len(between) > _ROLE_GAP or any(t[1] in ".:؟!\n" or t[1] in _ROLE_STOPS or t[1] in sp.RELATIVES or not (
            t[1] in "،," or t[1].startswith(("ال", "ل")) or n < 2 or sp.in_entity(ents, t[2]))
            for n, t in enumerate(between)):
        return None
    return first
