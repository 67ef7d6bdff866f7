"""Draw the general-news articles to judge by reading (bench/data/topics_general_judged.jsonl).

    python bench/draw_judged_topics.py [--data-dir ../shared/data/topics] [--per-stratum 10] > draw.jsonl
    python bench/draw_judged_topics.py --disagreement 40 > draw2.jsonl   # second phase (below)
    python bench/draw_judged_topics.py --phase 3 --per-outlet 30 > draw3.jsonl   # third phase (below)

General news = ANT v2 articles of no desk section (internationalNews, middleEast). Per outlet, each
article falls in one stratum by what the shipped model + lexicon make its first topic: ``lexicon_strong``
(a lexicon topic first at damping power 6 too), ``lexicon_contested`` (a lexicon topic first at power 1
but not at 6: the articles the damping choice decides) and ``model`` (a model label first at power 1).
``--per-stratum`` articles are drawn from each (seeded), and each stratum's size is written beside
them, so the bench weights every judged article by stratum size / drawn (an estimate for all general
news of the outlet, not for the over-drawn lexicon articles). Only ids, strata and sizes are written:
ANT v2 text is research use and is read from ../shared at bench time.

Second phase (``--disagreement N``): only articles whose first topic differs between damping
candidates can tell candidates apart, and the first phase held few of them at small weights. For every
general-news article, the first topic is computed under every candidate (``DAMP_CANDIDATES``) by every
model the bench trains (each evaluation fold's model on its held-out rows, and each fold's out-of-fold
predictions on its training rows, for the shipped model too); an article whose first topics differ is in
the *disagreement set*. N more articles per outlet are drawn (seeded) from that set, leaving out those
already judged. Each judged article's inclusion probability (``inclusion``: first phase n/N of its
stratum, plus for the disagreement set (1 - that) x N / (disagreement articles not drawn first)) is
written, and the bench weights articles by its inverse. The shipped set's disagreement set was
computed with the calibration of that time (three folds grouped by outlet, before 3c955b5); the
current one-outlet-out calibration gives a different set, so a rerun draws other articles.

The strata come from the model shipped when the set was drawn (commit 781509f, damping ``desk`` power
1 as that model.json had it; ``stratum`` passes them explicitly), so rerunning it on that commit
reproduces the draw. Each drawn article was then labelled by reading its title and opening (never its
predicted topics) with every topic id that fits, the best first, and a one-line reason.

Third phase (``--phase 3 --per-outlet N``): the first-topic rule learns from the articles where its two
candidates (the section model's best label, the lexicon's best label) are not both right or both wrong,
and phases 1-2 hold few of those at small weights. Each outlet's general news is split by the shipped
section model and lexicon alone (no judged data: the sigmoid is fitted on out-of-fold margins) into C3,
the articles whose first topic differs between the damping candidates (``DAMP_CANDIDATES``: where the
weight given to the lexicon decides), and the rest. N articles per outlet are drawn (seeded) from C3
less the articles already judged. Weights stay unbiased by splitting the estimate: C3's judged phase
1-2 articles are known and count once each (``inclusion`` 1.0, the old value kept as
``inclusion_phase12``); the phase-3 draw stands for the unjudged rest of C3 (``inclusion`` n / |C3 not
judged|); articles outside C3 keep their phase 1-2 inclusion (Horvitz-Thompson over a domain fixed
before any draw). C3 depends on the model shipped at commit c90cb60.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp.topics import TOPIC_NAMES_AR, combine, lexicon_scores, model_probabilities  # noqa: E402

SEED = 18
GENERAL_SECTIONS = ("internationalNews", "middleEast")
DESKS = ("sport", "economy", "science_technology", "arts_culture")


def stratum(title: str, text: str) -> str:
    probs, lex = model_probabilities(title, text), lexicon_scores(title, text)

    def first(power: float) -> str:
        scores = combine(probs, lex, DESKS, power, "desk")
        return min(TOPIC_NAMES_AR, key=lambda t: (-scores[t], t))

    if first(1.0) in probs:
        return "model"
    return "lexicon_strong" if first(6.0) not in probs else "lexicon_contested"


def disagreement(data_dir: Path) -> set[str]:
    """Ids of ANT v2 general-news articles whose first topic differs between damping candidates under
    some model the bench trains (held-out predictions of every fold, out-of-fold ones of its training rows)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import train_topics as tt
    from topics_eval import folds

    rows = tt.load(data_dir)
    y, m = tt.targets(rows)
    outlets = np.array([r["outlet"] for r in rows])
    recipe = {**tt.RECIPES["raqib"], "classes": tt.section_classes(rows)}
    counts = tt.hashed_counts([tt.model_input(r["title"], r["text"]) for r in rows], recipe["config"])
    lex = tt.lexicon_matrix(rows)
    general = np.array([r["corpus"] == "v2" and r["section"] in GENERAL_SECTIONS for r in rows])
    firsts: dict[int, set[str]] = {}
    every = [("all", "all", np.arange(len(rows)), np.array([], dtype=int))]
    for _, name, tr, te in [*folds(rows, outlets), *every]:
        oof, _, a, b = tt.oof_probabilities(recipe, counts, y, m, tr, outlets)
        sets = [(tr, 1.0 / (1.0 + np.exp(-(a * np.nan_to_num(oof, nan=-10.0) + b))))]
        if len(te):
            arrays = tt.train(recipe, counts, y, m, tr)[:3]
            sets.append((te, 1.0 / (1.0 + np.exp(-(a * tt.margins(counts, te, *arrays) + b)))))
        for rr, p in sets:
            keep = general[rr]
            for form, power in tt.DAMP_CANDIDATES:
                first, _ = tt.damped_first_topics(p[keep], lex[rr][keep], form, power)
                for i, t in zip(rr[keep].tolist(), first.tolist(), strict=True):
                    firsts.setdefault(i, set()).add(t)
        print(f"  {name}: {sum(len(v) > 1 for v in firsts.values())} articles disagree so far", file=sys.stderr)
    return {rows[i]["id"] for i, topics_ in firsts.items() if len(topics_) > 1}


def second_phase(data_dir: Path, per_outlet: int) -> None:
    """Draw ``per_outlet`` more per outlet from the disagreement set; print every judged article's inclusion."""
    sys.path.insert(0, str(ROOT / "bench"))
    from train_topics import JUDGED

    first = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    first = [j for j in first if j.get("phase", 1) == 1]
    done = {j["id"] for j in first}
    ids = sorted(disagreement(data_dir))
    rng = np.random.default_rng(SEED + 1)
    drawn, rate = [], {}
    for outlet in sorted({j["outlet"] for j in first}):
        pool = [i for i in ids if _outlet(i) == outlet and i not in done]
        size = sum(1 for i in ids if _outlet(i) == outlet)
        n = min(per_outlet, len(pool))
        rate[outlet] = n / len(pool) if pool else 0.0
        drawn += [{"id": pool[k], "outlet": outlet, "phase": 2, "disagreement_size": size,
                   "disagreement_pool": len(pool), "drawn": n}
                  for k in sorted(rng.choice(len(pool), size=n, replace=False).tolist())]
    in_d = set(ids)
    for j in first:
        p1 = j["stratum_drawn"] / j["stratum_size"]
        print(json.dumps({**j, "phase": 1, "in_disagreement": j["id"] in in_d,
                          "inclusion": round(p1 + ((1 - p1) * rate[j["outlet"]] if j["id"] in in_d else 0.0), 6)},
                         ensure_ascii=False))
    phase1_rate = {(j["outlet"], j["stratum"]): j["stratum_drawn"] / j["stratum_size"] for j in first}
    texts = _articles(data_dir, {j["id"] for j in drawn})
    for j in drawn:
        name = stratum(*texts[j["id"]])
        p1 = phase1_rate[(j["outlet"], name)]  # it could have been drawn first
        print(json.dumps({"id": j["id"], "outlet": j["outlet"], "phase": 2, "stratum": name, "in_disagreement": True,
                          **{k: v for k, v in j.items() if k not in ("id", "outlet", "phase")},
                          "inclusion": round(p1 + (1 - p1) * rate[j["outlet"]], 6)}))


def candidates_disagree(data_dir: Path) -> dict[str, bool]:
    """Per ANT v2 general-news article id (as the bench loads them): does its first topic under the shipped
    section model and lexicon differ between damping candidates?"""
    sys.path.insert(0, str(ROOT / "bench"))
    import train_topics as tt

    rows = [r for r in tt.load(data_dir) if r["corpus"] == "v2" and r["section"] in GENERAL_SECTIONS]
    probs = [model_probabilities(r["title"], r["text"]) for r in rows]
    p = np.array([[q[t] for t in tt.LABELS] for q in probs])
    lex = tt.lexicon_matrix(rows)
    firsts = np.array([tt.damped_first_topics(p, lex, form, power)[0] for form, power in tt.DAMP_CANDIDATES])
    return {r["id"]: bool(len(set(firsts[:, i])) > 1) for i, r in enumerate(rows)}


def third_phase(data_dir: Path, per_outlet: int) -> None:
    """Draw ``per_outlet`` per outlet from C3 (candidates disagree) less the judged; print every row's inclusion."""
    sys.path.insert(0, str(ROOT / "bench"))
    from train_topics import JUDGED

    judged = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    judged = [j for j in judged if j.get("phase", 1) in (1, 2)]
    done = {j["id"] for j in judged}
    in_c3 = candidates_disagree(data_dir)
    rng = np.random.default_rng(SEED + 2)
    drawn, rate = [], {}
    for outlet in sorted({j["outlet"] for j in judged}):
        c3 = sorted(i for i, yes in in_c3.items() if yes and _outlet(i) == outlet)
        pool = [i for i in c3 if i not in done]
        n = min(per_outlet, len(pool))
        rate[outlet] = n / len(pool) if pool else 0.0
        drawn += [{"id": pool[k], "outlet": outlet, "phase": 3, "c3_size": len(c3), "c3_pool": len(pool),
                   "drawn": n, "in_c3": True, "inclusion": round(rate[outlet], 6)}
                  for k in sorted(rng.choice(len(pool), size=n, replace=False).tolist())]
    for j in judged:
        old = j.get("inclusion_phase12", j["inclusion"])
        yes = in_c3.get(j["id"], False)
        print(json.dumps({**j, "in_c3": yes, "inclusion_phase12": old, "inclusion": 1.0 if yes else old},
                         ensure_ascii=False))
    for j in drawn:
        print(json.dumps(j))


def _articles(data_dir: Path, ids: set[str]) -> dict[str, tuple[str, str]]:
    out = {}
    with open(data_dir / "ant_v2_sample_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in ids:
                out[r["id"]] = (r.get("title") or "", r.get("text") or "")
    return out


def _outlet(article_id: str) -> str:
    return {"AL": "Alarabia", "BB": "BBC", "CN": "CNN", "FR": "France24", "SK": "SkyNews"}[article_id[:2]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--per-stratum", type=int, default=10)
    ap.add_argument("--disagreement", type=int, default=0, help="second phase: articles per outlet")
    ap.add_argument("--phase", type=int, choices=(1, 2, 3), default=1, help="3: draw from C3 (candidates disagree)")
    ap.add_argument("--per-outlet", type=int, default=30, help="third phase: articles per outlet")
    args = ap.parse_args()
    if args.phase == 3:
        third_phase(args.data_dir, args.per_outlet)
        return
    if args.disagreement:
        second_phase(args.data_dir, args.disagreement)
        return
    groups: dict[tuple[str, str], list[str]] = {}
    with open(args.data_dir / "ant_v2_sample_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["label"] in GENERAL_SECTIONS and (r.get("text") or "").strip():
                groups.setdefault((r["source"], stratum(r.get("title") or "", r["text"])), []).append(r["id"])
    rng = np.random.default_rng(SEED)
    for (outlet, name), ids in sorted(groups.items()):
        ids = sorted(ids)
        for k in sorted(rng.choice(len(ids), size=min(args.per_stratum, len(ids)), replace=False).tolist()):
            print(json.dumps({"id": ids[k], "outlet": outlet, "stratum": name, "stratum_size": len(ids),
                              "stratum_drawn": min(args.per_stratum, len(ids))}))


if __name__ == "__main__":
    main()
