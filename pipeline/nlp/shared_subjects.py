"""Subjects two verbs of one sentence share: "وألغت غيتي لاحقا مجموعة الصور، وقالت إنها" (a و-verb of the same form as
the verb opening the sentence), "وأصر أكسوي على براءته، نافيا" (a participle of manner after the opening verb).
Also where a subject ends: before the one it addresses ("أبلغ موري الأطفال"), or at the name closing its
stretch ("مدير البحوث ...، فيليب لوثر، أن")."""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import mentions
from pipeline.nlp import speakers as sp
from pipeline.nlp.described import definite_phrase
from pipeline.nlp.described_words import body_noun, folded_words, role_description
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (
    DEMONSTRATIVES,
    FEM_PLURAL_HEADS,
    MASC_PLURAL_HEADS,
    QUANTIFYING_OR_KIN,
    stem,
)
from pipeline.nlp.subject_phrase import subject_only
from pipeline.text.normalise import fold_match

BY_ONESELF = sp.fold_set("بدوره بدورها بدورهم")  # "وبدورها، حثت ...": a fronted adverb of turn
# Words opening a clause with a subject of its own ("رد هنيدي ...، عندما غرد المسؤول الإسرائيلي قائلا").
_FRONTED = sp.fold_set("في من عن على مع لدى قبل قبيل بعد بعيد عقب إثر اثر خلال منذ رغم برغم وسط أمام")
_QUOTE_MARK = re.compile("[\"«»“”]")
_NOT_A_SUBJECT = sp.TITLES | sp.ADVERBS | sp.NOT_VERBS | DEMONSTRATIVES  # before an accusative object
_OWN_CLAUSE = sp.fold_set("عندما وعندما حين حينما بعدما لما بينما فيما إذ إذا كي لكي حتى ليتم")


def _verb_form(raw: str) -> str:
    """Tense, person and gender a verb shows: "past-f" (ألغت), "past" (عبر), "present-ت" (تنتقد), "present-ي"."""
    w = sp.WORD_MARKS_RE.sub("", raw)
    return f"present-{w[0]}" if w[:1] in ("ي", "ت") else "past-f" if w.endswith("ت") else "past"


def opening_subject(text: str, pos: int, verb: str, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "وعبر المرجع الأعلى ... السيستاني عن تضامنه مع المحتجين، وقال إنهم"، "وألغت غيتي لاحقا مجموعة الصور، وقالت
    إنها": a و-verb (``verb``: its word without the و) right after a comma in a sentence that opened with و + a verb
    of the same form (both past feminine, both present with ت) shares that verb's subject, the noun phrase after it
    without its object; so does one after a verb opening the article or a line without و ("توصل علماء دوليون إلى
    ...، وقالوا إن": a past تفعّل, read as such when its subject agrees with the و-verb)."""
    ss = sp.sentence_start(text, pos)
    comma = max(text.rfind("،", ss, pos), text.rfind(",", ss, pos))
    if comma < 0 or text[comma + 1 : pos].strip() or text[pos] != "و":
        return None
    toks = sp.tokens(text, ss, comma)
    wa = toks[0][0][:1] == "و" if toks else False  # "توصل علماء دوليون إلى ...، وقالوا": the article's or a line's
    if len(toks) < 3 or not wa and (not (ss == 0 or text[ss - 1] in "\n.") or _QUOTE_MARK.search(text, ss, comma)):
        return None  # the first verb of the article or a line, not a line of a quote
    tafaala = not wa and _verb_form(toks[0][0]) == "present-ت" and _verb_form(verb) == "past"  # "توصّل علماء"
    if _verb_form(toks[0][0][wa:]) != _verb_form(verb) and not tafaala:
        return None
    first = toks[0][1]
    if not wa and (first[:1] == "ف" or first in sp.LEADERS and first not in ("كان", "كانت") or
                   first in mentions.PREPOSITIONS):
        return None  # "كما تطرق الوزير"، "ففي لقاء ...، حذر هوكينغ": a particle or a fronted phrase, not the verb
    found = _opener_subject(text, toks, comma, ents, known, wa)
    if tafaala and found is not None and not sp.agrees(sp.speaker_features(found), verb.endswith("ت"),
                                                         verb.endswith("وا")):
        return None  # a present verb with ت has a feminine subject of its own
    return found


def participle_subject(text: str, pos: int, fem: bool, ents: list[Entity],
                       known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """ "وأصر أكسوي على براءته، نافيا"، "لتسألها إليسا قائلة": a participle of manner belongs to the subject of the
    verb opening its sentence (و/ل + a verb of its gender), right before it or before the comma that ends the
    verb's clause; else to a titled or body noun phrase right after that verb (:func:`_titled_after_opener`)."""
    return _named_after_opener(text, pos, fem, ents, known) or _titled_after_opener(text, pos, fem, ents, known) or \
        _subject_before_accusative(text, pos, fem, ents, known)


def _subject_before_accusative(text: str, pos: int, fem: bool, ents: list[Entity],
                               known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """ "وجه العذبة انتقادا لرئيس الهيئة ...، قائلا": the sentence opens with a verb of the participle's gender, one
    word, then an indefinite accusative noun (its ا of tanwin; no adverb, no participle مُفعِلا): that noun is the
    verb's object, so the word before it, nominative, is the subject the participle describes."""
    ss = sp.sentence_start(text, pos)
    toks = sp.tokens(text, ss, pos)
    if len(toks) < 4 or toks[0][0][:1] not in "وفل" or _verb_form(sp.WORD_MARKS_RE.sub("", toks[0][0])[1:]) not in (
            ("past-f", "present-ت") if fem else ("past", "present-ي")) or sp.in_entity(ents, toks[0][2]):
        return None
    subject, obj = toks[1], sp.WORD_MARKS_RE.sub("", toks[2][0])
    accusative = obj.endswith(("ا", "اً", "ًا")) and not obj.endswith(("ها", "نا")) and len(obj) > 4 and \
        obj[:1] != "م" and toks[2][1] not in sp.ADVERBS and sp.prep_object(toks[2][1]) is None  # not "بأنها"
    if not accusative or sp.in_entity(ents, toks[2][2]) or not subject[1].isalpha() or subject[0].endswith(
            ("ه", "ها", "هم")) or subject[1] in _NOT_A_SUBJECT or \
            fold_match(subject[1]) in mentions.PREPOSITIONS or sp.prep_object(subject[1]) is not None:
        return None
    speaker = sp.build_speaker(text, subject[2], subject[3], ents, known)
    return (speaker, ("f" if fem else "m", None)) if speaker is not None else None


def _named_after_opener(text: str, pos: int, fem: bool, ents: list[Entity],
                        known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    ss = sp.sentence_start(text, pos)
    comma = max(text.rfind("،", ss, pos), text.rfind(",", ss, pos))
    stop = comma if comma >= 0 and not text[comma + 1 : pos].strip() else pos
    toks = sp.tokens(text, ss if stop == comma or comma < 0 else comma + 1, stop)  # "...، لتسألها إليسا قائلة"
    if len(toks) < 2 or toks[0][0][:1] not in "ول" or _verb_form(toks[0][0][1:]) not in (
            ("past-f", "present-ت") if fem else ("past", "present-ي")):
        return None
    named = next((x for x in ents if x.start == toks[1][2] and x.type in ("PERS", "ORG")), None)
    word, after = toks[1][1], toks[2][1] if len(toks) > 2 else ""
    bare = word.isalpha() and len(word) > 2 and not word.startswith(("ال", "ل")) and not toks[1][0].endswith(
        ("ة", "ات", "ا", "ه", "ها")) and word not in sp.TITLES | sp.ADVERBS | sp.NOT_VERBS | DEMONSTRATIVES
    if named is None and not (bare and (not after or after in mentions.PREPOSITIONS and after != "من")):
        return None  # "وانتقد القرار، مشيرا": the object of a dropped subject's verb; "عدد من": a part of a group
    speaker = sp.build_speaker(text, toks[1][2], named.end if named else toks[1][3], ents, known)
    return (speaker, ("f" if fem else "m", None)) if speaker is not None else None


def _titled_after_opener(text: str, pos: int, fem: bool, ents: list[Entity],
                         known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """The participle's case of :func:`titled_opener_subject`: its own sentence, up to it."""
    return titled_opener_subject(text, sp.sentence_start(text, pos), pos, fem, ents, known)


def titled_opener_subject(text: str, ss: int, pos: int, fem: bool, ents: list[Entity],
                          known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """ "حذر صندوق النقد الدولي في بيان ... مؤكدا"، "وبعد المباراة، وصف يورغن كلوب ...، مشيرا": the sentence at ``ss``
    (after حيث/كما/بدوره, or a fronted prepositional adjunct up to its comma) opening with a verb of the
    participle's gender, then a noun phrase headed by a title, a rank, a role or body noun, a tagged name, or a
    description closed by a tagged person: that phrase is the verb's subject (VSO), the one the participle describes.
    An untitled phrase may be the object of a dropped subject ("وانتقد القرار، مشيرا")."""
    toks = sp.tokens(text, ss, pos)
    i = 0
    while i < len(toks) and (toks[i][1] in sp.LEADERS or not toks[i][1].isalpha() or toks[i][1][:1] in "وف"
                             and toks[i][1][1:] in sp.ADVERBS | BY_ONESELF):
        i += 1  # "وبدورها، حثت مندوبة ..."، "حيث أعرب الاتحاد الأوروبي"
    comma = next((n for n in range(i + 1, min(len(toks), i + 9)) if toks[n][1] in "،,"), None)
    lead = toks[i][1] if i < len(toks) else ""
    if comma is not None and (lead in _FRONTED or lead[:1] in "وف" and lead[1:] in _FRONTED):
        i = comma + 1  # "بعد غياب لحوالي عامين، ظهر الإعلامي المصري": a fronted adjunct, then the verb
    if i + 1 >= len(toks):
        return None
    raw = sp.WORD_MARKS_RE.sub("", toks[i][0])
    verb = raw[1:] if raw[:1] in "وفل" and len(raw) > 2 else raw
    if verb.startswith("ال") or verb.endswith(("ة", "ه")) or toks[i][1] in sp.TITLES | sp.RANKS or fold_match(verb) in \
            mentions.PREPOSITIONS or sp.in_entity(ents, toks[i][2]) or _verb_form(verb) not in (
            ("past-f", "present-ت") if fem else ("past", "present-ي")):
        return None  # a noun opens the sentence, or a verb of the other gender has another subject
    if any(t[1] in _OWN_CLAUSE or t[1] in sp.RELATIVES for t in toks[i + 1 :]):
        return None  # the participle may describe that clause's subject
    span = sp.find_np(text, toks[i + 1][2], pos, ents)
    if span is None or span[0] != toks[i + 1][2]:
        return None
    head, span = toks[i + 1][1], subject_only(text, span, ents)
    if sp.tokens(text, *span)[-1][1] in mentions.PREPOSITIONS:
        return None  # "المرشد الأعلى للجمهورية الإسلامية في": a phrase cut inside its place
    role = role_description(Speaker(text=toks[i + 1][0], canonical=head))  # "المدرب"، "المتحدثة"
    name = next((x for x in ents if x.type == "PERS" and span[0] < x.start and x.end == span[1]), None)
    named = name is not None and (head.startswith("ال") or "،" in text[span[0] : name.start])  # "النجم البرتغالي
    # كريستيانو رونالدو"، "مندوبة الولايات المتحدة ...، نيكي هالي": a description closed by the name it describes
    sources = head in FEM_PLURAL_HEADS or head in MASC_PLURAL_HEADS  # "وهاجمت وسائل إعلام حكومية في الصين"
    if not (head in sp.TITLES or head in sp.RANKS or role or sources or body_noun(head) or named or
            sp.in_entity(ents, span[0])):
        return None
    speaker = sp.build_speaker(text, *span, ents, known)
    if speaker is None or not sp.agrees(sp.speaker_features(speaker), fem, False):
        return None
    return speaker, ("f" if fem else "m", sp.speaker_features(speaker)[1])


def _opener_subject(text: str, toks: list, stop: int, ents: list[Entity], known: list[Speaker],
                    wa: bool = True) -> Speaker | None:
    """The subject after the verb ``toks[0]`` (with its و/ل) opening a sentence: a name, or an indefinite noun
    phrase with nothing glued on; None when a noun opens the sentence or the phrase may be the verb's object."""
    opener = toks[0][1][wa:]
    if len(opener) < 3 or toks[0][0][wa:].startswith("ال") or opener.endswith("ه") or opener in sp.TITLES or \
            opener in sp.NOT_VERBS or sp.in_entity(ents, toks[0][2]) or toks[1][1][:1] == "و":
        return None  # "ووزير الخارجية"، "وشركة": a noun opens the sentence
    span = sp.find_np(text, toks[1][2], stop, ents)
    if span is None or span[0] != toks[1][2]:
        return None
    span = subject_only(text, span, ents)
    words = sp.tokens(text, *span)
    named = next((x for x in ents if x.start == span[0] and x.type in ("PERS", "ORG", "LOC")), None)
    end = named.end if named is not None else span[1]  # "هوكينغ أثنى"، "الكويت القرار الأمريكي": the name ends it
    if named is not None and any(x.type == "PERS" and x.end < span[0] and x.text == words[0][0] for x in ents):
        end = words[0][3]  # "وانتقد كافاني نيمار": NER ran the subject ("كافاني" alone before) into the object
    if named is None and (len(words) > 6 or any(t[1] in LEX or t[0].endswith(("ا", "ه", "ها")) and n
                                                 or t[1] in mentions.PREPOSITIONS for n, t in enumerate(words))):
        return None  # "الشاب اعتذارا"، "مصر من تأثير السد": an object or adjunct glued on, no clear subject
    if opener.startswith("نقل") or any((t[1] in sp.RELATIVES and (wa or t[2] < span[1] + 2)) or t[1] == "ما"
                                       for t in toks):
        return None  # "ونقلت شينخوا عن الشرطة ...، وأضافت": the relayed source; "وهو ما تنفيه إثيوبيا، وتقول"
    if named is None and words[0][1].startswith("ال") and not sp.in_entity(ents, words[0][2]):
        return None  # "العملاقة الكورية الجنوبية تحاول"، "المدرب الإسباني للفريق الفرنسي": a description
    speaker = sp.build_speaker(text, span[0], min(end, span[1]), ents, known)
    if speaker is None or definite_phrase(speaker) or words[0][1].startswith(QUANTIFYING_OR_KIN):
        return None  # "المستشارة الألمانية": a description, the name carried is better; "أغلب"، "بعض الدول"
    return speaker


def before_addressee(text: str, span: tuple[int, int], ents: list[Entity]) -> tuple[int, int]:
    """ "وقال جونسون لنواب مجلس العموم"، "وصرح وزير الخارجية الروسي سيرغي لافروف لهيئة البي بي سي": a ل-phrase
    right after a person's name is the one spoken to (a name takes no complement), so the speaker ends with the
    name. Not a title starting with ل ("لاعب وسط برشلونة"), nor a name in construct after a bare title ("رئيس
    ترامب للفنادق": a company), nor a definite word NER took for a name ("الفريق القانوني للممثلة")."""
    toks = sp.tokens(text, *span)
    for n in range(1, len(toks)):
        raw, w = toks[n][0], toks[n][1]
        if raw[:1] != "ل" or w.startswith("ال") or w in sp.TITLES or len(w) < 4 or sp.in_entity(ents, toks[n][2]):
            continue
        name = next((x for x in ents if x.type == "PERS" and span[0] <= x.start and x.end == toks[n - 1][3]), None)
        lead = [t for t in toks if t[3] <= name.start] if name is not None else []
        if name is not None and not fold_match(name.text).startswith("ال") and (
                not lead or lead[-1][1].startswith("ال") or lead[-1][1] in "،,"):
            return span[0], name.end
    return span


_PRONOUN_PREPOSITION = re.compile(r"^(?:عن|في|الي|علي|من|مع|لدي|ف)(?:ه|ها|هم|هما|هن)$")


def own_subject(text: str, verb: int, rs: int, re_: int, ents: list[Entity], takes_object: bool = False) -> bool:
    """Whether the verb at ``verb`` has its own subject between it and its content (``rs``..``re_``), so the noun
    before it is not the speaker: a name ("الذي أعلنت بكين أنه"), or, after a relative pronoun, a short noun phrase
    that fills the stretch ("التي يقول مسؤولون أميركيون إن"، "الذي تقول الممثلة إنها": the pronoun is the content's,
    the clause is verb-subject); not an adjunct ("الذي قال في عام 2015 إنه"، "التي قالت مرارا"، "الذين يقول عنهم
    ترامب") nor a subject with its predicate ("الذي تبدو البيانات متسقة"), nor the object of a verb that takes one
    (``takes_object``: "الأمر الذي ينفي ادعاء الشركة، بأن")."""
    if any(x.start == rs and x.type in ("PERS", "ORG", "LOC") for x in ents):
        return True
    if takes_object:
        return False
    before = sp.tokens(text, max(0, verb - 12), verb)
    if not before or before[-1][1] not in sp.RELATIVES:
        return False  # most verbs: no relative pronoun before them, and the stretch is not tokenised
    toks = sp.tokens(text, rs, re_)
    if not 1 <= len(toks) <= 4:
        return False
    words = [t[1] for t in toks]
    if not all(w.isalpha() for w in words) or words[0] in sp.ADVERBS or words[0] in sp.ADJUNCT_HEADS or any(
            w.endswith("ا") and not sp.in_entity(ents, t[2]) for w, t in zip(words, toks, strict=True)) or \
            _PRONOUN_PREPOSITION.match(words[0]) or words[0][:1] in "بل" and not words[0].startswith("ال"):
        return False  # "مرارا"، "بشكل متكرر"، "عنهم ترامب"، "فيه"
    if any(words[n - 1].startswith("ال") and not words[n].startswith(("ال", "ل")) for n in range(1, len(words))) or \
            "في" in words and words[0] not in sp.TITLES:
        return False  # "البيانات متسقة"، "هامة في مكان العمل": a predicate, not "المرصد السوري لحقوق الإنسان"
    span = sp.find_np(text, rs, re_, ents)
    return span is not None and span[0] == rs and span[1] >= toks[-1][3]


def before_the_told(text: str, span: tuple[int, int], ents: list[Entity]) -> tuple[int, int]:
    """The subject of "أبلغ/أخبر X Y": the one told follows the teller, so the speaker ends with the first person
    named ("وأبلغ موري الأطفال"، "أخبر ماكرون نظيره الأمريكي"), else with the body or place it opens with
    ("أبلغت بريطانيا مجلس حقوق الإنسان")."""
    inside = [x for x in ents if span[0] <= x.start < span[1]]
    pers = next((x for x in inside if x.type == "PERS"), None)
    first = pers or next((x for x in inside if x.start == span[0] and x.type in ("ORG", "LOC")), None)
    return (span[0], first.end) if first is not None and first.end < span[1] else span


def with_closing_name(text: str, span: tuple[int, int], stop: int, ents: list[Entity]) -> tuple[int, int]:
    """ "واعتبر مدير البحوث ... في برنامج الشرق الأوسط ... بمنظمة العفو الدولية، فيليب لوثر، أن": a person named
    between commas at the end of the stretch is the name of a post without one, past the post's adjuncts (not of
    a named speaker, a document, a relative clause between: "والذي يعالج فيه الرئيس، محمود عباس")."""
    span = before_quoted_object(text, before_addressee(text, span, ents), ents)  # nor the verb's object
    words = folded_words(text[span[0] : span[1]])
    if not words or words[0] not in sp.TITLES or stem(words[0]) in sp.DOCS or any(
            x.type == "PERS" and x.start < span[1] and x.end > span[0] for x in ents):
        return span
    name = next((x for x in ents if x.type == "PERS" and span[1] < x.start and x.end <= stop and text[x.start] not in
                 "لب" and _closes(text, x.end, stop)  # "، لبي بي سي": the one told
                 and text[span[1] : x.start].rstrip().endswith(("،", ","))), None)
    between = sp.tokens(text, span[1], name.start) if name is not None else []
    if name is None or len(between) > 14 or any(t[1] in sp.RELATIVES for t in between):
        return span
    return span[0], name.end


def before_quoted_object(text: str, span: tuple[int, int], ents: list[Entity]) -> tuple[int, int]:
    """ "وقد أكدت وكالة الأنباء السورية "سانا" خروج أشخاص من دوما"، "أكدت وكالة "بلومبرغ" نجاح مصر": a body's quoted
    name ends its mention; a bare indefinite word after it (no nisba in ال, no ل/ب complement, no name) is the verb's
    object. Only after a body noun ("الرئيس التنفيذي لشركة "ستارز بلاي" معاذ شيخ": a person's post takes his name)."""
    toks = sp.tokens(text, *span)
    head = toks[0][1].removeprefix("ال") if toks else ""
    if not (head in mentions._BODIES or body_noun(head)):
        return span
    for n in range(2, len(toks) - 1):
        w = toks[n + 1][1]
        closing = toks[n][0] in ("»", "”") or toks[n][0] == '"' and toks[n][2] == toks[n - 1][3]  # "سانا" closes
        if closing and w.isalpha() and not w.startswith(("ال", "و", "ف", "ل", "ب")) and w not in ("غير", "شبه") \
                and not sp.in_entity(ents, toks[n + 1][2]):
            return span[0], toks[n][3]
    return span


def _closes(text: str, end: int, stop: int) -> bool:
    """Whether a name ending at ``end`` closes the stretch before ``stop``: nothing after it, or its closing comma
    and an adjunct ("المدير العام لبي بي سي، توني هول، عن القضية:")."""
    tail = text[end:stop].strip()
    return not tail.strip("،,") or tail[:1] in "،," and (tail[1:].split() or [""])[0] in mentions.PREPOSITIONS \
        and not any(c in tail[1:] for c in "،,")  # one adjunct, not "، في الخرطوم السبت، على ...": a clause goes on


_NAME_BODIES = sp.fold_set("حركة جبهة حزب تنظيم جماعة هيئة جيش لواء كتائب كتيبة فيلق ألوية قوات مجلس")


def quoted_subject(text: str, verb_end: int, open_pos: int, close: int, ents: list[Entity]) -> bool:
    """ "أعلنت «جبهة النصرة» انسحابها من مواقعها": a short quoted name right after the verb, the sentence going on
    with a word after it (no introducer, colon or end): the verb's subject, not its content. The name opens with
    a body noun or is an entity ("أعلنت "فشل" المفاوضات": the quoted word starts the content)."""
    inside = text[open_pos + 1 : close - 1].split()
    after = sp.tokens(text, close, close + 30)
    if text[verb_end:open_pos].strip() or not 1 <= len(inside) <= 4 or not after or not after[0][1].isalpha() or \
            re.match(r"[وبف]?[أاإ]ن(?:ه|ها|هم)?$", after[0][1]):
        return False
    first = fold_match(inside[0])
    return first in _NAME_BODIES or body_noun(first) or any(
        x.type in ("PERS", "ORG", "MISC") and x.start <= open_pos + 1 < x.end for x in ents)
