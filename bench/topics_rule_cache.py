"""Cache the per-fold model probabilities the first-topic rule is fitted and scored on.

    python bench/topics_rule_cache.py [--out /tmp/topics_rule_cache.npz]   # ~18 min on a shared 2-core machine

Why: ``bench/train_topics.py`` retrains the section model (out-of-fold on the training outlets, then the fold
model) in every evaluation fold, ~20 min, although a change to the first-topic rule only needs the
calibrated probabilities. This writes, per fold of ``topics_eval.folds`` (six held-out outlets, then the
random split): the training rows' out-of-fold probabilities (what ``calibration`` fits the rule on) and
the held-out rows' probabilities under the fold model (what the evaluation scores). ``topics_rule_loop.py``
refits only the rule on them in seconds. Measures only; the shipped model is not touched.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from topics_eval import folds  # noqa: E402
from train_topics import (  # noqa: E402
    LABELS,
    RECIPES,
    hashed_counts,
    load,
    margins,
    oof_probabilities,
    section_classes,
    targets,
    token_counts,
    train,
)

from pipeline.nlp.topics import calibrated, model_from_arrays, model_input  # noqa: E402


def fold_probabilities(recipe: dict, counts, y, m, tr: np.ndarray, te: np.ndarray, outlets: np.ndarray):
    """(out-of-fold probabilities of ``tr``, fold-model probabilities of ``te``), as ``build`` computes them."""
    oof, _, a, b = oof_probabilities(recipe, counts, y, m, tr, outlets)
    p_oof = 1.0 / (1.0 + np.exp(-(a * np.nan_to_num(oof, nan=-10.0) + b)))
    idf, coef_t, intercept, _ = train(recipe, counts, y, m, tr)
    config = {**recipe["config"], "labels": list(LABELS), "damp_labels": recipe["damp_labels"],
              "calibration": {label: [round(a, 6), round(b, 6)] for label in LABELS}}
    model = model_from_arrays(config, idf, coef_t, intercept)
    return p_oof, calibrated(model, margins(counts, te, idf, coef_t, intercept, recipe.get("tokens")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--out", type=Path, default=Path("/tmp/topics_rule_cache.npz"))
    args = ap.parse_args()
    t0 = time.time()
    rows = load(args.data_dir)
    y, m = targets(rows)
    outlets = np.array([r["outlet"] for r in rows])
    recipe = {**RECIPES["raqib"], "classes": section_classes(rows), "tokens": token_counts(rows)}
    counts = hashed_counts([model_input(r["title"], r["text"]) for r in rows], recipe["config"])
    arrays = {"ids": np.array([r["id"] for r in rows]), "outlets": outlets}
    for protocol, name, tr, te in folds(rows, outlets):
        p_oof, p_te = fold_probabilities(recipe, counts, y, m, tr, te, outlets)
        arrays.update({f"{name}:tr": tr, f"{name}:te": te, f"{name}:p_oof": p_oof, f"{name}:p_te": p_te})
        print(f"{protocol} {name} ({time.time() - t0:.0f}s)", flush=True)
    everything = np.arange(len(rows))
    oof, _, a, b = oof_probabilities(recipe, counts, y, m, everything, outlets)
    arrays["all:p_oof"] = 1.0 / (1.0 + np.exp(-(a * np.nan_to_num(oof, nan=-10.0) + b)))
    np.savez_compressed(args.out, **arrays)
    print(f"written {args.out} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
