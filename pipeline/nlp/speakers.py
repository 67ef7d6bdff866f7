"""Who is speaking: the speaker noun phrase of a reported statement, as the article writes it.

Between a reporting verb and its content, news puts the speaker and adjuncts: time ("اليوم السبت"، "أواخر 2016"),
occasion ("في تصريح لمراسل الجوهرة"، "على هامش ...") and outlet ("لوكالة تونس إفريقيا للأنباء"). Yet prepositions are
also *inside* names ("الاتحاد العام التونسي للشغل"، "السفير الأمريكي في الأمم المتحدة جون بولتون"): a phrase is an
adjunct when its preposition always is (خلال، بعد، منذ ...), when its object is an event, a time, an outlet, a
demonstrative or carries a pronoun suffix, or when it follows a complete name. ``find_np`` finds the speaker span;
``build_speaker`` keeps the phrase as written (``text``) and canonicalises it to the person's name, a known speaker
(anaphors) or the folded phrase. ``features``/``agrees``: the gender and number a dropped subject agrees with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp import speaker_spans, speaker_words
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (  # noqa: F401  re-exported for mentions, statements, subjects
    ADJUNCT_HEADS,
    ADVERBS,
    ANAPHORS,
    CLAUSE_STARTS,
    COND_PREPS,
    CORRESPONDENTS,
    DEFINITE,
    DOCS,
    EVENTS,
    FEM_PLURAL_HEADS,
    FOR,
    HASHTAG_MARKS,
    LEADERS,
    MASC_PLURAL_HEADS,
    MAX_NP_WORDS,
    MONTHS,
    NAME_MAX,
    OBJECT_OPENERS,
    ON_WHAT,
    OUTLET_HEADS,
    OUTLETS,
    PERCENT,
    PREPS_RAW,
    PUNCT_STOP,
    QUOTES,
    RANKS,
    RELATIVES,
    TIME_NOUNS,
    TITLES,
    WORD_MARKS_RE,
    agrees,
    features,
    fold_set,
    kana_noun,
    past_fronted_adjunct,  # noqa: F401  (mentions)
    plural_verb,
)
from pipeline.nlp.speaker_words import is_event as _is_event
from pipeline.nlp.speaker_words import percent_at as _percent_at
from pipeline.nlp.speaker_words import stem as _stem
from pipeline.text.normalise import fold_match
from pipeline.text.tokenize import folded_span_tokens

Tok = tuple[str, str, int, int]  # raw, folded, start, end


def speaker_features(speaker: Speaker) -> tuple[str, bool | None]:
    """``features`` of a speaker phrase; one headed by a person's name is one person ("وقال جوردون"، "ماكرون")."""
    head = fold_match(speaker.text.split()[0].strip('"«»“”')) if speaker.text.split() else ""
    return features(speaker.text, speaker.type == "PERS" and head in speaker.canonical.split())


def tokens(text: str, s: int, e: int) -> list[Tok]:
    """Word and punctuation tokens of ``text[s:e]`` with folded forms and absolute offsets (the rules ask for a
    span again and again: a short one comes from a cache, copied, since the list is the caller's)."""
    return list(_tokens(text, s, e)) if e - s <= 1000 else _tokens.__wrapped__(text, s, e)


@lru_cache(maxsize=256)  # the spans of an article or two; the key holds its text (a str hashes once)
def _tokens(text: str, s: int, e: int) -> list[Tok]:  # never handed out: ``tokens`` copies it
    return [t for t in folded_span_tokens(text, s, e) if t[0] not in HASHTAG_MARKS]  # "#تيريزا_ماي": the name


def prep_object(w: str) -> tuple[str, str] | None:
    """("ب"/"ل", object) for a word carrying a preposition prefix ("بالمناسبة", "للجوهرة", "لوكالة")."""
    if w.startswith("لل") and len(w) > 3:
        return "ل", "ال" + w[2:]
    if w[:1] in ("ب", "ل") and len(w) > 2 and not w.startswith(("بين", "باسم", "بعض")):  # "أكد بعضهم": some
        return w[0], w[1:]
    return None


def _adjunct_at(toks: list[Tok], i: int, after_name: bool) -> bool:
    """Does ``toks[i]`` open an adjunct (a phrase that is not part of the speaker's name)?"""
    raw, w, _, _ = toks[i]
    if raw == "علي" and not (i + 1 < len(toks) and (_is_event(*toks[i + 1][:2]) or toks[i + 1][1] in ON_WHAT)):
        return False  # the name Ali, not "على" written with ya
    if w[:1] in ("و", "ف") and len(w) > 2 and (w[1:] in ADJUNCT_HEADS or raw[1:] in PREPS_RAW
                                              or w[1:] in CLAUSE_STARTS):
        w = w[1:]  # not "والي" (governor), which folds like "وإلى"
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if w in ADVERBS or w in ADJUNCT_HEADS or w in RELATIVES or w in CLAUSE_STARTS or speaker_words.has_digit(w):
        return not speaker_words.bare_construct(w, nxt[1] if nxt else "")  # "مصدر مطلع في": not "مطلع الشهر"
    if w in COND_PREPS:
        if w in ("علي", "مع") or after_name or nxt is None or w == "عن" and i and toks[i - 1][1] not in FOR:
            return True  # "النائب عن حزب X" but "قالت مجلة نيوزويك عن الفيلم"
        return _is_event(nxt[0], nxt[1])
    split = prep_object(w)
    if split is None:
        return False
    prep, obj = split
    if prep == "ل":  # "لوكالة"، "للجوهرة"، "له" are outlets; "للشغل"، "للمعرض" belong to the name
        return _stem(obj) in OUTLETS or obj in OUTLETS
    return _is_event(raw, obj) or (after_name and obj.startswith("ال"))


def entity_starts(ents: list[Entity], s: int, e: int) -> dict[int, Entity]:
    return {x.start: x for x in ents if x.type in ("PERS", "ORG") and s <= x.start < e}


def speakerish(tok: Tok, starts: dict[int, Entity], pers: bool = False) -> bool:
    w = tok[1]
    ent = starts.get(tok[2])
    return w in TITLES or w in RANKS or ent is not None and (ent.type == "PERS" or not pers)


def _skip_leading(toks: list[Tok], starts: dict[int, Entity], told: bool = True) -> int:
    """Index of the first token of the speaker after leading adverbs and adjunct phrases."""
    i = 0
    while i < len(toks):
        raw, w, _, _ = toks[i]
        if w in CLAUSE_STARTS:
            return len(toks)
        if w in "،,-–" or w in QUOTES:
            i += 1
        elif speaker_words.has_digit(w) and _percent_at(toks, i + 1):
            return i  # "قال 54,6٪ منهم": a share of the people polled is the subject
        elif w in ADVERBS or w[:1] in "وف" and w[1:] in ADVERBS or speaker_words.has_digit(w) or \
                w in speaker_words.TOLD_PRONOUNS and toks[i][2] not in starts:  # "قالت لها المتحدثة": the one told
            i += 1
        elif w in TIME_NOUNS and i + 1 < len(toks) and toks[i + 1][1] in ADVERBS:
            i += 2  # "وقال الشهر الجاري إن": a time noun with a time adjective is an adjunct
        elif speaker_words.dated([t[1] for t in toks], i):
            i += 2  # "وقال عام 2015"، "وأضاف في مايو": a date, never the subject
        elif (w.startswith("بال") or told and w.startswith("لل")) and len(w) > 4 and toks[i][2] not in starts:
            i += 1  # "وأضافت، في بيان، بالبريد الإلكتروني"، "قال للمحققين": a subject never opens with a preposition
            while i < len(toks) and toks[i][1].startswith("ال") and toks[i][1] not in TITLES \
                    and toks[i][2] not in starts:
                i += 1  # the phrase's adjectives
        elif w in ("من", "ومن") and i + 1 < len(toks) and toks[i + 1][1].startswith(("جه", "جان", "ناحي", "طرف")):
            i += 2
        elif _adjunct_at(toks, i, False) or w in COND_PREPS or raw[:1] in "وف" and raw[1:] in PREPS_RAW:
            j = i + 1
            while j < len(toks) and toks[j][1] not in "،," and not (  # "خلال اللقاء وزير الخارجية"
                j > i + 1 and speakerish(toks[j], starts, True) and not _objectish(toks[j - 1])
                and not (sum(t[1] in QUOTES for t in toks[i:j]) % 2 and any(_objectish(t) for t in toks[i:j]))
                and (toks[j - 1][1].startswith(DEFINITE) or speaker_words.opened_quote(toks, j))
                and (not toks[j][1].startswith("ال") or toks[j][1] in RANKS or toks[j][2] in starts
                     or toks[j - 1][1] in QUOTES)
            ):
                j += 1
            k = name_run(toks, j + 1) if any(_objectish(t) for t in toks[i:j]) else None  # "لموفد "الجوهرة"، فضلوني
            i = k if k is not None and (k == len(toks) or toks[k][1] in "،,") else j  # يعيش،": the adjunct's name
        else:
            return i
    return i


def owned_object(tok: Tok) -> bool:
    """ "وأكدت تصنيفها الائتماني"، "واختتمت كلمتها": a noun with a pronoun suffix right after the verb is its object
    (the subject was dropped), unless it quantifies or relates people ("بعضهم"، "زوجته") or is a title ("وقال
    رئيسها")."""
    if speaker_words.owned_masdar(tok[0], tok[1]):
        return True  # "أبدى مسؤول بوزارة الدفاع ترحيبه": a verbal noun with "his"
    if not tok[0].endswith(("ها", "هم", "هما")):
        return _owned_speech(tok[0], tok[1])
    stem = tok[1][: -3 if tok[1].endswith("هما") else -2]
    return not _quantifying_or_kin(stem) and stem not in TITLES and stem[:-1] + "ه" not in TITLES and \
        stem not in COND_PREPS and len(stem) > 1


def _owned_speech(raw: str, w: str) -> bool:
    """ "وأضاف قوله"، "واختتم رأيه قائلا"، "وجاء فيها حديثه": a speech or event noun (``EVENTS``) owned by "his" is
    what the dropped subject said or did; "ه" alone is no sign (names end in it: "عبده"، "بارنييه"), nor is the
    emphatic pronoun ("المصدر نفسه"، "ذاته"), nor a ة folded like ه ("شهرة")."""
    owned = w[:-1]
    noun = owned[:-1] + "ه" if owned.endswith("ت") else owned
    return WORD_MARKS_RE.sub("", raw).endswith("ه") and len(owned) >= 3 and noun in EVENTS and noun not in _EMPHATIC


_EMPHATIC = fold_set("نفس ذات")


# What may follow a quantifier's or kin noun's letters before its pronoun: a feminine ت ("زوجتها"), a case or
# construct vowel ("أخيه"، "أبوها"), a plural or dual ("أبناؤهم"، "إخوتها"، "والداها").
_KIN_ENDINGS = frozenset(("", "ت", "ي", "و", "ا", "او", "اي", "اء", "وت", "ات", "وات", "ان"))


def _quantifying_or_kin(stem: str) -> bool:
    """The owned noun (pronoun removed, folded) is a quantifier or kin noun of ``QUANTIFYING_OR_KIN`` with at most an
    inflectional ending: "بعض"، "زوجت"، "ابناو"; not a noun that only opens with its letters ("كلمت"، "عمل")."""
    return any(stem.startswith(p) and stem[len(p) :] in _KIN_ENDINGS for p in speaker_words.QUANTIFYING_OR_KIN)


def _objectish(tok: Tok) -> bool:
    """A word after which a noun is its object or outlet, not a speaker ("لقائه وزير"، "لقناة فوكس")."""
    split = prep_object(tok[1])
    return tok[0].endswith(("ه", "ها")) or bool(split and _stem(split[1]) in OUTLETS)


def name_run(toks: list[Tok], j: int) -> int | None:
    """End of a bare name ("قيس المحمداوي") at ``toks[j]``: up to four words ending at a comma, a dash,
    an adjunct or the end of the stretch; None when no such name starts there."""
    if j >= len(toks):
        return None
    first = toks[j][1]  # the article, not a name's hamza ("أليسون"، "إلهام": folded alike)
    if not first.isalpha() or first.startswith(("ال", "وال")) and not WORD_MARKS_RE.sub("", toks[j][0]).startswith(
            ("أل", "إل")) or first in CLAUSE_STARTS or \
            speaker_words.circumstantial(toks[j][0]):
        return None  # "أحمد، وعمره 29 عاما،": a clause about him, no name in apposition
    k = j
    while k < len(toks) and k - j <= NAME_MAX and toks[k][1].isalpha():
        if _adjunct_at(toks, k, True):
            break
        if toks[k][1].startswith(("لل", "بال", "وال")) or toks[k][1] in speaker_words.PRONOUNS:
            return None  # "صورة للطرفين وهما يتصافحان"، "بين الإنفاق الدفاعي والتجارة": a clause, not a name
        k += 1
    if k < len(toks) and (toks[k][1] in RELATIVES or toks[k][1] in CLAUSE_STARTS):
        return None
    ok = j < k <= j + NAME_MAX and (k == len(toks) or toks[k][1] in "،,-–" or _adjunct_at(toks, k, True))
    return k if ok else None


def _told(toks: list[Tok], i: int, ends: set[int], ents: list[Entity]) -> bool:
    """ "وأوضح برومل لبي بي سي": a ل-word right after a person's name is the one told, not part of the name."""
    w = toks[i][1]
    split = prep_object(w)
    if split is None or split[0] != "ل" or w in TITLES or _stem(split[1]) in TITLES or w.startswith("لل"):
        return False
    if any(toks[i][0] in x.text.split() and not x.start <= toks[i][2] < x.end and not x.text.startswith(
            toks[i - 1][0]) for x in ents):
        return False  # "جان إيف لودريان" ... "والتقى لودريان": a name the article gives elsewhere, not "ل" + one told
    prev = toks[i - 1]
    earlier = [fold_match(x.text).split() for x in ents if x.type == "PERS" and x.end <= prev[2]]
    return prev[3] in ends or any(len(n) > 1 and prev[1] in n for n in earlier)  # "كينيث برومل ... برومل لبي"


def _quoted_name(toks: list[Tok], i: int) -> int | None:
    """Index after a short quoted or bracketed name ("صحيفة "آس""، "جامعة المعلومات (منظمة الأعراف)"), or None."""
    for j in range(i + 1, min(len(toks), i + 8)):
        if toks[j][1] in (")" if toks[i][1] == "(" else QUOTES):
            return j + 1 if j > i + 1 else None
        if toks[j][1] in PUNCT_STOP or toks[j][1] in "،,":
            return None
    return None


def _object_after_definite(toks: list[Tok], i: int, starts: dict[int, Entity], ents: list[Entity]) -> bool:
    """ "ووصف الكشاف الإسباني قدرات ميسي"، "وأكد البيان اعتقال المعتدي": right after a definite word, an indefinite
    noun is no adjective of it (adjectives agree in definiteness) and no name when it is a plural in ات، a noun
    counting the number after it, or a verbal noun of a derived verb (إفعال، تفعيل، استفعال...; not أفعال, a plural
    or a name: "أحلام") governing a definite noun, a plural or أي, not after a title or rank (a name on the template:
    "اللواء تحسين الخفاجي"، "الفنانة تارين سيمون"، "الضابط مواريه في"): the verb's object starts there. A word of a
    name the article tags is kept."""
    raw, w = WORD_MARKS_RE.sub("", toks[i][0]), toks[i][1]
    if not toks[i - 1][1].startswith(DEFINITE) or toks[i][2] in starts or not w.isalpha() or w[:1] in "ولب" or \
            w.startswith("ال") or w in TITLES:
        return False
    nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
    plural = raw.endswith("ات") and len(w) >= 5
    governs = nxt.startswith(DEFINITE) or nxt.endswith("ات") and len(nxt) >= 5 or nxt in ("اي", "ايه")
    titled = toks[i - 1][1] in TITLES or toks[i - 1][1] in RANKS  # "اللواء تحسين الخفاجي": a name after a title
    masdar = raw[:1] not in "أآ" and governs and not titled and bool(speaker_words.DERIVED_MASDAR.fullmatch(w))
    return (plural or masdar or speaker_words.has_digit(nxt)) and not speaker_words.in_named_entity(toks[i], ents)


def find_np(text: str, s: int, e: int, ents: list[Entity], told: bool = True) -> tuple[int, int] | None:
    """Span of the speaker noun phrase in ``text[s:e]`` (None: only adjuncts); ``told``: "قال للمحققين"."""
    toks = tokens(text, s, e)
    starts = entity_starts(ents, s, e)
    ends = {x.end for x in ents if x.type == "PERS" and s < x.end <= e}
    folded = [t[1] for t in toks]
    i = _skip_leading(toks, starts, told)
    if i >= len(toks) or toks[i][1] in QUOTES or toks[i][1] in PUNCT_STOP or owned_object(toks[i]) or \
            speaker_words.future_copula(toks[i][1]) and toks[i][2] not in starts or \
            toks[i][1] in speaker_words.IDIOM_OBJECTS:
        return None  # "وأضاف سيكون "هذا تناقضا"": a verb of the quote, the subject was dropped
    if re.fullmatch("م[^ ]{3,}ا", toks[i][0]) and toks[i][2] not in starts and toks[i + 1 :][:1] and \
            toks[i + 1][1].startswith("ال") or speaker_spans.participle_first(toks, i, starts, text[e : e + 40]):
        return None  # "وأضاف مقدما التعازي"، "وتابعت معتذرة للجمهور قائلة": a participle (حال), no subject
    first, last, words, after_name = i, i, 0, False
    share = False
    quoted = i > 0 and toks[i - 1][1] in QUOTES and toks[i - 1][3] == toks[i][2]  # "قال "ليفربول" في بيان"
    while i < len(toks) and words < MAX_NP_WORDS:
        raw, w, _, end = toks[i]
        in_count = speaker_words.counted_from(folded, first, i)
        if speaker_words.has_digit(w) and (i == first or in_count) or i > first and _percent_at(toks, i):
            share = share or in_count  # "أكثر من 80 في المئة": "من" the people it counts may follow
            last, i = i + (w == "في"), i + 1 + (w == "في")  # "54,6٪ منهم"، "14 في المئة منهم"
            continue
        if in_count or share and w == "من" and i == last + 1:
            last, i, share = i, i + 1, False  # "أكثر من 80 في المئة من المراهقين": the count is kept whole
            continue
        if quoted and w in QUOTES:
            i, quoted, after_name = i + 1, False, True  # past the closing mark of a quoted name
            continue
        told = w[:2] == "لل" and speaker_spans.told_after(toks, first, i, bool(starts)) or \
            w in TIME_NOUNS and i + 1 < len(toks) and toks[i + 1][1] in ADVERBS  # "ديشان الأسبوع الماضي"
        owned = i > first and (toks[i - 1][3] in ends or toks[i - 1][0].startswith("ال") and raw[:1] != "و") and \
            (toks[i][2] not in starts or speaker_words.owned_masdar(raw, w)) and owned_object(toks[i])
        # "الصفحة تغريدتها": after a definite noun, its object; "آل الشيخ انتقاده": a verbal noun with "his" is never a
        # name, even when the tagger opens a PERS with it
        counted = i == first + 2 and folded[first] in ("اكثر", "اقل") and folded[first + 1] == "من"  # "أكثر من ثلاثة"
        idiom = w in speaker_words.IDIOM_OBJECTS  # "كشف الوزير النقاب عن": the idiom's object, after its subject
        if i > first and (w in OBJECT_OPENERS and not counted or idiom or w in OUTLET_HEADS and toks[
                i - 1][1].startswith(DEFINITE) or _told(toks, i, ends, ents) or told or owned
                          or speaker_spans.timed(folded, i) or speaker_words.hal_participle(toks, i, ents)
                          or speaker_words.clause_opens(toks, i, ents) or speaker_words.outlet_told(toks, first, i)
                          or _object_after_definite(toks, i, starts, ents)
                          or speaker_spans.definite_masdar_object(toks, i, ents)
                          or speaker_spans.indefinite_masdar_object(toks, first, i, ents)):
            break  # "وأبلغ الاتحاد صحيفة "صن""، "تنفي وزارة المالية ذلك"، "برومل لبي بي سي"، "مفضلا": not the speaker
        if w in "،,-–":
            apposition = i + 1 < len(toks) and (speakerish(toks[i + 1], starts) or name_run(toks, i + 1) or
                                                speaker_words.nationality_then_person(toks, i + 1, starts))
            if not apposition or toks[i + 1][1] in CORRESPONDENTS:
                break  # no title or name follows; "أفاد مصدر أمني، مراسل الجوهرة، أن": the one told
            i += 1
            continue
        if w in QUOTES or w == "(" and i > first:
            if i > first and speaker_spans.quoted_adjunct(toks, i):
                break  # "الاتحاد الألماني "بشكل قاطع"": a quoted adverb, not a quoted name
            close = _quoted_name(toks, i)
            if close is None:
                break
            last, i = close - 1, close
            continue
        if w in PUNCT_STOP or (i > first and (_adjunct_at(toks, i, after_name) or w in ("ضيف", "ضيفه"))):
            break  # "سامية عبو ضيفة بوليتيكا": the show she is a guest of is no part of her name
        if w in TITLES or w in RANKS:
            after_name = False
        elif i > first and toks[i - 1][1].startswith(DEFINITE) and w.isalpha() and not w.startswith(
                ("ال", "و", "ل", "ب")):
            after_name = True  # "وزير الداخلية هادي المجدوب": a bare word after the title is a name
        last, words = i, words + 1
        after_name = after_name or end in ends
        i += 1
    return toks[first][2], toks[last][3]


def ranked_name(words: list[str], folded: list[str]) -> list[str]:
    """The words after a rank ("اللواء تحسين الخفاجي" → "تحسين الخفاجي"), up to three."""
    for i, w in enumerate(folded):
        if w in RANKS:
            j = i
            while j < len(words) and folded[j] in RANKS:
                j += 1
            k = j
            while k < len(words) and k - j < 3 and folded[k] not in TITLES and folded[k] not in RANKS:
                k += 1
            if k > j:
                return words[j:k]
    return []


def trailing_name(words: list[str]) -> list[str]:
    """The name after a title ("وزير الدفاع الأمريكي لويد أوستن"): bare words after a definite word."""
    last = 1 if len(words) > 2 and fold_match(words[-1]).startswith("ال") else 0
    n = last
    while n < min(3 + last, len(words)) and not fold_match(words[-1 - n]).startswith(DEFINITE):
        n += 1
    run = words[len(words) - n :]
    if not 2 <= n < len(words) or any(_not_name(fold_match(w)) for w in run) or (
            fold_match(run[0]) == "باسم" and fold_match(words[-1 - n]) in FOR):  # المتحدث باسم X: "for X"
        return []
    return run if fold_match(words[-1 - n]).startswith(DEFINITE) and n > last else []


def _not_name(w: str) -> bool:
    """A title or preposition, or a title behind a preposition ("لحركة"), cannot be part of a name."""
    split = prep_object(w)
    return w in TITLES or w in PREPS_RAW or w == "اي" or bool(split and split[1] in TITLES)  # "أسماء أي": "any"


def person_name(np: str) -> list[str]:
    """A person's name inside a speaker phrase without entities: ranked, bare segment or trailing."""
    segments = [seg.strip(" \"'«»“”-–") for seg in re.split(r"[،,]|\s[-–]\s", np) if seg.strip(" \"'«»“”-–")]
    words = " ".join(segments).split()
    name = ranked_name(words, [fold_match(w) for w in words])
    if name:
        return name
    for seg in segments:
        sw = seg.split()
        if len(sw) <= 3 and not any(fold_match(w) in TITLES or fold_match(w) in ADVERBS for w in sw):
            return sw
    for seg in segments:
        name = trailing_name(seg.split())
        if name:
            return name
    return []


def title_holder(title: str, known: list[Speaker]) -> Speaker | None:
    """The earlier speaker whose mention carried (most of) this title, so the title resolves to them."""
    words = set(title.split())
    if len(words) < 2:
        return None
    for sp in reversed(known):
        mention = {fold_match(w) for w in re.split(r"[\s،,]+", sp.text) if w}
        shared = len(words & mention)
        if sp.canonical != title and shared >= 2 and shared / len(words) >= 0.66:
            return sp
    return None


def _clean_surface(np: str) -> str:
    np = re.sub(r"\s*\([^()]*\d[^()]*\)\s*$", "", np)  # "بلومي (59 عاما)": the age is no part of the name
    np = re.sub(r"(?<=\S)[\s،,]+لـ\s?[A-Za-z].*$", "", np)  # "مصدر أمني لـCNN": the outlet told, not the speaker
    np = np.strip(" ،,-–:")
    if np.count('"') % 2 or sum(np.count(q) for q in "«»") % 2 or sum(np.count(q) for q in "“”") % 2:
        np = np.strip('"«»“”')
    return np


def build_speaker(text: str, s: int, e: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """Speaker for the phrase ``text[s:e]``: entity, ranked or trailing name, anaphor, title holder or title."""
    lead = re.match(r"(?:إلى|الى|على|عن|من|في|مع)\s+", text[s:e])
    if lead is not None:  # "يشير إلى الروائي ... ديكنز، الذي كشف": the preposition is the verb's, not the name's
        s += lead.end()
    surface = _clean_surface(text[s:e])  # no clause ("أن أؤكد لكم بأنني سوف أكون") is a name:
    unquoted = re.sub(r'"[^"]*"|«[^»]*»|“[^”]*”', " ", surface).split()  # "بيرفوت إن ذا بارك" is a title
    if not surface or len(surface.split()) > MAX_NP_WORDS + 2 or {WORD_MARKS_RE.sub("", w) for w in unquoted} & \
            speaker_words.CLAUSE_WORDS:
        return None
    if fold_match(surface.split()[0]) in speaker_words.QUESTION_WORDS:  # "ماذا قال ترامب؟": no one said "ماذا"
        return None
    pers = next((x for x in ents if x.type == "PERS" and x.start < e and x.end > s), None)
    if pers is not None:  # the entity, unless it is a piece of the name the phrase spells out ("شون" of "شون رايان")
        name = person_name(surface)
        longer = len(name) > len(pers.text.split()) and fold_match(pers.text) in fold_match(" ".join(name))
        canonical = " ".join(fold_match(w) for w in name) if longer else pers.canonical
        return Speaker(text=surface, canonical=canonical, type="PERS")
    folded = [w for w in (fold_match(x).strip(".") for x in surface.replace("،", " ").split()) if w]
    if known and folded and len(folded) <= 2 and folded[0] in ANAPHORS:
        return Speaker(text=surface, canonical=known[-1].canonical, type=known[-1].type)
    name = person_name(surface)
    if name:
        canonical = " ".join(fold_match(w) for w in name)
        if len(name) == 1:
            for sp in reversed(known):
                if sp.canonical.split()[-1:] == [canonical] or sp.canonical.endswith(" " + canonical):
                    return Speaker(text=surface, canonical=sp.canonical, type=sp.type)
        return Speaker(text=surface, canonical=canonical, type=None)
    org = next((x for x in ents if x.type == "ORG" and x.start <= s + 1 and x.end >= e - 1), None)
    if org is not None:
        return Speaker(text=surface, canonical=org.canonical, type="ORG")
    canonical = " ".join(w for w in folded if w not in "-–\"«»“”")
    holder = title_holder(canonical, known)
    if holder is not None:
        return Speaker(text=surface, canonical=holder.canonical, type=holder.type)
    return Speaker(text=surface, canonical=canonical, type=None)


# --- speakers outside the verb's own stretch: before the verb, in an earlier clause, behind a document ---
NOT_VERBS = fold_set("في من على إلى الى عن أن إن ان هذا هذه ذلك تلك وفي ومن وعلى يذكر يشار لا لم لن ما")
NOT_VERBS |= RELATIVES | ADJUNCT_HEADS
_QUANTIFIERS = fold_set("جميع كل كافة بعض")
_NEGATIONS = fold_set("لم ولم لن ولن لا ولا")


def sentence_start(text: str, pos: int, limit: int = 400) -> int:
    chunk = text[(lo := max(0, pos - limit)) : pos]
    cut = max(*(chunk.rfind(m) for m in ("\n", ". ", "؟", "..", ": ")), speaker_words.dateline_end(chunk))
    return lo + cut + 1 if cut >= 0 else lo


def in_entity(ents: list[Entity], pos: int, kind: str = "") -> bool:
    for x in ents:  # a loop, not any() over a generator: called for most words near a statement
        if x.start <= pos < x.end and (x.type == kind if kind else x.type in ("PERS", "ORG")):
            return True
    return False


def earlier_name(toks: list[Tok], j: int, ents: list[Entity]) -> int | None:
    """End of a name at ``toks[j]`` that repeats words of a person named before it ("يعقوب" after "يعقوب
    الشمساني", "بالوتيلي" after "ماريو بالوتيلي"): a name NER tagged once and missed the second time."""
    if not toks[j][1].isalpha() or toks[j][1].startswith("ال") or in_entity(ents, toks[j][2]):
        return None
    names = [set(fold_match(x.text).split()) for x in ents if x.type == "PERS" and x.end <= toks[j][2]]
    hit = next((n for n in reversed(names) if toks[j][1] in n and len(n) > 1), None)
    if hit is None:
        return None
    k = j + 1
    while k < len(toks) and toks[k][1] in hit:
        k += 1
    return k


def subject_end(toks: list[Tok], j: int, ents: list[Entity], known: list[Speaker]) -> int | None:
    """End index of a speaker-like subject starting at ``toks[j]``: a known name, a person, a title phrase."""
    w = toks[j][1]
    if any(s.canonical.split()[-1:] == [w] for s in known):
        return j + 1
    named = earlier_name(toks, j, ents)
    if named is not None:
        return named
    pers = next((x for x in ents if x.type == "PERS" and x.start == toks[j][2]), None)
    if pers is None and w.startswith("ال") and w not in TITLES and w not in RANKS and j + 1 < len(toks):
        pers = next((x for x in ents if x.type == "PERS" and x.start == toks[j + 1][2]), None)  # "المخرج خالد يوسف"
    if pers is not None:
        return max(k for k in range(j, len(toks)) if toks[k][3] <= pers.end or k == j) + 1
    if w in ("احد", "احدي") and j + 2 < len(toks) and toks[j + 1][1].isalpha():  # "وطالب أحد كتاب الأعمدة الرياضية
        k = j + 2  # في الصحف السويدية": one of a group, its definite words and a place of them
        while k < len(toks) and k - j < 10 and (toks[k][1].startswith("ال") or toks[k][1] in ("في", "من") and
                                                k + 1 < len(toks) and toks[k + 1][1].startswith("ال")):
            k += 1
        if not {t[1] for t in toks[k : k + 2]} & speaker_words.CALLED:  # "أحد المارة، ويدعى مانفريد رويدر": named
            return k
    if w not in TITLES and w not in RANKS and not in_entity(ents, toks[j][2], "ORG"):
        loc = next((x for x in ents if x.type == "LOC" and x.start == toks[j][2]), None)  # "نفت السعودية"
        return max(k for k in range(j, len(toks)) if toks[k][3] <= loc.end or k == j) + 1 if loc else None
    k = j + 1
    while k < len(toks) and k - j < 8 and toks[k][1].isalpha() and not _adjunct_at(
            toks, k, in_entity(ents, toks[k - 1][2], "PERS")):  # "شينزو آبي إلى التشديد": folded إلى looks definite
        w = toks[k][1]
        if w.startswith(DEFINITE) and in_entity(ents, toks[k - 1][2], "PERS") and not in_entity(ents, toks[k][2]):
            break  # "استغل الرئيس الروسي فلاديمير بوتين الوضع": a definite word after the person's name is the object
        place = w[:1] in "بل" and (k + 1 == len(toks) or _adjunct_at(toks, k + 1, True))  # "السفارة الفرنسية بتونس"
        if not (w.startswith(DEFINITE) or w in TITLES or w in RANKS or place or in_entity(ents, toks[k][2])) or \
                speaker_words.plural_object([t[1] for t in toks[j : k + 1]], k - j, in_entity(ents, toks[k][2])):
            break
        k += 1
    after_title = toks[k - 1][1] in TITLES or toks[k - 1][1] in RANKS
    if not after_title and toks[j][1] in TITLES and k > j + 1 and toks[k - 1][1].startswith("ال") and not any(
            in_entity(ents, t[2], "PERS") for t in toks[j:k]):  # "رئيس نادي الزمالك مرتضى منصور عن"
        run = name_run(toks, k)
        if run and all(t[1] not in TITLES and prep_object(t[1]) is None for t in toks[k:run]):
            return run
    if k + 2 < len(toks) and toks[k][1] == "في":  # "... في أفغانستان تاداميشي ياماماتو": the post's place, the name
        after = {t[2] for t in toks[k + 2 : k + 4]}
        pers = next((x for x in ents if x.type == "PERS" and x.start in after), None)
        if pers is not None:
            return max(n for n in range(k, len(toks)) if toks[n][3] <= pers.end) + 1
    return (name_run(toks, k) if after_title else None) or k  # "المواطن جمال،"


#: the pronoun of a relative clause's noun after its verb ("في الوقت الذي تطالب فيه الخرطوم"): the subject follows it
RESUMPTIVE = frozenset({"فيه", "فيها"})


def clause_subject(text: str, lo: int, hi: int, ents: list[Entity],
                   known: list[Speaker]) -> tuple[Speaker, tuple[str, bool | None]] | None:
    """Speaker-like subject of a sentence opening with a verb ("تلقّت إيناس ..."), with the verb's gender/number."""
    toks = tokens(text, lo, min(hi, lo + 90))
    i = 0
    while i < len(toks) and (toks[i][1] in LEADERS or not toks[i][1].isalpha() or toks[i][1][:1] in "وف"
                             and toks[i][1][1:] in ADVERBS):
        i += 1  # "وبدوره ايد القس ..."
    i = past_fronted_adjunct(toks, i)
    negated = i < len(toks) and toks[i][1] in _NEGATIONS
    i += negated  # "ولم تتخلف السفارة ..."
    expressed = i + 1 < len(toks) and toks[i][1] == "عبر" and speakerish(toks[i + 1], entity_starts(
        ents, toks[i + 1][2], toks[i + 1][3]))  # "عبّر رئيس النادي عن أسفه": the verb, not "عبر" (via)
    if i + 1 >= len(toks) or toks[i][1] in NOT_VERBS and not expressed or toks[i][1].startswith(DEFINITE) or \
            WORD_MARKS_RE.sub("", toks[i][0]).endswith("ة") or kana_noun(toks, i):  # "وكان نادي الزمالك ... حاضرا"
        return None  # "وكانت قيادة العمليات ... قد أعلنت": a word in taa marbuta is a noun, كان's subject, no verb
    j = i + 1 + (toks[i + 1][1] in RESUMPTIVE and i + 2 < len(toks))  # "الذي تطالب فيه الخرطوم": its subject after
    share = speaker_words.has_digit(toks[j][1]) and _percent_at(toks, j + 1)  # "أشار 16,6٪ إلى"
    if toks[j][1] in _QUANTIFIERS or not toks[j][1].isalpha() and not share:
        return None
    k = j + 2 if share else speaker_spans.titled_apposition(toks, j, subject_end(toks, j, ents, known), ents)
    speaker = build_speaker(text, toks[j][2], toks[k - 1][3], ents, known) if k else None
    if speaker is None:
        return None
    # "وتنفي الدوحة": a feminine present reporting verb
    verb, said = WORD_MARKS_RE.sub("", toks[i][0]), LEX.get(toks[i][1])
    plural = True if plural_verb(verb) else speaker_features(speaker)[1]
    fem = verb.endswith("ت") or verb[:1] == "ت" and (negated or verb.endswith("ي")) or said is not None and said.fem
    return speaker, ("f" if fem else "m", plural)
