"""The topic trainer's choice of lexicon damping (bench/train_topics.py), on small hand-made predictions."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline.nlp import topics

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def trainer():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("train_topics", BENCH / "train_topics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(trainer, desk_p: float, lexicon: float, lexicon_label: str, desk: str) -> tuple:
    p = np.full(len(trainer.LABELS), 0.01)
    if desk:
        p[trainer.LABELS.index(desk)] = desk_p
    else:
        p[trainer.LABELS.index("sport")] = desk_p  # general news a desk label half-claims
        p[trainer.LABELS.index("politics")] = 0.05
    lex = np.zeros(len(trainer.LEXICON_LABELS))
    lex[trainer.LEXICON_LABELS.index(lexicon_label)] = lexicon
    return p, lex, desk


def _choose(trainer, rows: list[tuple]) -> float:
    p, lex, desk = (np.array(col) for col in zip(*rows, strict=True))
    return trainer.choose_damp_power(p, lex, desk)


def test_damp_power_stops_before_general_news_loses_its_lexicon_topic(trainer) -> None:
    """Desk accuracy alone would take the power that silences the lexicon; general news caps it."""
    tech = _rows(trainer, 0.30, 0.9, "health", "science_technology")  # right from power 4 (0.9 * 0.7**4 = 0.22)
    tech_light = _rows(trainer, 0.30, 0.5, "health", "science_technology")  # right from 1.5 (0.5 * 0.7**1.5 = 0.29)
    news = _rows(trainer, 0.45, 0.9, "health", "")  # keeps health (>= 0.35) up to 1.5: 0.9 * 0.55**2 = 0.27
    assert _choose(trainer, [tech] * 10) == 4.0  # the smallest power with the best desk accuracy
    assert _choose(trainer, [tech] * 5 + [tech_light] * 5) == 4.0
    assert _choose(trainer, [tech] * 5 + [tech_light] * 5 + [news] * 10) == 1.5
    assert _choose(trainer, [tech] * 5 + [news] * 10) == 1.0  # nothing gained within the cap: no change
    sure = _rows(trainer, 0.9, 0.5, "health", "sport")
    assert _choose(trainer, [sure] * 3 + [news] * 3) == 1.0


def test_combine_applies_the_damp_power() -> None:
    desks = ("sport", "economy", "science_technology", "arts_culture")
    scores = topics.combine({"arts_culture": 0.7}, {"crime_law": 0.9}, desks, 2.0)
    assert scores["crime_law"] == pytest.approx(0.9 * 0.3**2)
    assert topics.combine({"politics": 0.9}, {"conflict": 0.8}, desks, 3.0)["conflict"] == pytest.approx(0.8)


def test_shipped_model_carries_its_chosen_damp_power(trainer) -> None:
    config = json.loads((topics.DATA_DIR / "model.json").read_text(encoding="utf-8"))
    assert config["damp_power"] in trainer.DAMP_POWERS
    assert topics._load_model().damp_power == config["damp_power"]
