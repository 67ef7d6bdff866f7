"""The section model's desk top-1 per held-out ANT v2 outlet (the first-topic rule's ceiling), per recipe variant.

    python bench/topics_section_ceiling.py VARIANT [C ...] [--outer-only]   # ~4 CPU-min per C, outer and inner

Measures only (issue 18, fifth round). For each ANT v2 outlet: the section SVM of bench/train_topics.py
trained on every other outlet (JawharaFM included), scored on the held-out outlet's desk articles (the best
of the six IPTC labels' margins must be the desk label). For choosing without looking at the held-out
outlet, the *inner* figure of outlet o is the mean, over the other ANT v2 outlets i, of the desk top-1 on i
of a model trained without o and i (one model per pair serves both directions: 10 models).

VARIANT is a text representation, optionally with suffixes:

* ``raw`` (the shipped ``model_input``), ``stemw`` (word n-grams over Snowball stems of the folded words,
  char n-grams over the surface), ``stemall`` (both over stems), ``title1`` / ``title3`` (the title once /
  three times instead of twice);
* ``+ocb``: sample weights giving each class the same total weight ('balanced'), shared equally by the
  outlets that have it (JawharaFM's 10k articles no longer dominate sport and economy);
* ``+dropS,R``: zero the IDF of columns in at least a share S of one training outlet's documents and at
  most R times that share in any other's (outlet boilerplate: "CNN", datelines, the outlet's name).

Prints one JSON line per C. Reads ../shared/data/topics (not shipped).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np
import train_topics as T
from scipy import sparse
from sklearn.svm import LinearSVC

from pipeline.nlp.topics import make_vectorizers, model_input
from pipeline.text.morphology import snowball_stem as _stem
from pipeline.text.normalise import fold_topic

V2 = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")
_TOKEN = re.compile(r"\w+")


@cache
def _stem_or_word(word: str) -> str:
    stem = _stem(word)
    return stem if len(stem) >= 2 else word


def stemmed(doc: str) -> str:
    return _TOKEN.sub(lambda m: _stem_or_word(m.group(0)), doc)


def _titled(rows: list[dict], times: int) -> list[str]:
    return [" . ".join([fold_topic(r["title"])] * times + [fold_topic(r["text"])[:2000]]) for r in rows]


def counts_for(variant: str, rows: list[dict]) -> sparse.csr_matrix:
    """Hashed word + char counts (the shipped sizes) of one text representation."""
    if variant.startswith("title"):
        word_docs = char_docs = _titled(rows, int(variant[len("title"):]))
    else:
        char_docs = [model_input(r["title"], r["text"]) for r in rows]
        word_docs = [stemmed(d) for d in char_docs] if variant.startswith("stem") else char_docs
        char_docs = [stemmed(d) for d in char_docs] if variant == "stemall" else char_docs
    word, char = make_vectorizers(T.CONFIG)
    return sparse.hstack([word.transform(word_docs), char.transform(char_docs)], format="csr")


def outlet_specific(counts, outlets: np.ndarray, min_share: float, max_ratio: float) -> np.ndarray:
    """Columns in at least ``min_share`` of one outlet's documents and at most ``max_ratio`` x that elsewhere."""
    x = counts.copy()
    x.data[:] = 1
    share = np.vstack([np.asarray(x[outlets == o].sum(axis=0)).ravel() / (outlets == o).sum()
                       for o in sorted(set(outlets.tolist()))])
    top = np.sort(share, axis=0)
    return (top[-1] >= min_share) & (top[-2] <= max_ratio * top[-1])


def outlet_class_weights(classes: np.ndarray, outlets: np.ndarray) -> np.ndarray:
    """Each class the same total weight, shared equally by the outlets that have it."""
    cell = Counter(zip(classes.tolist(), outlets.tolist(), strict=True))
    per_class = Counter(c for c, _ in cell)
    w = np.array([1.0 / (len(per_class) * per_class[c] * cell[(c, o)]) for c, o in zip(classes, outlets, strict=True)])
    return w * len(classes)


def desk_right(counts, classes, desk, outlets, fit_on, score, C: float, options: dict) -> np.ndarray:
    idf = T.fit_idf(counts[fit_on])
    if options.get("drop"):
        idf = np.where(outlet_specific(counts[fit_on], outlets[fit_on], *options["drop"]), 0.0, idf)
    x = T.design(counts[fit_on], idf.astype(np.float32))
    if options.get("ocb"):
        clf = LinearSVC(C=C, random_state=T.SEED, max_iter=5000)
        clf.fit(x, classes[fit_on], sample_weight=outlet_class_weights(classes[fit_on], outlets[fit_on]))
    else:
        clf = LinearSVC(C=C, class_weight="balanced", random_state=T.SEED, max_iter=5000).fit(x, classes[fit_on])
    margin = clf.decision_function(T.design(counts[score], idf.astype(np.float32)))
    cols = [k for k, c in enumerate(clf.classes_) if c in T.LABELS]
    return clf.classes_[cols][margin[:, cols].argmax(axis=1)] == desk[score]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("variant")
    ap.add_argument("C", nargs="*", type=float, default=[0.5])
    ap.add_argument("--outer-only", action="store_true", help="skip the inner (choosing) figures")
    ap.add_argument("--data-dir", default=str(T.ROOT.parent / "shared" / "data" / "topics"))
    args = ap.parse_args()
    rep, *suffixes = args.variant.split("+")
    options = {"ocb": "ocb" in suffixes}
    for s in suffixes:
        if s.startswith("drop"):
            options["drop"] = tuple(float(v) for v in s[len("drop"):].split(","))
    rows = T.load(Path(args.data_dir))
    outlets = np.array([r["outlet"] for r in rows])
    classes = T.section_classes(rows)
    desk = np.array([T.DESK_SECTIONS.get(r["section"], "") for r in rows])
    counts = counts_for(rep, rows)
    for C in args.C:
        t0 = time.process_time()
        outer = {o: float(desk_right(counts, classes, desk, outlets, np.flatnonzero(outlets != o),
                                     np.flatnonzero((outlets == o) & (desk != "")), C, options).mean()) for o in V2}
        inner: dict[str, list[float]] = {o: [] for o in V2}
        for a, b in ([] if args.outer_only else itertools.combinations(V2, 2)):
            score = np.flatnonzero(np.isin(outlets, (a, b)) & (desk != ""))
            right = desk_right(counts, classes, desk, outlets, np.flatnonzero(~np.isin(outlets, (a, b))), score, C,
                               options)
            inner[b].append(float(right[outlets[score] == a].mean()))
            inner[a].append(float(right[outlets[score] == b].mean()))
        result = {"variant": args.variant, "C": C, "outer": {o: round(v, 3) for o, v in outer.items()},
                  "outer_mean": round(float(np.mean(list(outer.values()))), 4),
                  "inner": {o: round(float(np.mean(v)), 4) for o, v in inner.items() if v},
                  "cpu_seconds": round(time.process_time() - t0)}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
