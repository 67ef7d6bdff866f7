"""Round twenty-one (helper "outlets21"): sense checks from the false flags of al-Yaum, the outlet moved to dev.

Battles and campaigns whose aim or end is to drive a force out are expulsions by force (``exclude.forced.before`` in
``pipeline/data/subjects.yaml``), and people barred from leaving ("منع الصحفيين من مغادرة") are the leavers, not the
armed party that bars them (``pipeline/nlp/sense_checks.barred_civilians``). Every sentence here is invented (no
SaudiNewsNet text enters the repository); each false one was flagged by the code at 5abd21a, and the positives beside
them show what each check keeps."""

from __future__ import annotations

import pytest

from pipeline.nlp.sense_checks import barred_civilians, in_time_clause, previous_is
from pipeline.nlp.subjects import match_subjects
from pipeline.nlp.wordgroups import parse_group
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


def test_barred_civilians_needs_the_civilians_right_before_from() -> None:
    toks = [fold_match(w) for w in "منع الصحفيين من مغادرة البلاد".split()]
    assert barred_civilians(toks, 3, [1])
    assert not barred_civilians(toks, 3, [0])  # civilians elsewhere: not the ones barred
    assert not barred_civilians(toks, 1, [0])


def test_supply_lines_are_no_handover() -> None:
    assert MW not in match_subjects("وتستهدف قوات التحالف خطوط التسليم المؤدية إلى سوريا والعراق", year=YEAR)
    assert MW in match_subjects("وأعلنت الميليشيا تسليم مواقعها في المدينة للقوات الحكومية", year=YEAR)


# outlets21b: a verb of appearing and a mandate's term (``exclude.sense.next_of``); each flagged at bff114d
APPEARING_AND_TERMS = {
    "became_manifest_in": "وقال الكاتب إن المضحك المبكي تجلى في خطابه الأخير أمام مقاتلي الحزب حين أعلن النصر",
    "mandate_until_end": "وقال البيان إن التفويض مدته ستة أشهر أو لحين انتهاء مهمة القوات القتالية أيهما أقرب",
    "stay_until_end": "وأضاف أن القوات ستبقى في المنطقة إلى حين انتهاء مهمتها القتالية",
}

EVACUATIONS_AND_ENDS_KEPT = {
    "evacuates_fighters": "وقالت الوزارة إن القوات الأجنبية تجلي مقاتليها من القاعدة",
    "evacuates_forces": "وقال المتحدث إن البحرية تجلي القوات من الميناء",
    "evacuation_noun": "وبدأت عملية إجلاء المقاتلين من المدينة أمس",
    "mission_ended": "وأعلن الحلف انتهاء مهمة قواته القتالية في أفغانستان",
    "ended_mission": "وقال الحلف إنه أنهى مهمة القوات القتالية في البلاد",
}


def test_previous_is_reads_the_one_word_before() -> None:
    until = parse_group({"exact": ["لحين"]})
    toks = [fold_match(w) for w in "أو لحين انتهاء مهمتها".split()]
    assert previous_is(toks, 2, until)
    assert not previous_is(toks, 3, until)  # two words after it: not right before
    assert not previous_is(toks, 0, until)


# outlets21b: a second past verb joined by و to one that opens a since/after clause dates another event too
SECOND_VERB_OF_A_TIME_CLAUSE = {
    "since": "وتقاتل القوات الأفغانية الحركة وحدها هذا العام في أول موسم قتال منذ أنهى الحلف مهمته القتالية "
             "وسلم المسؤولية الأمنية في البلاد إلى القوات المحلية",
    "after_that": "وتراجعت الهجمات بعد أن انتهت مهمة القوات الأجنبية وسلمت القواعد للجيش",
}

TWO_VERBS_TOLD = {
    "said_ended_and_handed_over": "وقال المتحدث إن الحلف أنهى مهمته القتالية وسلم المسؤولية الأمنية في البلاد "
                                  "إلى القوات المحلية",
    "withdrew_and_handed_over": "وأعلن الجيش أن قواته انسحبت من المدينة وسلمت مواقعها للشرطة",
}


# every sense check's false flags beside the withdrawals it keeps, one case each
NOT_WITHDRAWALS = {**FALSE_FLAGS, **APPEARING_AND_TERMS, **SECOND_VERB_OF_A_TIME_CLAUSE}
WITHDRAWALS = {**KEPT, **EVACUATIONS_AND_ENDS_KEPT, **TWO_VERBS_TOLD}


@pytest.mark.parametrize("name", sorted(NOT_WITHDRAWALS))
def test_expulsions_barred_civilians_appearing_terms_and_time_clauses_are_not_withdrawals(name: str) -> None:
    assert MW not in match_subjects(NOT_WITHDRAWALS[name], year=YEAR), NOT_WITHDRAWALS[name]


@pytest.mark.parametrize("name", sorted(WITHDRAWALS))
def test_demands_deals_evacuations_ended_missions_and_two_verbs_told_stay_withdrawals(name: str) -> None:
    assert MW in match_subjects(WITHDRAWALS[name], year=YEAR), WITHDRAWALS[name]


def test_in_time_clause_needs_the_conjunction_and_an_opened_verb() -> None:
    past = frozenset(fold_match(w) for w in ("أنهى", "سلم"))
    toks = [fold_match(w) for w in "منذ أنهى الحلف مهمته وسلم المسؤولية".split()]
    assert in_time_clause(toks, 1, [0], past)  # the verb right after منذ
    assert in_time_clause(toks, 4, [0], past)  # the second verb, joined by و
    assert not in_time_clause(toks, 4, [], past)  # no opener: two verbs told
    unjoined = [fold_match(w) for w in "منذ أنهى الحلف مهمته سلم المسؤولية".split()]
    assert not in_time_clause(unjoined, 4, [0], past)
