"""Evaluation protocols for bench/train_topics.py: source-disjoint and random splits, three systems.

Every system is trained on exactly the same rows per fold and scored on exactly the same held-out
rows. ``raqib`` and ``before`` are scored through the run-time rules (``scores_and_first`` + ``select`` from
``pipeline.nlp.topics``, the lexicon included); the baseline predicts one class per article.
"""

from __future__ import annotations

import json
import time
from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC
from train_topics import (
    DESK_SECTIONS,
    LABEL_MAP,
    LABELS,
    RECIPES,
    SEED,
    TEST_SIZE,
    build,
    damp_outcomes,
    hashed_counts,
    margins,
    rule_outcome,
)

from pipeline.nlp.topics import (
    DEFAULT_THRESHOLD,
    TOPIC_NAMES_AR,
    FirstTopicRule,
    _lexicon_hits_normalised,
    _lexicon_scores_normalised,
    calibrated,
    scores_and_first,
    select,
)
from pipeline.text.normalise import fold_topic

V2_OUTLETS = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")


def folds(rows: list[dict], outlets: np.ndarray) -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """(protocol, name, train rows, test rows): one fold per held-out outlet, then the random split."""
    out = []
    for outlet in sorted(set(outlets)):
        out.append(("source_disjoint", outlet, np.flatnonzero(outlets != outlet), np.flatnonzero(outlets == outlet)))
    strata = [f"{r['corpus']}:{r['section']}" for r in rows]
    tr, te = train_test_split(np.arange(len(rows)), test_size=TEST_SIZE, random_state=SEED, stratify=strata)
    out.append(("random", "random", np.sort(tr), np.sort(te)))
    return out


def desk_truth(row: dict) -> str | None:
    return DESK_SECTIONS.get(row["section"])


def system_topics(model, recipe: dict, counts, idx: np.ndarray, lex: list[dict], arrays) -> list[list[str]]:
    """The topic ids ``classify`` would return (best first) for rows ``idx`` under one fold's model."""
    probs = calibrated(model, margins(counts, idx, *arrays, recipe.get("tokens")))
    limits = {t: model.thresholds.get(t, DEFAULT_THRESHOLD) for t in TOPIC_NAMES_AR}
    out = []
    rule = model.first_rule
    profile = recipe.get("profile") if rule is not None and "where" in rule.inputs else None
    for i, p in zip(idx, probs, strict=True):
        found = None if profile is None else dict(zip(rule.lexicon_labels, map(tuple, profile[i].tolist()),
                                                      strict=True))
        scores, first = scores_and_first(model, dict(zip(model.labels, p.tolist(), strict=True)), lex[i], found)
        chosen = select(scores, limits, 3, first)
        if not recipe["always"]:
            chosen = [(t, s) for t, s in chosen if s >= limits[t]]
        out.append([t for t, _ in chosen])
    return out


def damping(model, config: dict, recipe: dict, counts, te: np.ndarray, arrays) -> dict:
    """The damping the fold's training chose, what every candidate gives on the held-out rows (desk
    top-1, judged general-news top-1) and what the choice saw on the training outlets."""
    p = calibrated(model, margins(counts, te, *arrays, recipe.get("tokens")))
    outcomes = damp_outcomes(p, recipe["lexicon"][te], recipe["desk"][te], recipe["judged"][te],
                             recipe["judged_weight"][te])
    if (recipe["eval_weight"][te] > 0).any():  # the JawharaFM articles judged for evaluation only
        extra = damp_outcomes(p, recipe["lexicon"][te], recipe["desk"][te], recipe["eval_judged"][te],
                              recipe["eval_weight"][te])
        outcomes = {c: {**r, "general_top1_jawharafm": extra[c]["general_top1"]} for c, r in outcomes.items()}
    return {"chosen": f"{model.damp_form}:{model.damp_power}",
            "held_out": {f"{f}:{q}": {k: round(v, 4) for k, v in r.items()} for (f, q), r in outcomes.items()},
            "training_outlets": config.get("damp_choice", {})}


def damping_summary(results: dict) -> dict:
    """Held-out figures per damping candidate, mean over the ANT v2 outlets (source-disjoint) and random."""
    out = {}
    keys = ("desk_top1", "general_top1", "general_top1_drawn", "general_with_lexicon_topic")
    for system, by_fold in results.items():
        folds_ = {k: v["damping"] for k, v in by_fold.items() if "damping" in v}
        if not folds_:
            continue
        v2 = [folds_[o] for o in V2_OUTLETS if o in folds_]
        candidates = list(v2[0]["held_out"]) if v2 else []
        at_choice = {k: {q: v["held_out"][v["chosen"]][q] for q in keys[:2]} for k, v in folds_.items()}
        out[system] = {
            "chosen_per_fold": {k: v["chosen"] for k, v in folds_.items()},
            "held_out_at_chosen": at_choice,  # what each fold's own choice gives on its held-out rows
            "held_out_at_chosen_mean_ant_v2": {
                q: round(float(np.mean([at_choice[o][q] for o in V2_OUTLETS if o in at_choice])), 4)
                for q in keys[:2]},
            "source_disjoint_mean_ant_v2": {
                c: {q: round(float(np.mean([f["held_out"][c][q] for f in v2])), 4) for q in keys}
                for c in candidates},
            "random": folds_["random"]["held_out"] if "random" in folds_ else {},
        }
    return out


def baseline_topics(rows: list[dict], tr: np.ndarray, te: np.ndarray) -> list[list[str]]:
    """TF-IDF + LinearSVC (scikit-learn defaults) on raw title + text, one class per mapped section."""
    target = [LABEL_MAP.get((r["corpus"], r["section"]), f"{r['corpus']}:{r['section']}") for r in rows]
    raw = [f"{r['title']}\n{r['text']}" for r in rows]
    vec = TfidfVectorizer()
    clf = LinearSVC(random_state=SEED).fit(vec.fit_transform([raw[i] for i in tr]), [target[i] for i in tr])
    return [[p] for p in clf.predict(vec.transform([raw[i] for i in te]))]


def first_topic_report(model, config: dict, recipe: dict, counts, te: np.ndarray, arrays) -> dict:
    """The fold's first-topic rule and those fitted beside it (``alternatives``, one per desk weight): what
    each gives on the held-out rows (desk top-1, judged ANT v2 / JawharaFM general-news top-1) and what it
    gave holding out one training outlet at a time."""
    found = config.get("first_topic")
    if not found:
        return {}
    p = calibrated(model, margins(counts, te, *arrays, recipe.get("tokens")))
    lex = recipe["lexicon"][te]
    held_out = {}
    for weight, fitted in found["alternatives"].items():
        rule = FirstTopicRule.from_config({**found, **fitted})
        profile = recipe["profile"][te] if "profile" in recipe else None
        got = rule_outcome(rule, p, lex, recipe["desk"][te], recipe["judged"][te], recipe["judged_weight"][te],
                           profile)
        extra = rule_outcome(rule, p, lex, recipe["desk"][te], recipe["eval_judged"][te], recipe["eval_weight"][te],
                             profile)
        held_out[weight] = {k: round(v, 4) for k, v in got.items()} | {
            "general_top1_jawharafm": round(extra["general_top1"], 4) if (recipe["eval_weight"][te] > 0).any()
            else None}
    return {"desk_weight": found["desk_weight"], "held_out": held_out,
            "held_out_by_training_outlet": found["held_out_by_training_outlet"]}


def general_top1(judged: np.ndarray, weight: np.ndarray, predicted: list[list[str]]) -> float | None:
    """Weighted share of judged general-news articles (``judged``/``weight`` of the held-out rows) whose
    first topic a reader accepted."""
    rows = np.flatnonzero(weight > 0)
    if not len(rows):
        return None
    right = np.array([bool(predicted[k]) and predicted[k][0] in judged[k] for k in rows], dtype=float)
    return round(float(weight[rows] @ right / weight[rows].sum()), 4)


def score_fold(rows: list[dict], y: np.ndarray, m: np.ndarray, te: np.ndarray, predicted: list[list[str]]) -> dict:
    """Top-1 accuracy on desk articles, no-topic rate, confusions and per-label counts for pooling."""
    desk = [(k, desk_truth(rows[i])) for k, i in enumerate(te) if desk_truth(rows[i])]
    top1 = [bool(predicted[k]) and predicted[k][0] == truth for k, truth in desk]
    confusions = Counter(f"{truth}->{predicted[k][0] if predicted[k] else 'none'}"
                         for (k, truth), ok in zip(desk, top1, strict=True) if not ok)
    counts = {}
    for j, label in enumerate(LABELS):
        known = m[te, j]
        pred = np.array([label in p for p in predicted])[known]
        gold = y[te, j][known] == 1
        counts[label] = [int(np.sum(pred & gold)), int(pred.sum()), int(gold.sum())]
    return {"n_desk": len(desk), "top1": round(float(np.mean(top1)), 4) if desk else None,
            "no_topic": round(float(np.mean([not p for p in predicted])), 4), "n": len(te),
            "confusions": dict(confusions.most_common(8)), "label_counts": counts}


def f1s(label_counts: list[dict]) -> dict[str, float]:
    """Per-label F1 pooled over folds from [tp, predicted, gold] counts."""
    out = {}
    for label in LABELS:
        tp, pred, gold = (sum(c[label][k] for c in label_counts) for k in range(3))
        out[label] = round(2 * tp / max(pred + gold, 1), 4)
    return out


def summarise(results: dict) -> dict:
    """Held-out-outlet figures first (per outlet, mean over ANT v2 outlets, mean over all), then random."""
    summary = {}
    for system, by_fold in results.items():
        sd = {k: v for k, v in by_fold.items() if k != "random"}
        v2 = [sd[o]["top1"] for o in V2_OUTLETS if o in sd]
        pooled_desk = sum(v["n_desk"] for v in sd.values())
        n_all = sum(v["n"] for v in sd.values())
        summary[system] = {
            "source_disjoint": {
                "top1_per_outlet": {o: v["top1"] for o, v in sd.items()},
                "top1_mean_ant_v2_outlets": round(float(np.mean(v2)), 4),
                "general_top1_per_outlet": {o: sd[o].get("general_top1") for o in V2_OUTLETS if o in sd},
                "general_top1_mean_ant_v2_outlets": round(float(np.mean(
                    [sd[o]["general_top1"] for o in V2_OUTLETS if sd.get(o, {}).get("general_top1") is not None]
                    or [0.0])), 4),
                "top1_mean_all_outlets": round(float(np.mean([v["top1"] for v in sd.values()])), 4),
                "general_top1_jawharafm": sd.get("JawharaFM", {}).get("general_top1_jawharafm"),
                "top1_pooled": round(sum(v["top1"] * v["n_desk"] for v in sd.values()) / pooled_desk, 4),
                "no_topic": round(sum(v["no_topic"] * v["n"] for v in sd.values()) / n_all, 4),
                "label_f1_pooled": f1s([v["label_counts"] for v in sd.values()]),
            },
            "random": {k: by_fold["random"].get(k) for k in ("top1", "no_topic", "n_desk", "general_top1",
                                                             "general_top1_jawharafm")}
            | {"label_f1": f1s([by_fold["random"]["label_counts"]])},
        }
    return summary


def lexicon_findings(rows: list[dict], results: dict, predicted: dict) -> dict:
    """Which lexicon terms pull desk articles to health / crime_law first (source-disjoint), per system."""
    out = {}
    for truth, wrong in (("science_technology", "health"), ("arts_culture", "crime_law")):
        n = {s: sum(v["confusions"].get(f"{truth}->{wrong}", 0) for k, v in r.items() if k != "random")
             for s, r in results.items() if s in predicted and predicted[s]}
        found: dict = {"articles_per_system": n}
        for system, by_row in predicted.items():
            terms: Counter = Counter()
            for i, topics_ in by_row.items():
                if desk_truth(rows[i]) == truth and topics_ and topics_[0] == wrong:
                    hits, _ = _lexicon_hits_normalised(fold_topic(rows[i]["title"]), fold_topic(rows[i]["text"]))
                    terms.update({t: c * w for t, (c, w) in hits.get(wrong, {}).items()})
            if terms:
                found[f"top_lexicon_terms_{system}"] = [t for t, _ in terms.most_common(12)]
        out[f"{truth}->{wrong}"] = found
    return out


def evaluate_all(rows, docs, y, m, outlets, counts_by: dict, recipes: dict, baseline: bool) -> dict:
    """Run every system on every fold; REPORT.json's evaluation part."""
    t0 = time.time()
    lex = [_lexicon_scores_normalised(fold_topic(r["title"]), fold_topic(r["text"])) for r in rows]
    counts_cache = {json.dumps(RECIPES["raqib"]["config"], sort_keys=True): c for c in counts_by.values()}
    results: dict[str, dict] = {s: {} for s in (*recipes, *(["baseline"] if baseline else []))}
    predicted: dict[str, dict] = {s: {} for s in results}
    for protocol, name, tr, te in folds(rows, outlets):
        for system, recipe in recipes.items():
            key = json.dumps(recipe["config"], sort_keys=True)
            if key not in counts_cache:
                counts_cache[key] = hashed_counts(docs, recipe["config"])
            counts = counts_cache[key]
            model, config, arrays = build(recipe, counts, y, m, tr, outlets)
            got = system_topics(model, recipe, counts, te, lex, arrays)
            results[system][name] = score_fold(rows, y, m, te, got)
            if recipe["calibrate"]:
                results[system][name]["damping"] = damping(model, config, recipe, counts, te, arrays)
                results[system][name]["first_topic"] = first_topic_report(model, config, recipe, counts, te, arrays)
            results[system][name]["general_top1"] = general_top1(recipe["judged"][te], recipe["judged_weight"][te], got)
            results[system][name]["general_top1_jawharafm"] = general_top1(recipe["eval_judged"][te],
                                                                          recipe["eval_weight"][te], got)
            if protocol == "source_disjoint":
                predicted[system].update(zip(te.tolist(), got, strict=True))
        if baseline:
            got = baseline_topics(rows, tr, te)
            results["baseline"][name] = score_fold(rows, y, m, te, got)
            if recipes:
                recipe = next(iter(recipes.values()))
                results["baseline"][name]["general_top1"] = general_top1(recipe["judged"][te],
                                                                         recipe["judged_weight"][te], got)
                results["baseline"][name]["general_top1_jawharafm"] = general_top1(recipe["eval_judged"][te],
                                                                                   recipe["eval_weight"][te], got)
        print(f"  {protocol:15s} {name:10s} " + "  ".join(f"{s} {results[s][name]['top1']}" for s in results)
              + f"  ({time.time() - t0:.0f}s)", flush=True)
    return {
        "headline": "top-1 accuracy on desk articles (sport/economy/technology/culture sections -> "
                    "sport/economy/science_technology/arts_culture); no_topic = share of all held-out "
                    "articles given no topic",
        "summary": summarise(results),
        "confusions": lexicon_findings(rows, results, predicted),
        "lexicon_damping": damping_summary(results),
        "per_fold": results,
        "label_map": {f"{k[0]}:{k[1]}": v for k, v in LABEL_MAP.items()},
        "recipes": {k: {kk: vv for kk, vv in v.items()
                        if kk not in ("config", "classes", "lexicon", "profile", "desk", "judged", "judged_weight",
                                      "eval_judged", "eval_weight", "fit_judged", "fit_weight")}
                    | {"config": v["config"]}
                    for k, v in recipes.items()},
    }
