"""Withdrawal, round thirty (issue 13): a state standing for its army when word order binds it to the verb and a place
follows من; a withdrawal justified or explained is one that took place. Constructed sentences in the development
data's constructions (SaudiNewsNet text never enters the repository); each rule has counter-examples that keep the
old answer."""

from __future__ import annotations

from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"


def _hits(text: str, year: int = 2015) -> list[tuple[str, bool]]:
    return [(h.stance, h.trusted) for h in subject_hits(text, load_subjects(), year, None, "") if h.subject == MW]


def test_a_state_right_after_the_withdrawal_then_a_place_after_min_is_its_army() -> None:
    """"بانسحاب العراقيين من الكويت" (SaudiNewsNet dev: a state's people as the verbal noun's genitive, a country
    after من; unflagged before, the scorer under its threshold in a long sentence): the word order binds the state to
    the withdrawal and the place to من, so the frame is trusted."""
    assert _hits("وكان موقفه حاضرا في خطاباته بانسحاب العراقيين من الكويت وعودة الحكومة إلى الحكم.") \
        == [("announce", True)]
    assert _hits("وقال المحلل إن انسحاب تركيا من عفرين ليس مطروحا.") == [("announce", True)]


def test_a_state_leaving_a_deal_a_union_or_a_pronoun_stays_out() -> None:
    """The nuclear-deal sense (ANT v2) and the other things a state leaves: after من a deal, a union, a currency zone
    or a pronoun is no place; a state before the verbal noun with another after it is not its agent."""
    assert _hits("وأعلن ترامب انسحاب الولايات المتحدة من الاتفاق النووي مع إيران.") == []
    assert _hits("تعهدت الدول الأوروبية بالالتزام بالاتفاق النووي رغم انسحاب الولايات المتحدة منه.") == []
    assert _hits("وقالت إن انسحاب بريطانيا من الاتحاد الأوروبي سيكون مكلفا.") == []
    assert _hits("وقالت إن انسحاب اليونان من منطقة اليورو سيكون كارثيا.") == []
    assert _hits("وأعلنت انسحاب مصر من البطولة العربية.") == []
    # a state before a verbal noun whose pronoun is its agent (ANT v2: a businessman's withdrawal from Egypt): the
    # trusted frame's state must follow the verbal noun
    assert _hits("بعد أزمة المستشار رئيس الهيئة العامة للرياضة السعودية، وقرار انسحابه من مصر، أعلنت شركة إيقاف "
                 "استثماراتها") == []


def test_a_justified_or_explained_withdrawal_took_place() -> None:
    """"ويبرر الانسحابات إلى المناطق الأكثر أهمية" (SaudiNewsNet dev, gold complete, announce before): a verb that
    justifies or explains an event takes it as done, as round twenty-seven's verbs that characterise or admit it.
    Farther than its reach the verb is another clause's, and a noun of justification ("لا مبرر") is no such verb."""
    assert _hits("لكنه يبرر الانسحابات إلى المناطق الأكثر أهمية لمصلحة الاحتفاظ بدولة الساحل.") == [("complete", True)]
    assert _hits("وفسر المسؤول انسحاب القوات من المدينة بضرورات عسكرية.") == [("complete", True)]
    assert _hits("وبرر المتحدث في مؤتمره الصحفي بالأمس قرار الحكومة المتعلق بانسحاب القوات من المدينة.") \
        == [("announce", True)]
    assert _hits("ولا مبرر لانسحاب القوات من المدينة.") == [("announce", True)]
