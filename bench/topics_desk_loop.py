"""Fast inner loop for the topic desk classifier: model-only desk top-1 per held-out outlet.

    python bench/topics_desk_loop.py VARIANT [VARIANT ...]

A variant is comma-separated flags and parameters: ``base`` (the shipped features), ``stem`` (add stemmed
word 1-2-grams), ``stemonly`` (stemmed words instead of surface words), ``title`` (stemmed title words as a
field of their own), ``strip`` (outlet datelines, names and hashtag marks removed), ``C=0.25`` (SVM C,
default 0.5), ``nb`` (NB-SVM: log-count-ratio scaled features, one binary SVM per IPTC label), ``ensemble``
(margins averaged with the plain baseline's, each standardised), ``op=1``
(outlet-balanced sample weights: each training outlet the same total weight).

Each fold trains only the section-class linear SVM (no calibration, lexicon or first-topic rule) on the
other outlets and scores the held-out outlet's desk articles by the model's best label among the IPTC
labels. It is a proxy for ``bench/train_topics.py`` (minutes instead of half an hour), used to compare
feature and weighting variants; the full script measures what is shipped.
"""

from __future__ import annotations

import re
import sys
import time
from functools import cache
from pathlib import Path

import numpy as np
import Stemmer
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from train_topics import (  # noqa: E402
    CONFIG,
    DESK_SECTIONS,
    LABELS,
    SEED,
    TEST_SIZE,
    design,
    fit_idf,
    hashed_counts,
    load,
    section_classes,
)

from pipeline.nlp.topics import model_input  # noqa: E402
from pipeline.text.normalise import fold_topic  # noqa: E402

_STEMMER = Stemmer.Stemmer("arabic")
V2 = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")
_DATELINE = re.compile(r"^[^\n]{0,80}?\((?:CNN|cnn)\)\s*-*")
_OUTLETS = re.compile(r"\(?(?:CNN|cnn)\)?|بي بي سي|سكاي نيوز عربية|سكاي نيوز|فرانس ?24|العربية\.نت|#")


def strip_outlet(text: str) -> str:
    """The text without the outlet's dateline, its name or hashtag marks (they teach the outlet, not the topic)."""
    return _OUTLETS.sub(" ", _DATELINE.sub("", text.lstrip()))


@cache
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stemmed(doc: str) -> str:
    return " ".join(stem(w) for w in doc.split())


def extra_counts(docs: list[str], n_features: int = 2**17, ngram=(1, 2)) -> sparse.csr_matrix:
    vec = HashingVectorizer(analyzer="word", ngram_range=ngram, n_features=n_features, alternate_sign=False,
                            norm=None, lowercase=False, token_pattern=r"(?u)\b\w\w+\b")
    return vec.transform(docs)


def folds(rows, outlets):
    out = [(o, np.flatnonzero(outlets != o), np.flatnonzero(outlets == o)) for o in sorted(set(outlets))]
    strata = [f"{r['corpus']}:{r['section']}" for r in rows]
    tr, te = train_test_split(np.arange(len(rows)), test_size=TEST_SIZE, random_state=SEED, stratify=strata)
    out.append(("random", np.sort(tr), np.sort(te)))
    return out


def outlet_weights(outlets: np.ndarray, power: float) -> np.ndarray:
    """Each training outlet the same total weight (``power`` 1), 0 = none; class balance kept by the SVM."""
    if power == 0:
        return np.ones(len(outlets))
    _, inv, n = np.unique(outlets, return_inverse=True, return_counts=True)
    w = (n.mean() / n[inv]) ** power
    return w / w.mean()


def nb_svm_margins(x, labels_tr, x_te, c: float, sample_weight) -> tuple[np.ndarray, list[str]]:
    """NB-SVM: per IPTC label, features scaled by their log-count ratio (label against the rest), one
    binary SVM each; (held-out margins, labels)."""
    out, names = [], []
    for label in LABELS:
        pos = labels_tr == label
        if not pos.any():
            continue
        p = np.asarray(x[pos].sum(axis=0)).ravel() + 1.0
        q = np.asarray(x[~pos].sum(axis=0)).ravel() + 1.0
        r = sparse.diags(np.log((p / p.sum()) / (q / q.sum())))
        clf = LinearSVC(C=c, class_weight="balanced", random_state=SEED, max_iter=5000)
        clf.fit(x @ r, pos, sample_weight=sample_weight)
        out.append(clf.decision_function(x_te @ r))
        names.append(label)
    return np.column_stack(out), names


def baseline_margins(rows: list[dict], classes, tr: np.ndarray, te: np.ndarray, keep_classes) -> np.ndarray:
    """The plain baseline's margins (TfidfVectorizer + LinearSVC defaults, raw title + text) on ``keep_classes``."""
    raw = [f"{r['title']}\n{r['text']}" for r in rows]
    vec = TfidfVectorizer()
    clf = LinearSVC(random_state=SEED).fit(vec.fit_transform([raw[i] for i in tr]), classes[tr])
    marg = clf.decision_function(vec.transform([raw[i] for i in te]))
    return marg[:, [list(clf.classes_).index(k) for k in keep_classes]]


def standardised(m: np.ndarray) -> np.ndarray:
    return (m - m.mean()) / (m.std() or 1.0)


def run(name: str, counts, classes, desk, outlets, rows, c: float = 0.5, opower: float = 0.0,
        nb: bool = False, ensemble: bool = False) -> dict:
    """Model-only desk top-1 per fold (each outlet held out, then the random split); prints one line."""
    res = {}
    for fold, tr, te in folds(rows, outlets):
        idf = fit_idf(counts[tr])
        x = design(counts[tr], idf)
        te_desk = te[desk[te] != ""]
        if nb and len(te_desk):
            marg, names = nb_svm_margins(x, classes[tr], design(counts[te_desk], idf), c,
                                         outlet_weights(outlets[tr], opower))
            res[fold] = float(np.mean(np.array(names)[marg.argmax(axis=1)] == desk[te_desk]))
            continue
        clf = LinearSVC(C=c, class_weight="balanced", random_state=SEED, max_iter=5000)
        clf.fit(x, classes[tr], sample_weight=outlet_weights(outlets[tr], opower))
        keep = [k for k, cl in enumerate(clf.classes_) if cl in LABELS]
        if not len(te_desk):
            continue
        marg = design(counts[te_desk], idf) @ clf.coef_[keep].T + clf.intercept_[keep]
        names = [clf.classes_[k] for k in keep]
        if ensemble:  # both systems' margins on the same scale, averaged
            marg = standardised(marg) + standardised(baseline_margins(rows, classes, tr, te_desk, names))
        pred = np.array(names)[marg.argmax(axis=1)]
        res[fold] = float(np.mean(pred == desk[te_desk]))
    v2 = [res[o] for o in V2 if o in res]
    line = " ".join(f"{k}={v:.3f}" for k, v in res.items())
    print(f"{name:40s} v2mean={np.mean(v2):.4f} {line}", flush=True)
    return res


def feature_sets(rows: list[dict]):
    """A function from a variant's flags to its count matrix; each feature block is built once."""
    cache: dict[str, sparse.csr_matrix] = {}

    def block(name: str) -> sparse.csr_matrix:
        if name not in cache:
            if name in ("surface", "strip"):
                clean = strip_outlet if name == "strip" else (lambda t: t)
                docs = [model_input(clean(r["title"]), clean(r["text"])) for r in rows]
                cache[name] = hashed_counts(docs, CONFIG)
            elif name == "stem":
                cache[name] = extra_counts([stemmed(model_input(r["title"], r["text"])) for r in rows])
            else:  # title: stemmed title words as a field of their own
                cache[name] = extra_counts([stemmed(fold_topic(r["title"])) for r in rows], 2**16, (1, 1))
        return cache[name]

    def counts(flags: set[str]) -> sparse.csr_matrix:
        base = block("strip" if "strip" in flags else "surface")
        if "stemonly" in flags:  # stemmed words instead of surface words, char n-grams kept
            return sparse.hstack([block("stem"), base[:, CONFIG["word_n_features"]:]], format="csr")
        extra = [block(f) for f in ("stem", "title") if f in flags]
        return sparse.hstack([base, *extra], format="csr") if extra else base
    return counts


FLAGS = frozenset({"base", "stem", "stemonly", "title", "strip", "nb", "ensemble"})
PARAMS = frozenset({"C", "op"})


def parse_variant(variant: str) -> tuple[set[str], dict[str, float]]:
    """A variant's flags and numeric parameters; a name or value this loop does not know is a usage error."""
    parts = [p for p in variant.split(",") if p]
    flags = {p for p in parts if "=" not in p}
    params = dict(p.split("=", 1) for p in parts if "=" in p)
    unknown = sorted(flags - FLAGS) + sorted(set(params) - PARAMS)
    if unknown or not parts:
        raise SystemExit(f"unknown variant part(s) {unknown or [variant]!r} in {variant!r}: flags are "
                         f"{', '.join(sorted(FLAGS))}; parameters C=…, op=… (see the docstring)")
    try:
        return flags, {k: float(v) for k, v in params.items()}
    except ValueError:
        raise SystemExit(f"variant {variant!r}: C and op take numbers, e.g. C=0.25,op=1") from None


def main() -> None:
    t0 = time.time()
    variants = [(v, *parse_variant(v)) for v in sys.argv[1:] or ["base"]]  # every typo said before the slow part
    data_dir = ROOT.parent / "shared" / "data" / "topics"
    if not data_dir.is_dir():
        raise SystemExit(f"needs the ANT topic data in {data_dir} (../shared beside the repository; local measurement)")
    rows = load(data_dir)
    outlets = np.array([r["outlet"] for r in rows])
    classes = section_classes(rows)
    desk = np.array([DESK_SECTIONS.get(r["section"], "") for r in rows])
    counts = feature_sets(rows)
    for variant, flags, params in variants:
        run(variant, counts(flags), classes, desk, outlets, rows, params.get("C", 0.5), params.get("op", 0.0),
            "nb" in flags, "ensemble" in flags)
    print(f"done {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
