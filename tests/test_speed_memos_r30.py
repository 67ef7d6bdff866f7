"""Round thirty's speed shortcut gives the answers of the direct computation: the reporting words of a text found
by one comprehension."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.nlp import reporting
from pipeline.text.normalise import fold_match_in_place

LABELLED = Path(__file__).parent / "data" / "withdrawal" / "labelled.jsonl"
SEEDS = Path(__file__).parent.parent / "connectors" / "sample_site" / "articles"


def _texts() -> list[str]:
    """The seed articles, 300 labelled sentences, and both with tatweel inside some words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [json.loads(line)["sentence"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:300]]
    return texts + [t.replace("ال", "الـ", 5) for t in texts] + ["وقـال إن", "قالـت: نعم", "ونقل عنه أن"]


def _triggers_word_by_word(text: str) -> list[reporting.Trig]:
    """``reporting.triggers`` as a loop over every word of the text, each looked up on its own."""
    out = []
    for m in re.finditer(rf"[{reporting._LETTER}\u0640]+", fold_match_in_place(text)):
        key = m.group()
        form = reporting.LEX.get(key.replace("\u0640", ""))
        if form is not None and (key != "نقل" or re.search(r"\sعن(?:ه|ها)?\s", text[m.end() : m.end() + 120])):
            raw = text[m.start() : m.end()]
            word = re.sub(rf"^[وف]{reporting._DIAC}", "", raw) if form.prefix else raw
            if form.kind == "past" and len(word) > 2 and word[1] == "\u064f":
                form = form._replace(kind="passive")
            out.append(reporting.Trig(m.start(), m.end(), word, form))
    return out


def test_triggers_are_those_of_each_word_looked_up() -> None:
    """Keeping the lexicon's words in one comprehension finds the triggers of looking every word up, tatweel
    included."""
    texts = _texts()
    assert sum(len(reporting.triggers(t)) for t in texts if "\u0640" in t) > 10  # the tatweel path is exercised
    for text in texts:
        assert reporting.triggers(text) == _triggers_word_by_word(text), text[:80]
