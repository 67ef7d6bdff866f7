"""Round twenty-four (helper "spk24"): speakers on the real stream (issue 13).

* A bare feminine plural or dual ("المنظمات") stands for the bodies the sentence before made the subject together
  ("أكد كل من X، وY، وZ"، "ووافقت X وY").
* Right after كان a word with no imperfect prefix before a definite word is كان's subject in construct ("وكان نادي
  الزمالك"), not a verb (نادى) with الزمالك its subject; a sentence with no speaking opening subject goes on with
  the person subject of its "، حيث + verb" clause ("حيث وصف هنيدي") for a dropped subject after it.
* The story's first sentence after a "(CNN)--" dateline gives a body after its opening verb ("طالب صندوق النقد
  الدولي") to a dropped subject after it.
* An indefinite accusative noun the tagger glued after a name is the verb's object ("محمد صلاح حوارا").
* A sentence opening with "في ...،" is a fronted adjunct: its subject comes after the comma ("في اليوم العالمي ...،
  أشاد الأمين العام ... أنطونيو غوتيريش"); the ف of في is no conjunction. Likewise "ووفقا" cites a source.

The real sentences come from the ANT v2 stream; the invented ones show what each rule leaves alone.
"""

from __future__ import annotations

import pytest

from pipeline.models import Entity, Speaker
from pipeline.nlp.coordinated import coordinated_bodies
from pipeline.nlp.described import citing
from pipeline.nlp.name_edges import without_accusative_tail
from pipeline.nlp.ner import extract_entities
from pipeline.nlp.speaker_words import kana_noun, without_conjunction
from pipeline.nlp.speakers import tokens
from tests.conftest import speakers_of as _speakers

# ANT v2 FR-middleEast-719-20180702
NGOS = ("وفي تقرير مشترك من 64 صفحة صدر الاثنين، أكد كل من الاتحاد الدولي لرابطات حقوق الإنسان، ومركز القاهرة "
        "لدراسات حقوق الإنسان، ورابطة حقوق الإنسان، ومرصد الأسلحة، أن \"الدولة الفرنسية والعديد من الشركات الفرنسية "
        "شاركت في القمع الدموي المصري في السنوات الخمس الأخيرة\".\n"
        "وتابعت المنظمات أن باريس سلمت القاهرة أسلحة حرب.")
# ANT v2 AL-internationalNews-1797-20180628
AGENCIES = ("وتتجه النقاشات إلى إقامة مراكز \"مغلقة\" يتم فيها تجميع المهاجرين.\n"
            "ووافقت المفوضية السامية للاجئين ومنظمة الهجرة الدولية المشاركة في خطة \"الرسو الإقليمية\"، وتتمثل في "
            "مسار بحث ملفات المهاجرين في المخيمات المغلقة.\n"
            "وذكرت المنظمات في بيان أن نحو 1000 مهاجر تقريباً هلكوا في البحر منذ بداية العام الجاري.")
# ANT v2 BB-technology-299-20180704 (control: "وهي شركة" is an apposition, no second member)
APPOSED = ("وقالت شركة أخرى، وهي شركة إي داتا سورس إنك، إن مهندسين قرأوا في وقت سابق مراسلات مستخدمين.\n"
           "وقالت الشركات إنها لم تطلب من المستخدمين تصريحا محددا.")


@pytest.mark.parametrize(("text", "speaker"), [
    (NGOS, "الاتحاد الدولي لرابطات حقوق الإنسان، ومركز القاهرة لدراسات حقوق الإنسان، ورابطة حقوق الإنسان، ومرصد "
           "الأسلحة"),
    (AGENCIES, "المفوضية السامية للاجئين ومنظمة الهجرة الدولية"),
    (APPOSED, "الشركات"),
])
def test_a_bare_plural_is_the_bodies_coordinated_before(text: str, speaker: str) -> None:
    assert _speakers(text)[-1][1] == speaker


def test_only_a_bare_feminine_plural_or_dual_reads_a_coordination() -> None:
    ents = extract_entities(NGOS)
    pos = NGOS.rfind("المنظمات")
    for bare in ("المنظمة", "المنظمات الحقوقية", "الوزير"):
        assert coordinated_bodies(NGOS, Speaker(text=bare, canonical=bare), pos, ents) is None
    assert coordinated_bodies(NGOS, Speaker(text="المنظمات", canonical="المنظمات"), pos, ents) is not None
    # a dual needs exactly two members: the four NGOs are no "المنظمتان"
    assert coordinated_bodies(NGOS, Speaker(text="المنظمتان", canonical="المنظمتان"), pos, ents) is None


# ANT v2 AL-culture-406-20180524
HENEIDI = ("كأس العالم في روسيا لم يغب عن الحوار، حيث توقع الفنان محمد هنيدي أن تحقق الفرق العربية انجازات فيها.\n"
           "وكان نادي الزمالك الذي يشجعه النجم المصري حاضرا في اللقاء، حيث وصف هنيدي النادي بالمتألق، شاكرا سارة "
           "دنداروي التي استحضرت هزائم النادي على روحها الرياضية .\n"
           "وعن الدوري السعودي، أكد أنه يحب كرة القدم ويشجع اللعب الجميل، في أي نادي عربي.")


def test_a_dropped_subject_goes_on_with_the_person_of_a_haythu_clause() -> None:
    assert _speakers(HENEIDI)[-1] == ("أكد", "هنيدي")


def test_a_word_after_kana_before_a_definite_one_is_no_verb() -> None:
    start = HENEIDI.index("وكان")
    assert kana_noun(tokens(HENEIDI, start, start + 40), 1)  # "وكان نادي الزمالك"
    for sentence in ("وكان يقول الوزير إن", "وكانت تقول الوزيرة إن", "وكان قد أعلن الجيش"):
        assert not kana_noun(tokens(sentence, 0, len(sentence)), 1)


# ANT v2 CN-economy-243-20180831 (its no-break space kept)
IMF = ("دبي، الإمارات المتحدة العربية (CNN)-- طالب\xa0صندوق النقد الدولي، الجمعة، تونس، بالعمل على خفض فاتورة "
       "الواردات، من خلال الحد مما أسماه، \"الطلب المفرط\" على الاستيراد، داعيا السلطات التونسية، إلى العمل على "
       "متابعة إصلاح دعم الطاقة.\n"
       "وقال في بيان إنه توصل إلى اتفاق، مع السلطات التونسية، بشأن السياسات اللازمة لإستكمال المراجعة الرابعة.")


def test_a_body_after_the_first_verb_after_a_dateline_carries_on() -> None:
    assert _speakers(IMF)[-1] == ("قال", "صندوق النقد الدولي")


# ANT v2 CN-sport-7-20180217
SALAH = ("دبي، الإمارات العربية المتحدة (CNN) – أجرى النجم المصري محمد صلاح حوارا مع الموقع الرسمي لنادي "
         "\"ليفربول\"، عبر فيه عن سعادته بحب الجماهير له وأشار إلى أنه يعمل على تطوير نفسه كل يوم.\n"
         "وقال صلاح عن تسجيله 30 هدفا خلال موسمه الأول مع النادي \"إنه أمر رائع وأنا سعيد\".")


def test_an_accusative_noun_glued_after_a_name_is_its_object() -> None:
    assert ("أشار", "النجم المصري محمد صلاح") in _speakers(SALAH)


def _person(text: str) -> list[Entity]:
    return [Entity(text=text, canonical=text, type="PERS", start=0, end=len(text))]


def test_a_name_ending_in_alif_stays_whole() -> None:
    # invented controls: no other mention ends at the word before, no tanwin: the name is kept
    singer = Speaker(text="المغنية الأمريكية أريثا فرانكلينا", canonical="أريثا فرانكلينا")
    assert without_accusative_tail(singer, _person("أريثا فرانكلينا")) == singer
    official = Speaker(text="لكن مسؤولاً حكومياً يمنياً", canonical="مسؤولاً حكومياً يمنياً")
    assert without_accusative_tail(official, []) == official  # an adjective after an accusative, no name
    company = Speaker(text="شركة السيارات جاغوار حديثاً", canonical="جاغوار")
    ents = [Entity(text="جاغوار", canonical="جاغوار", type="ORG", start=0, end=6)]
    assert without_accusative_tail(company, ents).text == "شركة السيارات جاغوار"  # a tanwin adverb after a name


# ANT v2 BB-internationalNews-1196-20181014
GUTERRES = ("في اليوم العالمي لإلغاء عقوبة الإعدام، أشاد الأمين العام للأمم المتحدة أنطونيو غوتيريش بجهود الدول التي "
            "تسعى لإنهاء هذه الممارسة.\n"
            "وقال إن \"نحو 170 دولة أبطلت عقوبة الإعدام أو أوقفت تنفيذها سواء بالقانون أو الممارسة\".")


def test_the_subject_after_a_fronted_fi_phrase_carries_on() -> None:
    assert _speakers(GUTERRES)[-1] == ("قال", "الأمين العام للأمم المتحدة أنطونيو غوتيريش")


@pytest.mark.parametrize(("word", "bare"), [("في", "في"), ("وفي", "في"), ("وبعد", "بعد"), ("فيما", "فيما"),
                                            ("خلال", "خلال")])
def test_the_fa_of_fi_is_no_conjunction(word: str, bare: str) -> None:
    from pipeline.nlp.mentions import _FRONTED

    assert without_conjunction(word, _FRONTED) == bare  # r25: stripped only when a word of the class is left


@pytest.mark.parametrize(("verb", "cited"), [("بحسب", True), ("وبحسب", True), ("وفق", True), ("وفقا", True),
                                             ("ووفقا", True), ("وقال", False), ("وأضاف", False)])
def test_wafq_is_a_source_cited(verb: str, cited: bool) -> None:
    assert citing(verb) is cited


# ANT v2 AL-culture-124-20180304
ELISSA = ("وحينما همّ المتسابق بالمغادرة طلبت منه أحلام أن ينتظر من أجل أن تمنحه الشارة الخاصة بفريقها، لتسألها إليسا "
          "قائلة \"هذا ذهب أحلام ؟\"، لتجيب أحلام بأن فعلاً الشارة من الذهب.")
# ANT v2 AL-culture-434-20180530
MADIHA = ("لم تتحدث مديحة يسري أبداً عن تفاصيل خيانة محمد فوزي لها، لكنها أكدت تأثرها نفسيا مما حدث، وقالت إنها "
          "تعرضت في تلك الفترة لظروف نفسية صعبة أبعدتها عن العمل.")


def test_an_untagged_name_between_a_verb_and_its_participle_speaks() -> None:
    assert ("قائلة", "إليسا") in _speakers(ELISSA)


def test_an_untagged_name_after_an_opening_verb_is_carried() -> None:
    assert _speakers(MADIHA)[-1] == ("قالت", "مديحة يسري")


@pytest.mark.parametrize("sentence", [
    "ويقول متظاهر شاب \"الأبشع هو خوفي\"",  # a rare participle noun, no name (ANT v2 FR-culture-7-20180207)
    "وتدلي سويفت بصوتها في ولاية تينيسي",  # one word, then its object: no adjunct closes the name
    "وتقول الصحيفة إن",  # definite: no untagged name
])
def test_no_untagged_name_where_a_noun_or_an_object_stands(sentence: str) -> None:
    from pipeline.nlp.untagged_names import name_after_opening_verb

    assert name_after_opening_verb(sentence, 0, len(sentence), []) is None


def test_an_accusative_participle_after_a_definite_subject_is_no_part_of_it() -> None:
    # ANT v2 BB-economy-37-20180120
    trump = Speaker(text="الرئيس الأمريكي متشائما", canonical="الرئيس الأمريكي متشائما")
    assert without_accusative_tail(trump, []).text == "الرئيس الأمريكي"
    # ANT v2 BB-middleEast-1114-20181017 (control): a definite surname stays
    yousef = Speaker(text="عبد الحميد اليوسف", canonical="عبد الحميد اليوسف", type="PERS")
    assert without_accusative_tail(yousef, _person("عبد الحميد اليوسف")) == yousef


# ANT v2 FR-middleEast-370-20180428: "أمام ..." opens a fronted adjunct as "في ..." does
SHAMMARI = ("أمام تلك اللافتات في شارع السعدون الشهير وسط بغداد، يقف حيدر الشمري (35 عاما) وتعلو ملامح الغضب وجهه "
            "قائلا \"كلها للوجوه السابقة نفسها (...) همهم الوحيد كسب الأموال وليس خدمة الشعب\".")


def test_the_subject_after_a_fronted_place_phrase_speaks() -> None:
    assert _speakers(SHAMMARI)[-1] == ("قائلا", "حيدر الشمري")


# ANT v2 BB-economy-50-20180303: the object after the person's name is no part of the speaker
TRUDEAU = ("وانتقد رئيس الوزراء الكندي جاستن ترودو التعريفات ووصفها بأنها \"غير مقبولة بالمرة\".\n"
           "وقال، في تصريحات للصحفيين في مدينة أونتاريو: \"هذه الرسوم غير مقبولة\".")


def test_a_definite_word_after_a_tagged_name_is_the_object() -> None:
    assert ("قال", "رئيس الوزراء الكندي جاستن ترودو") in _speakers(TRUDEAU)


def test_trailing_marks_are_stripped_whatever_the_mark() -> None:
    from pipeline.nlp.speaker_words import owned_masdar

    # "ترحيبهُ" with a damma: str.rstrip(WORD_MARKS) stripped only the regex class's range ends, not the damma
    assert owned_masdar("ترحيبهُ", "ترحيبه")
    assert owned_masdar("ترحيبه", "ترحيبه")
    assert not owned_masdar("وجيهُ", "وجيه")  # a name: no derived verbal noun
