"""The topic trainer's choice of lexicon damping (bench/train_topics.py), on small hand-made predictions,
and the general-news articles judged by reading that the choice weighs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.errors import ConfigurationError
from pipeline.nlp import topics
from tests.conftest import load_bench


@pytest.fixture(scope="module")
def trainer():
    return load_bench("train_topics")


def _rows(trainer, desk_p: float, lexicon: float, lexicon_label: str, desk: str, politics: float = 0.05,
          judged: tuple[str, ...] = ()) -> tuple:
    """One row of out-of-fold predictions: a desk article (``desk``) or a general-news one ("")."""
    p = np.full(len(trainer.LABELS), 0.01)
    if desk:
        p[trainer.LABELS.index(desk)] = desk_p
    else:
        p[trainer.LABELS.index("sport")] = desk_p  # general news a desk label half-claims
        p[trainer.LABELS.index("politics")] = politics
    lex = np.zeros(len(trainer.LEXICON_LABELS))
    lex[trainer.LEXICON_LABELS.index(lexicon_label)] = lexicon
    return p, lex, desk, judged, 1.0 if judged else 0.0


def _columns(rows: list[tuple]) -> tuple:
    """(p, lex, desk, judged, weight) arrays as the trainer holds them (``judged``: one tuple per row)."""
    judged = np.empty(len(rows), dtype=object)
    judged[:] = [r[3] for r in rows]
    p, lex, desk, weight = (np.array([r[k] for r in rows]) for k in (0, 1, 2, 4))
    return p, lex, desk, judged, weight


def _choose(trainer, rows: list[tuple]) -> tuple[str, float]:
    return trainer.choose_damping(*_columns(rows))[0]


def test_damping_weighs_desk_accuracy_against_judged_general_news(trainer) -> None:
    """Desk accuracy alone would take the damping that silences the lexicon; judged general news weighs
    what the lexicon's topics are worth there."""
    tech = _rows(trainer, 0.30, 0.9, "health", "science_technology")  # right from desk:4 (0.9 * 0.7**4 = 0.22)
    # general news the model reads as politics 0.40 and sport 0.20, with a strong health lexicon score
    news = {right: _rows(trainer, 0.20, 0.9, "health", "", politics=0.40, judged=(right,))
            for right in ("health", "politics")}
    unjudged = _rows(trainer, 0.20, 0.9, "health", "", politics=0.40)
    assert _choose(trainer, [tech] * 10) == ("desk", 1.0)  # nothing judged to weigh against: no change
    assert _choose(trainer, [tech] * 10 + [unjudged] * 10) == ("desk", 1.0)
    # the lexicon is wrong on the judged news: the smallest damping right on both (desk:4 beats 0.9*0.8**4)
    assert _choose(trainer, [tech] * 10 + [news["politics"]] * 10) == ("desk", 4.0)
    # the lexicon is right there: only the desk-share form keeps health on the news (0.9 * (1 - 0.2/0.6))
    # and silences it on the science story (0.9 * (1 - 0.30/0.31))
    assert _choose(trainer, [tech] * 10 + [news["health"]] * 10) == ("desk_share", 1.0)


def test_a_stronger_damping_must_win_by_more_than_the_noise(trainer) -> None:
    """A gain of a few articles, paid by a judged article, stays within one standard error: no change."""
    tech = _rows(trainer, 0.30, 0.9, "health", "science_technology")  # right from desk:4
    sure = _rows(trainer, 0.9, 0.2, "health", "sport")  # right whatever the damping
    # health news right only under the weakest damping: 0.6 * 0.65 > 0.35 (sport) > 0.6 * 0.65 ** 1.5
    health = _rows(trainer, 0.35, 0.6, "health", "", politics=0.30, judged=("health",))
    easy = _rows(trainer, 0.05, 0.1, "health", "", politics=0.60, judged=("politics",))  # always right
    # desk:4 wins the objective (0.95 against 0.90) by two desk articles and loses one judged one
    noisy = [tech] * 2 + [sure] * 8 + [health] + [easy] * 9
    assert _choose(trainer, noisy) == ("desk", 1.0)
    assert _choose(trainer, [tech] * 20 + [easy] * 10) == ("desk", 4.0)  # every desk article gains: clear


def test_calibration_predicts_each_training_outlet_from_all_the_others(trainer) -> None:
    """As the evaluation does: no ANT v2 outlet is predicted by a model trained on JawharaFM alone."""
    outlets = np.array(["Alarabia"] * 3 + ["BBC"] * 3 + ["CNN"] * 3 + [trainer.BIG_OUTLET] * 30)
    splits = trainer.outlet_splits(outlets)
    held_out = [tuple(sorted(set(outlets[va]))) for _, va, _ in splits]
    assert sorted(held_out) == [("Alarabia",), ("BBC",), ("CNN",), (trainer.BIG_OUTLET,), (trainer.BIG_OUTLET,)]
    for tr, va, _ in splits:
        assert set(outlets[tr]) | set(outlets[va]) == set(outlets)  # every other outlet trains the model
        assert not set(tr) & set(va)
        assert trainer.BIG_OUTLET in set(outlets[tr])  # some JawharaFM (its society desk) in every fold


def test_judged_general_news_accuracy_is_weighted_by_stratum(trainer) -> None:
    right = _rows(trainer, 0.20, 0.9, "health", "", politics=0.40, judged=("health",))
    wrong = _rows(trainer, 0.20, 0.9, "health", "", politics=0.40, judged=("crime_law",))
    p, lex, desk, judged, _ = _columns([right, wrong])
    got = trainer.damp_outcomes(p, lex, desk, judged, np.array([3.0, 1.0]))[("desk", 1.0)]
    assert got["general_top1"] == pytest.approx(0.75) and got["general_top1_drawn"] == pytest.approx(0.5)
    assert got["n_judged"] == 2


def test_combine_applies_the_damp_power() -> None:
    desks = ("sport", "economy", "science_technology", "arts_culture")
    scores = topics.combine({"arts_culture": 0.7}, {"crime_law": 0.9}, desks, 2.0)
    assert scores["crime_law"] == pytest.approx(0.9 * 0.3**2)
    assert topics.combine({"politics": 0.9}, {"conflict": 0.8}, desks, 3.0)["conflict"] == pytest.approx(0.8)


def test_desk_share_form_damps_by_the_desk_label_s_share() -> None:
    desks = ("sport", "economy", "science_technology", "arts_culture")
    story = {"science_technology": 0.3, "politics": 0.1}
    assert topics.combine(story, {"health": 0.8}, desks, 2.0, "desk_share")["health"] == pytest.approx(
        0.8 * (1 - 0.3 / 0.4) ** 2)
    news = {"sport": 0.3, "politics": 0.9}  # the same desk probability, but the model reads general news
    assert topics.combine(news, {"crime_law": 0.8}, desks, 2.0, "desk_share")["crime_law"] == pytest.approx(
        0.8 * (1 - 0.3 / 1.2) ** 2)


def test_unknown_damp_form_is_a_configuration_error() -> None:
    config = {**json.loads((topics.DATA_DIR / "model.json").read_text(encoding="utf-8")), "damp_form": "margin"}
    model = topics._load_model()
    with pytest.raises(ConfigurationError, match="damp_form"):
        topics.model_from_arrays(config, model.idf, model.coef_t, model.intercept)


def test_shipped_model_carries_its_chosen_damping(trainer) -> None:
    config = json.loads((topics.DATA_DIR / "model.json").read_text(encoding="utf-8"))
    assert (config["damp_form"], config["damp_power"]) in trainer.DAMP_CANDIDATES
    assert (topics._load_model().damp_form, topics._load_model().damp_power) == (
        config["damp_form"], config["damp_power"])


def test_judged_general_news_set_is_well_formed(trainer) -> None:
    """Ids, strata and labels only (ANT v2 is research use); every outlet, all three phases, valid topic ids."""
    judged = [json.loads(line) for line in trainer.JUDGED.read_text(encoding="utf-8").splitlines()]
    assert len({j["id"] for j in judged}) == len(judged) >= 300
    assert not any("text" in j or "title" in j for j in judged)
    per_outlet: dict[tuple[str, int], int] = {}
    for j in judged:
        assert j["topics"] and set(j["topics"]) <= set(topics.TOPIC_NAMES_AR), j
        assert j["reason"].strip() and 0 < j["inclusion"] <= 1, j
        assert j["id"].split("-")[1] in ("internationalNews", "middleEast"), j  # general news only
        assert j["phase"] != 2 or j["in_disagreement"], j  # the second phase draws disagreement articles
        assert j["phase"] != 3 or j["in_c3"], j  # the third draws articles whose damping candidates disagree
        per_outlet[(j["outlet"], j["phase"])] = per_outlet.get((j["outlet"], j["phase"]), 0) + 1
    outlets = ["Alarabia", "BBC", "CNN", "France24", "SkyNews"]
    assert sorted(per_outlet) == [(o, phase) for o in outlets for phase in (1, 2, 3)]
    assert min(per_outlet.values()) >= 25
    first = [j for j in judged if j["phase"] == 1]
    for j in first:  # a first-phase stratum holds as many judged articles as were drawn from it
        same = [k for k in first if (k["outlet"], k["stratum"]) == (j["outlet"], j["stratum"])]
        assert len(same) == j["stratum_drawn"] <= j["stratum_size"]
        assert j["inclusion_phase12"] >= j["stratum_drawn"] / j["stratum_size"] - 1e-6


def test_third_phase_weights_stand_for_all_of_c3(trainer) -> None:
    """In C3 the judged phase 1-2 articles count once and the third-phase draw stands for the rest of C3,
    so per outlet the C3 weights add up to C3's size; outside it the phase 1-2 weights stay."""
    judged = [json.loads(line) for line in trainer.JUDGED.read_text(encoding="utf-8").splitlines()]
    c3_size = {j["outlet"]: j["c3_size"] for j in judged if j["phase"] == 3}
    weight: dict[str, float] = {}
    for j in judged:
        if j["in_c3"]:
            weight[j["outlet"]] = weight.get(j["outlet"], 0.0) + 1.0 / j["inclusion"]
            assert j["phase"] == 3 or j["inclusion"] == 1.0, j
        else:
            assert j["inclusion"] == j["inclusion_phase12"], j
    assert weight.keys() == c3_size.keys()
    for outlet, size in c3_size.items():
        assert abs(weight[outlet] - size) < 0.01, (outlet, weight[outlet], size)


def test_first_topic_rule_tells_apart_what_one_damping_cannot(trainer) -> None:
    """Science desk stories with health words and general news with conflict words, at the same model and
    lexicon confidences: no damping power ranks both right, the learned rule does (by the lexicon's label)."""
    science = _rows(trainer, 0.30, 0.9, "health", "science_technology")  # the model's label is right
    war = _rows(trainer, 0.30, 0.9, "conflict", "", politics=0.05, judged=("conflict",))  # the lexicon's is
    outlets = np.array([o for o in ("Alarabia", "BBC", "CNN") for _ in range(20)])
    rows = ([science] * 12 + [war] * 8) * 3
    p, lex, desk, judged, weight = _columns(rows)
    damped = [trainer.damp_outcomes(p, lex, desk, judged, weight)[c] for c in trainer.DAMP_CANDIDATES]
    assert all(d["desk_top1"] + d["general_top1"] < 2.0 for d in damped)  # every damping errs on one side
    found = trainer.fit_first_rule(p, lex, desk, judged, weight, outlets)
    rule = topics.FirstTopicRule.from_config(found)
    assert trainer.rule_outcome(rule, p, lex, desk, judged, weight) == {"desk_top1": 1.0, "general_top1": 1.0}
    assert found["desk_weight"] == trainer.RULE_DESK_WEIGHT == 0.5  # desk and judged news weigh the same
    assert set(found["held_out_by_training_outlet"]) == set(found["alternatives"]) == {
        str(d) for d in trainer.DESK_WEIGHTS}


def test_first_topic_rule_needs_judged_general_news(trainer) -> None:
    science = _rows(trainer, 0.30, 0.9, "health", "science_technology")
    p, lex, desk, judged, weight = _columns([science] * 10)
    assert trainer.fit_first_rule(p, lex, desk, judged, weight, np.array(["BBC"] * 5 + ["CNN"] * 5)) is None


def test_first_topic_rule_reports_what_a_larger_desk_share_would_give(trainer) -> None:
    """The shipped rule weighs desk and judged articles equally; the rules fitted with larger desk shares
    are measured beside it, holding out one training outlet at a time."""
    science = _rows(trainer, 0.30, 0.9, "health", "science_technology")
    lost = _rows(trainer, 0.01, 0.9, "health", "sport")  # a desk article neither candidate gets right
    health = (science[0], science[1], "", ("health",), 1.0)  # general news, the same inputs as science
    outlets = np.array([o for o in ("Alarabia", "BBC", "CNN") for _ in range(20)])
    p, lex, desk, judged, weight = _columns(([science] * 4 + [lost] * 15 + [health]) * 3)
    found = trainer.fit_first_rule(p, lex, desk, judged, weight, outlets)
    held = found["held_out_by_training_outlet"]
    # equal shares: the judged article outweighs 4 of 19 desk ones, so the lexicon comes first
    assert held["0.5"] == {"desk_top1": 0.0, "general_top1": 1.0}
    assert held["0.9"]["desk_top1"] == pytest.approx(4 / 19, abs=1e-4) and held["0.9"]["general_top1"] == 0.0
    shipped = topics.FirstTopicRule.from_config(found)
    assert trainer.rule_outcome(shipped, p, lex, desk, judged, weight)["general_top1"] == 1.0
    larger = topics.FirstTopicRule.from_config({**found, **found["alternatives"]["0.9"]})
    assert trainer.rule_outcome(larger, p, lex, desk, judged, weight)["general_top1"] == 0.0


def test_jawharafm_evaluation_set_is_well_formed(trainer) -> None:
    """General news of the one ANT v1 outlet, judged for evaluation only: ids, labels and reasons."""
    judged = [json.loads(line) for line in trainer.JUDGED_EVAL.read_text(encoding="utf-8").splitlines()]
    assert len({j["id"] for j in judged}) == len(judged) == 80
    for j in judged:
        assert j["outlet"] == "JawharaFM" and j["phase"] == "evaluation", j
        assert j["id"].split("-")[1] in ("localNews", "internationalNews", "diverse"), j
        assert j["topics"] and set(j["topics"]) <= set(topics.TOPIC_NAMES_AR) and j["reason"].strip(), j
        assert j["inclusion"] == pytest.approx(80 / 6551, abs=1e-6)


def test_fit_phases_two_is_the_judged_set_before_the_third_phase(trainer) -> None:
    """``--fit-phases 2`` (the shipped model.json's fit): phase 1-2 rows only, at their phase 1-2 weights."""
    judged = [json.loads(line) for line in trainer.JUDGED.read_text(encoding="utf-8").splitlines()]
    rows = [{"id": j["id"], "corpus": "v2"} for j in judged] + [{"id": judged[0]["id"], "corpus": "v1"}]
    topics_, weight = trainer.judged_rows(rows, last_phase=2)
    for j, t, w in zip(judged, topics_, weight, strict=False):
        if j["phase"] == 3:
            assert (t, w) == ((), 0.0), j
        else:
            assert t == tuple(j["topics"]) and abs(w - 1.0 / j["inclusion_phase12"]) < 1e-9, j
    assert (topics_[-1], weight[-1]) == ((), 0.0)  # another corpus's article of the same id is not judged
    _, now = trainer.judged_rows(rows)
    assert (now > 0).sum() == len(judged) > (weight > 0).sum() == sum(j["phase"] < 3 for j in judged)


def test_pair_inputs_see_which_lexicon_label_goes_with_which_model_label(trainer) -> None:
    """Health words in a science desk story are its vocabulary, in a politics-read story its topic; conflict
    words the other way round. Each one-hot alone cannot rank all four right, the (lexicon, model) pair can."""
    def row(model_label: str, lexicon_label: str, right: str) -> tuple:
        p = np.full(len(trainer.LABELS), 0.05)
        p[trainer.LABELS.index(model_label)] = 0.6
        lex = np.zeros(len(trainer.LEXICON_LABELS))
        lex[trainer.LEXICON_LABELS.index(lexicon_label)] = 0.9
        if right == "model" and model_label == "science_technology":
            return p, lex, "science_technology", (), 0.0
        return p, lex, "", ((model_label,) if right == "model" else (lexicon_label,)), 1.0
    kinds = [row("science_technology", "health", "model"), row("politics", "health", "lexicon"),
             row("science_technology", "conflict", "lexicon"), row("politics", "conflict", "model")]
    rows = [k for k in kinds for _ in range(5)] * 3
    outlets = np.array([o for o in ("Alarabia", "BBC", "CNN") for _ in range(20)])
    p, lex, desk, judged, weight = _columns(rows)
    base = topics.FirstTopicRule.from_config(trainer.fit_first_rule(p, lex, desk, judged, weight, outlets))
    found = trainer._fit_rule(p, lex, desk, judged, weight, 0.5, inputs=("pairs",))
    assert found.inputs == ("pairs",) and len(found.coef) == len(base.coef) + 6 * len(trainer.LEXICON_LABELS)
    got_base = trainer.rule_outcome(base, p, lex, desk, judged, weight)
    assert got_base["desk_top1"] + got_base["general_top1"] < 2.0
    assert trainer.rule_outcome(found, p, lex, desk, judged, weight) == {"desk_top1": 1.0, "general_top1": 1.0}


def test_where_inputs_see_a_title_topic_from_borrowed_body_words(trainer) -> None:
    """Same confidences and labels; health words in the title and many of them (a health story, the lexicon
    is right) or a few in the body (a science desk story, the model is right): only ``where`` tells them."""
    science = _rows(trainer, 0.30, 0.9, "health", "science_technology")
    health = (science[0], science[1], "", ("health",), 1.0)
    j = trainer.LEXICON_LABELS.index("health")
    borrowed, own = np.zeros((len(trainer.LEXICON_LABELS), 3)), np.zeros((len(trainer.LEXICON_LABELS), 3))
    borrowed[j], own[j] = (0.0, 5.0, 3), (8.8, 24.7, 11)
    rows, profile = ([science] * 10 + [health] * 10) * 3, np.array(([borrowed] * 10 + [own] * 10) * 3)
    outlets = np.array([o for o in ("Alarabia", "BBC", "CNN") for _ in range(20)])
    p, lex, desk, judged, weight = _columns(rows)
    found = trainer.fit_first_rule(p, lex, desk, judged, weight, outlets, profile)
    assert "inputs" not in found  # the base rule's config stays as shipped
    base = topics.FirstTopicRule.from_config(found)
    assert trainer.rule_outcome(base, p, lex, desk, judged, weight) != {"desk_top1": 1.0, "general_top1": 1.0}
    rule = trainer._fit_rule(p, lex, desk, judged, weight, 0.5, profile, ("where",))
    assert trainer.rule_outcome(rule, p, lex, desk, judged, weight, profile) == {"desk_top1": 1.0,
                                                                                 "general_top1": 1.0}


def test_trainer_margins_use_the_evidence_intercepts_only_when_set(trainer, monkeypatch) -> None:
    """``EVIDENCE_TOKENS`` 0 (shipped): margins as before; set: each row's intercepts as ``classify`` applies them."""
    from scipy import sparse

    counts = sparse.csr_matrix(np.array([[1.0, 0.0], [2.0, 3.0]]))
    idf, coef_t = np.ones(2), np.array([[0.5, -0.5, 0.0], [0.0, 0.5, 0.5]])
    intercept = np.array([-1.0, -0.7, -0.4])
    rows, tokens = np.array([0, 1]), np.array([0, 500])
    plain = trainer.margins(counts, rows, idf, coef_t, intercept)
    assert np.allclose(trainer.margins(counts, rows, idf, coef_t, intercept, tokens), plain)
    monkeypatch.setattr(trainer, "EVIDENCE_TOKENS", 40.0)
    got = trainer.margins(counts, rows, idf, coef_t, intercept, tokens)
    assert np.allclose(got[1], plain[1])  # a long article keeps the trained intercepts
    assert np.allclose(got[0] - (plain[0] - intercept), intercept.mean())  # an empty one gets their mean
