"""Cache the section model's fold margins split into evidence and intercept (issue 18, round twenty-seven).

    python bench/topics_prior_cache.py [--out /tmp/topics_prior_cache.npz]   # ~20 min on a shared 2-core machine

Why: near-empty texts (video blurbs, opinion stubs whose body is a disclaimer) get ``sport`` first. With no
features the section model's margin is its intercept, and ``sport``'s is the largest. To measure a change to
how much the intercepts count when an article carries little evidence, without retraining per variant, this
writes what ``topics_rule_cache.py`` writes (the same folds, the same models) as parts: per row and label the
margin without the intercept (``w·x``), the intercept of the model that scored the row, and the fold's sigmoid
(a, b). ``p = sigmoid(a * (w·x + intercept) + b)`` gives ``topics_rule_cache.py``'s probabilities back.
Measures only; the shipped model is not touched.
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
    outlet_splits,
    platt,
    section_classes,
    targets,
    train,
)

from pipeline.nlp.topics import model_input  # noqa: E402


def parts(recipe: dict, counts, y, m, idx: np.ndarray, splits) -> tuple[np.ndarray, np.ndarray]:
    """(w·x, intercept) of rows ``idx`` out of fold, as ``train_topics.out_of_fold`` scores them (NaN: unfitted)."""
    wx = np.full((len(idx), len(LABELS)), np.nan)
    b = np.full((len(idx), len(LABELS)), np.nan)
    for tr, va, _ in splits:
        idf, coef_t, intercept, fitted = train(recipe, counts, y, m, idx[tr])
        got = margins(counts, idx[va], idf, coef_t, np.zeros_like(intercept))
        cols = [j for j in range(len(LABELS)) if fitted[j]]
        wx[np.ix_(va, cols)] = got[:, cols]
        b[np.ix_(va, cols)] = intercept[cols]
    return wx, b


def sigmoid_of(wx: np.ndarray, b: np.ndarray, y, m, idx: np.ndarray) -> tuple[float, float]:
    """``oof_probabilities``' one sigmoid for all labels, fitted on the out-of-fold margins."""
    oof = wx + b
    ok = m[idx] & ~np.isnan(oof)
    return platt(oof[ok], y[idx][ok])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--out", type=Path, default=Path("/tmp/topics_prior_cache.npz"))
    args = ap.parse_args()
    t0 = time.time()
    rows = load(args.data_dir)
    y, m = targets(rows)
    outlets = np.array([r["outlet"] for r in rows])
    recipe = {**RECIPES["raqib"], "classes": section_classes(rows)}
    counts = hashed_counts([model_input(r["title"], r["text"]) for r in rows], recipe["config"])
    arrays = {"ids": np.array([r["id"] for r in rows]), "outlets": outlets}
    for protocol, name, tr, te in folds(rows, outlets):
        wx, b = parts(recipe, counts, y, m, tr, outlet_splits(outlets[tr]))
        a_, b_ = sigmoid_of(wx, b, y, m, tr)
        idf, coef_t, intercept, _ = train(recipe, counts, y, m, tr)
        te_wx = margins(counts, te, idf, coef_t, np.zeros_like(intercept))
        arrays.update({f"{name}:tr": tr, f"{name}:te": te, f"{name}:oof_wx": wx, f"{name}:oof_b": b,
                       f"{name}:te_wx": te_wx, f"{name}:te_b": intercept, f"{name}:ab": np.array([a_, b_])})
        np.savez_compressed(args.out, **arrays)  # each fold as it comes: a partial cache is still usable
        print(f"{protocol} {name} ({time.time() - t0:.0f}s)", flush=True)
    everything = np.arange(len(rows))
    wx, b = parts(recipe, counts, y, m, everything, outlet_splits(outlets))
    arrays.update({"all:oof_wx": wx, "all:oof_b": b, "all:ab": np.array(sigmoid_of(wx, b, y, m, everything))})
    np.savez_compressed(args.out, **arrays)
    print(f"written {args.out} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
