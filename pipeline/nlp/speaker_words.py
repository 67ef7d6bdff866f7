"""The closed word classes the speaker finder reads with: titles and ranks, adjuncts (time, place, occasion,
outlet), clause openers, relatives, and the objects that make a phrase an adjunct. Kept apart from
:mod:`pipeline.nlp.speakers` (the rules) so each stays small; folded with ``fold_match``."""

from __future__ import annotations

import re

from pipeline.models import Speaker
from pipeline.nlp.reporting import LEX
from pipeline.text.morphology import snowball_stem
from pipeline.text.normalise import WORD_MARKS, fold_match


def fold_set(words: str) -> frozenset[str]:
    return frozenset(fold_match(w) for w in words.split())


# Documents: words whose speaker is the body that issued them ("بيان"، "تقرير"، "بلاغ").
DOCS = fold_set("بيان بلاغ تقرير توقعات معطيات أرقام إحصائيات نص وثيقة تصريح تصريحات رسالة منشور مذكرة")


def has_digit(word: str) -> bool:
    """A digit of any script in the word ("2021"، "٪16"، "16,6"). A word of letters only (most words) answers at
    once: no character is both a letter and a digit (``str.isalpha`` / ``str.isdigit`` over all of Unicode)."""
    return not word.isalpha() and any(c.isdigit() for c in word)


def feminine_verb(verb: str) -> bool:
    """A verb's shape marks it feminine: the imperfect's تـ or the perfect's ـت ("تقول"، "قالت"); the caller has
    taken off marks and, where it must, the conjunction."""
    return verb[:1] == "ت" or verb.endswith("ت")


def plural_verb(verb: str) -> bool:
    """A verb's shape marks it plural: the perfect's ـوا or the imperfect's ـون ("قالوا"، "يقولون")."""
    return verb.endswith(("وا", "ون"))


RANKS = fold_set(
    "اللواء العقيد العميد الفريق الأول الركن المقدم الرائد النقيب الجنرال الأدميرال المشير الدكتور الدكتورة د. السيد "
    "السيدة الآنسة الشيخ الشيخة المهندس المستشار الحاج الأستاذ الأستاذة كابتن الكابتن القاضي القس الحاخام المطران"
)
TITLES = fold_set(
    "المتحدث متحدث الناطق ناطق المتحدثة متحدثة الناطقة ناطقة نائب نائبة النائب النائبة قائد القائد قادة رئيس الرئيس "
    "رئيسة الرئيسة وزير الوزير وزيرة الوزيرة مدير المدير مديرة المديرة أمين الأمين عضو عضوة أعضاء اعضاء مستشار "
    "مستشارة المسؤول مسؤول مسؤولة المسؤولة مسؤولون مسؤولين مسؤولو مصدر مصادر المصدر المصادر السفير سفير سفيرة السفيرة "
    "القنصل ممثل ممثلة الممثل مساعد المساعد منسق المنسق موفد مبعوث المبعوث المراسل مراسل مراسلة مراسلنا مراسلتنا "
    "محدثنا محدثتنا الكاتب كاتب كاتبة المكلف المكلفة المندوب مندوب المندوبة والي الوالي معتمد المعتمد محافظ المحافظ "
    "عمدة زعيم الزعيم القيادي قيادي القيادية الخبير خبير خبراء الخبراء المحلل الباحث الباحثة الباحثون باحثون المحامي "
    "محامي محامية المحامية الطبيب وكيل الوكيل حاكم الحاكم الملك الملكة الأمير الأميرة أمير أميرة البابا المرشد "
    "المجموعة المفتي الإمام المدرب مدرب "
    "اللاعب لاعب اللاعبة لاعبة الحارس منظمو منظمون المنظمون منظمي شهود الشهود الأهالي أهالي سكان نشطاء ناشطون "
    "المحتجون المعتصمون المواطن "
    "مواطن مواطنون قيادة القيادة خلية وزارة الوزارة وزارات الحكومة حكومة الحكومية السلطات سلطات بيان البيان بلاغ "
    "البلاغ العمليات القوات قوات التحالف الجيش الحرس المكتب مكتب رئاسة الرئاسة الشرطة المنظمة منظمة منظمات الخارجية "
    "الداخلية مجلس المجلس اللجنة لجنة الجهات هيئة الهيئة البيت الحشد الديوان ديوان الاتحاد اتحاد النقابة نقابة "
    "الجمعية جمعية الحزب حزب حركة الحركة الجبهة جبهة الإدارة إدارة المديرية مديرية الشركة شركة البنك بنك المركز مركز "
    "المرصد مرصد المعهد معهد الجامعة جامعة النادي نادي فريق الوكالة وكالة صحيفة الصحيفة جريدة الجريدة مجلة المجلة "
    "قناة القناة موقع الموقع شبكة تقرير التقرير تقارير دراسة الدراسة وثيقة الوثيقة الصفحة صفحة السفارة سفارة القنصلية "
    "البرلمان المحكمة محكمة النيابة الادعاء الولاية ولاية البلدية بلدية الغرفة غرفة الكتلة كتلة النواب نواب "
    "الأمم دائرة "
    "الدائرة المحققون المحققين تحقيقات التحقيقات عائلة العائلة عائلات أسرة"
)
# ل + a pronoun right after the speech verb names the one told ("قال لهم"، "وقالت لها"), never the speaker.
TOLD_PRONOUNS = fold_set("له لها لهم لهما لهن لنا لي لك لكم")
QUESTION_WORDS = fold_set("ماذا لماذا ولماذا كيف وكيف متى ومتى أين وأين هل وهل")  # "لماذا قال ...": asks, names nobody
ANAPHORS = fold_set("المسؤول المتحدث الوزير اللواء الفريق العقيد القائد")
# Single words that are adjuncts wherever they stand (months only next to a number or after في: "تيريزا ماي").
ADVERBS = fold_set(
    "اليوم أمس امس غدا صباح مساء ليلة ظهر عشية فجر يوم أيضا كذلك بدوره بدورها بدورهم بالمناسبة سابقا لاحقا مؤخرا "
    "مجددا حاليا آنفا رسميا صراحة حصريا هاتفيا صحفيا تعليقا ردا وردا تعقيبا بشدة دوما دائما مرارا أحيانا غالبا "
    "وقتها حينها آنذاك وقتئذ حينئذ للقول "
    "أخيرا علنا فورا سرا جهرا تحديدا خصوصا مسبقا شخصيا ضمنيا "  # tanwin adverbs: "وقال صراحة وعلنا"
    "الإثنين الاثنين الثلاثاء الأربعاء "
    "الخميس الجمعة السبت الأحد الماضي الجاري المقبل القادم الفارط المنقضي المنصرم فيه فيها فيهم عنه عنها منه منها "
    "عليه عليها إليه إليها معه معها لديه لديها به بها"
)
# Words that open an adjunct phrase wherever they stand.
ADJUNCT_HEADS = fold_set(
    "خلال أثناء عقب إثر بعد قبل قبيل بعيد منذ عبر أمام حول بمناسبة ضمن وفق وفقا حسب بحسب طبقا إبان غداة جراء بسبب "
    "بينما فيما حيث إذ عندما حين حينما كلما عند لكن ولكن إلا وهو وهي وهم نقلا بصفته بصفتها لـ ل أوائل أواخر مقابل "
    "بتاريخ مثل مطلع منتصف أواسط نهاية بداية مستهل"
)
# Adjunct heads that are nouns in construct ("مطلع الشهر"، "نهاية العام"): an adjunct only with their complement.
CONSTRUCT_HEADS = fold_set("أوائل أواخر مطلع منتصف أواسط نهاية بداية مستهل")
# Words that open a new clause: no speaker after them.
CLAUSE_STARTS = fold_set("كما وقد قد ثم لكن ولكن بينما فيما حيث إذ كان كانت وكان وكانت سبق وسبق رفض رفضت طلب طلبت")
LEADERS = ADVERBS | CLAUSE_STARTS
RELATIVES = fold_set("الذي التي الذين اللذين اللذان اللتان اللتين اللواتي اللاتي والذي والتي والذين")
# Objects that make "في/ب/ل/من/عن/إلى/لدى + X" an adjunct (compared without the article).
EVENTS = fold_set(
    "تصريح تصريحات بيان بلاغ حديث كلمة مداخلة ندوة مؤتمر لقاء اجتماع جلسة حوار مقابلة رسالة تدوينة تغريدة منشور مقال "
    "افتتاح اختتام زيارة تعليق رد ختام إطار صدد سياق شأن مقابل أثناء وقت حين تقرير عدد معرض أعقاب ظل برنامج حصة "
    "استضافة إجابة جواب سؤال حفل تظاهرة ورشة ملتقى مراسم موكب هامش صفحة حساب فيديو شريط اتصال مكالمة نشرة ندوته "
    "الفترة أسبوع شهر عام سنة ساعة حدود يوم صباح مساء ليلة بداية نهاية مستهل دورية كتاب دراسة هذا هذه ذلك تلك ذات نفس "
    "جهة جانب ناحية طرف موقع مقر خطاب خطبة محاضرة مناظرة شهادة إفادة قمة جولة قول رأي وصف "
    "أول ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر"  # "في الخامس من يونيو": a date
)
OUTLETS = fold_set(
    "وكالة مراسل مراسلة مراسلنا مراسلتنا مراسلي جوهرة إذاعة قناة صحيفة جريدة مجلة موقع شبكة صحفيين صحافيين صحافة صحفي "
    "صحفيون وسائل تلفزيون برنامج نا ه ها هم وات موزاييك محطة راديو موفد موفدة مبعوث فرانس رويترز أناضول أسوشيتد "
    "سبوتنيك الجزيرة العربية نوفوستي تاس إرنا سانا شينخوا بي سي مجموعة"  # "لبي بي سي"، "لمجموعة فونكه الإعلامية"
)
MONTHS = fold_set("جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر يناير فبراير أبريل "
                    "مايو يونيو يوليو أغسطس")
_PREP_WORDS = "في من عن على إلى الى مع لدى"
COND_PREPS = fold_set(_PREP_WORDS)
_VIA_PREPS = fold_set(_PREP_WORDS + " عبر")
TIME_NOUNS = fold_set("الشهر الأسبوع الاسبوع العام السنة الموسم الصيف الشتاء الربيع الخريف الأسبوعين")
# Cardinals and demonstratives open the verb's object ("اعتقل الجيش أربعة فلسطينيين"، "تنفي الوزارة ذلك").
OBJECT_OPENERS = fold_set("اثنان اثنين اثنتين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرات مئات آلاف "
                            "ملايين هذا هذه ذلك تلك هؤلاء ما")
# The object of an idiom of revealing ("كشف النقاب/الستار/اللثام عن"): part of the verb, never its subject.
IDIOM_OBJECTS = fold_set("النقاب الستار اللثام")
CALLED = fold_set("يدعى ويدعى تدعى وتدعى اسمه واسمه اسمها واسمها")  # "أحد المارة، ويدعى ...": his name follows
PERCENT, HASHTAG_MARKS = frozenset("٪%"), frozenset(("#", "_"))
PREPS_RAW = frozenset(_PREP_WORDS.split())
FOR = fold_set("النائب نائب النائبة نائبة النواب نواب المسؤول مسؤول المسؤولة مسؤولة ممثل الممثل ممثلة المتحدث متحدث "
                 "المتحدثة الناطق ناطق الناطقة عضو صادر صادرة الصادر الصادرة")
# Indefinite outlet nouns: after a definite word they start the addressee ("الاتحاد صحيفة ...").
OUTLET_HEADS = fold_set("صحيفة وكالة قناة مجلة جريدة إذاعة شبكة موقع تلفزيون")
CORRESPONDENTS = fold_set("مراسل مراسلة مراسلنا مراسلتنا موفد موفدة")
ON_WHAT = fold_set("ضرورة أهمية أن ان أنه انه الحاجة حرص استمرار")
FEM_PLURAL_HEADS = fold_set("مصادر المصادر تقارير التقارير وسائل تحقيقات التحقيقات أوساط الأوساط")
MASC_PLURAL_HEADS = fold_set("خبراء الخبراء قادة أعضاء اعضاء نواب النواب أهالي الأهالي شهود الشهود نشطاء سكان منظمو")
QUOTES = '«»“”"„'


def opened_quote(toks: list, j: int) -> bool:
    """``toks[j]`` follows an opening quote mark that no preposition governs ("أعلنت "أوبك""): a quoted name that
    may be a speaker; after "عبر"، "على"، "في" it is their object ("في تغريدة عبر "تويتر"": the platform)."""
    return j >= 2 and toks[j - 1][1] in QUOTES and toks[j - 2][1] not in _VIA_PREPS


DEFINITE = ("ال", "وال", "لل", "بال")
PUNCT_STOP = frozenset(".؟?!؛;()[]")
NAME_MAX = 4
MAX_NP_WORDS = 20
MANNER = fold_set("بشكل بصورة بكل بقوة بشدة بوضوح")  # a quoted adverb after a name is no quoted name
# never in a name; raw forms, hamza or not ("آن" is the name Anne, not أن)
CLAUSE_WORDS = frozenset(("أن إن بأن لأن أنه إنه بأنه أنها إنها بأنها أنني بأنني إنني "
                           "ان بان لان انه بانه انها بانها سوف لكنه لكنها لكنهم ولكنه ولكنها ولكنهم").split())
WORD_MARKS_RE = re.compile(f"[{WORD_MARKS}]")
_TRAILING_MARKS = re.compile(f"[{WORD_MARKS}]+$")  # str.rstrip(WORD_MARKS) would take the class's range ends only
DEMONSTRATIVES = fold_set("هذا هذه ذلك تلك")
PRONOUNS = fold_set("هو هي هم هما هن وهو وهي وهم وهما")
_DATE_NOUNS = TIME_NOUNS | fold_set("عام سنة شهر يوم مطلع أواخر أوائل منتصف")


HAL = re.compile(f"م[^اويى\\s{WORD_MARKS}][^\\s{WORD_MARKS}]{{2,}}(?<!ه)(?<!هم)ا[{WORD_MARKS}]*")


def hal_participle(toks: list, i: int, ents: list) -> bool:
    """ "أحد سكان المدينة مفضلا عدم الكشف"، "لافروف متحدثا"، "الوزير متحدثا": an accusative derived participle (مُ,
    a consonant, ..., tanwin ا; not a pronoun ها/هما) after a complete subject (a definite word, a name NER found, a
    mark) states how the subject spoke, no part of its name; after a bare word it may be a name ("غريغ مكينا"), and
    names with a long vowel after the م (ماريا، ميستورا) or inside an entity never match."""
    prev, at = toks[i - 1], toks[i][2]
    if not HAL.fullmatch(toks[i][0]):
        return False
    around = [x for x in ents if x.start <= at < x.end]
    named = [x for x in ents if x.type == "PERS" and prev[0] in x.text.split() and toks[i][0] not in x.text.split()]
    if around and not (named and all(x in around or x.end <= prev[2] for x in named)):  # "كيم مخاطبا ترامب": NER
        return False  # ran the name on, "كيم" is the "كيم جونغ" named before; "ماريا" inside a name is no participle
    return prev[1].startswith(DEFINITE) or not prev[1].isalpha() or bool(named) or any(x.end == prev[3] for x in ents)


#: reporting verbs whose bare past is also a common noun or preposition ("بين"، "تابع" affiliated, "نقل" transport)
_NOUN_LIKE_VERBS = frozenset(fold_match(w) for w in "بين تابع نقل ختم ذكر علق لفت ورد مضى".split())
_NOT_ACCUSATIVE = ("ها", "نا", "ما", "وا", "يا", "ذا")  # not "هذا"


def clause_opens(toks: list, i: int, ents: list) -> bool:
    """``toks[i]`` ends a speaker noun phrase because a clause or an object starts there: a finite reporting verb
    ("نقلت الوكالة عن مصدر أشار إلى ...": a relative clause of the indefinite noun), "عمن"/"عما" ("نقلت الشبكة
    عمن تقول إنها مصادر"), or an indefinite accusative noun after a definite word ("ونقلت الحسابات الرسمية
    للرئاسة السورية صورا للأسد": the object), when its tanwin is written or a phrase of its own follows (a name
    NER missed ends in ا too: "مغنية السول الأمريكية الشهيرة أريثا فرانكلين"). A word of a name NER found
    anywhere in the article never opens a clause (checked last: the word tests rule out most words first)."""
    return opens_by_words(toks, i) and not in_named_entity(toks[i], ents)


def in_named_entity(tok: tuple, ents: list) -> bool:
    """The token lies inside an entity, or is a word of an entity's name found anywhere in the article."""
    raw, at = tok[0], tok[2]
    return any(x.start <= at < x.end or raw in x.text.split() for x in ents)


def opens_by_words(toks: list, i: int) -> bool:
    """``clause_opens`` by the words alone, before the entity check."""
    raw, w, at = toks[i][0], toks[i][1], toks[i][2]
    if w in ("عمن", "عما", "لم", "لن"):
        return True  # "مسؤول أمريكي، لم يكشف اسمه": a negated verb
    form = LEX.get(w)
    if form is not None and form.kind in ("past", "present") and w not in _NOUN_LIKE_VERBS and form.base != "ادعى":
        return True  # not "ويدعى" (named)
    bare, prev = _TRAILING_MARKS.sub("", raw), toks[i - 1][1]
    nxt = [t[1] for t in toks[i + 1 : i + 3]] + ["", ""]
    return (bare.endswith("ا") and len(w) >= 4 and w.isalpha() and not w.startswith(("ال", "وال", "ل", "ب"))
            and not bare.endswith(_NOT_ACCUSATIVE) and prev.startswith(DEFINITE) and not _ELATIVE.fullmatch(prev)
            and at == toks[i - 1][3] + 1 and ("\u064b" in raw or nxt[0].startswith(("لل", "بال", "ال"))
                                              or nxt[0].startswith("ل") and nxt[1].startswith("ال")))


#: outlets' own names (with the word after, for "بي بي سي"، "سي إن إن") told after a body's name
_OUTLET_NAMES = {fold_match(w): fold_match(n) for w, n in (("رويترز", ""), ("سبوتنيك", ""), ("نوفوستي", ""),
                                                          ("شينخوا", ""), ("أسوشيتد", ""), ("بي", "بي"), ("سي", "إن"))}


def outlet_told(toks: list, first: int, i: int) -> bool:
    """ "وأبلغت إدارة الموقع بي بي سي": an outlet's own name after a definite word is the one told, unless the phrase
    is itself an outlet's ("وكالة الأنباء الأمريكية أسوشيتد برس")."""
    w, nxt = toks[i][1], toks[i + 1][1] if i + 1 < len(toks) else ""
    return w in _OUTLET_NAMES and (not _OUTLET_NAMES[w] or nxt == _OUTLET_NAMES[w]) and \
        toks[i - 1][1].startswith(DEFINITE) and toks[first][1] not in OUTLET_HEADS and toks[first][1] not in OUTLETS


_ELATIVE = re.compile(r"و?الا\w{3}")  # "الأكثر رعبا": the accusative is its specification


def owned_masdar(raw: str, w: str) -> bool:
    """ "ترحيبه"، "تمسكه"، "استعداده"، "إصراره": a verbal noun of a derived form (تفعيل، تفعّل، إفعال، افتعال،
    استفعال: a ت or ا before at least three more letters) owned by "his" is a thing, never a name ("وجيه"، "طه");
    a word written with أ is the plural أفعال ("أبناؤه"، "أنصاره": people) or a name ("أوليفييه")."""
    stem = w[:-1]
    return _TRAILING_MARKS.sub("", raw).endswith("ه") and not stem.startswith("ال") and (
        stem.startswith("ت") and len(stem) >= 4 or stem.startswith("ا") and len(stem) >= 5 and raw[:1] not in "أآ")


_FUTURE_COPULA = re.compile("س[يتنا](?:كون|صبح|بقي|بقى|ظل)(?:ون|ان)?")


def future_copula(w: str) -> bool:
    """A future copula (سـ + كان وأخواتها: "سيكون"، "ستبقى"، "سيظل") is a verb of the quote, never a speaker; a
    wider future pattern would take the names NER missed ("سيمون"، "ستورمي")."""
    return bool(_FUTURE_COPULA.fullmatch(w))


def circumstantial(raw: str) -> bool:
    """ "وعمره"، "ومقره": و + a noun owned by a pronoun opens a clause (واو الحال), never a name ("وجيه"، "وليد"),
    unless the noun is a title ("ونظيره الروسي"، "ووزيرة ..." coordinate a second speaker) or "ولكنه"."""
    raw = WORD_MARKS_RE.sub("", raw)
    owner = next((p for p in ("ه", "ها", "هم") if raw.endswith(p)), "")
    stem = fold_match(raw[1 : len(raw) - len(owner)])
    return raw.startswith("و") and bool(owner) and len(stem) >= 3 and raw not in CLAUSE_WORDS and \
        stem not in TITLES and "ال" + stem not in TITLES and stem != "نظير"


def bare_construct(w: str, nxt: str) -> bool:
    """ "مصدر مطلع في وزارة النفط": a construct adjunct head with no complement after it (a preposition, a mark or
    nothing) is another word (here the adjective "informed"), not the adjunct "مطلع الشهر"."""
    return w in CONSTRUCT_HEADS and (not nxt or nxt in COND_PREPS or not nxt.isalpha())


def dated(folded: list[str], i: int) -> bool:
    """ "عام 2015"، "شهر مايو": a time noun followed by a year or a month (folded words)."""
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    return folded[i] in _DATE_NOUNS and (nxt[:1].isdigit() or nxt in MONTHS)  # "سنة 681هـ"


def plural_object(folded: list[str], i: int, named: bool) -> bool:
    """ "وطالبت الشرطة المواطنين": a definite plural after a definite singular head ``folded[0]`` cannot be its
    adjective (an adjective agrees in number), so it starts the verb's object. ``named``: the word is in an entity."""
    w, head = folded[i], folded[0]
    if not (i > 0 and not named and head.startswith("ال") and w.startswith("ال") and len(w) >= 5
            and folded[i - 1].startswith("ال")):  # not "المتحدث باسم القوات": a genitive of باسم
        return False
    plural = (w.endswith("ين") and len(w) >= 7 or w.endswith("ات") and len(w) >= 6) and \
        not head.endswith(("ات", "ون", "ين")) and head not in MASC_PLURAL_HEADS  # "سحبت الحكومة القوات"
    # "ورفضت المحكمة العليا السماح": after a feminine singular head an adjective is feminine too (ة، ى، فعلاء)
    masculine = head.endswith("ه") and not w.endswith(("ه", "ي", "ا", "اء", "ات"))
    return plural or masculine


def _possessed(w: str) -> bool:
    """ "قواته"، "قواتها"، "جنودهم": a noun with a possessive pronoun (folded), not a preposition or particle
    carrying one ("منه"، "انه") and not a conjunct ("ونظيره")."""
    return w.endswith(("ه", "ها", "هم", "هما")) and len(w) >= 5 and w[:1] not in "ولبف" and w.isalpha() \
        and w[:3] not in ("انه", "لان") and not w.startswith(("نفس", "ذات", "وحد"))


# Folded templates of verbal nouns of the derived verbs (تفعيل، تفاعل، إفعال، افتعال، انفعال، استفعال، مفاعلة):
# "سحب" or "فرض" have no template, "تمديد"، "انسحاب"، "ارتكاب"، "استخدام"، "مشاركة" do.
DERIVED_MASDAR = re.compile(r"ت..ي.|ت.ا..|ا..ا.|ا.ت.ا.|ان..ا.|است..ا.|م.ا..ه")


def indefinite_object(toks: list, i: int) -> bool:
    """ "الكشاف الإسباني قدرات ميسي"، "الشرطة تقارير إعلامية" (after a definite noun): an indefinite plural in ات,
    or a noun with an indefinite nisba after it, is no adjective of the definite subject (adjectives agree in
    definiteness) and no name: the verb's object. So is an indefinite noun governing a number or a possessed
    noun ("البنتاغون سحب 500 جندي"، "الجيش التركي انسحاب قواته")، and a derived verbal noun ("الاتحاد الأوروبي تقديم
    مساعدات"). ``toks``: (raw, folded, start, end); not a ل/ب
    complement."""
    w, nxt = toks[i][1], (toks[i + 1][1] if i + 1 < len(toks) else "")
    if i > 0 and (w == "عدم" or re.fullmatch("و[^او]و[^او]", w)):
        return True  # "الجيش الروسي عدم وقوع ضحايا"، "الاتحاد المصري وجود أية": a negated or فعول verbal noun
    if i > 0 and re.fullmatch("[^ولب][^ ]+[^يو]ا", w) and w[:2] != "ال" and w not in ADVERBS and (
            re.fullmatch("[^ولب][^ ]{2,}ا", nxt) and nxt[:2] != "ال" or re.fullmatch("ل[^ ]{3,}", nxt)):
        return True  # "المجلس الوزاري اجتماعا طارئا"، "السلطات خططا لفرض": an accusative noun (tanween alif)
    return i > 0 and w[:1] not in "ولب" and w[:2] != "ال" and w.isalpha() and w not in TITLES and (
        w.endswith("ات") and len(w) >= 5 or re.fullmatch("[^البو][^ ]{2,}[^او]يه", nxt) is not None
        or nxt[:1].isdigit() or _possessed(nxt) or nxt in ("اي", "ايه")
        or DERIVED_MASDAR.fullmatch(w) is not None)


# Folded openings of nouns that quantify or relate people ("بعضهم"، "والده"): with a pronoun suffix still a subject.
QUANTIFYING_OR_KIN = tuple("بعض كل جميع معظم اغلب احد كلا اكثر غالبيت اغلبيت "
                           "والد اب ام ابن ابنت نجل شقيق زوج اخ اخت عم خال محامي صديق".split())


# Words that govern the number after them ("نسبة 26٪"، "حوالي 28,2٪ من المشاركين"، "من كل 10 مجيبين"): the number
# completes the phrase, it opens no adjunct (a date) or object.
_NUMBER_GOVERNORS = fold_set("نسبة حوالي نحو قرابة زهاء كل أي تبلغ يبلغ")


def counted_from(folded: list[str], first: int, i: int) -> bool:
    """ "أكثر من"/"أقل من" opening the phrase: the "من" and the number after it belong to the count; so does a
    number right after a word that governs it ("نسبة 26٪"، "أكثر من 9 من كل 10 مجيبين")."""
    return folded[first] in ("اكثر", "اقل") and (i == first + 1 and folded[i] == "من" or i == first + 2
                                                 and has_digit(folded[i])) or \
        first < i and folded[i - 1] in _NUMBER_GOVERNORS and has_digit(folded[i])


def percent_at(toks: list, i: int) -> bool:
    """ "٪"، "%"، "في المئة"، "بالمئة" at token ``toks[i]`` (raw, folded, start, end): the number before it is a
    share, not a date."""
    w, nxt = (toks[i][1] if i < len(toks) else ""), (toks[i + 1][1] if i + 1 < len(toks) else "")
    return w in PERCENT or w in ("بالميه", "بالمايه") or w == "في" and nxt in ("الميه", "المايه")


def _percent_at_folded(folded: list[str]) -> bool:
    """ "24 في المئة من الرجال"، "19 بالمئة": a share of people polled (a subject by design)."""
    nxt = (folded[1:2] + [""])[0]
    per_cent = nxt in PERCENT or nxt in ("بالميه", "بالمايه") or nxt == "في" and folded[2:3] == ["الميه"]
    return folded[0][:1].isdigit() and ("٪" in folded[0] or "%" in folded[0] or per_cent)


def features(text: str, person: bool = False) -> tuple[str, bool | None]:
    """(gender "m"/"f"/"" unknown, plural True/False/None unknown) from the head of a speaker phrase; a
    ``person``'s name is one person though it ends like a plural ("جوردون"، "ماكرون"، "عرفات")."""
    words = [w for w in text.split() if fold_match(w) not in RANKS]
    if not words:
        return "", None
    raw, head = words[0].strip('"«»“”'), fold_match(words[0].strip('"«»“”'))
    name = person and not head.startswith("ال") and head not in TITLES
    if head in FEM_PLURAL_HEADS or raw.endswith("ات"):
        return ("", False) if name else ("f", True)
    if head in MASC_PLURAL_HEADS or head.endswith(("ون", "يون")):
        return ("m", False) if name else ("m", True)
    if raw.endswith("ة"):
        return "f", False
    return ("m", False) if head in TITLES or head in RANKS else ("", None)  # "الجيش"، "المتحدث"، "البيان"


def agrees(feats: tuple[str, bool | None], fem: bool, plural: bool) -> bool:
    """Can a mention with ``feats`` be the dropped subject of a verb with this gender and number?"""
    gender, many = feats
    if plural:
        return many is not False and not (gender == "f" and many is None)
    if fem:
        return gender != "m"
    return gender != "f" and many is not True


def nationality_then_person(toks: list, j: int, starts: dict) -> bool:
    """ "مدرب العين، الكرواتي زوران ماميتش،": a nationality adjective opening an apposition before a person's name."""
    w = toks[j][1] if j < len(toks) else ""
    return w.startswith("ال") and w.endswith("ي") and len(w) > 5 and j + 1 < len(toks) and \
        getattr(starts.get(toks[j + 1][2]), "type", "") == "PERS"


_DATELINE = re.compile(r"--|\)\s?[–—]")


def dateline_end(chunk: str) -> int:
    """The offset of the last character of the last dateline mark in ``chunk`` ("(CNN)--"، "(CNN) –"، "(CNN)—"),
    -1 when none: the story's first sentence starts after it."""
    if "--" not in chunk and ")" not in chunk:
        return -1
    return max((m.end() - 1 for m in _DATELINE.finditer(chunk)), default=-1)


def is_named(speaker: Speaker | None) -> bool:
    """True for a person (entity PERS or a heuristic name), not a generic title like "مصدر أمني": story grouping
    keys on who spoke, and a generic title would glue unrelated stories together."""
    if speaker is None or not speaker.canonical:
        return False
    if speaker.type is not None:
        return speaker.type == "PERS"
    words = speaker.canonical.split()
    return len(words) <= 4 and not any(w in TITLES or w in ANAPHORS for w in words)


# --- moved from speakers.py (its line limit): objects that make a phrase an adjunct ---
def stem(w: str) -> str:
    """The folded word without a leading article, for lexicon look-ups of objects."""
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def is_event(raw: str, obj: str) -> bool:
    """An object that makes its phrase an adjunct: event, time, outlet, demonstrative, digits, pronoun suffix."""
    bare = stem(obj)
    if bare in EVENTS or obj in ADVERBS and raw[-1:] != "ة" or obj in MONTHS or has_digit(obj):
        return True
    return raw.endswith(("ه", "ها", "هم")) and not raw.endswith("الله") and len(obj) > 3


def past_fronted_adjunct(toks: list, i: int) -> int:
    """Index after a fronted "preposition + event/demonstrative" at ``toks[i]`` ("في المقابل أصر"، "ومع هذا
    أعرب"): the verb comes next."""
    if i + 2 >= len(toks):
        return i
    raw = toks[i][0]
    lead = raw[1:] if raw[:1] in "وف" and raw[1:] in PREPS_RAW else raw
    if lead in PREPS_RAW and (is_event(*toks[i + 1][:2]) or toks[i + 1][1] in DEMONSTRATIVES):
        return i + 2 + (toks[i + 2][1] in "،,")
    return i


_KANA = fold_set("كان وكان كانت وكانت")


def kana_noun(toks: list, i: int) -> bool:
    """ "وكان نادي الزمالك ... حاضرا": right after كان a perfect verb does not follow (that needs قد: "وكان قد
    أعلن"), so a word without an imperfect prefix before a definite word is كان's subject in construct, not a verb."""
    if not 0 < i < len(toks) - 1 or toks[i - 1][1] not in _KANA or not toks[i + 1][1].startswith("ال"):
        return False
    return not WORD_MARKS_RE.sub("", toks[i][0]).startswith(("ي", "ت", "أ"))


def without_conjunction(w: str, opens: frozenset[str] | None = None) -> str:
    """``w`` without a leading conjunction و/ف, kept when the letter is the word's own ("وسط"، "وصف"، "فند"، "في"):
    with ``opens`` (the words that can open what the caller looks for) stripped only when ``w`` is none of them
    and the rest is one ("وفي" → "في"، "ووسط" → "وسط"، "وسط" stays); without, only when the stemmer reads the
    word the same without it ("وقال" → "قال"، "ووافق" → "وافق"; "وافق"، "فرضت" stay)."""
    if w[:1] not in ("و", "ف") or len(w) < 3:
        return w
    if opens is not None:
        return w[1:] if w not in opens and w[1:] in opens else w
    return w[1:] if len(w) > 3 and snowball_stem(w) == snowball_stem(w[1:]) else w


def verb_without_conjunction(verb: str) -> str:
    """A verb folded and without its conjunction, a root و/ف kept ("واصل" is no و + "اصل"): the reporting lexicon
    knows each form's clitic; other verbs go by :func:`without_conjunction`."""
    folded = fold_match(verb)
    form = LEX.get(folded)
    return folded[form.prefix :] if form is not None else without_conjunction(folded)
