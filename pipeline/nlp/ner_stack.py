"""The stacked (two-pass) NER tagger's story features: what the first pass read elsewhere in the story.

Pure functions over token and tag lists; ``ner`` trains and decodes with them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.nlp.ner_features import _norm_and_stem


def story_tag_features(tokens_per: Sequence[Sequence[str]], tags_per: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """The stacked pass's feature per token, ``dt=<tag>``: the most frequent non-O first-pass tag of the same word
    (clitic-stripped key) in the story's *other* sentences (a tie: the tag seen first); none when there is none.

    The CRF reads one sentence at a time; a second CRF that sees how the rest of the story read the word can
    weigh that evidence (stacking, Krishnan & Manning 2006), including a name read with the wrong type.
    """
    keys_per = [[_norm_and_stem(t)[1] for t in toks] for toks in tokens_per]
    counts_per = [Counter((k, tg) for k, tg in zip(keys, tags, strict=True) if tg != "O")
                  for keys, tags in zip(keys_per, tags_per, strict=True)]
    story: dict[str, Counter[str]] = {}
    for counts in counts_per:
        for (key, tg), n in counts.items():
            story.setdefault(key, Counter())[tg] += n
    out: list[list[list[str]]] = []
    for keys, own in zip(keys_per, counts_per, strict=True):
        row: list[list[str]] = []
        for key in keys:
            best, best_n = "", 0
            for tg, n in story.get(key, {}).items():  # first seen first: ties keep it
                if n - own[(key, tg)] > best_n:
                    best, best_n = tg, n - own[(key, tg)]
            row.append([f"dt={best}"] if best else [])
        out.append(row)
    return out


def has_story_evidence(extra: Sequence[Sequence[Sequence[str]]]) -> bool:
    """Whether any token of a story has a ``dt=`` feature: else its first-pass tags stand.

    The second pass learned from stories of several sentences; a story with no evidence at all (a one-sentence
    text) gives it nothing more than the first pass had, and it drops names the first pass keeps ("... إعلان ترامب
    مرارا عزمه سحب القوات ..."). Per story, not per sentence: on the inner split keeping the first pass for each
    sentence without a ``dt=`` lost the whole gain (as articles 0.7376 -> 0.7344).
    """
    return any(x for row in extra for x in row)
