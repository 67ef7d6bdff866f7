"""Train and evaluate the topic model reproducibly.

Writes pipeline/data/topics/{model.npz,model.json,REPORT.json}.

Usage: python bench/train_topics.py [--data-dir ../shared/data/topics]

Section labels are mapped to IPTC ids only where sound (see LABEL_MAP and PROVENANCE.md). Each
label's one-vs-rest classifier only trains and is evaluated on the articles whose membership is
known for it (MASKED lists sections that may or may not be about the label, e.g. an
"internationalNews" article may well be politics). Exact duplicate texts are removed before a seeded,
stratified 85/15 split, so the held-out figures are not inflated by copies.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, train_test_split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp.topics import DATA_DIR, featurise, make_vectorizers, model_input  # noqa: E402

SEED = 13
TEST_SIZE = 0.15
C_GRID = (4.0, 16.0, 64.0)
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
CONFIG = {
    "word_ngram_range": [1, 2],
    "word_n_features": 2**18,
    "char_ngram_range": [3, 5],
    "char_n_features": 2**18,
}


def load(data_dir: Path) -> list[dict]:
    """Read both corpora, drop exact duplicate texts (keeping the first), tag rows with their corpus."""
    rows, seen = [], set()
    for corpus, name in FILES.items():
        with open(data_dir / name, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                key = hashlib.sha1(model_input(r.get("title", ""), r.get("text", "")).encode()).hexdigest()
                if key in seen or not (r.get("text") or "").strip():
                    continue
                seen.add(key)
                rows.append(
                    {
                        "corpus": corpus,
                        "section": r["label"],
                        "title": r.get("title", ""),
                        "text": r.get("text", ""),
                    }
                )
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


def fit_idf(x_counts) -> np.ndarray:
    """Smoothed IDF from training documents only; unseen buckets get the maximum IDF."""
    n = x_counts.shape[0]
    df = np.bincount(x_counts.indices, minlength=x_counts.shape[1])
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)


def fit_label(x, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=SEED).fit(x, y)


def choose_c(x, y: np.ndarray, m: np.ndarray) -> dict[str, float]:
    """Per-label C by 3-fold CV on the training split only (F1 at 0.5)."""
    best = {}
    for j, label in enumerate(LABELS):
        xs, ys = x[m[:, j]], y[m[:, j], j]
        folds = StratifiedKFold(3, shuffle=True, random_state=SEED)
        scores = {}
        for c in C_GRID:
            f = [
                f1_score(ys[te], fit_label(xs[tr], ys[tr], c).predict(xs[te]))
                for tr, te in folds.split(xs, ys)
            ]
            scores[c] = float(np.mean(f))
        best[label] = max(scores, key=lambda c: (scores[c], -c))
        print(f"  {label:20s} CV F1 {scores} -> C={best[label]}", flush=True)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--threshold", type=float, default=0.35, help="decision threshold reported")
    args = ap.parse_args()
    t0 = time.time()
    rows = load(args.data_dir)
    y, m = targets(rows)
    strata = [f"{r['corpus']}:{r['section']}" for r in rows]
    idx_train, idx_test = train_test_split(
        np.arange(len(rows)), test_size=TEST_SIZE, random_state=SEED, stratify=strata
    )
    docs = [model_input(r["title"], r["text"]) for r in rows]
    word, char = make_vectorizers(CONFIG)
    from scipy import sparse

    counts = sparse.hstack([word.transform(docs), char.transform(docs)], format="csr")
    idf = fit_idf(counts[idx_train]).astype(np.float16).astype(np.float32)  # as shipped
    x = featurise(docs, word, char, idf).tocsr()
    print(
        f"{len(rows)} articles ({len(idx_train)} train / {len(idx_test)} test), features in "
        f"{time.time() - t0:.0f}s",
        flush=True,
    )

    cs = choose_c(x[idx_train], y[idx_train], m[idx_train])
    coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(LABELS), dtype=np.float32)
    per_label = {}
    for j, label in enumerate(LABELS):
        tr = idx_train[m[idx_train, j]]
        te = idx_test[m[idx_test, j]]
        clf = fit_label(x[tr], y[tr, j], cs[label])
        coef[j], intercept[j] = clf.coef_.ravel(), clf.intercept_[0]
        # evaluate with the float16 weights actually shipped
        w16 = coef[j].astype(np.float16).astype(np.float32)
        p = 1 / (1 + np.exp(-(np.asarray(x[te] @ w16).ravel() + intercept[j])))
        pred = (p >= args.threshold).astype(int)
        pr, rc, f1, _ = precision_recall_fscore_support(y[te, j], pred, average="binary", zero_division=0)
        per_label[label] = {
            "precision": round(float(pr), 4),
            "recall": round(float(rc), 4),
            "f1": round(float(f1), 4),
            "support_pos": int(y[te, j].sum()),
            "n_eval": int(len(te)),
            "C": cs[label],
        }
    macro = float(np.mean([v["f1"] for v in per_label.values()]))

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        DATA_DIR / "model.npz", idf=idf.astype(np.float16), coef=coef.astype(np.float16), intercept=intercept
    )
    config = {
        **CONFIG,
        "labels": list(LABELS),
        "model_input": "pipeline.nlp.topics.model_input",
        "features": "sublinear tf * idf over hashed word + char_wb n-grams, L2-normalised",
        "trained_with": "bench/train_topics.py",
        "seed": SEED,
    }
    (DATA_DIR / "model.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    report = {
        "split": {
            "seed": SEED,
            "test_size": TEST_SIZE,
            "n_train": int(len(idx_train)),
            "n_test": int(len(idx_test)),
            "dedup": "exact model-input duplicates removed",
        },
        "threshold": args.threshold,
        "macro_f1": round(macro, 4),
        "per_label": per_label,
        "label_map": {f"{k[0]}:{k[1]}": v for k, v in LABEL_MAP.items()},
        "masked": {k: sorted(f"{a}:{b}" for a, b in v) for k, v in MASKED.items()},
        "model_bytes": (DATA_DIR / "model.npz").stat().st_size,
        "lexicon_only_labels": "not evaluated here: no labelled data (see PROVENANCE.md)",
    }
    (DATA_DIR / "REPORT.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
