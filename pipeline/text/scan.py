"""Scans for a word's patterns that start from the word's occurrences.

A pattern that opens with a look-behind (a word boundary written as ``(?<!\\S)``, clitics before the word) gives
the regex engine no literal to skip to: it is tried at every position of the text (~0.1 µs a character), once for
each description, title or noun asked about. ``str.find`` jumps to the word instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def word_matches(pattern: re.Pattern, folded: str, word: str, pos: int, clitics: int,
                 endpos: int | None = None) -> Iterator[re.Match]:
    """``pattern.finditer(folded, pos, endpos)`` for a pattern that matches ``word`` after at most ``clitics`` letters
    (and a look-behind): the scan goes from one occurrence of the word to the next (``str.find``) and tries only the
    few starts before each, where the regex engine, with no literal to skip to, would try every position (~0.1 µs a
    character: ~0.4 ms for the 4,000 characters before a statement)."""
    endpos = len(folded) if endpos is None else endpos
    if not word:
        yield from pattern.finditer(folded, pos, endpos)  # every position holds the empty word
        return
    while (at := folded.find(word, pos, endpos)) >= 0:
        m = next((m for s in range(max(pos, at - clitics), at + 1) if (m := pattern.match(folded, s, endpos))), None)
        if m is None:
            pos = at + 1  # no match starts at or before this occurrence: none holds it
        else:
            yield m
            pos = m.end()


def first_of(text: str, chars: str, pos: int, end: int) -> int:
    """Where the first of ``chars`` occurs in ``text[pos:end]``, or -1: one ``str.find`` per character, each looking
    only before the best so far, where a regex search for the class checks it at every position."""
    found = -1
    for c in chars:
        if (i := text.find(c, pos, end)) >= 0:
            found = end = i
    return found
