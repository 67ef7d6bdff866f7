"""Speaker attribution on the labelled development sample (``tests/data/speakers/dev.jsonl``).

    python bench/speakers.py                 # the working tree's extractor, with NER entities
    python bench/speakers.py --rev 78137da   # the extractor at a commit (``git show REV:pipeline/nlp/statements.py``)
    python bench/speakers.py --no-ner --show 20

Each item is a sentence (``text``) with the article text before it (``context``, optional). The extractor
runs over ``context + "\\n" + text``; the item's statement is the one whose quote covers ``anchor`` when the
item names one, else the first statement starting inside ``text``. Reported:

* found: items expecting a statement that got one; spurious: items expecting none that got one;
* speaker exact: predicted ``speaker.text`` equals the gold after ``fold_match`` and punctuation removal
  (gold null: the statement has no speaker);
* speaker acceptable: exact, or the prediction contains the gold ``head`` (the gold itself when the item has
  none) as consecutive words and has at most 2 words the gold does not have.

Accuracies are over all items expecting a statement (a missed statement counts as wrong) and, in brackets,
over the statements found. ``--rev`` loads only ``statements.py`` from that revision; helper modules it
imports come from the working tree.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text.normalise import fold_match  # noqa: E402

DEV = ROOT / "tests" / "data" / "speakers" / "dev.jsonl"
_PUNCT = re.compile(r"[\"'«»“”„()\[\]{}:;,،؛.!?؟\-–—_/]+")


def words(s: str | None) -> list[str]:
    """Folded words without punctuation: the form both metrics compare."""
    return _PUNCT.sub(" ", fold_match(s or "")).split()


def contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def exact(pred: str | None, gold: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return words(pred) == words(gold)


def acceptable(pred: str | None, gold: str | None, head: str | None) -> bool:
    if exact(pred, gold):
        return True
    if gold is None or pred is None:
        return False
    p, g = words(pred), words(gold)
    extra = [w for w in p if w not in set(g)]
    return contains(p, words(head or gold)) and len(extra) <= 2


def load_extractor(rev: str | None) -> Callable[..., list[Any]]:
    if rev is None:
        from pipeline.nlp.statements import extract_statements

        return extract_statements
    source = subprocess.run(["git", "show", f"{rev}:pipeline/nlp/statements.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "statements_at_rev.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("statements_at_rev", path)
    assert spec and spec.loader
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.extract_statements


def pick(statements: list[Any], full: str, offset: int, anchor: str | None) -> Any | None:
    if anchor:
        pos = full.find(anchor, offset)
        return next((s for s in statements if s.start <= pos < s.end), None)
    return next((s for s in statements if s.start >= offset), None)


def evaluate(items: list[dict[str, Any]], extract: Callable[..., list[Any]], ner: bool) -> dict[str, Any]:
    if ner:
        from pipeline.nlp.ner import extract_entities
    rows = []
    for item in items:
        context = item.get("context") or ""
        full = f"{context}\n{item['text']}" if context else item["text"]
        offset = len(full) - len(item["text"])
        entities = extract_entities(full) if ner else []
        st = pick(extract(full, entities), full, offset, item.get("anchor"))
        pred = st.speaker.text if st is not None and st.speaker is not None else None
        gold = item["expected_speaker"]
        rows.append({
            "id": item["id"], "expect": item["expect_statement"], "found": st is not None,
            "gold": gold, "pred": pred,
            "exact": st is not None and exact(pred, gold),
            "acceptable": st is not None and acceptable(pred, gold, item.get("head")),
            "verb": st.verb if st is not None else None,
        })
    expected = [r for r in rows if r["expect"]]
    found = [r for r in expected if r["found"]]
    negative = [r for r in rows if not r["expect"]]
    return {
        "items": len(rows),
        "expected": len(expected),
        "found": len(found),
        "spurious": sum(r["found"] for r in negative),
        "negatives": len(negative),
        "exact": sum(r["exact"] for r in expected),
        "acceptable": sum(r["acceptable"] for r in expected),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--rev", help="evaluate pipeline/nlp/statements.py at this git revision")
    parser.add_argument("--no-ner", action="store_true", help="pass no entities (faster; rules only)")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong items")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    res = evaluate(items, load_extractor(args.rev), ner=not args.no_ner)
    n, f = res["expected"], res["found"] or 1

    def pct(k: int, d: int) -> str:
        return f"{k}/{d} = {100 * k / max(d, 1):.1f}%"

    print(f"{'items':>22}: {res['items']} ({n} expecting a statement, {res['negatives']} expecting none)")
    print(f"{'statements found':>22}: {pct(res['found'], n)}")
    print(f"{'spurious statements':>22}: {pct(res['spurious'], res['negatives'])}")
    print(f"{'speaker exact':>22}: {pct(res['exact'], n)}  (of found: {pct(res['exact'], f)})")
    print(f"{'speaker acceptable':>22}: {pct(res['acceptable'], n)}  (of found: {pct(res['acceptable'], f)})")
    wrong = [r for r in res["rows"] if (r["expect"] and not r["acceptable"]) or (not r["expect"] and r["found"])]
    for r in wrong[: args.show]:
        print(f"  {r['id']}: gold={r['gold']!r} pred={r['pred']!r} found={r['found']} verb={r['verb']!r}")
    summary = {k: v for k, v in res.items() if k != "rows"}
    print(json.dumps({"rev": args.rev or "working tree", "ner": not args.no_ner, **summary}))


if __name__ == "__main__":
    main()
