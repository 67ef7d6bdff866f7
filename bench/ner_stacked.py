"""A two-pass CRF, measured, not shipped: the second pass sees the first pass's tag of the same word in the story.

The CRF reads one sentence at a time; ``ner.propagate_in_article`` repeats the names it found, but cannot fix a
name it read with the wrong type or span. Stacking (Krishnan & Manning 2006) lets a second CRF weigh that article
evidence as a feature (``dt=B-PERS``: the word's most frequent first-pass tag in the story's other sentences).
The training side's first-pass tags come from two folds of whole stories, so the second pass learns how far to
trust tags of a model that did not see the sentence.

    PYTHONPATH=$PWD python bench/ner_stacked.py           # inner split (bench/ner_inner.py)
    PYTHONPATH=$PWD python bench/ner_stacked.py --dev     # build part -> dev block (once)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite
from ner_inner import TRAIN, splits

from pipeline.nlp import ner
from pipeline.nlp.ner import _norm_and_stem
from pipeline.nlp.ner_features import sentence_features

Extra = list[list[list[str]]]  # per sentence, per token: extra features


def _features(sent: ner.Sentence, extra: list[list[str]] | None) -> list[list[str]]:
    feats = sentence_features([t for t, _ in sent])
    return [a + b for a, b in zip(feats, extra, strict=True)] if extra else feats


def fit(sents: list[ner.Sentence], path: Path, extra: Extra | None = None) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for i, sent in enumerate(sents):
        trainer.append(_features(sent, extra[i] if extra else None), [g for _, g in sent])
    trainer.set_params(dict(ner.CRF_PARAMS))
    trainer.train(str(path))


def tag(path: Path, sents: list[ner.Sentence], extra: Extra | None = None) -> list[list[str]]:
    """crfsuite tags + the shipped post-processing (the second pass has features ``FastCrf`` does not build)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [ner.postprocess([t for t, _ in s], tagger.tag(_features(s, extra[i] if extra else None)))
            for i, s in enumerate(sents)]


def story_features(sents: list[ner.Sentence], first_pass: list[list[str]]) -> Extra:
    """``dt=<tag>``: the most frequent non-O first-pass tag of the same word (clitic-stripped key) in the story's
    other sentences; nothing when there is none."""
    out: Extra = []
    start = 0
    for story in ner.split_stories(sents):
        idx = range(start, start + len(story))
        start += len(story)
        keys = {i: [_norm_and_stem(t)[1] for t, _ in sents[i]] for i in idx}
        seen: dict[str, Counter[tuple[int, str]]] = {}
        for i in idx:
            for key, tg in zip(keys[i], first_pass[i], strict=True):
                if tg != "O":
                    seen.setdefault(key, Counter())[(i, tg)] += 1
        for i in idx:
            row = []
            for key in keys[i]:
                other = Counter({tg: n for (j, tg), n in seen.get(key, Counter()).items() if j != i})
                row.append(["dt=" + other.most_common(1)[0][0]] if other else [])
            out.append(row)
    return out


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
    stories = ner.split_stories(train_set)
    folds = [[s for j, st in enumerate(stories) if j % 2 == k for s in st] for k in (0, 1)]
    with tempfile.TemporaryDirectory() as tmp:
        first: dict[int, list[str]] = {}
        for k in (0, 1):  # first-pass tags of each fold from a model fitted on the other
            fit(folds[1 - k], Path(tmp) / "fold.model")
            first.update(zip(map(id, folds[k]), tag(Path(tmp) / "fold.model", folds[k]), strict=True))
        fit(train_set, Path(tmp) / "first.model")
        first_test = tag(Path(tmp) / "first.model", test_set)
        fit(train_set, Path(tmp) / "second.model", story_features(train_set, [first[id(s)] for s in train_set]))
        pred = tag(Path(tmp) / "second.model", test_set, story_features(test_set, first_test))
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
