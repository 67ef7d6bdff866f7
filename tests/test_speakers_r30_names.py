"""Round thirty (helper "names30"): span edges and bare descriptions of the real stream (issue 13).

A description of two words or more ("المستشار بالديوان الملكي"، "المدعية العامة") stands for the one person the
article named with it, in apposition after the name or as the title right before it: the speaker-sample convention
judges a bare description wrong when the article names whom it stands for. Not a body or place ("المملكة المتحدة"
after "ميشيل بارنييه، المملكة المتحدة": his object), not a phrase two people carry, and not a two-word title the
article gave with a nationality the description lacks (one minister of many) (``described.apposed_holder``).

A number right after a word that governs it ("نسبة 26٪"، "حوالي 28,2٪ من المشاركين"، "من كل 10 مجيبين") completes
the count the speaker is, instead of opening an adjunct (``speaker_words.counted_from``).

An age phrase left dangling at the speaker's end ("المتزلجة الفرنسية البالغة من العمر [22 عاما]") is cut: its number
is never in the span, and what is left of it says nothing (``name_edges.without_age``).

A name the tagger cut before its last word is made whole when the article quotes that word alone as a speaker
("جان بيار لاكروا"، and later "وقال لاكروا") (``name_edges.with_surname_after``).

Mended while there: ``speaker_spans`` reads where what was said begins ("إن"، "أنه"، "إننا"، with diacritics) with
``quotes.INTRO_WORD`` instead of spelling the introducer out again.

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 CN-economy-93-20180429: the adviser named in apposition at the article's start
ADVISER = ("نصح سعود القحطاني، المستشار بالديوان الملكي السعودي، والمشرف على مركز الدراسات والشؤون الإعلامية، "
           "الشباب السعودي بتطوير أنفسهم.\n"
           "وقال القحطاني في سلسلة تغريدات إن سوق العمل له متطلباته.\n"
           "وكان المستشار بالديوان الملكي قد كشف عن فرص وظيفية \"متميزة للغاية\" للسعوديين على حد قوله.")

# ANT v2 FR-internationalNews-2423-20180721: the prosecutor named with her title after the name
PROSECUTOR = ("ومساء أعلنت أوللا هينغست المدعية العامة في مدينة كييل المجاورة أنه \"حتى الآن لم يدل المتهم بأي "
              "تصريح\".\n"
              "وأوضحت المدعية العامة أن المتهم سيمثل السبت أمام قاض لإصدار مذكرة توقيف.")

# ANT v2 BB-economy-154-20180601: the German minister is named, the Mexican one is not
MINISTER = ("ويأمل وزير الاقتصاد الألماني، بيتر التماير، أن تجعل إجراءات الاتحاد الأوروبي ترامب يعيد النظر.\n"
            "وقالت كندا إنها ستفرض تعريفة بنسبة 25 في المئة على صادرات أمريكية.\n"
            "وتعتزم المكسيك، حسب وزير الاقتصاد، فرض تعريفات جمركية على الواردات الأمريكية.")

# two prosecutors named with the same title: which one is unsaid
TWO = ("وقالت أوللا هينغست المدعية العامة في مدينة كييل إن التحقيق مستمر.\n"
       "وقالت كارين شميدت المدعية العامة في مدينة كييل إن المتهم سيمثل أمام قاض.\n"
       "وأوضحت المدعية العامة أن المتهم يحمل الجنسية الألمانية.")


def test_a_description_is_the_person_it_was_apposed_to() -> None:
    assert _speakers(ADVISER)[-1] == ("كشف", "سعود القحطاني")


def test_a_description_is_the_person_it_titled() -> None:
    assert _speakers(PROSECUTOR)[-1] == ("أوضحت", "أوللا هينغست")


def test_a_two_word_title_given_with_another_nationality_stays() -> None:
    assert _speakers(MINISTER)[-1] == ("حسب", "وزير الاقتصاد")


def test_a_description_two_people_carry_stays() -> None:
    assert _speakers(TWO)[-1] == ("أوضحت", "المدعية العامة")


def _named_for(text: str, word: str) -> int:
    from pipeline.nlp import speakers as sp
    from pipeline.nlp.speaker_spans import named_for

    at = text.index(word)
    return named_for(text, sp.tokens(text, at, len(text)))


def test_the_one_told_ends_at_any_content_introducer() -> None:
    """``speaker_spans`` reads where what was said begins with ``quotes.INTRO_WORD``, the one concept: "إننا" and
    "إنهما" open it as "إنه" does (the ل-phrase before them is the one told, not the body's name)."""
    assert _named_for("وقال الاتحاد الوطني للصحفيين إننا لن نقبل", "للصحفيين") == 0
    assert _named_for("وقال الاتحاد الوطني للصحفيين إنهما لن يقبلا", "للصحفيين") == 0
    assert _named_for("أعلن الاتحاد الوطني للصحفيين انتخاب رئيس جديد", "للصحفيين") == 1


# ANT v2 CN-economy-118-20180517 and CN-economy-39-20180303: a count of respondents, cut before its number
RESPONDENTS = "وقال أكثر من 9 من كل 10 مجيبين بأنهم يخططون لتغيير وظائفهم خلال العام المقبل."
SHARE = "وقالت نسبة 26٪ أنه \"سهل إلى حد ما\" العثور على وظيفة."
ABOUT = "وأوضح حوالي 28,2٪ من المشاركين أن الرواتب لم ترتفع."


def test_a_number_governed_by_the_word_before_completes_the_count() -> None:
    """ "كل"، "نسبة"، "حوالي" govern the number after them: it completes the speaker (the labelled convention
    keeps the count whole), it opens no date or object."""
    assert _speakers(RESPONDENTS)[-1] == ("قال", "أكثر من 9 من كل 10 مجيبين")
    assert _speakers(SHARE)[-1] == ("قالت", "نسبة 26٪")
    assert _speakers(ABOUT)[-1] == ("أوضح", "حوالي 28,2٪ من المشاركين")


# ANT v2 BB-sport-43-20180219 and SK-sport-2404-20180807: an age phrase whose number the span left out
SKATER = "وقالت المتزلجة الفرنسية البالغة من العمر 22 عاما: \"شعرت بما حدث مباشرة وصليت\"."
BOLT = "وقال بولت البالغ من العمر 31 عاما: \"أشعر بالحماس إزاء القدوم إلى أستراليا\"."


def test_an_age_phrase_cut_before_its_number_is_no_part_of_the_speaker() -> None:
    assert _speakers(SKATER)[-1] == ("قالت", "المتزلجة الفرنسية")
    assert _speakers(BOLT)[-1] == ("قال", "بولت")


# ANT v2 SK-middleEast-113-20180227: the tagger ends the name at "جان بيار" ("لا" read as a preposition)
LACROIX = ("وقال وكيل الأمين العام لإدارة عمليات حفظ السلام جان بيار لاكروا، على هامش زيارة لبيروت: \"شهدنا في "
           "السابق حوادث جدية بين الطرفين\".\n"
           "وقال لاكروا الذي يزور إسرائيل قريبا، إن قوات \"يونيفيل\" على تواصل مع الطرفين.")


def test_a_surname_the_article_quotes_alone_completes_the_cut_name() -> None:
    assert _speakers(LACROIX)[0] == ("قال", "وكيل الأمين العام لإدارة عمليات حفظ السلام جان بيار لاكروا")
