"""Refit only the first-topic rule on cached fold probabilities: seconds a variant instead of ~20 minutes.

    python bench/topics_rule_cache.py                      # once, ~18 min: the section model's fold probabilities
    python bench/topics_rule_loop.py base where pairs,where [--fit-phases 2]
    python bench/topics_rule_loop.py base --C 0.1 0.3 1 3      # a grid of the rule's C

A variant is a comma-separated list of ``RULE_INPUTS`` groups (``base``: none); each variant is run at each
``--C``. Per variant and fold
(``topics_eval.folds``) the rule is fitted the way ``bench/train_topics.py`` fits it (``fit_first_rule``: on the
training rows' out-of-fold probabilities, desk share 0.5 and the others beside it) and scored on the held-out
rows. Printed first, what choosing may use: each fold's figures holding out one *training* outlet at a time
(``inner``), and the same over all outlets (``all``, what the shipped model's fit sees). Then the held-out
figures, for reporting only. Measures only; the shipped model is not touched.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_topics as tt  # noqa: E402
from topics_eval import V2_OUTLETS  # noqa: E402

FOLDS = (*sorted(V2_OUTLETS), "JawharaFM", "random")


def per_row_arrays(data_dir: Path, path: Path) -> dict[str, np.ndarray]:
    """Lexicon scores and profiles, desk labels and judged sets per row (cached beside the probabilities)."""
    if path.exists():
        with np.load(path, allow_pickle=True) as z:
            return {k: z[k] for k in z.files}
    rows = tt.load(data_dir)
    judged, weight = tt.judged_rows(rows)
    fit_judged, fit_weight = tt.judged_rows(rows, last_phase=2)
    eval_judged, eval_weight = tt.judged_rows(rows, tt.JUDGED_EVAL, "v1")
    out = {"ids": np.array([r["id"] for r in rows]), "lexicon": tt.lexicon_matrix(rows),
           "profile": tt.lexicon_profiles([(r["title"], r["text"]) for r in rows], tt.LEXICON_LABELS),
           "desk": np.array([tt.DESK_SECTIONS.get(r["section"], "") for r in rows]),
           "judged": judged, "weight": weight, "fit_judged": fit_judged, "fit_weight": fit_weight,
           "eval_judged": eval_judged, "eval_weight": eval_weight}
    np.savez(path, **out)
    return out


def fold_figures(rule, p, rows: np.ndarray, a: dict) -> dict[str, float]:
    """Held-out desk top-1, judged ANT v2 and JawharaFM general-news top-1 of ``rule`` on ``rows``."""
    got = tt.rule_outcome(rule, p, a["lexicon"][rows], a["desk"][rows], a["judged"][rows], a["weight"][rows],
                          a["profile"][rows])
    jfm = tt.rule_outcome(rule, p, a["lexicon"][rows], a["desk"][rows], a["eval_judged"][rows],
                          a["eval_weight"][rows], a["profile"][rows])
    return {**got, "jfm_general": jfm["general_top1"] if (a["eval_weight"][rows] > 0).any() else float("nan")}


def run_variant(inputs: tuple[str, ...], cache, a: dict, fit_phases: int | None) -> dict:
    """Per fold: the inner (training outlets) figures per desk share, and the held-out figures per desk share."""
    tt.RULE_FEATURES = inputs
    judged, weight = (a["fit_judged"], a["fit_weight"]) if fit_phases else (a["judged"], a["weight"])
    outlets = cache["outlets"]
    out = {}
    for name in (*FOLDS, "all"):
        tr = np.arange(len(outlets)) if name == "all" else cache[f"{name}:tr"]
        found = tt.fit_first_rule(cache[f"{name}:p_oof"], a["lexicon"][tr], a["desk"][tr], judged[tr], weight[tr],
                                  outlets[tr], a["profile"][tr])
        held = {}
        if name != "all":
            te = cache[f"{name}:te"]
            for share, fitted in found["alternatives"].items():
                rule = tt.FirstTopicRule.from_config({**found, **fitted})
                held[share] = fold_figures(rule, cache[f"{name}:p_te"], te, a)
        out[name] = {"inner": found["held_out_by_training_outlet"], "held_out": held}
    return out


def show(name: str, result: dict) -> None:
    """Inner figures first (choosing may use them), then held-out ones (reporting only)."""
    inner_all = result["all"]["inner"]["0.5"]
    inner_v2 = np.mean([[result[o]["inner"]["0.5"][k] for k in ("desk_top1", "general_top1")] for o in V2_OUTLETS],
                       axis=0)
    print(f"== {name}: inner all desk {inner_all['desk_top1']:.4f} general {inner_all['general_top1']:.4f} "
          f"objective {(inner_all['desk_top1'] + inner_all['general_top1']) / 2:.4f}; inner per-fold mean (ANT v2) "
          f"desk {inner_v2[0]:.4f} general {inner_v2[1]:.4f} objective {inner_v2.mean():.4f}")
    for share in tt.DESK_WEIGHTS:
        s = str(share)
        v2 = [result[o]["held_out"][s] for o in V2_OUTLETS]
        jfm, rnd = result["JawharaFM"]["held_out"][s], result["random"]["held_out"][s]
        desk = " ".join(f"{f['desk_top1']:.4f}" for f in v2)
        general = " ".join(f"{f['general_top1']:.4f}" for f in v2)
        print(f"  share {s}: HELD-OUT ANT v2 desk {np.mean([f['desk_top1'] for f in v2]):.4f} ({desk}) general "
              f"{np.mean([f['general_top1'] for f in v2]):.4f} ({general}) "
              f"| JFM desk {jfm['desk_top1']:.4f} general {jfm['jfm_general']:.4f} "
              f"| random desk {rnd['desk_top1']:.4f} general {rnd['general_top1']:.4f} jfm {rnd['jfm_general']:.4f}")


def objective(figures: dict[str, float]) -> float:
    """The damping's and the rule's objective: desk and judged general-news top-1 counted equally."""
    return (figures["desk_top1"] + figures["general_top1"]) / 2.0


def choice(results: dict[tuple[str, float], dict], fold: str) -> tuple[str, float]:
    """The (variant, C) with the best inner objective of ``fold`` (desk share 0.5; ``all``: every outlet's
    out-of-fold rows, what the shipped fit sees); equal to 4 decimals, base first, then the larger C."""
    return max(results, key=lambda k: (round(objective(results[k][fold]["inner"]["0.5"]), 4), k[0] == "base", k[1]))


def nested_choice(results: dict[tuple[str, float], dict]) -> None:
    """Each fold picks its (variant, C) by its own inner objective (``choice``); printed: the held-out figures of
    those picks, the honest estimate of choosing by that objective."""
    picks, held = {}, []
    for fold in FOLDS:
        picks[fold] = choice(results, fold)
        held.append(results[picks[fold]][fold]["held_out"]["0.5"])
    v2, jfm = [held[FOLDS.index(o)] for o in V2_OUTLETS], held[FOLDS.index("JawharaFM")]
    print(f"choice by inner all: {choice(results, 'all')}")
    print(f"nested choice per fold {picks}: HELD-OUT ANT v2 desk {np.mean([f['desk_top1'] for f in v2]):.4f} "
          f"general {np.mean([f['general_top1'] for f in v2]):.4f} | JFM desk "
          f"{jfm['desk_top1']:.4f} general {jfm['jfm_general']:.4f}"
          f" | random desk {held[-1]['desk_top1']:.4f} general {held[-1]['general_top1']:.4f}")


def inner_rights(inputs: tuple[str, ...], c: float, cache, a: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(desk rows right, judged rows right, their weights), each ANT v2 outlet predicted by the rule (at C ``c``)
    fitted on the others' out-of-fold probabilities (all rows, desk share 0.5), pooled: for
    ``tt._objective_gap_se``."""
    tt.RULE_FEATURES, tt.RULE_C = inputs, c
    p, outlets, desk, weight = cache["all:p_oof"], cache["outlets"], a["desk"], a["weight"]
    found = ([], [], [])
    for outlet in sorted(V2_OUTLETS):
        fit, held = outlets != outlet, outlets == outlet
        rule = tt._fit_rule(p[fit], a["lexicon"][fit], desk[fit], a["judged"][fit], weight[fit], 0.5,
                            a["profile"][fit])
        first = tt.first_topics(rule, tt.LABELS, tt.DESK_LABELS, p[held], a["lexicon"][held], a["profile"][held])
        right = tt.first_right(first, desk[held], a["judged"][held])
        judged = weight[held] > 0
        for k, part in enumerate((right[desk[held] != ""], right[judged], weight[held][judged])):
            found[k].append(part)
    return tuple(np.concatenate(f) for f in found)


def gap_se(variants: list[str], grid: list[float], cache, a: dict) -> None:
    """Each (variant, C)'s pooled inner objective against the first one's, with the paired standard error of the
    gap (the damping's one-standard-error rule: a variant must win by more than it)."""
    found = {f"{v} C={c}": inner_rights(() if v == "base" else tuple(v.split(",")), c, cache, a)
             for c in grid for v in variants}
    names = list(found)
    first = found[names[0]]
    w = first[2]

    def pooled(r: tuple) -> float:
        return float((r[0].mean() + w @ r[1] / w.sum()) / 2)
    for v in names[1:]:
        se = tt._objective_gap_se((None, *found[v][:2]), (None, *first[:2]), w)
        print(f"pooled inner objective {v} {pooled(found[v]):.4f} vs {names[0]} {pooled(first):.4f}: "
              f"gap {pooled(found[v]) - pooled(first):+.4f}, paired SE {se:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variants", nargs="+", help="comma-separated RULE_INPUTS groups, or 'base'")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/topics_rule_cache.npz"))
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--fit-phases", type=int, choices=(2,), help="fit on the judged phases 1-2 only")
    ap.add_argument("--gap-se", action="store_true", help="only the pooled inner objective of each variant against "
                    "the first one, with the paired standard error of the gap")
    ap.add_argument("--out", type=Path, help="write every figure here (JSON)")
    ap.add_argument("--C", type=float, nargs="+", default=[tt.RULE_C],
                    help="the rule's inverse regularisation (several: a grid, each variant at each)")
    args = ap.parse_args()
    a = per_row_arrays(args.data_dir, args.cache.with_name(args.cache.stem + "_rows.npz"))
    if not args.variants[0]:
        return  # only the per-row arrays
    with np.load(args.cache, allow_pickle=False) as z:
        cache = {k: z[k] for k in z.files}
    if not np.array_equal(a["ids"], cache["ids"]):
        sys.exit("the per-row arrays' rows differ from the cached probabilities' rows")
    warnings.filterwarnings("ignore", message="lbfgs failed to converge")  # counted by the report, not printed
    if args.gap_se:
        return gap_se(args.variants, args.C, cache, a)
    results = {}
    for c in args.C:
        tt.RULE_C = c
        for variant in args.variants:
            inputs = () if variant == "base" else tuple(variant.split(","))
            result = results[variant, c] = run_variant(inputs, cache, a, args.fit_phases)
            show(f"{variant} C={c}", result)
            for fold in (*FOLDS, "all"):
                inner = result[fold]["inner"]["0.5"]
                print(f"    inner {fold}: desk {inner['desk_top1']:.4f} general {inner['general_top1']:.4f} "
                      f"objective {objective(inner):.4f}")
    if args.out:  # keyed by variant alone at one C (as before), else "variant C=c"
        named = {(v if len(args.C) == 1 else f"{v} C={c}"): r for (v, c), r in results.items()}
        args.out.write_text(json.dumps(named, indent=1) + "\n", encoding="utf-8")
    if len(results) > 1:
        nested_choice(results)


if __name__ == "__main__":
    main()
