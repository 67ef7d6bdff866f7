"""Watch subjects defined as data (``pipeline/data/subjects.yaml``) and matched on Arabic text.

A subject is a list of rules; a rule fires when a term of each of its concept groups occurs within
``window`` tokens of a term of the first (anchor) group, in the same sentence, and no excluded term
occurs within ``exclude.window`` tokens of that anchor. Terms are folded stems matched as a token
prefix after optional clitics (و، ف، ب، ل، ك، ال...), so "انسحاب" also matches "وبانسحابها". Adding a
subject is a YAML edit, no code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.models import Statement
from pipeline.text.normalise import PROCLITICS_ALL, fold_match

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "subjects.yaml"

_TOKEN = re.compile(r"[\w\u0600-\u06ff]+")
_SENTENCE_END = re.compile(r"[.!?؟؛\n]+")


def tokens(text: str) -> list[str]:
    """Folded word tokens: the unit for subject windows and for dedup shingles."""
    return _TOKEN.findall(fold_match(text))


def _term(term: str) -> tuple[str, ...]:
    """Fold a YAML term into token stems; a leading article is dropped since clitics are tried anyway."""
    out = []
    for tok in tokens(term):
        out.append(tok[2:] if tok.startswith("ال") and len(tok) > 4 else tok)
    return tuple(out)


@dataclass(frozen=True)
class Rule:
    groups: tuple[frozenset[tuple[str, ...]], ...]
    window: int = 8


@dataclass(frozen=True)
class Subject:
    id: str
    name_ar: str
    rules: tuple[Rule, ...]
    exclude: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    exclude_window: int = 12


def _parse(data: dict[str, Any]) -> list[Subject]:
    subjects = []
    for raw in data.get("subjects", []) or []:
        groups = {
            name: frozenset(_term(t) for t in terms if _term(t)) for name, terms in raw["groups"].items()
        }
        rules = tuple(
            Rule(groups=tuple(groups[g] for g in r["all"]), window=int(r.get("window", 8)))
            for r in raw["rules"]
        )
        exc = raw.get("exclude", {}) or {}
        exclude = frozenset(_term(t) for terms in (exc.get("contexts", {}) or {}).values() for t in terms)
        subjects.append(
            Subject(
                id=raw["id"],
                name_ar=raw.get("name_ar", raw["id"]),
                rules=rules,
                exclude=frozenset(t for t in exclude if t),
                exclude_window=int(exc.get("window", 12)),
            )
        )
    return subjects


@lru_cache(maxsize=8)
def _load_cached(path: str) -> tuple[Subject, ...]:
    with open(path, encoding="utf-8") as fh:
        return tuple(_parse(yaml.safe_load(fh) or {}))


def load_subjects(path: str | Path | None = None) -> list[Subject]:
    """Load (and cache) the subject definitions; the default file ships inside the package."""
    return list(_load_cached(str(path or DEFAULT_PATH)))


@lru_cache(maxsize=65536)
def _candidates(tok: str) -> tuple[str, ...]:
    """The token with each clitic prefix it starts with removed (including none); cached, words repeat."""
    return tuple(tok[len(p) :] for p in PROCLITICS_ALL if tok.startswith(p) and len(tok) > len(p))


@lru_cache(maxsize=65_536)
def _tok_matches(tok: str, stem: str) -> bool:
    return any(c.startswith(stem) for c in _candidates(tok))


@lru_cache(maxsize=256)
def _term_index(terms: frozenset[tuple[str, ...]]) -> tuple[dict[str, list[tuple[str, ...]]], tuple[int, ...]]:
    """Terms indexed by first stem, and the stem lengths to probe (built once per term group)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for term in terms:
        by_first.setdefault(term[0], []).append(term)
    return by_first, tuple(sorted({len(k) for k in by_first}))


# Per term group: token -> terms whose first stem it matches. A plain dict per group (one str lookup per
# token) rather than an lru_cache keyed by (token, group); cleared when it grows past the bound.
_FIRST_HITS: dict[frozenset[tuple[str, ...]], dict[str, tuple[tuple[str, ...], ...]]] = {}
_FIRST_HITS_MAX = 262144


def _first_hits(tok: str, terms: frozenset[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """The terms of ``terms`` whose first stem the token matches (cached: one lookup per token later)."""
    cache = _FIRST_HITS.setdefault(terms, {})
    hit = cache.get(tok)
    if hit is None:
        if len(cache) >= _FIRST_HITS_MAX:
            cache.clear()
        hit = cache[tok] = _first_hits_uncached(tok, terms)
    return hit


def _first_hits_uncached(tok: str, terms: frozenset[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    by_first, lengths = _term_index(terms)
    out: list[tuple[str, ...]] = []
    for cand in _candidates(tok):
        for n in lengths:
            if len(cand) < n:
                break
            out.extend(by_first.get(cand[:n], ()))
    return tuple(out)


def _starts_term(toks: list[str], i: int, terms: frozenset[tuple[str, ...]]) -> bool:
    for term in _first_hits(toks[i], terms):
        if i + len(term) <= len(toks) and all(_tok_matches(toks[i + j], s) for j, s in enumerate(term[1:], 1)):
            return True
    return False


def _hits(toks: list[str], terms: frozenset[tuple[str, ...]]) -> list[int]:
    """Token positions where one of ``terms`` (token-stem sequences) starts.

    Indexed by first stem so the cost is per token, not per token x term (articles can be long).
    """
    cache = _FIRST_HITS.get(terms)
    if cache is None or len(cache) + len(toks) > _FIRST_HITS_MAX:
        firsts = [_first_hits(tok, terms) for tok in toks]
    else:
        firsts = [cache.get(tok) for tok in toks]
        if None in firsts:
            firsts = [f if f is not None else _first_hits(tok, terms) for f, tok in zip(firsts, toks, strict=True)]
    return [i for i, f in enumerate(firsts) if f and _starts_term(toks, i, terms)]


def _sentence_matches(toks: list[str], subject: Subject) -> bool:
    excluded: list[int] | None = None
    for rule in subject.rules:
        if not rule.groups:
            continue
        anchors = _hits(toks, rule.groups[0])
        if not anchors:
            continue
        others = [_hits(toks, g) for g in rule.groups[1:]]
        if not all(others):
            continue
        for a in anchors:
            if not all(any(abs(h - a) <= rule.window for h in hs) for hs in others):
                continue
            if excluded is None:
                excluded = _hits(toks, subject.exclude) if subject.exclude else []
            if any(abs(e - a) <= subject.exclude_window for e in excluded):
                continue
            return True
    return False


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def match_subjects(text: str, subjects: list[Subject] | None = None) -> list[str]:
    """Ids of the subjects whose rules fire in some sentence of ``text`` (in definition order)."""
    if not text:
        return []
    subjects = load_subjects() if subjects is None else subjects
    sentences = [tokens(s) for s in _sentences(text)]
    return [s.id for s in subjects if any(_sentence_matches(toks, s) for toks in sentences)]


def flag_statements(
    statements: list[Statement], subjects: list[Subject] | None = None, text: str | None = None
) -> list[Statement]:
    """Return copies of ``statements`` with ``subjects`` set, judged on the quote plus its sentence.

    The sentence context matters: "نفى ... انسحاب القوات" often carries the subject outside the
    quote itself. Without ``text`` only the quote is judged.
    """
    subjects = load_subjects() if subjects is None else subjects
    out = []
    seen: dict[str, list[str]] = {}  # statements of one sentence share their context: match it once
    for st in statements:
        ctx = st.quote
        if text:
            ctx = _context(text, st.start, st.end)
        if ctx not in seen:
            seen[ctx] = match_subjects(ctx, subjects)
        out.append(st.model_copy(update={"subjects": list(seen[ctx])}))
    return out


def _context(text: str, start: int, end: int, limit: int = 600) -> str:
    """The quote span widened to the enclosing sentence (bounded so a 10 MB line stays cheap)."""
    lo = max(0, start - limit)
    left = text[lo:start]
    cut = max(left.rfind("\n"), left.rfind(". "), left.rfind("؟"))
    s = lo + cut + 1 if cut >= 0 else lo
    right = text[end : end + limit]
    m = re.search(r"\n|\.\s|؟", right)
    e = end + (m.start() if m else len(right))
    return text[s:e]
