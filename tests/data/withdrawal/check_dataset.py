#!/usr/bin/env python3
"""Validate labelled.jsonl, pool_ant_v2.jsonl and train_extra.jsonl and print their counts.

    python check_dataset.py            # exits 1 on any problem

Checks: every line is JSON with exactly the required fields and types; ids are unique and equal
"<corpus>:<doc_id>:<sentence index>"; stance/speaker are null when withdrawal is false; every
sentence is byte-identical to the sentence at that index in the source corpus (re-split with
find_candidates.split_sentences); the split is per document and equals
find_candidates.assign_splits(); each split holds >= 60 positives; the pool holds exactly the
sentences that find_candidates.pool() selects. train_extra.jsonl (training only): the same field, id and
source checks, split "train_extra", no id or sentence text shared with the other two files, and no
document that has a held-out row. Reads ../shared/data only through find_candidates.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import find_candidates as fc  # noqa: E402

FIELDS = ["id", "corpus", "doc_id", "outlet", "sentence", "withdrawal", "stance", "speaker", "reason", "split"]
CORPORA = {"ant_v2", "ant_v1", "newsfane", "seeds"}
STANCES = {"announce", "deny", "postpone", "complete"}


def load(path: Path, errors: list[str]) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}:{n}: invalid JSON ({e})")
            continue
        if list(r) != FIELDS:
            errors.append(f"{path.name}:{n}: fields {list(r)} != {FIELDS}")
            continue
        rows.append(r)
    return rows


def check_rows(name: str, rows: list[dict], sources: dict, errors: list[str], splits: set[str]) -> None:
    ids = Counter(r["id"] for r in rows)
    for i, c in ids.items():
        if c > 1:
            errors.append(f"{name}: duplicate id {i}")
    for r in rows:
        rid = r["id"]
        if r["corpus"] not in CORPORA:
            errors.append(f"{name}: {rid}: corpus {r['corpus']!r}")
        if r["corpus"] == "saudinewsnet" or "saudi" in rid.lower():
            errors.append(f"{name}: {rid}: SaudiNewsNet must not be used")
        corpus, doc_id, idx = rid.split(":", 1)[0], rid.split(":", 1)[1].rsplit(":", 1)[0], rid.rsplit(":", 1)[1]
        if (corpus, doc_id) != (r["corpus"], r["doc_id"]) or not idx.isdigit():
            errors.append(f"{name}: {rid}: id does not match corpus/doc_id")
            continue
        if not isinstance(r["withdrawal"], bool):
            errors.append(f"{name}: {rid}: withdrawal not bool")
        if r["withdrawal"]:
            if r["stance"] not in STANCES:
                errors.append(f"{name}: {rid}: stance {r['stance']!r}")
            if r["speaker"] is not None and (not isinstance(r["speaker"], str) or not r["speaker"].strip()):
                errors.append(f"{name}: {rid}: bad speaker")
        elif r["stance"] is not None or r["speaker"] is not None:
            errors.append(f"{name}: {rid}: stance/speaker must be null when withdrawal is false")
        if not isinstance(r["reason"], str) or not r["reason"].strip():
            errors.append(f"{name}: {rid}: empty reason")
        if r["split"] not in splits:
            errors.append(f"{name}: {rid}: split {r['split']!r}")
        sents = sources.get((r["corpus"], r["doc_id"]))
        if sents is None:
            errors.append(f"{name}: {rid}: document not found in the source corpus")
        elif int(idx) >= len(sents) or sents[int(idx)] != r["sentence"]:
            errors.append(f"{name}: {rid}: sentence differs from the source text")
        elif not fc.keep(r["sentence"]):
            errors.append(f"{name}: {rid}: sentence not 6-80 words")


def report(name: str, rows: list[dict]) -> None:
    pos = sum(r["withdrawal"] for r in rows)
    print(f"\n{name}: {len(rows)} sentences, {pos} withdrawal=true ({100 * pos / max(1, len(rows)):.1f} %), "
          f"{len({(r['corpus'], r['doc_id']) for r in rows})} documents")
    for key in ("split", "corpus", "outlet", "stance"):
        c = Counter(r[key] for r in rows)
        p = Counter(r[key] for r in rows if r["withdrawal"])
        print(f"  by {key}: " + ", ".join(f"{k}={c[k]} ({p[k]} true)" for k in sorted(c, key=str)))


def main() -> int:
    errors: list[str] = []
    sources = {(d["corpus"], d["doc_id"]): d["sentences"] for d in fc.iter_docs()}
    lab = load(HERE / "labelled.jsonl", errors)
    pool = load(HERE / "pool_ant_v2.jsonl", errors)
    check_rows("labelled", lab, sources, errors, {"build", "heldout"})
    check_rows("pool", pool, sources, errors, {"pool"})
    extra = load(HERE / "train_extra.jsonl", errors)
    check_rows("train_extra", extra, sources, errors, {"train_extra"})
    heldout_docs = {(r["corpus"], r["doc_id"]) for r in lab if r["split"] == "heldout"}
    other_ids = {r["id"] for r in lab + pool}
    other_texts = {r["sentence"] for r in lab + pool}
    for r in extra:
        if r["id"] in other_ids:
            errors.append(f"train_extra: {r['id']}: id also in labelled.jsonl or pool_ant_v2.jsonl")
        elif r["sentence"] in other_texts:
            errors.append(f"train_extra: {r['id']}: sentence text also in labelled.jsonl or pool_ant_v2.jsonl")
        if (r["corpus"], r["doc_id"]) in heldout_docs:
            errors.append(f"train_extra: {r['id']}: document has a held-out row")

    # split rule: one split per document, as assign_splits() computes it
    per_doc: dict[tuple, set] = defaultdict(set)
    for r in lab:
        per_doc[(r["corpus"], r["doc_id"])].add(r["split"])
    for d, s in per_doc.items():
        if len(s) > 1:
            errors.append(f"labelled: document {d} is in several splits {s}")
    expected = fc.assign_splits(lab)
    for r in lab:
        if expected[(r["corpus"], r["doc_id"])] != r["split"]:
            errors.append(f"labelled: {r['id']}: split differs from assign_splits()")
    for s in ("build", "heldout"):
        n = sum(r["withdrawal"] for r in lab if r["split"] == s)
        if n < 60:
            errors.append(f"labelled: only {n} positives in {s}")
    # per-article cap (seeds excepted)
    for d, n in Counter((r["corpus"], r["doc_id"]) for r in lab).items():
        if d[0] != "seeds" and n > fc.PER_DOC_CAP:
            errors.append(f"labelled: {n} sentences from {d}")
    # pool = exactly the sentences find_candidates selects; labels agree with labelled.jsonl
    want = {c["id"] for c in fc.pool()}
    got = {r["id"] for r in pool}
    if want != got:
        errors.append(f"pool: {len(want - got)} missing, {len(got - want)} unexpected ids")
    by_id = {r["id"]: r for r in lab}
    for r in pool:
        o = by_id.get(r["id"])
        if o and (o["withdrawal"], o["stance"], o["speaker"]) != (r["withdrawal"], r["stance"], r["speaker"]):
            errors.append(f"pool: {r['id']}: label differs from labelled.jsonl")

    report("labelled.jsonl", lab)
    report("pool_ant_v2.jsonl", pool)
    report("train_extra.jsonl", extra)
    overlap = len(set(by_id) & got)
    print(f"\nsentences in both files: {overlap}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors[:50]:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
