"""Could a learned ranker over rule-proposed candidates pick stream speakers better than the rules? An experiment.

    python bench/speaker_ranker.py            # oracle, then leave-one-sample-out over the 13 dev samples
    python bench/speaker_ranker.py --oracle   # only the share of wrong speakers whose gold is a candidate

Reads only the 13 development samples of ``bench/speakers.py`` (never the blind ones). Each anchor's statement
comes from ``enrich_article`` as the bench builds the stream. A speaker is right when it equals, after
``bench.speakers.words`` (fold_match, no punctuation), a speaker judged right for that anchor or its ``gold``.

Candidates (what the rules could propose): the rules' pick; null; the speaker of the previous statement and of
every earlier one; every NER entity from two sentences before the verb to 200 characters after it, alone and with
1..7 words before it in its clause (a title, a description: "المتحدثة باسم الخارجية الأمريكية هيذر نويرت").

1. Oracle: of the statements whose speaker is wrong today, the share whose right speaker is among the candidates.
2. Ranker: logistic regression (scikit-learn, fixed seed) over candidate features (kind, verb class, the rules'
   pick being null or a description, side and distance to the verb, entity type, length, statements back, a
   preposition at its start, containment in the rules' pick), trained on 12 samples and scored on the 13th;
   and the same model as an override (the best non-rule candidate replaces the rules' pick above a threshold).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import speakers as bench  # noqa: E402

from pipeline.models import Statement  # noqa: E402
from pipeline.nlp.mentions import is_description  # noqa: E402
from pipeline.text.normalise import fold_match  # noqa: E402

DEV_SAMPLES = ("dev", "fresh", "independent", "seed4242", "heldout", "seed31337", "seed4711", "seed6006",
               "seed8128", "seed5150", "seed1313", "seed2626", "seed4848")
_SENTENCE_END = re.compile(r"\n|[.!؟?](?=\s|$)")
_CLAUSE_MARK = re.compile(r"[،,:;؛\"«»“”()\n.!?؟]")
_PREPOSITIONS = frozenset(fold_match(w) for w in "في من على إلى الى عن مع لدى بين عند حول بعد قبل خلال منذ".split())
_ATTRIBUTIONS = frozenset(fold_match(w) for w in "بحسب حسب وفق وفقا نقلا".split())
Candidate = tuple[str | None, dict[str, float], bool, bool]  # key, features, right, is the rules' pick


def key_of(speaker: str | None) -> str | None:
    return None if speaker is None else " ".join(bench.words(speaker))


def sentence_start(text: str, pos: int, back: int = 1) -> int:
    for _ in range(back):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 1500), max(0, pos - 1))]
        pos = ends[-1] if ends else max(0, pos - 1500)
    return pos


def verb_at(text: str, st: Statement) -> int:
    found = text.rfind(st.verb, max(0, st.start - 400), st.start + 1) if st.verb else -1
    return found if found >= 0 else st.start


def verb_class(verb: str) -> str:
    v = fold_match(verb or "")
    if not v:
        return "none"
    if v[:4] in bench.CONTINUATIONS or v[:1] in "وف" and v[1:5] in bench.CONTINUATIONS:
        return "continuation"
    return "attribution" if v in _ATTRIBUTIONS else "participle" if v.startswith("م") else "verb"


def candidates(text: str, statements: list[Statement], entities: list[dict], st: Statement) -> dict[str | None, dict]:
    """key -> {kinds, pos (nearest to the verb), entity type, statements back} of every candidate speaker."""
    verb, found = verb_at(text, st), {}

    def add(surface: str | None, kind: str, pos: int | None = None, etype: str | None = None) -> None:
        key = key_of(surface)
        if surface is not None and not key:
            return
        row = found.setdefault(key, {"kinds": set(), "pos": None, "etype": None, "back": None})
        row["kinds"].add(kind)
        if pos is not None and (row["pos"] is None or abs(pos - verb) < abs(row["pos"] - verb)):
            row["pos"] = pos
        row["etype"] = row["etype"] or etype

    add(st.speaker.text if st.speaker else None, "rule")
    add(None, "null")
    earlier = [s for s in statements[: statements.index(st)] if s.speaker]
    for back, s in enumerate(reversed(earlier)):
        add(s.speaker.text, "previous" if back == 0 else "earlier")
        row = found[key_of(s.speaker.text)]
        row["back"] = back if row["back"] is None else row["back"]
    lo, hi = sentence_start(text, verb, 2), min(len(text), verb + 200)
    for e in entities:
        if lo <= e["start"] and e["end"] <= hi:
            add(e["text"], "entity", e["start"], e["type"])
            left = text[max(lo, e["start"] - 120) : e["start"]]
            marks = list(_CLAUSE_MARK.finditer(left))
            words = (left[marks[-1].end() :] if marks else left).split()
            for k in range(1, min(7, len(words)) + 1):
                add(" ".join(words[-k:]) + " " + e["text"], f"entity+{min(k, 3)}", e["start"], e["type"])
    return found


def features(key: str | None, row: dict, text: str, st: Statement) -> dict[str, float]:
    verb, vclass, rule = verb_at(text, st), verb_class(st.verb), key_of(st.speaker.text if st.speaker else None)
    context = f"null{int(rule is None)}_desc{int(rule is not None and is_description(st.speaker))}_{vclass}"
    f: dict[str, float] = {}
    for kind in row["kinds"]:
        f[f"kind={kind}"] = f[f"kind={kind}|{context}"] = f[f"kind={kind}|{vclass}"] = 1
    if key is None:
        return f
    f[f"words={min(len(key.split()), 5)}"] = 1
    if row["etype"]:
        f[f"type={row['etype']}"] = 1
    if row["pos"] is not None:
        side = "after" if row["pos"] > verb else "before"
        f[f"side={side}"] = f[f"side={side}|{vclass}"] = 1
        f["log_distance"] = math.log1p(abs(row["pos"] - verb)) / 6
        f["same_sentence"] = float(sentence_start(text, verb) <= row["pos"])
    if row["back"] is not None:
        f[f"back={min(row['back'], 3)}"] = 1
    if key.split()[0] in _PREPOSITIONS or key.startswith(("بال", "لل")):
        f["preposition"] = 1
    if rule:
        mine, theirs = set(key.split()), set(rule.split())
        f["inside_rule"] = float(mine < theirs)
        f["around_rule"] = float(theirs < mine)
    return f


def dataset() -> tuple[dict[str, list[list[Candidate]]], Counter]:
    """Candidates of every dev anchor with a statement, per sample, and the oracle counts."""
    rows: dict[str, list[dict]] = {}
    for name in DEV_SAMPLES:
        lines = bench.STREAM_SAMPLES[name].read_text(encoding="utf-8").splitlines()
        rows[name] = [json.loads(x) for x in lines if x.strip()]
    docs = {d[0]: d for d in bench._stream_docs({r["article"] for rs in rows.values() for r in rs})}
    out: dict[str, list[list[Candidate]]] = {}
    counts: Counter = Counter()
    for name, sample in rows.items():
        anchors: dict[tuple[str, int], list[dict]] = {}
        for r in sample:
            anchors.setdefault((r["article"], r["at"]), []).append(r)
        out[name] = []
        for (doc_id, at), judged in anchors.items():
            _, _, text, article = docs[doc_id]
            st = bench._anchored(article.statements, text, at)
            if st is None:
                continue
            right = {key_of(r["speaker"]) for r in judged if r["speaker_right"]}
            right |= {key_of(r.get("gold")) for r in judged}
            found = candidates(text, article.statements, [e.model_dump() for e in article.entities], st)
            items = [(k, features(k, v, text, st), k in right, "rule" in v["kinds"]) for k, v in found.items()]
            out[name].append(items)
            rule_right = any(ok for _, _, ok, is_rule in items if is_rule)
            counts["statements"] += 1
            counts["rule right"] += rule_right
            counts["candidates"] += len(items)
            if not rule_right:
                counts["rule wrong"] += 1
                counts["rule wrong, right one a candidate"] += any(ok for _, _, ok, _ in items)
    return out, counts


def leave_one_out(data: dict[str, list[list[Candidate]]], c: float, thresholds: tuple[float, ...]) -> None:
    """Per held-out sample: the rules, the ranker's argmax, and the override at each threshold (gained/lost)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    total = Counter()
    for held in data:
        train = [cand for name, stmts in data.items() if name != held for items in stmts for cand in items]
        vec = DictVectorizer()
        model = LogisticRegression(C=c, max_iter=3000, random_state=0).fit(
            vec.fit_transform([f for _, f, _, _ in train]), [int(ok) for _, _, ok, _ in train])
        rules = ranker = 0
        moves = Counter()
        for items in data[held]:
            rule_right = any(ok for _, _, ok, is_rule in items if is_rule)
            scores = model.predict_proba(vec.transform([f for _, f, _, _ in items]))[:, 1]
            rules += rule_right
            ranker += items[int(np.argmax(scores))][2]
            alts = [(s, ok) for s, (_, _, ok, is_rule) in zip(scores, items, strict=True) if not is_rule]
            best = max(alts, default=None)
            for t in thresholds:
                if best is not None and best[0] > t:
                    moves[f"gained@{t}"] += best[1] and not rule_right
                    moves[f"lost@{t}"] += rule_right and not best[1]
        n = len(data[held])
        total.update({"n": n, "rules": rules, "ranker": ranker, **moves})
        over = " ".join(f"@{t}:+{moves[f'gained@{t}']}/-{moves[f'lost@{t}']}" for t in thresholds)
        print(f"  {held:12} n={n:3}  rules {rules:3}  ranker {ranker:3} ({ranker - rules:+d})  override {over}")
    over = " ".join(f"@{t}:+{total[f'gained@{t}']}/-{total[f'lost@{t}']}" for t in thresholds)
    print(f"  {'total':12} n={total['n']}  rules {total['rules']} ({total['rules'] / total['n']:.3f})  ranker "
          f"{total['ranker']} ({total['ranker'] / total['n']:.3f}, {total['ranker'] - total['rules']:+d})  "
          f"override {over}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oracle", action="store_true", help="only the oracle share")
    parser.add_argument("--c", type=float, nargs="+", default=[0.3, 1.0, 10.0], help="inverse regularisation")
    args = parser.parse_args()
    data, counts = dataset()
    wrong = counts["rule wrong"]
    print(f"statements {counts['statements']}, rules right {counts['rule right']} "
          f"({counts['rule right'] / counts['statements']:.3f}), {counts['candidates'] / counts['statements']:.1f} "
          f"candidates each; rules wrong {wrong}, of which the right speaker is a candidate "
          f"{counts['rule wrong, right one a candidate']} ({counts['rule wrong, right one a candidate'] / wrong:.2f}); "
          f"ceiling {(counts['rule right'] + counts['rule wrong, right one a candidate']) / counts['statements']:.3f}")
    if args.oracle:
        return
    for c in args.c:
        print(f"leave one sample out, C={c}:")
        leave_one_out(data, c, (0.2, 0.3, 0.5))


if __name__ == "__main__":
    main()
