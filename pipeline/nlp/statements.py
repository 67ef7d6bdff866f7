"""Quoted-statement extraction for Arabic news: who said what, with character offsets.

Rule based on purpose: reporting verbs in Arabic news are a small closed set ("قال، أكد، أوضح ...",
with و/ف prefixes, feminine and plural forms, and hal participles "قائلا، مضيفا، مؤكدا ..."), and
the speaker sits between the verb and the content introducer (إن/أن/بأن, a colon or a quotation mark),
or before the verb (SVO headlines), or is carried over from the previous statement ("وأضاف أن").

Every regex is linear (no nested quantifiers) and each statement looks at bounded windows, so the work
on a 10 MB text grows linearly. Offsets always index the input ``text``: ``text[s.start:s.end]`` is the
quote (without the quotation marks for direct quotes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.models import Entity, Speaker, Statement
from pipeline.text.normalise import WORD_MARKS, fold_match

_DIAC = f"[{WORD_MARKS}]*"
_LETTER = "\u0621-\u064a\u066e-\u06d3"
_CLASSES = {"ا": "[اأإآ]", "ي": "[يى]", "ى": "[يىا]", "ه": "[هة]", "ة": "[هة]", "ؤ": "[ؤو]"}

VERB_FORMS: dict[str, tuple[str, ...]] = {
    "قال": ("قال", "قالت", "قالوا", "يقول", "تقول"),
    "أكد": ("اكد", "اكدت", "اكدوا", "يؤكد", "تؤكد"),
    "أوضح": ("اوضح", "اوضحت", "اوضحوا"),
    "أشار": ("اشار", "اشارت", "اشاروا"),
    "أضاف": ("اضاف", "اضافت", "اضافوا", "يضيف", "تضيف"),
    "صرح": ("صرح", "صرحت", "صرحوا"),
    "أعلن": ("اعلن", "اعلنت", "اعلنوا"),
    "نفى": ("نفى", "نفت", "نفوا"),
    "شدد": ("شدد", "شددت", "شددوا"),
    "لفت": ("لفت", "لفتت", "لفتوا"),
    "بين": ("بين", "بينت", "بينوا"),
    "ذكر": ("ذكر", "ذكرت", "ذكروا"),
    "تابع": ("تابع", "تابعت", "تابعوا"),
    "أفاد": ("افاد", "افادت", "افادوا"),
    "كشف": ("كشف", "كشفت", "كشفوا"),
    "اعتبر": ("اعتبر", "اعتبرت", "اعتبروا"),
    "رأى": ("راى", "رات", "راوا"),
    "نبه": ("نبه", "نبهت"),
    "أردف": ("اردف", "اردفت"),
    "استدرك": ("استدرك", "استدركت"),
    "ختم": ("ختم", "ختمت"),
    "حذر": ("حذر", "حذرت"),
    "مضى": ("مضى", "مضت"),
}
PARTICIPLES = (
    "قائلا",
    "قائلة",
    "مضيفا",
    "مضيفة",
    "مؤكدا",
    "مؤكدة",
    "مؤكدين",
    "موضحا",
    "موضحة",
    "مشيرا",
    "مشيرة",
    "مشيرين",
    "مبينا",
    "مبينة",
    "لافتا",
    "لافتة",
    "مشددا",
    "مشددة",
    "منوها",
    "معتبرا",
    "مردفا",
    "محذرا",
)
# Verbs whose object can be the content itself ("نفت السلطات ... تمديد موعد الانسحاب").
_OBJECT_VERBS = frozenset({"نفى", "أعلن", "أكد", "كشف"})
# "بين" is also the preposition "between": only a verb when prefixed or directly before أن/إن.
_AMBIGUOUS = frozenset({"بين"})

_OPEN_CLOSE = {"«": "»", "“": '”“"', "”": '”“"', '"': '"”“', "„": '“”"'}
_QUOTE_OPEN = '«“”"„'
_RANKS = frozenset(
    fold_match(w)
    for w in "اللواء العقيد العميد الفريق الأول الركن المقدم الرائد النقيب الجنرال الأدميرال "
    "الدكتور د. السيد السيدة الشيخ المهندس المستشار".split()
)
_TITLE_WORDS = frozenset(
    fold_match(w)
    for w in "المتحدث متحدث الناطق ناطق المتحدثة نائب قائد القائد رئيس الرئيس وزير الوزير مدير أمين الأمين "
    "عضو مستشار المسؤول مسؤول مصدر مصادر السفير قيادة القيادة خلية وزارة الوزارة الحكومة الحكومية السلطات "
    "بيان البيان الأطراف العمليات القوات قوات التحالف الجيش المكتب مكتب رئاسة الرئاسة الشرطة المنظمة "
    "منظمة الخارجية الداخلية مجلس المجلس اللجنة لجنة المصادر الجهات هيئة الهيئة البيت الحشد".split()
)
_ADJUNCTS = frozenset(
    fold_match(w)
    for w in "في خلال لـ ل اليوم أمس امس يوم مساء صباح عبر بحسب حسب وفق لشبكة لوكالة لصحيفة لقناة لموقع "
    "ضمن بشدة بدوره بدورها تعليقا ردا وردا عقب أثناء اثناء لدى مع الى إلى على عن".split()
)
_ANAPHORS = frozenset(fold_match(w) for w in "المسؤول المتحدث الوزير اللواء الفريق العقيد القائد".split())
_CONJ = frozenset(fold_match(w) for w in "فيما كما بينما وقد قد ثم بدوره بدورها وبدوره كذلك ايضا أيضا".split())

_SOURCE_WORDS = frozenset(
    fold_match(w)
    for w in "ل لـ وكالة صحيفة قناة موقع شبكة تابعته تابعتها نشرته نشرتها أوردته أوردتها نقلته نقلتها".split()
)
_MAX_NP_WORDS = 9
_MAX_NP = 220
_MAX_KNOWN = 32
_MAX_QUOTE = 3000
_MAX_INDIRECT = 1500


def is_named(speaker: Speaker | None) -> bool:
    """True for a person (entity PERS or a heuristic name), not a generic title like "مصدر أمني".

    Story grouping keys on who spoke; a generic title would glue unrelated stories together.
    """
    if speaker is None or not speaker.canonical:
        return False
    if speaker.type is not None:
        return speaker.type == "PERS"
    words = speaker.canonical.split()
    return len(words) <= 4 and not any(w in _TITLE_WORDS or w in _ANAPHORS for w in words)


def _fuzzy(word: str) -> str:
    """Regex for ``word`` tolerant of hamza/alef variants and diacritics between letters."""
    return "".join(_CLASSES.get(c, re.escape(c)) + _DIAC for c in word)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_fuzzy(w) for w in sorted(set(words), key=len, reverse=True))


_VERB_OF = {fold_match(f): base for base, forms in VERB_FORMS.items() for f in forms}
_PART_SET = frozenset(fold_match(p) for p in PARTICIPLES)
_FEMININE = frozenset(fold_match(forms[1]) for forms in VERB_FORMS.values())
_TRIGGER = re.compile(
    rf"(?<![{_LETTER}])(?P<pre>[وف]{_DIAC})?(?P<w>{_alternation(list(_VERB_OF) + list(PARTICIPLES))})"
    rf"(?![{_LETTER}])"
)
_INTRO_WORD = re.compile(
    rf"(?<![{_LETTER}])(?:[بف]{_DIAC})?[اأإآ]{_DIAC}ن{_DIAC}(?:ه|ها|هم|هما|نا)?{_DIAC}(?![{_LETTER}])"
)
_BIL_QAWL = re.compile(rf"(?<![{_LETTER}])(?:بالقول|{_alternation(PARTICIPLES)})(?![{_LETTER}])")
_WORD = re.compile(rf"[{_LETTER}\u064b-\u065f\u0670\w.]+")
_PREFIXED_VERB = re.compile(rf"\s[وف]{_DIAC}(?:{_alternation(_VERB_OF)})(?![{_LETTER}])")
_SENT_END = re.compile(r"\n|[.!؟?](?=\s|$)|\.\.")


def _norm_words(s: str) -> list[str]:
    return [fold_match(w).strip(".") for w in _WORD.findall(s)]


def _sentence_start(text: str, pos: int, limit: int = 400) -> int:
    lo = max(0, pos - limit)
    chunk = text[lo:pos]
    cut = max(chunk.rfind("\n"), chunk.rfind(". "), chunk.rfind("؟"), chunk.rfind(".."))
    return lo + cut + 1 if cut >= 0 else lo


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = _SENT_END.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


def _skip_source_quote(text: str, pos: int, np_start: int) -> int | None:
    """Quotes right after "لـ"/"لوكالة" name the outlet, not the statement: return where they close."""
    before = _norm_words(text[max(np_start, pos - 30) : pos])
    if before and (before[-1] in _SOURCE_WORDS or before[-1].startswith("ل")):
        close = _OPEN_CLOSE.get(text[pos], '"')
        for i in range(pos + 1, min(len(text), pos + 60)):
            if text[i] in close or text[i] == "\n":
                return i + 1
    return None


def _find_intro(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """First content introducer in text[start:stop]: (introducer start, content start)."""
    pos = start
    while pos < stop:
        cands = []
        m = _INTRO_WORD.search(text, pos, stop)
        if m:
            cands.append(m.start())
        q = min((i for i in (text.find(c, pos, stop) for c in _QUOTE_OPEN + ":") if i >= 0), default=-1)
        if q >= 0:
            cands.append(q)
        b = _BIL_QAWL.search(text, pos, stop)
        if b:
            cands.append(b.start())
        if not cands:
            return None
        first = min(cands)
        if text[first] in _QUOTE_OPEN:
            skip = _skip_source_quote(text, first, start)
            if skip is not None:
                pos = skip
                continue
        return first, _skip_intro(text, first, stop + 40)
    return None


def _skip_intro(text: str, pos: int, stop: int) -> int:
    """Move past a run of introducers (": إن", "بالقول، أن") to where the content begins."""
    stop = min(stop, len(text))
    while pos < stop:
        while pos < stop and text[pos] in " \t،,:-–":
            pos += 1
        m = _INTRO_WORD.match(text, pos) or _BIL_QAWL.match(text, pos)
        if m and m.end() > pos:
            pos = m.end()
            continue
        return pos
    return pos


def _direct_end(text: str, open_pos: int, hard_stop: int) -> tuple[int, int]:
    """(content end, position after the closing mark) of a quote opened at ``open_pos``."""
    closers = _OPEN_CLOSE.get(text[open_pos], '"')
    para = text.find("\n", open_pos + 1, min(len(text), open_pos + _MAX_QUOTE))
    limit = para if para >= 0 else min(len(text), open_pos + _MAX_QUOTE)
    limit = min(limit, hard_stop) if hard_stop > open_pos else limit
    for i in range(open_pos + 1, limit):
        if text[i] in closers:
            return i, i + 1
    return limit, limit


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "،,:."):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,:"):
        e -= 1
    return s, e


def _entity_in(entities: list[Entity], s: int, e: int) -> Entity | None:
    inside = [x for x in entities if x.type in ("PERS", "ORG") and x.start < e and x.end > s]
    if not inside:
        return None
    inside.sort(key=lambda x: (x.type != "PERS", x.start))
    return inside[0]


def _title_speaker(np: str, known: list[Speaker]) -> Speaker | None:
    """Speaker from a noun phrase without entity: a ranked or bare name if any, else the title."""
    segments = [seg.strip() for seg in re.split(r"[،,]", np) if seg.strip()]
    kept: list[str] = []
    for seg in segments:
        words = seg.split()
        out = []
        for w in words:
            fw = fold_match(w).strip(".")
            if fw in _ADJUNCTS or fw.startswith("لـ") or fw in {"لشبكه", "لوكاله", "لصحيفه"}:
                break
            out.append(w)
        if out:
            kept.append(" ".join(out))
    if not kept:
        return None
    surface = "، ".join(kept)
    words = " ".join(kept).split()
    if len(words) > _MAX_NP_WORDS:
        return None
    folded = [fold_match(w) for w in words]
    name: list[str] = []
    title: list[str] = []
    i = 0
    while i < len(words):
        if folded[i] in _RANKS:
            j = i
            while j < len(words) and folded[j] in _RANKS:
                j += 1
            k = j
            while k < len(words) and k - j < 3 and folded[k] not in _TITLE_WORDS and folded[k] not in _RANKS:
                k += 1
            if k > j and not name:
                name = words[j:k]
            i = k
            continue
        title.append(words[i])
        i += 1
    if not name:
        for seg in kept:
            sw = seg.split()
            if len(sw) <= 3 and not any(fold_match(w) in _TITLE_WORDS for w in sw):
                name = sw
                break
    if not name:
        name = _trailing_name(words)
        if name:
            title = words[: len(words) - len(name)]
    if name:
        canonical = " ".join(fold_match(w) for w in name)
        if len(name) == 1:
            for sp in reversed(known):
                if sp.canonical.split()[-1:] == [canonical] or sp.canonical.endswith(" " + canonical):
                    return Speaker(text=surface, canonical=sp.canonical, type=sp.type)
        return Speaker(text=surface, canonical=canonical, type=None)
    # A short anaphor ("المسؤول العراقي") refers back to the last speaker when there is one.
    if known and len(folded) <= 2 and folded[0] in _ANAPHORS:
        return known[-1]
    canonical = " ".join(fold_match(w) for w in title or words)
    # A bare title ("المتحدث باسم العمليات المشتركة قال") refers to the named holder seen earlier.
    holder = _title_holder(canonical, known)
    if holder is not None:
        return Speaker(text=surface, canonical=holder.canonical, type=holder.type)
    return Speaker(text=surface, canonical=canonical, type=None)


def _trailing_name(words: list[str]) -> list[str]:
    """"وزير الدفاع الأمريكي لويد أوستن": 2-3 words without the article after a definite title word."""
    n = 0
    while n < min(3, len(words)) and not fold_match(words[-1 - n]).startswith("ال"):
        n += 1
    run = words[len(words) - n :]
    if not 2 <= n < len(words) or any(fold_match(w) in _TITLE_WORDS for w in run):
        return []
    return run if fold_match(words[-1 - n]).startswith("ال") else []


def _title_holder(title: str, known: list[Speaker]) -> Speaker | None:
    """The earlier speaker whose mention carried (nearly) this title, so the title resolves to them."""
    words = set(title.split())
    if len(words) < 2:
        return None
    for sp in reversed(known):
        mention = {fold_match(w) for w in re.split(r"[\s،,]+", sp.text) if w}
        if sp.canonical != title and len(words & mention) / len(words) >= 0.7:
            return sp
    return None


def _speaker(text: str, s: int, e: int, entities: list[Entity], known: list[Speaker]) -> Speaker | None:
    s, e = _strip_span(text, s, e)
    if e <= s:
        return None
    ent = _entity_in(entities, s, e)
    if ent is not None:
        return Speaker(text=ent.text, canonical=ent.canonical, type=ent.type)
    return _title_speaker(text[s:e], known)


def _svo_subject(text: str, verb_start: int) -> tuple[int, int] | None:
    """Span of a short noun phrase before an unprefixed verb ("الخفاجي بيّن أن")."""
    s = _sentence_start(text, verb_start, 200)
    s, e = _strip_span(text, s, verb_start)
    words = text[s:e].split()
    while words and fold_match(words[0]) in _CONJ:
        s = text.index(words[0], s) + len(words[0])
        words = words[1:]
    if not words or len(words) > 8 or any(c.isdigit() for c in text[s:e]) or "،" in text[s:e]:
        return None
    return s, e


def extract_statements(text: str, entities: list[Entity] | None = None) -> list[Statement]:
    """Statements (direct and indirect) with speaker, verb and quote offsets, in text order."""
    if not isinstance(text, str) or not text:
        return []
    ents = sorted(entities or [], key=lambda x: x.start)
    triggers = list(_TRIGGER.finditer(text))
    out: list[Statement] = []
    known: list[Speaker] = []
    last: Speaker | None = None
    pending_verb = ""
    covered = 0
    for idx, m in enumerate(triggers):
        if m.start() < covered:
            continue
        word = fold_match(m.group("w"))
        prefixed = bool(m.group("pre"))
        is_part = word in _PART_SET
        base = _VERB_OF.get(word, "")
        nxt = triggers[idx + 1].start() if idx + 1 < len(triggers) else len(text)
        stop = min(nxt, _sentence_end(text, m.end(), _MAX_NP))
        intro = _find_intro(text, m.end(), stop)
        if base in _AMBIGUOUS and not prefixed and not (intro and intro[0] - m.end() <= 2):
            continue
        if is_part:
            if intro is None or intro[0] - m.end() > 12:
                continue
            speaker = _participle_speaker(text, m.start(), last, known)
            verb = pending_verb or m.group("w")
        else:
            pending_verb = ""
            np_end = intro[0] if intro else stop
            speaker = None
            if (
                intro is None
                and nxt == stop
                and nxt < len(text)
                and fold_match(triggers[idx + 1].group("w")) in _PART_SET
            ):
                # "وأضاف قائلا:" — the participle carries the content; remember speaker and verb.
                last = _speaker(text, m.end(), np_end, ents, known) or last
                pending_verb = m.group("w")
                continue
            if intro is None:
                st = _object_statement(text, m, base, stop, ents, known)
                if st is not None:
                    out.append(st)
                    last = st.speaker or last
                    if st.speaker:
                        _remember(known, st.speaker)
                continue
            ns, ne = _strip_span(text, m.end(), np_end)
            bare_quote = text[intro[0]] in _QUOTE_OPEN
            if ne > ns and bare_quote and not _plausible_np(text[ns:ne], ents, ns, ne):
                continue
            if ne > ns:
                speaker = _speaker(text, ns, ne, ents, known)
                if speaker is None and all(fold_match(w) in _ADJUNCTS for w in _norm_words(text[ns:ne])):
                    speaker = _carry(last, word)
            elif not prefixed and (svo := _svo_subject(text, m.start())):
                speaker = _speaker(text, svo[0], svo[1], ents, known)
            else:
                speaker = _carry(last, word)
            verb = m.group("w")
        statement = _statement_after(text, intro[1], triggers, idx, speaker, verb)
        if statement is None:
            continue
        st, after = statement
        if st.direct:
            covered = after
        out.append(st)
        if speaker is not None:
            last = speaker
            _remember(known, speaker)
    return out


def _statement_after(text: str, content_start: int, triggers: list[re.Match[str]], idx: int,
                     speaker: Speaker | None, verb: str) -> tuple[Statement, int] | None:
    """The statement whose content starts at ``content_start`` and where its quote ends; None if empty."""
    found = _content(text, content_start, triggers, idx)
    if found is None:
        return None
    qs, qe, direct, after = found
    if qe <= qs:
        return None
    return Statement(speaker=speaker, verb=_clean_verb(verb), quote=text[qs:qe], start=qs, end=qe,
                     direct=direct), after


def _remember(known: list[Speaker], speaker: Speaker) -> None:
    """Most-recent-last list of distinct speakers, capped so look-backs stay O(1) per statement."""
    if known and known[-1] == speaker:
        return
    if speaker in known:
        known.remove(speaker)
    known.append(speaker)
    if len(known) > _MAX_KNOWN:
        del known[0]


def _carry(last: Speaker | None, verb: str) -> Speaker | None:
    """Carry the previous speaker over, unless a feminine verb follows a person (a new, unnamed body)."""
    if last is None:
        return None
    if verb in _FEMININE and not any(w in _TITLE_WORDS for w in last.canonical.split()):
        return None
    return last


def _plausible_np(np: str, ents: list[Entity], s: int, e: int) -> bool:
    """A quote right after "verb + NP" (no إن/أن/colon) needs an NP that looks like a speaker."""
    if _entity_in(ents, s, e) is not None:
        return True
    words = [fold_match(w) for w in np.split()]
    return len(words) <= 3 or any(w in _TITLE_WORDS or w in _RANKS for w in words)


def _clean_verb(v: str) -> str:
    return re.sub(_DIAC, "", v)


def _participle_speaker(text: str, pos: int, last: Speaker | None, known: list[Speaker]) -> Speaker | None:
    """A hal participle belongs to its clause's subject: a known speaker named earlier in the sentence."""
    sent = fold_match(text[_sentence_start(text, pos) : pos])
    for sp in reversed(known):
        tail = sp.canonical.split()[-1:] if sp.canonical else []
        if tail and tail[0] in sent:
            return sp
    return last


def _content(
    text: str, cs: int, triggers: list[re.Match[str]], idx: int
) -> tuple[int, int, bool, int] | None:
    """(quote start, quote end, direct, end of consumed span) for content starting at ``cs``."""
    if cs >= len(text):
        return None
    # The next statement opened by a prefixed verb after a sentence mark bounds a runaway quote.
    hard = len(text)
    for t in triggers[idx + 1 : idx + 40]:
        if (
            t.start() > cs
            and t.group("pre")
            and re.search(r"[.:؟!]\s*$", text[max(0, t.start() - 4) : t.start()])
        ):
            hard = t.start()
            break
    if text[cs] in _QUOTE_OPEN:
        end, after = _direct_end(text, cs, hard)
        s, e = _strip_span(text, cs + 1, end)
        return s, e, True, after
    end = _sentence_end(text, cs, _MAX_INDIRECT)
    for t in triggers[idx + 1 : idx + 40]:
        if t.start() >= end:
            break
        if t.start() > cs and (t.group("pre") or fold_match(t.group("w")) in _PART_SET):
            end = t.start()
            break
    s, e = _strip_span(text, cs, end)
    return s, e, False, e


def _object_statement(
    text: str, m: re.Match[str], base: str, stop: int, ents: list[Entity], known: list[Speaker]
) -> Statement | None:
    """ "نفت السلطات العراقية بشدة تمديد موعد الانسحاب": the verb's object is the reported content."""
    if base not in _OBJECT_VERBS or fold_match(m.group("w")).startswith(("ي", "ت")) and len(m.group("w")) > 3:
        return None
    pos = m.end()
    ent = next((x for x in ents if pos <= x.start <= pos + 2 and x.type in ("PERS", "ORG")), None)
    if ent is not None:
        speaker = Speaker(text=ent.text, canonical=ent.canonical, type=ent.type)
        cs = ent.end
    else:
        words = list(re.finditer(r"\S+", text[pos:stop]))
        if not words or fold_match(words[0].group()) not in _TITLE_WORDS:
            return None
        n = 1
        while (
            n < len(words)
            and n < 4
            and fold_match(words[n].group()).startswith("ال")
            and "،" not in words[n - 1].group()
        ):
            n += 1
        sp_end = pos + words[n - 1].end()
        surface = text[pos + words[0].start() : sp_end].strip(" ،,")
        speaker = Speaker(text=surface, canonical=" ".join(fold_match(w) for w in surface.split()), type=None)
        cs = sp_end
    # Skip comma-delimited adjuncts ("، اليوم السبت ،").
    while True:
        mm = re.match(r"\s*[،,]\s*(\S+)[^،,]{0,40}[،,]", text[cs:stop])
        if mm and fold_match(mm.group(1)) in _ADJUNCTS:
            cs += mm.end()
            continue
        break
    end = _sentence_end(text, cs, _MAX_INDIRECT)
    nxt = _PREFIXED_VERB.search(text, cs, end)
    if nxt:
        end = nxt.start()
    s, e = _strip_span(text, cs, end)
    if len(text[s:e].split()) < 3:
        return None
    return Statement(
        speaker=speaker, verb=_clean_verb(m.group("w")), quote=text[s:e], start=s, end=e, direct=False
    )
