"""Round thirty-one (helper "spk31"): the object of a verb that is not speech read into its subject (issue 13).

* "ووصف الكشاف الإسباني قدرات ميسي قائلا"، "وقالت المرضات مازحات إنه": right after a definite word an indefinite
  noun is no adjective of it (adjectives agree in definiteness) and no name when it is a plural in ات، a noun
  counting a number, or a derived verbal noun governing a definite noun, a plural or أي: the span of the subject
  ends there (``speakers._object_after_definite``, a break of ``speakers.find_np``). A name on a verbal-noun
  template ("الفنانة تارين سيمون"، "الضابط مواريه في مذكراته") governs nothing and stays.
* "واختتمت كلمتها بالقول"، "وأضاف قوله:"، "واختتم رأيه قائلا": a continuation verb's own object, a speech noun
  owned by the dropped subject, is no speaker (``speakers.owned_object``): a kin or quantifier noun is one only
  with an inflectional ending after its letters ("زوجتها"، "بعضهم"; not "كلمتها", which opens with "كل"), and a
  noun of ``EVENTS`` (now with قول، رأي، وصف) owned by "ه" is the verb's object; "نفسه"/"ذاته" are no such noun.
* "وهاجمت وسائل إعلام حكومية في الصين، الأربعاء، الولايات المتحدة قائلة": a plural head of sources or people
  ("وسائل"، "مصادر"، "خبراء") after the verb opening the sentence is that verb's subject, the one its participle
  describes (``shared_subjects.titled_opener_subject``), not the speaker carried from the sentence before.

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers

# ANT v2 CN-sport-103-20180314: the scout named before describes Messi's skills, then speaks
SCOUT = ("وعن المباراة، قال ريتشاك \"وصلت إلى هناك عند الخامسة\".\n"
         "ووصف الكشاف الإسباني قدرات ميسي قائلا \"يسيطر على الكرة ويراوغ اللاعبين، بطريقة غريزية\".")


def test_a_plural_after_the_definite_subject_of_a_verb_that_is_not_speech_is_its_object() -> None:
    """ "قدرات ميسي" is what the scout described: no part of the participle's speaker (was "الكشاف الإسباني قدرات
    ميسي"; now the scout, named in the sentence before)."""
    assert ("قائلا", "الكشاف الإسباني قدرات ميسي") not in _speakers(SCOUT)
    assert _speakers(SCOUT)[-1] == ("قائلا", "ريتشاك")


def test_a_plural_adverbial_after_a_definite_subject_is_no_part_of_it() -> None:
    """ANT v2 BB-technology-367-20180819: "مازحات" (jokingly) is no word of the nurses (was "المرضات مازحات")."""
    assert _speakers("وفي مؤتمر صحفي، قالت المرضات مازحات إنه لابد من وجود سبب ما لحملهن.") == [("قالت", "المرضات")]


def test_a_name_on_a_verbal_noun_template_that_governs_nothing_stays_in_the_speaker() -> None:
    """A name after a person noun looks like a verbal noun of a derived verb ("تارين" like تفعيل، "مواريه" like
    مفاعلة) but governs no definite noun: it stays (guards the "governs" condition)."""
    assert _speakers("وأشار الضابط مواريه في مذكراته إلى أن بعض الشائعات راجت بأن المراسم خدعة.") == [
        ("أشار", "الضابط مواريه")]
    assert _speakers("وتقول الفنانة تارين سيمون إن العمل استغرق سنوات طويلة.") == [("تقول", "الفنانة تارين سيمون")]


# ANT v2 BB-internationalNews-1202-20181015, CN-internationalNews-145-20180318, BB-technology-33-20180203 (shortened)
@pytest.mark.parametrize(("text", "speaker"), [
    ("وقالت الوزيرة البريطانية تريزا ماي إن الاستراتيجية بداية تغيير اجتماعي.\n"
     "واختتمت كلمتها بالقول: \"إنني أتطلع إلى حدوث هذا خلال الأشهر المقبلة\".", "الوزيرة البريطانية تريزا ماي"),
    ("وقال السفير الروسي ألكسندر شيزوف إن الدولة الروسية لم تملك أي ضغينة ضده.\n"
     "وأضاف قوله: \"يجب أن أضيف أيضاً بأن ابنته يوليا هي مواطنة روسية\".", "السفير الروسي ألكسندر شيزوف"),
    ("وقال أحد مستخدمي التقنية على موقع ريديت إن المخاوف مبالغ فيها.\n"
     "واختتم رأيه قائلا: \"التكنولوجيا ليست هي المشكلة\".", "أحد مستخدمي التقنية"),
])
def test_a_speech_noun_owned_by_the_dropped_subject_is_no_speaker(text: str, speaker: str) -> None:
    """The second verb continues the first speaker (was "كلمتها"، "قوله"، "رأيه")."""
    assert [s for _, s in _speakers(text)] == [speaker, speaker]


def test_kin_and_quantifiers_with_a_pronoun_stay_speakers() -> None:
    """Guards the exact kin test: "زوجها"، "والدتها" (kin with ت)، "بعضهم" are subjects."""
    assert _speakers("وقالت أسرة الضحية إنها لن تتنازل عن حقها.\nوقال زوجها إن الشرطة لم تتصل بهم.\n"
                     "وقالت والدتها إنها تنتظر العدالة.") == [("قالت", "أسرة الضحية"), ("قال", "زوجها"),
                                                              ("قالت", "والدتها")]
    assert _speakers("وقال المتحدث باسم الشرطة إن التحقيق مستمر.\nوقال بعضهم إن الحادث كان متعمدا.")[-1] == (
        "قال", "بعضهم")


def test_the_emphatic_pronoun_is_no_owned_speech_noun() -> None:
    """ "المصدر نفسه" keeps "نفسه" ("نفس" is in EVENTS as an adjunct object, but here it is the emphatic pronoun)."""
    text = "وقال مصدر أمني إن الهجوم وقع ليلا.\nوأضاف المصدر نفسه أن القوات طوقت المنطقة."
    assert _speakers(text)[-1] == ("أضاف", "المصدر نفسه")


def test_a_plural_source_head_after_the_opening_verb_owns_its_participle() -> None:
    """ANT v2 SK-economy-674-20180530: the Chinese state media attack the US, saying ... (was "الولايات المتحدة",
    the speaker of the sentence before and the object here)."""
    text = ("وفي هذا المناخ المتوتر، قالت الولايات المتحدة، الثلاثاء، إنها قد تمضي قدما في فرض إجراءات تجارية على "
            "الصين.\nوهاجمت وسائل إعلام حكومية في الصين، الأربعاء، الولايات المتحدة قائلة إن بكين جاهزة للرد في "
            "حال اختارت واشنطن الدخول في حرب تجارية.")
    assert _speakers(text)[-1] == ("قائلة", "وسائل إعلام حكومية في الصين")
