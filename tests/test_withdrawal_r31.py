"""Withdrawal, round thirty-one (issue 13): a state, its capital or its people standing for its army, known from the
article's memory of whose forces it names (``pipeline.nlp.force_agents``). Constructed sentences in the development
data's constructions; each rule has counter-examples that keep the old answer."""

from __future__ import annotations

from pipeline.nlp.force_agents import owner_key
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"
US_FORCES = "وقال إن القوات الأمريكية في سوريا تحمي حقول النفط. "


def _hits(text: str, year: int = 2018) -> list[tuple[str, bool]]:
    """The subject's hits in ``text`` with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [(h.stance, h.trusted) for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_state_whose_forces_the_article_names_stands_for_its_army() -> None:
    """"المنطقة ستنعم بالأمن في حال انسحاب اميركا" after a sentence on the American forces in the region (ANT v2 pool
    positive, missed before): the article's memory gives America forces, so America's withdrawal with no place is
    theirs. The people before the verb too ("الأمريكيون سيغادرون")."""
    assert _hits(US_FORCES + "وأضاف أن المنطقة ستنعم بالأمن في حال انسحاب اميركا.") == [("announce", True)]
    assert _hits(US_FORCES + "وأكد أن الأمريكيين سيغادرون.") == [("announce", True)]
    assert _hits("وتحدث عن صراع بين القوات الروسية والقوات الأمريكية. وقال إن واشنطن ستنسحب قريبا.") \
        == [("announce", True)]


def test_a_state_adjective_after_the_withdrawal_noun_is_its_army_when_the_article_names_its_forces() -> None:
    """"وسيسمح انسحاب أمريكي بإطلاق يد تركيا وروسيا وإيران" (ANT v2, a train_extra positive missed before): the
    adjective names the state that withdraws; the article's American forces make it the army. Without them, or with
    a من after it (the deal), the old answer stays."""
    assert _hits(US_FORCES + "وسيسمح انسحاب أمريكي بإطلاق يد تركيا وروسيا وإيران.") == [("announce", True)]
    assert _hits("وقال المحلل إن الاقتصاد سيتأثر. وسيسمح انسحاب أمريكي بإطلاق يد تركيا وروسيا وإيران.") == []
    assert _hits(US_FORCES + "وقال إن الانسحاب الأمريكي من الاتفاق النووي خطأ.") == []


def test_a_state_without_its_forces_in_the_article_or_with_a_deal_stays_out() -> None:
    """No forces of that state in the sentence or the two before it (its citizens, its envoys), a deal in the
    sentence, a من after the predicate (a place or a deal: the other frames read it), or the state after a verb of
    leaving (its object: a person leaving Iran) keep the old answer."""
    assert _hits("وقال إن المنطقة ستنعم بالأمن في حال انسحاب اميركا.") == []
    assert _hits("وتحدث عن القوات الروسية في سوريا. وأضاف أن المنطقة ستنعم بالأمن في حال انسحاب اميركا.") == []
    assert _hits(US_FORCES + "وتابع أن إيران لن تستفيد من الاتفاق النووي بعد انسحاب الولايات المتحدة.") == []
    assert _hits(US_FORCES + "وجاء ذلك رغم انسحاب الولايات المتحدة منه.") == []
    assert _hits("وتحدث عن القوات الإيرانية في سوريا. ومنعت السلطات الأمريكيين من مغادرة إيران.") == []
    # named four sentences before: out of the memory's reach
    assert _hits(US_FORCES + "وتحدث عن الاقتصاد. ثم عن النفط. ثم عن الطقس. وأضاف أن المنطقة ستنعم في حال انسحاب "
                 "اميركا.") == []


def test_the_owner_of_a_force_is_one_nisba_for_a_state_its_capital_its_people_and_its_adjective() -> None:
    spellings = {"امريكا": "امريكا", "واشنطن": "امريكا", "اميركي": "امريكي"}
    keys = {owner_key(w, spellings) for w in ("امريكا", "واشنطن", "الامريكيين", "الامريكيه", "والاميركيه")}
    assert keys == {"امريكي"}
    assert owner_key("روسيا", {}) == owner_key("الروسيه", {}) != owner_key("تركيا", {})
