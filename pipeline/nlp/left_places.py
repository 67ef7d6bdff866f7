"""The place a force leaves, read from word order around the predicate (issue 13, round thirty-seven).

A frame's ``governed`` slot ("انسحاب بلاده منه": a place after the masdar is the left place only through a
preposition) takes a place right after the preposition, or after a demonstrative that follows it ("الانسحاب من
تلك المواقع"، "الخروج من هذه المدينة"): the demonstrative opens the noun phrase, so it stands for the place in
the frame's window and in ``frame_syntax.state_leaves`` (the word after من).
"""
from __future__ import annotations

from pipeline.nlp.frame_syntax import DEMONSTRATIVES


def governed(toks: list[str], anchor: int, hits: list[int], prepositions: list[int]) -> list[int]:
    """The words of a governed group that may fill its slot for ``anchor``: those before it, and those after it
    right after a preposition of ``prepositions`` or after a demonstrative right after one (then the
    demonstrative's position, where the noun phrase starts)."""
    out = []
    for h in hits:
        if h < anchor or h - 1 in prepositions:
            out.append(h)
        elif h - 2 > anchor and toks[h - 1] in DEMONSTRATIVES and h - 2 in prepositions:
            out.append(h - 1)
    return out
