"""Persons behind a description: a role noun ("اللاعب السويسري"، "الخبير المالي") or a definite title the article
gave a named person ("مارغريت فيستاجير، المفوضة الأوروبية ...") stands for that person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.described_words import body_noun, folded_words, nisba_of, person_noun, role_description
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (
    ANAPHORS,
    COND_PREPS,
    DEFINITE,
    DOCS,
    OUTLETS,
    QUANTIFYING_OR_KIN,
    RANKS,
    stem,
    verb_without_conjunction,
    without_conjunction,
)
from pipeline.nlp.title_holders import compound_holder, construct_body, family_holder, named_body_holder, role_holder
from pipeline.text.normalise import fold_match, fold_match_in_place, fold_match_in_place_span

_words = folded_words


def in_name(ents: list[Entity], pos: int) -> bool:
    """Whether a named entity starts at ``pos``."""
    return any(x.start == pos for x in ents)


def definite_phrase(speaker: Speaker | None) -> bool:
    """One to three definite words without a name: a noun with its adjectives ("المفوضة الأوروبية")."""
    words = _words(speaker.text) if speaker is not None else []
    return 1 <= len(words) <= 3 and all(w.startswith("ال") and len(w) > 3 for w in words)  # not "آل الشيخ"


_QUOTED_NAME = re.compile(r"\S+(?P<words>(?:\s+ال\S+){0,3})\s*[\"«“](?P<name>[^\"«»“”]+)[\"»”]")


def quoted_name(text: str, span: tuple[int, int]) -> re.Match | None:
    """A noun and the quoted name it introduces: right after it ("مجموعة "طيران الإمارات"") or after its definite
    words ("موقع التواصل الاجتماعي "إنستغرام""), there only a short name without the article, not a phrase quoted
    after an adjective ("الحكومة العراقية "بتطهير المنطقة"")."""
    m = _QUOTED_NAME.match(text, span[0], span[1])
    if m is None or not m.group("words"):
        return m
    words = [fold_match(w) for w in m.group("name").split()]
    return m if len(words) <= 3 and not any(w.startswith("ال") for w in words) else None


def described_complement(words: list[str]) -> bool:
    """A definite noun with its definite adjectives and one complement of ل/ب in construct with a definite noun:
    "الاتحاد الجزائري لكرة القدم"، "التحالف العسكري بقيادة السعودية" (the name of a body, no clause: no verb
    or indefinite object follows the complement)."""
    k = next((n for n, w in enumerate(words) if not w.startswith("ال")), len(words))
    if 2 <= k < len(words) - 1 and len(words) <= 6 and words[k].startswith("لل") and len(words[k]) > 4 and all(
            w.startswith("ال") for w in words[k + 1 :]):
        return True  # "المجلس الوزاري للأمن الوطني العراقي": ل with a definite noun and its adjectives (not
    # "الحزب الموالي للحكومة", "الاتحاد الروسي للعبة": a bare ل-complement describes the body, it does not name it)
    return 2 <= k and k + 2 <= len(words) <= min(k + 3, 5) and words[k][:1] in "لب" and not words[k].startswith((
        "لل", "بال")) and len(words[k]) > 3 and all(w.startswith("ال") and len(w) > 3 for w in words[k + 1 :])
    # one definite word after the complement's noun: "المرصد السوري لحقوق الإنسان المعارض"


def described_person(text: str, speaker: Speaker, pos: int, ents: list[Entity],
                     apposed_only: bool = False) -> Speaker | None:
    """The latest person before ``pos`` whose name has the description's head noun as its title: "المدرب الألماني
    يورغن كلوب" or "علي أبودشيش، الباحث الأثري" for "المدرب الألماني" / "الباحث". Not when the article names a
    body with that head ("المرصد السوري ..." for "المرصد"), nor a person titled with another nationality. A title
    in construct after the name ("كيرستين نيلسن، وزيرة الأمن الداخلي") counts only when no other person carries
    the head ("يورغن كلوب، مدرب ليفربول" ... "زين الدين زيدان، مدرب ريال مدريد": which coach is unsaid).
    ``apposed_only``: for a head no word class marks as a role, only a title after the name and its comma
    ("مارغريت فيستاجير، المفوضة الأوروبية"): "في الدراسة ساني بيترز" has the noun as a genitive, not a title."""
    words = [w[2:] for w in _words(speaker.text)]
    head, nisba = words[0], {nisba_of(w) for w in words[1:] if nisba_of(w)}
    if any(x.type == "ORG" and _words(x.text)[:1] in ([head], [f"ال{head}"]) for x in ents):
        return None
    own = text.rfind(speaker.text, max(0, pos - 300), pos) if apposed_only else -1
    pos = own if own >= 0 else pos  # a title before the description, not in its clause ("ورد الصحفي على ترامب")
    found = [(x, kind) for x in sorted((x for x in ents if x.type == "PERS" and x.end <= pos), key=lambda x: -x.start)
             if (kind := _titled_memo(text, x, head, nisba))]
    if not found:
        return None
    x, kind = found[0]
    comma = re.match(r"\s*[،,]\s*", text[x.end : x.end + 4])
    if apposed_only and not (kind == "title" and _opens_clause(text, x.start, _words(speaker.text))) and (
            kind not in ("apposed", "construct") or comma is None or in_name(ents, x.end + comma.end())):
        return None  # "محي الدين"، "نجاد البرعي": a name NER cut; "بارنييه، المملكة المتحدة": his object
    if apposed_only and kind == "construct" and text[x.start] == "و" and any(
            y.type == "PERS" and 0 <= x.start - y.end <= 1 for y in ents):
        return None  # "نارسيو فالينا رودريغز وسريكانث سنداريسان، دراسة ملخصها": two names and their object
    people = {_words(y.text)[-1] for y, _ in found}
    lead = _apposition_lead(text, x) if kind == "title" else None
    start, end = (x.start, x.end) if lead is None else (_first_name(text, lead, x.start), _closing(text, x.end))
    return sp.build_speaker(text, start, end, ents, []) if kind != "construct" or len(people) == 1 else None


def _first_name(text: str, lead: int, start: int) -> int:
    """The name's start with a first name NER left out after the apposition's comma ("، أنس إبراهيم عبيد")."""
    toks = [t for t in sp.tokens(text, lead, start) if not t[1].startswith("ال")]
    return toks[0][2] if toks else start


def _opens_clause(text: str, name: int, words: list[str]) -> bool:
    """Whether the definite title before the name at ``name`` holds every word of the description and follows a
    reporting verb or a mark ("أعلنت المغنية النمساوية كونشيتا فورست" for "المغنية"): the subject's title, not
    a genitive ("في الدراسة ساني بيترز"); "الممثلة روز ماغوين" is not "الممثلة الإيطالية"."""
    before = sp.tokens(text, max(0, name - 80), name)
    k = len(before)
    while k > 0 and before[k - 1][1].startswith("ال") and before[k - 1][1].isalpha():
        k -= 1
    held = {t[1] for t in before[k:]}
    if 0 < k < len(before) and before[k - 1][1] == words[0][2:]:
        k -= 1  # "اعتذرت عارضة الأزياء جيجي حديد" for "العارضة": the head in construct with the title's noun
        held.add(words[0])
    return k < len(before) and set(words) <= held and (
        k == 0 or before[k - 1][1] in LEX or not before[k - 1][1].isalpha() or _opening_verb(text, before[k - 1]))


def _opening_verb(text: str, token: tuple) -> bool:
    """The sentence's first word, no particle or noun with the article: the verb of a verb-first sentence, whose
    subject the title and name after it are ("اعتذرت عارضة الأزياء جيجي حديد")."""
    opens = not text[sp.sentence_start(text, token[2] + 1) : token[2]].strip()
    return opens and token[1].isalpha() and not token[1].startswith("ال") and without_conjunction(
        token[1], COND_PREPS) not in COND_PREPS


# (article, name span, head, nationalities) -> ``_titled``: every description in an article asks each person named
# before it, so most questions repeat (~74 % on the seed articles, ~56 % on real news). Keyed by the article text
# itself (a str hashes once; a hit compares by identity first). Cleared past the bound, like the word caches.
_TITLED: dict[tuple[str, int, int, str, str, frozenset[str]], str] = {}
_TITLED_MAX = 4096


def _titled_memo(text: str, x: Entity, head: str, nisba: set[str]) -> str:
    """``_titled``, answered once per article, name and description."""
    key = (text, x.start, x.end, x.text, head, frozenset(nisba))
    kind = _TITLED.get(key)
    if kind is None:
        if len(_TITLED) >= _TITLED_MAX:
            _TITLED.clear()
        kind = _TITLED[key] = _titled(text, x, head, nisba)
    return kind


def _titled(text: str, x: Entity, head: str, nisba: set[str]) -> str:
    """How the person ``x`` carries the title ``head``: before the name ("title"), after it ("apposed"), after it
    in construct ("construct": "، وزيرة الأمن"); "" when not, or with another nationality than ``nisba``."""
    name = _words(x.text)
    before = sp.tokens(text, max(0, x.start - 60), x.start)[-4:]
    title = []  # the definite words right before the name: "المدرب الألماني"
    lead = _apposition_lead(text, x)
    if lead is not None:  # "الخبير الحقوقي، عبد العزيز الخميس،": the title before the comma, nationalities after
        toks = sp.tokens(text, max(0, x.start - 160), x.start)
        comma = max(n for n, t in enumerate(toks) if t[1] in ("،", ","))
        before, title = toks[max(0, comma - 4) : comma], [t[1][2:] for t in toks[comma + 1 :] if nisba_of(t[1][2:])]
        k = next((k for k in range(comma - 1, max(-1, comma - 9), -1) if not toks[k][1].isalpha() or toks[k][1] in (
            head, f"ال{head}")), -1)  # "الناطقة باسم مكتب تنسيق الشؤون الإنسانية، ليندا توم،": a longer title
        if k >= 0 and toks[k][1].isalpha():
            title += [t[1][2:] for t in toks[k + 1 : comma] if t[1].startswith("ال")]
            before = toks[max(0, k - 1) : k + 1]  # "مدير المرصد، رامي عبد الرحمن": a genitive, no title
    for n in range(len(before) - 1, -1, -1):
        if not before[n][1].startswith("ال") or not before[n][1].isalpha():
            if before[n][1] == head:
                title.insert(0, head)  # "وزير المالية البريطاني فيليب هاموند" for "الوزير البريطاني"
            elif before[n][1] in sp.TITLES:
                title = []  # "مدير المرصد رامي عبد الرحمن": the body is a genitive, not his title
            break
        title.insert(0, before[n][1][2:])
    after = [t[1] for t in sp.tokens(text, x.end, x.end + 30)[:2]]
    comma = after[:1] in (["،"], [","])
    kind = "title" if title[:1] == [head] and text[x.start] != "ل" else (  # not "لبي بي سي"
        "apposed" if after[:1] == [f"ال{head}"] or comma and after[1:2] == [f"ال{head}"] else
        "construct" if comma and after[1:2] == [head] else "")
    if len(name) < 2 and (lead is None or _first_name(text, lead, x.start) == x.start) or not kind:
        return ""
    other = {nisba_of(w[2:]) for w in name if w.startswith("ال") and nisba_of(w[2:])}
    other |= {nisba_of(w) for w in title[1:] if nisba_of(w)}
    return "" if nisba and other and not nisba & other else kind  # "اللاعب الأمريكي أندريه أغاسي" ≠ "السويسري"


def _apposition_lead(text: str, x: Entity) -> int | None:
    """Where the name ``x`` opens an apposition closed after it ("وقال مدرب العين، الكرواتي زوران ماميتش، إن"،
    "القيادي العسكري، أنس إبراهيم عبيد،"): the offset after the comma (its nationality, a rank or a first name NER
    left out come before the name), None when the name is not between a comma and a closing mark."""
    toks = sp.tokens(text, max(0, x.start - 60), x.start)[-4:]
    comma = next((n for n in range(len(toks) - 1, -1, -1) if toks[n][1] in ("،", ",")), None)
    if comma is None or _closing(text, x.end) is None:
        return None
    between = [t[1] for t in toks[comma + 1 :]]
    bare = [w for w in between if not w.startswith("ال")]
    if len(bare) > 1 or not all(w.isalpha() for w in between) or not all(
            w in RANKS or nisba_of(w[2:]) for w in between if w.startswith("ال")) or set(bare) & sp.TITLES:
        return None
    return toks[comma][3]


def _closing(text: str, end: int) -> int | None:
    """The end of a name ending at ``end`` that closes an apposition: at most two words NER left out before its
    comma, colon or sentence mark ("عبد العزيز| الخميس، إن")."""
    m = re.match(r"(?:\s+[^\s،,.:\"«“]+){0,2}(?=\s*[،,.:\n])", text[end : end + 40])
    return end + m.end() if m is not None else None


def nationality_holder(text: str, speaker: Speaker, pos: int, ents: list[Entity],
                       spoke: list[Speaker]) -> Speaker | None:
    """ "المسؤول البحريني" after "الرئيس التنفيذي لمجلس التنمية الاقتصادية البحريني، خالد الرميحي": a generic
    person noun (``ANAPHORS``) or a role noun ("المدرب الإسباني" after "الإسباني روبرتو مارتينيز، المدير الفني
    لبلجيكا") with a nationality stands for the one person the article titled with it, in the title
    right before the name or in apposition after it, and who spoke before (``spoke``: earlier speakers; not the
    dam's manager of "مدير مشروع سد النهضة الإثيوبي" whose death the police explain); None when two people carry
    it ("المسؤول الأمريكي")."""
    words = _words(speaker.text)
    if len(words) == 3 and role_description(speaker) and nisba_of(words[2][2:]):
        words = [words[0], words[2]]  # "المدير الفني الألماني": a role noun with its adjective, then the nationality
    if len(words) != 2 or not (words[0] in ANAPHORS - RANKS or role_description(speaker)) or not nisba_of(
            words[1][2:]):
        return None  # "الفريق النرويجي": a team, not a general; "المدرب الإسباني": "الإسباني روبرتو مارتينيز"
    folded = fold_match_in_place_span(text, 0, pos)
    if words[0] not in ANAPHORS and (re.search(rf"(?<!\S){words[0]}\s+{words[1]}\s+ل", folded) or any(
            m.group(1) in sp.TITLES for m in re.finditer(rf"(\S+)\s+{words[0]}(?!\S)", folded))):
        return None  # "المرصد السوري لحقوق الإنسان"، "مدير المرصد": the head names a body here, not a person
    if re.search(rf"(?<!\S){words[0][2:]}[هة]?\s+{words[1][2:]}", folded):
        return None  # "وقال مسؤول أميركي ... وأوضح المسؤول الأميركي": the unnamed one introduced indefinite
    people: dict[str, Entity] = {}
    for x in (x for x in ents if x.type == "PERS" and x.end <= pos and len(_words(x.text)) > 1):
        before = [t[1] for t in sp.tokens(text, max(0, x.start - 80), x.start)[-7:]]
        after = [t[1] for t in sp.tokens(text, x.end, x.end + 80)[:8]]
        lead = before[:-1] if before[-1:] == ["،"] else before  # "... البحريني، خالد الرميحي": apposed before
        title = lead[len(lead) - lead[::-1].index("،"):] if "،" in lead else lead  # not past another comma
        apposed = after[1 : after.index("،", 1)] if after[:1] == ["،"] and "،" in after[1:] else []
        if words[1] in title or words[1] in apposed:
            people[_words(x.text)[-1]] = x
    if len(people) != 1 or not any(next(iter(people)) in _words(k.text) for k in spoke):
        return None
    x = next(iter(people.values()))
    return sp.build_speaker(text, x.start, x.end, ents, [])


def member_of(text: str, speaker: Speaker, pos: int, ents: list[Entity]) -> Speaker | None:
    """ "نجم ليفربول" (a noun in construct with a named body, no name) after "محمد صلاح، مهاجم ليفربول": the one
    person the article titled, in apposition after the name's comma, with a noun in construct with that same body;
    None when two people carry such a title ("مدرب ليفربول"، "لاعب ليفربول")."""
    words = speaker.text.split()
    body = next((x for x in ents if x.type == "ORG" and x.end <= pos and x.text == " ".join(words[1:])), None)
    if len(words) < 2 or body is None or fold_match(words[0]).startswith(("ال", "و")):
        return None
    title = re.compile(rf"[،,]\s*[^\sال]\S*\s+{re.escape(body.text)}(?=[\s،,.:]|$)")
    tied = {_words(x.text)[-1]: x for x in ents if x.type == "PERS" and x.end <= pos and len(_words(x.text)) > 1
            and title.match(text, x.end)}
    if len(tied) != 1:
        return None
    x = next(iter(tied.values()))
    return sp.build_speaker(text, x.start, x.end, ents, [])


_CONTRAST = sp.fold_set("لكن ولكن غير بينما فيما أما بدوره بدورها")


def in_contrast(word: str) -> bool:
    """A sentence opener of contrast ("لكن"، "وبدوره"): the sentence turns to another person."""
    return word in _CONTRAST or word[:1] in "وف" and word[1:] in _CONTRAST


_CITING = sp.fold_set("بحسب حسب وفق وفقا")


def citing(verb: str) -> bool:
    """ "بحسب"، "وبحسب"، "وفقا"، "ووفق": a source cited (the ف and و of وفق/وفقا are no conjunction)."""
    word = fold_match(verb)
    return without_conjunction(word, _CITING) in _CITING
_REACH = 1500  # characters from the statement before to the description: the same passage


def continued_person(text: str, speaker: Speaker, pos: int, earlier: list, ents: list[Entity],
                     verb: str = "", head: str = "") -> Speaker | None:
    """A role description no titled name resolved ("وقال المدرب الفرنسي" after "ويقول فينغر إن"، "وأشار الممثل"
    after "أوضح فهد أن") continues the named person who made the statement just before: news refers back to the
    one it is quoting by his role. Not when another person is named between (outside the quoted words: "وجاءت
    تصريحات هازارد ... وقال اللاعب البلجيكي"), when the sentence opens in contrast ("لكن المدرب البرتغالي قال"
    after Conte: the other one), nor when gender or a nationality the article gives the person disagree. ``head``:
    the noun of a description in construct (``construct_continues``), whose adjectives describe its genitive."""
    prev = next((st for st in reversed(earlier) if st.speaker is not None), None)
    person = prev.speaker if prev is not None else None
    construct, head = bool(head), head or _words(speaker.text)[0][2:]
    if person is None or pos - prev.start > _REACH or not (
            _a_name(person, earlier, ents, text) or _titled_name(person, head, ents)) or citing(verb):
        return None  # "وبحسب الإدعاء": a source cited, not the one quoted before
    at = text.rfind(speaker.text, prev.start, pos)
    pos = at if at > 0 else pos  # the description itself, not its content
    first = prev.start
    for st in reversed(earlier):  # from the first of the statements the person made in a row
        if st.speaker is not None and st.speaker.canonical != person.canonical:
            break
        first = min(first, st.start)
    last = _words(person.text)[-1]
    between = fold_match_in_place_span(text, first, pos).replace(fold_match_in_place(speaker.text), " ")
    if any(last not in between[max(0, m.start() - 40) : m.end() + 40] for m in re.finditer(
            rf"(?<![^\sوفبل]){re.escape(head)}ه?(?!\S)", between)):
        return None  # "وأضاف: "... إعلان الرئيس ترامب ..." وقال الرئيس الأمريكي": the role named in between
    opener = [t[1] for t in sp.tokens(text, sp.sentence_start(text, pos), pos)[:2]]
    if opener and in_contrast(opener[0]) and not (
            opener[0].endswith("اما") and opener[1:] and opener[1] in sp.COND_PREPS):
        return None  # "أما عن الانتقادات ...، فقال اللاعب": a topic, no other person
    quoted = [(st.start, st.end) for st in earlier]
    if any(x.type == "PERS" and prev.start <= x.start < pos and last not in _words(x.text) and not any(
            s <= x.start < e for s, e in quoted) for x in ents):
        return None
    words = _words(speaker.text)
    fem = words[0].endswith("ه")
    verb = verb_without_conjunction(prev.verb)
    if verb.endswith(("وا", "ون", "ين")) or fem != (verb.endswith(("ت", "ه")) or verb[:1] == "ت"):
        return None  # "قالوا": a group; "وقالت X ... وقال الممثل": someone else
    nisba = {nisba_of(w[2:]) for w in words[1:] if nisba_of(w[2:])} if not construct else set()
    given = _nationalities(text, last, pos)
    if nisba and given and not nisba <= given:
        return None  # "المدرب البرتغالي" is not "الإيطالي أنطونيو كونتي"
    return person


_GENITIVE_STOPS = sp.fold_set("باسم عن في من على لدى مع")  # "متحدث باسم الشركة": a new person, no construct


def construct_continues(text: str, speaker: Speaker | None, pos: int, earlier: list, ents: list[Entity],
                        verb: str = "") -> Speaker | None:
    """A person described by a noun in construct, no name in it ("وأضاف نجم "مسرح مصر""، "وأكدت نجمة بوليوود"،
    "وعلق لاعب أرسنال الإنكليزي"), continues the named person quoted just before (:func:`continued_person`, its
    guards): the construct is definite, one the reader already knows. Its noun is a singular person noun (the learned
    word classes of ``described_words``: "نجم"، "لاعب"، "رئيس"), not a body, document, source or spokesman
    noun ("مكتب"، "بيان"، "مصدر"، "متحدث باسم"), a count or kin ("أحد"، "والد اللاعب": another person), an
    indefinite noun with an adjective ("مسؤول أمريكي": someone new) or a phrase holding a name."""
    words = _words(speaker.text) if speaker is not None else []
    if speaker is None or not 2 <= len(words) <= 3:
        return None
    head, genitive = words[0], words[1]
    person = person_noun("ال" + head) or role_description(Speaker(text="ال" + head, canonical=head))
    if head.startswith("ال") or not head.isalpha() or len(head) < 3 or not person or stem(head) in DOCS or body_noun(
            head) or (
            head.startswith(QUANTIFYING_OR_KIN) or "ال" + head in _BACK_REFERENCES or head in _ONE_SOURCE | _ANY_SOURCE
            or head in sp.RELATIVES or genitive in _GENITIVE_STOPS or nisba_of(genitive) and not genitive.startswith(
                "ال") or any(x.type == "PERS" and fold_match(x.text) in fold_match(speaker.text) for x in ents)):
        return None
    at = text.rfind(speaker.text, max(0, pos - 400), pos + 1)  # not found: carried from a statement further back
    if at >= 0 and any(x.type == "PERS" and 0 <= x.start - (at + len(speaker.text)) <= 2 for x in ents):
        return None  # "طالب وزير الأمن الإسرائيلي جلعاد أردان": named right there, in apposition
    opener = [t[1] for t in sp.tokens(text, sp.sentence_start(text, at), at)[:2]] if at >= 0 else []
    if opener[:1] == ["من"] and opener[1:] and opener[1].startswith(_OTHER_SIDE):
        return None  # "من جهته، طالب وزير ...": the passage turns to another person
    return continued_person(text, speaker, pos, earlier, ents, verb, head=head)


_OTHER_SIDE = ("جهت", "جانب", "ناحيت")  # "من جهته"، "من جانبها"، "من ناحيته"


def _a_name(person: Speaker, earlier: list, ents: list[Entity], text: str = "") -> bool:
    """A person's name: a PERS entity, or words of one ("فينغر" of "أرسين فينغر"), of an earlier speaker's name
    after his title ("كلوب" of "المدير الفني لليفربول، يورغن كلوب") or of a name the article tags ("#عابد_فهد" for
    "فهد"); no definite word, title or word with a pronoun ("خالها عمرو الحريري")."""
    words = _words(person.text)
    if not 1 <= len(words) <= 4 or words[0].endswith("ه") or any(
            w.startswith("ال") or w in sp.TITLES or w in ANAPHORS or w.endswith(("ها", "هم")) for w in words):
        return False
    tagged = re.search(rf"#[^\s#]+_{re.escape(person.text.split()[-1])}(?![^\s_.,،])", text) is not None
    return person.type == "PERS" or person.type is None and (tagged or any(
        x.type == "PERS" and words[-1] in _words(x.text) for x in ents) or any(
        st.speaker is not None and words[-1] in _words(st.speaker.text) and any(
            w in sp.TITLES for w in _words(st.speaker.text)) for st in earlier))


def _titled_name(person: Speaker, head: str, ents: list[Entity]) -> bool:
    """A person's name after a title with the description's head noun ("المدير الفني لمنتخب مصر هيكتور كوبر" for
    "المدير الفني الأرجنتيني"): the speaker ends with a name NER tagged a person, of two words at least, and opens
    with the head, with or without the article (not "وزير الخارجية مايك بومبيو" for "الرئيس", nor "مدير المرصد،
    رامي عبد الرحمن" for "المرصد": a body in the title is no title)."""
    words = _words(person.text)
    name = next((_words(x.text) for x in ents if x.type == "PERS" and len(_words(x.text)) > 1 and
                 words[-len(_words(x.text)) :] == _words(x.text)), None)
    return name is not None and len(name) < len(words) and words[0] in (head, f"ال{head}")


def _nationalities(text: str, name: str, pos: int) -> set[str]:
    """Nationalities the article gives the person ``name`` before ``pos`` (the two words before or after each
    mention: "الفرنسي كريم بنزيما"، "فينغر الفرنسي")."""
    found: set[str] = set()
    folded = fold_match_in_place_span(text, 0, pos)
    for m in re.finditer(rf"(?<!\S){re.escape(name)}(?!\S)", folded):
        near = sp.tokens(text, max(0, m.start() - 40), m.start())[-3:] + sp.tokens(text, m.end(), m.end() + 30)[:2]
        found |= {nisba_of(t[1][2:]) for t in near if t[1].startswith("ال") and nisba_of(t[1][2:])}
    return found


_COMPANY_NOUNS = sp.fold_set("الشركة المجموعة الشبكة المنصة")


def body_spoke_before(speaker: Speaker, pos: int, earlier: list, ents: list[Entity]) -> Speaker | None:
    """A bare body noun no earlier mention resolved, right after a statement of a body named in full: the same noun
    with its name ("وزارة الاستثمار والتعاون الدولي المصرية" for "وأوضحت الوزارة"، "السفارة الروسية في لندن" for
    "وأضافت السفارة"), or for "الشركة"، "المجموعة"، "الشبكة"، "المنصة" a body named by its own name that spoke with a
    feminine verb ("وأعلنت "فودافون""، "وتشير تويتر"، "قالت سلسلة مطاعم كنتاكي"), which NER often misses or takes for
    a person ("تويتر"). Not a person's name (two words of a PERS entity, "قال مارتن": a masculine verb), a title,
    a description, a document or an outlet ("موقع "مشابل""، "البوابة العربية ...")."""
    words = _words(speaker.text)
    prev = next((st for st in reversed(earlier) if st.speaker is not None), None)
    if len(words) != 1 or prev is None or pos - prev.start > _REACH:
        return None
    name, verb = _words(prev.speaker.text), verb_without_conjunction(prev.verb)
    if 1 < len(name) <= 8 and name[0] in (words[0], words[0][2:]):
        if len(name) > 2 and not name[-1].startswith(("ال", "لل", "بال")) and nisba_of(name[-2][2:]) and \
                name[-2].startswith("ال") and name[-1].isalpha() and not any(name[-1] in _words(x.text) for x in ents):
            return None  # "وزارة البترول والثروة المعدنية قائمة": an object glued after the adjective, not a name
        return prev.speaker  # the same noun, named
    if words[0] not in _COMPANY_NOUNS or not 1 <= len(name) <= 5 or name[0].startswith("ال") or not (
            verb.endswith(("ت", "ه")) or verb[:1] == "ت"):
        return None
    if name[0] in sp.OUTLET_HEADS or stem(name[0]) in sp.DOCS or prev.speaker.type == "PERS" and len(
            name) > 1 or any(w in sp.TITLES or w in ANAPHORS for w in name):
        return None
    return prev.speaker


_BACK_REFERENCES = sp.fold_set("المتحدث المتحدثة الناطق الناطقة")  # "المصدر" stays as written: the labelled convention
_SAME = sp.fold_set("نفسه ذاته عينه نفسها ذاتها عينها")


def source_spoke_before(speaker: Speaker | None, pos: int, earlier: list) -> Speaker | None:
    """A bare "the spokesman" ("وأكد المتحدث"، "وقال الناطق نفسه") that no earlier mention resolved is the one just
    quoted: the latest statement before it, within the passage, whose speaker has that head noun, else the latest
    statement's speaker that is no outlet ("قال مصدر طبي في مكتب الصحة بعدن ... وأكد المتحدث")."""
    words = _words(speaker.text) if speaker is not None else []
    if not 1 <= len(words) <= 2 or words[0] not in _BACK_REFERENCES or len(words) == 2 and words[1] not in _SAME:
        return None
    recent = [st.speaker for st in reversed(earlier) if st.speaker is not None and pos - st.start <= _REACH and
              _words(st.speaker.text)[:1] != words[:1]]
    recent = [s for s in recent if stem(_words(s.text)[0]) not in OUTLETS]  # not the relay ("رويترز")
    same = next((s for s in recent if _words(s.text)[:1] in ([words[0]], [words[0][2:]])), None)
    return same or (recent[0] if recent else None)


_SAME_BEFORE = sp.fold_set("نفس")
_ANY_SOURCE = sp.fold_set("مصادر")  # "the same sources": whoever the passage cited last
_ONE_SOURCE = sp.fold_set("مصدر")  # "المصدر" (نفسه) stays as written: the labelled set's convention


def same_as_before(speaker: Speaker | None, pos: int, earlier: list) -> Speaker | None:
    """ "الموقع نفسه"، "نفس المسؤول"، "المرصد ذاته": "the same" one is the one the passage quoted before: the latest
    statement before it, within the passage, whose speaker opens with that noun and names more ("موقع "لي مسلم
    بوست""، "مسؤول أمريكي"); for "المصادر" else the latest speaker that is no outlet; None when there is none, and
    for "المصدر نفسه", which the labelled set's convention keeps as written ("المصدر")."""
    words = _words(speaker.text) if speaker is not None else []
    if len(words) != 2:
        return None
    noun = words[0] if words[1] in _SAME else words[1] if words[0] in _SAME_BEFORE else ""
    if not noun.startswith("ال") or len(noun) < 4 or noun[2:] in _ONE_SOURCE:
        return None
    recent = [st.speaker for st in reversed(earlier) if st.speaker is not None and pos - st.start <= _REACH and
              not set(_words(st.speaker.text)) & (_SAME | _SAME_BEFORE)]
    named = next((s for s in recent if _words(s.text)[0] in (noun, noun[2:]) and len(_words(s.text)) > 1), None)
    if named is not None or noun[2:] not in _ANY_SOURCE:
        return named
    return next((s for s in recent if stem(_words(s.text)[0]) not in OUTLETS), None)


def _name_alone(x: Entity, ents: list[Entity], earlier: list, pos: int) -> bool:
    """A one-word "person" no longer name before ``pos`` holds ("أرباح فيسبوك" later is the tagger's glue), nor a
    speaker of a masculine verb before ("فيسبوك"، "وتشير تويتر"; not "وقال مارتن"): a company NER takes for one."""
    word = fold_match(x.text)
    return " " not in x.text.strip() and not any(
        y.type == "PERS" and " " in y.text.strip() and word in fold_match(y.text).split() and y.start < pos
        for y in ents) and not any(
        st.speaker is not None and word in _words(st.speaker.text) and not _feminine(st.verb) for st in earlier)


def _feminine(verb: str) -> bool:
    return (form := LEX.get(verb_without_conjunction(verb))) is not None and form.fem


_COMPANY_REACH = 600  # characters back to the company's name: the passage before


def company_named_before(speaker: Speaker, pos: int, ents: list[Entity], earlier: list) -> Speaker | None:
    """A bare "الشركة" nothing else resolved, for the company the passage before names by its own name, an
    organisation NER found or a lone name it took for a person ("تراجعت أسهم فيسبوك ... وقالت الشركة"، "في دبليو
    بي بي ... قالت الشركة"; "المجموعة"، "الشبكة" and "المنصة" too, and with the object glued after them: "ونفت الشركة
    الادعاءات"): the nearest one ("إل جي" too); not a body noun's phrase ("وزارة المالية"), a title, a company noun
    or an outlet."""
    words = _words(speaker.text)
    if not words or words[0] not in _COMPANY_NOUNS or len(words) > 2 or words[1:] and (
            not words[1].startswith("ال") or nisba_of(words[1][2:])):
        return None  # "الشركة الصينية": a nationality the name would have to match; "الشركة المستثمرين": its object
    named = [x for x in ents if pos - _COMPANY_REACH <= x.start and x.end <= pos and (
        x.type == "ORG" or x.type == "PERS" and _name_alone(x, ents, earlier, pos))]
    for x in reversed(named):
        first = fold_match(x.text.split()[0])
        prefixed = first.startswith(("ال", "و", "ل", "ب")) and len(first) > 2  # "إل جي" has no article
        if len(x.text.split()) <= 3 and x.text[:1].isalpha() and not prefixed and first not in sp.TITLES and \
                not body_noun(first) and first not in OUTLETS and "ال" + first not in _COMPANY_NOUNS:
            return Speaker(text=x.text, canonical=x.canonical, type="ORG")
    return None



def apposed_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """The one named person the article gave the description: word for word (``_phrase_holder``) or by a title of
    the family of its general noun (``family_holder``: "المسؤول السابق" for "وزير النفط المصري الأسبق، أسامة
    كمال")."""
    return _phrase_holder(text, speaker, pos, ents) or family_holder(text, speaker, pos, ents) or construct_body(
        text, speaker, pos, ents) or compound_holder(text, speaker, pos, ents) or named_body_holder(
        text, speaker, pos, ents) or role_holder(text, speaker, pos, ents)


def _phrase_holder(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """A description of two words or more that the article gave one named person word for word, in apposition after
    the name ("سعود القحطاني، المستشار بالديوان الملكي السعودي" for "وكان المستشار بالديوان الملكي قد كشف"، "أمير
    كرارة بطل المسلسل" for "بطل المسلسل") or as the title opening the clause right before it, nationalities
    between: that person. Not a body, document or outlet noun ("المتحدث باسم الخارجية الأمريكية هيذر نويرت" does
    not make the ministry its spokeswoman), nor a phrase two people carry."""
    words = _words(speaker.text) if speaker is not None else []
    if not 2 <= len(words) <= 5 or not words[0].isalpha() or not words[-1].startswith(DEFINITE):
        return None  # a description ends in a definite word ("بطل المسلسل"); "الدكتور أحمد" is a name
    line = text.find("\n", pos)
    own = text.find(speaker.text, pos, line if line >= 0 else len(text)) if sp.sentence_start(text, pos + 1) == pos \
        else -1  # a statement that opens its sentence ("حسب وزير الاقتصاد، ..."): the speaker is after its start
    own = own if own >= 0 else text.rfind(speaker.text, max(0, pos - 300), pos)
    own = own if own >= 0 else pos
    bare = words[0][2:] if words[0].startswith("ال") else words[0]
    bare_stem, end = stem(bare), own + len(speaker.text)
    if len(bare) < 3 or text.find(speaker.text.split()[0], 0, own) < 0:
        return None  # the phrase's first word earlier in the article: the cheap check first; not "آل الشيخ"
    if body_noun(bare) or bare_stem in sp.DOCS or bare_stem in OUTLETS or any(
            x.start <= own < x.end or x.type == "PERS" and own <= x.start < end for x in ents):
        return None  # no body, document, outlet, place or name ("المملكة المتحدة" after "ميشيل بارنييه، المملكة
        # المتحدة": his object)
    phrase = re.compile(r"[\s،,]+".join(re.escape(w) for w in words) + r"(?!\S)")
    holders: dict[str, Entity] = {}
    for m in _at_word_starts(phrase, fold_match_in_place_span(text), own):
        before = sp.tokens(text, max(0, m.start() - 40), m.start())[-1:]
        opens = not before or not before[0][1].isalpha() or before[0][1] in LEX or _opening_verb(text, before[0])
        between = [t[1] for t in sp.tokens(text, m.end(), m.end() + 40) if t[1] not in ("،", ",")]
        for x in (x for x in ents if x.type == "PERS" and text[x.start] != "ل"):  # not "لأسوشيتد برس"
            if x.end <= m.start() and re.fullmatch(r"[\s،,]*", text[x.end : m.start()]):
                after = between[:1]
            elif opens and m.end() <= x.start <= m.end() + 40:
                after = [t[1] for t in sp.tokens(text, m.end(), x.start) if t[1] not in ("،", ",")]
                if len(after) > 2 or not _all_nisba(after):
                    continue  # not the title right before the name
            else:
                continue
            if len(words) > 2 or not (after and _all_nisba(after)):  # "بيتر التماير، وزير الاقتصاد الألماني":
                # a two-word title with a nationality it lacks is one of many (the Mexican minister is unnamed)
                holders[_words(x.text)[-1]] = x
    if len(holders) != 1:
        return None
    x = next(iter(holders.values()))
    return sp.build_speaker(text, x.start, x.end, ents, [])


def _at_word_starts(phrase: re.Pattern, folded: str, end: int) -> Iterator[re.Match]:
    r"""``phrase.finditer(folded[:end])`` for a ``phrase`` that must start a word (``(?<!\S)`` in front): the
    phrase's first letters lead the search, so the engine skips to them instead of trying a look-behind at every
    position of the article (the same matches, found several times faster)."""
    at = 0
    while (m := phrase.search(folded, at, end)) is not None:
        if m.start() and not folded[m.start() - 1].isspace():
            at = m.start() + 1  # inside a word: the look-behind fails here; try the next position
            continue
        yield m
        at = m.end() if m.end() > m.start() else m.start() + 1


def _all_nisba(words: list[str]) -> bool:
    """Folded words that are all relative adjectives with the article ("الالماني"): nationalities (none: True)."""
    return all(w.startswith("ال") and nisba_of(w[2:]) for w in words)
