"""Sayers named in a sentence on a watched subject that no quote covers: which verbs of such a sentence have the
one who speaks as their subject, and which words after such a verb are its complement, not its subject.

``subject_statements._actor`` reads the body acting in a sentence from a closed class of decision verbs; a verb of
saying whose content is no أن clause but a noun phrase after its preposition ("وشدد ولد الشيخ أحمد، في تصريحات
...، على ضرورة انسحاب الحوثيين") has its speaker in the same place, so it acts the same way. And a decision verb
followed by its prepositional complement ("كما تعهدت بإخلاء جميع مواقعها"، "يطالبون برحيل جنود الحلف") has no
subject after it: the phrase opening with بـ is what is pledged or demanded, never who does it.

A decision verb late in a long sentence, past the words ``_actor`` reads a subject from, still has a named subject
when it opens a clause of its own: after a comma ("...، أقرت حركة «أحرار الشام» بإحداها") or after a relative
pronoun the verb points back to ("في الوقت الذي تطالب فيه الخرطوم"، "الاتفاق الذي وقعه ترامب") (``late_subject``).

A participle of a reporting verb agreeing with the indefinite noun right before it is that noun's adjective ("وفي
خطوة لافتة، تراجعت «جبهة النصرة»"): no hal participle, so the quoted name after it is no quote (``attributive``).

"كما" and a decision or saying verb whose subject is a pronoun ("كما تعهدت بإخلاء"، "كما طالبوا بـ") go on with the
previous sentence's subject when it agrees with the verb (``dropped_subject_verb``, ``previous_subject``).

A decision or saying verb after a verb of going on ("ولا يزال المتمردون يطالبون"، "ظلت الولايات المتحدة ترفض") has
the noun phrase between the two as its subject; a plural going-on verb right before it ("وما زالوا يطالبون") goes on
with the previous sentence's plural subject (``continuing_subject``). When the present verb follows the going-on verb
right away, its subject stands before the going-on verb in the same clause ("لكن قطر ظلت تنفي"، "روسيا ما زالت
تعارض"); the present verb is the statement's verb, and طرح counts as a verb of demand only with a noun of demand or
plan as its object ("ولا يزال المتمردون يطرحون شرطا": ``continuing_sayer``, ``puts_forward``).
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import before_verb, mentions, reporting, speaker_words, speakers
from pipeline.nlp.shared_subjects import BY_ONESELF
from pipeline.nlp.speaker_spans import with_name_after
from pipeline.nlp.subject_phrase import subject_only
from pipeline.text.morphology import lemma_keys, word_keys
from pipeline.text.normalise import fold_match

#: the kinds of a reporting verb's finite forms (a participle or an attribution has no subject after it)
_FINITE = ("past", "present")


def speech_verb(word: str) -> bool:
    """A finite form of a reporting verb ("وشدد"، "تؤكد"): its subject is the one who says what follows."""
    form = reporting.LEX.get(fold_match(word))
    return form is not None and form.kind in _FINITE


def without_complement(text: str, speaker: Speaker, lo: int, hi: int, entities: list[Entity]) -> Speaker | None:
    """The subject read after a verb of saying without the verb's prepositional complement glued to it ("وأفادت
    [تقارير] بإجلاء بعض المسلحين"، "وأشار [الوزير] إلى": what they tell, not their name), when that complement
    follows it (past an adjunct between commas: "وشدد X، في تصريحات ...، على ضرورة"); None when no such complement
    follows the subject ("ونقلت الوكالة انسحاب القوات": a direct object, glued to the subject, is no speaker's)."""
    at = text.find(speaker.text, lo, hi)
    if at < 0:
        return None
    pos = at
    for n, word in enumerate(speaker.text.split()):
        pos = text.find(word, pos, hi)
        if n and (fold_match(word) in _CONTENT_PREPOSITIONS and not speakers.in_entity(entities, pos) or
                  _complement_word(word, pos, entities)):  # "الرئيس علي عبد الله صالح": a name, no على
            cut = text[at:pos].rstrip(" ،,")
            return _subject_of(text, at, at + len(cut), entities) if cut else None
        pos += len(word)
    return _subject_of(text, at, at + len(speaker.text), entities) if _complement_after(
        text, at + len(speaker.text), hi, entities) else None


def _subject_of(text: str, s: int, e: int, entities: list[Entity]) -> Speaker | None:
    """The speaker of ``text[s:e]`` without an object glued after it: the phrase stops where the extractor's
    reading of an object verb stops it (``subject_phrase.subject_only``: "وأكد النادي [القاء القبض] على"); None
    when a word of it is left that cannot start an object."""
    span = subject_only(text, (s, e), entities)
    return speakers.build_speaker(text, span[0], span[1], entities, [])


#: prepositions a verb of saying takes its content with ("شدد على"، "أشار إلى"، "كشف عن")
_CONTENT_PREPOSITIONS = frozenset(fold_match(w) for w in ("على", "إلى", "عن"))
_ADJUNCT = 90  # characters of an adjunct between commas after the subject ("، في تصريحات لقناة ...،")


def _complement_after(text: str, pos: int, hi: int, entities: list[Entity]) -> bool:
    """The words at ``pos`` (past an adjunct between commas) open the verb's prepositional complement."""
    rest = text[pos:hi].lstrip()
    if rest[:1] in "،,":
        close = re.search("[،,]", rest[1 : _ADJUNCT])
        rest = rest[close.end() + 1 :].lstrip() if close else ""
    word = rest.split(maxsplit=1)[0] if rest.split() else ""
    return fold_match(word) in _CONTENT_PREPOSITIONS or _complement_word(word, -1, entities)


def _complement_word(word: str, pos: int, entities: list[Entity]) -> bool:
    """A word carrying the preposition بـ outside any name ("بإخلاء"، "برحيل")."""
    prep = speakers.prep_object(fold_match(word))
    return prep is not None and prep[0] == "ب" and (pos < 0 or not speakers.in_entity(entities, pos))


def complement_read_as_subject(text: str, speaker: Speaker, lo: int, hi: int, entities: list[Entity]) -> bool:
    """The phrase read as a verb's subject opens with a word carrying the preposition بـ that is no name: the
    verb's complement ("تعهدت [بإخلاء جميع مواقعها]"، "يطالبون [برحيل جنود حلف شمال الأطلسي]"), not who acts."""
    words = speaker.text.split()
    return bool(words) and _complement_word(words[0], text.find(words[0], lo, hi), entities)


def attributive(text: str, start: int, end: int) -> bool:
    """The participle at ``text[start:end]`` is an adjective of the indefinite noun right before it, not a hal
    ("وفي خطوة لافتة، تراجعت ...": a striking step, nobody pointing out): the noun and the participle are both
    feminine singular (ـة), no comma stands between them, and a comma closes the phrase right after it."""
    before = text[max(0, start - 30) : start]
    words = before.split()
    if not words or before[-1:] not in " " or before.rstrip()[-1:] in "،,":
        return False
    noun, word = fold_match(words[-1]), fold_match(text[start:end])
    return word.endswith("ه") and noun.endswith("ه") and len(noun) > 3 and not noun.startswith(("ال", "وال")) and \
        text[end : end + 3].lstrip()[:1] in "،,"


#: what opens a clause of its own late in a long sentence: a relative pronoun ("في الوقت الذي تطالب فيه الخرطوم")
_RELATIVES = frozenset({"الذي", "التي"})
#: an object pronoun on a verb (folded): "وقعه"، "أعلنتها"، "رفضتهم"
_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما")


def late_subject(text: str, verb: re.Match, end: int, entities: list[Entity]) -> Speaker | None:
    """The subject of a decision verb late in a long sentence, where it opens a clause of its own (after a comma or a
    relative pronoun: "...، أقرت حركة «أحرار الشام» بإحداها"، "في الوقت الذي تطالب فيه الخرطوم بوضع"), when that
    subject is a name: a person, organisation or place the tagger found right there, or a common noun with the
    quoted name after it; None otherwise (a late verb's subject is too far from the sentence's own to read
    loosely)."""
    before, word = text[max(0, verb.start() - 40):verb.start()].rstrip(), fold_match(verb.group())
    if word == "عبر":  # "...، عبر روميلو لوكاكو": via, no verb
        return None
    if fold_match(before.rsplit(None, 1)[-1] if before else "") in _RELATIVES:
        # the relative pronoun is the verb's subject unless the verb or the word after it points back to it
        # ("الذي وقعه ترامب"، "الذي تطالب فيه الخرطوم"; "التي تعبر النيل": the boats cross it)
        after = text[verb.end():end].split(maxsplit=1)[:1]
        if not word.endswith(_OBJECT_PRONOUNS) and not (after and fold_match(after[0]) in speakers.RESUMPTIVE):
            return None
    elif not before.endswith(("،", ",")):
        return None
    read = speakers.clause_subject(text, verb.start(), end, entities, [])
    if read is None or read[0] is None:
        return None
    at = text.find(read[0].text, verb.end(), end)
    name = at >= 0 and any(e.start == at and e.type in ("PERS", "ORG", "LOC") for e in entities)
    if not name and complement_read_as_subject(text, read[0], verb.end(), end, entities):
        return None  # "التي أقرت [بحبس تشافيز]" (but "تطالب فيه بغداد": a place's ب is its own)
    named = with_name_after(text, read[0], end, entities)
    if named is not read[0]:
        return named  # "حركة «أحرار الشام»"
    return read[0] if name else None


def name_gender(speaker: Speaker, entities: list[Entity]) -> str:
    """"f"/"m" of a subject phrase as ``speakers.speaker_features`` reads it; a city or country named without the
    article is feminine ("إيران"، "صنعاء"، "إسرائيل": "وافقت إيران"); "" when unknown."""
    gender = speakers.speaker_features(speaker)[0]
    if gender or fold_match(speaker.text).startswith("ال"):
        return gender
    return "f" if any(e.type == "LOC" and e.text == speaker.text for e in entities) else ""


#: what opens a sentence that goes on with the previous one's subject ("كما تعهدت بإخلاء"، "كما يرفضون إجلاء")
_ALSO = frozenset(fold_match(w) for w in ("كما", "وكما"))


def dropped_subject_verb(text: str, start: int, end: int, decides, entities: list[Entity]) -> tuple[bool, bool] | None:
    """(feminine, plural) of the verb right after "كما" opening the sentence at ``start`` when it is a decision or
    saying verb (``decides``: its word) whose subject is a pronoun: the verb is marked plural ("كما يرفضون إجلاء":
    a verb before its own subject stays singular), or its prepositional complement or أن clause follows it right
    away ("كما تعهدت بإخلاء"; a name opening with ب is a subject: "كما دعا بيراوي"); None otherwise ("كما رفضت
    الحكومة": a subject of its own; "كما يذكر أن": it is said, nobody's)."""
    toks = list(re.finditer(r"\S+", text[start:min(end, start + 80)]))[:4]
    if len(toks) < 3 or fold_match(toks[0].group()) not in _ALSO or not decides(toks[1].group()):
        return None
    if _subject_after_complement(toks):
        return None  # "كما رحب بالاتفاق عدد من دول الجوار"، "كما تعهّد بالملف، أحد قضاة التحقيق"
    verb, after = fold_match(toks[1].group()), fold_match(toks[2].group())
    plural, fem = speaker_words.plural_verb(verb), speaker_words.feminine_verb(verb)
    if fem and not plural and verb[:1] == "ت" and verb[-1:] != "ت":
        return None  # "كما تعهد": a past تفعّل (he) or a present (she): its subject's gender is not shown
    if not plural and not (after in _CONTENT_PREPOSITIONS or after in speaker_words.CLAUSE_WORDS and (fem or
                           verb[:1] != "ي") or _complement_word(after, start + toks[2].start(), entities) and
                           after not in speaker_words.DOCS | BY_ONESELF):  # "كما أشار بيان"، "كما أعلن بدوره"
        return None
    return fem, plural


def _subject_after_complement(toks: list[re.Match]) -> bool:
    """The definite complement after the verb ends with a comma, or is followed by an indefinite word that is no
    preposition: a definite noun takes no genitive, so that word opens the verb's own subject ("رحب [بالاتفاق] عدد
    من"); "تعهدت بإخلاء جميع مواقعها" (an indefinite verbal noun and its genitive) and "طالبت بالضغط على" go on."""
    if len(toks) < 4 or not fold_match(toks[2].group()).startswith(("بال", "لل")):
        return False
    nxt = fold_match(toks[3].group())
    return toks[2].group()[-1:] in "،," or not nxt.startswith(("ال", "و")) and nxt not in speaker_words.COND_PREPS \
        and nxt not in speaker_words.CLAUSE_WORDS and speakers.prep_object(nxt) is None


def previous_subject(text: str, lo: int, hi: int, agreement: tuple[bool, bool],
                     entities: list[Entity]) -> Speaker | None:
    """The subject of the sentence ``text[lo:hi]`` before one whose verb has a dropped subject, when it agrees with
    that verb (``agreement``: feminine, plural): "وأشارت الوكالة إلى أن ... كما تعهدت بإخلاء" (the agency goes on
    reporting), "ودعت تونس المجتمع الدولي إلى ... كما طالبت بالضغط" (Tunisia). A plural verb wants a phrase marked
    plural (not "كيري" of "وتأتي تصريحات كيري ... كما طالبوا"), a masculine one people, not a feminine plural; the
    phrase ends before the verb's complement ("الوكالة [إلى]"، "الوزير [بعقد اجتماع]"). None otherwise."""
    found = mentions.sentence_subject(text, lo, hi, entities, [])
    if found is None or found[0] is None or not speakers.agrees(found[1], *agreement) or \
            agreement[1] and found[1][1] is not True or agreement == (False, True) and found[1][0] == "f" or \
            fold_match(found[0].text.split()[0]) in speaker_words.DEMONSTRATIVES:
        return None  # "تصريحات كيري ... كما طالبوا": people, not remarks; "هذا الانتصار ... كما دعاهم": no one
    at = text.find(found[0].text, lo, hi)
    if at < 0:
        return found[0]
    pos, cut = at, at + len(found[0].text)
    for word in found[0].text.split()[1:]:  # "وأشارت الوكالة إلى أن": the verb's complement is no part of it
        pos = text.find(word, pos + 1, cut)
        if fold_match(word) in _CONTENT_PREPOSITIONS and not speakers.in_entity(entities, pos) or \
                _complement_word(word, pos, entities):  # "وطالب الوزير [بعقد اجتماع]"
            cut = pos
            break
    cut = at + len(text[at:cut].rstrip(" ،,"))
    return _subject_of(text, at, cut, entities) if cut > at else None


def continuing_verb(word: str, before: str) -> tuple[bool, bool] | None:
    """(feminine, plural) of a verb of going on ("ما زالوا"، "لا يزال"، "ظلت"، "ظلوا": still, kept on) whose
    predicate is the present verb after it; ``before`` is the word before it, a negation زال takes ("ما"، "ولا";
    "في ظل": under, no verb). None for any other word."""
    word, before = fold_match(word), fold_match(before)
    if len(word) > 3 and word[:1] in "وف":
        word = word[1:]
    zal = re.fullmatch(r"([يت]?)زال(ت|وا|ون)?", word)
    if zal and before.lstrip("وف") in ("ما", "لا") or re.fullmatch(r"([يت]?)ظل(ت|وا|ون)?", word) and \
            before not in ("في", "وفي"):
        return speaker_words.feminine_verb(word), speaker_words.plural_verb(word)
    return None


#: طرح puts a demand or a plan forward only with such a noun as its object ("يطرحون شرطا مسبقا"، "طرحت مبادرة للحل"):
#: elsewhere it mostly releases (an album, shares) or raises a question, and names no demand
_PUT_FORWARD = lemma_keys(["طرح"])
_PROPOSALS = lemma_keys(["شرط", "مبادرة", "رؤية", "مطلب", "اقتراح", "مقترح", "خطة", "تصور"])


def puts_forward(word: str, following: str) -> bool:
    """``word`` is a form of طرح and ``following``, its object, a noun of demand or plan ("يطرحون شرطا"، "يطرحون
    رؤى ومبادرات"); not "طرحت الشركة أسهمها" (released), "يطرح قضية" (raises)."""
    return not _PUT_FORWARD.isdisjoint(word_keys(word)) and not _PROPOSALS.isdisjoint(word_keys(following))


def continuing_subject(text: str, start: int, end: int, previous: tuple[int, int], decides,
                       entities: list[Entity]) -> Speaker | None:
    """The subject ``continuing_sayer`` reads, without its verb."""
    found = continuing_sayer(text, start, end, previous, decides, entities)
    return found[0] if found is not None else None


def continuing_sayer(text: str, start: int, end: int, previous: tuple[int, int], decides,
                     entities: list[Entity]) -> tuple[Speaker, str] | None:
    """The subject and the verb of a decision or saying verb (``decides``) after a verb of going on in the sentence
    at ``start``: the noun phrase between the two ("ولا يزال المتمردون يطالبون"، "ظلت الولايات المتحدة ترفض"), or,
    when the present verb follows the going-on verb right away, the subject before the going-on verb in the same
    clause ("لكن قطر ظلت تنفي"، "روسيا ما زالت تعارض": ``before_verb.subject_before``, agreeing with it), or, when
    the going-on verb is marked plural and opens the sentence with و ("وما زالوا يطالبون برحيل"), the phrase the
    previous sentence's own going-on verb opens ("ما زال مقاتلو طالبان بعيدين عن ...؛"), else that sentence's
    subject, when it is marked plural. The verb is the present verb of demand or saying. None otherwise."""
    folded = fold_match(text[start:end])  # each character folds on its own: no زال/ظل here, none in a word
    if "زال" not in folded and "ظل" not in folded:
        return None  # the cheap check first: most sentences hold no verb of going on
    toks = list(re.finditer(r"[^\s،,؛:.]+|[،,؛:]", text[start:end]))
    for i in range(min(len(toks) - 1, 40)):
        still = continuing_verb(toks[i].group(), toks[i - 1].group() if i else "")
        if still is None:
            continue
        if any(fold_match(t.group()) in speaker_words.RELATIVES for t in toks[max(0, i - 3) : i]):
            return None  # "المشروع الذي لا يزال قيد التطوير"، "التي كانت ولا تزال": the relative's clause
        k = next((k for k in range(i + 1, min(i + 5, len(toks))) if fold_match(toks[k].group())[:1] in "يت"
                  and (decides(toks[k].group()) or k + 1 < len(toks) and puts_forward(toks[k].group(),
                                                                                  toks[k + 1].group()))), None)
        if k is None:
            return None
        verb = toks[k].group()
        if k > i + 1:
            phrase = toks[i + 1 : k]
            found = _noun_phrase(text, start + phrase[0].start(), start + phrase[-1].end(), entities)
        elif still[1] and i and fold_match(toks[i - 1].group()).startswith("و") and previous[1] > previous[0]:
            found = _going_on_subject(text, previous, entities) or previous_subject(text, *previous, still, entities)
        else:
            found = _subject_before_going_on(text, start + toks[i - 1 if "زال" in fold_match(toks[i].group()) else
                                                                 i].start(), still, entities)
        return (found, verb) if found is not None else None
    return None


def _subject_before_going_on(text: str, pos: int, still: tuple[bool, bool], entities: list[Entity]) -> Speaker | None:
    """The subject before a going-on verb (or its negation) at ``pos`` in the same clause ("لكن قطر ظلت تنفي"،
    "الأجانب ما زالوا يعتبرون"), read as the subject before an unprefixed verb, when it agrees with the going-on
    verb; None for a pronoun or a verb opening the clause ("فهم لا يزالون"، "ولا يزال"; "وكان ... قد ظل")."""
    before = text[max(0, pos - 30) : pos].split()
    if not before or fold_match(before[-1]) in speakers.RESUMPTIVE or fold_match(before[-1]).lstrip("وف") in \
            speaker_words.PRONOUNS:
        return None
    found = before_verb.subject_before(text, pos, entities, [], False)
    return found if found is not None and speaker_words.agrees(name_features(found, entities), *still) else None


def name_features(speaker: Speaker, entities: list[Entity]) -> tuple[str, bool | None]:
    """``speakers.speaker_features`` with a place named without the article feminine (``name_gender``)."""
    return name_gender(speaker, entities), speakers.speaker_features(speaker)[1]


def _noun_phrase(text: str, lo: int, hi: int, entities: list[Entity]) -> Speaker | None:
    """``text[lo:hi]`` as a subject when it is a noun phrase: a definite noun or a name, or a noun in construct with
    one, and definite adjectives ("المتمردون"، "حكومة الإكوادور"، "خفر السواحل التركي"); no comma, preposition or
    indefinite predicate or verb in it ("مرتفعا، بينما"، "فيه المحققون"، "هناك من"، "يستقبل السفن التي")."""
    words = [fold_match(w) for w in text[lo:hi].split()]
    named = any(e.start == lo and e.type in ("PERS", "ORG", "LOC") for e in entities)
    if not words or words[0] in speakers.RESUMPTIVE or words[0][:1] == "ي" or any(
            w in "،,؛:" or w in speaker_words.RELATIVES or speakers.prep_object(w) is not None and
            not w.startswith("ال") for w in words) or not (named or words[0].startswith("ال") or len(words) > 1):
        return None
    if not all(w.startswith("ال") for w in words[1:]) and not (named and len(words) == 1):
        return None
    return speakers.build_speaker(text, lo, hi, entities, [])


def _going_on_subject(text: str, previous: tuple[int, int], entities: list[Entity]) -> Speaker | None:
    """The plural subject of the previous sentence: the noun and its genitive after its own going-on verb ("ما زال
    مقاتلو طالبان بعيدين")."""
    lo, hi = previous
    toks = list(re.finditer(r"[^\s،,؛:.]+", text[lo:hi]))
    for i in range(1, min(len(toks) - 2, 12)):
        if continuing_verb(toks[i].group(), toks[i - 1].group()):
            head = fold_match(toks[i + 1].group())
            if head.endswith(("ون", "و")) and not head.startswith("ال") and len(head) > 4:  # a plural in construct
                return speakers.build_speaker(text, lo + toks[i + 1].start(), lo + toks[i + 2].end(), entities, [])
            return None
    return None
