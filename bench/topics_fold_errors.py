"""Where a held-out outlet's desk errors come from: the section model or the first-topic rule (issue 18).

    python bench/topics_fold_errors.py [--C 1] [--features BBC] [--word شركة]   # seconds; --features: ~5 min

Measures only, on the cache of ``bench/topics_rule_cache.py``. Per ANT v2 evaluation fold, the base rule is fitted
as ``bench/train_topics.py`` fits it (all judged rows, desk share 0.5, ``--C``) and the held-out desk articles
whose first topic is not their desk label are split in two: the section model's best label is wrong (no rule
can mend those: the lexicon's labels are never desk labels), or the model is right and the rule put a lexicon
topic first. Printed: the confusions, the lexicon terms behind the second kind, and what desk top-1 would be if
a reader accepted every lexicon topic put first (an upper bound of judging desk articles the way general news is
judged, where any topic the reader accepts counts). ``--features OUTLET`` trains that fold's section model (every
other outlet) and lists the n-grams that push its most frequent model confusions (the summed contribution to
the wrong label's margin over the right one's). ``--word``: the share of each outlet's desk articles (title and
first 2,000 characters, folded) that contain the folded word.
"""

from __future__ import annotations

import argparse
import collections
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.utils import murmurhash3_32

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_topics as tt  # noqa: E402
from topics_eval import V2_OUTLETS  # noqa: E402

from pipeline.nlp import topics  # noqa: E402
from pipeline.text.normalise import fold_topic  # noqa: E402


def fold_first_topics(name: str, cache: dict, a: dict) -> dict[str, np.ndarray]:
    """Held-out rows of fold ``name``: their desk label, the model's best label and the rule's first topic."""
    tr, te = cache[f"{name}:tr"], cache[f"{name}:te"]
    rule = tt._fit_rule(cache[f"{name}:p_oof"], a["lexicon"][tr], a["desk"][tr], a["judged"][tr], a["weight"][tr],
                        0.5, a["profile"][tr])
    p = cache[f"{name}:p_te"]
    first = tt.first_topics(rule, tt.LABELS, tt.DESK_LABELS, p, a["lexicon"][te], a["profile"][te])
    model_best = np.array(tt.LABELS, dtype=object)[p.argmax(axis=1)]
    return {"rows": te, "desk": a["desk"][te], "model_best": model_best,
            "first": np.where(first == "", model_best, first)}


def lexicon_terms(rows: list[dict], ids: np.ndarray, topic: str) -> collections.Counter:
    """In how many of the articles ``ids`` each lexicon term of ``topic`` occurs."""
    found: collections.Counter = collections.Counter()
    for i in ids:
        hits, _ = topics._lexicon_hits_normalised(fold_topic(rows[i]["title"] or ""), fold_topic(rows[i]["text"] or ""))
        found.update(hits.get(topic, {}).keys())
    return found


def report_fold(name: str, f: dict[str, np.ndarray], rows: list[dict]) -> tuple[float, float]:
    """Print the fold's error split; return (desk top-1, desk top-1 with every lexicon topic put first accepted)."""
    desk, first, model_best = f["desk"], f["first"], f["model_best"]
    is_desk = desk != ""
    wrong = is_desk & (first != desk)
    model_wrong = is_desk & (model_best != desk)
    lexicon_first = wrong & np.isin(first, tt.LEXICON_LABELS)
    n = is_desk.sum()
    print(f"== {name}: {n} desk articles, first topic right {(n - wrong.sum()) / n:.4f}, the model's best label "
          f"right {(n - model_wrong.sum()) / n:.4f}; {wrong.sum()} wrong: {(wrong & model_wrong).sum()} the "
          f"model's best label wrong, {(wrong & ~model_wrong).sum()} a lexicon topic put first over the right one")
    print("   right per desk label: " + ", ".join(
        f"{t} {((desk == t) & ~wrong).sum()}/{(desk == t).sum()}" for t in tt.DESK_LABELS if (desk == t).any()))
    pairs = collections.Counter(f"{d}->{g}" for d, g in zip(desk[wrong], first[wrong], strict=True))
    print("   confusions: " + ", ".join(f"{k} {v}" for k, v in pairs.most_common(8)))
    by_pair = collections.Counter(zip(desk[lexicon_first], first[lexicon_first], strict=True))
    for (d, topic), k in by_pair.most_common(3):
        ids = f["rows"][lexicon_first & (desk == d) & (first == topic)]
        terms = lexicon_terms(rows, ids, topic)
        print(f"   {topic} put first over {d} ({k}); its terms (articles): "
              + ", ".join(f"{t} {c}" for t, c in terms.most_common(10)))
    return (n - wrong.sum()) / n, (n - wrong.sum() + lexicon_first.sum()) / n


def column_ngrams(docs: list[str], ids, config: dict) -> dict[int, collections.Counter]:
    """Hashed column -> the n-grams of documents ``ids`` that land there (``make_vectorizers``' hashing)."""
    word, char = topics.make_vectorizers(config)
    nw, nc = config["word_n_features"], config["char_n_features"]
    out: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for i in ids:
        for g in set(word.build_analyzer()(docs[i])):
            out[abs(murmurhash3_32(g, seed=0)) % nw][g] += 1
        for g in set(char.build_analyzer()(docs[i])):
            out[nw + abs(murmurhash3_32(g, seed=0)) % nc][g] += 1
    return out


def pushing_ngrams(name: str, f: dict[str, np.ndarray], rows: list[dict], cache: dict, top: int = 20) -> None:
    """Train fold ``name``'s section model; print the n-grams behind its three most frequent desk confusions."""
    y, m = tt.targets(rows)
    recipe = {**tt.RECIPES["raqib"], "classes": tt.section_classes(rows)}
    docs = [topics.model_input(r["title"], r["text"]) for r in rows]
    counts = tt.hashed_counts(docs, recipe["config"])
    idf, coef_t, _, _ = tt.train(recipe, counts, y, m, cache[f"{name}:tr"])
    x = tt.design(counts, idf)
    wrong = (f["desk"] != "") & (f["model_best"] != f["desk"])
    pairs = collections.Counter(zip(f["desk"][wrong], f["model_best"][wrong], strict=True))
    for (d, got), k in pairs.most_common(3):
        ids = f["rows"][wrong & (f["desk"] == d) & (f["model_best"] == got)]
        push = coef_t[:, tt.LABELS.index(got)] - coef_t[:, tt.LABELS.index(d)]
        contribution = np.asarray(x[ids].multiply(push[None, :]).sum(axis=0)).ravel()
        names = column_ngrams(docs, ids, recipe["config"])
        best = np.argsort(-contribution)[:top]
        print(f"== {name} section model {d} -> {got} ({k} articles), n-grams towards {got}: " + " | ".join(
            f"{'/'.join(g for g, _ in names[c].most_common(2))} {contribution[c]:.2f}" for c in best))


def word_shares(rows: list[dict], word: str) -> None:
    """Per (outlet, desk label): the share of desk articles whose folded title and opening contain ``word``."""
    folded, seen, n = fold_topic(word), collections.Counter(), collections.Counter()
    for r in rows:
        desk = tt.DESK_SECTIONS.get(r["section"])
        if desk:
            n[r["outlet"], desk] += 1
            seen[r["outlet"], desk] += folded in fold_topic(f"{r['title'] or ''} {(r['text'] or '')[:2000]}")
    print(f"== articles with {folded}: " + ", ".join(f"{o} {d} {seen[o, d] / n[o, d]:.2f}" for o, d in sorted(n)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/topics_rule_cache.npz"))
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    ap.add_argument("--C", type=float, default=tt.RULE_C, help="the rule's inverse regularisation")
    ap.add_argument("--features", choices=sorted(V2_OUTLETS), help="train this fold and list the n-grams")
    ap.add_argument("--word", help="the share of each outlet's desk articles containing this word")
    args = ap.parse_args()
    warnings.filterwarnings("ignore", message="lbfgs failed to converge")
    tt.RULE_C = args.C
    rows = tt.load(args.data_dir)
    with np.load(args.cache) as z:
        cache = {k: z[k] for k in z.files}
    with np.load(args.cache.with_name(args.cache.stem + "_rows.npz"), allow_pickle=True) as z:
        a = {k: z[k] for k in z.files}
    if [r["id"] for r in rows] != a["ids"].tolist() or not np.array_equal(a["ids"], cache["ids"]):
        sys.exit("the cache's rows differ from the data's rows: rebuild it with bench/topics_rule_cache.py")
    found = {name: fold_first_topics(name, cache, a) for name in sorted(V2_OUTLETS)}
    figures = np.array([report_fold(name, f, rows) for name, f in found.items()])
    print(f"ANT v2 desk mean {figures[:, 0].mean():.4f}; with every lexicon topic put first accepted "
          f"{figures[:, 1].mean():.4f}")
    if args.word:
        word_shares(rows, args.word)
    if args.features:
        pushing_ngrams(args.features, found[args.features], rows, cache)


if __name__ == "__main__":
    main()
