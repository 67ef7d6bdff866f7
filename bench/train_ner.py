"""Derive the shipped NER gazetteer from /work/shared and train the shipped CRF model.

Run once by a maintainer (``python bench/train_ner.py``); users never need /work/shared because the
outputs land in ``pipeline/data/ner/``. Sources and licences are listed in ``pipeline/data/ner/NOTICE.md``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from pipeline.text.normalise import fold_name

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT_DIR = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "ner"

# NewsFANE fine types -> ANERcorp coarse types (Alotaibi & Lee's two-level taxonomy; FAC folds into LOC).
NEWSFANE_COARSE: dict[str, str] = {
    **dict.fromkeys(
        "Athlete Politician Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer Police"
        .split(), "PERS"),
    **dict.fromkeys(
        "Sports Non-Governmental Government Media Commercial Educational Medical-Science Entertainment "
        "Religious_ORG".split(), "ORG"),
    **dict.fromkeys(
        "Population-Center Nation State-or-Province Water-Body Land-Region-Natural GPE-Cluster Continent "
        "County-or-District Celestial Building-Grounds Airport Subarea-Facility Path".split(), "LOC"),
    **dict.fromkeys("Book Movie Software Hardware Air Land Water Projectile Drug Food Shooting Plant".split(),
                    "MISC"),
}


def _clean(s: str) -> str:
    """Normalise an entry; NewsFANE splits a leading hamza-alef off some words ("ا سرائيل"), rejoin it."""
    s = " ".join(fold_name(s.replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "")).split())
    return re.sub(r"(^| )ا (?=\S)", r"\1ا", s)


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def build_gazetteer(shared: Path = SHARED) -> dict[str, set[str]]:
    """Collect normalised entries per gazetteer class from the staged open datasets."""
    classes = ("FIRST", "LAST", "COUNTRY", "IRAQ", "PERS", "ORG", "LOC", "MISC")
    gaz: dict[str, set[str]] = {k: set() for k in classes}
    names = shared / "gazetteers" / "person_names"
    for fname in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt"):
        gaz["FIRST"].update(_clean(x) for x in (names / fname).read_text(encoding="utf-8-sig").splitlines())
    last = (names / "last-names-in-arabic.txt").read_text("utf-8-sig").splitlines()
    gaz["LAST"].update(_clean(x) for x in last)
    with (names / "200-Arabic-Names-UTF8.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            gaz["FIRST"].update(_clean(row[k]) for k in ("Male", "Female") if row.get(k))
            if row.get("Lastname"):
                gaz["LAST"].add(_clean(row["Lastname"]))
    with (shared / "gazetteers" / "countries" / "DERIVED_countries_ar.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gaz["COUNTRY"].update(_clean(row[k]) for k in ("name_ar_common", "name_ar_official") if row[k])
    with (shared / "gazetteers" / "iraq" / "DERIVED_iraq_places_flat.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = _clean(row["name_ar"])
            gaz["IRAQ"].add(name)
            if name.startswith("محافظه "):
                gaz["IRAQ"].add(name.removeprefix("محافظه "))
    with (shared / "ner" / "newsfane" / "DERIVED_entity_list_by_type.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            coarse = NEWSFANE_COARSE.get(row["fine_type"])
            if coarse:
                gaz[coarse].add(_clean(row["entity"]))
    return {k: {x for x in v if x and _is_arabic(x) and not re.search(r"[()0-9]", x)} for k, v in gaz.items()}


def write_gazetteer(gaz: dict[str, set[str]], path: Path) -> None:
    """One ``class<TAB>entry`` line per entry, sorted so the file is byte-for-byte reproducible."""
    lines = [f"{k}\t{e}" for k in sorted(gaz) for e in sorted(gaz[k])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_gazetteer(build_gazetteer(), OUT_DIR / "gazetteer.tsv")
    if "--gazetteer-only" in sys.argv:
        return
    from pipeline.nlp import ner

    report = ner.train(SHARED / "ner" / "ANERCorp_CamelLab_train.txt", OUT_DIR / "anercorp_crf.model")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
