"""The Snowball Arabic stemmer of ``snowballstemmer``, same algorithm and same stems, at a third of the cost.

Enrichment stems every new word of the text (the watch subjects' lemma families): on a stream of real
articles that was a quarter of the CPU time, nearly all of it in two generic primitives of the pure-Python
port. ``find_among`` (the longest of a routine's strings at the cursor) binary-searches its table comparing
one character at a time; here it is a dict look-up per string length. The two normalisation routines call it
on every character of the word; here they are ``str.translate`` with the same one-character tables (only
when the generated code is the release checked against the original, word by word). Everything else, the
affix rules, is the generated code itself. When the C extension (PyStemmer) is installed ``snowballstemmer``
hands that out instead, and it is used as it is.
"""

from __future__ import annotations

from typing import Any

import snowballstemmer
from snowballstemmer.among import Among
from snowballstemmer.arabic_stemmer import ArabicStemmer

_CHECKED_RELEASE = "Snowball 3.1.1"  # Normalize_pre/_post below are those of this release's arabic.sbl


def _among_index(table: list[Among]) -> tuple[dict[str, int], tuple[int, ...]]:
    """String -> result, and the string lengths longest first: the first hit is the longest match."""
    if any(w.method is not None for w in table):
        raise ValueError("an among with routines: not a plain look-up")
    return {w.s: w.result for w in table}, tuple(sorted({len(w.s) for w in table}, reverse=True))


_AMONGS: dict[int, tuple[list[Among], dict[str, int], tuple[int, ...]]] = {
    id(v): (v, *_among_index(v)) for k, v in vars(ArabicStemmer).items() if k.startswith("a_")}


def _among(v: list[Among]) -> tuple[dict[str, int], tuple[int, ...]]:
    entry = _AMONGS.get(id(v))
    if entry is None or entry[0] is not v:
        entry = _AMONGS[id(v)] = (v, *_among_index(v))
    return entry[1], entry[2]


def _char_table(among: list[Among], replacements: tuple[str, ...]) -> dict[int, str]:
    """A routine's one-character among as a ``str.translate`` table (result n -> replacements[n - 1])."""
    if any(len(w.s) != 1 for w in among):
        raise ValueError("not a one-character among")
    return {ord(w.s): replacements[w.result - 1] for w in among}


class FastArabicStemmer(ArabicStemmer):
    """``ArabicStemmer`` with table look-ups for its among searches (same stems)."""

    def find_among(self, v: list[Among]) -> int:
        strings, lengths = _among(v)
        c, current = self.cursor, self.current
        room = self.limit - c
        for n in lengths:
            if n <= room:
                result = strings.get(current[c:c + n])
                if result is not None:
                    self.cursor = c + n
                    return result
        return 0

    def find_among_b(self, v: list[Among]) -> int:
        strings, lengths = _among(v)
        c, current = self.cursor, self.current
        room = c - self.limit_backward
        for n in lengths:
            if n <= room:
                result = strings.get(current[c - n:c])
                if result is not None:
                    self.cursor = c - n
                    return result
        return 0


class _TranslatingArabicStemmer(FastArabicStemmer):
    """Also the two normalisation loops as ``translate``: each replaces, left to right, every character of its
    one-character among (Normalize_post first turns a final hamza carrier into a bare hamza). The affix rules
    set ``bra``/``ket`` themselves before they cut, so the loops' last values of them are never read."""

    def __init__(self) -> None:
        super().__init__()
        self._pre = _char_table(ArabicStemmer.a_0, ArabicStemmer.as_0)
        self._final = frozenset(w.s for w in ArabicStemmer.a_1)
        self._post = _char_table(ArabicStemmer.a_2, ArabicStemmer.as_2)

    def _ArabicStemmer__r_Normalize_pre(self) -> bool:  # noqa: N802 (overrides the generated private routine)
        c, limit, current = self.cursor, self.limit, self.current
        part = current[c:limit]
        done = part.translate(self._pre)
        if done != part:
            self.current = current[:c] + done + current[limit:]
            self.limit += len(done) - len(part)
        return True

    def _ArabicStemmer__r_Normalize_post(self) -> bool:  # noqa: N802
        c, limit, current = self.cursor, self.limit, self.current
        self.limit_backward = c
        part = current[c:limit]
        if part and part[-1] in self._final:
            part = part[:-1] + "\u0621"
        self.current = current[:c] + part.translate(self._post) + current[limit:]
        return True


def arabic_stemmer() -> Any:
    """The Arabic stemmer ``snowballstemmer`` gives, made fast when it is the pure-Python port."""
    given = snowballstemmer.stemmer("arabic")
    if type(given) is not ArabicStemmer:
        return given  # PyStemmer's C stemmer
    if _CHECKED_RELEASE not in (ArabicStemmer.__doc__ or ""):
        return FastArabicStemmer()
    return _TranslatingArabicStemmer()
