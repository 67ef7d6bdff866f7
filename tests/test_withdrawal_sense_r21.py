"""Round twenty-one (helper "outlets21"): sense checks from the false flags of al-Yaum, the outlet moved to dev.

Battles and campaigns whose aim or end is to drive a force out are expulsions by force (``exclude.forced.before`` in
``pipeline/data/subjects.yaml``), and people barred from leaving ("منع الصحفيين من مغادرة") are the leavers, not the
armed party that bars them (``pipeline/nlp/sense_checks.barred_civilians``). Every sentence here is invented (no
SaudiNewsNet text enters the repository); each false one was flagged by the code at 5abd21a, and the positives beside
them show what each check keeps."""

from __future__ import annotations

import pytest

from pipeline.nlp.sense_checks import barred_civilians
from pipeline.nlp.subjects import match_subjects
from pipeline.text.normalise import fold_match

MW = "military_withdrawal"
YEAR = 2015

FALSE_FLAGS = {
    "battles_aim": "وتخوض قوات الجيش والمقاومة معارك مع الميليشيا لإخراجها من المحافظة",
    "campaign_aim": "ويهدد الغضب الشعبي الجهود لدعم الحملة من أجل إخراج مقاتلي التنظيم من المناطق التي يسيطرون عليها",
    "battles_ended": "ودارت معارك عنيفة بين الجيش والمسلحين في البلدة استمرت أياما وانتهت بإخراج المسلحين منها",
    "journalists_barred": "وأدانت النقابة قرار الميليشيات منع الصحفيين من مغادرة البلاد",
}

KEPT = {
    "demand": "وطالب المجلس بإخراج القوات الأجنبية من البلاد",
    "deal": "وتجري مفاوضات على إخراج المقاتلين من المدينة بموجب اتفاق",
    "talks_ended_in_exit": "وانتهت المفاوضات بإخراج المسلحين من المدينة إلى الشمال",
    "forces_leave": "وبدأت القوات الأجنبية مغادرة البلاد أمس",
}


@pytest.mark.parametrize("name", sorted(FALSE_FLAGS))
def test_expulsions_by_battle_and_barred_civilians_are_not_withdrawals(name: str) -> None:
    assert MW not in match_subjects(FALSE_FLAGS[name], year=YEAR), FALSE_FLAGS[name]


@pytest.mark.parametrize("name", sorted(KEPT))
def test_demands_deals_and_forces_leaving_stay_withdrawals(name: str) -> None:
    assert MW in match_subjects(KEPT[name], year=YEAR), KEPT[name]


def test_barred_civilians_needs_the_civilians_right_before_from() -> None:
    toks = [fold_match(w) for w in "منع الصحفيين من مغادرة البلاد".split()]
    assert barred_civilians(toks, 3, [1])
    assert not barred_civilians(toks, 3, [0])  # civilians elsewhere: not the ones barred
    assert not barred_civilians(toks, 1, [0])


def test_supply_lines_are_no_handover() -> None:
    assert MW not in match_subjects("وتستهدف قوات التحالف خطوط التسليم المؤدية إلى سوريا والعراق", year=YEAR)
    assert MW in match_subjects("وأعلنت الميليشيا تسليم مواقعها في المدينة للقوات الحكومية", year=YEAR)
