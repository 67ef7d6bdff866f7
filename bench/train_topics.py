"""Train the topic model reproducibly and measure it honestly, beside a plain baseline.

Writes pipeline/data/topics/{model.npz,model.json,REPORT.json}.

    python bench/train_topics.py [--data-dir ../shared/data/topics] [--skip-before] [--no-eval]

Evaluation (bench/topics_eval.py), each protocol for three systems trained on the same articles:

* ``source_disjoint``: leave one outlet out (AlArabiya, BBC, CNN, France24, Sky News from ANT v2;
  JawharaFM, ANT v1's only outlet): train on the other five, score the held-out outlet's articles;
* ``random``: the seeded, stratified 85/15 document split the previous model was built with.

Systems: ``before`` (the previous recipe: logistic regression C=64, only ``sport`` damps the lexicon,
fixed 0.35 threshold, may return no topic; on the random split it *is* the previously shipped
model), ``raqib`` (this recipe) and ``baseline`` (TfidfVectorizer + LinearSVC, scikit-learn defaults,
on raw title + text, one class per section with the same label mapping). The headline figure is
top-1 accuracy on the desk articles (sections sport / economy / technology / culture): the first
topic must be the section's IPTC id (sport / economy / science_technology / arts_culture).

Section labels are mapped to IPTC ids only where sound (LABEL_MAP, PROVENANCE.md). Each label's
one-vs-rest classifier only trains on the articles whose membership is known for it (MASKED lists
sections that may or may not be about the label). Exact duplicate texts are removed first.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import LeaveOneGroupOut
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp.topics import (  # noqa: E402
    DAMP_FORMS,
    DATA_DIR,
    DEFAULT_THRESHOLD,
    TOPIC_NAMES_AR,
    FirstTopicRule,
    damp_factor,
    evidence_intercepts,
    evidence_tokens,
    first_topic_features,
    first_topics,
    lexicon_profiles,
    lexicon_scores,
    make_vectorizers,
    model_from_arrays,
    model_input,
)
from pipeline.text.normalise import fold_topic  # noqa: E402

SEED = 13
TEST_SIZE = 0.15
FILES = {"v2": "ant_v2_sample_train.jsonl", "v1": "ant_v1_jawharafm.jsonl"}
LABELS = ("politics", "economy", "sport", "science_technology", "arts_culture", "society")
# (corpus, section) -> IPTC id. Sections not listed are negatives unless masked below.
LABEL_MAP = {
    ("v1", "politic"): "politics",
    ("v2", "middleEast"): "politics",  # audited: elections, diplomacy, wars, sanctions (PROVENANCE.md)
    ("v1", "economy"): "economy",
    ("v2", "economy"): "economy",
    ("v1", "sport"): "sport",
    ("v2", "sport"): "sport",
    ("v1", "technology"): "science_technology",
    ("v2", "technology"): "science_technology",
    ("v1", "culture"): "arts_culture",
    ("v2", "culture"): "arts_culture",
    ("v1", "society"): "society",
}
# label -> sections whose membership for that label is unknown (excluded from its training/eval).
MASKED = {
    "politics": {
        ("v1", "localNews"),
        ("v1", "internationalNews"),
        ("v1", "diverse"),
        ("v2", "internationalNews"),
    },
    "society": {("v1", "localNews"), ("v1", "diverse"), ("v2", "internationalNews"), ("v2", "middleEast")},
}
# the sections whose articles have one unambiguous top topic: scored by top-1 accuracy
DESK_SECTIONS = {"sport": "sport", "economy": "economy", "technology": "science_technology",
                 "culture": "arts_culture"}
BIG_OUTLET = "JawharaFM"
DESK_LABELS = ("sport", "economy", "science_technology", "arts_culture")
LEXICON_LABELS = tuple(t for t in TOPIC_NAMES_AR if t not in LABELS)
THRESHOLD_GRID = tuple(round(t, 2) for t in np.arange(0.15, 0.86, 0.05))
# lexicon damping (pipeline.nlp.topics.damp_factor): the powers tried, in each of DAMP_FORMS
DAMP_POWERS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
DAMP_CANDIDATES = tuple((form, power) for form in DAMP_FORMS for power in DAMP_POWERS)
# first-topic rule (pipeline.nlp.topics.FirstTopicRule): the desk articles' share of the fitting weight
# (the judged general-news articles have the rest). Shipped: equal shares, the damping's objective; the
# others are fitted beside it and reported (a larger desk share buys desk accuracy with general news)
RULE_DESK_WEIGHT = 0.5
# section model's intercepts on short texts (pipeline.nlp.topics.evidence_intercepts): the word tokens at
# which they count in full, 0 = always. Chosen by bench/topics_prior_loop.py from its grid fixed before any run
EVIDENCE_TOKENS = 0.0
DESK_WEIGHTS = (0.5, 0.6, 0.7, 0.8, 0.9)
RULE_C = 1.0
# the rule's optional input groups (pipeline.nlp.topics.RULE_INPUTS); () = the base 21 inputs
RULE_FEATURES: tuple[str, ...] = ()
# general-news articles (ANT v2, no desk section) whose right topics were judged by reading
# (bench/draw_judged_topics.py drew them; ids and labels only, the text stays in ../shared)
JUDGED = ROOT / "bench" / "data" / "topics_general_judged.jsonl"
# JawharaFM (ANT v1) general news judged by reading after the first-topic rule was built: evaluation only,
# never training or choosing (bench/data/topics_jawharafm_judged.jsonl, drawn with seed 20261202)
JUDGED_EVAL = ROOT / "bench" / "data" / "topics_jawharafm_judged.jsonl"
CONFIG = {
    "word_ngram_range": [1, 2],
    "word_n_features": 2**17,
    "char_ngram_range": [3, 5],
    "char_n_features": 2**17,
}
RECIPES = {
    "before": {"config": {**CONFIG, "word_n_features": 2**18, "char_n_features": 2**18},
               "learner": "logreg", "C": 64.0, "calibrate": False, "damp_labels": ["sport"], "always": False},
    "raqib": {"config": CONFIG, "learner": "sections", "C": 0.5, "calibrate": True,
              "damp_labels": list(DESK_LABELS), "always": True},
}


def load(data_dir: Path) -> list[dict]:
    """Read both corpora, drop exact duplicate texts (keeping the first), tag rows with corpus and outlet."""
    rows, seen = [], set()
    for corpus, name in FILES.items():
        with open(data_dir / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                key = hashlib.sha1(model_input(r.get("title", ""), r.get("text", "")).encode()).hexdigest()
                if key in seen or not (r.get("text") or "").strip():
                    continue
                seen.add(key)
                rows.append({"id": r.get("id", ""), "corpus": corpus, "outlet": r["source"], "section": r["label"],
                             "title": r.get("title") or "", "text": r.get("text") or ""})
    return rows


def targets(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Y[i, j] = 1 if row i is label j; M[i, j] = False where that is unknown."""
    y = np.zeros((len(rows), len(LABELS)), dtype=np.int8)
    m = np.ones((len(rows), len(LABELS)), dtype=bool)
    for i, r in enumerate(rows):
        key = (r["corpus"], r["section"])
        for j, label in enumerate(LABELS):
            y[i, j] = LABEL_MAP.get(key) == label
            m[i, j] = key not in MASKED.get(label, set())
    return y, m


def hashed_counts(docs: list[str], config: dict) -> sparse.csr_matrix:
    word, char = make_vectorizers(config)
    return sparse.hstack([word.transform(docs), char.transform(docs)], format="csr")


def fit_idf(counts: sparse.csr_matrix) -> np.ndarray:
    """Smoothed IDF from training documents only, rounded to the float16 that is shipped."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float16).astype(np.float32)


def design(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF x IDF, L2-normalised per document (``pipeline.nlp.topics.featurise``)."""
    x = counts.astype(np.float64)
    x.data = np.log1p(x.data)
    return normalize(x.multiply(idf).tocsr())


def section_classes(rows: list[dict]) -> np.ndarray:
    """One class per section: its IPTC id where mapped, else ``corpus:section`` (a general desk)."""
    return np.array([LABEL_MAP.get((r["corpus"], r["section"]), f"{r['corpus']}:{r['section']}") for r in rows])


def train(recipe: dict, counts, y: np.ndarray, m: np.ndarray, idx: np.ndarray, only: tuple[int, ...] = ()):
    """(idf, coef_t, intercept, fitted) on rows ``idx``.

    ``sections``: one linear SVM per section class (general desks are classes of their own, so an
    international-news article teaches every topic what it is not); only the IPTC labels' weights are
    kept. ``logreg`` (the previous recipe): one classifier per label on its known rows (``m``).
    A label without positives in ``idx`` gets zero weights, a large negative intercept and
    ``fitted[j] = False``. ``only`` restricts fitting to those label columns (``logreg``).
    """
    idf = fit_idf(counts[idx])
    x = design(counts[idx], idf)
    coef_t = np.zeros((counts.shape[1], len(LABELS)), dtype=np.float32)
    intercept = np.full(len(LABELS), -10.0, dtype=np.float32)
    fitted = np.zeros(len(LABELS), dtype=bool)
    if recipe["learner"] == "sections":
        clf = LinearSVC(C=recipe["C"], class_weight="balanced", random_state=SEED, max_iter=5000)
        clf.fit(x, recipe["classes"][idx])
        for k, cls in enumerate(clf.classes_):
            if cls in LABELS:
                j = LABELS.index(cls)
                coef_t[:, j] = clf.coef_[k].astype(np.float16).astype(np.float32)
                intercept[j], fitted[j] = clf.intercept_[k], True
        return idf, coef_t, intercept, fitted
    for j in only or range(len(LABELS)):
        known = m[idx, j]
        if len(set(y[idx[known], j].tolist())) == 2:
            lr = LogisticRegression(C=recipe["C"], solver="liblinear", max_iter=1000, random_state=SEED)
            lr.fit(x[known], y[idx[known], j])
            coef_t[:, j] = lr.coef_.ravel().astype(np.float16).astype(np.float32)
            intercept[j], fitted[j] = lr.intercept_[0], True
    return idf, coef_t, intercept, fitted


def margins(counts, idx: np.ndarray, idf: np.ndarray, coef_t: np.ndarray, intercept: np.ndarray,
            tokens: np.ndarray | None = None) -> np.ndarray:
    """Section-model margins of rows ``idx``; with ``tokens`` (per row, ``evidence_tokens``) and
    ``EVIDENCE_TOKENS`` set, each row's intercepts as ``classify`` applies them (``evidence_intercepts``)."""
    if tokens is not None and EVIDENCE_TOKENS:
        intercept = evidence_intercepts(intercept, tokens[idx], EVIDENCE_TOKENS)
    return np.asarray(design(counts[idx], idf) @ coef_t) + intercept


def token_counts(rows: list[dict]) -> np.ndarray:
    """``evidence_tokens`` per row (what ``evidence_intercepts`` weighs the intercepts by)."""
    return np.array([evidence_tokens(fold_topic(r["title"] or ""), fold_topic(r["text"] or "")) for r in rows])


def platt(margin: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sigmoid (a, b) mapping held-out margins to probabilities."""
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000).fit(margin.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The grid threshold with the best F1 on held-out probabilities (ties: the lower threshold)."""
    def f1(t: float) -> float:
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        return 2 * tp / max(float(pred.sum() + y.sum()), 1.0)
    return max(THRESHOLD_GRID, key=lambda t: (round(f1(t), 6), -t))


def out_of_fold(recipe: dict, counts, y, m, idx: np.ndarray, splits) -> np.ndarray:
    """Held-out margins of rows ``idx`` (NaN where a fold could not fit the label)."""
    oof = np.full((len(idx), len(LABELS)), np.nan)
    for tr, va, only in splits:
        idf, coef_t, intercept, fitted = train(recipe, counts, y, m, idx[tr], only)
        got = margins(counts, idx[va], idf, coef_t, intercept, recipe.get("tokens"))
        cols = [j for j in (only or range(len(LABELS))) if fitted[j]]
        oof[np.ix_(va, cols)] = got[:, cols]
    return oof


def outlet_splits(outlets: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, tuple]]:
    """(train, held-out, ()) positions: each outlet held out once, JawharaFM as two alternate halves."""
    groups = np.array([f"{o}:{k % 2}" if o == BIG_OUTLET else o for k, o in enumerate(outlets)])
    return [(tr, va, ()) for tr, va in LeaveOneGroupOut().split(outlets, groups=groups)]


def oof_probabilities(recipe: dict, counts, y: np.ndarray, m: np.ndarray, idx: np.ndarray, outlets: np.ndarray):
    """(out-of-fold margins, known mask, sigmoid a, b) of rows ``idx``: one fold per training outlet.

    Each outlet is predicted by a model trained on all the other training outlets, as the evaluation
    holds one out. JawharaFM, the largest outlet and the only one with a society desk, counts as two
    groups (alternate articles), so every fold trains on some of it. (Three folds grouped by outlet, as
    before, balanced rows: JawharaFM's halves filled two folds and every ANT v2 outlet was predicted by a
    model trained on JawharaFM alone, unlike any evaluation fold.)
    """
    oof = out_of_fold(recipe, counts, y, m, idx, outlet_splits(outlets[idx]))
    ok = m[idx] & ~np.isnan(oof)  # (rows, labels) held-out margins with known membership
    a, b = platt(oof[ok], y[idx][ok])  # one sigmoid for all labels keeps the margins' ranking
    return oof, ok, a, b


def calibration(recipe: dict, counts, y: np.ndarray, m: np.ndarray, idx: np.ndarray, outlets: np.ndarray) -> dict:
    """A sigmoid for the margins, a threshold per label and the lexicon damping, from out-of-fold margins
    of rows ``idx`` (``oof_probabilities``)."""
    oof, ok, a, b = oof_probabilities(recipe, counts, y, m, idx, outlets)
    limits = {}
    for j, label in enumerate(LABELS):
        if len(set(y[idx[ok[:, j]], j].tolist())) == 2:
            p = 1.0 / (1.0 + np.exp(-(a * oof[ok[:, j], j] + b)))
            limits[label] = best_threshold(p, y[idx[ok[:, j]], j])
    p_oof = 1.0 / (1.0 + np.exp(-(a * np.nan_to_num(oof, nan=-10.0) + b)))
    # the judged set to fit on (``--fit-phases``: an earlier set, to score its choices on the current yardstick)
    judged = recipe.get("fit_judged", recipe["judged"])[idx]
    weight = recipe.get("fit_weight", recipe["judged_weight"])[idx]
    (form, power), seen = choose_damping(p_oof, recipe["lexicon"][idx], recipe["desk"][idx], judged, weight)
    rule = fit_first_rule(p_oof, recipe["lexicon"][idx], recipe["desk"][idx], judged, weight, outlets[idx],
                          recipe["profile"][idx] if "profile" in recipe else None)
    return {"calibration": {label: [round(a, 6), round(b, 6)] for label in LABELS}, "thresholds": limits,
            "damp_power": power, "damp_form": form, **({"first_topic": rule} if rule else {}),
            "damp_choice": {f"{f}:{q}": {k: round(v, 4) for k, v in r.items()} | {
                "objective": round(damp_objective(r), 4)} for (f, q), r in seen.items()}}


def lexicon_matrix(rows: list[dict]) -> np.ndarray:
    """(rows, LEXICON_LABELS) lexicon scores, as ``classify`` computes them."""
    out = np.zeros((len(rows), len(LEXICON_LABELS)))
    for i, r in enumerate(rows):
        scores = lexicon_scores(r["title"], r["text"])
        out[i] = [scores.get(t, 0.0) for t in LEXICON_LABELS]
    return out


def judged_rows(rows: list[dict], path: Path = JUDGED, corpus: str = "v2",
                last_phase: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(acceptable topic ids per row, () where not judged; weight per row, 0 where not judged).

    A judged article's weight is the inverse of its probability of being drawn (``inclusion``, three
    phases: bench/draw_judged_topics.py), so weighted accuracy estimates all general news of the
    outlet, not the over-drawn lexicon and disagreement articles. ``last_phase`` 2: the set as it was
    before the third phase (its rows, their phase 1-2 inclusion).
    """
    judged = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            j = json.loads(line)
            if last_phase is None:
                judged[j["id"]] = (tuple(j["topics"]), 1.0 / j["inclusion"])
            elif j.get("phase", 1) <= last_phase:
                judged[j["id"]] = (tuple(j["topics"]), 1.0 / j.get("inclusion_phase12", j["inclusion"]))
    topics = np.empty(len(rows), dtype=object)
    weight = np.zeros(len(rows))
    for i, r in enumerate(rows):
        topics[i], weight[i] = judged.get(r["id"], ((), 0.0)) if r["corpus"] == corpus else ((), 0.0)
    return topics, weight


def damped_first_topics(p: np.ndarray, lex: np.ndarray, form: str, power: float) -> tuple[np.ndarray, np.ndarray]:
    """(first topic id per row, damped lexicon scores) under one damping candidate."""
    desk_cols = [LABELS.index(t) for t in DESK_LABELS]
    desk_p = p[:, desk_cols].max(axis=1)
    other_p = np.delete(p, desk_cols, axis=1).max(axis=1)
    lexicon = lex * damp_factor(desk_p, other_p, power, form)[:, None]
    names = np.array(list(LABELS) + list(LEXICON_LABELS))
    return names[np.argmax(np.hstack([p, lexicon]), axis=1)], lexicon


def damp_outcomes(p: np.ndarray, lex: np.ndarray, desk: np.ndarray, judged: np.ndarray,
                  weight: np.ndarray) -> dict[tuple[str, float], dict[str, float]]:
    """Per damping candidate (form, power): desk top-1, judged general-news top-1, lexicon share.

    ``p``: model probabilities (rows, LABELS); ``lex``: lexicon scores (rows, LEXICON_LABELS); ``desk``:
    each row's desk label, "" for general news (articles of no desk section); ``judged``/``weight``: as
    ``judged_rows`` (general-news top-1 is weighted, ``general_top1_drawn`` counts each judged article once).
    """
    return {c: summary for c, (summary, _, _) in _damp_correct(p, lex, desk, judged, weight).items()}


def _damp_correct(p, lex, desk, judged, weight) -> dict:
    """Per candidate: (summary, desk rows right, judged rows right), the latter two as 0/1 arrays."""
    is_desk, is_judged = desk != "", weight > 0
    out = {}
    for form, power in DAMP_CANDIDATES:
        first, lexicon = damped_first_topics(p, lex, form, power)
        both = first_right(first, desk, judged)
        right, desk_right = both[is_judged], both[is_desk]
        w = weight[is_judged]
        summary = {
            "desk_top1": float(desk_right.mean()) if is_desk.any() else 0.0,
            "general_top1": float(w @ right / w.sum()) if is_judged.any() else 0.0,
            "general_top1_drawn": float(np.mean(right)) if is_judged.any() else 0.0,
            "n_judged": int(is_judged.sum()),
            "general_with_lexicon_topic": float(np.mean((lexicon >= DEFAULT_THRESHOLD).any(axis=1)[~is_desk]))
            if (~is_desk).any() else 0.0,
        }
        out[(form, power)] = (summary, desk_right, right)
    return out


def damp_objective(result: dict[str, float]) -> float:
    """What the damping choice maximises: desk top-1 and judged general-news top-1, counted equally."""
    return (result["desk_top1"] + result["general_top1"]) / 2.0


def _objective_gap_se(best: tuple, other: tuple, w: np.ndarray) -> float:
    """Standard error of ``damp_objective(best) - damp_objective(other)``, paired over the same articles.

    Desk part: a mean of per-article differences; general part: a weighted ratio (the judged weights).
    """
    d = best[1] - other[1]
    var_desk = float(np.var(d, ddof=1)) / len(d) if len(d) > 1 else 0.0
    g = best[2] - other[2]
    var_general = float(np.sum(w**2 * (g - w @ g / w.sum()) ** 2)) / float(w.sum()) ** 2 if len(g) else 0.0
    return 0.5 * float(np.sqrt(var_desk + var_general))


def choose_damping(p: np.ndarray, lex: np.ndarray, desk: np.ndarray, judged: np.ndarray,
                   weight: np.ndarray) -> tuple[tuple[str, float], dict]:
    """The weakest damping within one standard error of the best ``damp_objective``, on out-of-fold
    predictions of training rows.

    Arguments as ``damp_outcomes``. Desk accuracy alone always prefers the strongest damping (it
    silences the lexicon), so the general-news articles judged by reading weigh what the lexicon's
    topics are worth there. Those are a few hundred articles and neighbouring candidates differ by a
    handful of them, so the choice takes the first candidate (form ``desk`` before ``desk_share``,
    smaller power first) whose objective is within one paired standard error of the best one's: a
    stronger damping must win by more than the noise of its estimate. Without judged articles among the
    rows there is nothing to weigh against: ``("desk", 1.0)``.
    """
    correct = _damp_correct(p, lex, desk, judged, weight)
    results = {c: summary for c, (summary, _, _) in correct.items()}
    if not (weight > 0).any():
        return DAMP_CANDIDATES[0], results
    best = max(DAMP_CANDIDATES, key=lambda c: (round(damp_objective(results[c]), 6), -DAMP_CANDIDATES.index(c)))
    w = weight[weight > 0]
    for c in DAMP_CANDIDATES:
        gap = damp_objective(results[best]) - damp_objective(results[c])
        se = _objective_gap_se(correct[best], correct[c], w)
        results[c] = {**results[c], "gap_to_best": gap, "gap_se": se}
    chosen = next(c for c in DAMP_CANDIDATES if results[c]["gap_to_best"] <= results[c]["gap_se"] + 1e-12)
    return chosen, results


def first_right(first: np.ndarray, desk: np.ndarray, judged: np.ndarray) -> np.ndarray:
    """Per row, 1.0 if the first topic is right — the desk label, or one the reader accepted — else 0.0."""
    return np.array([first[i] == desk[i] if desk[i] else first[i] in judged[i] for i in range(len(first))], float)


def _first_right(p: np.ndarray, lex: np.ndarray, desk: np.ndarray, judged: np.ndarray):
    """(model's best label right, lexicon's best label right) per row, 0/1 (rows neither desk nor judged: 0/0)."""
    return (first_right(np.array(LABELS)[p.argmax(axis=1)], desk, judged),
            first_right(np.array(LEXICON_LABELS)[lex.argmax(axis=1)], desk, judged))


def _rule_weights(desk: np.ndarray, weight: np.ndarray, desk_weight: float) -> np.ndarray:
    """Desk articles share ``desk_weight`` equally; judged general-news articles the rest, by ``weight``."""
    w = np.zeros(len(desk))
    is_desk, is_judged = desk != "", weight > 0
    w[is_desk] = desk_weight / max(int(is_desk.sum()), 1)
    if is_judged.any():
        w[is_judged] = (1.0 - desk_weight) * weight[is_judged] / weight[is_judged].sum()
    return w


def _fit_rule(p, lex, desk, judged, weight, desk_weight: float, profile: np.ndarray | None = None,
              inputs: tuple[str, ...] | None = None) -> FirstTopicRule | None:
    """Logistic regression on the rows where exactly one of the two candidates is right (``inputs``: the
    rule's input groups, ``RULE_FEATURES`` unless given)."""
    inputs = RULE_FEATURES if inputs is None else inputs
    model_right, lex_right = _first_right(p, lex, desk, judged)
    w = _rule_weights(desk, weight, desk_weight)
    use = (w > 0) & (model_right != lex_right) & (lex.max(axis=1) > 0)
    if len(set(lex_right[use].tolist())) < 2:
        return None
    x = first_topic_features(p, lex, [LABELS.index(t) for t in DESK_LABELS], inputs, profile)[use]
    clf = LogisticRegression(C=RULE_C, max_iter=2000).fit(x, lex_right[use], sample_weight=w[use] * use.sum())
    return FirstTopicRule(LEXICON_LABELS, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), inputs)


def rule_outcome(rule: FirstTopicRule | None, p, lex, desk, judged, weight,
                 profile: np.ndarray | None = None) -> dict[str, float]:
    """Desk top-1 and weighted judged general-news top-1 when ``rule`` picks the first topic."""
    first = first_topics(rule, LABELS, DESK_LABELS, p, lex, profile)
    if rule is None:
        first = np.array(LABELS)[p.argmax(axis=1)]
    is_desk, is_judged = desk != "", weight > 0
    right = first_right(first, desk, judged)
    w = weight[is_judged]
    return {"desk_top1": float(right[is_desk].mean()) if is_desk.any() else 0.0,
            "general_top1": float(w @ right[is_judged] / w.sum()) if is_judged.any() else 0.0}


def _at(profile: np.ndarray | None, rows: np.ndarray) -> np.ndarray | None:
    return None if profile is None else profile[rows]


def fit_first_rule(p: np.ndarray, lex: np.ndarray, desk: np.ndarray, judged: np.ndarray, weight: np.ndarray,
                   outlets: np.ndarray, profile: np.ndarray | None = None) -> dict | None:
    """The first-topic rule fitted on out-of-fold predictions of training rows (``RULE_DESK_WEIGHT``), with
    the rules of the other ``DESK_WEIGHTS`` as ``alternatives`` and what each gives holding out one training
    outlet at a time (``held_out_by_training_outlet``).

    Without judged general-news articles among the rows there is nothing to weigh the lexicon by: None
    (the best score comes first).
    """
    if not (weight > 0).any():
        return None
    inner = {}
    for desk_weight in DESK_WEIGHTS:
        found = []
        for outlet in sorted(set(outlets) - {BIG_OUTLET}):
            fit_on, held = outlets != outlet, outlets == outlet
            rule = _fit_rule(p[fit_on], lex[fit_on], desk[fit_on], judged[fit_on], weight[fit_on], desk_weight,
                             _at(profile, fit_on))
            found.append(rule_outcome(rule, p[held], lex[held], desk[held], judged[held], weight[held],
                                      _at(profile, held)))
        inner[str(desk_weight)] = {k: round(float(np.mean([f[k] for f in found])), 4)
                                   for k in ("desk_top1", "general_top1")}
    fitted = {d: _fit_rule(p, lex, desk, judged, weight, d, profile) for d in DESK_WEIGHTS}
    rule = fitted[RULE_DESK_WEIGHT]
    if rule is None:
        return None

    def arrays(r: FirstTopicRule) -> dict:
        return {"coef": [round(float(c), 6) for c in r.coef], "intercept": round(r.intercept, 6)}
    inputs = {"inputs": list(rule.inputs)} if rule.inputs else {}  # the base rule's model.json stays as it was
    return {"lexicon_labels": list(rule.lexicon_labels), **inputs, **arrays(rule), "desk_weight": RULE_DESK_WEIGHT,
            "C": RULE_C, "held_out_by_training_outlet": inner,
            "alternatives": {str(d): arrays(r) for d, r in fitted.items() if r is not None}}


def build(recipe: dict, counts, y, m, idx: np.ndarray, outlets: np.ndarray):
    """(model, config, arrays) trained on rows ``idx`` the way the shipped model is."""
    config = {**recipe["config"], "labels": list(LABELS), "damp_labels": recipe["damp_labels"]}
    if EVIDENCE_TOKENS and "tokens" in recipe:
        config["evidence_tokens"] = EVIDENCE_TOKENS
    if recipe["calibrate"]:
        config.update(calibration(recipe, counts, y, m, idx, outlets))
    idf, coef_t, intercept, _ = train(recipe, counts, y, m, idx)
    return model_from_arrays(config, idf, coef_t, intercept), config, (idf, coef_t, intercept)


def save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez_compressed`` with fixed zip timestamps, so training twice gives the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def write_model(config: dict, arrays) -> None:
    idf, coef_t, intercept = arrays
    config = {k: v for k, v in config.items() if k != "damp_choice"}  # the report keeps the choice's figures
    if "first_topic" in config:  # the rules fitted beside the shipped one are measured, not shipped
        config["first_topic"] = {k: v for k, v in config["first_topic"].items() if k != "alternatives"}
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    save_npz(DATA_DIR / "model.npz", {"idf": idf.astype(np.float16), "coef": coef_t.T.astype(np.float16),
                                      "intercept": intercept.astype(np.float32)})
    config = {**config, "model_input": "pipeline.nlp.topics.model_input",
              "features": "sublinear tf * idf over hashed word + char_wb n-grams, L2-normalised",
              "classifier": "one linear SVM per section class (class-balanced), IPTC labels' weights kept, "
                            "margins calibrated by one sigmoid, thresholds per label",
              "trained_with": "bench/train_topics.py", "seed": SEED}
    (DATA_DIR / "model.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def merged(report: dict, path: Path) -> dict:
    """``report`` plus the systems an earlier run of the same script measured and this one did not."""
    if not path.exists():
        return report
    old = json.loads(path.read_text(encoding="utf-8"))
    for key in ("summary", "per_fold", "recipes"):
        report[key] = {**{k: v for k, v in old.get(key, {}).items() if k not in report[key]}, **report[key]}
    for key, old_found in old.get("confusions", {}).items():  # per confusion, systems not rerun kept
        new_found = report["confusions"].setdefault(key, {})
        counts = {**old_found.get("articles_per_system", {}), **new_found.get("articles_per_system", {})}
        report["confusions"][key] = {**old_found, **new_found, "articles_per_system": counts}
    return report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--systems", default="before,raqib,baseline",
                    help="systems to evaluate (others keep their figures from the existing REPORT.json)")
    ap.add_argument("--no-eval", action="store_true", help="only train and write the shipped model")
    ap.add_argument("--no-train", action="store_true", help="only evaluate; keep the shipped model")
    ap.add_argument("--fit-phases", type=int, choices=(2,), help="fit the damping and first-topic rule on the "
                    "judged phases 1-2 only (the shipped model.json), evaluate on all judged phases")
    args = ap.parse_args()
    missing = [name for name in FILES.values() if not (args.data_dir / name).is_file()]
    if missing:
        sys.exit(f"--data-dir {args.data_dir}: missing {', '.join(missing)} (the ANT corpora of ../shared/data/topics)")
    t0 = time.time()
    rows = load(args.data_dir)
    y, m = targets(rows)
    outlets = np.array([r["outlet"] for r in rows])
    docs = [model_input(r["title"], r["text"]) for r in rows]
    judged, judged_weight = judged_rows(rows)
    eval_judged, eval_weight = judged_rows(rows, JUDGED_EVAL, "v1")
    per_row = {"classes": section_classes(rows), "lexicon": lexicon_matrix(rows),
               "profile": lexicon_profiles([(r["title"], r["text"]) for r in rows], LEXICON_LABELS),
               "desk": np.array([DESK_SECTIONS.get(r["section"], "") for r in rows]),
               "judged": judged, "judged_weight": judged_weight, "eval_judged": eval_judged, "eval_weight": eval_weight}
    if args.fit_phases:
        per_row["fit_judged"], per_row["fit_weight"] = judged_rows(rows, last_phase=args.fit_phases)
    systems = args.systems.split(",")
    tokens = token_counts(rows)  # the shipped recipe's evidence per row (EVIDENCE_TOKENS)
    counts_by, shipped_choice = {}, None
    if not args.no_train:
        recipe = {**RECIPES["raqib"], **per_row, "tokens": tokens}
        counts_by["raqib"] = hashed_counts(docs, recipe["config"])
        print(f"{len(rows)} articles, features in {time.time() - t0:.0f}s", flush=True)
        _, config, arrays = build(recipe, counts_by["raqib"], y, m, np.arange(len(rows)), outlets)
        shipped_choice = config.get("damp_choice")
        write_model(config, arrays)
        print(f"model written in {time.time() - t0:.0f}s", flush=True)
    if args.no_eval:
        return
    from topics_eval import evaluate_all

    recipes = {k: {**v, **per_row, **({"tokens": tokens} if k == "raqib" else {})} for k, v in RECIPES.items()
               if k in systems}
    report = evaluate_all(rows, docs, y, m, outlets, counts_by, recipes, "baseline" in systems)
    config = json.loads((DATA_DIR / "model.json").read_text(encoding="utf-8"))
    report["shipped"] = {"config": {k: config[k] for k in ("thresholds", "damp_labels", "damp_power", "damp_form",
                                                            "calibration")},
                         "model_bytes": (DATA_DIR / "model.npz").stat().st_size}
    if shipped_choice:  # what the shipped model's damping choice saw (out-of-fold, all training outlets)
        report["shipped"]["damp_choice"] = shipped_choice
    report = merged(report, DATA_DIR / "REPORT.json")
    (DATA_DIR / "REPORT.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report["summary"], indent=2))
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
