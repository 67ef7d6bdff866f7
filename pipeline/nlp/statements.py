"""Quoted-statement extraction for Arabic news: who said what, with character offsets.

Rule based: reporting verbs are a closed class, recognised by morphology (:mod:`pipeline.nlp.reporting`:
every person, tense and participle with its clitics). A damma on the first letter (أُعلن، ذُكر) and قيل/يقال/أفيد mark an
unattributed report (no speaker). Around the verbs:

* the speaker sits between the verb and the content introducer (إن/أن/بأن, a colon or a quotation mark),
  and :mod:`pipeline.nlp.speakers` separates it from the adjuncts around it; or it comes before the verb
  ("الخفاجي بيّن أن"، "وكان X قد أعلن أن"، "X الذي أفاد بأن"); or it is dropped and carried over from an
  earlier subject that agrees with the verb in gender and number ("وأضافت أن");
* intermediaries relay a speaker: "نقلت الوكالة عن X قوله إن"، "نقلا عن X"، "جاء في بيان لـ X": the
  speaker is X, never the outlet;
* attributions name the source of a clause: "..., بحسب/حسب/وفق (ما أفاد به) X" (also fronted: "وبحسب X،
  ...") make the clause a statement of X, unless the clause already belongs to a statement;
* a direct quote runs to its closing mark, across sentences, within the paragraph.

Regexes are linear and each statement looks at bounded windows, so the work grows linearly with the text.
Offsets index the input: ``text[s.start:s.end]`` is the quote (without quotation marks when direct).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.models import Entity, Speaker, Statement
from pipeline.nlp import (
    antecedents,
    attributions,
    considered,
    coordinated,
    mentions,
    named_sayers,
    participle_clause,
    participle_gap,
    preverbal,
    quoted_names,
    shared_subjects,
    sources,
    subject_first,
    untagged_names,
    written_speech,
)
from pipeline.nlp import speakers as sp
from pipeline.nlp.name_edges import with_surname_after
from pipeline.nlp.quotes import INTRO_WORD as _INTRO_WORD
from pipeline.nlp.quotes import MAX_QUOTE as _MAX_QUOTE
from pipeline.nlp.quotes import QUOTE_OPEN as _QUOTE_OPEN
from pipeline.nlp.quotes import direct_end as _direct_end
from pipeline.nlp.quotes import quote_close as _quote_close
from pipeline.nlp.reporting import VERBS, WEAK_VERBS, Form, Trig, triggers
from pipeline.nlp.speaker_spans import before_complement, with_name_after, without_glued_tail
from pipeline.nlp.speaker_words import verb_without_conjunction
from pipeline.nlp.subject_phrase import object_before_quote, subject_only
from pipeline.text.normalise import ARABIC_LETTERS, WORD_MARKS, fold_match
from pipeline.text.scan import first_of, word_matches

__all__ = ["extract_statements", "VERBS", "WEAK_VERBS"]

_DIAC = f"[{WORD_MARKS}]*"
_DIAC_RE = re.compile(f"[{WORD_MARKS}]+")  # for sub(""): "*" would also replace the empty run at every position
_LETTER = ARABIC_LETTERS

# Verbs whose object can be the content itself ("نفت السلطات ... تمديد موعد الانسحاب").
_OBJECT_VERBS = frozenset({"نفى", "أعلن", "أكد", "كشف", "أبرز", "نقل"})
# Verbs that also mean "continue/end" and report only right before their content.
_WEAK_REPORTING = frozenset({"تابع", "واصل", "مضى", "ختم", "اختتم"})
# Words after which أن/إن belongs to them, not to the reporting verb ("ما يعني أن"، "التي يتوقع أن").
_SUBORDINATORS = sp.fold_set("بعد قبل منذ إلا غير رغم برغم حتى لمجرد دون بدون مع يعني تعني يتوقع تتوقع يرتقب يمكن "
                              "يجب ينبغي يفترض يرجح يبدو")
_COMPLEMENTS = frozenset("إلى الى إلي على علي من عن ب".split())
_MODAL = sp.fold_set("أن ان لن لم لا كي لكي حتى ولم ولن ولا فلم")
_WHAT = sp.fold_set("ما لما بما مما عما على في من عن إلى الى ب بعد قبل بلا")
_PRONOUN_CLAUSES = sp.fold_set("أنه أنها إنه إنها بأنه بأنها")
_NAME_OBJECTS = sp.fold_set("اسمه اسمها اسمهم اسمي اسمائهم أسمائهم هويته هويتها هويتهم")
_SOURCE_WORDS = sp.fold_set("باسم تابعته تابعتها نشرته نشرتها أوردته أوردتها نقلته نقلتها")

_MAX_NP, _MAX_KNOWN, _MAX_INDIRECT = 220, 32, 1500

# Participles are triggers: a stretch searched for its introducer never holds one, only "بالقول".
_BIL_QAWL = re.compile(rf"(?<![{_LETTER}])بالقول(?![{_LETTER}])")
# A subordinate clause opening with its own verb and subject ("بعد أن نشر X"، "عندما قال X").
_SUBCLAUSE = re.compile(rf"(?<![{_LETTER}])(?:[وف]?(?:بعد|قبل)\s+[أا]ن|بعدما|عندما|حين|حينما|لما|في\s+وقت)\s")
_ABOUT = re.compile(r"\sعن\s")
_SENT_MARKS = "\n.!؟?"
# The word before a position, read on the reversed stretch: "(WORD)[\s\u0640]*$" searched forward tries every start
# of the 30 characters and backtracks through each word. Reversed, it is one anchored match: the run of word
# characters after the last whitespace of the trailing stretch of spaces and tatweels (the leftmost forward match).
_PREV_WORD_REVERSED = re.compile(rf"(?:[\s\u0640]*\s)?([{_LETTER}\u0640\u064b-\u065f]+)")
# Asked for (nearly) every trigger: compiled once rather than formatted and looked up in re's cache per call.
_NEXT_WORD = re.compile(rf"\s*([{_LETTER}]+)")
_LAST_WORD = re.compile(rf"(?:^|\s)([{_LETTER}]+){_DIAC}\s*$")
_IN_IT = re.compile(r"\s+في(?:ه|ها|\s+إحدا(?:ه|ها))(?:\s|:)")
_CLAUSE_ENDED = re.compile(r"[.:؟!]\s*$")


def _sentence_end(text: str, pos: int, limit: int) -> int:
    end = min(len(text), pos + limit)
    found = _sentence_mark(text, pos, end)
    return end if found < 0 else found


def _sentence_mark(text: str, pos: int, end: int) -> int:
    """First end of a sentence in text[pos:end], or -1: a newline, a stop, "!" or "?" before a space or ``end``, or
    "..". The marks are found with ``str.find`` (``scan.first_of``), not a regex trying every position."""
    while (at := first_of(text, _SENT_MARKS, pos, end)) >= 0:
        mark = text[at]
        if mark == "\n" or at + 1 == end or text[at + 1].isspace() or (mark == "." and text[at + 1] == "."):
            return at
        pos = at + 1
    return -1


def _word_before(text: str, pos: int) -> str:
    m = _PREV_WORD_REVERSED.match(text[max(0, pos - 30) : pos][::-1])
    return fold_match(m.group(1)[::-1]) if m else ""


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
    if len(inside.split()) <= 4 and _sentence_mark(inside, 0, len(inside)) < 0:
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
        q = first_of(text, _QUOTE_OPEN + ":", pos, stop)
        if q >= 0:
            cands.append(q)
        b = next(word_matches(_BIL_QAWL, text, "بالقول", pos, 0, stop), None)
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
    trig: list[Trig]
    out: list[Statement] = field(default_factory=list)
    known: list[Speaker] = field(default_factory=list)
    # (speaker, (gender, plural), position) of every subject seen, most recent last
    mentions: list[tuple[Speaker, tuple[str, bool | None], int]] = field(default_factory=list)
    pending: tuple[str, Speaker | None] | None = None
    covered: int = 0
    relay: tuple[Speaker, int] | None = None  # a statement's relay ("بحسب ما نقلته عنه X") and where it is named

    def remember(self, speaker: Speaker | None, feats: tuple[str, bool | None], pos: int) -> None:
        if speaker is None:
            return
        self.known = [k for k in self.known if k.canonical != speaker.canonical or k.text != speaker.text]
        self.known.append(speaker)
        self.mentions.append((speaker, feats, pos))
        del self.known[:-_MAX_KNOWN], self.mentions[:-_MAX_KNOWN]


def extract_statements(text: str, entities: list[Entity] | None = None) -> list[Statement]:
    """Statements (direct and indirect) with speaker, verb and quote offsets, in text order."""
    if not isinstance(text, str) or not text:
        return []
    st = _State(text, sorted(entities or [], key=lambda x: x.start), written_speech.kept(text, triggers(text)))
    for idx, t in enumerate(st.trig):
        if t.start >= st.covered:  # not inside a direct quote already taken
            {"attr": _attribution, "part": _participle}.get(t.form.kind, _verb)(st, idx)
    out = with_surname_after(text, [_without_glued_object(s, st.ents, text) for s in sorted(
        st.out, key=lambda s: s.start)], st.ents)  # "جان بيار| لاكروا"
    return [s if s is was else _without_glued_object(s, st.ents, text)  # trim again only what resolving replaced
            for s, was in zip(mentions.resolve_descriptions(text, out, st.ents), out, strict=True)]


def _without_glued_object(statement: Statement, ents: list[Entity], text: str) -> Statement:
    """ "محمد صلاح حوارا": the object glued after the speaker's name is no part of it (copied only when cut)."""
    speaker = with_name_after(text, without_glued_tail(statement.speaker, ents), statement.start, ents)  # "شبكة (X)"
    return statement if speaker is statement.speaker else statement.model_copy(update={"speaker": speaker})


def _verb(st: _State, idx: int) -> None:
    """A reporting verb: speaker between verb and content, before the verb, or carried over."""
    text, t, form = st.text, st.trig[idx], st.trig[idx].form
    nxt = next((x.start for x in st.trig[idx + 1 : idx + 4] if x.form.kind != "attr" and not _names_object(text, x)
                and not (x.form.base == "اعتبر" and considered.in_relative_clause(text, x.start, x.end))), len(text))
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
    if form.kind == "passive" and any(o.start <= t.start < o.end for o in st.out[-3:]):
        return  # "وقال مستوردون إنهم أُبلغوا بأنها ...": part of the statement already made
    close = _quote_close(text, intro[0], 60) if text[intro[0]] in _QUOTE_OPEN else None
    if close is not None and form.base in _OBJECT_VERBS and form.kind == "past" and shared_subjects.quoted_subject(
            text, start, intro[0], close, st.ents):  # "أعلنت «جبهة النصرة» انسحابها": the quoted name is the subject
        speaker = sp.build_speaker(text, intro[0] + 1, close - 1, st.ents, st.known)
        _emit(st, idx, close, speaker, t.word, _verb_feats(t, speaker))
        return
    if close is not None and len(text[intro[0] : close].split()) <= 2 and form.base not in _OBJECT_VERBS:
        return  # "وضع مدرب منتخب "الديوك"": a quoted term (after أعلن/أكد it starts the content: "أعلنت "فشل" ...")
    speaker = _speaker_for(st, t, start, intro)
    if speaker is False:
        return
    _emit(st, idx, intro[1], speaker, t.word, _verb_feats(t, speaker))


def _names_object(text: str, t: Trig) -> bool:
    """ "رفض ذكر اسمه"، "طلب عدم ذكر اسمها": the name is what is (not) said: no statement, and no bound on the
    statement around it ("وقال مسؤول، طلب عدم ذكر اسمه، إن ...")."""
    after = _NEXT_WORD.match(text[t.end : t.end + 20])
    return after is not None and fold_match(after.group(1)) in _NAME_OBJECTS


def _plausible_verb(st: _State, t: Trig, intro: tuple[int, int] | None, start: int) -> bool:
    """Filter the readings where the word is no verb of saying: "بين" (between), "تابع" (continued), "يذكر أن"."""
    form, gap = t.form, (intro[0] - start if intro else 10**6)
    before = _word_before(st.text, t.start)
    if _names_object(st.text, t):
        return False
    if before in _WHAT or (form.kind == "present" or before in ("لا", "ولا")) and before in _MODAL:
        return False  # "لما اعتبر": what was said; "على نفي": a noun; "أن تلاحظ"، "لا يقول": no report
    if form.base == "بين" and (not (form.prefix and gap < 60) and gap > 2 or form.prefix and re.search(
            rf"(?<![{_LETTER}])بين\s", st.text[max(0, t.start - 80) : t.start])):
        return False  # "بين X وبين Y": a preposition
    if form.base in _WEAK_REPORTING and intro is not None:
        head = st.text[intro[0] : intro[0] + 8]
        if gap > 60 and not (head[:1] in _QUOTE_OPEN + ":" or head.startswith("بال")):
            return False
    if form.base == "ادعى" and form.kind == "present" and _DIAC_RE.sub("", t.word).endswith("ى") and gap > 2:
        return False  # "شاب يُدعى "رعمسيس"": is called (passive of دعا), not claims (يدّعي)
    return not (form.kind == "present" and form.base == "ذكر" and t.word.startswith("ي") and gap <= 2)


def _speaker_for(st: _State, t: Trig, start: int, intro: tuple[int, int]) -> Speaker | None | bool:
    """The speaker of a verb whose content starts at ``intro``; False when the verb reports nothing."""
    text, form = st.text, t.form
    rs, re_ = _strip_span(text, start, intro[0])
    re_ = before_complement(text, rs, _drop_complement(text, rs, re_), form.base)
    if form.base == "اعتبر" and form.kind == "present" and considered.predicate_reading(text, rs, re_, st.ents):
        return False  # "تعتبر خرائط غوغل واحدة من الخدمات ...، إلا أن": "is considered", the outlet's judgement
    if form.base == "نقل":
        via = sources.relayed(text, rs, re_, st.ents, st.known)
        outlet = sources.relaying_outlet(text, rs, re_, st.ents, st.known) if via and via[0] else None
        if outlet is not None:  # a subject too: "ونقلت صحيفة X عن مسؤولين ...، وأضافت أنها" (the outlet)
            st.remember(outlet, ("f" if form.fem else "m", sp.speaker_features(outlet)[1]), t.start - 1)
        if via is not None:  # "ونقلت عنه رويترز": the pronoun's gender and number, not the outlet's verb
            return via[0] or _carry(st, t.start, sources.pronoun_form(text, rs, re_, form, st.ents))
    if form.kind == "passive":
        return None
    if _IN_IT.match(text[t.end : t.end + 14]):  # "أصدرت X بياناً، جاء فيه"
        owner = sources.publisher(text, t.start, st.ents, st.known, form.base != "جاء")  # "X تغريدة قال فيها"
        if owner is not None:
            return owner
    own = shared_subjects.own_subject(text, t.start, rs, re_, st.ents, form.base in _OBJECT_VERBS)  # "بكين أنه"
    before = preverbal.subject_before(text, t, (rs, re_), st.ents, st.known, own) if not form.prefix else None
    if not form.prefix and _nested(st, t, before):
        return False  # "قال العبادي إن تشريح الجثث أوضح أنهم": a report inside his statement, in his words
    told_by = _pronoun_subject(st, t)
    if told_by is not None:  # "وأوضح ترامب أنه قال للرئيس شي إنه": the pronoun is Trump, "للرئيس شي" the one told
        span = sp.find_np(text, rs, re_, st.ents) if re_ > rs and text[intro[0]] in _QUOTE_OPEN else None
        return False if span and not _bare_quote_ok(st, t, span, intro[0]) else told_by  # "سيكشف ... "فيسبوك""
    if before is not None:  # "وكان X قد أعلن أن"، "X الذي أفاد بأن": the subject comes first
        return before
    if re_ > rs:
        via = sources.relayed(text, rs, re_, st.ents, st.known, ("نقلا", "ونقلا"))  # "ذكرت الوكالة، نقلا عن Y، أن"
        span = None if via and via[0] else sp.find_np(text, rs, re_, st.ents)
        if span is not None and _accusative_head(text, span):
            span = None  # "فينقل بعضاً من تصحيفاته": the object; the subject is the one before or carried
        if span is not None:
            if text[intro[0]] in _QUOTE_OPEN and not _bare_quote_ok(st, t, span, intro[0]):
                return False  # "تعتبر "الخمسة" "لؤلؤة تونس"، "مولود ذكر حمل اسم "هانز"": no report
            span = shared_subjects.before_the_told(text, span, st.ents) if form.base in ("أبلغ", "أخبر") else \
                shared_subjects.with_closing_name(text, span, re_, st.ents)
            speaker = sp.build_speaker(text, span[0], span[1], st.ents, st.known)
            return sources.doc_owner(st.text, span, st.ents, st.known) if form.base == "جاء" and speaker else speaker
        if via and via[0]:
            return via[0]
    before = preverbal.subject_before_verb(text, t.start, st.ents, st.known, False) if not form.prefix else None
    topic = mentions.topic_subject(text, t.start, st.ents, st.known) if text[t.start] == "ف" else None
    shared = (coordinated.coordinated_subject(text, t.start, form.fem, form.plural, st.ents, st.known) or  # "فزجره
              shared_subjects.opening_subject(text, t.start, t.word, st.ents, st.known) or  # أردوغان وقال"، "وألغت
              subject_first.fronted_subject(text, t.start, form.fem, form.plural, st.ents, st.known)) \
        if text[t.start] == "و" and not before and not topic else None  # غيتي ...، وقالت"، "لكن ترامب لن ينحني، وقال"
    return before or topic or shared or _carry(st, t.start, form)  # "الخفاجي بيّن أن"، "أما X فاعتبر أن"


def _accusative_head(text: str, span: tuple[int, int]) -> bool:
    """The phrase after the verb opens with a word marked with tanwin fath ("بعضاً"، "تقريراً"): an accusative, the
    verb's object, while its subject would be nominative."""
    first = text[span[0] : span[1]].split(maxsplit=1)[0] if span[1] > span[0] else ""
    return first.rstrip("ا").endswith("\u064b")  # "بعضاً" and "بعضًا" alike


def _nested(st: _State, t: Trig, before: Speaker | None) -> bool:
    """A verb whose subject (a thing, not a person or body) opens the indirect content of the statement just
    made: "قال X إن تشريح الجثث أوضح أن"، "قال إن اتصالاته مع ليفربول أكدت أن"."""
    outer = st.out[-1] if st.out else None
    if outer is not None and t.form.base in ("أبلغ", "أخبر") and outer.start <= t.start < outer.end and \
            re.search(r"[أاإ]ن(?:ه|ها|هم|ني|نا)\s*$", st.text[max(0, t.start - 8) : t.start]):
        return True  # "أكد بومبيو أنه أبلغ الكونغرس بأن": Pompeo's statement, the Congress only told
    if outer is None or outer.direct or not 0 < t.start - outer.start < 80 or t.start >= outer.end or \
            verb_without_conjunction(outer.verb).startswith("نقل"):
        return False  # a relay ("نقلت الوكالة عن مراسلها أن المعلومات تشير إلى أن") keeps the report it relays
    lead = st.text[outer.start : t.start]
    return not re.search("[،,]", lead) and (before is None or not _speaker_like(st, before))


def _pronoun_subject(st: _State, t: Trig) -> Speaker | None:
    """The speaker of the statement a verb opens when its subject is the pronoun of أنّ/إنّ just before it ("قال دود
    إنه قال للمحققين أن"): that statement's speaker, when it agrees with the verb."""
    outer = st.out[-1] if st.out else None
    if outer is None or outer.speaker is None or not outer.start <= t.start <= outer.end or \
            fold_match(_word_before(st.text, t.start)) not in _PRONOUN_CLAUSES:
        return None
    fem = fold_match(_word_before(st.text, t.start)).endswith("ها")
    return outer.speaker if fem == t.form.fem and sp.agrees(sp.speaker_features(outer.speaker), fem, False) else None


def _speaker_like(st: _State, speaker: Speaker) -> bool:
    """A person or body (entity, title, rank), not a thing ("تشريح الجثث")."""
    if speaker.type in ("PERS", "ORG"):
        return True
    return any(fold_match(w) in sp.TITLES or fold_match(w) in sp.RANKS for w in speaker.text.split())


def _bare_quote_ok(st: _State, t: Trig, span: tuple[int, int], quote: int) -> bool:
    """A quote right after "verb + NP" (no إن/أن/colon): a past verb opening its clause (or a long quote, not a
    name: "مولود ذكر حمل اسم "هانز"") and a speaker-like NP, and not a short quote after the verb's object
    (``subject_phrase.object_before_quote``: "وكشف الفيديو إطلاق الصاروخ البالستي "سارمات"" names the missile)."""
    before = _word_before(st.text, t.start)
    long_quote = len(st.text[quote : _quote_close(st.text, quote, 400) or quote].split()) > 4
    if not long_quote and object_before_quote(st.text, span, quote) and t.form.base not in ("أبلغ", "أخبر"):
        return False
    opens = t.form.prefix or not before or before in sp.CLAUSE_STARTS or long_quote
    ambiguous = t.form.base in ("رأى", "ذكر", "بين")  # also nouns: "بلا رأي "، "مولود ذكر"
    return t.form.kind != "present" and opens and not ambiguous and mentions.plausible_np(st.text, span, st.ents)


def _drop_complement(text: str, s: int, e: int) -> int:
    """End of the speaker stretch without the verb's own preposition ("أشار X إلى" أن، "شدد على" أن)."""
    m = _LAST_WORD.search(text[s:e])
    if m and m.group(1) in _COMPLEMENTS and not (m.group(1) == "علي" and _word_before(text, s + m.start(1))
                                                 in ("بن", "ابن", "ابو")):
        return _strip_span(text, s, s + m.start(1))[1]
    return e


def _verb_feats(t: Trig, speaker: Speaker | None) -> tuple[str, bool | None]:
    shape, relay = sp.speaker_features(speaker) if speaker else ("", None), t.form.base == "نقل"  # the relay's verb
    gender = shape[0] if relay else "f" if t.form.fem else "m" if t.form.kind in ("past", "present") else shape[0]
    return gender, True if t.form.plural and not relay else shape[1]


def _emit(st: _State, idx: int, content: int, speaker: Speaker | None, verb: str, feats: tuple[str, bool | None]):
    found = _content(st, content, idx)
    if found is None or found[1] <= found[0]:
        return
    qs, qe, direct, after = found
    st.out.append(Statement(speaker=speaker, verb=_DIAC_RE.sub("", verb), quote=st.text[qs:qe], start=qs, end=qe,
                            direct=direct))
    if direct:
        st.covered = after
    st.remember(speaker, feats, st.trig[idx].start)


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
    k = _ABOUT.search(text, t.end, limit)
    if t.form.base in ("أعلن", "كشف") and k:  # "أعلن X عن Y": Y is the content
        limit = k.start()
    span = sp.find_np(text, t.end, before_complement(text, t.end, limit, t.form.base), st.ents)  # "أشار X إلى"
    if t.form.kind == "passive" or span is None:
        return
    span = subject_only(st.text, span, st.ents)
    first = sp.tokens(text, span[0], span[1])
    if not first or not (first[0][1] in sp.TITLES or first[0][1] in sp.RANKS or sp.in_entity(st.ents, span[0])):
        return
    if t.form.base == "نقل":
        via = sources.relayed(text, t.end, nxt, st.ents, st.known)
        if not via or via[0] is None:
            return
        speaker, span = via[0], (span[0], via[1])
    else:
        speaker = sp.build_speaker(text, span[0], span[1], st.ents, st.known)
    cs = _skip_adjuncts(text, span[1], nxt)
    s, e = _strip_span(text, cs, nxt)
    if speaker is None or len(text[s:e].split()) < 3:
        return
    st.out.append(Statement(speaker=speaker, verb=_DIAC_RE.sub("", t.word), quote=text[s:e], start=s, end=e))
    st.remember(speaker, _verb_feats(t, speaker), t.start)


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
    if intro is None or named_sayers.attributive(text, t.start, t.end) or intro[0] - t.end > 12 and not \
            participle_gap.adjunct_gap(text, t.start, t.end, intro[0], t.form.base != "أشار") or any(
            o.start <= intro[1] < o.end for o in st.out):  # "وفي خطوة لافتة،": an adjective, no hal
        st.pending = None  # "قال في كلمة له، معلنا انسحاب ...": the verb's participle took no statement
        return
    if st.pending is not None:
        verb, speaker = st.pending
        st.pending = None
    else:
        own = mentions.subject_before_participle(text, t.start, st.ents, st.known) or \
            untagged_names.name_before_participle(text, t.start, t.form.fem, st.ents)  # "لتسألها إليسا قائلة"
        verb, speaker = t.word, own or _clause_speaker(st, t)
    _emit(st, idx, intro[1], speaker, verb, _verb_feats(t, speaker))


def _clause_speaker(st: _State, t: Trig) -> Speaker | None:
    """Subject of the sentence holding a participle: its own clause's named subject ("رفضت إليسا مصافحتها قائلة"),
    the statement made in it, else its verb's subject."""
    if (own := participle_clause.name_of_own_clause(st.text, t.start, t.form.fem, st.ents, st.known)) is not None:
        return own
    if (ss := sp.sentence_start(st.text, t.start)) <= (st.mentions[-1][2] if st.mentions else -1):
        return st.mentions[-1][0]
    sub = sp.clause_subject(st.text, ss, t.start, st.ents, st.known) or shared_subjects.participle_subject(
        st.text, t.start, t.form.fem, st.ents, st.known)  # "وأصر أكسوي على براءته، نافيا"
    if sub is not None and sp.agrees(sub[1], t.form.fem, t.form.plural):
        return sub[0]
    for m in reversed(list(_SUBCLAUSE.finditer(st.text, ss, t.start))):  # "بعد أن نشر الكاتب ادم بارون ... قائلا"
        sub = mentions.named_subject(st.text, m.end(), t.start, st.ents, st.known) or mentions.subclause_body(
            st.text, m.end(), t.start, st.ents, st.known)  # "في وقت بدأت المليشيات ... مشيرة": a body too
        if sub is not None and sp.agrees(sub[1], t.form.fem, t.form.plural):
            return sub[0]
    return _carry(st, t.start, t.form)


def _carry(st: _State, pos: int, form: Form) -> Speaker | None:
    """The dropped subject: the latest subject (a speaker, or the subject of a sentence in between) that
    agrees with the verb in gender and number; None rather than a wrong speaker."""
    cands = [(p, s, f) for s, f, p in st.mentions[-4:] if pos - p < 2000]
    last = cands[-1][0] if cands else -1
    ss, unread, writing = sp.sentence_start(st.text, pos), False, form.base in written_speech.WRITING
    for lo in (ss, sp.sentence_start(st.text, max(0, ss - 1))):
        inner = lo + len(st.text[lo : lo + 4]) - len(st.text[lo : lo + 4].lstrip(" \"“«"))  # 'وأضاف: "شركة ..."'
        if any(o.start <= inner < o.end for o in st.out[-3:]):
            continue  # a line of a quote ("تونس والجزائر ..."): the speaker's words, not a new subject
        if last < lo < pos and (st.text[lo - 1] in "\n.؟:" or antecedents.after_dateline(st.text, lo)):  # a real
            # sentence start, not a window edge: "(CNN)-- طالب صندوق النقد الدولي ... وقال في بيان"
            sub = mentions.sentence_subject(st.text, lo, pos, st.ents, st.known) or antecedents.later_clause_person(
                st.text, lo, pos, st.ents, st.known, mentions.sentence_subject)  # "...، حيث وصف هنيدي"
            if sub is None and antecedents.after_dateline(st.text, lo):  # "(CNN)-- طالب صندوق النقد الدولي"
                sub = mentions.subclause_body(st.text, lo, pos, st.ents, st.known)
            sub = sub or untagged_names.name_after_opening_verb(st.text, lo, pos, st.ents)  # "لم تتحدث مديحة يسري"
            if sub is not None:
                cands.append((lo, *sub))
                break
            unread = unread or writing and antecedents.names_someone(st.text, lo, pos, st.ents, [c[1] for c in cands])
    if unread:  # a writer's sentence since the latest subject names someone else ("أصدر تشانس توضيحا. وكتب:")
        return None
    for _, speaker, feats in sorted(cands, key=lambda c: c[0], reverse=True):
        if sp.agrees(feats, form.fem, form.plural):
            return speaker
    return antecedents.relay_before(st.text, st.relay, ss, form.fem)


def _attribution(st: _State, idx: int) -> None:
    """ "..., بحسب/وفق (ما أفاد به) X" and "وبحسب X، ...": the clause is a statement of X."""
    text, t = st.text, st.trig[idx]
    end = _sentence_end(text, t.end, _MAX_NP)
    nxt = next((x.start for x in st.trig[idx + 1 : idx + 4] if _word_before(text, x.start) not in _WHAT), end)
    src = attributions.source(text, t, min(end, nxt), st.ents, st.known)  # not past "مضيفا" into the next statement
    ss = sp.sentence_start(text, t.start)
    if src is not None and st.mentions and st.mentions[-1][2] >= ss:
        st.relay = src[1], t.start
    if src is None or st.mentions and st.mentions[-1][2] >= ss:
        return  # "وأضافت الداخلية حسب نفس البلاغ أن": the source of a statement already made
    span, speaker = src
    lead = text[ss : t.start].strip(" \t،,")
    if not lead or fold_match(lead) in ("و", "ف"):  # fronted: "وبحسب X، ..."
        s, e = _strip_span(text, _skip_intro(text, span[1], end), _sentence_end(text, span[1], _MAX_INDIRECT))
    elif len(lead.split()) < 3:  # parenthetical: "وعمد المحتجون، وفق ذات المصدر، إلى ..."
        s, e = _strip_span(text, ss, _sentence_end(text, span[1], _MAX_INDIRECT))
    else:
        s, e = _strip_span(text, ss, t.start)
    if len(text[s:e].split()) < 3 or any(o.start < e and o.end > s for o in st.out):
        return
    st.out.append(Statement(speaker=speaker, verb=_DIAC_RE.sub("", t.word), quote=text[s:e], start=s, end=e))
    st.remember(speaker, sp.speaker_features(speaker), t.start)


def _content(st: _State, cs: int, idx: int) -> tuple[int, int, bool, int] | None:
    """(quote start, quote end, direct, end of consumed span) for content starting at ``cs``."""
    text, trig = st.text, st.trig
    if cs >= len(text):
        return None
    named = text[cs] in _QUOTE_OPEN and quoted_names.quoted_name_end(text, cs, [t.start for t in trig[idx : idx + 9]])
    if text[cs] in _QUOTE_OPEN and not named:  # a new statement bounds a quote left open, even one closed later
        limit = cs + _MAX_QUOTE
        opens = [t for t in trig[idx + 1 : idx + 40] if cs < t.start < limit and t.form.prefix and
                 t.form.kind != "attr" and _CLAUSE_ENDED.search(text[max(0, t.start - 4) : t.start])]
        hard = next((t.start for t in opens if _find_intro(text, t.end, _sentence_end(text, t.end, 120))), len(text))
        end, after = _direct_end(text, cs, hard, opens[0].start if opens else len(text))
        s, e = _strip_span(text, cs + 1, end)
        return s, e, True, after
    end = _sentence_end(text, cs, _MAX_INDIRECT)
    for t in trig[idx + 1 : idx + 40]:
        if t.start >= end:
            break
        comma = text[max(0, t.start - 3) : t.start].rstrip()[-1:] in ("،", ",")
        new_clause = comma and t.form.kind in ("past", "present")
        if t.start > cs and (t.form.prefix and t.form.kind != "attr" or t.form.kind == "part" or new_clause):
            end = t.start  # "...، أكدت الدراسة أن": a new statement after a comma
            break
    s, e = _strip_span(text, cs, end)
    return s, e, False, e
