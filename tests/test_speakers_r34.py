"""Round thirty-four (helper "spk34"): a subject named before its verb but not given (issue 13).

A subject-first clause names its speaker before an unprefixed verb. Two shapes left it out:

* the person's name with its post in apposition between commas ("لكن لورا بيكر، مراسلة بي بي سي في سيول، تقول
  إنه"): the name ends at the comma and a title opens the post (``before_verb._apposed_title``), so the phrase is
  the name and its post;
* the person's name followed by a relative clause with no comma ("مصطفى بانياب الذي يشجع بلجيكا وفرنسا وألمانيا
  يقول إن"): the relative clause runs on to the verb when the pronoun agrees with it in gender and number
  (الذي/يقول، التي/تقول، الذين/يقولون; ``before_verb._before_bare_relative``).

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers


def test_a_name_with_its_post_in_apposition_before_the_verb() -> None:
    # ANT v2 BB-internationalNews-118-20180309 (was None)
    text = ("وتم عزل كوريا الشمالية على الساحة الدولية لعقود بسبب انتهاكات حقوق الإنسان.\nلكن لورا بيكر ، مراسلة بي بي "
            "سي في سيول ، تقول إنه من المهم ملاحظة أن كوريا الشمالية لم تعلن بعد أنها ستتخلى عن أسلحتها النووية.")
    assert _speakers(text)[0] == ("تقول", "لورا بيكر ، مراسلة بي بي سي في سيول")


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 AL-internationalNews-1848-20180707 (was "أنس الأمين", the speaker of the sentence before)
    ("ويقول أنس الأمين إن ألمانيا فتحت الباب أمام المهاجرين.\nمصطفى بانياب الذي يشجع بلجيكا وفرنسا وألمانيا يقول "
     "إن كثيرا من أصدقائه حزنوا للخروج المبكر لألمانيا من المونديال.", "مصطفى بانياب"),
])
def test_a_name_with_a_relative_clause_before_the_verb(text, speaker) -> None:
    assert _speakers(text)[-1][1] == speaker


def test_a_relative_of_another_gender_does_not_run_on_to_the_verb() -> None:
    """ "الذي" does not agree with "تقول": the relative clause holds the verb's subject ("ابنته"), not the name."""
    text = ("ويقول أنس الأمين إن ألمانيا فتحت الباب أمام المهاجرين.\nمصطفى بانياب الذي تشجع ابنته بلجيكا تقول إن "
            "كثيرا من أصدقائه حزنوا.")
    assert _speakers(text)[-1][1] != "مصطفى بانياب"


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 FR-economy-51-20180608 (was None)
    ("وسيقابل موقفه باستقبال عدائي من القادة الاخرين.\nلكن ترامب لن ينحني، وقال في تغريدة \"استعد للتوجه إلى قمة "
     "مجموعة السبع في كندا للمحاربة من أجل بلادنا\".", "ترامب"),
    # a present verb right after the name (right before too, by another reading: a guard)
    ("وتعرضت الخطة لانتقادات واسعة.\nلكن ماكرون يرفض التراجع عنها، وقال إن الإصلاح ضروري للبلاد.", "ماكرون"),
])
def test_a_wa_verb_after_a_comma_shares_a_subject_first_clause(text, speaker) -> None:
    """ "لكن ترامب لن ينحني، وقال": the sentence opens with the name, its verb right after it; the و-verb after the
    comma shares that subject (``subject_first.fronted_subject``)."""
    assert _speakers(text)[-1][1] == speaker


def test_a_wa_verb_of_another_gender_does_not_share_the_name() -> None:
    text = ("وتعرضت الخطة لانتقادات واسعة.\nلكن ماكرون يرفض التراجع عنها، وقالت إن الإصلاح ضروري للبلاد.")
    assert _speakers(text)[-1][1] != "ماكرون"


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 AL-culture-149-20180311 (was None): the main clause after a fronted "حينما" clause
    ("وحينما توجهت المتسابقة إلى اللجنة من أجل مصافحة الجميع، رفضت إليسا مصافحتها قائلة \"ما تسلمي عليا أبدا\".",
     "إليسا"),
    # ANT v2 AL-culture-151-20180311 (was "عاصي الحلاني" of the sentence before): after a fronted adjunct
    ("فيما أعلن عاصي الحلاني عن اعتزال الغناء من أجل التفرغ لهذه الموهبة.\nوأمام هذه العروض وقف حماقي دون عرض، "
     "مؤكدا أنه لا يملك سوى الغناء والموسيقى.", "حماقي"),
])
def test_a_participle_belongs_to_the_name_after_its_own_clauses_verb(text, speaker) -> None:
    """ "رفضت إليسا مصافحتها قائلة": the participle's clause opens with a verb of its gender and a name
    (``participle_clause.name_of_own_clause``)."""
    assert _speakers(text)[-1][1] == speaker


def test_a_participle_after_a_statement_takes_its_own_clauses_name() -> None:
    """ANT v2 AL-culture-149-20180311: "، لتتدخل أحلام قائلة" after Elissa's words is Ahlam's, not the statement's."""
    text = ("وحينما توجهت المتسابقة إلى اللجنة، رفضت إليسا مصافحتها قائلة \"ما تسلمي عليا أبدا\"، لتتدخل أحلام قائلة "
            "\"تمزح تمزح\".")
    assert [s for _, s in _speakers(text)] == ["إليسا", "أحلام"]


def test_a_participle_of_another_gender_keeps_its_reading() -> None:
    """ "رفضت إليسا مصافحتها قائلا": the masculine participle is not the feminine verb's subject's."""
    text = ("وحينما توجهت المتسابقة إلى اللجنة من أجل مصافحة الجميع، رفضت إليسا مصافحتها قائلا \"ما تسلمي عليا\".")
    assert _speakers(text)[-1][1] != "إليسا"
