"""Where the first-topic rule's ceiling is, and whether the general desks' margins help it (issue 18).

    python bench/topics_ceiling.py            # ~25 min on the shared 2-core machine

Per evaluation fold of bench/train_topics.py (one per held-out outlet, then the random split), on the
same out-of-fold predictions of the training outlets the shipped rule is fitted on:

* the ceiling: the lexicon's best label is never a desk label, so no rule puts more desk articles right than
  the section model's best label alone; an oracle picking whichever candidate is right bounds general news;
* the shipped rule's inputs against the same plus the section model's margins of the general desks ("how
  general is this article"), whose weights the shipped model does not keep, at desk weights 0.5 and 0.7.

Prints one line per setting: desk top-1 / judged ANT v2 general news per fold, JawharaFM's judged general
news on its fold, and the ANT v2 means. Reads ../shared/data/topics (not shipped); measures only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import train_topics as T
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from topics_eval import folds

from pipeline.nlp.topics import first_topic_features

V2 = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")


def section_margins(counts, classes: np.ndarray, names: list[str], recipe: dict, fit_on: np.ndarray,
                    score: np.ndarray) -> np.ndarray:
    """Margins of every section class (IPTC labels and general desks) of one linear SVM."""
    idf = T.fit_idf(counts[fit_on])
    clf = LinearSVC(C=recipe["C"], class_weight="balanced", random_state=T.SEED, max_iter=5000)
    clf.fit(T.design(counts[fit_on], idf), classes[fit_on])
    out = np.full((len(score), len(names)), -10.0)
    margin = clf.decision_function(T.design(counts[score], idf))
    for k, name in enumerate(clf.classes_):
        out[:, names.index(name)] = margin[:, k]
    return out


def features(p: np.ndarray, lex: np.ndarray, general: np.ndarray | None) -> np.ndarray:
    base = first_topic_features(p, lex, [T.LABELS.index(t) for t in T.DESK_LABELS])
    return base if general is None else np.column_stack([base, *general.T])


def fit_rule(p, lex, general, desk, judged, weight, desk_weight: float) -> LogisticRegression:
    model_right, lex_right = T._first_right(p, lex, desk, judged)
    w = T._rule_weights(desk, weight, desk_weight)
    use = (w > 0) & (model_right != lex_right) & (lex.max(axis=1) > 0)
    x = features(p, lex, general)[use]
    return LogisticRegression(C=T.RULE_C, max_iter=3000).fit(x, lex_right[use], sample_weight=w[use] * use.sum())


def right_with(rule, p, lex, general, desk, judged) -> np.ndarray:
    model_right, lex_right = T._first_right(p, lex, desk, judged)
    lexicon_first = (lex.max(axis=1) > 0) & (rule.decision_function(features(p, lex, general)) > 0)
    return np.where(lexicon_first, lex_right, model_right)


def weighted(right: np.ndarray, weight: np.ndarray) -> float:
    judged = weight > 0
    return float(weight[judged] @ right[judged] / weight[judged].sum()) if judged.any() else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=T.ROOT.parent / "shared" / "data" / "topics")
    args = ap.parse_args()
    rows = T.load(args.data_dir)
    y, m = T.targets(rows)
    outlets = np.array([r["outlet"] for r in rows])
    recipe = {**T.RECIPES["raqib"], "classes": T.section_classes(rows)}
    counts = T.hashed_counts([T.model_input(r["title"], r["text"]) for r in rows], recipe["config"])
    classes = recipe["classes"]
    names = sorted(set(classes.tolist()))
    general_cols = [j for j, name in enumerate(names) if ":" in name]
    iptc_cols = [j for j, name in enumerate(names) if ":" not in name]
    lex = T.lexicon_matrix(rows)
    desk = np.array([T.DESK_SECTIONS.get(r["section"], "") for r in rows])
    judged, weight = T.judged_rows(rows)
    eval_judged, eval_weight = T.judged_rows(rows, T.JUDGED_EVAL, "v1")
    judged = np.array([a or b for a, b in zip(judged, eval_judged, strict=True)], dtype=object)

    def general_inputs(margin: np.ndarray) -> np.ndarray:
        best_general = margin[:, general_cols].max(axis=1)
        return np.column_stack([best_general, best_general - margin[:, iptc_cols].max(axis=1)])

    results: dict[str, dict] = {}
    for _, name, tr, te in folds(rows, outlets):
        oof, _, a, b = T.oof_probabilities(recipe, counts, y, m, tr, outlets)
        p_oof = 1.0 / (1.0 + np.exp(-(a * np.nan_to_num(oof, nan=-10.0) + b)))
        idf, coef_t, intercept, _ = T.train(recipe, counts, y, m, tr)
        p_te = 1.0 / (1.0 + np.exp(-(a * T.margins(counts, te, idf, coef_t, intercept) + b)))
        g_oof = np.full((len(tr), len(names)), -10.0)
        for fit_on, held, _ in T.outlet_splits(outlets[tr]):
            g_oof[held] = section_margins(counts, classes, names, recipe, tr[fit_on], tr[held])
        g_te = section_margins(counts, classes, names, recipe, tr, te)
        model_right, lex_right = T._first_right(p_te, lex[te], desk[te], judged[te])
        is_desk = desk[te] != ""
        either = np.maximum(model_right, lex_right)
        fold = {"ceiling (model alone / oracle)": (model_right[is_desk].mean(), weighted(either, weight[te]),
                                                   weighted(either, eval_weight[te]))}
        for desk_weight in (0.5, 0.7):
            for label, g_tr, g_held in (("shipped inputs", None, None),
                                        ("+ general margins", general_inputs(g_oof), general_inputs(g_te))):
                rule = fit_rule(p_oof, lex[tr], g_tr, desk[tr], judged[tr], weight[tr], desk_weight)
                right = right_with(rule, p_te, lex[te], g_held, desk[te], judged[te])
                fold[f"{label} @ {desk_weight}"] = (right[is_desk].mean(), weighted(right, weight[te]),
                                                    weighted(right, eval_weight[te]))
        results[name] = fold
        print(f"fold {name} done", flush=True)
    for setting in results["BBC"]:
        per = " ".join(f"{n[:4]} {r[setting][0]:.3f}/{r[setting][1]:.3f}" for n, r in results.items())
        v2 = [results[o][setting] for o in V2]
        print(f"{setting:26s} {per} | JawharaFM judged {results['JawharaFM'][setting][2]:.3f} | ANT v2 mean desk "
              f"{np.mean([v[0] for v in v2]):.3f} general {np.mean([v[1] for v in v2]):.3f}")


if __name__ == "__main__":
    main()
