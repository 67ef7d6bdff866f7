"""Round twenty-seven (helper "spk27"): a person's role description on the real stream (issue 13).

* A role description ("المدير الفني الأرجنتيني") right after statements of a person named after a title with the
  same head noun ("المدير الفني لمنتخب مصر هيكتور كوبر") continues that person, title and all: the news refers
  back to the one it quotes by his role (``described.continued_person``, ``described._titled_name``); a title with
  another head ("وزير الخارجية") is somebody else's.
* A description whose head noun the article put in construct before a person's name after a sentence's opening
  verb ("اعتذرت عارضة الأزياء ...") is that person (``described._opens_clause``), and the name so found loses the
  object NER glued to it ("محمد صلاح حوارا"), as a speaker found in its own sentence does.
* A prefix left alone at the span's end ("رونالدو، بـ"شدة"") belongs to the word after it: no speaker ends with one
  (``speaker_spans.without_clitic_tail``).
* "The same" one ("الموقع نفسه"، "نفس المسؤول"، "المرصد ذاته") is the one the passage quoted before with that noun
  (``described.same_as_before``); "المصدر نفسه" stays as written, the labelled set's convention for المصدر.

The real sentences come from the ANT v2 stream; the invented ones show what the rules leave alone.
"""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp import described, described_words
from tests.conftest import speakers_of as _speakers

# ANT v2 BB-sport-232-20180625: the coach named with his title, then referred to by his role and nationality
CUPER = ("أكد المدير الفني لمنتخب مصر هيكتور كوبر أنه لا يشعر بالغضب من الانتقادات، مشيرا إلى أن \"الطموحات تكون "
         "غير واقعية في بعض الأحيان\".\n"
         "وقال المدير الفني الأرجنتيني قبل مباراة مصر أمام السعودية في كأس العالم: \"هذه مباراة هامة لأننا نسعى "
         "لتحقيق الفوز وإنهاء المسابقة بنتيجة جيدة.\"\n"
         "وأضاف: \"سوف نلعب أمام السعودية من أجل استعادة قوتنا\".")

# invented: the president is not the secretary of state quoted before him
OTHER_HEAD = ("قال وزير الخارجية الأمريكي مايك بومبيو إن المحادثات كانت جيدة.\n"
              "وقال الرئيس إن بلاده لن تتراجع.")


def test_a_role_continues_the_titled_person_quoted_before() -> None:
    assert _speakers(CUPER)[2:] == [("قال", "المدير الفني لمنتخب مصر هيكتور كوبر"),
                                    ("أضاف", "المدير الفني لمنتخب مصر هيكتور كوبر")]


def test_a_role_with_another_head_is_not_the_titled_person() -> None:
    assert _speakers(OTHER_HEAD)[-1] == ("قال", "الرئيس")


def test_a_title_in_construct_after_the_opening_verb() -> None:
    text = "اعتذرت عارضة الأزياء جيجي حديد عن طلتها الجديدة."
    name = text.index("جيجي")
    assert described._opens_clause(text, name, described_words.folded_words("العارضة"))
    genitive = "وفي صورة عارضة الأزياء جيجي حديد ظهرت سمراء."
    assert not described._opens_clause(genitive, genitive.index("جيجي"), described_words.folded_words("العارضة"))


def test_titled_name_needs_the_head_in_the_title() -> None:
    text = "المدير الفني لمنتخب مصر هيكتور كوبر"
    ents = [Entity(text="هيكتور كوبر", start=text.index("هيكتور"), end=len(text), type="PERS",
                   canonical="هيكتور كوبر")]

    person = Speaker(text=text, canonical=text, type="PERS")
    assert described._titled_name(person, "مدير", ents)
    assert not described._titled_name(person, "رئيس", ents)


# ANT v2 CN-sport-457-20181011: the quote opens after "بـ", which the span kept
RONALDO = ("نفى نجم كرة القدم البرتغالي، كريستيانو رونالدو، بـ\"شدة\"، المزاعم التي قُدمت في دعوى قضائية رفعتها "
           "امرأة في الشهر الماضي.")

# ANT v2 CN-sport-7-20180217: the description resolved to a name NER glued to its object ("حوارا")
SALAH = ("أجرى النجم المصري محمد صلاح حوارا مع الموقع الرسمي لنادي \"ليفربول\"، عبر فيه عن سعادته بحب الجماهير له.\n"
         "وقال صلاح عن تسجيله 30 هدفا خلال موسمه الأول مع النادي \"إنه أمر رائع وأنا سعيد جدا به\".\n"
         "وتابع النجم المصري حديثه قائلا \"أفكر دائما في تطوير نفسي وهذا ما أفعله كل يوم\".")


def test_a_lone_prefix_ends_no_speaker() -> None:
    assert [s for _, s in _speakers(RONALDO)][:1] == ["نجم كرة القدم البرتغالي، كريستيانو رونالدو"]


def test_a_resolved_name_loses_its_glued_object() -> None:
    assert _speakers(SALAH)[-1] == ("تابع", "محمد صلاح")


# ANT v2 SK-internationalNews-127-20180225: "the same site" is the site named before
SAME_SITE = ("وكشف موقع \"لي مسلم بوست\" عن تذكرة الطيران الحقيقية للرحلة التي استقلها رمضان، التي ستعرقل مهمة "
             "الدفاع عنه.\n"
             "ويطرح هذا الدليل الجديد، حسب الموقع نفسه، علامة استفهام عن سبب عدم التحقق على الفور من سجل المسافرين.")

# invented: "المصدر نفسه" stays as written (the labelled set's convention for المصدر)
SAME_SOURCE = ("وأعلن مصدر قضائي أن المسؤول أوقف قيد التحقيق صباح الجمعة.\n"
               "وقال المصدر نفسه إن المسؤول متهم بأعمال عنف.")


def test_the_same_site_is_the_site_named_before() -> None:
    assert _speakers(SAME_SITE)[-1] == ("حسب", 'موقع "لي مسلم بوست"')
    assert _speakers(SAME_SOURCE)[-1] == ("قال", "المصدر نفسه")
