#!/usr/bin/env python3
"""Candidate search for the twelfth round of withdrawal training sentences (train_extra.jsonl).

Deterministic (no randomness). Reads the shared data folder through find_candidates and lists
sentences of 6-80 words from documents that have NO held-out row in labelled.jsonl, that are in
none of labelled.jsonl, pool_ant_v2.jsonl, train_extra.jsonl (by id and by text), SaudiNewsNet
never read. A sentence is a candidate when it has

* a withdrawal-family word (find_candidates.FAMILIES) and either a forces word or an ACTOR: a
  country or an armed group / fighters named without a forces word (إسرائيل، روسيا، الحوثيون،
  المعارضة، الثوار، المتمردون، عناصر ...), or heavy weapons (الأسلحة الثقيلة، الدبابات، المدفعية);
* or a MOVE word not in the families (نقل/وصول/دفعة/حافلات, تفكيك/إغلاق قاعدة) with a forces word or actor.

The regexes only find candidates; every label in train_extra.jsonl was written by reading the sentence.

    python find_extra_r12.py stats
    python find_extra_r12.py list --out FILE
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import find_candidates as fc  # noqa: E402

ACTORS = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:اسراييل|روسيا|روسي|امريك|اميرك|الولايات\s+المتحده|واشنطن|تركيا|ترك[يي]|انقره|ايران|"
    r"طهران|فرنس|بريطاني|السعوديه|الامارات|اماراتي|سوري|النظام|حوثي|المعارضه|معارض|ثوار|الثوار|متمرد|عناصر|"
    r"النصره|تحرير\s+الشام|جيش\s+الاسلام|احرار\s+الشام|الاكراد|كردي|وحدات\s+حمايه|قسد|موسكو|دمشق|الاسد|"
    r"الجماعات|جماعه|التنظيم|المتطرفين|الجهاديين|اثيوبي|اريتري|السودان|مصر|العراق|ليبي|حفتر|الاسلحه\s+الثقيله|"
    r"الاسلحه|الدبابات|دبابات|المدفعيه|الصواريخ|الاليات|الاساطيل|البحريه|حاملات|سفن\s+حربيه|الحلف|اوروبي)\w*")
MOVES = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:نقل|ينقل|تنقل|نقلت|نقلوا|وصول|وصلت|وصل|دفعه|الدفعه|حافلات|الحافلات|باصات|"
    r"تفكيك|اغلاق|تقليص|انكفاء|تراجع|يتراجع|تخلي|التخلي|ابعاد|عادوا|يعودون|عودتهم|سيعودون)\w*")


def excluded() -> tuple[set, set, set]:
    heldout_docs, ids, texts = set(), set(), set()
    for name in ("labelled.jsonl", "pool_ant_v2.jsonl", "train_extra.jsonl"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            ids.add(r["id"])
            texts.add(r["sentence"])
            if r["split"] == "heldout":
                heldout_docs.add((r["corpus"], r["doc_id"]))
    return heldout_docs, ids, texts


def candidates():
    heldout_docs, ids, texts = excluded()
    for doc in fc.iter_docs():
        if (doc["corpus"], doc["doc_id"]) in heldout_docs:
            continue
        for i, s in enumerate(doc["sentences"]):
            sid = f"{doc['corpus']}:{doc['doc_id']}:{i}"
            if sid in ids or s in texts or not fc.keep(s):
                continue
            n = fc.norm(s)
            fams = fc.families(s)
            forces = fc.has_forces(s)
            actor = bool(ACTORS.search(n))
            move = bool(MOVES.search(n))
            kind = None
            if fams and (forces or actor):
                kind = "family+" + ("forces" if forces else "actor")
            elif move and (forces or actor) and forces:
                kind = "move+forces"
            if kind:
                yield {"id": sid, "corpus": doc["corpus"], "doc_id": doc["doc_id"], "outlet": doc["outlet"],
                       "topic": doc["topic"], "kind": kind, "families": fams, "sentence": s}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["stats", "list"])
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    rows = list(candidates())
    if a.cmd == "stats":
        print(Counter((r["corpus"], r["kind"]) for r in rows))
        print(Counter((r["corpus"], r["topic"]) for r in rows).most_common(40))
        return 0
    with open(a.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
