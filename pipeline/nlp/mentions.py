"""Speakers the verb's own stretch does not hold: a description standing for a name given earlier, the
subject that opens a sentence, the subject of the verb just before a participle.

News names a speaker in full once ("وزير المالية التركي براءت ألبيرق"، "جامعة دبلن"، "الرئيس الفرنسي إيمانويل ماكرون")
and then refers back with a bare definite description ("الوزير"، "الجامعة"، "الرئيس الفرنسي"). A statement whose
speaker is only such a description gets the nearest earlier mention that starts with the same head noun, holds every
other word of the description and carries a name (a person or organisation entity, or a name after the title).

A continuation verb ("وقال إنه"، "وأضافت") carries the subject of the sentence before, also when that sentence opens
with its subject ("غير أن فرانك لامبارد، نجم تشيلسي السابق، وصف ..."), and a participle ("قائلا") belongs to the verb
right before it when that verb has its own subject ("ليرد الفنان محمد هنيدي قائلا"، "ليمازحه أحد الصحفيين قائلا").
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp import sources
from pipeline.nlp import speakers as sp
from pipeline.nlp.antecedents import same_noun, subject_antecedent
from pipeline.nlp.called_names import called_name
from pipeline.nlp.coordinated import coordinated_bodies
from pipeline.nlp.described import (
    apposed_holder,
    body_spoke_before,
    company_named_before,
    construct_continues,
    continued_person,
    definite_phrase,
    described_complement,
    described_person,
    member_of,
    nationality_holder,
    quoted_name,
    same_as_before,
    source_spoke_before,
)
from pipeline.nlp.described_words import body_noun, folded_words, nisba_of, role_description
from pipeline.nlp.mention_index import MentionIndex, with_apposed_name
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (
    DERIVED_MASDAR,
    EVENTS,
    QUANTIFYING_OR_KIN,
    feminine_verb,
    plural_verb,
    stem,
    without_conjunction,
)
from pipeline.nlp.subject_phrase import subject_only
from pipeline.text.normalise import ARABIC_LETTERS, fold_match, fold_match_in_place, fold_match_in_place_span
from pipeline.text.scan import word_matches

_LETTER = ARABIC_LETTERS
_LOOKBACK = 4000
PREPOSITIONS = sp.fold_set("في من على الى إلى عن مع")
_MAX_WORDS = 10
# Heads that never name one body: the source or document itself, or a group.
_NOT_HEADS = sp.fold_set("مصدر مصادر بيان بلاغ تقرير تقارير دراسة وثيقة صفحة أعضاء نواب خبراء قادة سكان أهالي "
                          "شهود نشطاء مسؤولون مسؤولين مسؤولو منظمات وزارات سلطات جهات عائلات")


# Institutions whose construct with a definite noun is their name ("وزارة المالية" for "الوزارة").
_BODIES = sp.fold_set("وزارة هيئة شركة منظمة جامعة لجنة مجلس وكالة حركة جبهة محكمة مؤسسة رابطة نقابة جمعية "
                       "مفوضية سفارة قيادة")


_words = folded_words  # the same words as ``described`` (cached there)


def is_description(speaker: Speaker | None) -> bool:
    """A definite title phrase without a name: "الوزير"، "الجامعة"، "الرئيس الفرنسي"، "المنظمة الحقوقية"."""
    return speaker is not None and _is_description(speaker.text)


@lru_cache(maxsize=4096)  # asked for every statement's speaker (~20 per article), mostly the article's few phrases
def _is_description(phrase: str) -> bool:
    words = _words(phrase)
    if not 1 <= len(words) <= 3 or not all(w.startswith("ال") for w in words):
        return False
    head = words[0]
    if head not in sp.TITLES and (head[2:] in _BODIES or body_noun(head[2:])):
        return True  # "المفوضية": a body noun is no name
    return head in sp.TITLES and head[2:] not in _NOT_HEADS and not sp.person_name(phrase)


def _named(text: str, span: tuple[int, int], ents: list[Entity]) -> bool:
    if any(x.type in ("PERS", "ORG") and x.start < span[1] and x.end > span[0] for x in ents):
        return True
    words = text[span[0] : span[1]].split()
    if sp.ranked_name(words, [fold_match(w) for w in words]):
        return True  # a name after a title, ending the phrase (not "اللاعبة الأمريكية اتهمت الحكم": a verb)
    trailing = sp.trailing_name(words)
    verb_object = len(trailing) > 1 and trailing[-1][:1] in "\"«“" and trailing[0][:1] not in "\"«“"  # أظهرت "تراخيا"
    return bool(trailing) and not verb_object and not words[-1].startswith("ال")  # raw: "ألبيرق" is a name


def earlier_mention(text: str, speaker: Speaker, pos: int, ents: list[Entity],
                    index: MentionIndex | None = None) -> Speaker | None:
    """The nearest mention before ``pos`` that names what the description ``speaker`` refers to (``index``: the
    article's mentions read so far, shared by the statements of one article)."""
    index = MentionIndex(text, ents) if index is None else index
    words = _words(speaker.text)
    head, rest = words[0][2:], {w[2:] for w in words[1:]}
    lo = max(0, pos - _LOOKBACK)
    folded = fold_match_in_place_span(text, lo, pos)  # same length: offsets hold; a match starts ≤4 before head
    pattern = index.head_pattern(head)
    for m in reversed(list(word_matches(pattern, folded, head, max(0, folded.find(head) - 4), 4))
                      if head in folded else []):
        start, lam = lo + m.start("np"), folded[m.start("np") - 1 : m.start("np")] == "ل"  # "وفقا لصحيفة X"
        genitive = index.genitive(lo, start)
        if genitive and m.group("np").startswith("ال") or lam and index.owner_before(lo, start):
            continue  # "رئيس الاتحاد": a genitive; "يوتيوب، المملوكة لشركة ألفابت": an owner, not the subject's kind
        found_span = index.mention_span(start, min(pos, start + 160), lam, genitive)
        if found_span is None:
            continue
        span, inside = found_span
        if not inside and (head in _BODIES or body_noun(head)):  # "الجمعية الوطنية للصحفيين السود بالولايات"
            span = index.named_after(span, min(pos, span[1] + 80))
        shape = index.shape(span)
        span, cand = shape.span, shape.words
        if any(w in PREPOSITIONS or w in ("لن", "ولن", "لم", "ولم") for w in cand) and not shape.named_last:
            continue  # "الشركة الى توسعة نطاق خدماتها"، "المفوضية ولن تدلي": a clause, not a name
        have = {w[2:] if w.startswith("ال") else w for w in cand[1:]}
        org = shape.org  # "المنظمة الحقوقية": Amnesty
        definite = len(cand) <= 5 and all(w.startswith("ال") for w in cand)  # "الاتحاد الألماني"
        definite |= (len(words) == 1 or len(words) == 2 and all(w[:1] != "ب" for w in cand)) and described_complement(
            cand) and not re.search("[\"«“]", text[span[0] : span[1]])  # "الاتحاد الجزائري لكرة القدم" also for
        # "الاتحاد المصري" (not "الجيش الإسرائيلي بعشرات القذائف"), not "الحكومة العراقية "بتطهير المنطقة"" (quoted)
        proper = (len(cand) >= 2 and not cand[1].startswith("ال") and not cand[0].startswith("ال") and all(
            w.startswith(("ال", "لل")) for w in cand[2:]) and f"ال{cand[1]}" not in folded)  # "جامعة دبلن", "شركة
        # نايكي الأمريكية للملابس الرياضية" (ل with a definite noun), not "شركة إنتاج"
        body = (cand[0] in _BODIES or body_noun(cand[0])) and 1 < len(cand) < 6 and all(w[:2] == "ال" for w in cand[1:])
        own = {nisba_of(w) for w in rest if nisba_of(w)}
        if own and len(cand) > 1 and cand[0].startswith("ال") and cand[1].startswith("ال") and nisba_of(
                cand[1][2:]) not in own | {""}:
            continue  # "الشركة السنغافورية" is not "الشركة الأمريكية", "الاتحاد الدولي" not "الاتحاد المغربي"
        if genitive and not (proper and len(cand) > 2 or shape.quoted or org):
            continue  # a body named in the construct: not "موقع شركة وبيانات" (a coordinated noun)
        if len(words) < len(cand) <= _MAX_WORDS and (rest <= have or org) and (
                definite or proper or body or shape.quoted or _named(text, span, ents)):
            found = index.speaker(span)
            if found is not None and definite and not org and is_description(found):  # "الشركة اليابانية" is itself
                found = earlier_mention(text, found, span[0], ents, index) or found  # a description: "شركة نينتندو
            if found is not None:  # اليابانية"
                return Speaker(text=found.text, canonical=found.canonical, type=found.type or speaker.type)
    return None


def topic_subject(text: str, pos: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "أما طارق أوبرو إمام مسجد بوردو الكبير فاعتبر أن": the topic after أما is the subject of the ف-verb."""
    toks = sp.tokens(text, sp.sentence_start(text, pos), pos)
    i = next((n + 1 for n, t in enumerate(toks[:3]) if t[1] in ("اما", "واما")), None)
    if i is None or i >= len(toks):
        return None
    words = [t for t in toks[i:] if t[1] not in "،,"]
    span = sp.find_np(text, toks[i][2], pos, ents) if words else None
    if span is not None and span[0] == toks[i][2] and span[1] >= words[-1][3]:
        return sp.build_speaker(text, *span, ents, known)  # all the topic: "أما النائب عن حزب ...، شيروان ...، فيرى"
    end = sp.subject_end(toks, i, ents, known) or sp.name_run(toks, i)
    return sp.build_speaker(text, toks[i][2], toks[end - 1][3], ents, known) if end else None


def resolve_descriptions(text: str, statements: list, ents: list[Entity]) -> list:
    """The statements with every bare-description speaker replaced by the earlier mention it stands for."""
    out, index = [], None  # the article's mentions, indexed once a description asks for them
    for st in statements:
        words = st.speaker.text.split() if st.speaker else []
        adjective = len(words) == 2 and fold_match(words[1]).endswith(("ي", "يه"))  # "بيان رسمي": no body
        if len(words) == 2 and fold_match(words[0]) in sp.DOCS and not adjective:
            body = words[1]  # "بيان المجلس الذي أكد فيه"، "بيان فيسبوك": the body's words
            st = st.model_copy(update={"speaker": sources.without_preposition(Speaker(  # "بيان للقيادة": القيادة
                text=body, canonical=fold_match(body), type=st.speaker.type))})
        elif len(words) == 1 and fold_match(words[0])[2:] in sp.DOCS and fold_match(words[0]).startswith("ال"):
            owner = sources.document_owner(text, out, st.start, ents, words[0][2:]) or _possessor(  # "وذكر فيفا في
                text, fold_match(words[0])[2:], st.start, ents)  # بيان ..."، "حاول زوكربرغ في بيانه ... وجاء في البيان"
            st = st.model_copy(update={"speaker": owner}) if owner is not None else st
        described, role = is_description(st.speaker), role_description(st.speaker)
        found = None
        if described or role or definite_phrase(st.speaker):
            index = MentionIndex(text, ents) if index is None else index
            found = earlier_mention(text, st.speaker, st.start, ents, index) if described else None
            if found is None and role:
                found = described_person(text, st.speaker, st.start, ents)  # "علي أبودشيش، الباحث الأثري"
            if found is None and described:
                found = _speaking_company(st.speaker, out) or _named_company(
                    text, st.speaker, st.start, ents, index) or body_spoke_before(st.speaker, st.start, out, ents) or \
                    company_named_before(st.speaker, st.start, ents, out)  # "وأعلنت "فودافون" ... لكن الشركة كشفت"
            if found is None and not role:  # "مارغريت فيستاجير، المفوضة الأوروبية" for "المفوضة الأوروبية"
                found = described_person(text, st.speaker, st.start, ents, apposed_only=True)
            if found is None and not described and not role:  # "وأوضح المتحف" after "متحف اللوفر أبوظبي"
                found = _named_mention(text, st.speaker, st.start, ents, index) or (same_noun(body_spoke_before(
                    st.speaker, st.start, out, ents), st.speaker) if _plain_noun(st.speaker, ents) else None)
            found = found or nationality_holder(  # "المسؤول البحريني"
                text, st.speaker, st.start, ents, [o.speaker for o in out if o.speaker is not None])
            if found is None and role:  # "وقال المدرب الفرنسي" right after "ويقول فينغر"
                found = continued_person(text, st.speaker, st.start, out, ents, st.verb)
            if found is None and role:  # "وتجاوز فيدرر ... وقال اللاعب السويسري": the subject before
                found = subject_antecedent(text, st.speaker, st.start, ents, sentence_subject, st.verb)
        elif st.speaker is not None and len(words) > 2 and (fold_match(words[0]) in sp.TITLES or _construct(words)):
            found = _titled_before(text, st.speaker, st.start, ents)  # "وأوضح المتحدث الرسمي باسم وزارة البترول"
        elif st.speaker is not None and len(words) > 1 and fold_match(words[0]) not in _BODIES:
            found = member_of(text, st.speaker, st.start, ents)  # "نجم ليفربول" after "محمد صلاح، مهاجم ليفربول"
        if found is None and st.speaker is not None and fold_match(words[0]) in sp.TITLES:
            found = _apposed_after(text, st.speaker, st.start, ents)  # "وزير التجارة الأمريكي، ويلبور روس، إن"
        found = found or construct_continues(text, st.speaker, st.start, out, ents, st.verb)  # "وأضاف نجم "مسرح مصر""
        found = found or called_name(text, st.speaker, st.start, ents)  # "أحد الناجين، وهو ... يدعى باسانتا بوهارا"
        found = found or coordinated_bodies(text, st.speaker, st.start, ents) or source_spoke_before(
            st.speaker, st.start, out) or same_as_before(st.speaker, st.start, out)  # "وتابعت المنظمات" after
        # "كل من X، وY"؛ "وأضاف المصدر"، "وأكد المتحدث"؛ "المصدر نفسه"
        found = found or apposed_holder(text, st.speaker, st.start, ents)  # "سعود القحطاني، المستشار بالديوان ..."
        if found is not None and fold_match(found.text) != fold_match(st.speaker.text):
            st = st.model_copy(update={"speaker": found})
        out.append(st)
    return out


def _plain_noun(speaker: Speaker, ents: list[Entity]) -> bool:
    """A bare definite noun that may stand for the last speaker named with it ("المتحف"، "الإذاعة"، "المصادر" for
    "مصادر محلية", as the labelled set's gold does): no document (its owner is read elsewhere, its earlier mention is
    often cut at a verb: "دراسة نُشرت"), single source ("المصدر" stays as written: the labelled convention) or other
    group, quantifier ("البعض") or name ("العريان")."""
    word = _words(speaker.text)[0][2:]
    return stem(word) not in sp.DOCS and word not in (_NOT_HEADS - {"مصادر"}) | _ONE_OF and \
        speaker.type != "PERS" and not any(x.type == "PERS" and _words(x.text)[-1:] == [f"ال{word}"] for x in ents)


def _named_mention(text: str, speaker: Speaker, pos: int, ents: list[Entity], index: MentionIndex) -> Speaker | None:
    """A definite noun no title list knows ("الشبكة"، "الجماعة") is the body the article named with that noun, its
    definite words and a name (an organisation or a quoted name) that ends the mention ("شبكة التواصل الاجتماعي
    "فيسبوك""، "جماعة "ولاية سيناء""): not a document or source ("تقرير حديث"), nor a phrase with an indefinite
    word or a verb before the name ("دعوى قضائية ضد ..."), nor a person ("المصمم" is not the nearest designer)."""
    head = _words(speaker.text)[0][2:]
    before = fold_match_in_place_span(text, 0, pos)
    first = before.find(head)  # a str search first; a mention starts at most two clitic letters before its noun
    if head and (first < 0 or next(word_matches(_bare_noun(head), before, head, max(0, first - 2), 2), None) is None):
        return None  # the body is named with the bare noun ("شبكة ..."): none before, no look-back (cheap first)
    found, at = earlier_mention(text, speaker, pos, ents, index), pos
    for _ in range(3):  # past the nearest mentions that are descriptions too ("المتحف الإماراتي")
        at = text.rfind(found.text, 0, at) if found is not None else -1
        if found is None or not _words(found.text)[0].startswith("ال") or at < 0:
            break
        found = earlier_mention(text, speaker, at, ents, index)
    words = _words(found.text) if found is not None else []
    if not words or words[0].startswith("ال") or stem(words[0]) in sp.DOCS or words[0] in _NOT_HEADS:
        return None
    end = at + len(found.text)
    quoted = quoted_name(text, (at, min(len(text), end + 1))) if at >= 0 else None
    name = quoted.start("name") - 1 if quoted is not None else next(
        (x.start for x in ents if x.type == "ORG" and at < x.start and abs(x.end - end) <= 1), None)
    if name is None or not all(w.startswith("ال") for w in _words(text[at:name])[1:]):
        return None
    return Speaker(text=text[at : quoted.end()], canonical=quoted.group("name"), type="ORG") if quoted else found


def _bare_noun(head: str) -> re.Pattern:
    """The noun as a word of its own, with a conjunction and a preposition before it ("وبشبكة")."""
    return re.compile(rf"(?<![{_LETTER}\u0640])[وف]?[بل]?{re.escape(head)}(?![{_LETTER}\u0640])")


def _apposed_after(text: str, speaker: Speaker, pos: int, ents: list[Entity]) -> Speaker | None:
    """A title with no name ("وزير التجارة الأمريكي") whose latest mention before the statement has a person's name
    in apposition after its comma ("ودافع وزير التجارة الأمريكي، ويلبور روس، عن ... وقال"): the title and the name
    (its subject had been cut at the comma). Not a body's title
    ("الحكومة الأردنية، جمانة غنيمات": its spokeswoman), nor the one spoken to ("، لبي بي سي")."""
    head = _words(speaker.text)[0]
    at = text.rfind(speaker.text, max(0, pos - 400), pos)  # its latest mention, also as the subject carried
    if at < 0 or {head, head[2:]} & (_NOT_HEADS | _BODIES) or any(
            x.type == "PERS" and at <= x.start < at + len(speaker.text) for x in ents):
        return None
    span = with_apposed_name(text, (at, at + len(speaker.text)), ents)
    if span[1] == at + len(speaker.text) or any(
            x.type == "PERS" and x.end == span[1] and x.text[:1] == "ل" for x in ents):
        return None
    return sp.build_speaker(text, *span, ents, [])


def _possessor(text: str, noun: str, pos: int, ents: list[Entity]) -> Speaker | None:
    """ "وحاول مارك زوكربرغ ... في بيانه الأخير طمأنة المستثمرين. وجاء في البيان": the document is that of the
    named subject of the sentence whose "بيانه/بيانها" (the document with a pronoun) is its latest mention."""
    lo = max(0, pos - 600)
    folded = fold_match_in_place_span(text, lo, pos)
    own = list(re.finditer(rf"(?<![{_LETTER}])[وفلب]?{re.escape(noun)}(?:ه|ها)(?![{_LETTER}])", folded))
    latest = list(re.finditer(rf"(?<![{_LETTER}]){re.escape(noun)}", folded))
    if not own or latest[-1].start() > own[-1].start():
        return None  # "أصدر بيانا ... وجاء في البيان": a later mention without the pronoun
    at = lo + own[-1].start()
    sub = sentence_subject(text, sp.sentence_start(text, at), at, ents, [])
    return sub[0] if sub is not None and any(x.type in ("PERS", "ORG") and x.text in sub[0].text for x in ents) \
        else None


_PARTICLES = sp.fold_set("أن إن بأن فإن وأن لأن")


def _construct(words: list[str]) -> bool:
    """A noun in construct with a definite noun, then definite adjectives: "رجل الأعمال المصري"."""
    folded = [fold_match(w) for w in words]
    return folded[0].isalpha() and not folded[0].startswith(("ال", "و", "ف")) and all(
        w.startswith("ال") for w in folded[1:])


def _titled_before(text: str, speaker: Speaker, pos: int, ents: list[Entity]) -> Speaker | None:
    """A title phrase without a name that the article gave earlier, word for word (or with a definite adjective
    between its words: "المتحدث الرسمي باسم التحالف" for "المتحدث باسم التحالف"), in apposition to a name
    ("المتحدث الرسمي باسم وزارة البترول، حمدي عبدالعزيز"): that title with its name."""
    head = _words(speaker.text)[0]
    construct = head not in sp.TITLES and _construct(speaker.text.split())  # "رجل الأعمال المصري": no title word
    if sp.person_name(speaker.text) and not construct or any(
            x.type == "PERS" and x.text in speaker.text for x in ents) or {head, head[2:]} & (_NOT_HEADS | _BODIES):
        return None  # "منظمة العفو الدولية، فيليب لوثر": a body is not its official
    phrase, folded = fold_match_in_place(speaker.text), fold_match_in_place_span(text, 0, pos)
    words = phrase.split()
    core = next((n for n in range(3, len(words)) if words[n] in PREPOSITIONS), 0)  # "مديرة إدارة المسؤولية
    found = [(m.start(), said) for said in ((phrase, " ".join(words[:core])) if core else (phrase,))  # الاجتماعية
             if said in folded for m in re.finditer(re.escape(said), folded)]  # في STC" after; str search first
    full = {phrase}
    if found and len(words) > 2:  # "المتحدث الرسمي باسم التحالف، تركي المالكي" for "المتحدث باسم التحالف"
        loose = r"(?:\s+ال[^\s،,]+)?\s+".join(map(re.escape, words))  # (said itself too): an adjective between
        found += [(m.start(), m.group()) for m in word_matches(re.compile(rf"(?<!\S){loose}(?![^\s،,])"), folded,
                                                                 words[0], 0, 0)
                  if m.group() != phrase]
        full |= {said for _, said in found if len(said) > len(phrase)}
    if not found:
        return None  # the title was not said before: no name to read (most calls)
    names = [x for x in ents if x.type == "PERS" and (w := _words(x.text)) and w[0] not in _PARTICLES and (
        len(w) > 1 or text[x.end : x.end + 2].lstrip()[:1] in ("،", ","))]  # one word only closed: "، تيتي،"
    for i, said in sorted(found, key=lambda f: (f[1] in full, f[0]), reverse=True):  # "... في الاتصالات السعودية"
        j = i + len(said)
        after = next((x for x in names if j <= x.start <= j + 3 and not text[j : x.start].strip(" ،,")
                      and x.text[:1] not in "لو" and said in full), None)  # not "لبي بي سي": the one he spoke to
        before = next((x for x in names if i - 3 <= x.end <= i and not text[x.end : i].strip(" ،,")
                       and (said in full or re.search("[،,]", text[x.end : i]))), None)  # its core: apposed only
        if construct and not re.search("[،,]", text[after.start - 3 : after.start] if after else  # a name's own words
                                       text[before.end : i] if before else ""):  # ("عبد الرحمن اليوسفي"): no apposition
            continue
        if after or before:
            span = (i, after.end) if after else (before.start, j)
            return Speaker(text=text[span[0] : span[1]], canonical=(after or before).canonical, type="PERS")
    return None


_COMPANY_HEADS = sp.fold_set("الشركة المجموعة الشبكة")


def _speaking_company(speaker: Speaker, earlier: list) -> Speaker | None:
    """ "الشركة"، "المجموعة"، "الشبكة الاجتماعية" with no mention of that head before: the company that spoke
    last, an organisation NER found or a company noun with its name ("ونشرت شبكة "فيسبوك" بيانا ... وكشفت الشركة")."""
    if _words(speaker.text)[0] not in _COMPANY_HEADS:
        return None
    return next((st.speaker for st in reversed(earlier) if st.speaker is not None and not is_description(st.speaker)
                 and (st.speaker.type == "ORG" or "ال" + _words(st.speaker.text)[0] in _COMPANY_HEADS)
                 and stem(_words(st.speaker.text)[0]) not in sp.DOCS and len(st.speaker.text.split()) <= 3), None)


# Words opening a fronted adjunct clause before the main verb ("وبعد أن أصيب ...، سعى يعقوب").
_FRONTED = sp.fold_set("بعد إثر عقب عندما حين لما منذ خلال في مع رغم بينما إذا على عبر أمام وسط")
_OPENERS = sp.fold_set("لكن ولكن غير أن إلا بيد بينما فيما كما أما و ف كان وكان كانت وكانت يذكر ويذكر يشار")
_ONE_OF = sp.fold_set("أحد إحدى بعض")
_PRONOUN_ENDINGS = ("هما", "هم", "هن", "ها", "ه")
_PRONOUN_PREPOSITIONS = sp.fold_set("ب ل على إلى عن من مع في لدى")
_COMMAS = "،,؛"  # a semicolon ends a clause as a comma does ("وقوف بلاده مع السعودية؛ مضيفا")
_PARTICIPLE_CLAUSE_ENDS = _COMMAS + '.\n:"»”'


def fronted_subject(text: str, lo: int, hi: int, ents: list[Entity],
                    known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """The subject opening the sentence at ``lo`` before its verb ("غير أن X، نجم تشيلسي السابق، وصف")."""
    toks = sp.tokens(text, lo, min(hi, lo + 160))
    i = 0
    while i < len(toks) and (toks[i][1] in _OPENERS or not toks[i][1].isalpha()):
        i += 1
    after_an = i > 0 and toks[i - 1][1] in ("ان", "أن", "كان", "وكان", "كانت", "وكانت")  # "يذكر أن مدير ...، اجتمع"،
    if i >= len(toks) or toks[i][1] in sp.TITLES and not toks[i][1].startswith("ال") and not after_an:  # كان's too
        return None  # "رئيس ..." opening a sentence is mostly a genitive chain, not the subject
    end = sp.subject_end(toks, i, ents, known)
    if end is None:  # a name NER missed, known by its apposition: "غير أن فرانك لامبارد، نجم تشيلسي السابق،"
        end = sp.name_run(toks, i) if i else None
        if end is None or end >= len(toks) or toks[end][1] not in "،," or end - i < 2:
            return None
    k, last = end, end - 1
    if k < len(toks) and toks[k][1] in "،,":  # an apposition between commas
        k = next((n + 1 for n in range(k + 1, min(len(toks), k + 10)) if toks[n][1] in "،,"), len(toks))
        if k < len(toks) and any(x.type == "PERS" and x.start == toks[end + 1][2] and x.end == toks[k - 2][3]
                                 for x in ents):
            last = k - 2  # "مدير المخابرات المركزية السابق، مايك بومبيو،": the title and its name
    kana = next((t[1] for t in toks[:i] if t[1] in ("كان", "وكان", "كانت", "وكانت")), None)
    k += kana is not None and k + 1 < len(toks) and toks[k][1] == "قد"  # "وكانت قيادة ... قد أعلنت": the verb
    person = any(x.type == "PERS" and x.start == toks[i][2] for x in ents)  # "وكانت هيلي، ...، من معارضي ترامب"
    if k >= len(toks) or not toks[k][1].isalpha() or toks[k][1].startswith("ال") or toks[k][1] in sp.NOT_VERBS:
        if kana is None or not person:  # كان's subject, whatever its predicate
            return None
        k = next(n for n in range(i + 1) if toks[n][1] == kana)
    speaker = sp.build_speaker(text, toks[i][2], toks[last][3], ents, known)
    if speaker is None:
        return None
    verb = sp.WORD_MARKS_RE.sub("", toks[k][0])
    plural = True if plural_verb(verb) else sp.speaker_features(speaker)[1]
    return speaker, ("f" if feminine_verb(verb) else "m", plural)


def subject_before_participle(text: str, pos: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "ليرد الفنان محمد هنيدي قائلا"، "ليمازحه أحد الصحفيين قائلا"، "كما نعاه أيضا الممثل جوش غاد، قائلا": the
    participle's clause (or the one before its comma) is "verb + subject"."""
    lo = max(text.rfind(c, max(0, pos - 120), pos) for c in _PARTICIPLE_CLAUSE_ENDS)
    named = [x for x in ents if x.type == "PERS" and lo < x.start and not text[lo + 1 : x.start].strip()
             and not text[x.end : pos].strip()]
    if lo >= 0 and text[lo] in _COMMAS and named:  # "رد عليه الرئيس الإيراني، حسن روحاني قائلا": the name in apposition
        return sp.build_speaker(text, named[0].start, named[0].end, ents, known)
    coordinated = text[pos : pos + 1] in ("و", "ف")  # "متهمة قطر ...، ومشيرة": both belong to the main clause
    if lo >= 0 and text[lo] in _COMMAS and not text[lo + 1 : pos].strip() and not coordinated:
        pos, lo = lo, max(text.rfind(c, max(0, lo - 120), lo) for c in _PARTICIPLE_CLAUSE_ENDS)
        if lo < 0 or text[lo] not in ".\n:":
            return None  # only a whole sentence before the comma: "كما نعاه أيضا الممثل جوش غاد، قائلا"
    toks = sp.tokens(text, lo + 1, pos)
    while toks and toks[0][1] in sp.CLAUSE_STARTS:
        toks = toks[1:]
    if not 2 <= len(toks) <= 8:
        return None
    that = max((n for n, t in enumerate(toks) if t[1] in ("ان", "وان")), default=None)
    svo = toks[that:] if that is not None else []  # "وقالت الشبكة إن إيفانكا ردت قائلة": subject, verb after إنّ
    if len(svo) >= 3 and svo[-1][1].isalpha() and not svo[-1][1].startswith("ال") and \
            svo[-1][1] not in sp.NOT_VERBS and sp.subject_end(svo, 1, ents, known) == len(svo) - 1:
        return sp.build_speaker(text, svo[1][2], svo[-2][3], ents, known)
    verb = toks[0][1]
    if not verb.isalpha() or verb.startswith("ال") or verb in sp.NOT_VERBS or verb in sp.CLAUSE_STARTS:
        return None
    j = 1 + next((n for n, t in enumerate(toks[1:]) if t[1] not in sp.ADVERBS), len(toks))  # "نعاه أيضا X"
    if j >= len(toks) or toks[j][1].startswith(("بال", "لل", "وبال")):
        return None  # "وأشاد بالعلاقات الوثيقة": an object, the subject was dropped
    end = sp.subject_end(toks, j, ents, known)  # a known name or a person: "وأصدر غان بيانا"
    if end is not None and (toks[j][1] not in sp.TITLES or end > j + 1):
        return sp.build_speaker(text, toks[j][2], toks[end - 1][3], ents, known)
    span = sp.find_np(text, toks[j][2], toks[-1][3], ents)
    if span is None or span[0] != toks[j][2]:
        return None
    span = subject_only(text, span, ents)  # "ونشر الاتحاد صورة للطرفين ...، مشيرا": the object is no speaker
    words = [t[1] for t in sp.tokens(text, *span)]
    person = any(x.type == "PERS" and x.start < span[1] and x.end > span[0] for x in ents)
    if not (person or words[0] in _ONE_OF or any(w in sp.TITLES or w in sp.RANKS for w in words) or
            _subject_after_complement(toks, j, span, ents)):
        return None
    return sp.build_speaker(text, span[0], span[1], ents, known)


def _prepositional_pronoun(word: str) -> bool:
    """ "به"، "لها"، "عليه"، "إليهم": a preposition with an attached pronoun, the verb's complement."""
    base = word[: -len(end)] if (end := next((e for e in _PRONOUN_ENDINGS if word.endswith(e)), "")) else ""
    return base in _PRONOUN_PREPOSITIONS


def _subject_after_complement(toks: list, j: int, span: tuple[int, int], ents: list[Entity]) -> bool:
    """ "ورحبت به خدمة الإطفاء قائلة": after the verb's prepositional pronoun, a noun phrase running up to the
    participle is the verb's subject (its complement slot is filled) when it names a body (a construct with a
    definite genitive or a tagged organisation) and its head agrees with the verb in gender."""
    if not any(_prepositional_pronoun(t[1]) for t in toks[1:j]) or span[1] != toks[-1][3]:
        return False
    inside = [t for t in toks if span[0] <= t[2] < span[1]]
    body = sp.in_entity(ents, span[0], "ORG") or len(inside) >= 2 and not inside[0][1].startswith("ال") and \
        inside[1][1].startswith("ال") or body_noun(inside[0][1])
    verb = sp.WORD_MARKS_RE.sub("", toks[0][0])
    verb = verb[1:] if verb[:1] in "وفل" and len(verb) > 3 else verb
    return bool(body) and feminine_verb(verb) == sp.WORD_MARKS_RE.sub("", inside[0][0]).endswith("ة")


def named_subject(text: str, lo: int, hi: int, ents: list[Entity],
                  known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """A verb-first clause whose subject phrase holds a person ("وعبر المرجع الأعلى ... علي السيستاني عن")."""
    toks = sp.tokens(text, lo, min(hi, lo + 200))
    i = 0
    while i < len(toks) and (toks[i][1] in sp.CLAUSE_STARTS or toks[i][1] in sp.ADVERBS or not toks[i][1].isalpha()):
        i += 1
    i = sp.past_fronted_adjunct(toks, i)
    if i + 1 >= len(toks) or toks[i][1].startswith("ال") or toks[i][1] in sp.NOT_VERBS or \
            without_conjunction(toks[i][1], _FRONTED) in _FRONTED and any(t[1] in "،," for t in toks[i : i + 11]):
        return None  # "وبعد المباراة، قدم": an adjunct, its comma the place sentence_subject reads from
    span = sp.find_np(text, toks[i + 1][2], toks[-1][3], ents)
    if span is None or span[0] != toks[i + 1][2]:
        return None
    pers = [x for x in ents if x.type == "PERS" and span[0] <= x.start and x.end <= span[1]]
    if not pers or len(text[span[0] : pers[0].end].split()) > 10:
        return None
    head, between = toks[i + 1], [t[1] for t in toks[i + 2 :] if t[2] < pers[0].start]
    if pers[0].start > span[0] and all(w in sp.TITLES or w in sp.RANKS for w in between) and \
            _abstract_head(head) and not sp.in_entity(ents, span[0]):
        speaker = sp.build_speaker(text, toks[i + 2][2], pers[0].end, ents, known)  # "شهرة نايتلي": the person
        return (speaker, (sp.speaker_features(speaker)[0], None)) if speaker else None
    speaker = sp.build_speaker(text, span[0], pers[0].end, ents, known)
    verb = sp.WORD_MARKS_RE.sub("", toks[i][0])
    return (speaker, ("f" if feminine_verb(verb) else "m", None)) if speaker else None


def _abstract_head(tok: tuple) -> bool:
    """ "توقيف زهانغ"، "دعوة الرئيس موسفني"، "شهرة نايتلي": an indefinite verbal or abstract noun (a derived verbal
    noun's template, not أفعال, also a plural or a name; an event noun; a triliteral فعلة that names no kin or body)
    in construct with the person, or the person's title, right after it: the clause is about the person's act or
    state, so the person is the subject carried on, not the noun."""
    raw, word = sp.WORD_MARKS_RE.sub("", tok[0]), tok[1]
    if word.startswith("ال") or word in sp.TITLES or word in sp.RANKS or body_noun(word):
        return False
    triliteral = len(raw) == 4 and raw.endswith("ة") and not word.startswith(QUANTIFYING_OR_KIN)
    masdar = raw[:1] not in "أآ" and DERIVED_MASDAR.fullmatch(word) is not None  # "أحلام": a name
    return triliteral or masdar or word in EVENTS


def sentence_subject(text: str, lo: int, hi: int, ents: list[Entity],
                     known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """The subject of the sentence at ``lo``, verb first or fronted, also after a fronted adjunct clause
    ("وبعد أن أصيب ...، سعى يعقوب للحصول على علاج")."""
    starts = [lo]
    first = sp.tokens(text, lo, min(hi, lo + 20))[:1]
    comma = next((i for i in range(lo, min(hi, lo + 160)) if text[i] in "،,"), None)
    if comma is not None and first and without_conjunction(first[0][1], _FRONTED) in _FRONTED:  # "في"، "وفي"، "وبعد"
        starts.append(comma + 1)
    for start in starts:
        found = (sp.clause_subject(text, start, hi, ents, known) or fronted_subject(text, start, hi, ents, known)
                 or named_subject(text, start, hi, ents, known) or reporting_subject(text, start, hi, ents, known))
        if found is not None:
            return found
    return None


def reporting_subject(text: str, lo: int, hi: int, ents: list[Entity],
                      known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """The subject of a sentence opening with a past reporting verb, a body NER does not know ("ونفت وحدات حماية
    الشعب الكردية حصار ..."): the noun phrase after the verb, headed by a body or people noun, without its object."""
    toks = sp.tokens(text, lo, min(hi, lo + 120))
    if len(toks) < 3 or (form := LEX.get(toks[0][1])) is None or not form.prefix or form.kind != "past":
        return None
    return _body_after_verb(text, toks, ents, known, ("f" if form.fem else "m", form.plural or None))


def subclause_body(text: str, lo: int, hi: int, ents: list[Entity],
                   known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """The body after the past verb opening a subordinate clause ("في وقت بدأت المليشيات العراقية ... مشيرة")."""
    toks = sp.tokens(text, lo, min(hi, lo + 120))
    if len(toks) < 3 or not toks[0][1].isalpha() or toks[0][1].startswith("ال") or toks[0][1] in sp.NOT_VERBS:
        return None
    verb = sp.WORD_MARKS_RE.sub("", toks[0][0])
    return _body_after_verb(text, toks, ents, known, ("f" if verb.endswith("ت") else "m", verb.endswith("وا") or None))


def _body_after_verb(text: str, toks: list, ents: list[Entity], known: list[Speaker],
                     feats: tuple[str, bool | None]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    span = sp.find_np(text, toks[1][2], toks[-1][3], ents)
    head = toks[1][1]
    if span is None or span[0] != toks[1][2] or not (head in sp.TITLES or stem(head) in _BODIES or body_noun(
            head) or toks[1][0].endswith("ات")):  # "صندوق النقد الدولي": a body noun learned from the word classes
        return None  # a body or people noun ("وحدات"، "مجموعة"), not an object ("رغبته"، "تدارك الخطأ")
    span = subject_only(text, span, ents)
    words = sp.tokens(text, *span)
    if not 2 <= len(words) <= 6 or not all(t[1].isalpha() for t in words):
        return None
    speaker = sp.build_speaker(text, span[0], span[1], ents, known)
    return (speaker, feats) if speaker else None


# --- the subject of a verb whose object is the content (moved from speakers.py: room) ---

def plausible_np(text: str, span: tuple[int, int], ents: list[Entity]) -> bool:
    """A quote right after "verb + NP" (no إن/أن/colon) needs an NP that looks like a speaker."""
    if any(x.type in ("PERS", "ORG") and x.start < span[1] and x.end > span[0] for x in ents):
        return True
    words = [fold_match(w) for w in text[span[0] : span[1]].split()]
    return len(words) <= 3 or any(w in sp.TITLES or w in sp.RANKS for w in words)


def _named_company(text: str, speaker: Speaker, pos: int, ents: list[Entity], index: MentionIndex) -> Speaker | None:
    """ "المجموعة"، "الشبكة" for a company the article named "شركة X" ("تسحب شركة تويوتا اليابانية ... وأعلنت
    المجموعة"): another word for the same company, when nothing else resolved it."""
    words = _words(speaker.text)
    if len(words) != 1 or words[0] not in _COMPANY_HEADS or words[0] == "الشركه":
        return None
    found = earlier_mention(text, Speaker(text="الشركة", canonical="الشركه", type=speaker.type), pos, ents, index)
    return found if found is not None and not _words(found.text)[0].startswith("ال") else None  # its name
