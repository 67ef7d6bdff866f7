"""Families of person titles: a general noun ("المسؤول"، "النائب"، "اللاعب") and the titles a person it stands
for may carry in the article ("وزير"، "عضو البرلمان"، "المهاجم"), read from ``pipeline/data/speakers/
title_families.tsv`` (data, not code: a family grows without a rule changing)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.resources import shipped
from pipeline.text.normalise import fold_match

FAMILIES_PATH = shipped("pipeline", "data", "speakers", "title_families.tsv")


@lru_cache(maxsize=1)
def families() -> dict[str, tuple[tuple[str, ...], ...]]:
    """General noun (folded, masculine, no article) -> its titles, each the folded words of one phrase."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in FAMILIES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, titles = line.split("\t")
        out[fold_match(noun.strip())] = tuple(tuple(fold_match(w) for w in t.split()) for t in titles.split("|"))
    return out


def family_titles(head: str) -> tuple[tuple[str, ...], ...]:
    """The titles the general noun ``head`` (folded, no article; a feminine "ه" dropped) stands for; () if none."""
    return families().get(head, ())
