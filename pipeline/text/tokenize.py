"""Arabic-aware tokenisation that keeps character offsets into the original text.

Offsets matter because entities and statements are reported as spans of the article text: every token
is a slice ``text[start:end]`` of the input, never a rewritten string.
"""

from __future__ import annotations

import re

from pipeline.text.normalise import WORD_MARKS  # Arabic marks and tatweel stay inside a word

Token = tuple[str, int, int]

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN_RE = re.compile(
    rf"[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)+"  # numbers with decimal / thousands separators
    rf"|(?:[^\W_]++|[{WORD_MARKS}\u200c\u200d]++)++"  # words: letters, digits, Arabic marks, ZWJ/ZWNJ
    r"|[^\s\u200e\u200f\ufeff]",  # any other visible character is a token on its own
)
# A word is matched run by run (letters, then marks ...), possessively: the longest run of either class, as
# ``(?:[^\W_]|[marks])+`` gives it, without the engine's per-character branch and backtracking state (nothing
# follows the word in the pattern, so there is never anything to backtrack for).
#: a token with the gap before it (whitespace and the invisible marks no token holds: every other character
#: starts one): ``findall`` gives (gap, token) pairs, and each offset is the last one plus their lengths, which
#: is cheaper than a match object per token; ``test_ner`` checks both give the spans of the per-character form
_GAP_TOKEN_RE = re.compile(r"([\s\u200e\u200f\ufeff]*+)(" + _TOKEN_RE.pattern + ")")
_SENT_END = frozenset(".!?؟…۔")
_LINE_RE = re.compile(r"[^\n]+")
_CLOSERS = frozenset("»”\"')]")
_DIACRITICS_RE = re.compile(f"[{WORD_MARKS}]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})


def tokenize_with_offsets(text: str) -> list[Token]:
    """Split into word / number / punctuation tokens so that ``text[start:end] == token`` always holds.

    Punctuation (Arabic comma, semicolon and question mark, «» “” quotes, brackets) is split off because
    entity boundaries usually sit right next to it; clitics are kept attached, as in ANERcorp.
    """
    return _tokens_from(text, 0, len(text))


def _tokens_from(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``: ``_TOKEN_RE.finditer`` over it, as
    (token, start, end), read from the (gap, token) pairs of ``_GAP_TOKEN_RE``."""
    out: list[Token] = []
    append = out.append
    pos = start
    for gap, tok in _GAP_TOKEN_RE.findall(text, start, end):
        pos += len(gap)
        stop = pos + len(tok)
        append((tok, pos, stop))
        pos = stop
    return out


def split_sentences(text: str) -> list[tuple[str, int, int]]:
    """Split into sentences ``(sentence, start, end)`` at . ! ? ؟ … and line breaks.

    The CRF is trained on sentences, and tagging sentence by sentence keeps its context window from
    leaking across unrelated sentences. Decimal points never split (they are inside number tokens),
    and closing quotes/brackets that follow the full stop stay with their sentence.
    """
    return [(text[s:e], s, e) for s, e, _ in tokenized_sentences(text)]


def tokenized_sentences(text: str) -> list[tuple[int, int, list[Token]]]:
    """``split_sentences`` with each sentence's tokens, offsets into ``text``: one tokenisation pass.

    The tokens are those ``tokenize_with_offsets`` gives for the sentence (shifted by its start): a
    sentence starts and ends on token boundaries, so tokenising the line once is enough.
    """
    sentences: list[tuple[int, int, list[Token]]] = []
    for line in _LINE_RE.finditer(text):
        tokens = _tokens_from(text, *line.span())
        start_idx = 0
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i][0]
            if tok in _SENT_END:
                # "د." / "أ." are abbreviations (titles, initials), not sentence ends.
                prev = tokens[i - 1][0] if i > 0 else ""
                if not (tok == "." and len(prev) == 1 and prev.isalpha()):
                    while i + 1 < n and (tokens[i + 1][0] in _SENT_END or tokens[i + 1][0] in _CLOSERS):
                        i += 1
                    sentences.append((tokens[start_idx][1], tokens[i][2], tokens[start_idx:i + 1]))
                    start_idx = i + 1
            i += 1
        if start_idx < n:
            sentences.append((tokens[start_idx][1], tokens[-1][2], tokens[start_idx:]))
    return sentences
