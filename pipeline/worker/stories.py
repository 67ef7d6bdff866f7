"""Duplicate and story assignment inside the stream.

Each article's compact MinHash record (signatures, date, story keys) is written to a Faust
*global* table backed by a changelog topic, so every worker — whatever partitions it owns — sees
every article, and a restarted worker recovers the index from the changelog. A process-local
``StoryIndex`` mirrors the table and makes the decision, so the rule is the same as offline
(`raqib enrich`) and the story id (smallest article id of the cluster) does not depend on arrival
order. Limit: two near-duplicates processed at the same instant by two different workers may both
miss each other until the next article of the story links them.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from pipeline.models import ArticleEnriched
from pipeline.nlp.dedup import StoryIndex, story_keys
from pipeline.settings import get_settings

_mirror = StoryIndex(max_articles=get_settings().story_index_max_articles)


def _sync(table: MutableMapping[str, Any], index: StoryIndex) -> None:
    """Bring the local index up to date with records other workers wrote to the table."""
    if len(index) >= len(table):
        return
    evicted = set(index.recently_evicted)
    for article_id, record in list(table.items()):
        if article_id not in index and article_id not in evicted:
            index.add_record(article_id, record)


def assign_story(table: MutableMapping[str, Any], enriched: ArticleEnriched,
                 index: StoryIndex = _mirror) -> ArticleEnriched:
    """Set ``duplicate_of`` and ``story_id`` and record the article in the table.

    Articles the bounded index evicts are deleted from the table too (a tombstone in its changelog), so
    neither the workers' memory nor the changelog grows without limit.
    """
    _sync(table, index)
    record = StoryIndex.make_record(enriched.text, enriched.published_at, story_keys(enriched.statements))
    duplicate_of, story_id = index.add_record(enriched.id, record)
    table[enriched.id] = record
    for gone in index.last_evicted:
        table.pop(gone, None)
    enriched.duplicate_of, enriched.story_id = duplicate_of, story_id
    return enriched
