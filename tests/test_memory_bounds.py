"""A worker runs for months and meets new words (names, numbers) every day: every cache of the language
functions must have a bound, and none may hold more than MAX_ENTRIES."""

from __future__ import annotations

import importlib
import pkgutil

import pipeline.nlp

MAX_ENTRIES = 65_536  # per cache; the NER word-score cache has its own bound (ner._MAX_CACHED_WORDS)


def _caches():
    for info in pkgutil.iter_modules(pipeline.nlp.__path__):
        module = importlib.import_module(f"pipeline.nlp.{info.name}")
        for name, obj in vars(module).items():
            if callable(obj) and hasattr(obj, "cache_info") and getattr(obj, "__module__", "") == module.__name__:
                yield f"{module.__name__}.{name}", obj.cache_info().maxsize


def test_every_language_cache_is_bounded() -> None:
    caches = dict(_caches())
    assert len(caches) >= 10  # the lookup found the caches (ner, topics, subjects, dedup ...)
    unbounded = [name for name, size in caches.items() if size is None]
    assert not unbounded, f"unbounded caches: {unbounded}"
    too_big = {name: size for name, size in caches.items() if size > MAX_ENTRIES}
    assert not too_big, f"caches over {MAX_ENTRIES} entries: {too_big}"
