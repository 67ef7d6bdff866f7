"""Withdrawal, round thirty-four (issue 13): "vacate" (أخلى، إخلاء) governed by a control verb whose subject is a
force, with areas, towns or bases as its object, is a withdrawal ("عمدت [الجبهة] إلى إخلاء مناطق حدودية"). The
force is bound as the control verb's subject (``pipeline.nlp.controlled_forces``). Constructed sentences in the
development data's constructions; the counter-examples (people as the object, no force, release from custody)
keep the old answer."""

from __future__ import annotations

from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"


def _hits(text: str, year: int = 2015) -> list[tuple[str, bool]]:
    """The subject's hits in ``text`` with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [(h.stance, h.trusted) for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_force_that_sets_about_vacating_areas_withdraws() -> None:
    """A force several words before its control verb, "vacate" past a link word, areas as its object; and a
    promise to vacate a camp (missed before: vacate was no predicate a control verb binds)."""
    assert _hits("وتراجعت الميليشيات المسلحة أمام الضغوط العسكرية الكبيرة فعمدت إلى إخلاء مناطق حدودية "
                 "وسلمتها إلى فصائل أخرى.")
    assert _hits("وتعهد المسلحون بإخلاء المعسكر خلال أيام.")


def test_vacating_for_people_or_without_a_force_is_no_withdrawal() -> None:
    """Residents as the place's people (an evacuation), authorities rather than a force, a release from custody
    (إخلاء سبيل) and a force evacuating civilians stay out."""
    assert _hits("وقرر الجيش إخلاء المنطقة من السكان بسبب المعارك.") == []
    assert _hits("وقررت السلطات المحلية إخلاء المدينة بسبب الفيضانات.") == []
    assert _hits("وقرر الجيش إخلاء سبيل المعتقلين.") == []
    assert _hits("وتعهدت القوات بإخلاء المدنيين من المدينة.") == []


def test_proceeding_to_leave_in_the_past_is_complete() -> None:
    """"عمد إلى" in the past tells a done act (complete), as a decision (قرر) does not; before, both were announce."""
    assert _hits("وتراجعت الميليشيات المسلحة أمام الضغوط العسكرية الكبيرة فعمدت إلى إخلاء مناطق حدودية.") \
        == [("complete", True)]
    assert _hits("وعمد المسلحون إلى الانسحاب من المدينة.") == [("complete", True)]
    assert _hits("وقرر المسلحون الانسحاب من المدينة.") == [("announce", True)]
