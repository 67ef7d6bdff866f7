"""Round thirty-one (helper "spk31"): the object of a verb that is not speech read into its subject (issue 13).

* "ووصف الكشاف الإسباني قدرات ميسي قائلا"، "وقالت المرضات مازحات إنه": right after a definite word an indefinite
  noun is no adjective of it (adjectives agree in definiteness) and no name when it is a plural in ات، a noun
  counting a number, or a derived verbal noun governing a definite noun, a plural or أي: the span of the subject
  ends there (``speakers._object_after_definite``, a break of ``speakers.find_np``). A name on a verbal-noun
  template ("الفنانة تارين سيمون"، "الضابط مواريه في مذكراته") governs nothing and stays.

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

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
