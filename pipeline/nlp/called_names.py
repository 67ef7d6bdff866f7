"""The name a description is given in apposition: "ووصف أحد الناجين، وهو مندوب رحلات من نيبال يدعى باسانتا
بوهارا، من المستشفى ما شهده ... وقال إنه": the survivor is Basanta Bohara, and the statements carried on from him
are his, as the article names him ("يدعى"، "اسمه": is called; a clause "وهو/وهي ..." describes him first)."""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.text.normalise import fold_match

_REACH = 1500  # characters back to the description's mention: the same passage
# ", وهو مندوب رحلات من نيبال يدعى": a short clause about the one described, then the verb of naming
_CALLED = re.compile(r"\s*[،,]\s*(?:و?(?:هو|هي)\s+[^،,.\n:\"«»]{1,80}?\s+)?و?(?:يُ?دعى|تُ?دعى|اسمه|اسمها)\s+")


def called_name(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """The person's name after "يدعى/اسمه" in apposition to the latest mention of the description ``speaker`` before
    ``pos`` ("أحد الناجين"، "المواطن"); None when the speaker is a name or no such apposition follows it."""
    if speaker is None or speaker.type == "PERS" or not speaker.text.strip():
        return None
    at = text.rfind(speaker.text, max(0, pos - _REACH), pos)
    if at < 0 or any(x.type == "PERS" and at <= x.start < at + len(speaker.text) for x in ents):
        return None
    m = _CALLED.match(text, at + len(speaker.text))
    if m is None:
        return None
    person = next((x for x in ents if x.type == "PERS" and x.start == m.end()), None)
    if person is not None:
        return Speaker(text=person.text, canonical=person.canonical, type="PERS")
    toks = sp.tokens(text, m.end(), min(len(text), m.end() + 60))
    end = sp.name_run(toks, 0)
    if end is None or end > 4 or any(t[1].startswith("ال") for t in toks[:end]):
        return None  # "يدعى الشاهد": no name, or a name NER did not read is too uncertain past four words
    name = text[toks[0][2] : toks[end - 1][3]]
    return Speaker(text=name, canonical=fold_match(name), type="PERS")
