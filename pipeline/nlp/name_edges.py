"""Where a person's name ends: an accusative word glued after it is no part of it.

"أجرى النجم المصري محمد صلاح حوارا مع الموقع الرسمي": the tagger reads "محمد صلاح حوارا" as one person, but an
indefinite accusative (-ًا, or a bare -ا) right after a name is the object of the verb before it. It is cut

* when the tagger glued it into a person's name and the article names that person elsewhere ending at the word
  before it ("وقال صلاح");
* when it carries the tanwin sign and the word before it ends a name ("كشفت شركة السيارات جاغوار حديثاً"), not
  after an indefinite accusative ("لكن مسؤولاً حكومياً يمنياً": an adjective);
* when it is an accusative participle (مُفعِلا) after a definite word: how the subject was ("بدا الرئيس الأمريكي
  متشائما").

A definite word after a name may be a surname ("عبد الحميد اليوسف") and is kept.

A definite common noun right after a person's whole name, as the tagger ends it, is the verb's object when what
follows it opens a quote, a preposition, a clause (أن/إن) or is its adjective: "وأكدت المنتجة وكاتبة السيناريو ديانا
أوسانا الأمر في"، "سيسيليا مالستروم الإجراءات الأميركية" give the person alone (``without_definite_object``); before an
indefinite noun, a comma, a name or a time word it is the name's last part ("محمد زين العابدين"), kept.

A document is the object of the verb before its subject, never part of the subject: "أصدرت وزارة الخارجية الروسية
بيانا قائلة"، "وجه الرئيس الجمهوري رسالة قال فيها" give the body or person alone (``without_document_object``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import Entity, Speaker
from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.speaker_words import (
    ADVERBS,
    CLAUSE_WORDS,
    COND_PREPS,
    DERIVED_MASDAR,
    DOCS,
    HAL,
    RELATIVES,
    TITLES,
    WORD_MARKS_RE,
    dated,
    fold_set,
)
from pipeline.nlp.wordclusters import load_clusters
from pipeline.text.normalise import fold_match


@lru_cache(maxsize=1)
def corpus_vocabulary() -> frozenset[str]:
    """The words of the shipped word-cluster table (folded, as ``cluster_key`` gives them)."""
    return frozenset(load_clusters())


def written_definite(stem: str) -> bool:
    """The news corpus writes ``stem`` with the article: a common noun ("الحديث"، "القرار"), not a name."""
    forms = (stem, stem[:-1] + "ه") if stem.endswith("ت") else (stem,)
    return any(cluster_key("ال" + f) in corpus_vocabulary() for f in forms)


_TANWIN_FATH = "\u064b"


def _tanwin(word: str) -> bool:
    """The word ends in tanwin fath ("حديثاً"، "حديثًا")."""
    return _TANWIN_FATH in word[-3:]


def _named_without(ents: list[Entity], surname: str, tail: str) -> bool:
    """A mention of a person that ends at ``surname`` and does not hold ``tail``."""
    for x in ents:
        words = fold_match(x.text).split() if x.type == "PERS" else []
        if words and words[-1] == surname and tail not in words:
            return True
    return False


def without_accusative_tail(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without an indefinite accusative word glued after its name ("محمد صلاح حوارا" → "محمد صلاح")."""
    words = speaker.text.split() if speaker is not None else []
    if len(words) < 3:
        return speaker
    bare = WORD_MARKS_RE.sub("", words[-1])
    tail, surname = fold_match(words[-1]), fold_match(words[-2])
    if not bare.endswith("ا") or len(bare) < 4 or tail.startswith("ال"):
        return speaker  # a definite word after a name may be a surname ("عبد الحميد اليوسف"): kept
    glued = any(x.type == "PERS" and fold_match(x.text).split()[-1:] == [tail] for x in ents)
    named = any(x.type in ("PERS", "ORG") and fold_match(x.text).split()[-1:] == [surname] for x in ents)
    tanwin = _tanwin(words[-1]) and not _tanwin(words[0])  # not "مسؤولاً حكومياً يمنياً": an adjective
    hal = HAL.fullmatch(words[-1]) is not None and surname.startswith("ال")  # "الرئيس الأمريكي متشائما"
    if not (tanwin and named or hal or glued and _named_without(ents, surname, tail)):
        return speaker
    cut = speaker.text[: speaker.text.rfind(words[-1])].rstrip()
    canonical = speaker.canonical.split()
    if canonical and fold_match(canonical[-1]) == tail:
        canonical = canonical[:-1]
    return speaker.model_copy(update={"text": cut, "canonical": " ".join(canonical) or fold_match(cut)})


_OPENS_QUOTE = "\"«“:"
_NISBA = re.compile(r"ال\w+(?:ي|يه|يين|يون|يات)")
_VERBAL_NOUN = re.compile(r"..[وا].")  # فعول، فعال: "الدخول"، "القضاء"


def _object_follows(raw: str, noun: str) -> bool:
    """Does the word ``raw`` after the definite noun ``noun`` (folded) show the noun an object: a quote or colon
    ("ديانا أوسانا الأمر "جميع"), a definite nisba, its adjective ("الإجراءات الأميركية"), or, after a verbal noun
    (فعول/فعال, a derived masdar: "القضاء على"، "الدخول في"), a preposition or أن/إن? Not after another noun: a
    Tunisian name ends in a definite word and goes on with a preposition or إن ("محمد زين العابدين إن"، "سلمى
    اللومي الرقيق في"), nor before a comma, an indefinite noun, a name or a time word."""
    word = raw.strip()
    if not word or word[0] in _OPENS_QUOTE:
        return bool(word)
    bare = WORD_MARKS_RE.sub("", word).rstrip("،,.:")
    folded = fold_match(bare)
    if _NISBA.fullmatch(folded) is not None and folded not in ADVERBS and folded not in RELATIVES:  # "الذي"
        return True
    stem = noun[2:]
    return (folded in COND_PREPS or bare in CLAUSE_WORDS) and (
        _VERBAL_NOUN.fullmatch(stem) is not None or DERIVED_MASDAR.fullmatch(stem) is not None)


def without_definite_object(speaker: Speaker | None, ents: list[Entity], after: str) -> Speaker | None:
    """``speaker`` without a definite common noun glued after a person's whole name and what follows it
    ("ديانا أوسانا الأمر" → "ديانا أوسانا"): the tagger's name (two words or more) ends before it, and the word
    after the noun (in the speaker, else the first of ``after``, the text that follows the speaker) shows it an
    object (``_object_follows``). The noun must be one the news corpus writes with the article (a common noun), no
    nisba or feminine adjective ("-ي"، "-ية": a surname such as "الحسيني"), no participle or mim-noun (م after the
    article: a title "المرشح الرئاسي" or a surname "المبارك"), no word of any tagged name, no time word and none
    set off by a comma (an apposition); a one-word name is too unsure to end anything."""
    words = speaker.text.split() if speaker is not None else []
    if len(words) < 3 or not fold_match(words[-1]).startswith("ال"):
        return speaker  # the cheap check first: most speakers do not end in a definite word
    folded = [fold_match(WORD_MARKS_RE.sub("", w)).strip(_QUOTE_CLOSE + "\"«“،,") for w in words]
    named: set[str] | None = None  # every tagged name's words, read only once a whole name is found in the speaker
    for x in ents:
        name = fold_match(x.text).split() if x.type == "PERS" else []
        k = len(name)
        if k < 2 or k >= len(words) or name[0] not in folded:
            continue
        i = next((i for i in range(len(words) - k) if folded[i : i + k] == name), None)
        tail = folded[i + k] if i is not None else ""
        if not tail.startswith("ال") or tail.startswith("الم"):
            continue
        if named is None:
            named = {w for y in ents if y.type in ("PERS", "ORG", "LOC") for w in fold_match(y.text).split()}
        if tail in named or tail in ADVERBS or \
                tail.endswith(("ي", "يه", "ه")) or words[i + k - 1][-1:] in "،," or dated(folded, i + k) or \
                tail in TITLES or not written_definite(tail[2:]) or words[i + k][-1:] in "،," or \
                not _object_follows(words[i + k + 1] if i + k + 1 < len(words) else (after[:40].split() or [""])[0],
                                    tail):
            continue  # a participle or mim-noun ("المرشح"، "المبارك") may be a title or a surname: kept
        cut = speaker.text[: speaker.text.find(words[i + k], len(" ".join(words[: i + k])) - 1)].rstrip(" ،,")
        return speaker.model_copy(update={"text": cut, "canonical": fold_match(cut)})
    return speaker


def _without_definite_objects(text: str, statements: list, ents: list[Entity]) -> list:
    """``statements`` whose speaker ends in a definite object glued after a whole name cut before it
    (``without_definite_object``, read with the text after the speaker); copied only when changed."""
    out = []
    for st in statements:
        sp = st.speaker
        if sp is not None and sp.text.count(" ") >= 2 and fold_match(sp.text.split()[-1]).startswith("ال"):
            at = text.rfind(sp.text, max(0, st.start - 300), st.start + 300)
            cut = without_definite_object(sp, ents, text[at + len(sp.text) : at + len(sp.text) + 40]) if at >= 0 \
                else sp
            if cut is not sp:
                st = st.model_copy(update={"speaker": cut})
        out.append(st)
    return out


# Verbs that publish a document, left glued before it when the name ends in the verb ("وزارة ... أصدرت بيانا").
_PUBLISHING = fold_set("أصدر أصدرت اصدر اصدرت نشر نشرت وزع وزعت وجه وجهت بعث بعثت")
_QUOTE_CLOSE = "\"»”"


def without_document_object(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without a document glued after it as its verb's object ("وزارة الخارجية الروسية بيانا"، "الرئيس
    الجمهوري رسالة"، "كريستيانو رونالدو تصريحا"): an accusative document word (بيانا، تقريرا) after any word, an
    indefinite one after a definite word, a name or a quoted name; a publishing verb left before it goes too. A
    document opening the phrase or in construct ("مسودة بيان"، "آخر رسالة") or after an indefinite noun ("مصادر
    وثيقة": close sources) stays, and so does a speaker that would be left empty."""
    words = speaker.text.split() if speaker is not None else []
    for i in range(1, len(words)):
        word = fold_match(WORD_MARKS_RE.sub("", words[i])).strip(_QUOTE_CLOSE + "\"«“،,")
        accusative = word.endswith("ا") and word[:-1] in DOCS
        if not accusative and word not in DOCS:
            continue  # most words: no document, so neither the word before nor the names need asking
        before = fold_match(words[i - 1])
        named = words[i - 1][-1:] in _QUOTE_CLOSE or any(
            x.type in ("PERS", "ORG") and x.text.split()[-1:] == [words[i - 1]] for x in ents)
        if accusative or before.startswith("ال") and before.isalpha() or named:
            kept = words[:i]
            if kept and fold_match(kept[-1]) in _PUBLISHING:
                kept = kept[:-1]
            if not kept or len(kept) == 1 and fold_match(kept[0])[:1] in "وف" and not fold_match(kept[0]).startswith(
                    "ال") and not named:
                return speaker  # "وأصدر بيانا": no subject left
            cut = speaker.text[: speaker.text.find(words[len(kept)], len(" ".join(kept)))].rstrip(" ،,")
            return speaker.model_copy(update={"text": cut, "canonical": fold_match(cut)})
    return speaker


# The words of an age phrase ("البالغ من العمر"، "البالغة"، "البالغ عمره"، "بعمر"): a description after the noun,
# whose number the speaker's span never holds (a digit ends it: a date or an object).
_AGE_OPENERS = fold_set("البالغ البالغة بعمر")
_AGE_WORDS = _AGE_OPENERS | fold_set("من العمر عمره عمرها")


def without_age(speaker: Speaker | None) -> Speaker | None:
    """``speaker`` without an age phrase left dangling at its end ("المتزلجة الفرنسية البالغة من العمر [22 عاما]"
    → "المتزلجة الفرنسية"، "امرأة بعمر" → "امرأة"): its number was left out, so what is left of it says nothing;
    the noun alone is the speaker (a description the article's full mention may then resolve)."""
    words = speaker.text.split() if speaker is not None else []
    if len(words) < 2 or fold_match(words[-1]) not in _AGE_WORDS:
        return speaker  # the cheap check first: an age phrase runs to the speaker's end
    folded = [fold_match(w) for w in words]
    at = next((i for i in range(1, len(words)) if folded[i] in _AGE_OPENERS), None)
    if at is None or not all(w in _AGE_WORDS for w in folded[at:]):
        return speaker
    cut = " ".join(words[:at]).rstrip(" ،,")
    return speaker.model_copy(update={"text": cut, "canonical": fold_match(cut)})


_NEXT_WORD = re.compile(r"\s+([^\s،,:.\"«»“”()]+)")


_ONE_WORD = re.compile(r"\s+[^\s،,:.\"«»“”()]+")


def _told(text: str, word: str) -> bool:
    """Is ``word`` (folded) a ل/ب phrase, the one told or the means ("لصحافيين"، "لفرانس 24"، "للجوهرة"،
    "لمراسلنا"): ل with the article or "our", its rest a common noun of the corpus, or (after ل) a word the article
    writes alone? A name opening with ل ("لافروف"، "لحول") is neither."""
    if word[:1] not in "لب" or len(word) < (4 if word[0] == "ل" else 5):  # "باول": "اول" is a word too
        return False
    if word.startswith("لل") or word[0] == "ل" and word.endswith("نا"):
        return True  # ل and the article ("للجوهرة"), or "to us" ("لمراسلنا"): never a name's letters
    rest = word[1:]  # ب: only a common noun ("بفيروس"), for names open with it ("باول"، "بيلوبيه") as often
    return written_definite(rest) or word[0] == "ل" and re.search(
        rf"(?<!\w){re.escape(rest)}(?![^\W\d_])", fold_match(text)) is not None


def _with_tagged_rest(text: str, statements: list, ents: list[Entity]) -> list:
    """``statements`` whose speaker stops one word short of the person's name the tagger read in full at that
    place made whole ("ويقول العالم الفرنسي الكبير فرانسوا| دوما عن"، "أكد وزير الخارجية الروسي سيرغي| لافروف
    الاثنين": a word the rules read as a time word or an adjunct, here the surname): the tagged mention runs on
    across the speaker's end by that word, in the statement's own sentence. Not when the speaker's last word is a
    name the article gives alone ("وانتقد كافاني نيمار": the tagger glued the object to a whole short name), nor a
    definite word (an object: "ووصف المسماري العشماوي"), a letter alone (a preposition written apart, "لـ"), a ل/ب
    phrase (``_told``), a title or date word, nor one the glued-tail rules would cut again; copied only when
    changed."""
    inner = {}  # the end of a tagged name's next-to-last word -> the name's end, when one word is left
    for x in ents:
        if x.type == "PERS" and " " in x.text:
            last = x.text.rstrip().rfind(" ")
            if _ONE_WORD.fullmatch(text, x.start + last, x.end):
                inner[x.start + last] = x.end
    if not inner:
        return statements
    alone = {fold_match(x.text) for x in ents if x.type in ("PERS", "ORG") and " " not in x.text.strip()}
    out = []
    for st in statements:
        name = st.speaker.text if st.speaker is not None else ""
        if not name or fold_match(name.split()[-1]) in alone:
            out.append(st)  # a word the article names alone is the whole short name: "كافاني| نيمار" are two
            continue
        at = text.rfind(name, max(0, st.start - 300), st.start + 300)
        end = inner.get(at + len(name)) if at >= 0 and "\n" not in text[min(at, st.start) : max(at, st.start)] \
            else None  # the mention in the statement's own sentence
        word = fold_match(text[at + len(name) : end]).strip() if end is not None else ""
        if len(word) > 1 and word.isalpha() and not word.startswith("ال") and word not in TITLES \
                and not dated([word], 0) and not _told(text, word) \
                and not text[end : end + 2].strip()[:1].isdigit():  # "لفرانس 24"
            whole = text[at:end]
            grown = st.speaker.model_copy(update={"text": whole, "canonical": fold_match(whole)})
            if without_accusative_tail(without_document_object(grown, ents), ents) is grown:
                st = st.model_copy(update={"speaker": grown})
        out.append(st)
    return out


def with_surname_after(text: str, statements: list, ents: list[Entity]) -> list:
    """``statements`` with a person's name the tagger cut before its last word made whole, by the article's own
    mentions: the word right after a speaker that ends in a tagged name is the surname when the article quotes that
    word alone as a speaker ("وقال وكيل الأمين العام ... جان بيار لاكروا، على هامش" and later "وقال لاكروا": the
    tagger read "لا" as a preposition). Not a title or body noun ("أسرة كيارا الشرطة"); copied only when changed."""
    statements = _with_tagged_rest(text, _without_definite_objects(text, statements, ents), ents)  # "فرانسوا| دوما"
    alone = {fold_match(st.speaker.text) for st in statements if st.speaker is not None and
             " " not in st.speaker.text.strip()}
    if not alone:
        return statements  # the cheap check first: no one-word speaker, no surname to find
    ends = {x.end for x in ents if x.type == "PERS" and (m := _NEXT_WORD.match(text, x.end)) is not None
            and fold_match(m.group(1)) in alone}  # names followed by such a word: usually none
    if not ends:
        return statements
    out = []
    for st in statements:
        words = st.speaker.text.split() if st.speaker is not None else []
        at = text.rfind(st.speaker.text, max(0, st.start - 300), st.start + 300) if len(words) > 1 else -1
        m = _NEXT_WORD.match(text, at + len(st.speaker.text)) if at >= 0 and at + len(st.speaker.text) in ends else None
        word = fold_match(m.group(1)) if m is not None else ""
        if word in alone and word not in TITLES and word not in {fold_match(w) for w in words}:
            whole = text[at : m.end()]
            st = st.model_copy(update={"speaker": st.speaker.model_copy(update={
                "text": whole, "canonical": f"{st.speaker.canonical} {m.group(1)}".strip()})})
        out.append(st)
    return out
