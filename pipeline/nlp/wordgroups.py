"""Named groups of Arabic words matched on folded tokens: the vocabulary of a watch subject's frames.

A group holds ``terms`` (folded token prefixes after optional clitics; multi-word terms are consecutive
tokens, whole words but the last), ``lemmas`` (stem keys through ``pipeline.text.morphology``: one lemma
matches every inflection) and ``exact`` words (short function words). Matching is cached per token: news
vocabulary repeats, and a worker matches each word of each group once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.text.morphology import lemma_keys, word_keys
from pipeline.text.normalise import PROCLITICS_ALL, fold_match

_TOKEN = re.compile(r"[\w\u0600-\u06ff]+")


def tokens(text: str) -> list[str]:
    """Folded word tokens: the unit for subject windows and for dedup shingles."""
    return _TOKEN.findall(fold_match(text))


#: word characters without the Arabic punctuation of the block (، ؛ ؟ ٪ ٫ ٬ ٭ ۔), which ``tokens`` keeps
_FRAME_WORD = re.compile(r"[\w\u0600-\u060b\u060d-\u061a\u061c-\u061e\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff]+")


def words(text: str) -> list[str]:
    """Folded words of a sentence with the Arabic comma cut off ("للمغادرة،" is the word للمغادرة): the unit
    of the subject frames, whose lemmas and exact words must see the word itself."""
    return _FRAME_WORD.findall(fold_match(text))


def _term(term: str) -> tuple[str, ...]:
    """Fold a YAML term into token stems; a leading article is dropped since clitics are tried anyway."""
    out = []
    for tok in tokens(term):
        out.append(tok[2:] if tok.startswith("ال") and len(tok) > 4 else tok)
    return tuple(out)


@dataclass(frozen=True)
class Group:
    """One concept: prefix terms, stemmer lemma keys and exact words (any of them matches), minus the
    ``unlike`` words: whole words (after clitics) the stemmer puts in a lemma's family wrongly (رحلة, a
    trip, shares رحل's key; سلمية, peaceful, shares سلّم's) or that begin with a term but are another word
    (المالي, financial, is not the country مالي), and a member followed within two words by a
    ``not_before`` word (تسليم السلاح: handing over weapons is disarmament, not handing over a base)."""

    terms: frozenset[tuple[str, ...]] = frozenset()
    lemmas: frozenset[str] = frozenset()
    exact: frozenset[str] = frozenset()
    unlike: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.terms or self.lemmas or self.exact)


def with_construct_forms(terms: list[str]) -> list[str]:
    """The terms plus, for each whose last letter is tā marbūṭa, its form before a possessive pronoun: ة is
    written ت there (مهمة → مهمتها، قاعدة → قاعدتهم، المدينة → مدينتهم). Terms are prefixes, so every
    pronoun (and the dual, قاعدتين) follows."""
    return [*terms, *(t.rstrip()[:-1] + "ت" for t in terms if t.rstrip().endswith("ة"))]


def nisba(name: str) -> str:
    """The nisba adjective of a place's name (folded, one word, without its article), the way Arabic forms it: a
    final ا or يا or ة gives way to ي, and ي is added to the rest (أمريكا → امريكي، تركيا → تركي، عراق → عراقي،
    إيران → ايراني، سعودية → سعودي، إمارات → اماراتي); a name that already ends in ي is its own (مالي)."""
    word = fold_match(name)
    for ending in ("يا", "ا", "ه"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[:-len(ending)]
            break
    return word if word.endswith("ي") else word + "ي"


def people_of(names: list[str]) -> list[str]:
    """The definite nisba adjectives of one-word place names (العراق → العراقي، أمريكا → الامريكي), whose plurals
    name the people (``nisba_plurals``). Folded, ال may be the article or the root's own letters (ألمانيا folds
    to المانيا): both readings are kept, the wrong one is no word and never matches."""
    out: set[str] = set()
    for name in names:
        word = fold_match(name)
        readings = [word, word[2:]] if word.startswith("ال") and len(word) > 4 else [word]
        out.update("ال" + nisba(reading) for reading in readings)
    return sorted(out)


def nisba_plurals(adjectives: list[str]) -> list[str]:
    """The sound masculine plurals of nisba adjectives, the people of a country (الأمريكي → الأمريكيين،
    الأمريكيون): as whole words they name the people, not a person described by the adjective."""
    return [a + suffix for a in adjectives if a.endswith("ي") for suffix in ("ين", "ون")]


def gazetteer_words(classes: list[str]) -> tuple[list[str], list[str]]:
    """(single-word, multi-word) entries of these classes of the shipped NER gazetteer (COUNTRY: every
    country's name). Single words are matched whole: a country's name as a prefix is its adjective too."""
    from pipeline.nlp.entities import load_gazetteer  # the NER data: loaded only by a group that names it

    entries = sorted(e for cls in classes for e in load_gazetteer().get(cls, ()))
    return [e for e in entries if " " not in e], [e for e in entries if " " in e]


def parse_group(raw: Any) -> Group:
    """A YAML group: a list of terms (the original form) or ``{lemmas, terms, exact, unlike, not_before,
    gazetteer, plurals}``: ``gazetteer`` names NER gazetteer classes whose entries join it, ``plurals`` nisba
    adjectives whose plurals join it as whole words, or ``names``: those of the group's one-word names (its
    gazetteer entries and terms: الأمريكيين from أمريكا, الأتراك aside), so the people follow the places."""
    if isinstance(raw, list):
        raw = {"terms": raw}
    raw = raw or {}
    single, multi = gazetteer_words(raw.get("gazetteer", []) or []) if raw.get("gazetteer") else ([], [])
    plurals = raw.get("plurals") or []
    if plurals == "names":  # the people of every place the group names by one word
        names = [*single, *(t for t in raw.get("terms", []) or [] if len(tokens(t)) == 1)]
        plurals = people_of(names)
    terms = frozenset(t for t in (_term(x) for x in with_construct_forms([*(raw.get("terms", []) or []), *multi]))
                      if t)
    exact = frozenset(tok for x in [*(raw.get("exact", []) or []), *single, *nisba_plurals(plurals)]
                      for tok in tokens(x))
    unlike = frozenset(tok for x in raw.get("unlike", []) or [] for tok in tokens(x))
    not_before = frozenset(tok for x in raw.get("not_before", []) or [] for tok in tokens(x))
    return Group(terms=terms, lemmas=lemma_keys(raw.get("lemmas", []) or []), exact=exact, unlike=unlike,
                 not_before=not_before)


#: the group matches of one sentence, as positions by group: ``SentenceMatches.hits`` answers every group of a
#: sentence from one pass (the frame checks ask some fifty); ``partial(group_hits, toks)`` matches each alone
Matches = Callable[["Group"], list[int]]


@dataclass(frozen=True)
class Learned:
    """A group learned per article (``pipeline.nlp.learned_groups``): the words after a ``heads`` word (past a
    ``kinds`` word), never a ``never`` word."""

    heads: Group = field(default_factory=Group)
    kinds: Group = field(default_factory=Group)
    never: frozenset[str] = frozenset()


def parse_learned(raw: dict[str, Any]) -> Learned:
    """A YAML ``learned: {heads, kinds, never}`` mapping (lists of terms; ``never``: whole words)."""
    return Learned(heads=parse_group(raw.get("heads")), kinds=parse_group(raw.get("kinds")),
                   never=frozenset(tok for x in raw.get("never", []) or [] for tok in tokens(x)))


def merge_groups(groups: list[Group]) -> Group:
    """Every word any of the groups matches (a quick "none of them here" check): each group's own sense
    exclusions (``unlike``, ``not_before``) stay with it, so the merged group matches a superset."""
    return Group(terms=frozenset().union(*(g.terms for g in groups)),
                 lemmas=frozenset().union(*(g.lemmas for g in groups)),
                 exact=frozenset().union(*(g.exact for g in groups)))


@lru_cache(maxsize=64)  # one merged group per predicate set: its token table stays warm across articles
def any_of(groups: tuple[Group, ...]) -> Group:
    """A group matching wherever one of ``groups`` does (``merge_groups``: a superset, so one failed match says a
    sentence has none of them)."""
    return merge_groups(list(groups))


def hits_by_sentence(sentences: list[list[str]], groups: tuple[Group, ...]) -> list[list[int]]:
    """Each sentence's positions where one of ``groups`` matches, in order ([] for most sentences: one failed match
    of their merged group says so). What the article memories (carried pronouns, state agents, control verbs) ask
    first: where the article's predicates are."""
    some = any_of(groups)
    return [sorted({h for g in groups for h in group_hits(toks, g)}) if group_hits(toks, some) else []
            for toks in sentences]


#: the proclitics (``PROCLITICS_ALL``, in its order, "" last) a word starting with each letter can begin with
_PROCLITICS_BY_FIRST = {p[0]: tuple(q for q in PROCLITICS_ALL if q[:1] in (p[0], "")) for p in PROCLITICS_ALL if p}


@lru_cache(maxsize=65536)
def clitic_forms(tok: str) -> tuple[str, ...]:
    """The token with each clitic prefix it starts with removed (including none); cached, words repeat. Only
    the proclitics of its first letter are tried (most words start with none: the word itself)."""
    return tuple(tok[len(p) :] for p in _PROCLITICS_BY_FIRST.get(tok[:1], ("",))
                 if tok.startswith(p) and len(tok) > len(p))


@lru_cache(maxsize=65_536)
def _prefixes(tok: str) -> frozenset[str]:
    """Every prefix (the empty one too) of every clitic form of the token: one set test then tells whether any
    term of a group can start with it (rarely, for a new word), without probing each group's index."""
    return frozenset(form[:n] for form in clitic_forms(tok) for n in range(len(form) + 1))


@lru_cache(maxsize=256)
def _first_stems(terms: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The first stems of the terms (what ``_first_hits_uncached`` probes the token's prefixes for)."""
    return frozenset(_term_index(terms)[0])


@lru_cache(maxsize=65_536)
def _tok_matches(tok: str, stem: str) -> bool:
    return any(c.startswith(stem) for c in clitic_forms(tok))


@lru_cache(maxsize=256)
def _term_index(terms: frozenset[tuple[str, ...]]) -> tuple[dict[str, list[tuple[str, ...]]], tuple[int, ...]]:
    """Terms indexed by first stem, and the stem lengths to probe (built once per term group)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for term in terms:
        by_first.setdefault(term[0], []).append(term)
    return by_first, tuple(sorted({len(k) for k in by_first}))


@dataclass(frozen=True, slots=True, eq=False)
class _Firsts:
    """The terms a token can start, split for the check of what follows: a one-word term it begins with
    matches at once; a term of more words needs the token to be its first word (after clitics) and, for two
    words, the next token to begin with the second (one set look-up per prefix length, not one test per
    term: "من" starts some thirty terms); longer terms are tried in turn."""

    single: bool = False
    seconds: frozenset[str] = frozenset()
    second_lengths: tuple[int, ...] = ()  # ascending
    longer: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return self.single or bool(self.seconds) or bool(self.longer)


_NO_FIRSTS = _Firsts()

# Per term group: token -> terms whose first stem it matches. A plain dict per group (one str lookup per
# token) rather than an lru_cache keyed by (token, group); cleared when it grows past the bound.
_FIRST_HITS: dict[frozenset[tuple[str, ...]], dict[str, _Firsts]] = {}
_FIRST_HITS_MAX = 262144


def _first_hits(tok: str, terms: frozenset[tuple[str, ...]]) -> _Firsts:
    """The terms of ``terms`` the token can start (cached: one lookup per token later)."""
    cache = _FIRST_HITS.setdefault(terms, {})
    hit = cache.get(tok)
    if hit is None:
        if len(cache) >= _FIRST_HITS_MAX:
            cache.clear()
        hit = cache[tok] = _first_hits_uncached(tok, terms)
    return hit


def _first_hits_uncached(tok: str, terms: frozenset[tuple[str, ...]]) -> _Firsts:
    by_first, lengths = _term_index(terms)
    forms = clitic_forms(tok)
    out: list[tuple[str, ...]] = []
    for cand in forms:
        for n in lengths:
            if len(cand) < n:
                break
            out.extend(by_first.get(cand[:n], ()))
    whole = [term for term in out if len(term) > 1 and term[0] in forms]  # a phrase's first word takes no suffix
    if not whole and not any(len(term) == 1 for term in out):
        return _NO_FIRSTS
    seconds = frozenset(term[1] for term in whole if len(term) == 2)
    return _Firsts(single=any(len(term) == 1 for term in out), seconds=seconds,
                   second_lengths=tuple(sorted({len(stem) for stem in seconds})),
                   longer=tuple(term for term in whole if len(term) > 2))


def _starts_term(toks: list[str], i: int, terms: frozenset[tuple[str, ...]]) -> bool:
    """A term starts at ``i``: its last word is a prefix (a suffix may follow), the words before it are whole
    (after clitics): a word that opens a phrase takes no suffix, so "خارج البلاد" is not "خارجية البلاد"."""
    firsts = _first_hits(toks[i], terms)  # a first word taken whole already, unless the term is one word
    if firsts.single:
        return True
    if firsts.seconds and i + 1 < len(toks):
        for cand in clitic_forms(toks[i + 1]):
            for n in firsts.second_lengths:
                if len(cand) < n:
                    break
                if cand[:n] in firsts.seconds:
                    return True
    for term in firsts.longer:
        last = len(term) - 1
        if i + len(term) > len(toks):
            continue
        for j in range(1, len(term)):
            if not (_tok_matches(toks[i + j], term[j]) if j == last else term[j] in clitic_forms(toks[i + j])):
                break
        else:
            return True
    return False


def term_hits(toks: list[str], terms: frozenset[tuple[str, ...]]) -> list[int]:
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


# Per group: the tokens judged so far, the ones that can start a match (most sentences share none with a
# group: one C-level set pass answers them) and how each of those can. Whether a sentence is all judged is one
# set pass too (a table of every token's kind took a method call per token). Replaced by empty ones past the
# bound, never cleared in place: a thread still reading the old ones sees them whole. Keyed by id (hashing a
# group per sentence costs more than the match); the entry holds the group itself, so its id is never reused
# while the cache lives. At most ``_TABLES_MAX`` groups: each article's learned groups are new objects, so a
# long-running worker would otherwise keep a table for every article it has read (all dropped past the bound;
# the shipped groups' tables are rebuilt on their next sentence). The entry also holds the group's keys
# (``_group_keys``): a new word none of whose ``_word_keys`` is among them is no match, without judging it.
_TABLES_MAX = 1024
_NO, _WORD, _TERM = 0, 1, 2  # no match; a match (a lemma's family, an exact or one-word term); a term may start
_TOKEN_KINDS: dict[int, tuple[Group, set[str], set[str], dict[str, int], frozenset[str]]] = {}


@lru_cache(maxsize=65_536)
def _word_keys(tok: str) -> frozenset[str]:
    """Everything by which a group can match the token, found once per word for every group: each prefix of each
    clitic form (the forms themselves, for exact words; the rest, for a term's first stem) and, over two letters,
    its lemma keys. ``_kind`` is _NO for a group none of whose ``_group_keys`` is among them."""
    return _prefixes(tok) | word_keys(tok) if len(tok) > 2 else _prefixes(tok)


def _group_keys(group: Group) -> frozenset[str]:
    """The group's exact words, lemma keys and terms' first stems: what ``_kind`` looks for in a token."""
    return group.exact | group.lemmas | (_first_stems(group.terms) if group.terms else frozenset())


def _kind(tok: str, group: Group) -> int:
    if group.unlike and not group.unlike.isdisjoint(clitic_forms(tok)):
        return _NO  # a false friend of a lemma's family or of a term's prefix (المالي, financial, is no مالي)
    if ((group.exact and not group.exact.isdisjoint(clitic_forms(tok)))
            or (group.lemmas and len(tok) > 2 and not group.lemmas.isdisjoint(word_keys(tok))
)):
        return _WORD
    if not group.terms or _first_stems(group.terms).isdisjoint(_prefixes(tok)):
        return _NO  # no term's first stem begins a clitic form of the token: _first_hits would find none
    firsts = _first_hits(tok, group.terms)
    if firsts.single:
        return _WORD  # a one-word term needs no next token
    return _TERM if firsts else _NO


def _table(toks: list[str], group: Group) -> tuple[dict[str, int], set[str]]:
    """The group's kinds of the tokens that can start a match, and those tokens, every token of ``toks`` judged."""
    entry = _TOKEN_KINDS.get(id(group))
    if entry is None or entry[0] is not group:
        if len(_TOKEN_KINDS) >= _TABLES_MAX:
            _TOKEN_KINDS.clear()
        entry = _TOKEN_KINDS[id(group)] = (group, set(), set(), {}, _group_keys(group))
    _, known, starts, kinds, keys = entry
    if not known.issuperset(toks):
        if len(known) + len(toks) > _FIRST_HITS_MAX:
            _, known, starts, kinds, keys = _TOKEN_KINDS[id(group)] = (group, set(), set(), {}, keys)
        new = [tok for tok in toks if tok not in known]
        for tok in new:  # judged only if one of the group's keys is among the word's (a few new words)
            if not keys.isdisjoint(_word_keys(tok)) and (kind := _kind(tok, group)):
                kinds[tok] = kind  # kind, then start, then known: a token known to the table is never missing
                starts.add(tok)
        known.update(new)
    return kinds, starts


@lru_cache(maxsize=256)
def _spelled(exact: frozenset[str]) -> frozenset[str]:
    """Every token whose clitic forms (``clitic_forms``) include one of the ``exact`` words: each word after each
    proclitic ("قد" → وقد، فقد ...). A token is one of them exactly when the word test of ``_kind`` holds."""
    return frozenset(p + word for word in exact if word for p in PROCLITICS_ALL)


def group_hits(toks: list[str], group: Group) -> list[int]:
    """Positions where the group matches: a term starts, a word of a lemma's family, or an exact word."""
    if not group:
        return []
    if not (group.terms or group.lemmas or group.unlike):  # exact words only (clause openers, learned names):
        spelled = _spelled(group.exact)  # one set of their spellings, no token table (a new word costs no judging)
        if spelled.isdisjoint(toks):
            return []
        found = [i for i, tok in enumerate(toks) if tok in spelled]
    else:
        kinds, starts = _table(toks, group)
        if starts.isdisjoint(toks):
            return []  # most sentences, for most groups
        found = [i for i, tok in enumerate(toks)
                 if tok in starts and (kinds[tok] == _WORD or _starts_term(toks, i, group.terms))]
    if group.not_before and found:  # the object comes next, or after the verb's subject (تسليم الفصائل السلاح)
        found = [i for i in found
                 if all(group.not_before.isdisjoint(clitic_forms(tok)) for tok in toks[i + 1:i + 3])]
    return found


# --- every group of a sentence at once ------------------------------------------------------------------
# A sentence that meets a subject's predicate is asked for some fifty groups (every frame's, the scorer's
# features, the sense checks): one ``group_hits`` each was two set passes over its tokens and a table per group.
# ``SentenceMatches`` answers them from one pass instead: each token's groups (those it can start a match of)
# come from one dict, most tokens belonging to none (one set test each against the union of every group's
# words, lemma keys and first stems). The groups are those asked for before; a group asked for the first time is
# matched on its own and joins them. The registry is replaced whole (a thread reading the old one sees it whole);
# each token's entry is complete when stored; the token table is bounded like the group tables.
_REGISTRY_MAX = 1024


@dataclass(frozen=True, slots=True, eq=False)
class _Registry:
    groups: tuple[Group, ...] = ()
    index: dict[int, int] = field(default_factory=dict)  # id(group) -> its position in ``groups``
    exact: frozenset[str] = frozenset()  # every group's exact words, lemma keys, first stems of terms
    lemmas: frozenset[str] = frozenset()
    firsts: frozenset[str] = frozenset()
    table: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # token -> ((group, kind), ...)
    # exact word / lemma key / first stem of a term -> positions of the groups that have it: a token is judged
    # only against the groups it can start (``_kind`` is _NO for every other group)
    by_exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_lemma: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # id(group) -> no match, for every group: a sentence starts from it and drops the few groups its tokens can start
    unmatched: dict[int, list[int]] = field(default_factory=dict)


class _NoMatches(list):
    """The one answer "no match" that every sentence shares: a list (callers test, iterate and compare it) that
    refuses to change, so no caller can alter another sentence's answer."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a shared empty match list is read-only")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


_NO_MATCHES = _NoMatches()
_REGISTRY = _Registry()


def _register(group: Group) -> None:
    global _REGISTRY
    old = _REGISTRY
    if id(group) in old.index and old.groups[old.index[id(group)]] is group:
        return
    kept = len(old.groups) < _REGISTRY_MAX
    groups = (*old.groups, group) if kept else (group,)
    at = len(groups) - 1
    firsts = _first_stems(group.terms) if group.terms else frozenset()
    _REGISTRY = _Registry(groups=groups, index={id(g): i for i, g in enumerate(groups)},
                          exact=frozenset().union(*(g.exact for g in groups)),
                          lemmas=frozenset().union(*(g.lemmas for g in groups)),
                          firsts=frozenset().union(*(_first_stems(g.terms) for g in groups if g.terms)),
                          by_exact=_with_position(old.by_exact if kept else {}, group.exact, at),
                          by_lemma=_with_position(old.by_lemma if kept else {}, group.lemmas, at),
                          by_first=_with_position(old.by_first if kept else {}, firsts, at),
                          unmatched=dict.fromkeys(map(id, groups), _NO_MATCHES))


def _with_position(index: dict[str, tuple[int, ...]], keys: frozenset[str], at: int) -> dict[str, tuple[int, ...]]:
    """A copy of ``index`` where each of ``keys`` also names the group at position ``at``."""
    out = dict(index)
    for key in keys:
        out[key] = (*out.get(key, ()), at)
    return out


def _token_groups(tok: str, reg: _Registry) -> tuple[tuple[int, int], ...]:
    """(group position, kind) of each registered group the token can start a match of (``_kind``)."""
    forms = clitic_forms(tok)
    if reg.exact.isdisjoint(forms) and (len(tok) <= 2 or reg.lemmas.isdisjoint(word_keys(tok))) \
            and reg.firsts.isdisjoint(_prefixes(tok)):
        out: tuple[tuple[int, int], ...] = ()  # no group has a word, a lemma or a term for it: most tokens
    else:  # only the groups with one of its clitic forms, lemma keys or prefixes, in registry order
        positions = {i for form in forms for i in reg.by_exact.get(form, ())}
        if len(tok) > 2:
            positions.update(i for key in word_keys(tok) for i in reg.by_lemma.get(key, ()))
        positions.update(i for first in reg.firsts.intersection(_prefixes(tok)) for i in reg.by_first[first])
        out = tuple((i, kind) for i in sorted(positions) if (g := reg.groups[i]) and (kind := _kind(tok, g)))
    if len(reg.table) >= _FIRST_HITS_MAX:
        reg.table.clear()  # only this registry's cache; its entries are recomputed on demand
    reg.table[tok] = out
    return out


class SentenceMatches(dict):
    """The group matches of one sentence (folded ``words``), by ``id(group)``: ``hits(group)`` equals
    ``group_hits(toks, group)``, found for every registered group in one pass over the tokens."""

    __slots__ = ("toks", "_registry", "_starts")

    def __init__(self, toks: list[str]) -> None:
        super().__init__()
        self.toks = toks
        self._registry: _Registry | None = None
        self._starts: dict[int, list[int]] = {}  # group position -> positions of tokens that can start a match

    def _index(self) -> _Registry:
        reg = _REGISTRY
        table = reg.table
        starts: dict[int, list[int]] = {}
        for i, tok in enumerate(self.toks):
            found = table.get(tok)
            if found is None:
                found = _token_groups(tok, reg)
            for g, kind in found:
                starts.setdefault(g, []).append(i if kind == _WORD else ~i)  # ~i: a term must be checked
        self._registry, self._starts = reg, starts
        self.update(reg.unmatched)  # every group no token can start (most) is answered without a look at it
        groups = reg.groups
        for g in starts:
            del self[id(groups[g])]
        return reg

    def hits(self, group: Group) -> list[int]:
        found = self.get(id(group))
        if found is not None:
            return found
        reg = self._registry or self._index()
        pos = reg.index.get(id(group))
        if pos is None or reg.groups[pos] is not group:
            _register(group)  # matched on its own this time; indexed from the next sentence on
            found = group_hits(self.toks, group)
        elif (starts := self._starts.get(pos)) is None:
            found = []  # no token of the sentence can start a match: most groups
        else:
            toks = self.toks
            found = [i if i >= 0 else ~i for i in starts if i >= 0 or _starts_term(toks, ~i, group.terms)]
            if group.not_before and found:
                found = [i for i in found
                         if all(group.not_before.isdisjoint(clitic_forms(tok)) for tok in toks[i + 1:i + 3])]
        self[id(group)] = found
        return found

    def named(self, groups: dict[str, Group]) -> dict[str, list[int]]:
        """``hits`` of each group by its name, in the groups' order (the scorer's features ask every group of a
        subject: one call for all, most of them answered by a look-up)."""
        known, hits = self.get, self.hits
        return {name: found if (found := known(id(group))) is not None else hits(group)
                for name, group in groups.items()}
