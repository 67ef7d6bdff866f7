"""Quoted-statement extraction for Arabic news: who said what, with character offsets.

Rule based on purpose: reporting verbs are a small closed class, recognised by their morphology rather
than a list of surface forms: each verb is a past stem, a present stem and a hal-participle stem, and the
recogniser inflects them (قال/قالت/قالوا/قالا، يقول/تقول/يقولون، سيقول، قائلا/قائلة/قائلين) and adds the
clitics و/ف (and ل/س before the present). A damma on the first letter (أُعلن، ذُكر) and the passive forms
قيل/يقال/أفيد mark an unattributed report. Around the verbs:

* the speaker sits between the verb and the content introducer (إن/أن/بأن, a colon or a quotation mark),
  and :mod:`pipeline.nlp.speakers` separates it from the adjuncts around it; or it comes before the verb
  ("الخفاجي بيّن أن"، "وكان X قد أعلن أن"، "X الذي أفاد بأن"); or it is dropped and carried over from an
  earlier subject that agrees with the verb in gender and number ("وأضافت أن");
* intermediaries relay a speaker: "نقلت الوكالة عن X قوله إن"، "نقلا عن X"، "جاء في بيان لـ X": the
  speaker is X, never the outlet;
* attributions name the source of a clause: "..., بحسب/حسب/وفق (ما أفاد به) X" (also fronted: "وبحسب X،
  ...") make the clause a statement of X, unless the clause already belongs to a statement;
* a direct quote runs to its closing mark, across sentences, within the paragraph.

Every regex is linear (no nested quantifiers) and each statement looks at bounded windows, so the work
on a 10 MB text grows linearly. Offsets always index the input ``text``: ``text[s.start:s.end]`` is the
quote (without the quotation marks for direct quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.models import Entity, Speaker, Statement
from pipeline.nlp import speakers as sp
from pipeline.nlp.speakers import is_named
from pipeline.text.normalise import WORD_MARKS, fold_match

__all__ = ["extract_statements", "is_named", "VERBS", "WEAK_VERBS"]

_DIAC = f"[{WORD_MARKS}]*"
_LETTER = "\u0621-\u064a\u066e-\u06d3"

# Regular reporting verbs: base -> (past, present stem after the person prefix, hal-participle stem).
VERBS: dict[str, tuple[str, str, str]] = {
    "أكد": ("أكد", "ؤكد", "مؤكد"), "أوضح": ("أوضح", "وضح", "موضح"), "أشار": ("أشار", "شير", "مشير"),
    "أضاف": ("أضاف", "ضيف", "مضيف"), "صرح": ("صرح", "صرح", "مصرح"), "أعلن": ("أعلن", "علن", "معلن"),
    "شدد": ("شدد", "شدد", "مشدد"), "لفت": ("لفت", "لفت", "لافت"), "بين": ("بين", "بين", "مبين"),
    "ذكر": ("ذكر", "ذكر", "مذكر"), "تابع": ("تابع", "تابع", ""), "أفاد": ("أفاد", "فيد", "مفيد"),
    "كشف": ("كشف", "كشف", "كاشف"), "اعتبر": ("اعتبر", "عتبر", "معتبر"), "نبه": ("نبه", "نبه", "منبه"),
    "أردف": ("أردف", "ردف", "مردف"), "استدرك": ("استدرك", "ستدرك", "مستدرك"), "ختم": ("ختم", "ختم", ""),
    "اختتم": ("اختتم", "ختتم", "مختتم"), "حذر": ("حذر", "حذر", "محذر"), "أقر": ("أقر", "قر", "مقر"),
    "اعترف": ("اعترف", "عترف", "معترف"), "لاحظ": ("لاحظ", "لاحظ", "ملاحظ"), "أبرز": ("أبرز", "برز", "مبرز"),
    "نوه": ("نوه", "نوه", "منوه"), "أورد": ("أورد", "ورد", ""), "علق": ("علق", "علق", "معلق"),
    "زعم": ("زعم", "زعم", "زاعم"), "واصل": ("واصل", "واصل", ""), "استطرد": ("استطرد", "ستطرد", "مستطرد"),
    "نقل": ("نقل", "نقل", ""), "جاء": ("جاء", "", ""),
}
# Weak verbs, inflected by hand: base -> (past 3ms, 3fs, 3mp, 3md), present stem, participles (m, f, pl).
WEAK_VERBS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "قال": (("قال", "قالت", "قالوا", "قالا"), "قول", ("قائلا", "قائلة", "قائلين")),
    "نفى": (("نفى", "نفت", "نفوا", "نفيا"), "نفي", ("نافيا", "نافية", "نافين")),
    "رأى": (("رأى", "رأت", "رأوا", "رأيا"), "رى", ()),
    "مضى": (("مضى", "مضت", "مضوا"), "مضي", ()),
    "ادعى": (("ادعى", "ادعت", "ادعوا"), "دعي", ("مدعيا", "مدعية", "مدعين")),
}
_PASSIVES = {"قيل": "قال", "يقال": "قال", "أفيد": "أفاد", "يفاد": "أفاد", "أشير": "أشار"}
_ATTRIBUTIONS = ("بحسب", "حسب", "حسبما", "وفق", "وفقا", "طبقا")
# Verbs whose object can be the content itself ("نفت السلطات ... تمديد موعد الانسحاب").
_OBJECT_VERBS = frozenset({"نفى", "أعلن", "أكد", "كشف", "أبرز", "نقل"})
# Verbs that also mean "continue/end" and report only right before their content.
_WEAK_REPORTING = frozenset({"تابع", "واصل", "مضى", "ختم", "اختتم"})
_PRONOUN_SOURCES = sp._fold_set("قوله قولها قولهم تعبيره تعبيرها تقديره تقديرها رأيه رأيها زعمه وصفه روايته روايتها")
_QUOTING = sp._fold_set("قوله قولها قولهم قولهما تأكيده تأكيدها تأكيدهم تصريحه تصريحها توضيحه إشارته")
_SUBORDINATORS = sp._fold_set("بعد قبل منذ إلا غير رغم برغم حتى لمجرد دون بدون مع")
_COMPLEMENTS = frozenset("إلى الى إلي على علي من عن ب".split())
_ISSUED = re.compile(rf"\s(?:عن|[{_LETTER}]+{_DIAC}تها?)\s")
_WHAT = sp._fold_set("ما لما بما مما عما على في من عن إلى الى ب بعد قبل")
_SOURCE_WORDS = sp._fold_set("باسم تابعته تابعتها نشرته نشرتها أوردته أوردتها نقلته نقلتها")

_OPEN_CLOSE = {"«": "»", "“": '”“"', "”": '”“"', '"': '"”“', "„": '“”"'}
_QUOTE_OPEN = '«“”"„'
_MAX_NP = 220
_MAX_KNOWN = 32
_MAX_QUOTE = 3000
_MAX_INDIRECT = 1500


class _Form(NamedTuple):
    base: str
    kind: str  # past | present | part | passive | attr
    fem: bool
    plural: bool
    prefix: int  # length of the و/ف clitic


def _inflections() -> list[tuple[str, str, str, bool, bool]]:
    """(surface, base, kind, fem, plural) for every reporting form, unprefixed."""
    out = []
    for base, (past, pres, part) in VERBS.items():
        out += [(past + suf, base, "past", fem, pl) for suf, fem, pl in
                (("", False, False), ("ت", True, False), ("وا", False, True))]
        if pres:
            out += [(pre + pres + suf, base, "present", pre == "ت", suf == "ون") for pre, suf in
                    (("ي", ""), ("ت", ""), ("ي", "ون"))]
        if part:
            out += [(part + suf, base, "part", suf == "ة", suf == "ين") for suf in ("ا", "ة", "ين")]
    for base, (pasts, pres, parts) in WEAK_VERBS.items():
        out += [(f, base, "past", i == 1, i >= 2) for i, f in enumerate(pasts)]
        out += [("ي" + pres, base, "present", False, False), ("ت" + pres, base, "present", True, False)]
        out += [(f, base, "part", i == 1, i == 2) for i, f in enumerate(parts)]
    out += [(f, base, "passive", False, False) for f, base in _PASSIVES.items()]
    return out + [(f, f, "attr", False, False) for f in _ATTRIBUTIONS]


def _lexicon() -> dict[str, _Form]:
    lex: dict[str, _Form] = {}
    for surface, base, kind, fem, plural in _inflections():
        word = fold_match(surface)
        clitics = ["", "و", "ف"] + (["س", "وس", "فس", "ل", "ول"] if kind == "present" else [])
        for pre in clitics:
            if pre == "ف" and (len(word) <= 3 or kind == "attr"):
                continue  # "فرات", "فحسب": not verbs
            key = pre + word
            if key not in lex or (not pre and lex[key].prefix):
                lex[key] = _Form(base, kind, fem, plural, 1 if pre[:1] in ("و", "ف") else 0)
    return lex


_LEX = _lexicon()
_SCAN_FOLD = {c: "\u0640" for c in range(0x0600, 0x0900) if re.fullmatch(f"[{WORD_MARKS}]", chr(c))}
_SCAN_FOLD.update({ord(a): b for a, b in zip("أإآٱىةؤئ", "اااايهوي", strict=True)})
_SCAN_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3]+")
_PARTICIPLES = sorted({fold_match(s) for s, _, k, _, _ in _inflections() if k == "part"}, key=len, reverse=True)


def _fuzzy(word: str) -> str:
    classes = {"ا": "[اأإآ]", "ي": "[يىئ]", "ه": "[هة]", "و": "[وؤ]"}
    return "".join(classes.get(c, re.escape(c)) + _DIAC for c in word)


_INTRO_WORD = re.compile(
    rf"(?<![{_LETTER}])(?:[بف]{_DIAC})?[اأإآ]{_DIAC}ن{_DIAC}(?:ه|ها|هم|هما|نا)?{_DIAC}(?![{_LETTER}])"
)
_BIL_QAWL = re.compile(
    rf"(?<![{_LETTER}])(?:بالقول|{'|'.join(_fuzzy(p) for p in _PARTICIPLES)})(?![{_LETTER}])"
)
_SENT_END = re.compile(r"\n|[.!؟?](?=\s|$)|\.\.")
_PREV_WORD = re.compile(rf"([{_LETTER}\u0640\u064b-\u065f]+)[\s\u0640]*$")


class _Trig(NamedTuple):
    start: int  # of the word, clitic included
    end: int
    word: str  # as written, without the و/ف clitic
    form: _Form


def _triggers(text: str) -> list[_Trig]:
    """Reporting words in text order: one translate, one regex pass and a dict look-up per word."""
    folded = text.translate(_SCAN_FOLD)
    out = []
    for m in _SCAN_WORD.finditer(folded):
        key = m.group()
        if "\u0640" in key:
            key = key.replace("\u0640", "")
        form = _LEX.get(key)
        if form is not None and (key != "نقل" or re.search(r"\sعن(?:ه|ها)?\s", text[m.end() : m.end() + 120])):
            raw = text[m.start() : m.end()]
            if form.kind == "past" and _damma_first(raw, form.prefix):
                form = form._replace(kind="passive")
            word = re.sub(rf"^[وف]{_DIAC}", "", raw) if form.prefix else raw
            out.append(_Trig(m.start(), m.end(), word, form))
    return out


def _damma_first(raw: str, prefix: int) -> bool:
    """"أُعلن"، "ذُكر": a damma on the first letter of a past verb marks the passive."""
    body = re.sub(rf"^[وف]{_DIAC}", "", raw) if prefix else raw
    return len(body) > 2 and body[1] == "\u064f"


def _sentence_end(text: str, pos: int, limit: int) -> int:
    m = _SENT_END.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


def _word_before(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return fold_match(m.group(1)) if m else ""


def _quote_close(text: str, pos: int, limit: int) -> int | None:
    close = _OPEN_CLOSE.get(text[pos], '"')
    for i in range(pos + 1, min(len(text), pos + limit)):
        if text[i] in close or text[i] == "\n":
            return i + 1 if text[i] != "\n" else None
    return None


def _skip_quote(text: str, pos: int, start: int, stop: int) -> int | None:
    """A quotation mark that is no content: an outlet after "لـ" or a short quoted name ("صحيفة "آس""),
    i.e. a short span followed by another introducer in the sentence. Returns where it closes."""
    before = _word_before(text, pos)
    close = _quote_close(text, pos, 60)
    if close is None:
        return None
    if before in sp.TITLES or before.startswith("ل") or before in _SOURCE_WORDS:
        return close
    inside = text[pos + 1 : close - 1]
    if len(inside.split()) <= 4 and not _SENT_END.search(inside):
        later = _INTRO_WORD.search(text, close, stop) or re.compile("[:«“\"]").search(text, close, stop)
        if later is not None:
            return close
    return None


def _find_intro(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """First content introducer in text[start:stop]: (introducer start, content start)."""
    pos = start
    while pos < stop:
        cands = []
        m = _INTRO_WORD.search(text, pos, stop)
        while m and _word_before(text, m.start()) in _SUBORDINATORS:
            m = _INTRO_WORD.search(text, m.end(), stop)
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
            skip = _skip_quote(text, first, start, stop)
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
    """(content end, position after the closing mark) of a quote opened at ``open_pos``.

    The quote runs to its closing mark within the paragraph, across sentences. When a new statement starts
    first (a sentence opening with a reporting verb, ``hard_stop``) and the next mark is preceded by an
    introducer, that mark opens the new quote: this one was never closed and ends at ``hard_stop``.
    """
    closers = _OPEN_CLOSE.get(text[open_pos], '"')
    para = text.find("\n", open_pos + 1, min(len(text), open_pos + _MAX_QUOTE))
    limit = para if para >= 0 else min(len(text), open_pos + _MAX_QUOTE)
    close = next((i for i in range(open_pos + 1, limit) if text[i] in closers), -1)
    if close >= 0 and text[open_pos] == "«" and "«" in text[open_pos + 1 : close]:
        close = -1
    if 0 <= close and hard_stop > open_pos and close > hard_stop:
        before = text[max(hard_stop, close - 12) : close].rstrip()
        if before.endswith(":") or _INTRO_WORD.search(before[-6:] + " "):
            close = -1
    if close >= 0:
        return close, close + 1
    end = min(limit, hard_stop) if hard_stop > open_pos else limit
    return end, end


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "،,:."):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,:"):
        e -= 1
    return s, e


@dataclass
class _State:
    text: str
    ents: list[Entity]
    trig: list[_Trig]
    out: list[Statement] = field(default_factory=list)
    known: list[Speaker] = field(default_factory=list)
    # (speaker, (gender, plural), position) of every subject seen, most recent last
    mentions: list[tuple[Speaker, tuple[str, bool | None], int]] = field(default_factory=list)
    pending: tuple[str, Speaker | None] | None = None
    covered: int = 0

    def remember(self, speaker: Speaker | None, feats: tuple[str, bool | None], pos: int) -> None:
        if speaker is None:
            return
        if speaker in self.known:
            self.known.remove(speaker)
        self.known.append(speaker)
        self.mentions.append((speaker, feats, pos))
        del self.known[:-_MAX_KNOWN], self.mentions[:-_MAX_KNOWN]


def extract_statements(text: str, entities: list[Entity] | None = None) -> list[Statement]:
    """Statements (direct and indirect) with speaker, verb and quote offsets, in text order."""
    if not isinstance(text, str) or not text:
        return []
    st = _State(text, sorted(entities or [], key=lambda x: x.start), _triggers(text))
    for idx, t in enumerate(st.trig):
        if t.start < st.covered:
            continue
        if t.form.kind == "attr":
            _attribution(st, idx)
        elif t.form.kind == "part":
            _participle(st, idx)
        else:
            _verb(st, idx)
    return sorted(st.out, key=lambda s: s.start)


def _verb(st: _State, idx: int) -> None:
    """A reporting verb: speaker between verb and content, before the verb, or carried over."""
    text, t, form = st.text, st.trig[idx], st.trig[idx].form
    nxt = st.trig[idx + 1].start if idx + 1 < len(st.trig) else len(text)
    stop = min(nxt, _sentence_end(text, t.end, _MAX_NP))
    start = t.end
    if form.base == "جاء":  # "وجاء في بيان لـ X أن"، "التقرير الذي جاء فيه أن"
        m = re.match(r"\s+في(?:ه|ها)?\s", text[t.end : t.end + 8])
        if not m:
            return
        start = t.end + m.end()
    intro = _find_intro(text, start, stop)
    if not _plausible_verb(st, t, intro, start):
        return
    if intro is None:
        _no_introducer(st, idx, stop)
        return
    st.pending = None
    speaker = _speaker_for(st, t, start, intro)
    if speaker is False:
        return
    _emit(st, idx, intro[1], speaker, t.word, _verb_feats(t, speaker))


def _plausible_verb(st: _State, t: _Trig, intro: tuple[int, int] | None, start: int) -> bool:
    """Filter the readings where the word is no verb of saying: "بين" (between), "تابع" (continued), "يذكر أن"."""
    form, gap = t.form, (intro[0] - start if intro else 10**6)
    if _word_before(st.text, t.start) in _WHAT:
        return False  # "لما اعتبر"، "ما قيل عن": what was said, not a statement; "على نفي": a noun
    if form.base == "بين" and not (form.prefix and gap < 60) and gap > 2:
        return False
    if form.base in _WEAK_REPORTING and intro is not None:
        head = st.text[intro[0] : intro[0] + 8]
        if gap > 60 and not (head[:1] in _QUOTE_OPEN + ":" or head.startswith("بال")):
            return False
    return not (form.kind == "present" and form.base == "ذكر" and t.word.startswith("ي") and gap <= 2)


def _speaker_for(st: _State, t: _Trig, start: int, intro: tuple[int, int]) -> Speaker | None | bool:
    """The speaker of a verb whose content starts at ``intro``; False when the verb reports nothing."""
    text, form = st.text, t.form
    rs, re_ = _strip_span(text, start, intro[0])
    re_ = _drop_complement(text, rs, re_)
    if form.base == "نقل":
        via = _relayed(st, rs, re_)
        if via is not None:
            return via[0] or _carry(st, t.start, form)
    if form.kind == "passive":
        return None
    if re_ > rs:
        span = sp.intermediary(text, rs, re_, st.ents) or sp.find_np(text, rs, re_, st.ents)
        if span is not None:
            if text[intro[0]] in _QUOTE_OPEN and (form.kind == "present" or not _plausible_np(st, span)):
                return False  # "تعتبر "الخمسة" "لؤلؤة تونس"": a present verb with a bare quote is no report
            speaker = sp.build_speaker(text, span[0], span[1], st.ents, st.known)
            return sp.doc_owner(st.text, span, st.ents, st.known) if form.base == "جاء" and speaker else speaker
    if not form.prefix and form.kind != "present" or form.kind == "present" and not form.prefix:
        before = sp.subject_before(st.text, t.start, st.ents, st.known)
        if before is not None:
            return before
    return _carry(st, t.start, form)


def _drop_complement(text: str, s: int, e: int) -> int:
    """End of the speaker stretch without the verb's own preposition ("أشار X إلى" أن، "شدد على" أن)."""
    m = re.search(rf"(?:^|\s)([{_LETTER}]+){_DIAC}\s*$", text[s:e])
    if m and m.group(1) in _COMPLEMENTS and not (m.group(1) == "علي" and _word_before(text, s + m.start(1))
                                                 in ("بن", "ابن", "ابو")):
        return _strip_span(text, s, s + m.start(1))[1]
    return e


def _relayed(st: _State, s: int, e: int) -> tuple[Speaker | None, int] | None:
    """"نقلت X عن Y (قوله)": (Y, end of Y); (None, s) for "نقلت عنه" (the earlier speaker); None without "عن"."""
    toks = sp.tokens(st.text, s, e)
    k = next((i for i, tok in enumerate(toks) if tok[1] in ("عن", "عنه", "عنها", "عنهم")), None)
    if k is None:
        return None
    if toks[k][1] != "عن" or k + 1 >= len(toks):
        return None, s
    stop = next((tok[2] for tok in toks[k + 1 :] if tok[1] in _QUOTING), e)
    span = sp.find_np(st.text, toks[k + 1][2], stop, st.ents)
    if span is None:
        return None, s
    return sp.build_speaker(st.text, span[0], span[1], st.ents, st.known), span[1]


def _plausible_np(st: _State, span: tuple[int, int]) -> bool:
    """A quote right after "verb + NP" (no إن/أن/colon) needs an NP that looks like a speaker."""
    if any(x.type in ("PERS", "ORG") and x.start < span[1] and x.end > span[0] for x in st.ents):
        return True
    words = [fold_match(w) for w in st.text[span[0] : span[1]].split()]
    return len(words) <= 3 or any(w in sp.TITLES or w in sp.RANKS for w in words)


def _verb_feats(t: _Trig, speaker: Speaker | None) -> tuple[str, bool | None]:
    shape = sp.features(speaker.text) if speaker else ("", None)
    gender = "f" if t.form.fem else ("m" if t.form.kind in ("past", "present") else shape[0])
    return gender, True if t.form.plural else shape[1]


def _emit(st: _State, idx: int, content: int, speaker: Speaker | None, verb: str,
          feats: tuple[str, bool | None]) -> None:
    found = _content(st, content, idx)
    if found is None:
        return
    qs, qe, direct, after = found
    if qe <= qs:
        return
    st.out.append(Statement(speaker=speaker, verb=_clean_verb(verb), quote=st.text[qs:qe], start=qs, end=qe,
                            direct=direct))
    if direct:
        st.covered = after
    st.remember(speaker, feats, st.trig[idx].start)


def _clean_verb(v: str) -> str:
    return re.sub(_DIAC, "", v)


def _no_introducer(st: _State, idx: int, stop: int) -> None:
    """Verb without إن/أن/colon/quote: "وأضاف قائلا" waits for the participle; object verbs take their object."""
    text, t = st.text, st.trig[idx]
    nxt = st.trig[idx + 1] if idx + 1 < len(st.trig) else None
    rs, re_ = _strip_span(text, t.end, stop)
    if nxt is not None and nxt.start == stop and nxt.form.kind == "part" and len(text[rs:re_].split()) <= 6:
        span = sp.find_np(text, rs, re_, st.ents) if re_ > rs else None
        speaker = sp.build_speaker(text, *span, st.ents, st.known) if span else _carry(st, t.start, t.form)
        st.pending = (t.word, speaker)
        return
    st.pending = None
    if t.form.base in _OBJECT_VERBS and t.form.kind in ("past", "passive"):
        _object_statement(st, idx)


def _object_statement(st: _State, idx: int) -> None:
    """ "نفت السلطات العراقية بشدة تمديد موعد الانسحاب": the verb's object is the reported content."""
    text, t = st.text, st.trig[idx]
    end = _sentence_end(text, t.end, _MAX_INDIRECT)
    nxt = next((x.start for x in st.trig[idx + 1 : idx + 40] if x.form.prefix and x.start < end), end)
    limit = min(nxt, t.end + _MAX_NP, st.trig[idx + 1].start if idx + 1 < len(st.trig) else nxt)
    k = re.compile(r"\sعن\s").search(text, t.end, limit)
    if t.form.base in ("أعلن", "كشف") and k:  # "أعلن X عن Y": Y is the content
        limit = k.start()
    span = sp.find_np(text, t.end, limit, st.ents)
    if t.form.kind == "passive" or span is None:
        return
    span = _subject_only(st, span)
    first = sp.tokens(text, span[0], span[1])
    if not first or not (first[0][1] in sp.TITLES or first[0][1] in sp.RANKS or sp.in_entity(st.ents, span[0])):
        return
    if t.form.base == "نقل":
        via = _relayed(st, t.end, nxt)
        if not via or via[0] is None:
            return
        speaker, span = via[0], (span[0], via[1])
    else:
        speaker = sp.build_speaker(text, span[0], span[1], st.ents, st.known)
    cs = _skip_adjuncts(text, span[1], nxt)
    s, e = _strip_span(text, cs, nxt)
    if speaker is None or len(text[s:e].split()) < 3:
        return
    st.out.append(Statement(speaker=speaker, verb=_clean_verb(t.word), quote=text[s:e], start=s, end=e))
    st.remember(speaker, _verb_feats(t, speaker), t.start)


def _subject_only(st: _State, span: tuple[int, int]) -> tuple[int, int]:
    """The subject of "أعلنت السلطات الجزائرية حالة الطوارئ": the object starts at an indefinite noun
    followed by a definite one, after the subject's own definite words (names come from entities)."""
    toks = sp.tokens(st.text, *span)
    seen_def = False
    for i, (_, w, s, _) in enumerate(toks[:-1]):
        definite = w.startswith(("ال", "وال", "لل", "بال"))
        if seen_def and not definite and w.isalpha() and w not in sp.TITLES and w not in sp.RANKS and \
                not sp.in_entity(st.ents, s) and toks[i + 1][1].startswith("ال") and w[:1] not in "لب":
            return span[0], toks[i - 1][3]
        seen_def = seen_def or definite
    return span


def _skip_adjuncts(text: str, pos: int, stop: int) -> int:
    """Past adjuncts ("، اليوم السبت ،"، "اليوم الأحد") and "عن" ("أعلن X عن ...") before the content."""
    while True:
        mm = re.match(r"\s*[،,]\s*(\S+)[^،,]{0,40}[،,]", text[pos:stop])
        if mm and (fold_match(mm.group(1)) in sp.ADVERBS or fold_match(mm.group(1)) in sp.ADJUNCT_HEADS):
            pos += mm.end()
            continue
        mm = re.match(r"\s*(\S+)", text[pos:stop])
        if mm and (fold_match(mm.group(1)) in sp.ADVERBS or mm.group(1).isdigit()):
            pos += mm.end()
            continue
        mm = re.match(r"\s*عن\s", text[pos:stop])
        return pos + mm.end() if mm else pos


def _participle(st: _State, idx: int) -> None:
    """A hal participle ("مضيفا أن") belongs to its clause's subject."""
    text, t = st.text, st.trig[idx]
    nxt = st.trig[idx + 1].start if idx + 1 < len(st.trig) else len(text)
    intro = _find_intro(text, t.end, min(nxt, _sentence_end(text, t.end, _MAX_NP)))
    if intro is None or intro[0] - t.end > 12:
        return
    if st.pending is not None:
        verb, speaker = st.pending
        st.pending = None
    else:
        verb, speaker = t.word, _clause_speaker(st, t)
    _emit(st, idx, intro[1], speaker, verb, _verb_feats(t, speaker))


def _clause_speaker(st: _State, t: _Trig) -> Speaker | None:
    """Subject of the sentence holding a participle: the statement made in it, else its verb's subject."""
    ss = sp.sentence_start(st.text, t.start)
    if st.mentions and st.mentions[-1][2] >= ss:
        return st.mentions[-1][0]
    sub = sp.clause_subject(st.text, ss, t.start, st.ents, st.known)
    if sub is not None and sp.agrees(sub[1], t.form.fem, t.form.plural):
        return sub[0]
    return _carry(st, t.start, t.form)


def _carry(st: _State, pos: int, form: _Form) -> Speaker | None:
    """The dropped subject: the latest subject (a speaker, or the subject of a sentence in between) that
    agrees with the verb in gender and number; None rather than a wrong speaker."""
    cands = [(p, s, f) for s, f, p in st.mentions[-4:] if pos - p < 2000]
    last = cands[-1][0] if cands else -1
    ss = sp.sentence_start(st.text, pos)
    for lo in (ss, sp.sentence_start(st.text, max(0, ss - 1))):
        if lo > last and lo < pos:
            sub = sp.clause_subject(st.text, lo, pos, st.ents, st.known)
            if sub is not None:
                cands.append((lo, *sub))
                break
    for _, speaker, feats in sorted(cands, key=lambda c: c[0], reverse=True):
        if sp.agrees(feats, form.fem, form.plural):
            return speaker
    return None


def _attribution(st: _State, idx: int) -> None:
    """ "..., بحسب/وفق (ما أفاد به) X" and "وبحسب X، ...": the clause is a statement of X."""
    text, t = st.text, st.trig[idx]
    end = _sentence_end(text, t.end, _MAX_NP)
    src = _source(st, t, end)
    if src is None:
        return
    span, speaker = src
    ss = sp.sentence_start(text, t.start)
    lead = text[ss : t.start].strip(" \t،,")
    if not lead or fold_match(lead) in ("و", "ف"):  # fronted: "وبحسب X، ..."
        s, e = _strip_span(text, _skip_intro(text, span[1], end), _sentence_end(text, span[1], _MAX_INDIRECT))
    elif len(lead.split()) < 3:  # parenthetical: "وعمد المحتجون، وفق ذات المصدر، إلى ..."
        s, e = _strip_span(text, ss, _sentence_end(text, span[1], _MAX_INDIRECT))
    else:
        s, e = _strip_span(text, ss, t.start)
    if len(text[s:e].split()) < 3 or any(o.start < e and o.end > s for o in st.out):
        return
    st.out.append(Statement(speaker=speaker, verb=_clean_verb(t.word), quote=text[s:e], start=s, end=e))
    st.remember(speaker, sp.features(speaker.text), t.start)


def _source(st: _State, t: _Trig, end: int) -> tuple[tuple[int, int], Speaker] | None:
    """The source named after an attribution word, when it is one (not "حسب الاختصاص")."""
    text = st.text
    toks = sp.tokens(text, t.end, end)
    i, said = 0, t.form.base == "حسبما"
    if i < len(toks) and toks[i][1] in ("ل", "لما", "ما"):
        said = said or toks[i][1] != "ل"
        i += 1
    if said and i < len(toks):
        if not _reporting_word(toks[i][1]):
            return None
        jaa = toks[i][1] == "جاء"
        i += 1 + (i + 1 < len(toks) and (toks[i + 1][1] in ("به", "عنه") or jaa and toks[i + 1][1] == "في"))
    if i >= len(toks) or toks[i][1] in _PRONOUN_SOURCES:
        return None
    intro = _INTRO_WORD.search(text, toks[i][2], end)
    end = intro.start() if intro else end  # "وحسب بلاغ ... وزارة الداخلية فإنّه ..."
    stop = next((tok[2] for tok in toks[i:] if tok[1] in "،," and not said), end)
    span = sp.find_np(text, toks[i][2], stop, st.ents)
    if span is None:
        return None
    words = [tok[1] for tok in sp.tokens(text, *span)]
    after = sp.tokens(text, span[1], min(end, span[1] + 40))
    cited = len(after) > 1 and after[0][1] in sp.RELATIVES and _reporting_word(after[1][1])
    if not (said or cited or any(w in sp.TITLES for w in words[:2]) or sp._stem(words[0]) in sp.DOCS
            or sp.in_entity(st.ents, span[0])):
        return None
    if sp._stem(words[0]) in sp.DOCS and not words[0].startswith("ال"):
        # "بيان صادر اليوم عن وزارة ..."، "بلاغ نشرته اليوم وزارة ...": the body after "عن" or the verb
        k = _ISSUED.search(text, span[0], min(end, span[1] + 60))
        owner = sp.find_np(text, k.end(), end, st.ents) if k else None
        speaker = sp.build_speaker(text, *owner, st.ents, st.known) if owner else None
        if owner and speaker:
            return (span[0], owner[1]), speaker
    speaker = sp.doc_owner(text, span, st.ents, st.known)
    return (span, speaker) if speaker is not None else None


def _reporting_word(w: str) -> bool:
    """A reporting verb, possibly with an object pronoun ("أكده"، "أوردته"، "أفاد"), or "جاء"."""
    for suffix in ("", "ه", "ته", "تها", "ها"):
        if w.endswith(suffix) and (form := _LEX.get(w[: len(w) - len(suffix)] if suffix else w)):
            return form.kind in ("past", "present", "passive")
    return False


def _content(st: _State, cs: int, idx: int) -> tuple[int, int, bool, int] | None:
    """(quote start, quote end, direct, end of consumed span) for content starting at ``cs``."""
    text, trig = st.text, st.trig
    if cs >= len(text):
        return None
    # The next statement opened by a prefixed verb after a sentence mark bounds a runaway quote.
    hard = len(text)
    for t in trig[idx + 1 : idx + 40]:
        if (
            t.start > cs
            and t.form.prefix
            and t.form.kind != "attr"
            and re.search(r"[.:؟!]\s*$", text[max(0, t.start - 4) : t.start])
        ):
            hard = t.start
            break
    if text[cs] in _QUOTE_OPEN:
        end, after = _direct_end(text, cs, hard)
        s, e = _strip_span(text, cs + 1, end)
        return s, e, True, after
    end = _sentence_end(text, cs, _MAX_INDIRECT)
    for t in trig[idx + 1 : idx + 40]:
        if t.start >= end:
            break
        if t.start > cs and (t.form.prefix and t.form.kind != "attr" or t.form.kind == "part"):
            end = t.start
            break
    s, e = _strip_span(text, cs, end)
    return s, e, False, e
