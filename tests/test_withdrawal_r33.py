"""Withdrawal, round thirty-three (issue 13): a predicate the article binds to a force (its pronoun carries a force
named before it, ``pipeline.nlp.carried_forces.bound_leaver``) names who leaves, so another sense's word after it,
outside the place it leaves, no longer vetoes it. Constructed sentences in the development data's constructions;
the counter-examples keep the old answer."""

from __future__ import annotations

from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"
LOOTED = ("وقال شهود إن المسلحين الحوثيين فروا بأطقم عسكرية. وأضافوا أن هذه الميليشيات بدأت، قبل انسحابها، في عمليات "
          "نهب واسعة لمحلات {} التجار ومنازل المواطنين في المنطقة.")


def _hits(text: str, year: int = 2015) -> list[tuple[str, bool]]:
    """The subject's hits in ``text`` with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [(h.stance, h.trusted) for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def _bound(text: str) -> frozenset[str]:
    subject = next(s for s in article_subjects(load_subjects(), text) if s.id == MW)
    return subject.groups["carried_force"].exact


def test_a_bound_pronoun_names_the_leaver_over_a_market_looted_after_it() -> None:
    """"هذه الميليشيات بدأت، قبل انسحابها، في عمليات نهب ... لمحلات وأسواق التجار" (a SaudiNewsNet dev probe
    positive, missed before: the markets six words after the bound "انسحابها" vetoed it as products taken off
    the market); without the markets it was found before too."""
    assert _hits(LOOTED.format("وأسواق")) == [("complete", True)]
    assert _hits(LOOTED.format("")) == [("complete", True)]


def test_another_sense_where_the_bound_word_leaves_or_before_it_still_vetoes() -> None:
    """The market as the place left ("قبل انسحابها من الأسواق"), the other sense before the word, and a word no
    force binds (a team's withdrawal) keep the veto."""
    left = ("وقال شهود إن المسلحين الحوثيين فروا بأطقم عسكرية. وأضافوا أن هذه الميليشيات بدأت، قبل انسحابها من "
            "الأسواق، في عمليات نهب واسعة.")
    assert "انسحابها" in _bound(left)
    assert _hits(left) == []
    before = "وقال شهود إن المسلحين الحوثيين فروا. وأضافوا أن الأسواق شهدت قبل انسحابها عمليات نهب."
    assert _hits(before) == []
    assert _hits("وأضافوا أن الفريق بدأ، قبل انسحابه، في عمليات نهب واسعة لمحلات وأسواق التجار.") == []
