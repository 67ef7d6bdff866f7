"""The scorer of bench/draw_desk_sample.py: inclusion-weighted estimates and their standard errors (issue 18)."""

from __future__ import annotations

import math

import pytest

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def sample():
    return load_bench("draw_desk_sample")


def _row(key: str, outlet: str, stratum: str, size: int, desk: str, first: str) -> dict:
    return {"id": key, "outlet": outlet, "stratum": stratum, "stratum_size": size, "desk": desk, "first": first}


DRAW = [
    # outlet A: 2 of 4 errors drawn (one a reader accepts), 3 of 6 controls
    _row("a1", "A", "differs", 4, "economy", "science_technology"),
    _row("a2", "A", "differs", 4, "economy", "sport"),
    _row("a3", "A", "equals", 6, "sport", "sport"),
    _row("a4", "A", "equals", 6, "sport", "sport"),
    _row("a5", "A", "equals", 6, "sport", "sport"),
    # outlet B: its one error drawn (accepted), 2 of 3 controls
    _row("b1", "B", "differs", 1, "arts_culture", "crime_law"),
    _row("b2", "B", "equals", 3, "sport", "sport"),
    _row("b3", "B", "equals", 3, "sport", "sport"),
]
JUDGED = {"a1": ["science_technology", "economy"], "a2": ["politics"], "a3": ["sport"], "a4": ["sport"],
          "a5": ["crime_law", "sport"], "b1": ["crime_law", "arts_culture"], "b2": ["sport"], "b3": ["sport"]}


def test_figures_weight_strata_by_size_and_give_the_stratified_standard_error(sample):
    rows = sample.outcomes(DRAW, {k: {"topics": v} for k, v in JUDGED.items()})
    found = sample.figures(rows)
    # strict: every error wrong, every control right -> the controls' share of the outlet, exactly
    assert found["A"]["strict"] == pytest.approx((0.6, 0.0))
    assert found["B"]["strict"] == pytest.approx((0.75, 0.0))
    # accepted: errors 1 of 2 drawn (weight 4/10), controls all right (6/10); variance
    # (4/10)^2 * (1 - 2/4) * s^2 / 2 with s^2 = 0.5
    assert found["A"]["accepted"] == pytest.approx((0.8, math.sqrt(0.16 * 0.5 * 0.5 / 2)))
    assert found["B"]["accepted"] == pytest.approx((1.0, 0.0))  # a stratum drawn whole adds no variance
    assert found["mean"]["accepted"] == pytest.approx((0.9, math.sqrt(0.02) / 2))
    # controls: the reader's best topic is the desk label in 2 of 3 drawn of 6
    assert found["A"]["control_best_is_desk"] == pytest.approx((2 / 3, math.sqrt((1 - 3 / 6) * (1 / 3) / 3)))
    # errors: the reader accepts the desk label in a1 only
    assert found["A"]["error_desk_accepted"][0] == pytest.approx(0.5)
    assert found["B"]["first_is_best"] == pytest.approx((1.0, 0.0))


def test_draw_is_stratified_seeded_and_records_inclusion(sample):
    import numpy as np

    desk = np.array(["sport"] * 50 + ["economy"] * 50)
    first = desk.copy()
    first[:5] = "crime_law"  # 5 errors: all drawn
    population = {"X": {"rows": np.arange(100), "desk": desk, "first": first}}
    ids = np.array([f"id{i}" for i in range(100)])
    drawn = sample.draw(population, ids, seed=7)
    assert drawn == sample.draw(population, ids, seed=7)
    errors = [r for r in drawn if r["stratum"] == "differs"]
    controls = [r for r in drawn if r["stratum"] == "equals"]
    assert sorted(r["id"] for r in errors) == [f"id{i}" for i in range(5)]
    assert {r["inclusion"] for r in errors} == {1.0}
    assert len(controls) == sample.EQUALS and {r["inclusion"] for r in controls} == {round(10 / 95, 6)}
    assert all(r["first"] == r["desk"] for r in controls)


def test_cohen_kappa_on_the_textbook_table(sample):
    # 50 items: both yes 20, first yes / second no 5, first no / second yes 10, both no 15:
    # p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.2 / 0.5 = 0.4
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert sample.cohen_kappa(first, second) == pytest.approx(0.4)
    assert sample.cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    assert sample.cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)  # always crossed: below chance
    assert sample.cohen_kappa(["sport"] * 3, ["sport"] * 3) == 1.0
    with pytest.raises(ValueError):
        sample.cohen_kappa(["a"], [])


def test_two_readers_agreement_and_combined_figures(sample):
    second = {"a1": ["economy"],  # drops the first topic a1's first reader accepted
              "a2": ["politics"], "a3": ["sport"], "a4": ["sport"],
              "a5": ["sport", "crime_law"],  # another best topic than the first reader's
              "b1": ["crime_law"], "b2": ["sport"], "b3": ["sport"]}
    first_j = {k: {"topics": v} for k, v in JUDGED.items()}
    second_j = {k: {"topics": v} for k, v in second.items()}
    found = sample.agreement(DRAW, first_j, second_j)
    # error rows a1, a2, b1: accepted by the first reader (yes, no, yes), the second (no, no, yes):
    # p_o = 2/3, p_e = (2/3)(1/3) + (1/3)(2/3) = 4/9, kappa = (2/9) / (5/9) = 0.4
    assert found["first_accepted"] == pytest.approx((3, 2 / 3, 0.4))
    # best topics over 8 rows differ on a1 (science_technology / economy) and a5 (crime_law / sport)
    bests_1 = ["science_technology", "politics", "sport", "sport", "crime_law", "crime_law", "sport", "sport"]
    bests_2 = ["economy", "politics", "sport", "sport", "sport", "crime_law", "sport", "sport"]
    assert found["best"] == pytest.approx((8, 6 / 8, sample.cohen_kappa(bests_1, bests_2)))
    both = {r["id"]: r for r in sample.combined_outcomes(DRAW, [first_j, second_j], all)}
    either = {r["id"]: r for r in sample.combined_outcomes(DRAW, [first_j, second_j], any)}
    assert not both["a1"]["accepted"] and either["a1"]["accepted"]
    assert both["b1"]["accepted"] and both["a3"]["accepted"]  # strict rows stay right whatever the readers say
    assert not both["a5"]["best_is_desk"] and either["a5"]["best_is_desk"]
    disagree = sample.reader_disagreements(DRAW, first_j, second_j)
    assert disagree["accept"] == {"economy->science_technology accepted by first": 1}
    assert disagree["best"] == {"science_technology / economy": 1, "crime_law / sport": 1}
