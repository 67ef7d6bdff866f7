"""A sample of ANT v2 desk articles judged by reading, drawn before any judging (issue 18, round twenty-six).

    python bench/draw_desk_sample.py --draw      # writes tests/data/topics/desk_sample_draw.jsonl (seconds)
    python bench/draw_desk_sample.py --show      # the drawn articles' titles and openings only, shuffled
    python bench/draw_desk_sample.py --score     # the figures (the draw + tests/data/topics/desk_sample_judged.jsonl)
    python bench/draw_desk_sample.py --agreement # the same figures by each reader, by both and by either, and
                                                 # how far the two readers agree (+ desk_sample_judged_second.jsonl)

Why: the desk yardstick counts one label right, but many desk "errors" are stories a reader files under the
predicted topic too (health news on a science desk, tech-company news on an economy desk). This estimates how
much of the desk gap is the yardstick's and how much the model's.

Population: the desk articles of the five ANT v2 outlets, each with the first topic of the shipped model held
out by its outlet: the fold probabilities of ``bench/topics_rule_cache.py`` (the section model trained without
the outlet) and the first-topic rule refitted as shipped (judged phases 1-2, desk share 0.5, ``RULE_C``, base
inputs; this reproduces the shipped held-out desk figure 0.8857). Draw (seed 2626): per outlet 30 articles whose
first topic differs from the desk label (all, if fewer) and 10 whose first topic equals it, uniformly at random;
each row's inclusion probability is drawn / stratum size; all rows shuffled together. The draw file stores ids,
outlet, stratum, sizes, inclusion, the desk label and the held-out first topic (labels only: ANT v2 is research
use, its text stays in ../shared). ``--show`` prints only the row number, title and ~80 opening words, never
the labels nor the id (ANT v2 ids name the section), so the judging is blind; the judged file holds the id, the
strata, every catalogue topic a reader accepts (best first) and a one-line reason of our own.

Scored (``--score``): strict desk top-1 (exact: the strata sizes give it), "desk label or a reader-accepted topic"
(an error the reader accepts counts as right), the first topic being the reader's best, and on the control rows
how often the reader's best topic is the desk label, each per outlet with a stratified standard error.

Two readers (round twenty-six) judged the same rows blind and apart, to measure the judging's own noise.
``--agreement`` gives the reader figures by each reader, by both (an error counts as accepted only when both
readers accept it; the first topic is "best" only when it is both readers' best) and by either, then the
agreement of the readers on "the held-out first topic is accepted" over the error rows and on the best topic
over all rows: the raw share of drawn rows they agree on and Cohen's kappa (unweighted: rows of the sample).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_topics as tt  # noqa: E402
from topics_eval import V2_OUTLETS  # noqa: E402

SEED = 2626
DIFFERS, EQUALS = 30, 10  # per outlet, fixed before the draw
DRAW = ROOT / "tests" / "data" / "topics" / "desk_sample_draw.jsonl"
JUDGED = ROOT / "tests" / "data" / "topics" / "desk_sample_judged.jsonl"
JUDGED_SECOND = ROOT / "tests" / "data" / "topics" / "desk_sample_judged_second.jsonl"
READER_OUTCOMES = ("accepted", "first_is_best", "best_is_desk", "desk_accepted")
OPENING_WORDS = 80


def held_out_first_topics(cache: dict, a: dict) -> dict[str, dict[str, np.ndarray]]:
    """Per ANT v2 outlet: its desk rows (indices), their desk labels and the shipped rule's held-out first topic."""
    out = {}
    for name in sorted(V2_OUTLETS):
        tr, te = cache[f"{name}:tr"], cache[f"{name}:te"]
        rule = tt._fit_rule(cache[f"{name}:p_oof"], a["lexicon"][tr], a["desk"][tr], a["fit_judged"][tr],
                            a["fit_weight"][tr], tt.RULE_DESK_WEIGHT, a["profile"][tr], ())
        p = cache[f"{name}:p_te"]
        first = tt.first_topics(rule, tt.LABELS, tt.DESK_LABELS, p, a["lexicon"][te], a["profile"][te])
        first = np.where(first == "", np.array(tt.LABELS, dtype=object)[p.argmax(axis=1)], first)
        is_desk = a["desk"][te] != ""
        out[name] = {"rows": te[is_desk], "desk": a["desk"][te][is_desk], "first": first[is_desk].astype(str)}
    return out


def draw(population: dict[str, dict[str, np.ndarray]], ids: np.ndarray, seed: int = SEED) -> list[dict]:
    """The stratified draw (outlets in sorted order, ``differs`` then ``equals``), shuffled as one list."""
    rng = np.random.default_rng(seed)
    drawn = []
    for name in sorted(population):
        f = population[name]
        for stratum, size, members in (("differs", DIFFERS, f["first"] != f["desk"]),
                                       ("equals", EQUALS, f["first"] == f["desk"])):
            where = np.flatnonzero(members)
            n = min(size, len(where))
            for k in sorted(rng.choice(where, size=n, replace=False).tolist()):
                drawn.append({"id": str(ids[f["rows"][k]]), "outlet": name, "stratum": stratum,
                              "stratum_size": int(len(where)), "stratum_drawn": n,
                              "inclusion": round(n / len(where), 6), "desk": str(f["desk"][k]),
                              "first": str(f["first"][k])})
    return [drawn[i] for i in rng.permutation(len(drawn))]


def stratified(rows: list[dict], value: str) -> tuple[float, float]:
    """(estimate, standard error) of the population mean of the 0/1 ``value`` from a stratified random sample.

    Each row carries its stratum (``stratum``, ``stratum_size``); the estimate weights each drawn row by
    the inverse of its inclusion probability (stratum size / drawn), the variance is the stratified one
    with the finite-population correction (a stratum drawn whole adds none).
    """
    strata: dict[str, list[dict]] = {}
    for r in rows:
        strata.setdefault(r["stratum"], []).append(r)
    total = sum(s[0]["stratum_size"] for s in strata.values())
    estimate = variance = 0.0
    for members in strata.values():
        size, n = members[0]["stratum_size"], len(members)
        y = np.array([float(r[value]) for r in members])
        share = size / total
        estimate += share * y.mean()
        if n > 1:
            variance += share ** 2 * (1 - n / size) * y.var(ddof=1) / n
    return estimate, math.sqrt(variance)


def reader_outcomes(r: dict, topics: list[str]) -> dict[str, bool]:
    """One drawn row's 0/1 outcomes under one reader's topics (best first): ``accepted`` (first topic = desk
    label, or the reader accepts the first topic), ``first_is_best`` (the first topic is the reader's best),
    ``best_is_desk`` (the reader's best topic is the desk label), ``desk_accepted`` (the reader accepts the
    desk label at all)."""
    return {"accepted": r["first"] == r["desk"] or r["first"] in topics, "first_is_best": r["first"] == topics[0],
            "best_is_desk": topics[0] == r["desk"], "desk_accepted": r["desk"] in topics}


def outcomes(draw_rows: list[dict], judged: dict[str, dict]) -> list[dict]:
    """Each drawn row with ``strict`` (first topic = desk label) and its outcomes under one reader."""
    return combined_outcomes(draw_rows, [judged])


def combined_outcomes(draw_rows: list[dict], readers: list[dict[str, dict]], combine=all) -> list[dict]:
    """Each drawn row with ``strict`` and each reader outcome combined over the readers: ``all`` (both readers:
    an error is accepted only when every reader accepts it) or ``any`` (either reader). ``strict`` needs no
    reader, so combining keeps "desk label or accepted" at least the strict figure."""
    out = []
    for r in draw_rows:
        each = [reader_outcomes(r, judged[r["id"]]["topics"]) for judged in readers]
        out.append({**r, "strict": r["first"] == r["desk"],
                    **{key: combine(o[key] for o in each) for key in READER_OUTCOMES}})
    return out


def cohen_kappa(a: list, b: list) -> float:
    """Cohen's kappa of two raters' labels on the same items: agreement beyond what their own label shares
    give by chance, ``(p_o - p_e) / (1 - p_e)``; 1.0 when both always give one and the same label."""
    if len(a) != len(b) or not a:
        raise ValueError("two equally long, non-empty lists of labels")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    chance = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return 1.0 if chance == 1.0 else (observed - chance) / (1 - chance)


def agreement(draw_rows: list[dict], first: dict[str, dict], second: dict[str, dict]) -> dict[str, tuple]:
    """How far two readers agree: on the error rows, on "the held-out first topic is accepted" (yes/no); on all
    rows, on the best topic. Each (rows, raw share agreeing, Cohen's kappa) over the drawn rows, unweighted."""
    errors = [r for r in draw_rows if r["stratum"] == "differs"]
    found = {}
    for name, rows, label in (("first_accepted", errors, lambda r, j: r["first"] in j[r["id"]]["topics"]),
                              ("best", draw_rows, lambda r, j: j[r["id"]]["topics"][0])):
        a, b = [label(r, first) for r in rows], [label(r, second) for r in rows]
        found[name] = (len(rows), sum(x == y for x, y in zip(a, b, strict=True)) / len(rows), cohen_kappa(a, b))
    return found


def figures(rows: list[dict]) -> dict[str, dict[str, tuple[float, float]]]:
    """Per outlet and their mean: (estimate, SE) of strict desk top-1, desk-or-accepted top-1, the first topic
    being the reader's best, on the control rows (first topic = desk label) how often the reader's best topic
    is the desk label, and on the error rows how often the reader accepts the desk label."""
    found: dict[str, dict[str, tuple[float, float]]] = {}
    for outlet in sorted({r["outlet"] for r in rows}):
        mine = [r for r in rows if r["outlet"] == outlet]
        controls = [r for r in mine if r["stratum"] == "equals"]
        errors = [r for r in mine if r["stratum"] == "differs"]
        found[outlet] = {"strict": stratified(mine, "strict"), "accepted": stratified(mine, "accepted"),
                         "first_is_best": stratified(mine, "first_is_best"),
                         "control_best_is_desk": stratified(controls, "best_is_desk"),
                         "error_desk_accepted": stratified(errors, "desk_accepted")}
    k = len(found)
    found["mean"] = {key: (sum(f[key][0] for f in found.values()) / k,
                           math.sqrt(sum(f[key][1] ** 2 for f in found.values())) / k)
                     for key in next(iter(found.values()))}
    return found


def confusions(rows: list[dict]) -> None:
    """The error rows' (desk label -> first topic) pairs, split into judged accepted and plain errors."""
    for outcome, label in ((True, "accepted by the reader"), (False, "plain errors")):
        pairs: dict[tuple[str, str], int] = {}
        for r in rows:
            if r["stratum"] == "differs" and r["accepted"] == outcome:
                key = (r["outlet"], f"{r['desk']}->{r['first']}")
                pairs[key] = pairs.get(key, 0) + 1
        total: dict[str, int] = {}
        for (_, pair), n in pairs.items():
            total[pair] = total.get(pair, 0) + n
        print(f"{label}: " + ", ".join(f"{p} {n}" for p, n in sorted(total.items(), key=lambda x: -x[1])))
        for outlet in sorted({o for o, _ in pairs}):
            print(f"   {outlet}: " + ", ".join(f"{p} {n}" for (o, p), n in sorted(pairs.items(), key=lambda x: -x[1])
                                            if o == outlet))


def print_figures(found: dict[str, dict[str, tuple[float, float]]], only_mean: bool = False) -> None:
    print("outlet | strict desk top-1 | desk or reader-accepted (SE) | first = reader's best (SE) | "
          "controls: reader's best = desk (SE) | errors: reader accepts the desk label (SE)")
    for outlet, f in found.items():
        if only_mean and outlet != "mean":
            continue
        print(f"{outlet} | {f['strict'][0]:.4f} | {f['accepted'][0]:.4f} ({f['accepted'][1]:.4f}) | "
              f"{f['first_is_best'][0]:.4f} ({f['first_is_best'][1]:.4f}) | "
              f"{f['control_best_is_desk'][0]:.3f} ({f['control_best_is_desk'][1]:.3f}) | "
              f"{f['error_desk_accepted'][0]:.3f} ({f['error_desk_accepted'][1]:.3f})")


def reader_disagreements(draw_rows: list[dict], first: dict[str, dict], second: dict[str, dict]) -> dict[str, dict]:
    """Where two readers part: error rows whose first topic one reader accepts and the other not, counted by
    (desk label -> first topic, which reader accepts), and rows whose best topics differ, by (first's, second's)."""
    accept: dict[str, int] = {}
    best: dict[str, int] = {}
    for r in draw_rows:
        one, two = first[r["id"]]["topics"], second[r["id"]]["topics"]
        if r["stratum"] == "differs" and (r["first"] in one) != (r["first"] in two):
            key = f"{r['desk']}->{r['first']} accepted by {'first' if r['first'] in one else 'second'}"
            accept[key] = accept.get(key, 0) + 1
        if one[0] != two[0]:
            key = f"{one[0]} / {two[0]}"
            best[key] = best.get(key, 0) + 1
    return {"accept": accept, "best": best}


def print_agreement(draw_rows: list[dict], first: dict[str, dict], second: dict[str, dict]) -> None:
    for name, readers, combine in (("first reader", [first], all), ("second reader", [second], all),
                                   ("both readers", [first, second], all), ("either reader", [first, second], any)):
        print(f"== {name}")
        print_figures(figures(combined_outcomes(draw_rows, readers, combine)), only_mean=name != "second reader")
    for name, (n, share, kappa) in agreement(draw_rows, first, second).items():
        what = "error rows: the first topic accepted" if name == "first_accepted" else "all rows: the best topic"
        print(f"agreement, {what}: {n} rows, raw {share:.3f}, Cohen's kappa {kappa:.3f}")
    for name, counts in reader_disagreements(draw_rows, first, second).items():
        print(f"disagreements ({name}): " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items(),
                                                                                   key=lambda x: (-x[1], x[0]))))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/topics_rule_cache.npz"))
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data" / "topics")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--draw", action="store_true", help="draw the sample and write " + str(DRAW.relative_to(ROOT)))
    mode.add_argument("--show", action="store_true", help="print the drawn articles' titles and openings, no labels")
    mode.add_argument("--score", action="store_true", help="the figures from the draw and the judged file")
    mode.add_argument("--agreement", action="store_true", help="the figures by each reader, both and either, "
                      "and the two readers' agreement")
    args = ap.parse_args()
    if args.draw:
        from topics_rule_loop import per_row_arrays
        warnings.filterwarnings("ignore", message="lbfgs failed to converge")
        with np.load(args.cache) as z:
            cache = {k: z[k] for k in z.files}
        a = per_row_arrays(args.data_dir, args.cache.with_name(args.cache.stem + "_rows.npz"))
        if not np.array_equal(a["ids"], cache["ids"]) or len(set(a["ids"].tolist())) != len(a["ids"]):
            sys.exit("the cache's rows differ or their ids repeat: rebuild it with bench/topics_rule_cache.py")
        population = held_out_first_topics(cache, a)
        print("held-out desk top-1: " + ", ".join(f"{o} {np.mean(f['first'] == f['desk']):.4f}"
                                                  for o, f in population.items()), file=sys.stderr)
        DRAW.parent.mkdir(parents=True, exist_ok=True)
        DRAW.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in draw(population, cache["ids"])),
                        encoding="utf-8")
    elif args.show:
        text = {r["id"]: r for r in tt.load(args.data_dir) if r["corpus"] == "v2"}
        for n, r in enumerate(read_jsonl(DRAW)):  # the row number, not the id: ANT v2 ids name the section
            t = text[r["id"]]
            print(f"## {n}\n{t['title']}\n{' '.join(t['text'].split()[:OPENING_WORDS])}\n")
    elif args.score:
        rows = outcomes(read_jsonl(DRAW), {j["id"]: j for j in read_jsonl(JUDGED)})
        print_figures(figures(rows))
        confusions(rows)
    else:
        print_agreement(read_jsonl(DRAW), {j["id"]: j for j in read_jsonl(JUDGED)},
                        {j["id"]: j for j in read_jsonl(JUDGED_SECOND)})

if __name__ == "__main__":
    main()
