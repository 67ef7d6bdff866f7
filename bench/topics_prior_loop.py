"""How much the section model's intercepts should count when an article carries little evidence (round 27).

    python bench/topics_prior_cache.py            # once, ~20 min: fold margins split into w·x and intercept
    python bench/topics_prior_loop.py             # the grid below, seconds a variant
    python bench/topics_prior_loop.py --why       # only the diagnosis: who wins short texts, and by what

Why: with no features a linear model's margin is its intercept, and the section model's largest is
``sport``'s; texts of a few words (video blurbs, opinion stubs whose body is a disclaimer) carry too little
evidence to outweigh it, so they get ``sport`` first (round twenty-six: 10 of 18 plain "sport first" errors
are texts under 60 words). The candidate: each label's intercept shrunk toward the labels' mean intercept in
proportion to the evidence, ``b' = mean(b) + min(1, n / n0) * (b - mean(b))`` for an article of ``n`` word
tokens (title once + body), so a near-empty text is ranked by its words alone and a full article is unchanged.

The grid of ``n0`` is fixed here before any run (``GRID``; 0 = off, the shipped model; inf = intercept
differences dropped for every article). Per ``n0`` and fold (``topics_eval.folds``), the out-of-fold
probabilities of the training rows and the held-out probabilities are rebuilt from the cache with the shrunk
intercepts and the fold's own sigmoid, the first-topic rule is refitted as shipped (judged phases 1-2, desk
share 0.5, ``RULE_C``, base inputs) and scored. The choice (fixed before any run): the highest *inner, all
outlets* objective (desk and judged general news counted equally, each training outlet held out in turn over
every outlet's out-of-fold rows: what the shipped fit sees), equal to 4 decimals going to the smaller change
(smaller ``n0``). Held-out figures are printed for reporting only, with the round-26 desk sample re-scored:
each drawn row keeps its stratum, its first topic is the one this ``n0`` gives held out, and a reader accepts
it when it is among that row's judged topics. Measures only; the shipped model is not touched.
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import draw_desk_sample as ds  # noqa: E402
import train_topics as tt  # noqa: E402
from topics_eval import V2_OUTLETS  # noqa: E402
from topics_rule_loop import FOLDS, per_row_arrays  # noqa: E402

from pipeline.nlp.topics import evidence_intercepts  # noqa: E402

GRID = (0.0, 20.0, 40.0, 80.0, 160.0, math.inf)  # n0, fixed before any run
SHORT = 60  # round twenty-six's "short text": under 60 words (diagnosis only)


def probabilities(wx: np.ndarray, b: np.ndarray, n: np.ndarray, n0: float, y_m=None, ab=None):
    """(calibrated probabilities, (a, b)) as the trainer computes them with ``EVIDENCE_TOKENS = n0``: margins with
    ``evidence_intercepts``, the one sigmoid refitted on them (out-of-fold rows: ``y_m`` = their (y, m)) or given
    (``ab``, held-out rows); an unfitted label's margin counts as -10."""
    margin = wx + evidence_intercepts(np.broadcast_to(b, wx.shape), n, n0)
    if ab is None:
        y, m = y_m
        ok = m & ~np.isnan(margin)
        ab = tt.platt(margin[ok], y[ok])
    return 1.0 / (1.0 + np.exp(-(ab[0] * np.nan_to_num(margin, nan=-10.0) + ab[1]))), ab


def run(n0: float, cache: dict, a: dict, n: np.ndarray, y: np.ndarray, m: np.ndarray) -> dict:
    """Per fold (and ``all``): the rule's inner figures, the held-out figures and the held-out first topics."""
    outlets = cache["outlets"]
    out = {}
    for name in (*FOLDS, "all"):
        tr = np.arange(len(outlets)) if name == "all" else cache[f"{name}:tr"]
        p_oof, ab = probabilities(cache[f"{name}:oof_wx"], cache[f"{name}:oof_b"], n[tr], n0, (y[tr], m[tr]))
        if n0 == 0 and not np.allclose(ab, cache[f"{name}:ab"]):
            sys.exit(f"{name}: the refitted sigmoid differs from the cached one")
        found = tt.fit_first_rule(p_oof, a["lexicon"][tr], a["desk"][tr], a["fit_judged"][tr], a["fit_weight"][tr],
                                  outlets[tr], a["profile"][tr])
        res = {"inner": found["held_out_by_training_outlet"]["0.5"]}
        if name != "all":
            te = cache[f"{name}:te"]
            p, _ = probabilities(cache[f"{name}:te_wx"], cache[f"{name}:te_b"], n[te], n0, ab=ab)
            rule = tt.FirstTopicRule.from_config(found)
            got = tt.rule_outcome(rule, p, a["lexicon"][te], a["desk"][te], a["judged"][te], a["weight"][te],
                                  a["profile"][te])
            jfm = tt.rule_outcome(rule, p, a["lexicon"][te], a["desk"][te], a["eval_judged"][te],
                                  a["eval_weight"][te], a["profile"][te])
            first = tt.first_topics(rule, tt.LABELS, tt.DESK_LABELS, p, a["lexicon"][te], a["profile"][te])
            is_desk = a["desk"][te] != ""
            section = np.array(tt.LABELS)[p.argmax(axis=1)]
            res.update(got, jfm_general=jfm["general_top1"] if (a["eval_weight"][te] > 0).any() else float("nan"),
                       section_top1=float((section[is_desk] == a["desk"][te][is_desk]).mean()),
                       first=dict(zip(cache["ids"][te].tolist(), first.tolist(), strict=True)))
        out[name] = res
    return out


def objective(f: dict) -> float:
    return (f["desk_top1"] + f["general_top1"]) / 2.0


def desk_sample(first: dict[str, str]) -> tuple[dict, dict[str, int]]:
    """Round twenty-six's desk sample re-scored with these first topics (strata as drawn): the mean figures, and
    how the drawn rows moved (counts of rows, unweighted): plain errors made right (the desk label or a topic the
    reader accepts), of them the "sport first" ones, accepted errors and controls made wrong."""
    judged = {j["id"]: j for j in ds.read_jsonl(ds.JUDGED)}
    old = ds.outcomes(ds.read_jsonl(ds.DRAW), judged)
    new = ds.outcomes([{**r, "first": first[r["id"]]} for r in ds.read_jsonl(ds.DRAW)], judged)
    moved = {"plain_fixed": 0, "sport_plain_fixed": 0, "sport_plain": 0, "accepted_broken": 0, "controls_broken": 0,
             "changed": 0}
    for o, n in zip(old, new, strict=True):
        moved["changed"] += o["first"] != n["first"]
        plain = o["stratum"] == "differs" and not o["accepted"]
        moved["sport_plain"] += plain and o["first"] == "sport"
        moved["plain_fixed"] += plain and n["accepted"]
        moved["sport_plain_fixed"] += plain and o["first"] == "sport" and n["accepted"]
        moved["accepted_broken"] += o["stratum"] == "differs" and o["accepted"] and not n["accepted"]
        moved["controls_broken"] += o["stratum"] == "equals" and not n["accepted"]
    return ds.figures(new)["mean"], moved


def why(cache: dict, a: dict, n: np.ndarray) -> None:
    """On the training outlets' out-of-fold rows (``all``: each outlet scored by a model trained without it):
    who the section model puts first on short desk texts, and whether the intercept or the words decide."""
    wx, b = cache["all:oof_wx"], cache["all:oof_b"]
    labels = np.array(tt.LABELS)
    desk = a["desk"]
    by_margin, by_words = labels[np.nan_to_num(wx + b, nan=-99).argmax(axis=1)], labels[np.nan_to_num(wx, nan=-99)
                                                                                      .argmax(axis=1)]
    v2 = np.isin(cache["outlets"], V2_OUTLETS)
    for what, rows in (("desk, ANT v2", (desk != "") & v2), ("desk, all outlets", desk != "")):
        for lo, hi in ((0, 20), (20, SHORT), (SHORT, 150), (150, 10**9)):
            sel = rows & (n >= lo) & (n < hi)
            if not sel.any():
                continue
            wrong_sport = sel & (by_margin == "sport") & (desk != "sport")
            decided = sel & (by_margin != by_words)
            non_sport = max(int((sel & (desk != "sport")).sum()), 1)
            print(f"{what} {lo}-{hi} tokens: {sel.sum()} rows; section model right "
                  f"{np.mean(by_margin[sel] == desk[sel]):.3f} (words alone {np.mean(by_words[sel] == desk[sel]):.3f});"
                  f" sport on a non-sport desk {wrong_sport.sum()} ({wrong_sport.sum() / non_sport:.3f} of them); the "
                  f"intercept changes the best label {decided.sum()} (to sport "
                  f"{(decided & (by_margin == 'sport')).sum()})")
    mean_b = np.nanmean(b, axis=0)
    print("mean out-of-fold intercepts: "
          + ", ".join(f"{lb} {v:+.3f}" for lb, v in zip(tt.LABELS, mean_b, strict=True)))
    for name in sorted(V2_OUTLETS):
        print(f"fold {name} held-out model intercepts: " + ", ".join(
            f"{lb} {v:+.3f}" for lb, v in zip(tt.LABELS, cache[f'{name}:te_b'], strict=True)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/topics_prior_cache.npz"))
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--why", action="store_true", help="only the diagnosis")
    args = ap.parse_args()
    a = per_row_arrays(args.data_dir, args.cache.with_name(args.cache.stem + "_rows.npz"))
    rows = tt.load(args.data_dir)
    y, m = tt.targets(rows)
    n = tt.token_counts(rows).astype(float)
    with np.load(args.cache, allow_pickle=False) as z:
        cache = {k: z[k] for k in z.files}
    if not np.array_equal(a["ids"], cache["ids"]):
        sys.exit("the per-row arrays' rows differ from the cached margins' rows")
    warnings.filterwarnings("ignore", message="lbfgs failed to converge")
    if args.why:
        return why(cache, a, n)
    results = {}
    for n0 in GRID:
        r = results[n0] = run(n0, cache, a, n, y, m)
        v2 = [r[o] for o in V2_OUTLETS]
        sample, moved = desk_sample({k: v for o in V2_OUTLETS for k, v in r[o]["first"].items()})
        print(f"== n0 {n0}: inner all desk {r['all']['inner']['desk_top1']:.4f} general "
              f"{r['all']['inner']['general_top1']:.4f} objective {objective(r['all']['inner']):.4f}; inner per-fold "
              f"mean (ANT v2) {np.mean([objective(f['inner']) for f in v2]):.4f}")
        print(f"   HELD-OUT ANT v2 desk {np.mean([f['desk_top1'] for f in v2]):.4f} ("
              + " ".join(f"{f['desk_top1']:.4f}" for f in v2)
              + f") general {np.mean([f['general_top1'] for f in v2]):.4f}"
              f" | section model alone {np.mean([f['section_top1'] for f in v2]):.4f} | JFM desk "
              f"{r['JawharaFM']['desk_top1']:.4f} general {r['JawharaFM']['jfm_general']:.4f} | random desk "
              f"{r['random']['desk_top1']:.4f} general {r['random']['general_top1']:.4f}")
        print(f"   desk sample (mean of five): strict {sample['strict'][0]:.4f} accepted {sample['accepted'][0]:.4f} "
              f"({sample['accepted'][1]:.4f}) first=best {sample['first_is_best'][0]:.3f}; drawn rows {moved}")
    chosen = max(GRID, key=lambda g: (round(objective(results[g]["all"]["inner"]), 4), -g))
    picks = {f: max(GRID, key=lambda g: (round(objective(results[g][f]["inner"]), 4), -g)) for f in FOLDS}
    v2 = [results[picks[o]][o] for o in V2_OUTLETS]
    print(f"choice by inner all: n0 {chosen}; nested picks {picks}: HELD-OUT ANT v2 desk "
          f"{np.mean([f['desk_top1'] for f in v2]):.4f} general {np.mean([f['general_top1'] for f in v2]):.4f} | JFM "
          f"{results[picks['JawharaFM']]['JawharaFM']['jfm_general']:.4f} | random desk "
          f"{results[picks['random']]['random']['desk_top1']:.4f}")
    base, pick = results[0.0], results[chosen]
    changed = [(i, base[o]["first"][i], pick[o]["first"][i]) for o in V2_OUTLETS for i in base[o]["first"]
               if base[o]["first"][i] != pick[o]["first"][i]]
    print(f"held-out first topics changed by n0 {chosen} (ANT v2): {len(changed)}")
    for i, old, new in changed[:200]:
        print(f"   {i}: {old} -> {new}")


if __name__ == "__main__":
    main()
