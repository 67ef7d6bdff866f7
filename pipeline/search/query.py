"""Article search: one query builder shared by the CLI, notebooks and alert rules.

The user's text is passed to the engine as a JSON value inside ``query_string`` (never spliced into
JSON), so Lucene syntax works (``OR``, ``AND``, ``+word``, ``-word``, ``"exact phrase"``) and a malformed
query comes back as a clear :class:`QuerySyntaxError` (the common mistakes are caught before the engine
is asked). Quoted phrases go to the ``.exact`` sub-fields (normalised, not stemmed) through
``quote_field_suffix`` and never to the ``.clitic`` ones (their quote analyzer yields no token), so a
phrase stays exact. Bare words use the stemmed, variant-aware fields and, at a lower boost, the
``.clitic`` sub-fields, where "صواريخ" meets "بصواريخ".

Search is ranked OR (``ranked_or``): a document needs one of the words; documents holding every word
come first, then those holding most of them, so a query never comes back empty because no article has
all of its words in the analysed form. Alert rules keep AND (``percolator.rule_to_query``): a rule fires
on articles holding all of its words, unless the rule itself says ``OR``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from pipeline.errors import QuerySyntaxError
from pipeline.search import engine
from pipeline.settings import Settings

#: where bare words are looked for: the analysed fields, then the ``.clitic`` sub-fields, where a word is
#: also found with a clitic glued on ("بصواريخ" for "صواريخ"), at a lower boost and a lower tier
WORD_FIELDS = ["title^3", "lead^2", "text"]
TEXT_FIELDS = [*WORD_FIELDS, "title.clitic^1.5", "text.clitic^0.5"]
QUOTE_FIELDS = ["statements.quote"]
#: Ranked OR, tier by tier: a document scores in the best tier it reaches (every word, as written, in
#: one of ``WORD_FIELDS``: the former AND search, with its score; every word, clitics split off included;
#: most words, ``MOST_WORDS``; any word), each tier's bonus exceeding any text score seen (a few tens) so
#: BM25 only orders a tier. Multiplying the word scores instead let a word repeated in a title outrank an
#: article holding all the words in 65 of 120 sampled queries on the ANT corpus.
MOST_WORDS = "75%"
ALL_IN_ONE_FIELD_BONUS, ALL_WORDS_BONUS, MOST_WORDS_BONUS = 1500.0, 1000.0, 500.0
MAX_SIZE = 1000


_HINT = "Check quotes, brackets and AND/OR/NOT; put a phrase in double quotes or escape special characters " \
    "with a backslash."
_BINARY = frozenset({"AND", "OR", "&&", "||"})
_OPEN = {"(": ")", "[": "]]}", "{": "]}"}  # Lucene ranges may mix brackets: [a TO b}


def syntax_error(q: str, reason: str) -> QuerySyntaxError:
    """The one message format for a malformed query, whoever found the problem (us or the engine)."""
    return QuerySyntaxError(f"cannot parse the query {q!r}: {reason}. {_HINT}")


def check_query_syntax(q: str) -> None:
    """Raise :class:`QuerySyntaxError` for the mistakes people make most (unclosed quote, bracket or
    parenthesis, a dangling backslash, a query starting or ending with an operator) before anything is
    sent, with a message naming the problem; subtler errors are still reported by the engine."""
    stack: list[tuple[str, int]] = []
    in_quote = -1
    words: list[str] = []
    word = ""
    i = 0
    while i < len(q):
        c = q[i]
        if c == "\\":
            if i + 1 == len(q):
                raise syntax_error(q, "it ends with a lone backslash")
            word += q[i:i + 2]
            i += 2
            continue
        if in_quote >= 0:
            if c == '"':
                in_quote, word = -1, word + "PHRASE"
        elif c == '"':
            in_quote = i
        elif c in _OPEN:
            if c == "(" and q[i + 1:].lstrip().startswith(")"):
                raise syntax_error(q, f"empty parentheses at position {i + 1}")
            stack.append((c, i))
            words, word = ([*words, word] if word else words), ""
        elif c in ")]}":
            if not stack or c not in _OPEN[stack[-1][0]]:
                raise syntax_error(q, f"{c!r} at position {i + 1} closes nothing")
            stack.pop()
            words, word = ([*words, word] if word else words), ""
        elif c.isspace():
            words, word = ([*words, word] if word else words), ""
        else:
            word += c
        i += 1
    if in_quote >= 0:
        raise syntax_error(q, f"the double quote at position {in_quote + 1} is never closed")
    if stack:
        c, pos = stack[-1]
        raise syntax_error(q, f"the {c!r} at position {pos + 1} is never closed")
    words = [*words, word] if word else words
    if words and words[0] in _BINARY:
        raise syntax_error(q, f"it starts with the operator {words[0]}")
    if words and (words[-1] in _BINARY or words[-1] in ("NOT", "!")):
        raise syntax_error(q, f"it ends with the operator {words[-1]}")
    check_query_cost(q)


#: bounds on what a query may ask of the engine (``raqib search`` and alert rules): a regex ran ~25 times
#: slower than a plain query on 200 documents, and 3,000 nested parentheses overflowed the engine's stack
MAX_QUERY_CHARS = 12_000
MAX_DEPTH = 16
MIN_WILDCARD_PREFIX = 3
MAX_EXPENSIVE_TERMS = 5  # wildcard and fuzzy terms in one query


def _refuse(q: str, reason: str) -> QuerySyntaxError:
    shown = q if len(q) <= 80 else q[:80] + "…"
    return QuerySyntaxError(f"refused the query {shown!r}: {reason}")


def _scan_terms(q: str) -> tuple[list[str], int]:
    """Bare terms outside quotes (escapes kept) and the deepest parenthesis nesting; raises on a regex."""
    terms: list[str] = []
    term, depth, deepest, in_quote, i = "", 0, 0, False, 0
    while i < len(q):
        c = q[i]
        if c == "\\":
            term, i = term + q[i:i + 2], i + 2
            continue
        if in_quote:
            in_quote = c != '"'
        elif c == '"':
            in_quote = True
        elif c == "/":
            raise _refuse(q, f"regular expressions (/…/, position {i + 1}) are not allowed; put text with a "
                             "slash in double quotes or escape it as \\/")
        elif c in "()[]{}" or c.isspace():
            depth += (c == "(") - (c == ")")
            deepest = max(deepest, depth)
            terms, term = ([*terms, term] if term else terms), ""
        else:
            term += c
        i += 1
    return ([*terms, term] if term else terms), deepest


def _wildcard_value(term: str) -> str:
    """The value part of ``field:value`` (escaped colons stay in the value), without a leading +, - or !."""
    i, cut = 0, 0
    while i < len(term):
        if term[i] == "\\":
            i += 2
            continue
        if term[i] == ":":
            cut = i + 1
        i += 1
    return term[cut:].lstrip("+-!")


def _first_wildcard(value: str) -> int:
    i = 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] in "*?":
            return i
        i += 1
    return -1


def check_query_cost(q: str) -> None:
    """Refuse what makes the engine work hard for one query: regular expressions, wildcards with fewer than
    ``MIN_WILDCARD_PREFIX`` characters before them, more than ``MAX_EXPENSIVE_TERMS`` wildcard or fuzzy
    terms, nesting deeper than ``MAX_DEPTH``, text longer than ``MAX_QUERY_CHARS``. Fuzzy terms are also
    bounded in the clause (``fuzzy_max_expansions``)."""
    if len(q) > MAX_QUERY_CHARS:
        raise _refuse(q, f"it is {len(q)} characters long (at most {MAX_QUERY_CHARS})")
    terms, deepest = _scan_terms(q)
    if deepest > MAX_DEPTH:
        raise _refuse(q, f"parentheses nest {deepest} deep (at most {MAX_DEPTH})")
    expensive = 0
    for term in terms:
        value = _wildcard_value(term)
        star = _first_wildcard(value)
        if star >= 0 and value != "*":
            if star < MIN_WILDCARD_PREFIX:
                raise _refuse(q, f"the wildcard in {term!r} needs at least {MIN_WILDCARD_PREFIX} characters "
                                 "before it")
            expensive += 1
        elif "~" in value.lstrip("~"):
            expensive += 1
    if expensive > MAX_EXPENSIVE_TERMS:
        raise _refuse(q, f"{expensive} wildcard or fuzzy terms (at most {MAX_EXPENSIVE_TERMS})")


@dataclass
class Hit:
    id: str
    url: str
    title: str
    outlet: str
    published_at: str | None
    score: float | None
    highlights: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _date(value: str | date | datetime | None) -> str | None:
    """An ISO date or timestamp; anything else is refused here (the engine would answer with a "failed
    to parse" that reads like a query error, or apply date math such as ``now-1d||/y``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).isoformat() if "T" in text or " " in text else \
            date.fromisoformat(text).isoformat()
    except ValueError:
        raise QuerySyntaxError(f"invalid date {text!r}: use YYYY-MM-DD or an ISO 8601 timestamp") from None


def query_string_clause(q: str, fields: list[str], operator: str = "and", minimum_should_match: str | None = None,
                        per_word: bool = True) -> dict[str, Any]:
    """The user's text as a ``query_string`` over ``fields``; ``operator`` joins words the user did not join
    (with ``or``, ``minimum_should_match`` says how many of them a document needs).

    ``per_word`` (``cross_fields``): a word counts wherever it is (title, lead, text or a ``.clitic``
    sub-field), so AND and ``minimum_should_match`` count words, not words within one field. Without it
    (``best_fields``), the score is that of the best field, which ranks better than the blended one (a
    headline holding the words stays ahead): the scoring clause of a search uses that.
    """
    clause: dict[str, Any] = {
        "query": q,
        "fields": fields,
        "type": "cross_fields" if per_word else "best_fields",
        "default_operator": operator,
        "quote_field_suffix": ".exact",
        "allow_leading_wildcard": False,
        "analyze_wildcard": False,
        "fuzzy_max_expansions": 20,
        "fuzzy_prefix_length": 1,
        "max_determinized_states": 1000,
        "lenient": True,
    }
    if minimum_should_match:
        clause["minimum_should_match"] = minimum_should_match
    return {"query_string": clause}


def _all_words_tier(q: str, word_fields: list[str]) -> dict[str, Any]:
    """The first tier: the former AND search (every word in one of ``word_fields``), with its own score."""
    return {"function_score": {"query": query_string_clause(q, word_fields, "and", per_word=False),
                               "functions": [{"weight": ALL_IN_ONE_FIELD_BONUS}], "boost_mode": "sum"}}


def ranked_or(q: str, fields: list[str], word_fields: list[str]) -> dict[str, Any]:
    """Any word of ``q`` matches; the score is that of the best tier the document reaches (``dis_max``).

    The first tier keeps the former AND search's own score, so a word met only with a clitic cut off
    ("فنية" read as ف + "نية") never ranks with the word itself; the others add constant bonuses to one
    OR score (evaluated once: it is the costly clause).
    """
    def bonus(clause: dict[str, Any], value: float) -> dict[str, Any]:
        return {"constant_score": {"filter": clause, "boost": value}}

    return {"dis_max": {"queries": [
        _all_words_tier(q, word_fields),
        {"bool": {"must": [query_string_clause(q, fields, "or", per_word=False)], "should": [
            bonus(query_string_clause(q, fields, "and"), ALL_WORDS_BONUS - MOST_WORDS_BONUS),
            bonus(query_string_clause(q, fields, "or", minimum_should_match=MOST_WORDS), MOST_WORDS_BONUS),
        ]}},
    ]}}


def _filters(from_: str | date | datetime | None, to: str | date | datetime | None, outlet: str | None,
             entity: str | None, topic: str | None, subject: str | None) -> list[dict[str, Any]]:
    """The exact-term filters of a search; ``entity`` matches a canonical name, a written form or a speaker."""
    filters: list[dict[str, Any]] = []
    rng = {k: v for k, v in (("gte", _date(from_)), ("lte", _date(to))) if v}
    if rng:
        filters.append({"range": {"published_at": rng}})
    if outlet:
        filters.append({"term": {"outlet": outlet}})
    if topic:
        filters.append({"term": {"topics.id": topic}})
    if subject:
        filters.append({"term": {"subjects": subject}})
    if entity:
        filters.append({
            "bool": {
                "should": [
                    {"term": {"entities.canonical": entity}},
                    {"term": {"entities.text": entity}},
                    {"nested": {"path": "statements", "query": {"term": {"statements.speaker.canonical": entity}}}},
                ],
                "minimum_should_match": 1,
            }
        })
    return filters


def build_query(
    q: str | None,
    from_: str | date | datetime | None = None,
    to: str | date | datetime | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    topic: str | None = None,
    subject: str | None = None,
    size: int = 10,
    all_words_only: bool = False,
) -> dict[str, Any]:
    """The ``_search`` body for a text query plus optional filters (all filters are exact terms).

    Ranked OR over the title, lead, text and quoted statements: articles holding every word first, then
    those holding fewer, newer first among equals. ``all_words_only`` keeps the first tier alone (same
    scores): ``search_articles`` asks it first, as it is much cheaper and fills most pages by itself.
    ``entity`` matches an entity's canonical name or its written form.
    """
    filters = _filters(from_, to, outlet, entity, topic, subject)
    text = (q or "").strip()
    if text:
        check_query_syntax(text)
        must: dict[str, Any] = {
            "bool": {
                "should": [
                    _all_words_tier(text, WORD_FIELDS) if all_words_only else ranked_or(text, TEXT_FIELDS, WORD_FIELDS),
                    {
                        "nested": {
                            "path": "statements",
                            "score_mode": "max",
                            "query": query_string_clause(text, QUOTE_FIELDS, "and", per_word=False),
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        }
    else:
        must = {"match_all": {}}
    body: dict[str, Any] = {
        "size": max(0, min(int(size), MAX_SIZE)),
        "query": {"bool": {"must": [must], "filter": filters}},
        "sort": ["_score", {"published_at": {"order": "desc", "missing": "_last", "unmapped_type": "date"}}],
        "_source": ["id", "url", "title", "outlet", "published_at"],
        "track_total_hits": True,
    }
    if text:
        body["highlight"] = {
            "pre_tags": ["<em>"],
            "post_tags": ["</em>"],
            "encoder": "html",  # article text is escaped around the tags: fragments are safe to render
            "fields": {
                "title": {"number_of_fragments": 0},
                "title.exact": {"number_of_fragments": 0},
                "title.clitic": {"number_of_fragments": 0},
                "text": {"fragment_size": 160, "number_of_fragments": 3},
                "text.exact": {"fragment_size": 160, "number_of_fragments": 3},
                "text.clitic": {"fragment_size": 160, "number_of_fragments": 3},
            },
        }
    return body


def _highlights(hl: dict[str, list[str]]) -> list[str]:
    """Text fragments first (stemmed, exact and clitic merged, duplicates dropped), then the title."""
    out: list[str] = []
    for name in ("text", "text.exact", "text.clitic", "title", "title.exact", "title.clitic"):
        for frag in hl.get(name, []):
            if frag not in out:
                out.append(frag)
    return out


def hits_from_response(resp: dict[str, Any]) -> list[Hit]:
    hits = []
    for h in resp.get("hits", {}).get("hits", []):
        src = h.get("_source", {})
        hits.append(Hit(
            id=h.get("_id", src.get("id", "")),
            url=src.get("url", ""),
            title=src.get("title", ""),
            outlet=src.get("outlet", ""),
            published_at=src.get("published_at"),
            score=h.get("_score"),
            highlights=_highlights(h.get("highlight", {})),
        ))
    return hits


def search_articles(client: engine.Client, settings: Settings, q: str | None, **filters: Any) -> list[Hit]:
    """Search the articles alias: ``search_articles(client, settings, "انسحاب", outlet="x", size=5)``.

    Raises :class:`QuerySyntaxError` for malformed query text and :class:`engine.SearchError`
    (or :class:`engine.SearchConnectionError`) for engine problems.
    """
    body = build_query(q, all_words_only=True, **filters)
    hits = _search(client, settings, q, body)
    if (q or "").strip() and len(hits) < body["size"]:  # the first tier did not fill the page: all tiers
        hits = _search(client, settings, q, build_query(q, **filters))
    return hits


def _search(client: engine.Client, settings: Settings, q: str | None, body: dict[str, Any]) -> list[Hit]:
    try:
        resp = engine.search(client, settings.articles_alias, body)
    except engine.BadRequest as exc:
        reason = str(exc)
        if "parse" in reason.lower() or "query_string" in reason.lower() or "lexical" in reason.lower():
            raise syntax_error(q or "", reason) from exc
        raise
    return hits_from_response(resp)


# --- alerts index ---------------------------------------------------------------------------------

def alerts_query(since: str | None, size: int) -> dict[str, Any]:
    """Newest-first alerts body; ``since`` bounds ``last_seen`` (inclusive)."""
    query: dict[str, Any] = {"range": {"last_seen": {"gte": since}}} if since else {"match_all": {}}
    return {"size": size, "query": query, "sort": [{"last_seen": {"order": "desc"}}, {"id": {"order": "asc"}}]}


def follow_query(after: str, size: int = 1000) -> dict[str, Any]:
    """Alerts written (new or updated) after ``after``, oldest write first: ``indexed_at`` changes on updates."""
    return {"size": size, "query": {"range": {"indexed_at": {"gt": after}}},
            "sort": [{"indexed_at": {"order": "asc"}}, {"id": {"order": "asc"}}]}
