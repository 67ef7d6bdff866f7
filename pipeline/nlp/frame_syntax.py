"""Arabic syntax the subject frames need beyond a word window: conjuncts and the predicate's own object.

Pure functions over folded tokens (``pipeline.nlp.wordgroups.tokens``) and group matches; no state.

* A conjunct stands where its coordination starts: in "إجلاء 6900 شخص من مدنيين ومسلحين" the gunmen are
  evacuated as much as the civilians, so "ومسلحين" is as near the verb as "مدنيين".
* The predicate's object is the word right after it (the verb's object or the masdar's genitive, Arabic
  puts it there): "بسحب قوات بلاده" withdraws forces, whatever else stands near ("يستدعي سفير تركيا").
* A noun with a relative clause spans the clause: in "المسلحين الذين لا يرغبون في المصالحة سيغادرون" the
  gunmen are the subject of the verb after the clause, however long the clause is (up to ``RELATIVE_SPAN``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.nlp.wordgroups import Group, clitic_forms, group_hits
from pipeline.text.morphology import word_keys
from pipeline.text.normalise import fold_match

_AND = "و"
#: the relative pronouns of people (folded): الذين، اللذين/اللذان، اللواتي، اللاتي. التي and الذي also follow
#: things and adjectives ("الصراعات المسلحة التي تجبر الشباب على مغادرة منازلهم": the conflicts, not fighters)
RELATIVES = frozenset({"الذين", "اللذين", "اللذان", "اللواتي", "اللاتي"})
RELATIVE_SPAN = 8  # words of a relative clause counted as part of its head's phrase


def conjunct_of(toks: list[str], i: int, group: Group) -> bool:
    """``toks[i]`` is "و" + a member of ``group`` after another word: the second conjunct of "X وY" (a
    member that itself starts with و, such as وحدات, leaves no member once the و is cut)."""
    tok = toks[i]
    return (i > 0 and tok.startswith(_AND) and len(tok) > 3
            and 0 in group_hits([tok[1:], *toks[i + 1:i + 3]], group))  # a phrase: ووحدات حماية الشعب


def with_conjunct_heads(toks: list[str], positions: list[int], group: Group, people: set[int]) -> list[int]:
    """``positions`` of a group's matches plus, for each second conjunct, the position of the first when it
    names people too (``people``: "مدنيين ومسلحين"): the coordinated phrase fills the argument slot from its
    start. After a thing ("إخلاء المبنى والعناصر يواصلون") the و more likely opens a new clause."""
    heads = [i - 1 for i in positions if i - 1 in people and conjunct_of(toks, i, group)]
    return sorted(set(positions) | set(heads)) if heads else positions


def coordinated_with(toks: list[str], i: int, armed: list[int], group: Group) -> bool:
    """The word at ``i`` (a civilian object, say) is coordinated with an argument of ``armed`` positions:
    "المدنيين وقوات المعارضة" or "مسلحين ومدنيين" (X وY either way round)."""
    return ((i + 1) in armed and conjunct_of(toks, i + 1, group)) or (
        (i - 1) in armed and i > 0 and toks[i].startswith(_AND))


def own_object(anchor: int, armed: list[int], others: list[int]) -> bool:
    """The word right after the predicate is an armed argument (سحب قوات، انسحاب مسلحي) and the ``others``
    (objects of another sense) all stand before it. After a verb the next word may be its subject: in
    "أجلت قوات الأمن النزلاء" the residents after the force are the object, the force evacuates them."""
    return anchor + 1 in armed and all(o < anchor for o in others)


def with_relative_spans(toks: list[str], positions: list[int], span: int = RELATIVE_SPAN) -> list[int]:
    """``positions`` plus, for a noun of people followed by its relative pronoun, the words of its clause (up to
    ``span`` after the pronoun): the head and its clause are one phrase, so the verb after the clause is as near
    to the noun as to the clause's last word."""
    extra = {j for i in positions if i + 1 < len(toks) and toks[i + 1] in RELATIVES
             for j in range(i + 2, min(len(toks), i + 2 + span))}
    return sorted(set(positions) | extra) if extra else positions


_FROM = frozenset({"من"})
STATE_BEFORE = 3  # words between a state named before the verb and the verb ("على الأمريكيين أن يغادروا")


def state_leaves(toks: list[str], anchor: int, states: list[int], places: list[int]) -> bool:
    """A state or its people leaves a place, read from word order, not a window: the state is the masdar's
    genitive or the verb's subject right after it ("انسحاب تركيا من عفرين"، "تغادر إسرائيل لبنان"), or stands
    just before the verb ("إسرائيل ستغادر لبنان"، "دعا الأمريكيين لمغادرة البلاد"); the place left is the
    next word (the object) or follows من. "انسحاب الولايات المتحدة منه" has no place; "خروج بريطانيا من الاتحاد"
    leaves a union, not a place; a person leaving a country ("بمغادرة إيران") has no state before the place."""
    for state in states:
        if state == anchor + 1:
            head = state
        elif anchor - STATE_BEFORE <= state < anchor:
            head = anchor
        else:
            continue
        if any(p != state and (p == head + 1 or (head + 1 < p <= head + 3 and toks[p - 1] in _FROM))
               for p in places):
            return True
    return False


#: negation particles before a verb or noun of intent (folded; a conjunction و may be glued on)
NEGATIONS = frozenset({"لا", "لم", "لن", "ليس", "ليست", "عدم"})
INTENT_REACH = 2  # words from the intent verb to the predicate it governs ("لا ننوي أن ننسحب")


def negated_intent(toks: list[str], anchor: int, intents: list[int]) -> bool:
    """A negated verb of intent governs the predicate: "لا تعتزم تسليم المدينة"، "لا يرغب أحد بالمغادرة" deny
    the withdrawal as "لن تنسحب" does. The predicate must follow the intent verb closely: in "المسلحين الذين لا
    يرغبون في المصالحة سيغادرون" the negation is about the reconciliation, and they will leave."""
    return any(anchor - INTENT_REACH <= i < anchor and i > 0 and toks[i - 1].removeprefix("و") in NEGATIONS
               for i in intents)


ADJECTIVES_MAX = 4  # adjectives of a masdar counted as part of it


#: a definite word, its clitics before the article: الانسحاب، بالانسحاب، وللانسحاب
_DEFINITE = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل)")


def adjective_run(toks: list[str], anchor: int) -> int:
    """How many words after an indefinite accusative masdar are its adjectives: "انسحابا فوريا وكاملا وغير مشروط"
    (each indefinite accusative, or غير with its word, a و may join them). The place the masdar governs follows
    them ("... من الحديدة"), as it follows the masdar itself without them. After a definite masdar an indefinite
    accusative is an adverb of manner, no adjective of it (those are definite), and stands between it and its
    place the same way: "الانسحاب سريعا من الكويت" (round twenty-four)."""
    word = toks[anchor]
    if not (word.endswith("ا") and not word.startswith("ال")) and not _DEFINITE.match(word):
        return 0
    i = anchor + 1
    while i < len(toks) and i - anchor <= ADJECTIVES_MAX:
        word = toks[i].removeprefix("و")
        if word == "غير" and i + 1 < len(toks):
            i += 2
        elif len(word) > 3 and word.endswith("ا") and not word.startswith("ال"):
            i += 1
        else:
            break
    return min(i, len(toks)) - anchor - 1


def distance(toks: list[str], anchor: int, other: int) -> int:
    """Words between the predicate and an argument, the masdar's adjectives not counted (``adjective_run``)."""
    if other <= anchor:
        return anchor - other
    run = adjective_run(toks, anchor)
    return other - anchor - run if other > anchor + run else other - anchor


def nearest_from(toks: list[str], anchors: list[int]) -> Callable[[list[int]], int]:
    """The least ``distance`` from one of ``anchors`` to one of the positions given, each anchor's adjectives read
    once: the scorer measures every argument group from the same predicates."""
    runs = [(a, adjective_run(toks, a)) for a in anchors]
    return lambda others: min(a - h if h <= a else h - a - run if h > a + run else h - a
                              for a, run in runs for h in others)


#: demonstratives (folded): "هذا التمديد" points back to a noun said before, "هذا" alone to a proposition
DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هذين", "هاتين", "هولاء", "اوليك"})


def demonstratives(quote: list[str]) -> tuple[list[str], bool]:
    """The definite nouns a demonstrative of ``quote`` points with ("هذا التمديد" → التمديد), and whether one
    stands alone, as a pronoun ("هذا أفضل"، "سيقبلون بذلك"): it then points to a whole proposition."""
    nouns: list[str] = []
    bare = False
    for i, tok in enumerate(quote):
        if any(form in DEMONSTRATIVES for form in (tok, *clitic_forms(tok))):
            if i + 1 < len(quote) and quote[i + 1].startswith("ال"):
                nouns.append(quote[i + 1])
            else:
                bare = True
    return nouns, bare


def names_antecedent(nouns: list[str], before: list[str]) -> bool:
    """One of the demonstrative's ``nouns`` has its family named in ``before``: "الحديث عن هذا التمديد غير دقيق"
    after "نفت السلطات تمديد موعد انسحاب القوات" is about that extension; "هذا التعبير" with no تعبير before
    points to nothing said there."""
    if not nouns or not before:
        return False
    named = set().union(*(word_keys(tok) for tok in before))
    return any(not named.isdisjoint(word_keys(noun)) for noun in nouns)



#: words after which a form spelled like a past verb is the verbal noun ("في سحب"، "إلى سحب"): prepositions
_GOVERNING = frozenset(fold_match(w) for w in "في إلى على من عن حول بشأن نحو قبل بعد عقب إثر مع".split())
#: nouns of intent owning the verbal noun after them ("عزمه سحب"، "قرارها خفض"), folded openings
_INTENT_NOUNS = ("عزم", "نيت", "رغبت", "قرار", "خطت", "خطط")


def past_verb_at(toks: list[str], anchor: int, past: frozenset[str]) -> bool:
    """The predicate is a past verb of ``past`` (folded forms), not the verbal noun spelled the same ("سحب"،
    "خفض"): a verb takes only و/ف before it ("وسحب"), never ل/ب ("لسحب")، and follows no preposition ("رغبته في
    سحب") or noun of intent ("عزمه سحب")."""
    tok = toks[anchor]
    forms = {tok} | ({tok[1:]} if tok[:1] in "وف" and len(tok) > 3 else set())
    if past.isdisjoint(forms):
        return False
    prev = toks[anchor - 1] if anchor else ""
    return prev not in _GOVERNING and not (prev.startswith(_INTENT_NOUNS) and prev.endswith(("ه", "ها", "هم")))


YEAR = re.compile(r"^(1[89]|20|21)\d\d$")
LINES = frozenset({"حدود", "خطوط"})  # "the 1967 lines" names a border, not a past event
BORDER_DATE_REACH = 4  # words of a full date between the lines and their year: "حدود 4 يونيو حزيران 1967"


def border_year(toks: list[str], i: int) -> bool:
    """The year at ``i`` names a border (the lines of a war), not a time: "حدود 1967"، "إلى حدود 4 يونيو حزيران
    1967"، "لحدود الرابع من حزيران 1967" (a full date between the lines and the year)."""
    return any(t in LINES or (t[:1] in "لبو" and t[1:] in LINES) for t in toks[max(0, i - BORDER_DATE_REACH):i])


_CONJUNCTIONS = ("و", "ف")


#: words from a word that takes its complement with ب (a demand, a pledge) to the glued ب it governs: its subject
#: and object may stand between ("طالبت الحكومة العراقية القوات التركية بالانسحاب")
COMPLEMENT_REACH = 5


def governed_noun(toks: list[str], anchor: int, governors: list[int],
                  complements: list[int] | None = None) -> int | None:
    """Where the preposition that makes the predicate an adverbial verbal noun stands: the word before it
    ("بعد انسحاب"، "مع خروج") or ب glued to it after a definite word ("انتصاره التاريخي بالانسحاب": a verb
    takes no ب; after a verb ب opens its complement, "يقضي بمغادرة المسلحين"، "أمر بوتين بانسحاب"). None when it
    is no such noun or the phrase opens the sentence (no other clause before it for it to be the time of).
    ``complements``: positions of words that take their complement with ب (a demand, a pledge, a decision); one
    of them just before makes the glued ب its complement, not a time ("جدد المطالبة بانسحاب القوات")."""
    word = toks[anchor]
    word = word[1:] if word.startswith(_CONJUNCTIONS) else word
    glued = word.startswith("ب") and len(word) > 4 and toks[anchor - 1].startswith("ال")
    if glued and complements and ba_complement(toks, anchor, complements):
        glued = False
    at = anchor - 1 if anchor - 1 in governors else anchor if glued else None
    return at if at is not None and at >= 2 else None


def ba_complement(toks: list[str], anchor: int, complements: list[int]) -> bool:
    """The predicate is the ب complement of a demand, a pledge or a decision (``complements``: where such words
    stand) at most ``COMPLEMENT_REACH`` words before it: "جدد المطالبة بانسحاب القوات"، "طالبت الحكومة القوات
    التركية بالانسحاب". What is demanded is still to come: a past year near it dates something else."""
    word = toks[anchor][1:] if toks[anchor].startswith(_CONJUNCTIONS) else toks[anchor]
    return word.startswith("ب") and any(anchor - COMPLEMENT_REACH <= c < anchor for c in complements)


#: إلى (folded, with its common misspelling الى): a call takes what it asks for with إلى or a glued ل
_TO = frozenset({"الي", "الى"})


def to_complement(toks: list[str], anchor: int) -> bool:
    """The predicate is a complement with ل or إلى, the way a call takes what it asks for: "دعوته مجددا للانسحاب"،
    "بدعوة صدام إلى الانسحاب"."""
    word = toks[anchor][1:] if toks[anchor].startswith(_CONJUNCTIONS) else toks[anchor]
    return word.startswith("ل") or (anchor > 0 and toks[anchor - 1] in _TO)


_IMPERFECT = "يتن"  # the imperfect prefixes of the third persons and of "we"


def imperfect_after_lam(tok: str, past: frozenset[str]) -> bool:
    """``tok`` is ل + an imperfect verb whose stem is one of the past forms ``past`` (لتنسحب: تنسحب, past انسحب;
    ليخرجوا: خرجوا), not ل + a verbal noun that begins with ت (لتسليم: تسليم is no imperfect of سلم)."""
    if len(tok) < 5 or tok[0] != "ل" or tok[1] not in _IMPERFECT:
        return False
    stem = tok[2:]
    return stem in past or "ا" + stem in past


#: the past of كان (folded) that may follow its topic: "ولكن انسحاب الجيش كان منظما" (a closed class)
KANA_PAST = frozenset({"كان", "كانت", "كانوا"})
#: كان's forms (folded) before the ل of denial: "لم يكن لينسحب"، "ما كانوا ليغادروا" (a closed class)
_KANA = KANA_PAST | {"كانا", "يكن", "تكن", "نكن", "يكون", "تكون", "يكونوا", "يكونا"}
#: every relative pronoun (folded) that opens a relative clause; ``RELATIVES`` keeps the plural ones of people
RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})


def is_kana(tok: str) -> bool:
    """``tok`` is a form of كان, maybe after و or ف."""
    return tok in _KANA or (tok[:1] in _CONJUNCTIONS and tok[1:] in _KANA)


def background_adverbial(toks: list[str], anchor: int, governors: list[int], daters: list[int], recent: list[int],
                         year: int | None, span: int, past: list[int] | None = None,
                         complements: list[int] | None = None) -> bool:
    """The predicate is the time or the means of another clause's event, and its own phrase dates it in the
    past: "الأكراد الذين سيطروا على مناطق واسعة بعد انسحاب القوات الحكومية ... عقب بدء الحرب"، "حقق حزب الله
    انتصاره التاريخي بالانسحاب الإسرائيلي ... في ربيع 2000" (in an article of a later year) tell what happened
    after or by an old withdrawal.
    The date is a year older than the article (none when the article's year is unknown) or a time preposition
    of the phrase's own (``daters``) that is not a recent time (``recent``: "قبل ساعات") nor a border. Today's
    news told the same way has no date of its own ("خالية من الإرهاب بعد خروج الدفعة الأخيرة من الإرهابيين").
    ``past``: positions of a past time named relative to the article ("نهاية العام الماضي"): a date too.
    ``complements``: words taking their complement with ب (``governed_noun``)."""
    if governed_noun(toks, anchor, governors, complements) is None:
        return False
    for j in range(anchor + 1, min(len(toks), anchor + 1 + span)):
        if past and j in past:
            return True
        if year is not None and YEAR.match(toks[j]) and not border_year(toks, j) and int(toks[j]) < year:
            return True
        if j in daters and j + 1 < len(toks) and j + 1 not in recent and not YEAR.match(toks[j + 1]) \
                and toks[j + 1] not in LINES:  # "إلى ما قبل حدود 1967": a border, not a time
            return True
    return False


#: words that make a past verb after them a background clause (a relative, or the time of another event): "المناطق
#: التي انسحبت منها القوات عام 2014"، "منذ أن انسحبت القوات عام 2011"، "عندما انسحب الجيش"
_SUBORDINATE = frozenset(fold_match(w) for w in (
    "الذي التي الذين اللذين اللتين اللواتي اللاتي منذ عندما حين حينما لما بعدما بعد قبل عقب إثر اثر مع يوم وقت"
    " كلما ريثما").split())
SUBORDINATE_REACH = 3  # words from such an opener to the verb (its subject or أن between: "منذ أن انسحبت")


def narrated_past(toks: list[str], anchor: int, past: frozenset[str]) -> bool:
    """The predicate is a past verb heading a clause of its own, no relative or time clause: the sentence narrates
    the withdrawal as an event, however old ("وسحبت الحركة مقاتليها من العاصمة في عام 2011"), so a year near it
    dates the event rather than making it a background mention."""
    if not past or not past_verb_at(toks, anchor, past):
        return False
    return not any(t.removeprefix("و") in _SUBORDINATE for t in toks[max(0, anchor - SUBORDINATE_REACH):anchor])


def narrated_noun(toks: list[str], anchor: int, narrators: list[int]) -> bool:
    """The predicate is a verbal noun right after a light verb (``narrators``: تمّ، يتمّ، جرى) that heads a clause of
    its own, no relative or time clause: "قبل أن تعلن استقلالها في عام 1919 ويتم جلاء القوات البريطانية" narrates the
    evacuation, so the year dates the event as it would a past verb's ("وسحبت الحركة مقاتليها ... في عام 2011")."""
    verb = anchor - 1
    if verb not in narrators:
        return False
    return not any(t.removeprefix("و") in _SUBORDINATE for t in toks[max(0, verb - SUBORDINATE_REACH):verb])


#: a definite sound plural of people ("المتهمين"، "المهاجمين"، "وللمقاتلين") or "الذين": a nearer antecedent
_PEOPLE_DEFINITE = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_PEOPLE_ENDINGS = ("ين", "ون")


def people_plural(word: str) -> bool:
    """A definite sound plural ("المتهمين"، "بالمهاجمين") or the plural relative: people named before a verb."""
    return word in ("الذين", "والذين") or (word.startswith(_PEOPLE_DEFINITE) and word.endswith(_PEOPLE_ENDINGS)
                                           and len(word) > 6)
