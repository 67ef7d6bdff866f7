"""Who stands behind a document or a relay: "بيان لوزارة الداخلية"، "بلاغ صادر عن ..."، "نقلت الوكالة عن X
قوله": the body or person whose words they are, never the outlet that carries them."""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.described_words import body_noun
from pipeline.nlp.reporting import LEX, Form
from pipeline.nlp.speaker_words import ADVERBS, stem
from pipeline.text.normalise import ARABIC_LETTERS, WORD_MARKS, fold_match, fold_match_in_place_span

_QUOTING = sp.fold_set("قوله قولها قولهم قولهما تأكيده تأكيدها تأكيدهم تصريحه تصريحها توضيحه إشارته")
# The same nouns of saying in construct with the one who said it: "نقلت الأناضول قول أوغلو إن".
_SAYING = sp.fold_set("قول تأكيد تصريح تصريحات توضيح إشارة تحذير تحذيرات")
_ISSUED = re.compile(f"\\s(?:عن|[\u0621-\u064a]+[{WORD_MARKS}]*تها?)\\s")


def doc_owner(text: str, span: tuple[int, int], ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "بيان لوزارة الداخلية"، "بلاغ صادر عن الداخلية"، "معطيات أوردتها الوزارة": the body behind a document;
    the phrase itself when it names none ("البيان")."""
    toks = sp.tokens(text, *span)
    if not toks or stem(toks[0][1]) not in sp.DOCS or toks[0][1].startswith("ال"):
        return sp.build_speaker(text, *span, ents, known)
    i = 1
    while i < len(toks) and not (toks[i][1].startswith(("ال", "ل")) and toks[i][1] not in ("له", "لها", "لهم")
                                 or toks[i][1] in sp.TITLES or toks[i][1] == "عن" or sp.in_entity(ents, toks[i][2])):
        i += 1
    i += i < len(toks) and toks[i][1] == "عن"
    if i >= len(toks):
        return sp.build_speaker(text, *span, ents, known)
    head = toks[i][0]
    head = "ال" + head[2:] if head.startswith("لل") else head[1:] if head.startswith("ل") else head
    name = (head + text[toks[i][3] : span[1]]).strip(" ،,")
    org = any(x.type == "ORG" and x.start < span[1] and x.end > toks[i][2] for x in ents)
    return Speaker(text=name, canonical=" ".join(fold_match(w) for w in name.split()), type="ORG" if org else None)


def relayed(text: str, s: int, e: int, ents: list[Entity], known: list[Speaker],
            after: tuple[str, ...] = ()) -> tuple[Speaker | None, int] | None:
    """"نقلت X عن Y (قوله)": (Y, end of Y), the one quoted and not the outlet; (None, s) for "نقلت عنه" (the
    earlier speaker); None without "عن" (``after``: only "عن" right after one of these words: "نقلا عن Y")."""
    toks = sp.tokens(text, s, e)
    k = next((i for i, t in enumerate(toks) if (t[1] in ("عن", "عنه", "عنها", "عنهم") or t[1] == "لسان" and i
              and toks[i - 1][1] == "علي") and (not after or i and toks[i - 1][1] in after)), None)  # "على لسان Y"
    if k is None:
        return None if after else _said_by(text, toks, e, ents, known)
    if toks[k][1] not in ("عن", "لسان") or k + 1 >= len(toks):
        return None, s
    stop = next((t[2] for t in toks[k + 1 :] if t[1] in _QUOTING or after and t[1] in "،,"), e)
    span = sp.find_np(text, toks[k + 1][2], stop, ents)
    if span is None:
        return None, s
    return sp.build_speaker(text, span[0], span[1], ents, known), span[1]


def _said_by(text: str, toks: list[sp.Tok], e: int, ents: list[Entity],
             known: list[Speaker]) -> tuple[Speaker, int] | None:
    """ "ونقلت وكالة الأناضول قول أوغلو إن"، "ونقلت الوكالة تحذير النيابة العامة من": the relay's object is a noun
    of saying in construct with its sayer (after the outlet, never its first word), who speaks, when the content
    follows the sayer (a preposition at most between them); None otherwise."""
    m = next((i for i, t in enumerate(toks) if i and t[1] in _SAYING), None)
    if m is None or m + 1 >= len(toks):
        return None
    span = sp.find_np(text, toks[m + 1][2], e, ents)
    if span is None or sum(t[2] >= span[1] for t in toks) > 1:
        return None  # "نقلت الأهرام تصريح الملا الذي قال إن": the content is not the relay's (at most "من" before it)
    return sp.build_speaker(text, span[0], span[1], ents, known), span[1]


def relaying_outlet(text: str, s: int, e: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "ونقلت صحيفة "دير ستاندرد" عن مسؤولين ... القول": the outlet that relays (the verb's subject, before "عن"),
    itself a subject a later dropped one may continue ("وأضافت أنها اطلعت على وثائق": the newspaper)."""
    toks = sp.tokens(text, s, e)
    k = next((i for i, t in enumerate(toks) if t[1] == "عن"), 0)
    span = sp.find_np(text, s, toks[k][2], ents) if k else None
    return sp.build_speaker(text, *span, ents, known) if span is not None and span[0] == toks[0][2] else None


def pronoun_form(text: str, s: int, e: int, form: Form, ents: list[Entity]) -> Form:
    """ "ونقلت عنه وكالة رويترز": the one relayed is the pronoun after "عن" (عنه a man, عنها a woman or a body,
    عنهم a group); the verb agrees with the outlet. ``form`` unchanged without such a pronoun, or when a person
    named before it may be its referent ("ونقلت المتحدثة باسم ... جان كلود يونكر عنه")."""
    toks = sp.tokens(text, s, e)
    at = next((t for t in toks if t[1] in ("عنه", "عنها", "عنهم")), None)
    if at is None or any(x.type == "PERS" and s <= x.start < at[2] for x in ents):
        return form
    return form._replace(fem=at[1] == "عنها", plural=at[1] == "عنهم")


def doc_source(text: str, span: tuple[int, int], end: int, ents: list[Entity],
               known: list[Speaker]) -> tuple[tuple[int, int], Speaker] | None:
    """The source after "بحسب": "بيان صادر اليوم عن وزارة ..."، "بلاغ نشرته اليوم وزارة ..." name the body
    after "عن" or the publishing verb; else :func:`doc_owner`. Returns the source's span and speaker."""
    head = fold_match(text[span[0] : span[1]].split()[0])
    if stem(head) in sp.DOCS and not head.startswith("ال"):
        k = _ISSUED.search(text, span[0], min(end, span[1] + 60))
        owner = sp.find_np(text, k.end(), end, ents) if k else None
        speaker = sp.build_speaker(text, *owner, ents, known) if owner else None
        if owner and speaker:
            return (span[0], owner[1]), speaker
    speaker = doc_owner(text, span, ents, known)
    return (span, speaker) if speaker is not None else None


def without_preposition(speaker: Speaker, lam: bool = False) -> Speaker:
    """ "وفقا للبنك المركزي المصري": the source is "البنك المركزي المصري" (ل is the attribution's, not the name's).
    ``lam``: the attribution word governs ل ("وفقا لآخر تقارير"، "طبقا لمصادر"), so a glued ل is always its own (a
    name opening with ل is spelt "لل" after it)."""
    first, _, rest = speaker.text.partition(" ")
    folded = fold_match(first)
    body = folded[1:] in sp.TITLES or folded[1:] in sp.DOCS  # "لوزارة الصحة", but the name "لورانس"
    body = body or lam and len(folded) > 3 and not folded.startswith("لل")
    if not (folded.startswith("لل") and len(folded) > 3 or folded.startswith("ل") and body) or folded in sp.TITLES:
        return speaker
    head = "ال" + first[2:] if folded.startswith("لل") else first[1:]
    if folded.startswith("لل") and fold_match("ال" + first[1:]) in sp.TITLES:
        head = "ال" + first[1:]  # "للجنة المنظمة": اللجنة (ل + ال + لجنة drops a lam)
    text = f"{head} {rest}".strip()
    canonical = speaker.canonical if speaker.type == "PERS" else " ".join(fold_match(w) for w in text.split())
    return Speaker(text=text, canonical=canonical, type=speaker.type)


_PUBLISHED = re.compile(r"(?<![\u0621-\u064a])[وف]?(?:أصدر|اصدر|نشر|وزع)(?:ت|وا)?\s+")
_DOC_WORD = re.compile(r"(?<![\u0621-\u064a])(?:بيان|تقرير|بلاغ|رسالة|(?:سلسلة\s+)?تغريدات|تغريدة|منشور|تدوينة)"
                       r"[اًا\u064b]*(?![\u0621-\u064a])")  # and the posts of social media ("سلسلة تغريدات")
_MAX_OBJECT = 8  # words between the writer's name and the relative verb
_MAX_ADJUNCT = 6  # words of an adjunct between the document and the verb ("تغريدات بالإنكليزية في الأيام الماضية، أكد")


def publisher(text: str, pos: int, ents: list[Entity], known: list[Speaker], next_to: bool = False) -> Speaker | None:
    """ "وأصدرت وحدات حماية الشعب الكردية في الخامس من يونيو بياناً، جاء فيه": the subject of the verb that
    published the document "جاء فيه" refers to, in the same sentence; ``next_to``: the verb follows the document
    ("أصدرت كوالكوم بيانا قالت فيه": its subject is the publisher, not "وأصدرت كوالكوم بيانا"). Else whoever
    did the verb opening the sentence wrote what "فيها" points back to (``_writer``)."""
    lo = sp.sentence_start(text, pos, 300)
    made = delivered_by(text, lo, pos, ents, known)
    if made is not None:
        return made
    for m in reversed(list(_PUBLISHED.finditer(text, lo, pos))):
        doc = _DOC_WORD.search(text, m.end(), pos)
        if doc is None or next_to and not _adjunct_only(text[doc.end() : pos]):
            continue
        span = sp.find_np(text, m.end(), doc.start(), ents)
        if span is not None and span[0] == m.end():
            return sp.build_speaker(text, *span, ents, known)
    return _writer(text, sp.tokens(text, lo, pos), ents, known)


def _adjunct_only(between: str) -> bool:
    """Is ``between`` (document to verb) empty or an adjunct of a few words, closed by a comma ("بالإنكليزية في
    الأيام الماضية،") or opened by a preposition ("على فيسبوك"), with no verb of saying or clause of its own?"""
    words = between.split()
    return not words or len(words) <= _MAX_ADJUNCT and (between.rstrip().endswith("،") or words[0] in _ON) and not any(
        fold_match(w.strip("،,")) in LEX for w in words) and "\n" not in between and "." not in between


_ON = frozenset(("على", "عبر", "في"))  # "منشورا على فيسبوك"، "تغريدة عبر تويتر"

# A speech noun (with up to two words: an adjective, "التي"), then the verb that made it with a pronoun agreeing with
# it: "تصريحات أدلى بها"، "الخطاب الذي ادلى به"، "كلمة ألقاها"، "مداخلة هاتفية أجراها" (أجرى only with a phone-in:
# "مقابلة أجرتها معه صحيفة"، "حوار أجراه" name the interviewer).
_SPEECH_NOUNS = "تصريحات|تصريح|كلمة|خطاب|خطبة"
_SPEECH = re.compile(r"(?<![\u0621-\u064a])[وفلب]?(?:ال)?(?P<noun>" + _SPEECH_NOUNS + r"|مداخلة)(?:ه|ها)?"
                     r"(?:\s+[\u0621-\u064a]+){0,2}\s+(?:[أا]دل(?:ى|ت|وا)\s+ب(?P<p1>ها|ه)|[أا](?P<v>لق|جر)(?:ا|ت|و)"
                     r"(?P<p2>ها|ه))(?=\s)")
_MASCULINE = frozenset(("خطاب", "تصريح"))  # "فيه"; the others take "فيها"
# The other order, the maker first: "وألقى ولي العهد السعودي خطاباً"، "أدلى الوزير بتصريحات".
_DELIVERING = re.compile(r"(?<![\u0621-\u064a])[وف]?(?:[أا]لق|[أا]دل)(?:ى|ت|وا)\s+")
_SPEECH_OBJECT = re.compile(r"(?<![\u0621-\u064a])ب?(?P<noun>" + _SPEECH_NOUNS + r")(?:اً|ًا|ا)?(?![\u0621-\u064a])")
_NOT_MAKER = frozenset(fold_match(w) for w in ("نيابة", "عن", "مع", "في", "أمام", "خلال"))  # no named maker next
_MAX_BEFORE_NOUN = 3  # words between the maker's name and the speech noun after it ("خطابا للشعب")
_MAX_AFTER = 12  # words between the maker's name and the verb of saying ("الأسبوع الماضي خلال زيارة إلى لندن،")


def delivered_by(text: str, lo: int, pos: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "تصريحات أدلى بها أردوغان الأسبوع الماضي خلال زيارة إلى لندن، قال فيها"، "كلمة ألقاها الرئيس ...، أكد
    فيها"، "وألقى ولي العهد خطاباً خلال الحفل، قال فيه": the verb of saying at ``pos`` ("فيها" after it) says what
    is in the speech noun; the subject of the verb that made it, right after that verb, said it. None when the
    pronoun "فيه/فيها" does not agree with the noun, when the maker is not named there ("ألقاها في واشنطن"،
    "ألقاها نيابة عنه"، "أجراها مع الإعلامي"), or when another clause stands between (a verb of saying, a sentence
    end)."""
    fem = re.match(r"\S+\s+فيها", text[pos : pos + 30]) is not None  # the pronoun the noun must agree with
    made = next(reversed(list(_SPEECH.finditer(text, lo, pos))), None)
    first = next(reversed(list(_DELIVERING.finditer(text, lo, pos))), None)
    if first is not None and (made is None or first.start() >= made.end()):
        noun = _SPEECH_OBJECT.search(text, first.end(), pos)  # "وألقى الرئيس كلمة"، "أدلى الوزير بتصريحات"
        if noun is None or (noun["noun"] not in _MASCULINE) != fem:
            return None
        return _maker(text, first.end(), noun.start(), pos, ents, known)
    if made is None or (made["noun"] not in _MASCULINE) != fem or (made["p1"] or made["p2"]) != ("ها" if fem else "ه") \
            or made["v"] == "جر" and made["noun"] != "مداخلة":
        return None
    return _maker(text, made.end(), pos, pos, ents, known)


def _maker(text: str, s: int, e: int, pos: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """The named subject right at ``s`` (ending by ``e``: the speech noun after it, else ``pos``), with no more than
    an adjunct from it to ``pos``."""
    toks = sp.tokens(text, s, e)
    if not toks or toks[0][1] in ADVERBS or toks[0][1] in _NOT_MAKER:
        return None
    span = sp.find_np(text, s, e, ents)
    if span is None or span[0] != toks[0][2] or e < pos and len(text[span[1] : e].split()) > _MAX_BEFORE_NOUN:
        return None  # "ألقت الشرطة القبض على ... كلمة": the maker and the speech noun far apart
    named = max((x.end for x in ents if x.type == "PERS" and span[0] <= x.start and x.end <= span[1]), default=0)
    span = (span[0], named or span[1])  # "رئيس حركة النهضة، راشد الغنوشي بخصوص عودة ...": the name ends it
    after = text[span[1] : pos]
    if len(after.split()) > _MAX_AFTER or "\n" in after or ". " in after or any(
            fold_match(w.strip("،,")) in LEX for w in after.split()):
        return None
    return sp.build_speaker(text, *span, ents, known)


def _writer(text: str, toks: list, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "وكتب ترامب تغريدة جاء فيها"، "ونشر محامي دانييلز تغريدة قال فيها"، "ونشر آل الشيخ سلسلة تغريدات قال في
    إحداها": the relative verb has no subject of its own; its "فيها" is the indefinite object (a post, a letter, a
    series of tweets) of the verb opening the sentence (any verb, with its و/ف; not "ووزير"، "وهو"), whose subject,
    a name (with the bare noun in construct before it), wrote it."""
    opener = toks[0][1][1:] if toks else ""
    if len(toks) < 3 or toks[0][0][:1] not in ("و", "ف") or len(opener) < 3 or not opener.isalpha() or \
            opener.startswith("ال") or opener.endswith("ه") or opener in sp.TITLES | sp.NOT_VERBS | sp.RANKS or \
            sp.in_entity(ents, toks[0][2]):
        return None
    named = next((x for x in ents if x.type in ("PERS", "ORG") and x.start in (toks[1][2], toks[2][2])), None)
    if named is None or named.start == toks[2][2] and (toks[1][0].startswith("ال") or not toks[1][1].isalpha()):
        return None  # "ونشر محامي دانييلز": only a bare noun in construct stands before the name
    rest = [t for t in toks if t[2] >= named.end]
    if not rest or len(rest) > _MAX_OBJECT or rest[0][1].startswith("ال") or rest[0][1] in sp.NOT_VERBS:
        return None  # the object follows the name: an indefinite noun ("تغريدة"، "سلسلة تغريدات")
    return sp.build_speaker(text, toks[1][2], named.end, ents, known)


_RELAYING = re.compile(r"(?<![\u0621-\u064a])(?:نقل|نقلت|نقلته|نقلتها|نقله|نقلها|نقلوا)\s*$")


def relayed_source(text: str, span: tuple[int, int], end: int, ents: list[Entity],
                   known: list[Speaker]) -> tuple[tuple[int, int], Speaker] | None:
    """ "وفق ما نقلته CNN عن مصدر مطلع": the one the outlet quotes (after "عن"), not the outlet that relays."""
    if not _RELAYING.search(fold_match(text[max(0, span[0] - 12) : span[0]])):
        return None
    toks = sp.tokens(text, span[1], end)
    end = next((t[2] for t in toks if t[1] in "،,"), end)  # "عن "فوربس"، صور الآلاف": the source ends at a comma
    found = relayed(text, span[1], end, ents, known) if toks[:1] and toks[0][1] == "عن" else None
    return ((toks[1][2], found[1]), found[0]) if found and found[0] is not None and len(toks) > 1 else None


_LETTER = ARABIC_LETTERS
# A mention ends at a sentence or clause mark or a content introducer ("، أن"، "إنه").
MENTION_STOP = re.compile(rf"[.\n؟!:،,]|(?<![{_LETTER}])[بف]?[اأإ]ن(?:ه|ها|هم)?(?![{_LETTER}])")


def _issued(noun: str) -> re.Pattern:
    """ "بيان صادر عن X"، "تقرير لـX"، "تقرير للشرطة" (ل and the article contracted), "بيان X"; "بيان أصدرته X"
    (the verb "issue" is never a relay); for a report or study also "تقرير حديث نشرته X" (a statement's
    "بيان نشرته وكالة ..." is the speaker's own, only relayed)."""
    made = rf"(?:[{_LETTER}]+\s+)?(?!نقل)[{_LETTER}]+تها?\s+" if noun != "بيان" else r"[اأ]صدرت?ه\s+"
    return re.compile(rf"(?<![{_LETTER}])[وفلب]?{re.escape(noun)}(?:ا|ه)?\s+(?:(?:ال)?صادر(?:ة|ا)?\s+عن\s+|"
                      rf"ل(?:ـ\s*)?(?=[{_LETTER}])(?!ل)|(?=لل[{_LETTER}]{{2}})|{made}(?=[{_LETTER}\"«“])|(?=[{_LETTER}]))")


def _issuing_verb(match: str) -> bool:
    """The document is followed by the verb that issued or published it ("أصدرته"، "نشرتها"): its subject, the
    next phrase, is the issuer as surely as after "عن"."""
    last = fold_match(match.split()[-1])
    return last.endswith(("ته", "تها", "صدره")) and not last.endswith(("اته", "اتها"))  # not "أرقام مبيعاتها"


_SIGNED = re.compile(rf"(?<![{_LETTER}])البيان\s+(?:الذي|والذي)\s+[{_LETTER}]+(?:ه|ها)\s+")


#: how far back a bare "البيان" looks for the document it names (a long statement quoted over paragraphs)
_DOC_REACH = 2500


def issuer(text: str, pos: int, ents: list[Entity], known: list[Speaker], noun: str = "بيان") -> Speaker | None:
    """The body named with the latest document ``noun`` before ``pos`` ("وأفاد بيان صادر عن رئاسة الأركان ..."،
    "بيان فيسبوك"، "تقرير حديث أصدرته الوكالة"): a name (entity) or a title phrase right after it."""
    lo = max(0, pos - _DOC_REACH)
    for m in reversed(list(_issued(noun).finditer(text, lo, pos))):
        end = MENTION_STOP.search(text, m.end(), min(pos, m.end() + 120))
        stop = end.start() if end else min(pos, m.end() + 120)  # the issuer's phrase ends here
        if text.startswith("لل", m.end()):  # "تقرير للشرطة البريطانية": ل and the article contracted
            body = _for_body(text, m.end(), stop)
            if body is not None:
                return body
            continue  # "أرقام للعام الماضي": no body, as if the document had not matched
        if _OBJECT.match(text, m.start() + (not text.startswith(noun, m.start())) + len(noun)) and \
                not _issuing_verb(m.group(0)):  # "نشرت X تقريرا", not "تقريرا أعدته Y"
            found = published_by(text, m.start(), ents, known)
            if found is not None:
                return found
        span = sp.find_np(text, m.end(), stop, ents)
        if span is None and noun == "بيان":
            return _for_body(text, m.end(), stop)
        quoted = span is not None and text[m.end() : span[0]] in ('"', "«", "“")  # 'أصدرته "ستراتيجي أند"'
        if span is None or span[0] != m.end() and not quoted:
            continue
        head = sp.tokens(text, span[0], span[1])[0]
        issued_by = "عن" in m.group(0).split() or _issuing_verb(m.group(0))  # "بيان صادر عن أمن البصرة"
        if sp.in_entity(ents, head[2]) or issued_by or head[1] in sp.TITLES and head[1][2:] not in sp.DOCS or \
                noun != "بيان" and body_noun(head[1]):  # "تقرير صندوق النقد الدولي": a body in construct
            toks = sp.tokens(text, *span)
            chain = [n for n in range(1 + (not toks[0][1].startswith("ال")), len(toks)) if not (toks[n][1].startswith((
                "ال", "لل")) or sp.in_entity(ents, toks[n][2])) or toks[n][1].startswith("الصادر")]
            span = span if noun == "بيان" else (span[0], toks[chain[0] - 1][3] if chain else span[1])  # the genitive
            # chain only: not "بنك التسويات الدولي يفصل"
            when = next((t for t in toks[1:] if t[1] in ADVERBS and t[2] < span[1]), None)
            span = (span[0], when[2]) if when is not None else span  # "بيان أصدره الجيش الإسرائيلي الأحد"
            return sp.build_speaker(text, span[0], len(text[: span[1]].rstrip(" ،,")), ents, known)
        return None  # the latest document is named without its issuer: "في بيان نقلته رويترز"
    return None


_OBJECT = re.compile(r"(?:اً?|ًا)(?![ء-ي])")  # the indefinite accusative: "تقريرا"، "بياناً"


def published_by(text: str, pos: int, ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """ "نشرت منظمة العفو الدولية، الثلاثاء، تقريرا أشارت فيه" ... "وقال التقرير": the document at ``pos`` is the
    object of a publishing verb of its sentence; its subject, right after the verb and right before the document
    (time words between them aside), issued it. None when another phrase stands between ("أصدر X حكما ... ثم
    تقريرا")."""
    lo = sp.sentence_start(text, pos, 300)
    for m in reversed(list(_PUBLISHED.finditer(text, lo, pos))):
        span = sp.find_np(text, m.end(), pos, ents)
        if span is None or span[0] != m.end():
            continue
        between = [t for t in sp.tokens(text, span[1], pos) if t[1] not in "،,"]
        if all(t[1] in ADVERBS for t in between):
            return sp.build_speaker(text, *span, ents, known)
        return None
    return None


def _for_body(text: str, s: int, e: int) -> Speaker | None:
    """The body of "بيان للقيادة" (ل + ال contracted to لل): "القيادة" with the definite words after it; None when
    the word after the document is no body's title."""
    toks = sp.tokens(text, s, e)
    body = "ال" + toks[0][1][2:] if toks and toks[0][1].startswith("لل") and len(toks[0][1]) > 3 else ""
    if body not in sp.TITLES or body[2:] in sp.DOCS:
        return None
    k = next((n for n in range(1, len(toks)) if not toks[n][1].startswith("ال")), len(toks))
    name = "ال" + text[toks[0][2] + 2 : toks[k - 1][3]]
    return Speaker(text=name, canonical=" ".join(fold_match(w) for w in name.split()), type="ORG")


def signed_by(text: str, pos: int, ents: list[Entity]) -> Speaker | None:
    """ "وأعلن البيان الذي وقعته فصائل المعارضة": the body a relative clause says issued the document."""
    m = _SIGNED.search(text, max(0, pos - 200), pos)
    if m is None:
        return None
    end = MENTION_STOP.search(text, m.end(), min(pos, m.end() + 120))
    span = sp.find_np(text, m.end(), end.start() if end else min(pos, m.end() + 120), ents)
    return sp.build_speaker(text, *span, ents, []) if span and span[0] == m.end() else None


_CITED = re.compile(rf"(?<![{_LETTER}])[وف]?(?:بحسب|حسب|وفق|وفقا\s+ل)\s*ال(?:بيان|بلاغ)(?![{_LETTER}])")


def document_owner(text: str, earlier: list, pos: int, ents: list[Entity], noun: str) -> Speaker | None:
    """Whose document "البيان"/"التقرير" (``noun``: the document's word) is: the issuer named with the latest
    mention of that document ("تقرير نشرته الأمم المتحدة"), else the issuer of the latest statement's document, else
    the speaker of the latest earlier statement made "في بيان"/"بحسب بيان" ("في تقرير" for a report)."""
    found = (issuer(text, pos, ents, [], noun) if noun != "بيان" else None) or signed_by(text, pos, ents) or \
        issuer(text, pos, ents, [])
    if found is not None:
        return found
    for st in reversed(earlier):
        if st.speaker is None or pos - st.start > 1500:
            break
        head = fold_match(st.speaker.text.split()[0]) if st.speaker.text.split() else ""
        window = text[max(0, st.start - 200) : st.start]
        said = window.rfind(st.speaker.text)  # "وذكر "فيفا" في بيان أن": the speaker, then the document
        if said < 0 and " " in st.speaker.text:  # "وقالت الحكومة في بيان" resolved to "حكومة موناكو": its bare noun
            said = window.rfind(f"ال{st.speaker.text.split()[0]}")
        if noun != "بيان" and noun in st.speaker.text:
            continue  # "لجنة خبراء تقريرا سريا": a phrase holding the document is no issuer to carry
        if said < 0 and re.search(rf"في\s+(?:بيان|{re.escape(noun)})\S*\s*[:،,]?\s*[\"«“]?\s*$", window):
            return st.speaker  # "وقال في بيان :"": its speaker carried, resolved to a longer name than the text has
        if said >= 0 and _CITED.search(window, said):
            continue  # "وأكدت الحكومة، بحسب البيان،": the document cites the government, someone else issued it
        if head not in sp.DOCS and head[2:] not in sp.DOCS and said >= 0 and (
                "بيان" in window[said:] or noun in window[said:]):
            return st.speaker  # "وأضاف البنك الدولي في تقرير أصدره" ... "وأضاف التقرير": the bank's report
    return _issued_in(text, pos, ents, noun) or _unintroduced(text, earlier, pos, ents, noun)


def _unintroduced(text: str, earlier: list, pos: int, ents: list[Entity], noun: str) -> Speaker | None:
    """ "وتضمن البيان أن" where the article mentions no statement before ("أعلنت رابطة كرة القدم المحترفة ...
    وأعربت الرابطة عن سرورها ... وتضمن البيان"، "وقالت الشركة على موقعها ... وأضاف البيان"): the statement of the
    body quoted last, within the passage. Not a person's (a statement the article never introduced is a body's), nor
    one whose issuer the phrase itself names ("البيان الذي أصدره المكتب الإعلامي")."""
    at = text.rfind(f"ال{noun}", max(0, pos - 300), pos + 1)
    if noun != "بيان" or at < 0 or fold_match(noun) in fold_match_in_place_span(text, 0, at) or re.match(
            r"\S*\s+(?:الذي|التي|الصادر|الصادرة)", text[at:]):
        return None
    prev = next((st for st in reversed(earlier) if st.speaker is not None), None)
    if prev is None or pos - prev.start > 1500 or prev.speaker.type == "PERS" or any(
            x.type == "PERS" and x.text in prev.speaker.text for x in ents):
        return None
    return prev.speaker




def _issued_in(text: str, pos: int, ents: list[Entity], noun: str) -> Speaker | None:
    """The subject of the sentence that gave the document "في بيان" ("وأعلن وزراء خارجية فرنسا وألمانيا وبريطانيا
    ... في بيان مشترك ... "نأسف ..."" ... "وجاء في البيان"), or its own with a pronoun ("وتوقع صندوق النقد، في
    تقريره عن الاقتصاد العالمي، ..." ... "وقال التقرير"), when no statement was read from that sentence: the latest
    indefinite mention of the document before ``pos``, nothing but the definite document between. A sentence
    opening with another verb than a reporting one ("وتوقع"، "أعربت") gives its subject only when it is a name."""
    lo = max(0, pos - _DOC_REACH)
    folded = fold_match_in_place_span(text, lo, pos)  # same length: offsets hold
    doc = fold_match(noun)
    at = folded.rfind(f"في {doc}")
    after = at + 3 + len(doc)
    own = re.match(r"(?:ه|ها|هم)(?![\u0621-\u064a])", folded[after : after + 3])  # "في تقريره"
    if at < 0 or folded[after : after + 1] not in (" ", "ا") and own is None:
        return None  # the cheap check first: "في بيان" (or "في بيانا"، "في بيانه"), not "في البيان"
    after += own.end() if own else 0
    later = [m.start() for m in re.finditer(re.escape(doc), folded[after:])]
    if any(folded[after + k - 2 : after + k] != "ال" for k in later):
        return None  # another document mentioned since ("بيانا آخر"): not the one "البيان" refers to
    start = sp.sentence_start(text, lo + at)
    toks = sp.tokens(text, start, lo + at)
    if len(toks) < 3:
        return None
    verb = toks[0][1]
    if verb not in LEX and (not verb.isalpha() or verb.startswith("ال") or verb in sp.TITLES or verb in sp.NOT_VERBS or
                            sp.in_entity(ents, toks[0][2])):
        return None  # a sentence opening with a noun or a name: no verb whose subject it is
    span = sp.find_np(text, toks[1][2], lo + at, ents)
    if span is None or span[0] != toks[1][2]:
        return None
    head = toks[1][1]
    if verb not in LEX and not (sp.in_entity(ents, toks[1][2]) or head in sp.TITLES or body_noun(head)):
        return None  # "وتوقع صندوق النقد الدولي، في تقرير": another verb's subject only when a name or a body
    person = next((x for x in ents if x.type == "PERS" and x.start == toks[1][2] and x.end <= span[1]), None)
    span = (span[0], person.end) if person is not None else span  # "مارك زوكربرغ الرئيس التنفيذي ...": the name
    found = sp.build_speaker(text, *span, ents, [])
    return found if found is not None and stem(_first(found.text)) not in sp.DOCS else None


def _first(phrase: str) -> str:
    """The phrase's first word, folded, without the article."""
    words = fold_match(phrase).split()
    return words[0].removeprefix("ال") if words else ""
