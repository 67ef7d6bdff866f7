"""Direct quotes: where a quotation mark closes, and where a quote left open ends (moved out of
:mod:`pipeline.nlp.statements`, which uses them to take a direct quote's span)."""

from __future__ import annotations

import re

from pipeline.text.normalise import ARABIC_LETTERS, WORD_MARKS

_DIAC = f"[{WORD_MARKS}]*"
# A content introducer: إنّ/أنّ (with ب/ف and a pronoun: "بأنه"، "فإنها"), where what was said begins. The word
# start is tested after its first letter, so a search skips to the letters that can begin it (a look-behind in
# front gives the regex engine nothing to skip to: it tries the whole pattern at every position).
INTRO_WORD = re.compile(
    rf"[بفاأإ](?<![{ARABIC_LETTERS}{WORD_MARKS}].)(?:(?<=[بف]){_DIAC}[اأإ]|(?<=[اأإ])){_DIAC}ن{_DIAC}"
    rf"(?:ه|ها|هم|هما|نا)?{_DIAC}(?![{ARABIC_LETTERS}])"
)
OPEN_CLOSE = {"«": "»", "“": '”“"', "”": '”“"', '"': '"”“', "„": '“”"'}
QUOTE_OPEN = '«“”"„'
MAX_QUOTE = 3000
GAP = re.compile(r"\s*")


def quote_close(text: str, pos: int, limit: int) -> int | None:
    close = OPEN_CLOSE.get(text[pos], '"')
    for i in range(pos + 1, min(len(text), pos + limit)):
        if text[i] in close or text[i] == "\n":
            return i + 1 if text[i] != "\n" else None
    return None


def direct_end(text: str, open_pos: int, hard_stop: int, open_stop: int) -> tuple[int, int]:
    """(content end, position after the closing mark) of a quote opened at ``open_pos``.

    The quote runs to its closing mark across sentences, within its paragraph or on into paragraphs that
    reopen it (the «...\n«...» convention), unless a new statement starts first (``hard_stop``: a sentence
    opening with a reporting verb and its introducer): then the quote was never closed. A quote never closed
    ends at the paragraph or at the first sentence opening with a reporting verb (``open_stop``).
    """
    closers = OPEN_CLOSE.get(text[open_pos], '"')
    end_all = min(len(text), open_pos + MAX_QUOTE)
    para = text.find("\n", open_pos + 1, end_all)
    while para >= 0 and not any(c in text[open_pos + 1 : para] for c in closers):
        gap = GAP.match(text, para).end()
        if text[gap : gap + 1] != text[open_pos] and not closes_there(text, gap, end_all, text[open_pos], closers):
            break
        para = text.find("\n", gap + 1, end_all)
    limit = para if para >= 0 else end_all
    close = min((i for i in (text.find(c, open_pos + 1, limit) for c in closers) if i >= 0), default=-1)
    if close >= 0 and text[open_pos] == "«" and "«" in text[open_pos + 1 : close].replace("\n«", "\n"):
        close = -1
    if 0 <= close and hard_stop > open_pos and close > hard_stop:
        close = -1
    if close >= 0:
        return close, close + 1
    end = min(limit, open_stop) if open_stop > open_pos else limit
    return end, end


def closes_there(text: str, pos: int, stop: int, opener: str, closers: str) -> bool:
    """Does the paragraph at ``pos`` close a quote left open (a sentence split off its quote)? Its first mark
    closes: "»" before any "«", or an odd number of marks that open and close alike (")."""
    end = text.find("\n", pos, stop)
    chunk = text[pos : end if end >= 0 else stop]
    if opener in closers:
        return sum(chunk.count(c) for c in set(closers)) % 2 == 1
    first = min((i for i in (chunk.find(c) for c in closers + opener) if i >= 0), default=-1)
    return first >= 0 and chunk[first] != opener
