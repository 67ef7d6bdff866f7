"""Statements on a watched subject: which words of an article a statement is judged on, and the sentences on a
subject that no quote covers (the outlet's own narration, or a body's decision named next to its verb).

The frames themselves live in ``pipeline.nlp.subjects``; this module decides *whose* words a flagged sentence is.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker, Statement
from pipeline.nlp import before_verb, frame_syntax, mentions, named_sayers, reporting, speaker_words, speakers
from pipeline.nlp.narrative_time import preceding_sentence
from pipeline.nlp.speaker_spans import with_name_after
from pipeline.nlp.stance import reporting_stance
from pipeline.nlp.subjects import (
    SELF_CONTAINED,
    SENTENCE_END,
    SentenceMemo,
    Subject,
    load_subjects,
    subject_hits,
)
from pipeline.nlp.wordgroups import group_hits, words
from pipeline.text.morphology import lemma_keys, word_keys
from pipeline.text.normalise import fold_match


def flag_statements(
    statements: list[Statement], subjects: list[Subject] | None = None, text: str | None = None,
    year: int | None = None, memo: SentenceMemo | None = None,
) -> list[Statement]:
    """Return copies of ``statements`` with ``subjects`` (and ``stance``) set, judged on the quote plus its
    sentence.

    The sentence context matters for a short quote: "نفى ... انسحاب القوات" often carries the subject
    outside the quote itself ("الحديث غير دقيق"). A quote of more than ``SELF_CONTAINED`` words says what it
    is about itself, and is judged alone: a withdrawal mentioned elsewhere in its sentence does not make a
    statement about volunteers a withdrawal statement. Without ``text`` only the quote is judged.
    """
    subjects = load_subjects() if subjects is None else subjects
    out = []
    memo = {} if memo is None else memo  # statements of one sentence share their context: judge it once
    for st in statements:
        ctx = st.quote
        if text and len(st.quote.split()) <= SELF_CONTAINED:
            ctx = statement_context(text, st, statements)
        before = preceding_sentence(text, st.start, SENTENCE_END) if text else ""  # its narrative time
        hits = subject_hits(ctx, subjects, year, memo, before)
        stance = hits[0].stance if hits else None
        if hits and st.verb and st.verb not in st.quote:  # the verb introduces the quote: "نفى أن ..." denies it
            subject = next(s for s in subjects if s.id == hits[0].subject)
            stance = reporting_stance(subject, st.verb) or stance
        out.append(st.model_copy(update={"subjects": [h.subject for h in hits], "stance": stance}))
    return out


def unattributed_statements(text: str, statements: list[Statement], subjects: list[Subject] | None = None,
                            year: int | None = None, entities: list[Entity] | None = None,
                            memo: SentenceMemo | None = None) -> list[Statement]:
    """Sentences on a watched subject that no extracted statement covers, as statements of their own.

    News often states the event itself ("بدأت القوات الأمريكية الانسحاب من قاعدة ..."): the outlet is the
    source, the statement has no speaker and ``attributed=False``; consumers show the outlet. When the
    sentence reports what a body decided or demanded ("صوّت البرلمان العراقي على إخراج ...", "اتفقت بغداد
    وواشنطن على ...") that body, a named entity next to the decision verb, is the speaker.
    """
    subjects = load_subjects() if subjects is None else subjects
    covered = [(st.start, st.end) for st in statements if st.subjects]
    out: list[Statement] = []
    previous, previous_end = 0, 0
    for start, end in _sentence_spans(text):
        (before, previous), (before_end, previous_end) = (previous, start), (previous_end, end)
        if any(s < end and start < e for s, e in covered):
            continue
        hits = subject_hits(text[start:end], subjects, year, memo, text[before:before_end])  # its narrative time
        if hits:
            ids = {h.subject for h in hits}
            said = next((st for st in statements if st.speaker is not None and st.start < end and start < st.end
                         and _says_it(text, st, start, end, [s for s in subjects if s.id in ids])),
                        None) or _continued(text, before, start, statements)
            # "وتابع "لا يزالون في القاعدة ..."", "كما سينسحب النظام ...": the sentence is that speaker's words
            actor = (said.speaker, said.verb) if said is not None else \
                None if _headline(text, start, end) else _actor(text, start, end, entities or []) or \
                _also_actor(text, (before, before_end), start, end, entities or []) or \
                _still_actor(text, (before, before_end), start, end, entities or [])
            lo = _subordinate_clause(text, said, start) if said is not None else start
            out.append(Statement(speaker=actor[0] if actor else None, verb=actor[1] if actor else "",
                                 quote=text[lo:end], start=lo, end=end, subjects=[h.subject for h in hits],
                                 stance=hits[0].stance, attributed=actor is not None))
    return out


#: "كما" and a future verb opening a sentence ("كما سينسحب النظام ..."): more of the terms or plans the previous
#: sentence's speaker reported; the outlet does not foretell on its own
_ALSO_WILL = re.compile(r"و?كما\s+(?:[أا]ن(?:ه|ها)?\s+)?س[يتنأا][\w\u0600-\u06ff]{2,}")


def _continued(text: str, before: int, start: int, statements: list[Statement]) -> Statement | None:
    """The statement of the previous sentence (``text[before:start]``) whose speaker the sentence at ``start``
    goes on reporting ("وأشارت مصادر لـ"سكاي نيوز عربية"، إلى أن الاتفاق يقضي ... كما سينسحب النظام وميليشياته
    من المناطق"); None when it opens otherwise or the previous sentence has no speaker."""
    if not _ALSO_WILL.match(text, start):
        return None
    said = [st for st in statements if st.speaker is not None and before <= st.start and st.end <= start]
    return said[-1] if said else None


def _also_actor(text: str, previous: tuple[int, int], start: int, end: int,
                entities: list[Entity]) -> tuple[Speaker, str] | None:
    """The sayer of a sentence opening with "كما" and a decision or saying verb whose subject is a pronoun ("كما
    تعهدت بإخلاء جميع مواقعها"، "كما طالبوا بـ"): the previous sentence's subject, agreeing with the verb."""
    agreement = named_sayers.dropped_subject_verb(text, start, end, _decides_or_says, entities)
    found = named_sayers.previous_subject(text, *previous, agreement, entities) if agreement and \
        previous[1] > previous[0] else None
    return (found, text[start:end].split()[1]) if found is not None else None


def _still_actor(text: str, previous: tuple[int, int], start: int, end: int,
                 entities: list[Entity]) -> tuple[Speaker, str] | None:
    """The sayer of a decision or saying verb after a verb of going on ("ولا يزال المتمردون يطالبون"، "وما زالوا
    يطالبون برحيل"), and the present verb of demand or saying as its verb: ``named_sayers.continuing_sayer``."""
    return named_sayers.continuing_sayer(text, start, end, previous, _decides_or_says, entities)


def _decides_or_says(word: str) -> bool:
    """A decision verb (``DECISION_VERBS``) or a finite verb of saying."""
    return len(word) >= 3 and not DECISION_VERBS.isdisjoint(word_keys(word)) or named_sayers.speech_verb(word)


def _says_it(text: str, st: Statement, start: int, end: int, subjects: list[Subject]) -> bool:
    """A predicate of the subject is in the sentence's part from the statement's clause on: the words before that
    clause are not the speaker's ("ويأتي بحث الانسحاب الأميركي ... في وقت بدأت المليشيات ... في حال عدم
    انسحابها كما تقول": the militia's clause names the withdrawal too), nor those after an attribution that follows
    its quote ("... بحسب الأمم المتحدة، بعدما استعادت قوات النظام ... بموجب اتفاقات إجلاء")."""
    lo, hi = clause_start(text, st, start), _attribution_end(text, st, start, end)
    if _fronted(text, start, lo):
        lo = start
    toks = words(text[lo:hi])
    return (lo == start and hi == end) or any(group_hits(toks, subject.predicates) for subject in subjects)


#: a conjunction opening a subordinate clause of time ("في وقت"، "بينما"، "بعد أن") after the main clause
_SUBORDINATOR = re.compile(r"(?<![\w\u0600-\u06ff])(?:في\s+وقت|في\s+حين|بينما|فيما|حين|حينما|عندما|بعدما|"
                           r"(?:بعد|قبل)\s+[أا]ن)\s")


def _subordinate_clause(text: str, st: Statement, start: int) -> int:
    """Where a sentence said by ``st``'s speaker is quoted from: the subordinate clause holding their words when the
    sentence opens with a main clause of the outlet's ("ويأتي بحث الانسحاب الأميركي من العراق في وقت [بدأت
    المليشيات ... كما تقول ... مشيرة]": the talks are narration, the militia's threat is theirs), i.e. when a
    subordinator stands at most two words before their clause; else the sentence start."""
    clause = clause_start(text, st, start)
    found = list(_SUBORDINATOR.finditer(text, start, clause))
    if not found or len(text[found[-1].end() : clause].split()) > 2:
        return start
    return found[-1].end()


def _fronted(text: str, start: int, clause: int) -> bool:
    """The words before a statement's clause are a phrase fronted to it: they end in a comma right before a finite
    reporting verb ("وردا على سؤال حول الهدف من إجلاء ...، قال الأسد"), so what the speaker answers or comments on
    is part of their sentence. After a hal participle ("وعبرت الأوساط ... من العراق ، محذرة") the words before the
    comma are the main clause, its subject's, not a phrase fronted to the participle."""
    head = text[start:clause].rstrip()
    verb = _ACTOR_WORD.match(text, clause)
    form = reporting.LEX.get(fold_match(verb.group())) if verb else None
    return head.endswith("،") and form is not None and form.kind in ("past", "present")


#: what a body does about a withdrawal besides speaking (decide, vote, demand, discuss, defend ...): a closed
#: class matched through the stemmer, without the withdrawal predicates ("سحبت الميليشيا أسلحتها" is an
#: event the outlet reports, not a position someone takes)
DECISION_VERBS = lemma_keys(["قرر", "صوت", "اتفق", "طالب", "دعا", "أمر", "بحث", "عرض", "رفض", "وقع", "أصدر",
                             "وافق", "اشترط", "تعهد", "التزم", "هدد", "ضغط", "أبلغ", "اختتم", "أعلن", "دافع",
                             "عبر", "تمسك", "ناقش", "رحب", "انتقد", "أيد", "عارض", "اقترح", "أقر", "طلب"])
_ACTOR_WINDOW = 40  # characters between the decision verb and its subject
#: nouns of amount: "يبلغ عدد عسكرييها 2500" is بلغ "amount to", not أبلغ "inform" (the same imperfect)
MEASURE_NOUNS = lemma_keys(["عدد", "حجم", "قيمة", "نسبة", "مجموع", "إجمالي", "طول", "عمر", "حوالي", "نحو"])


def _actor(text: str, start: int, end: int, entities: list[Entity]) -> tuple[Speaker, str] | None:
    """The body acting in a sentence: the subject of a decision verb among the sentence's first words, read
    the way the statement extractor reads a speaker (VSO "صوّت البرلمان العراقي", or "وكان هادي قد أبلغ"),
    else a person, organisation or place-as-government named right after or before the verb; after "لكنها"
    the sentence's opening subject, however late the verb; None when there is none."""
    for n, m in enumerate(_ACTOR_WORD.finditer(text, start, end)):
        decides = len(m.group()) >= 3 and not DECISION_VERBS.isdisjoint(word_keys(m.group()))
        said = n == 0 and not decides and named_sayers.speech_verb(m.group())  # "وشدد X، في تصريحات ...، على"
        if not decides and not said:
            doer = _genitive_doer(text, m, end, entities) or _nominal_doer(text, start, end, m.group(), entities)
            if doer is not None:
                return doer, m.group()
            continue
        before = text[start:m.start()].split()
        linker = fold_match(before[-1]) if before else ""
        if linker in _BUT_PRONOUNS or linker in _AND_NOT:  # "... لكنها أعلنت"، "ولم يتحدث بومبيو ... ولم يطلب"
            opening = speakers.clause_subject(text, start, end, entities, [])
            if opening is not None and opening[0] is not None and (
                    linker in _BUT_PRONOUNS or opening[1][0] == _verb_gender(m.group())):  # ولم: it must agree
                return opening[0], m.group()
        if n >= 12:  # a later verb's subject is too far from the sentence's own to read, but for a named one
            late = named_sayers.late_subject(text, m, end, entities) if decides else None
            # a place right after a decision verb is its government ("تطالب فيه الخرطوم"); a name the verb does not
            # agree with is its object ("ودعا الولايات المتحدة إلى"، "ويطالب إيران بـ": he calls on)
            if late is not None and named_sayers.name_gender(late, entities) in ("", _verb_gender(m.group())):
                return late, m.group()
            continue
        following = _ACTOR_WORD.search(text, m.end(), end)
        if following and not MEASURE_NOUNS.isdisjoint(word_keys(following.group())):
            continue  # a quantity "amounts to", no decision
        if before and fold_match(before[-1]) == "قد":  # "وكان هادي قد أبلغ المبعوث": the subject comes first
            subject = (before_verb.subject_before(text, m.start(), entities, [], False), None)
        else:
            subject = speakers.clause_subject(text, m.start(), end, entities, [])
        if subject is not None and subject[0] is not None and not _is_place_or_time(subject[0], entities):
            if named_sayers.complement_read_as_subject(text, subject[0], m.end(), end, entities):
                continue  # "كما تعهدت بإخلاء جميع مواقعها": what is pledged, nobody named after the verb
            doer = named_sayers.without_complement(text, subject[0], m.end(), end, entities) if said else \
                with_name_after(text, subject[0], end, entities)  # "أقرت حركة «أحرار الشام»"
            if doer is not None:
                return doer, m.group()
        if said:
            continue  # a verb of saying: its subject right after it, or none read here
        opening = all(fold_match(w) in speakers.ADVERBS | speaker_words.CLAUSE_STARTS for w in before)
        common = _complement_subject(text, m, end, entities) if opening else None
        if common is not None:
            return common, m.group()
        near = [e for e in entities if start <= e.start < end and e.type in ("PERS", "ORG", "LOC")
                and (0 <= e.start - m.end() <= _ACTOR_WINDOW or 0 <= m.start() - e.end <= _ACTOR_WINDOW)
                and not _governed(text, e.start)]
        if near and _in_construct(text, m, near[0]):  # "طلبت رئاسة إقليم كردستان": the phrase governing the name
            whole = _construct_phrase(text, m, end, entities)
            return (whole, m.group()) if whole is not None else None
        if near:  # a person or organisation before a place (a dateline, the object); then the closest
            best = min(near, key=lambda e: (e.type == "LOC", min(abs(e.start - m.end()), abs(m.start() - e.end))))
            return _with_partners(text, best, entities), m.group()
    return None


#: verbal nouns and hal participles of the decision verbs: "جدد المبعوث دعوته لوقف ... وفقا لخطة تتضمن انسحاب"،
#: "اعتصم العشرات من الأطباء مطالبين المحافظ بإخراج الميليشيات"
DECISION_NOUNS = lemma_keys(["إعلان", "دعوة", "مطالبة", "قرار", "تهديد", "تعهد", "اشتراط", "تمسك", "رفض", "موافقة",
                             "التزام", "تخوف"])
#: a demand named after لـ as the purpose of what the sentence's subject does ("احتشد عشرات السكان ... لمطالبة
#: ميليشيات الحوثي بإخراج"، "للمطالبة بإخراجه"): the subject is the one demanding
PURPOSE_NOUNS = lemma_keys(["مطالبة"])
DECISION_PARTICIPLES = lemma_keys(["مطالب", "معلن", "مهدد", "متعهد", "رافض", "داعي", "مشترط", "متمسك"])
_OWNER = {"ه": (False, False), "ها": (True, False), "هم": (False, True), "هما": (False, True)}  # (fem, plural)
_PARTICIPLE_END = {"ا": (False, False), "ة": (True, False), "ين": (False, True), "ات": (True, True)}


def _nominal_doer(text: str, start: int, end: int, word: str, entities: list[Entity]) -> Speaker | None:
    """The doer of a decision named by a verbal noun owned by a pronoun ("إعلانها"، "دعوته") or by a hal participle
    ("مطالبين"، "معلنة"), or a demand that is the purpose of the act ("لمطالبة"): the sentence's opening subject
    (verb first), when it agrees with the pronoun or the participle in gender and number; None otherwise."""
    folded = fold_match(word)
    purpose = folded.startswith(("ل", "ول")) and not PURPOSE_NOUNS.isdisjoint(word_keys(folded))
    if folded.startswith(("ب", "ل", "وب", "ول")) and not purpose:
        return None  # "وأشادت الوزارة بإعلانها": the object of another verb, maybe another body's decision
    feats = None
    for suffix, agreement in sorted(_OWNER.items(), key=lambda x: -len(x[0])) if not purpose else ():
        stem = folded[: -len(suffix)]
        if folded.endswith(suffix) and len(stem) >= 3 and not DECISION_NOUNS.isdisjoint(
                word_keys(stem) | word_keys(stem[:-1] + "ه")):  # "دعوته": دعوة with its taa opened
            feats = agreement
            break
    if feats is None and not folded.startswith(("ال", "وال")):
        for suffix, agreement in _PARTICIPLE_END.items():
            if folded.endswith(suffix) and not DECISION_PARTICIPLES.isdisjoint(word_keys(folded[: -len(suffix)])):
                feats = agreement
                break
    if feats is None and not purpose:
        return None
    toks = speakers.tokens(text, start, min(end, start + 300))
    comma = next((n for n, t in enumerate(toks[:4]) if t[1] in "،,"), None)  # "دبلوماسيا، جدد"، "العام الماضي، وصفت"
    if comma is not None and (not toks or DECISION_VERBS.isdisjoint(word_keys(toks[0][0]))):
        if purpose:
            return None  # "وتداول ناشطون يمنيون، مقطع فيديو، لسكان ... وهم يتجمهرون ... للمطالبة": not the opening's
        toks = toks[comma + 1 :]  # not after the subject of an opening decision verb: "أعلنت فصائل مقاتلة، الثلاثاء،"
    while toks and (toks[0][1] in speakers.ADVERBS or not toks[0][1].isalpha()):
        toks = toks[1:]
    verb = toks[0] if toks else None
    at = text.find(word, verb[3], end) if verb else -1
    if verb is None or at < 0 or verb[1].startswith(("ال", "وال")) or verb[1].endswith("ه") or \
            verb[1] in speakers.NOT_VERBS or len(verb[1]) < 3:
        return None  # the sentence opens with no verb (a noun, "وكانت ..."), so its subject is not read here
    span = speakers.find_np(text, verb[3], at, entities)
    doer = speakers.build_speaker(text, span[0], span[1], entities, []) if span else None
    if doer is None or _is_place_or_time(doer, entities):
        return None
    return doer if feats is None or speakers.agrees(speakers.speaker_features(doer), *feats) else None


#: the complementizer of a verb's clause ("بأن"، "أن")
_COMPLEMENT = re.compile(r"(?<![\w\u0600-\u06ff])ب?[أا]ن(?:ه|ها|هم)?(?![\w\u0600-\u06ff])")
_SUBJECT_WORDS = 5  # words of a subject between an opening verb and its complementizer


def _complement_subject(text: str, verb: re.Match, end: int, entities: list[Entity]) -> Speaker | None:
    """The common-noun subject of a decision verb that opens its sentence and takes an أن clause ("وتتمسك الفصائل
    بأن يتضمن أي اتفاق ... خروج"): the noun phrase between the verb and its complementizer, when it agrees with the
    verb in gender (a verb before its subject stays singular: "وطالب المتظاهرون بأن") and holds no name; None
    otherwise."""
    that = _COMPLEMENT.search(text, verb.end(), end)
    if that is None or len(text[verb.end() : that.start()].split()) > _SUBJECT_WORDS:
        return None
    span = speakers.find_np(text, verb.end(), that.start(), entities)
    if span is None or any(span[0] <= e.start < span[1] for e in entities):
        return None  # a name there is read as one (``_actor``'s near names), never glued to the words after it
    doer = speakers.build_speaker(text, span[0], span[1], entities, [])
    if doer is None or _is_place_or_time(doer, entities):
        return None
    gender = speakers.speaker_features(doer)[0]
    return doer if gender != ("f" if _verb_gender(verb.group()) == "m" else "m") else None


def _verb_gender(verb: str) -> str:
    """"f" for a verb marked feminine (تـ of the imperfect, ـت of the perfect: "وتتمسك"، "طلبت"), else "m"."""
    form = fold_match(verb)
    form = form[1:] if form[:1] in "وف" and len(form) > 3 else form
    return "f" if speaker_words.feminine_verb(form) else "m"


def _genitive_doer(text: str, word: re.Match, end: int, entities: list[Entity]) -> Speaker | None:
    """The doer of a decision named by a verbal noun in construct with a named person or body ("إعلان ترامب مرارا
    عزمه سحب القوات"، "إقرار البنتاغون بأن"): the name that follows the noun; None when no name follows it."""
    if DECISION_NOUNS.isdisjoint(word_keys(word.group())):
        return None
    gap = re.match(r"\s+", text[word.end() : end])
    at = word.end() + (gap.end() if gap else 0)
    owner = next((e for e in entities if e.start == at and e.type in ("PERS", "ORG")), None)
    return _with_partners(text, owner, entities) if owner is not None else None


def _with_partners(text: str, first: Entity, entities: list[Entity]) -> Speaker:
    """The actor with the bodies coordinated to it by و ("واختتمت واشنطن وبغداد الجولة"، "اتفقت بغداد وواشنطن"):
    bodies that decided together are the speaker together, as the labelled set names them."""
    last = first
    for e in entities:  # NER may tag the conjunction with the name ("وبغداد")
        gap = text[last.end : e.start]
        if e.start > last.end and e.type in ("PERS", "ORG", "LOC") and re.fullmatch(r"\s+و?", gap) and (
                gap.endswith("و") or e.text.startswith("و")):
            last = e
    if last is first:
        return Speaker(text=first.text, canonical=first.canonical, type=first.type)
    name = text[first.start : last.end]
    return Speaker(text=name, canonical=" ".join(fold_match(w) for w in name.split()), type=first.type)


_GOVERNORS = mentions.PREPOSITIONS | {fold_match("مثل")}


def _governed(text: str, pos: int) -> bool:
    """The word before ``pos`` is a preposition: a name there is its object ("الانسحاب الأميركي من العراق": the
    place left), never the subject that acts; nor is one compared ("ولم يطلب انسحابها هي الأخرى مثل إيران")."""
    before = text[max(0, pos - 12):pos].split()
    return bool(before) and fold_match(before[-1]) in _GOVERNORS


def _in_construct(text: str, verb: re.Match, name: Entity) -> bool:
    """The first name after a decision verb is governed by a noun between them: an indefinite head in construct
    ("طلبت رئاسة إقليم كردستان العراق": "كردستان" names the region, the presidency asks), not the subject."""
    if name.start < verb.end():
        return False
    between = text[verb.end() : name.start].split()
    return bool(between) and all(w.isalpha() for w in between) and not fold_match(between[-1]).startswith(
        ("ال", "وال")) and fold_match(between[-1]) not in speakers.ADVERBS | _GOVERNORS


def _construct_phrase(text: str, verb: re.Match, end: int, entities: list[Entity]) -> Speaker | None:
    """The whole noun phrase after the verb that a construct name belongs to ("رئاسة إقليم كردستان العراق"), or
    None when no such phrase is read there (a fragment of it is never the actor)."""
    span = speakers.find_np(text, verb.end(), end, entities)
    whole = speakers.build_speaker(text, span[0], span[1], entities, []) if span else None
    if whole is None or len(whole.text.split()) < 2 or _is_place_or_time(whole, entities) or \
            named_sayers.complement_read_as_subject(text, whole, verb.end(), end, entities):
        return None  # "تعهدت بإخلاء جميع مواقعها على جبهات تنظيم داعش": what is pledged, not who pledges
    return whole


#: a headline's "X: ..." (a short name, its colon, a clause with no final stop): the outlet's title, no speaker's
_HEADLINE = re.compile(r"[^\s:.،]+(?:\s+[^\s:.،]+){0,2}\s*:\s*[^\n]*$")


def _headline(text: str, start: int, end: int) -> bool:
    """The sentence is a headline of the form "تركيا: طلب العراق سحب القوات التركية "خطير واستفزازي"": no speaker
    is read from its reported clause (the labelled set's convention: a headline's statement is the outlet's),
    unless what stands before the colon is a reporting verb ("وأضاف: ...")."""
    line = text[start:end]
    stop = text[end : end + 2].strip()[:1]  # the sentence splitter leaves its final stop outside the span
    if "\n" in line or not _HEADLINE.fullmatch(line) or stop in (".", "!", "؟", "?") or \
            line.rstrip().endswith((".", "!", "؟", "?")):
        return False
    head = [fold_match(w) for w in line.split(":", 1)[0].split()]  # "إيلاف من لندن:" is a dateline, no headline
    return not any(w in reporting.LEX or w in mentions.PREPOSITIONS for w in head)


def _is_place_or_time(speaker: Speaker, entities: list[Entity]) -> bool:
    """A subject that is only a place ("إيلاف من لندن") or a time phrase is no actor."""
    words = speaker.text.split()
    return speaker.type == "LOC" or any(e.type == "LOC" and e.text == speaker.text for e in entities) or (
        bool(words) and all(w in speakers.ADVERBS or speaker_words.has_digit(w) for w in words))


_ACTOR_WORD = re.compile(r"[\w\u0600-\u06ff]+")
#: "but it/he" before a decision verb: the sentence's opening subject acts again
_BUT_PRONOUNS = frozenset(fold_match(w) for w in ("لكنها", "لكنه", "ولكنها", "ولكنه"))
#: "and not" before a verb with no subject of its own: the sentence's opening subject does (not) do it too
_AND_NOT = frozenset(fold_match(w) for w in ("ولم", "ولن", "ولا"))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding white space."""
    spans = []
    pos = 0
    for m in [*SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else len(text)
    return spans


def _sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The quote span widened to the enclosing sentence (bounded so a 10 MB line stays cheap)."""
    lo = max(0, start - limit)
    left = text[lo:start]
    cut = max(left.rfind("\n"), left.rfind(". "), left.rfind("؟"))
    s = lo + cut + 1 if cut >= 0 else lo
    right = text[end : end + limit]
    m = re.search(r"\n|\.\s|؟", right)
    return s, end + (m.start() if m else len(right))


def clause_start(text: str, st: Statement, lo: int) -> int:
    """Where the clause that introduces a statement starts, from ``lo`` on: its verb or its speaker's name before
    the quote, whichever comes first ("في وقت بدأت [المليشيات] ... مشيرة إلى أن"); ``lo`` when neither is there."""
    found = [i for i in (text.rfind(st.verb, lo, st.start) if st.verb else -1,
                         text.rfind(st.speaker.text, lo, st.start) if st.speaker and st.speaker.text else -1)
             if i >= 0]
    return min(found) if found else lo


def statement_context(text: str, st: Statement, statements: list[Statement]) -> str:
    """What a short quote is judged on: its sentence from the speaker's clause on, up to the next statement.

    The words before the clause that introduces the speaker (its verb or the speaker's name, the nearer to the
    sentence start), and the words of another speaker's statement, are not the speaker's: "ويأتي بحث الانسحاب
    الأميركي من العراق في وقت بدأت المليشيات ... مشيرة إلى أن عدد المتطوعين وصل إلى 50 ألف" is no militia
    statement about a withdrawal. Unless the quote points back to them (``frame_syntax.demonstratives``): a
    demonstrative whose noun was named before ("نفت السلطات تمديد موعد انسحاب القوات وقال المتحدث إن الحديث عن
    هذا التمديد غير دقيق"), or one standing alone when the speaker's clause holds no words of theirs before it
    ("عرضت الوزارة على المسلحين ممرا آمنا للخروج ... وقالت إنها ستحمي الثوار الذين سيقبلون بذلك"). The words
    after the next statement's start are that statement's, and so are those after an attribution that follows the
    quote (``_attribution_end``)."""
    s, e = _sentence_bounds(text, st.start, st.end)
    others = [o for o in statements if o is not st and s <= o.start < e]
    lo = clause_start(text, st, s)
    lo = max([lo, *(o.end for o in others if lo <= o.end <= st.start and not _same_speaker(o, st))])
    if lo > s:
        nouns, bare = frame_syntax.demonstratives(words(st.quote))
        own = any(lo <= o.start and o.end <= st.start and _same_speaker(o, st) for o in others)
        if frame_syntax.names_antecedent(nouns, words(text[s:lo])) or (bare and not own):
            lo = s
    hi = min([e, *(o.start for o in others if st.end <= o.start)])
    return text[lo:min(hi, _attribution_end(text, st, s, e))]


_POSTPOSED = 12  # characters between a quote and the attribution that follows it ("، بحسب"، "، قال")


def _attribution_end(text: str, st: Statement, s: int, e: int) -> int:
    """Where an attribution that follows its quote ends: "وكانت الفوعة وكفريا آخر بلدتين محاصرتين في سوريا بحسب
    الأمم المتحدة، بعدما استعادت قوات النظام ... اتفاقات إجلاء": the words after "الأمم المتحدة" are the outlet's.
    ``e`` (the sentence's end) when the verb stands before the quote or nowhere near after it."""
    if not st.verb or text.rfind(st.verb, s, st.start) >= 0:
        return e
    verb = text.find(st.verb, st.end, min(e, st.end + _POSTPOSED + len(st.verb)))
    if verb < 0:
        return e
    end = verb + len(st.verb)
    name = text.find(st.speaker.text, end, min(e, end + _POSTPOSED + len(st.speaker.text))) \
        if st.speaker and st.speaker.text else -1
    return name + len(st.speaker.text) if name >= 0 else end


def _same_speaker(a: Statement, b: Statement) -> bool:
    """Both statements are one speaker's: the same name, or one name within the other ("السيسي" of "الرئيس المصري
    عبد الفتاح السيسي")."""
    if a.speaker is None or b.speaker is None:
        return a.speaker is b.speaker
    x, y = fold_match(a.speaker.text), fold_match(b.speaker.text)
    return x in y or y in x


# --- learned scorer -------------------------------------------------------------------------------
