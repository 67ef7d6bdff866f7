"""Arabic-aware tokenisation that keeps character offsets into the original text.

Offsets matter because entities and statements are reported as spans of the article text: every token
is a slice ``text[start:end]`` of the input, never a rewritten string.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from pipeline.text.normalise import TATWEEL, WORD_MARKS, fold_match_in_place_span  # marks, tatweel: inside a word

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


@lru_cache(maxsize=4)
def _article_tokens(text: str) -> tuple[list[Token], list[int], list[int]]:
    """Every token of ``text``, with their starts and their ends (the last few texts: the spans of one article are
    asked for again and again, by the tagger's lines and by the speaker rules)."""
    toks = _tokens_from(text, 0, len(text))
    return toks, [t[1] for t in toks], [t[2] for t in toks]


def span_tokens(text: str, start: int, end: int) -> list[Token]:
    """``tokenize_with_offsets(text[start:end])`` with offsets into ``text``, mostly cut from the tokens of the
    whole ``text`` (tokenised once): a token of the whole text that lies inside the span is the span's own, for
    the pattern reads nothing beyond a token. Only where the span cuts a token are its edges tokenised again: from
    ``start`` up to the first token end that is no position inside a token of the whole text (from there on the
    two scans meet), and from the token that ``end`` cuts."""
    head, i, k, tail = _span_parts(text, start, end)
    return head + _article_tokens(text)[0][i:k] + tail


def _span_parts(text: str, start: int, end: int) -> tuple[list[Token], int, int, list[Token]]:
    """``span_tokens`` as the tokens before the whole text's, the whole text's ``[i:k]``, and the tokens after."""
    toks, starts, ends = _article_tokens(text)
    head: list[Token] = []
    pos = start
    while (k := bisect_right(starts, pos) - 1) >= 0 and starts[k] < pos < ends[k]:  # ``pos`` cuts a token
        m = _GAP_TOKEN_RE.match(text, pos, end)
        if m is None:
            return head, 0, 0, []
        head.append((m.group(2), m.start(2), m.end(2)))
        pos = m.end()
    i, k = bisect_left(starts, pos), bisect_right(ends, end)  # k: the first token that ends after the span
    if k < i:  # a span inside a gap or a token: no whole token
        k = i
    return head, i, k, (_tokens_from(text, starts[k], end) if k < len(toks) and starts[k] < end else [])


FoldedToken = tuple[str, str, int, int]


@lru_cache(maxsize=4)
def _article_folds(text: str) -> tuple[list[FoldedToken], str] | None:
    """Each token of ``text`` as (token, folded, start, end), ``folded`` cut from the in-place fold of the whole
    text lower-cased, without tatweels; and that lower-cased fold. None when lower-casing is not one character for
    one (a dotted capital I) or reads its context (a capital sigma): then only the span's own text gives it."""
    lowered = fold_match_in_place_span(text).lower()
    if len(lowered) != len(text) or "\u03a3" in text:
        return None
    return [(w, lowered[a:b].replace(TATWEEL, ""), a, b) for w, a, b in _article_tokens(text)[0]], lowered


def folded_span_tokens(text: str, start: int, end: int) -> list[FoldedToken]:
    """The tokens of ``text[start:end]`` (``span_tokens``) as (token, folded, start, end): ``folded`` is the
    token's stretch of ``fold_match_in_place(text[start:end]).lower()`` without tatweels (the speaker rules' form).
    The tokens inside the span come with their folds from the whole text's, made once."""
    whole = _article_folds(text) if 0 <= start <= len(text) and end >= 0 else None  # (a negative index: the slice)
    if whole is None:
        lowered = fold_match_in_place_span(text, start, end).lower()
        return [(w, lowered[a:b].replace(TATWEEL, ""), start + a, start + b)
                for w, a, b in _tokens_from(text[start:end], 0, len(text[start:end]))]
    folds, lowered = whole
    head, i, k, tail = _span_parts(text, start, end)
    if not (head or tail):
        return folds[i:k]
    return ([(w, lowered[a:b].replace(TATWEEL, ""), a, b) for w, a, b in head] + folds[i:k]
            + [(w, lowered[a:b].replace(TATWEEL, ""), a, b) for w, a, b in tail])


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
        tokens = span_tokens(text, *line.span())  # a line's tokens: the whole text's (a newline is in none)
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
