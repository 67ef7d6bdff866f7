"""Withdrawal alerts on a stream nobody tuned on: SaudiNewsNet (31,030 Saudi news articles, July–Aug 2015).

    python bench/withdrawal_saudi.py [--articles N] [--seed S] [--out DIR] [--judged FILE]
    python bench/withdrawal_saudi.py --probe [--seed S] [--out DIR]   # recall on a labelled sample
    python bench/withdrawal_saudi.py --split dev|heldout [--probe --seed S --size N]
    python bench/withdrawal_saudi.py --split dev --probe-judged   # recall on every judged dev probe row, per outlet
    python bench/withdrawal_saudi.py --split dev --probe --draw-current --seed 24 --size 1000  # both dev outlets' draw

Split by outlet (round nineteen, made before any rule was tuned on this corpus): ``dev`` is Asharq al-Awsat
(``aawsat``, 2,947 articles, 140 of the 366 flags judged at 7b8966e) and may be read while developing;
``heldout`` is the other outlets and is only measured. Round twenty-one moved al-Yaum (``alyaum``, 3,065
articles) from held out to dev: its judged flags and held-out probe rows (seeds 2019, 2020) were appended to the
dev files with ``outlet`` and ``moved`` fields; held out is now twelve outlets (25,018 articles). ``--probe`` with a
split draws its own seeded sample of ``--size`` sentences from that split's outlets *as of round nineteen*
(``PROBE_DRAW_DEV_OUTLETS``, so a seed draws the same sentences as before) and scores those of the current split,
reading its own judged file (``saudinewsnet_probe_<split>.judged.jsonl``); ``--probe-judged`` scores every judged
row of that file directly, per outlet. ``--draw-current`` draws from the split's current outlets instead (round
twenty-four: seed 24 with ``--size 1000`` is all 531 candidate sentences of Asharq al-Awsat and al-Yaum).

Every article goes through ``enrich_article`` as ``bench/withdrawal.py stream`` does; the statements on
``military_withdrawal`` are written to ``DIR/saudinewsnet_flags.jsonl`` (and the not yet judged ones to
``…unjudged.jsonl``), and the judgements in ``--judged`` (written by reading each flag in its article) give
precision, speaker right and stance right. Anything not judged is counted, never guessed. ``--probe``
draws a seeded sample of 100 sentences having a withdrawal-family word and a forces word (as the ANT v2
pool, ``find_candidates.py``), writes them to ``DIR/saudinewsnet_probe.jsonl`` for reading, and gives
raqib's recall on those judged true in ``saudinewsnet_probe.judged.jsonl``.
The corpus is CC BY-NC-SA: local measurement only, no text of it enters the repository (the judged file
holds keys, labels and reasons in our own words). Needs ``../shared/data``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bench.withdrawal import MW, SET_DIR, _finder, _flagged_in, _judged, _key
from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet" / "dataset"
JUDGED = SET_DIR / "saudinewsnet_flags.judged.jsonl"
PROBE_JUDGED = SET_DIR / "saudinewsnet_probe.judged.jsonl"
PROBE_SIZE = 100
DEV_OUTLETS = frozenset({"aawsat", "alyaum"})  # round twenty-one moved alyaum to dev: everything else is held out
#: the dev outlets of round nineteen, when the seeded probes were drawn: a probe still draws from this split's
#: outlets (the same sentences for the same seed) and scores only those of the current split, so held-out figures
#: stay comparable across the move
PROBE_DRAW_DEV_OUTLETS = frozenset({"aawsat"})


def in_split(raw: dict, split: str, dev_outlets: frozenset[str] = DEV_OUTLETS) -> bool:
    """Whether an article belongs to the ``dev`` outlets, the ``heldout`` ones, or ``all``."""
    if split == "all":
        return True
    return (raw.get("source") in dev_outlets) == (split == "dev")


def read_zips(folder: Path) -> Iterator[dict]:
    """Every article of the daily zips, in date order, with an id made of the day and its place in the day's
    array (the corpus has none): ``snn-2015-07-21-0042``."""
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(n for n in zf.namelist() if n.endswith(".json")):
                for i, raw in enumerate(json.loads(zf.read(name).decode("utf-8"))):
                    yield {**raw, "id": f"snn-{Path(name).stem}-{i:04d}"}


def _extracted(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def summary(flags: list[dict], judged: dict[str, dict], n_articles: int) -> dict:
    """Precision over the judged flags; speaker and stance right over the judged true ones."""
    rows = [(f, judged[f["key"]]) for f in flags if f["key"] in judged]
    true = [(f, j) for f, j in rows if j["withdrawal"]]
    # a judgement that names the speaker it judged holds for that speaker only: a changed one is not yet judged
    spoken = [(f, j) for f, j in true if "speaker" not in j or j["speaker"] == f.get("speaker")]
    speakers = sum(bool(j.get("speaker_right")) for _, j in spoken)
    stances = sum(f["stance"] == j.get("stance") for f, j in true)
    return {"articles": n_articles, "flags": len(flags),
            "flags_per_1000": round(1000 * len(flags) / n_articles, 2) if n_articles else None,
            "judged": len(rows), "unjudged": len(flags) - len(rows), "true": len(true),
            "precision": round(len(true) / len(rows), 3) if rows else None,
            "speaker_right": round(speakers / len(spoken), 3) if spoken else None,
            "speaker_unjudged": len(true) - len(spoken),
            "stance_right": round(stances / len(true), 3) if true else None}


def _article(raw: dict, split) -> tuple[str, ArticleClean]:
    text = "\n".join(split(raw.get("content") or ""))
    return text, ArticleClean(id=raw["id"], url=raw.get("url") or f"urn:{raw['id']}", outlet=raw.get("source") or "",
                              title=raw.get("title") or "", text=text,
                              published_at=_extracted(raw.get("date_extracted")))


def probe_sample(articles: list[dict], seed: int, size: int = PROBE_SIZE) -> list[tuple[dict, int, str]]:
    """(article, sentence index, sentence) of a seeded sample of the sentences that have a withdrawal-family
    word and a forces word, with the pool's 6-80 word filter (``find_candidates.py``)."""
    finder = _finder()
    candidates = [(raw, i, sentence) for raw in articles
                  for i, sentence in enumerate(finder.split_sentences(raw.get("content") or ""))
                  if finder.keep(sentence) and finder.families(sentence) and finder.has_forces(sentence)]
    print(f"probe: {len(candidates)} candidate sentences", file=sys.stderr)
    return random.Random(seed).sample(candidates, min(size, len(candidates)))


def _probe_judged_file(split: str) -> Path:
    return PROBE_JUDGED if split == "all" else SET_DIR / f"saudinewsnet_probe_{split}.judged.jsonl"


def probe(articles: list[dict], seed: int, out: Path, size: int = PROBE_SIZE, split: str = "all") -> None:
    """Recall on a seeded sample of candidate sentences (family word and forces word), judged by reading. The
    sample is drawn from the probe-draw split (``PROBE_DRAW_DEV_OUTLETS``) and kept to the current split."""
    finder = _finder()
    sample = [(raw, i, s) for raw, i, s in probe_sample(articles, seed, size) if in_split(raw, split)]
    judged = _judged(_probe_judged_file(split))
    rows, found, positives = [], 0, 0
    for raw, i, sentence in sample:
        text, clean = _article(raw, finder.split_sentences)
        key = _key(raw["id"], sentence)
        rows.append({"key": key, "article": raw["id"], "index": i, "sentence": sentence})
        if key in judged and judged[key]["withdrawal"]:
            start = text.find(sentence)
            positives += 1
            found += bool(_flagged_in(enrich_article(clean), start, start + len(sentence), sentence))
    name = "saudinewsnet_probe.jsonl" if split == "all" else f"saudinewsnet_probe_{split}.jsonl"
    (out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    n_judged = sum(r["key"] in judged for r in rows)
    print(f"probe: {len(rows)} sentences drawn (seed {seed}), {n_judged} judged, "
          f"{positives} true; raqib recall {found}/{positives}" + (f" = {found / positives:.3f}" if positives else ""))


def probe_judged(articles: list[dict], split: str) -> dict[str, dict[str, int]]:
    """Recall on every judged probe row of the split's file whose article is in ``articles``, per outlet: scores
    rows however they were drawn (alyaum's rows came from the held-out draws of seeds 2019 and 2020)."""
    finder = _finder()
    positives = {k: row for k, row in _judged(_probe_judged_file(split)).items() if row["withdrawal"]}
    wanted = {key.split(":")[0] for key in positives}
    per_outlet: dict[str, dict[str, int]] = {}
    for raw in (raw for raw in articles if raw["id"] in wanted):
        text, clean = _article(raw, finder.split_sentences)
        enriched = None
        for sentence in finder.split_sentences(raw.get("content") or ""):
            if _key(raw["id"], sentence) not in positives:
                continue
            enriched = enriched or enrich_article(clean)
            start = text.find(sentence)
            tally = per_outlet.setdefault(raw.get("source") or "", {"positives": 0, "found": 0})
            tally["positives"] += 1
            tally["found"] += bool(_flagged_in(enriched, start, start + len(sentence), sentence))
    for outlet, tally in sorted(per_outlet.items()):
        print(f"probe-judged {outlet}: raqib recall {tally['found']}/{tally['positives']}")
    return per_outlet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, help="a seeded sample of N articles instead of all")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--out", default="/tmp/raqib-withdrawal-saudi")
    parser.add_argument("--judged", default=str(JUDGED))
    parser.add_argument("--probe", action="store_true", help="recall on a seeded, hand-labelled candidate sample")
    parser.add_argument("--probe-judged", action="store_true",
                        help="recall on every judged probe row of the split, per outlet (no draw)")
    parser.add_argument("--size", type=int, default=PROBE_SIZE, help="sentences in the probe sample")
    parser.add_argument("--draw-current", action="store_true",
                        help="--probe draws from the split's current outlets (dev: aawsat and alyaum; round 24 on)")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all",
                        help="outlets: dev = aawsat, alyaum (may be read), heldout = the twelve others (measure only)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit("needs ../shared/data/corpus/saudinewsnet beside the repository (local measurement only)")
    if args.probe:  # drawn on the split of round nineteen, scored on the current one
        draw_outlets = DEV_OUTLETS if args.draw_current else PROBE_DRAW_DEV_OUTLETS
        articles = [raw for raw in read_zips(CORPUS) if in_split(raw, args.split, draw_outlets)]
    else:
        articles = [raw for raw in read_zips(CORPUS) if in_split(raw, args.split)]
    if args.articles:
        articles = sorted(random.Random(args.seed).sample(articles, min(args.articles, len(articles))),
                          key=lambda a: a["id"])
    split = _finder().split_sentences
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.probe_judged:
        probe_judged([raw for raw in articles if in_split(raw, args.split)], args.split)
        return None
    if args.probe:
        return probe(articles, args.seed, out, args.size, args.split)
    flags: list[dict] = []
    started = time.perf_counter()
    partial = (out / "saudinewsnet_flags.jsonl").open("w", encoding="utf-8")  # written as found: judge while it runs
    for n, raw in enumerate(articles, 1):
        text, clean = _article(raw, split)
        article = enrich_article(clean)
        for st in article.statements:
            if MW in st.subjects:
                flags.append({"key": _key(raw["id"], st.quote), "article": raw["id"], "outlet": raw.get("source"),
                              "speaker": st.speaker.text if st.speaker else None, "attributed": st.attributed,
                              "verb": st.verb, "stance": st.stance, "start": st.start, "quote": st.quote,
                              "sentence": text[max(0, st.start - 200):st.end + 40]})
                partial.write(json.dumps(flags[-1], ensure_ascii=False) + "\n")
                partial.flush()
        if n % 500 == 0 or n == len(articles):
            seconds = time.perf_counter() - started
            print(f"  {n}/{len(articles)} articles, {len(flags)} flags, {n / seconds:.1f}/s", file=sys.stderr,
                  flush=True)
    partial.close()
    seconds = time.perf_counter() - started
    judged = _judged(Path(args.judged))
    unjudged = [f for f in flags if f["key"] not in judged]
    (out / "saudinewsnet_flags.unjudged.jsonl").write_text(
        "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in unjudged))
    result = {**summary(flags, judged, len(articles)), "split": args.split, "seconds": round(seconds, 1), "sample_seed":
              args.seed if args.articles else None}
    print(f"saudinewsnet: {result['articles']} articles in {seconds:.0f}s; {result['flags']} flags "
          f"({result['flags_per_1000']} per 1,000 articles); precision {result['precision']} over {result['judged']} "
          f"judged ({result['unjudged']} not yet judged: {out / 'saudinewsnet_flags.unjudged.jsonl'}); speaker right "
          f"{result['speaker_right']} ({result['speaker_unjudged']} changed speakers not yet judged), stance right "
          f"{result['stance_right']} of {result['true']} true")
    print(json.dumps({"saudinewsnet": result}))


if __name__ == "__main__":
    main()
