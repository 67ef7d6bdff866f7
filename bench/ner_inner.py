"""Choose NER features on an inner document-disjoint split of the build part, never on the dev block.

The ANERcorp train file splits into build part + dev block (``ner.split_dev_tail``); this script splits the
build part the same way again (its last ~10 % of whole stories = inner dev) and trains on the rest, so ideas
are chosen without looking at the dev block. ``--dev`` trains on the whole build part and scores the dev block
instead: run it once per idea already kept on inner evidence.

    PYTHONPATH=$PWD python bench/ner_inner.py [--dev] [--errors FILE] [--self-train] [--lexicon FILE]
    PYTHONPATH=$PWD python bench/ner_inner.py --build-second /tmp/bare.tsv 512 --second-bare
    PYTHONPATH=$PWD python bench/ner_inner.py --second-clusters /tmp/bare.tsv --second-bare
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from pipeline.nlp import ner

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAIN = SHARED / "ner" / "ANERCorp_CamelLab_train.txt"


# The build part's stories open with headlines, not datelines, near its 90 % mark (sentence 3221), so
# ``split_dev_tail`` finds no opener there and would cut a Formula 1 story in two; the next headline
# ("توقعات بانخفاض نمو الطلب العالمي على النفط", sentence 3224, read by eye) starts the inner dev.
INNER_CUT = 3224


def splits() -> tuple[list[ner.Sentence], list[ner.Sentence], list[ner.Sentence]]:
    """(inner train, inner dev, build part): the inner dev is the build part's last ~10 % of whole stories."""
    build, _dev = ner.split_dev_tail(ner.read_conll(TRAIN), 0.1)
    cut = INNER_CUT
    assert build[cut][0][0] == "توقعات" and len(build) == 3579, "build part changed: re-read the cut"
    return build[:cut], build[cut:], build


def ant_v1_token_sentences() -> list[list[str]]:
    """Token sentences (6 to 60 tokens, as written) of the ANT v1 article texts: unlabelled news to self-train on."""
    from pipeline.text.tokenize import tokenized_sentences

    sents: list[list[str]] = []
    with (SHARED / "topics" / "ant_v1_jawharafm.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for _, _, toks in tokenized_sentences(json.loads(line).get("text") or ""):
                if 6 <= len(toks) <= 60:
                    sents.append([t for t, _, _ in toks])
    return sents


def confident_sentences(model_path: Path, sentences: list[list[str]], threshold: float = 0.9,
                        limit: int = 3000) -> list[ner.Sentence]:
    """Unlabelled sentences the model tags (raw CRF tags) with an entity and P(whole path) >= ``threshold``;
    a seeded sample of at most ``limit``."""
    import random

    import pycrfsuite

    from pipeline.nlp.ner_features import sentence_features

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    kept: list[ner.Sentence] = []
    for toks in sentences:
        tagger.set(sentence_features(toks))
        tags = tagger.tag()
        if tags.count("O") < len(tags) and tagger.probability(tags) >= threshold:
            kept.append(list(zip(toks, tags, strict=True)))
    random.Random(0).shuffle(kept)
    return kept[:limit]


def build_second_clusters(out: Path, leaves: int, bare_keys: bool) -> None:
    """A second word-cluster table from the shipped table's text (ANT v1 + build part), ``leaves`` classes;
    keyed like the shipped one, or by bare stems (clitics and article stripped)."""
    from train_ner import ant_v1_sentences, cluster_sentences

    from pipeline.nlp.ner_features import _stems
    from pipeline.nlp.wordclusters import train_clusters, write_clusters
    from pipeline.text.normalise import fold_name

    if bare_keys:
        build = splits()[2]
        sents = [*ant_v1_sentences(), *([fold_name(t) for t, _ in s] for s in build)]
        sents = [[_stems(w)[1] for w in s] for s in sents if s]
    else:
        sents = cluster_sentences()
    write_clusters(train_clusters(sents, n_leaves=leaves), out)


def add_second_clusters(path: Path, bare_keys: bool = False) -> None:
    """Wrap ``ner_features._token_features``: the word's path in a second cluster table (``k2=``), looked up
    like the shipped table (norm, without conjunction, bare; only the bare stem with ``bare_keys``), on the word
    and in its context features."""
    from functools import lru_cache

    from pipeline.nlp import crf, ner_features
    from pipeline.nlp.ner_features import _stems
    from pipeline.nlp.wordclusters import load_clusters
    from pipeline.text.normalise import fold_name

    table = load_clusters(path)
    plain = ner_features._token_features

    @lru_cache(maxsize=65_536)
    def with_second(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        own, ctx = plain(word)
        norm = fold_name(word)
        no_conj, bare = _stems(norm)
        forms = (bare,) if bare_keys else (norm, no_conj, bare)
        bits = next((table[f] for f in forms if f in table), "NONE")
        return (*own, "k2=" + bits), (*ctx, "k2=" + bits)

    ner_features._token_features = with_second
    crf._token_features = with_second


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="train on the build part, score the dev block (once!)")
    ap.add_argument("--errors", help="write inner-dev gold/pred per sentence (never with --dev)")
    ap.add_argument("--extra", help="extra CoNLL training sentences (e.g. self-tagged ANT v1)")
    ap.add_argument("--label", default="")
    ap.add_argument("--save-model", help="keep the trained model here")
    ap.add_argument("--model", help="tag with this model instead of training one (post-processing changes)")
    ap.add_argument("--lexicon", help="candidate name-lexicon table (namelex) instead of the shipped one")
    ap.add_argument("--second-clusters", help="a second word-cluster table (other granularity): its full path as"
                    " an extra feature of the word and its ±1 neighbours")
    ap.add_argument("--second-bare", action="store_true", help="the second table is keyed by bare stems")
    ap.add_argument("--build-second", nargs=2, metavar=("OUT", "LEAVES"),
                    help="only write a second cluster table (ANT v1 + build part; bare-stem keys with --second-bare)")
    ap.add_argument("--self-train", action="store_true", help="self-train on ANT v1 (ner.confident_sentences)")
    ap.add_argument("--stories", action="store_true", help="also score as extract_entities tags: names propagated"
                    " within each story (ner.tag_stories)")
    ap.add_argument("--drop-title", nargs="*", default=[], help="words left out of the CRF's title triggers")
    args = ap.parse_args()
    if args.build_second:
        build_second_clusters(Path(args.build_second[0]), int(args.build_second[1]), args.second_bare)
        return
    from pipeline.nlp import ner_features

    ner_features.TITLE_TRIGGERS = ner_features.TITLE_TRIGGERS - set(args.drop_title)
    if args.second_clusters:
        add_second_clusters(Path(args.second_clusters), args.second_bare)
    if args.lexicon:
        from ner_lexicon import add_lexicon_features

        add_lexicon_features(Path(args.lexicon))
    inner_train, inner_dev, build = splits()
    if args.dev:
        _, dev = ner.split_dev_tail(ner.read_conll(TRAIN), 0.1)
        train_set, test_set, which = build, dev, "dev block"
    else:
        train_set, test_set, which = inner_train, inner_dev, "inner dev"
    if args.extra:
        train_set = [*train_set, *ner.read_conll(args.extra)]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(args.model or args.save_model or Path(tmp) / "m.model")
        if not args.model:
            ner._fit(train_set, model, dict(ner.CRF_PARAMS))
            if args.self_train:  # tag ANT v1, add the confident sentences, fit again
                extra = confident_sentences(model, ant_v1_token_sentences())
                ner._fit([*train_set, *extra], model, dict(ner.CRF_PARAMS))
                print(f"self-training added {len(extra)} sentences")
        pred = ner._tag_with(model, test_set)
        story_pred = ner.tag_stories(model, test_set) if args.stories else None
    gold = [[t for _, t in s] for s in test_set]
    rep = ner.score(gold, pred)
    if story_pred is not None:
        rep["by_story"] = ner.score(gold, story_pred)
        pred = story_pred  # --errors shows what extract_entities would give
    if args.errors and not args.dev:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for s, p in zip(test_set, pred, strict=True):
                fh.write(json.dumps({"tok": [t for t, _ in s], "gold": [t for _, t in s], "pred": p},
                                    ensure_ascii=False) + "\n")
    m = rep["micro"]
    per = " ".join(f"{t} {v['f1']:.3f}" for t, v in rep["per_type"].items())
    print(f"{args.label} {which}: train {len(train_set)} sents, test {len(test_set)} sents "
          f"{sum(map(len, test_set))} tokens; micro F1 {m['f1']:.4f} (P {m['precision']:.4f} R {m['recall']:.4f}); "
          f"{per}; {time.perf_counter() - t0:.0f}s")
    if story_pred is not None:
        ms = rep["by_story"]["micro"]
        per = " ".join(f"{t} {v['f1']:.3f}" for t, v in rep["by_story"]["per_type"].items())
        print(f"{args.label} {which}, names propagated within stories: micro F1 {ms['f1']:.4f} "
              f"(P {ms['precision']:.4f} R {ms['recall']:.4f}); {per}")
    print(json.dumps(rep))


if __name__ == "__main__":
    main()
