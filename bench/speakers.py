"""Speaker attribution: on the labelled development sample (``tests/data/speakers/dev.jsonl``) and on
samples of the real stream (all 3,986 ANT v2 articles through ``enrich_article``), judged by reading.

    python bench/speakers.py                 # the working tree's extractor, with NER entities
    python bench/speakers.py --rev 78137da   # the extractor at a commit (``git show REV:pipeline/nlp/statements.py``)
    python bench/speakers.py --no-ner --show 20
    python bench/speakers.py --stream seed6262   # also seed7373, seed8484, seed6767, seed9191, seed6464, seed8383,
                                                 # seed7272, seed6161, seed4848, seed2626, seed1313, seed5150,
                                                 # seed8128, seed6006, seed4711, seed31337, heldout, seed4242,
                                                 # independent, fresh, dev, seed5353, seed8686,
                                                 # seed4343
    python bench/speakers.py --draw 2026 --out /tmp/sample.jsonl   # draw a new sample of 100 to judge
    python bench/speakers.py --scan          # stream speakers that open with a preposition or a time word

Stream samples (``tests/data/withdrawal/stream_speakers*.judged.jsonl``): each row anchors a sampled
statement by its article and the offset of its quote when drawn (``at``) and holds a judgement, made by
reading the article, of one speaker the extractor gave it (``speaker``; null = unattributed, with
``found: false`` when no statement covers the anchor any more). The bench enriches the sample's articles
(enrichment is per article, so the result is that of the whole stream), takes the statement covering each
anchor and looks its speaker up among the judgements: anything not yet judged is listed, never guessed.
``dev`` (seed 13) was read while developing the rules; ``fresh`` (seed 2026) was drawn and judged after a
first round of fixes (0.65 then) and read while developing a second round; ``independent`` (seed 7) was drawn
and judged after the second round and read while developing a third; ``seed4242`` was drawn and judged after
the third round and read while developing a fourth; ``heldout`` (seed 9001) was drawn and judged after the
fourth round's last change (0.72) and read while developing a fifth; ``seed31337`` was drawn and judged after
the fifth round (0.77) and read while developing a sixth and seventh; ``seed4711`` was drawn and judged after
the seventh round's last change (0.75) and read while developing an eighth and ninth; ``seed6006`` was drawn and
judged after the ninth round's last change (0.76) and read while developing a tenth and eleventh; ``seed8128`` was
drawn and judged after the eleventh round's last change (0.81) and read while developing a twelfth; ``seed5150``
was drawn after the eleventh round, its gold written blind, and read while developing a fourteenth; ``seed2727`` was
drawn after the thirteenth round, its gold written blind from the articles before round fourteen was scored (0.78
before and after it), and is not read while developing; ``seed9393`` was drawn after round fourteen, its gold
written blind from the articles before round fifteen started (0.76 at a55f2b2), and is not read while developing;
``seed1618`` was drawn at 42b4d3b after round fifteen, its gold written blind from the articles (frozen, sha256
3dd23dd0…) before round sixteen started (0.86 at 42b4d3b), and is not read while developing; ``seed2468`` was
drawn at 7b8966e after round seventeen, its gold written blind from the articles (frozen, sha256 be037b2c…) before
round eighteen was scored (0.81 at 7b8966e), and is not read while developing; ``seed1313`` was drawn at 63e2fb8 in
round nineteen and read while developing it; ``seed2626`` was drawn at 26eda12 in round twenty and read while
developing it; ``seed4848`` was drawn at 5abd21a in round twenty-one, judged by reading before the round's first
change (0.88 at 5abd21a), and read while developing it; ``seed1979`` was drawn at 63e2fb8 before round
nineteen, its gold
written blind from the articles (frozen, sha256 347988d2…) before the round was scored (0.76 at 63e2fb8), and is
not read while developing; ``seed3535`` was drawn at 26eda12 before round twenty was scored, its gold written
blind from the articles (frozen, sha256 28928183…; 0.73 at 26eda12), and is not read while developing; ``seed5757``
was drawn at c01b46c before round twenty-two, its gold written blind from the articles (frozen, sha256
07f15f47…; 0.78 at c01b46c), and is not read while developing; ``seed6161`` was drawn and judged at 260e1b4,
after round twenty-five (0.84 at 260e1b4), and read while developing round twenty-six; ``seed7272`` was drawn and
judged at 462dff4, after round twenty-six (0.82 at 462dff4), and read while developing round twenty-seven;
``seed8383`` was drawn and judged at 494d900, after round twenty-seven (0.78 at 494d900), and read while
developing round twenty-eight; ``seed6464`` was drawn and judged at d415b8d, after round twenty-eight (0.85 at
d415b8d), and read while developing round twenty-nine; ``seed9191`` was drawn and judged at 18cb6b8, after round
twenty-nine (0.84 at 18cb6b8), and read while developing round thirty; ``seed6767`` was drawn and judged at
11345d3, after round thirty (0.87 at 11345d3), and read while developing round thirty-one; ``seed8484`` was drawn
and judged at f3ea74b, after round thirty-one (0.80 at f3ea74b), and read while developing round thirty-two;
``seed7373`` was drawn and judged at deb62cb, after round thirty-two (0.78 at deb62cb), and read while developing
round thirty-three; ``seed6262`` was drawn and judged at 39f4ab0, after round thirty-three (0.72 at 39f4ab0), and
read while developing round thirty-four; ``seed5353`` was drawn and judged at d92636f, after round thirty-four (0.80
at d92636f), and read while developing round thirty-five; ``seed8686`` was drawn and judged at 99d6a33, after round
thirty-five (0.82 at 99d6a33), and read while developing round thirty-six; ``seed4343`` was drawn and judged at
6c5d80c, after round thirty-six (0.80 at 6c5d80c), and read while developing round thirty-seven.

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
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text.normalise import fold_match  # noqa: E402

DEV = ROOT / "tests" / "data" / "speakers" / "dev.jsonl"
WITHDRAWAL = ROOT / "tests" / "data" / "withdrawal"
STREAM_SAMPLES = {"dev": WITHDRAWAL / "stream_speakers.judged.jsonl",
                  "fresh": WITHDRAWAL / "stream_speakers_fresh.judged.jsonl",
                  "independent": WITHDRAWAL / "stream_speakers_independent.judged.jsonl",
                  "seed4242": WITHDRAWAL / "stream_speakers_seed4242.judged.jsonl",
                  "heldout": WITHDRAWAL / "stream_speakers_heldout.judged.jsonl",
                  "seed31337": WITHDRAWAL / "stream_speakers_seed31337.judged.jsonl",
                  "seed4711": WITHDRAWAL / "stream_speakers_seed4711.judged.jsonl",
                  "seed6006": WITHDRAWAL / "stream_speakers_seed6006.judged.jsonl",
                  "seed8128": WITHDRAWAL / "stream_speakers_seed8128.judged.jsonl",
                  "seed5150": WITHDRAWAL / "stream_speakers_seed5150.judged.jsonl",
                  "seed2727": WITHDRAWAL / "stream_speakers_seed2727.judged.jsonl",
                  "seed9393": WITHDRAWAL / "stream_speakers_seed9393.judged.jsonl",
                  "seed1618": WITHDRAWAL / "stream_speakers_seed1618.judged.jsonl",
                  "seed2468": WITHDRAWAL / "stream_speakers_seed2468.judged.jsonl",
                  "seed1313": WITHDRAWAL / "stream_speakers_seed1313.judged.jsonl",
                  "seed2626": WITHDRAWAL / "stream_speakers_seed2626.judged.jsonl",
                  "seed4848": WITHDRAWAL / "stream_speakers_seed4848.judged.jsonl",
                  "seed1979": WITHDRAWAL / "stream_speakers_seed1979.judged.jsonl",
                  "seed3535": WITHDRAWAL / "stream_speakers_seed3535.judged.jsonl",
                  "seed5757": WITHDRAWAL / "stream_speakers_seed5757.judged.jsonl",
                  "seed6161": WITHDRAWAL / "stream_speakers_seed6161.judged.jsonl",
                  "seed7272": WITHDRAWAL / "stream_speakers_seed7272.judged.jsonl",
                  "seed8383": WITHDRAWAL / "stream_speakers_seed8383.judged.jsonl",
                  "seed6464": WITHDRAWAL / "stream_speakers_seed6464.judged.jsonl",
                  "seed9191": WITHDRAWAL / "stream_speakers_seed9191.judged.jsonl",
                  "seed6767": WITHDRAWAL / "stream_speakers_seed6767.judged.jsonl",
                  "seed8484": WITHDRAWAL / "stream_speakers_seed8484.judged.jsonl",
                  "seed7373": WITHDRAWAL / "stream_speakers_seed7373.judged.jsonl",
                  "seed6262": WITHDRAWAL / "stream_speakers_seed6262.judged.jsonl",
                  "seed5353": WITHDRAWAL / "stream_speakers_seed5353.judged.jsonl",
                  "seed8686": WITHDRAWAL / "stream_speakers_seed8686.judged.jsonl",
                  "seed4343": WITHDRAWAL / "stream_speakers_seed4343.judged.jsonl"}
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


def _stream_docs(ids: set[str] | None = None) -> Iterator[tuple[str, str, str, Any]]:
    """(id, outlet, text, enriched article) of the ANT v2 stream, as ``bench/withdrawal.py stream`` builds them."""
    from pipeline.enrich import enrich_article
    from pipeline.models import ArticleClean

    spec = importlib.util.spec_from_file_location("find_candidates", WITHDRAWAL / "find_candidates.py")
    assert spec and spec.loader
    finder: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(finder)
    if not finder.ANT_V2.exists():
        sys.exit("needs ../shared/data beside the repository (local measurement only)")
    with open(finder.ANT_V2, encoding="utf-8") as fh:
        for line in fh:
            raw = json.loads(line)
            if ids is not None and raw["id"] not in ids:
                continue
            text = "\n".join(finder.split_sentences(raw.get("text") or ""))
            yield raw["id"], raw["source"], text, enrich_article(ArticleClean(
                id=raw["id"], url=raw["url"], outlet=raw["source"], title=raw.get("title") or "", text=text))


def _record(doc_id: str, outlet: str, text: str, st: Any, at: int) -> dict[str, Any]:
    return {"article": doc_id, "at": at, "outlet": outlet, "found": st is not None,
            "speaker": st.speaker.text if st is not None and st.speaker else None,
            "attributed": st.attributed if st is not None else None, "verb": st.verb if st is not None else None,
            "quote": st.quote if st is not None else None,
            "context": text[max(0, at - 400) : (st.end if st is not None else at) + 60]}


# Verbs that continue an earlier statement (folded, first four letters): أضاف/يضيف/مضيفا، تابع، أردف، استطرد...
CONTINUATIONS = frozenset(fold_match(w)[:4] for w in (
    "أضاف أضافت يضيف تضيف مضيفا مضيفة تابع تابعت يتابع متابعا أردف أردفت مردفا استطرد مستطردا واصل واصلت "
    "مضى مضت ختم ختمت اختتم اختتمت مختتما استدرك مستدركا").split())


def _anchored(statements: list[Any], text: str, at: int) -> Any | None:
    """The statement starting at the anchor, else one covering it, else one starting just after it in the same
    line (its quote now begins later: the speaker's name, once part of it, was separated out)."""
    covering = next((s for s in statements if s.start == at), None) or next(
        (s for s in statements if s.start <= at < s.end), None)
    if covering is not None:
        return covering
    return next((s for s in statements if at < s.start <= at + 60 and "\n" not in text[at : s.start]), None)


def stream_sample(name: str, out: Path | None) -> dict[str, Any]:
    """Speaker right on a judged stream sample, with the statements not yet judged listed (in ``out``)."""
    rows = [json.loads(x) for x in STREAM_SAMPLES[name].read_text(encoding="utf-8").splitlines() if x.strip()]
    anchors = list(dict.fromkeys((r["article"], r["at"]) for r in rows))
    verdicts = {(r["article"], r["at"], r.get("found", True), r["speaker"]): r for r in rows}
    docs = {d[0]: d for d in _stream_docs({a for a, _ in anchors})}
    right = judged = cont_right = cont = 0
    unjudged = []
    for doc_id, at in anchors:
        _, outlet, text, article = docs[doc_id]
        st = _anchored(article.statements, text, at)
        rec = _record(doc_id, outlet, text, st, at)
        verdict = verdicts.get((doc_id, at, rec["found"], rec["speaker"]))
        if verdict is None:
            unjudged.append(rec)
            continue
        judged += 1
        right += bool(verdict["speaker_right"])
        verb = fold_match(rec["verb"] or "")
        if verb[:4] in CONTINUATIONS or verb[:1] in "وف" and verb[1:5] in CONTINUATIONS:
            cont += 1
            cont_right += bool(verdict["speaker_right"])
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unjudged), encoding="utf-8")
    return {"sample": name, "anchors": len(anchors), "judged": judged, "unjudged": len(unjudged),
            "speaker_right": round(right / judged, 3) if judged else None,
            "continuations": cont, "continuations_right": cont_right}


def draw(seed: int, out: Path) -> None:
    """A new sample of 100 stream statements, none overlapping an anchor of the existing samples."""
    import random

    taken = {(json.loads(x)["article"], json.loads(x)["at"]) for p in STREAM_SAMPLES.values() if p.exists()
             for x in p.read_text(encoding="utf-8").splitlines() if x.strip()}
    pool = []
    for doc_id, outlet, text, article in _stream_docs():
        for st in article.statements:
            if not any(a == doc_id and st.start <= at < st.end for a, at in taken):
                pool.append(_record(doc_id, outlet, text, st, st.start))
    sample = random.Random(seed).sample(pool, min(100, len(pool)))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sample), encoding="utf-8")
    print(f"{len(sample)} of {len(pool)} statements written to {out}")


def scan(out: Path | None) -> dict[str, Any]:
    """Every speaker of the stream that opens with a preposition or a time word, or ends in a time noun with
    a date: candidates for "a time or place phrase as the speaker", listed to be read (names such as
    "بالوتيلي" or "بين ستانتون" and titles such as "المدير العام" are among them: the count is an upper bound)."""
    from pipeline.nlp import speaker_words as words

    time_words = words._DATE_NOUNS | words.fold_set(
        "أمس اليوم غدا الليلة صباح مساء الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت سابقا لاحقا "
        "حاليا مؤخرا بعد قبل خلال منذ أواخر أوائل")
    preps = words.fold_set("في من على إلى الى عن مع لدى بين عند حول")
    total, flagged = 0, []
    for doc_id, _, _, article in _stream_docs():
        for st in article.statements:
            total += 1
            folded = [fold_match(w).strip("\"«»“”()،,") for w in (st.speaker.text.split() if st.speaker else [])]
            if not folded or words._percent_at_folded(folded):
                continue
            kind = ("preposition" if folded[0] in preps or folded[0].startswith(("بال", "لل")) else
                    "time word" if folded[0] in time_words or folded[0][:1].isdigit() else
                    "date" if any(words.dated(folded, i) for i in range(len(folded))) else None)
            if kind:
                flagged.append({"article": doc_id, "at": st.start, "kind": kind, "speaker": st.speaker.text,
                                "verb": st.verb})
    if out is not None:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in flagged), encoding="utf-8")
    kinds = {k: sum(r["kind"] == k for r in flagged) for k in ("preposition", "time word", "date")}
    return {"statements": total, "with_speaker_flagged": len(flagged), **kinds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stream", choices=sorted(STREAM_SAMPLES), help="a judged sample of the real stream")
    parser.add_argument("--draw", type=int, metavar="SEED", help="draw 100 new stream statements to judge")
    parser.add_argument("--scan", action="store_true", help="list stream speakers opening with a preposition or "
                        "a time word (--out: where the list goes)")
    parser.add_argument("--out", type=Path, help="--stream: where unjudged statements go; --draw: the sample")
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--rev", help="evaluate pipeline/nlp/statements.py at this git revision")
    parser.add_argument("--no-ner", action="store_true", help="pass no entities (faster; rules only)")
    parser.add_argument("--show", type=int, default=0, help="print up to N wrong items")
    args = parser.parse_args()
    if args.scan:
        out = args.out or Path("/tmp/raqib-speakers-scan.jsonl")
        res = scan(out)
        print(f"{res['with_speaker_flagged']} of {res['statements']} stream statements have a speaker opening with a "
              f"preposition or a time word, or holding a date (to read: {out})")
        print(json.dumps(res))
        return
    if args.draw is not None:
        draw(args.draw, args.out or Path(f"/tmp/raqib-speakers-{args.draw}.jsonl"))
        return
    if args.stream:
        out = args.out or Path(f"/tmp/raqib-speakers-{args.stream}.unjudged.jsonl")
        res = stream_sample(args.stream, out)
        print(f"stream sample {args.stream}: speaker right {res['speaker_right']} over {res['judged']} judged of "
              f"{res['anchors']} ({res['unjudged']} not yet judged: {out}); continuation verbs right "
              f"{res['continuations_right']} of {res['continuations']}")
        print(json.dumps(res))
        return
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
