"""A bare noun naming a kind of body ("صندوق"، "مكتب"، "شركة"), read from the word clusters: apart from
``described_words`` (which re-exports it) so that ``speaker_spans``, which ``speakers`` imports, can ask it too."""

from __future__ import annotations

from functools import lru_cache

from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.wordclusters import load_clusters


@lru_cache(maxsize=4096)
def body_noun(w: str) -> bool:
    """A bare noun naming a kind of body ("صندوق"، "مكتب"، "شركة"): one in the distributional word class of "شركة"
    (``wordclusters``, learned from unlabelled news), so bodies no list names are found too."""
    table = load_clusters()
    return w.isalpha() and not w.startswith("ال") and table.get(cluster_key(w), "") == table.get("شركه")
