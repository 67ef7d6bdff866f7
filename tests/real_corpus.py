"""Real Arabic articles for search measurements: the ANT corpus v2 sample, queries drawn from it.

One place for the relevance tests (``tests/integration/test_relevance.py``) and the benchmark
(``bench/search_quality.py``). The corpus lives in ``../shared/data/topics`` (research use with citation:
Chouigui et al., AJSE 2021); it is read from there, never copied into the repository.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from pipeline.models import ArticleEnriched
from pipeline.search import engine, templates
from pipeline.search.query import TEXT_FIELDS, query_string_clause
from pipeline.settings import Settings
from pipeline.text.normalise import normalize_arabic

ANT = Path(__file__).resolve().parents[2] / "shared" / "data" / "topics" / "ant_v2_sample_train.jsonl"
_LETTERS = re.compile(r"[\u0621-\u064a]+")
_LONG_WORDS = re.compile(r"[\u0621-\u064a]{6,}")  # long enough to be no stop word


def load_ant(path: Path = ANT) -> list[ArticleEnriched]:
    """The 3,986 articles (AlArabiya, BBC, CNN, France24, Sky News Arabia, 2018) as indexable articles."""
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(ArticleEnriched(id=d["id"], url=d["url"], outlet=d["source"], source=d["source"],
                                        title=d["title"], text=d["text"],
                                        published_at=datetime(2018, 10, 1, tzinfo=UTC)))
    return articles


def index_articles(client: engine.Client, settings: Settings, articles: list[ArticleEnriched]) -> None:
    """Templates, then every article, under ``settings.index_prefix``."""
    templates.setup(client, settings)
    for i in range(0, len(articles), 500):
        result = engine.bulk(client, [{"_index": templates.index_for(a, settings), "_id": a.id,
                                       "_source": templates.to_document(a)} for a in articles[i:i + 500]],
                             refresh=True)
        assert result.errors == [], result.errors[:3]


def drop_index(client: engine.Client, settings: Settings) -> None:
    engine.delete_indices(client, f"{settings.index_prefix}-articles-*")
    engine.delete_indices(client, templates.alerts_index(settings))
    for kind in ("articles", "alerts"):
        engine.delete_index_template(client, templates.template_name(settings, kind))


def long_words(text: str) -> list[str]:
    return _LONG_WORDS.findall(normalize_arabic(text))


def sample_queries(articles: list[ArticleEnriched], n: int, seed: int = 16) -> list[list[str]]:
    """``n`` queries of 2-4 words drawn from two random articles, so that often no article holds all."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        a, b = rng.sample(articles, 2)
        size = rng.choice([2, 3, 4])
        k = rng.randint(1, size)
        wa, wb = long_words(a.text), long_words(b.text)
        if len(wa) >= k and len(wb) >= size - k:
            out.append(rng.sample(wa, k) + rng.sample(wb, size - k))
    return out


def clitic_pairs(articles: list[ArticleEnriched], n: int, seed: int = 16) -> list[tuple[str, str]]:
    """(article id, word) for articles that write a word only with ب ل ك ف glued on ("لصناعة"), the bare
    word being written in at least three articles of the corpus."""
    words = {a.id: set(_LETTERS.findall(normalize_arabic(f"{a.title} {a.text}"))) for a in articles}
    df = Counter(w for ws in words.values() for w in ws)
    rng = random.Random(seed)
    pairs = []
    for aid in rng.sample(sorted(words), len(words)):
        ws = words[aid]
        cut = sorted(w for w in ws if w[0] in "بلكف" and not w.startswith(("ال", "لل")) and len(w) >= 6
                     and df[w[1:]] >= 3 and not {w[1:], "ال" + w[1:], "و" + w[1:]} & ws)
        if cut:
            pairs.append((aid, rng.choice(cut)))
        if len(pairs) == n:
            break
    return pairs


def held(client: engine.Client, settings: Settings, ids: list[str], word: str) -> set[str]:
    """Which of ``ids`` hold ``word`` in any searched field (clitic sub-fields included), as the engine says."""
    body = {"size": len(ids), "_source": False, "query": {"bool": {
        "filter": [{"ids": {"values": ids}}], "must": [query_string_clause(word, TEXT_FIELDS, "or")]}}}
    return {h["_id"] for h in engine.search(client, settings.articles_alias, body)["hits"]["hits"]}


def _held_anywhere(client: engine.Client, settings: Settings, word: str) -> bool:
    body = {"size": 0, "query": query_string_clause(word, TEXT_FIELDS, "or")}
    return engine.search(client, settings.articles_alias, body)["hits"]["total"]["value"] > 0


def word_tiers(client: engine.Client, settings: Settings, ids: list[str], words: list[str]) -> list[int]:
    """Per ranked id: 2 if it holds every word, 1 if most (75 %, rounded down as the engine does), else 0;
    words no indexed article holds (a stop word) are not counted."""
    counted = [held(client, settings, ids, w) for w in words if _held_anywhere(client, settings, w)]
    most = math.floor(0.75 * len(counted))
    counts = [sum(i in h for h in counted) for i in ids]
    return [2 if c == len(counted) else int(c >= most) for c in counts]
