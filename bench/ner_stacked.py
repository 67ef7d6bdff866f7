"""The two-pass (stacked) CRF shipped in round twenty-three, measured on the inner split or (once) the dev block.

The CRF reads one sentence at a time; ``ner.propagate_in_article`` repeats the names it found, but cannot fix a
name it read with the wrong type or span. Stacking (Krishnan & Manning 2006) lets a second CRF weigh that article
evidence as a feature (``dt=B-PERS``: the word's most frequent first-pass tag in the story's other sentences,
``ner.story_tag_features``). The training side's first-pass tags come from two folds of whole stories
(``ner._fit_stacked``), so the second pass learns how far to trust tags of a model that did not see the sentence.
This script runs the very functions ``ner.train`` and ``extract_entities`` use.

    PYTHONPATH=$PWD python bench/ner_stacked.py           # inner split (bench/ner_inner.py)
    PYTHONPATH=$PWD python bench/ner_stacked.py --dev     # build part -> dev block (once)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ner_inner import TRAIN, splits

from pipeline.nlp import ner


def _report(label: str, gold: list[list[str]], pred: list[list[str]]) -> None:
    rep = ner.score(gold, pred)
    per = " ".join(f"{t} {v['f1']:.3f}" for t, v in rep["per_type"].items())
    print(f"{label}: micro F1 {rep['micro']['f1']:.4f}; {per}")


def main() -> None:
    ap = argparse.ArgumentParser(description="two-pass CRF, measured on the inner split or (once) the dev block")
    ap.add_argument("--dev", action="store_true", help="train on the build part, score the dev block")
    args = ap.parse_args()
    if not TRAIN.exists():
        raise SystemExit(f"needs the ANERcorp train file at {TRAIN} (../shared beside the repository)")
    t0 = time.perf_counter()
    train_set, test_set, _ = splits()
    if args.dev:
        train_set, test_set = ner.split_dev_tail(ner.read_conll(TRAIN), 0.1)
    params = dict(ner.CRF_PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        ner._fit(train_set, Path(tmp) / "first.model", params)
        first_test = ner._tag_with(Path(tmp) / "first.model", test_set)
        ner._fit_stacked(train_set, Path(tmp) / "second.model", params, Path(tmp))
        feats = ner.stacked_features(test_set, first_test)
        second = ner._tag_with(Path(tmp) / "second.model", test_set, feats)
        pred = ner.with_story_evidence(test_set, first_test, second, feats)
    gold = [[g for _, g in s] for s in test_set]
    which = "dev block" if args.dev else "inner dev"
    _report(f"{which}, first pass", gold, first_test)
    _report(f"{which}, second pass", gold, pred)
    for tags in (first_test, pred):
        ner.propagate_in_stories(test_set, tags)
    _report(f"{which}, first pass as articles", gold, first_test)
    _report(f"{which}, second pass as articles", gold, pred)
    print(f"{time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
