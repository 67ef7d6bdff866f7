"""Arabic named-entity recognition (PERS, ORG, LOC, MISC; ANERcorp BIO tags) with a CRF.

A linear-chain CRF with Arabic morphology, gazetteer and context features: no GPU, no download at run
time, >100k tokens per second on one core. On a document-disjoint ANERcorp dev it scores about 0.71 micro
F1 (unseen person names, clubs and MISC are the weak spots; see README).
python-crfsuite trains it; tagging reads the same model file and decodes with a batched numpy Viterbi
over per-word cached feature-weight sums (``FastCrf``: same tags as crfsuite, several times faster).
The model and gazetteer ship in ``pipeline/data/ner/``.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from pipeline.errors import ConfigurationError
from pipeline.models import Entity
from pipeline.nlp.crf import (
    MODEL_PATH,
    STACKED_MODEL_PATH,  # noqa: F401 - API: where ``train`` writes the second pass beside the shipped model
    Extra,
    FastCrf,
    Pairs,
    load_fast_crf,
    read_crf_model,
    stacked_path_for,
)
from pipeline.nlp.entities import canonicalize, link_mentions
from pipeline.nlp.ner_features import _gaz_index, _norm_and_stem, sentence_features  # noqa: F401 - _gaz_index: API
from pipeline.nlp.ner_rules import postprocess
from pipeline.nlp.ner_stack import has_story_evidence, story_tag_features
from pipeline.settings import load_settings
from pipeline.text.normalise import fold_name
from pipeline.text.tokenize import tokenized_sentences

ENTITY_TYPES = ("PERS", "ORG", "LOC", "MISC")
CRF_PARAMS: dict[str, object] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}

Sentence = list[tuple[str, str]]

# NewsFANE fine types -> ANERcorp coarse types for use as extra *training* data. Facilities, groups and
# NewsFANE's MISC-like types (products, weapons, works) map to O: ANERcorp annotates those differently,
# so keeping them would teach the model the wrong boundaries for our evaluation target.
NEWSFANE_TRAIN_MAP: dict[str, str] = {
    **dict.fromkeys(
        "Athlete Politician Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer "
        "Police".split(),
        "PERS",
    ),
    **dict.fromkeys(
        "Sports Non-Governmental Government Media Commercial Educational Medical-Science Entertainment "
        "Religious_ORG".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "Population-Center Nation State-or-Province Water-Body Land-Region-Natural GPE-Cluster Continent "
        "County-or-District Celestial".split(),
        "LOC",
    ),
}

class ConllFormatError(ConfigurationError):
    """A CoNLL line that is neither blank nor ``token tag``; carries the 1-based line number."""

    def __init__(self, path: str | Path, line_no: int, line: str) -> None:
        super().__init__(f"{path}:{line_no}: expected 'token tag' or blank line, got {line!r}")
        self.line_no = line_no


def read_conll(path: str | Path, *, with_tags: bool = True) -> list[Sentence]:
    """Read ``token tag`` / ``token<TAB>tag`` lines with blank lines between sentences.

    Tolerates BOM, CRLF and LRM/RLM marks (NewsFANE has all three). Without tags, each line is a token
    and the tag is ``""``.
    """
    sentences: list[Sentence] = []
    cur: Sentence = []
    text = Path(path).read_text(encoding="utf-8-sig")
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u200e", "").replace("\u200f", "").strip()
        if not line:
            if cur:
                sentences.append(cur)
                cur = []
            continue
        if not with_tags:
            cur.append((line, ""))
            continue
        parts = line.split("\t") if "\t" in line else line.split(" ")
        parts = [p for p in parts if p]
        if len(parts) != 2 or not _valid_tag(parts[1]):
            raise ConllFormatError(path, no, raw)
        cur.append((parts[0], parts[1]))
    if cur:
        sentences.append(cur)
    return sentences


def _valid_tag(tag: str) -> bool:
    return tag == "O" or (tag[:2] in ("B-", "I-") and len(tag) > 2)


# ------------------------------------------------------------------------------------------- scoring


def bio_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Chunks ``(start, end_exclusive, type)`` from BIO tags, conlleval-style (stray I- opens a chunk)."""
    spans: set[tuple[int, int, str]] = set()
    if tags.count("O") == len(tags):  # most sentences have no entity at all
        return spans
    start, typ = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O":  # what the general case does with it, without the partition
            if typ:
                spans.add((start, i, typ))
                typ = ""
            continue
        prefix, _, t = tag.partition("-")
        if typ and (prefix != "I" or t != typ):
            spans.add((start, i, typ))
            typ = ""
        if prefix == "B" or (prefix == "I" and not typ):
            start, typ = i, t
    return spans


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, object]:
    """Exact-span precision/recall/F1 per type and micro-averaged over all types."""
    counts: dict[str, list[int]] = {}  # type -> [true positives, predicted, gold]
    for g, p in zip(gold, pred, strict=True):
        gs, ps = bio_spans(g), bio_spans(p)
        for span in gs | ps:
            c = counts.setdefault(span[2], [0, 0, 0])
            c[0] += span in gs and span in ps
            c[1] += span in ps
            c[2] += span in gs

    def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n_gold,
                "predicted": n_pred}

    per_type = {t: prf(*counts[t]) for t in sorted(counts)}
    totals = [sum(c[k] for c in counts.values()) for k in range(3)]
    return {"per_type": per_type, "micro": prf(*totals)}


# ---------------------------------------------------------------------------------------- train / tag


def split_dev(
    sentences: Sequence[Sentence], dev_fraction: float, seed: int
) -> tuple[list[Sentence], list[Sentence]]:
    """Deterministic seeded sentence-level split: (train, dev)."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    n_dev = round(len(sentences) * dev_fraction)
    dev_idx = set(order[:n_dev])
    train = [s for i, s in enumerate(sentences) if i not in dev_idx]
    dev = [s for i, s in enumerate(sentences) if i in dev_idx]
    return train, dev


_DATELINE_MARKS = frozenset("ـ - – — : (".split())


def _opens_document(sent: Sentence) -> bool:
    """A news story's first sentence opens with a dateline: a place or agency, then ``ـ``, ``-``, ``:`` or ``(``.

    ANERcorp has no document markers, but its stories start "الخرطوم ـ ..." / "فرانكفورت (د ب أ)"; a
    continuation sentence opens with a conjunction or a connective instead.
    """
    first = fold_name(sent[0][0]) if sent else ""
    if not first or first[0] in "وف" or first in ("كما", "في", "من", "الا", "لكن", "ثم"):
        return False
    return any(tok in _DATELINE_MARKS for tok, _ in sent[1:6])


def split_dev_tail(sentences: Sequence[Sentence], dev_fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """Document-disjoint split: (build, dev) where dev is a contiguous block of whole stories at the end.

    The cut starts at the nominal ``1 - dev_fraction`` mark and moves to the next story opening
    (``_opens_document``; up to 100 sentences on, else back), so no story is split between the two sides. A
    seeded sentence shuffle would put sentences of one story on both sides and flatter the model.
    """
    nominal = len(sentences) - round(len(sentences) * dev_fraction)
    forward = range(nominal, min(nominal + 100, len(sentences)))
    backward = range(nominal - 1, max(nominal - 100, 0), -1)
    cut = next((i for i in (*forward, *backward) if _opens_document(sentences[i])), nominal)
    return list(sentences[:cut]), list(sentences[cut:])


def map_newsfane(sentences: Sequence[Sentence]) -> list[Sentence]:
    """NewsFANE fine-grained BIO tags -> ANERcorp coarse tags (unmapped types become O)."""
    out: list[Sentence] = []
    for sent in sentences:
        mapped: Sentence = []
        for tok, tag in sent:
            coarse = NEWSFANE_TRAIN_MAP.get(tag[2:]) if tag != "O" else None
            mapped.append((tok, f"{tag[:2]}{coarse}" if coarse else "O"))
        out.append(mapped)
    return out


def _fit(sentences: Sequence[Sentence], model_path: Path, params: dict[str, object], extra: Extra | None = None,
         ) -> None:
    """Train a CRF on ``sentence_features`` (plus ``extra`` per token, the stacked pass's ``dt=`` tags)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for i, sent in enumerate(sentences):
        feats = sentence_features([t for t, _ in sent])
        if extra is not None:
            feats = [own + list(more) for own, more in zip(feats, extra[i], strict=True)]
        trainer.append(feats, [tag for _, tag in sent])
    trainer.set_params(params)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def _tag_with(model_path: Path, sentences: Sequence[Sentence], extra: Extra | None = None) -> list[list[str]]:
    """Tag like ``tag_tokens`` does (fast CRF + post-processing), so dev scores describe the shipped system."""
    crf = FastCrf(read_crf_model(model_path))
    out: list[list[str]] = []
    for start in range(0, len(sentences), 64):
        batch = [[t for t, _ in s] for s in sentences[start:start + 64]]
        raw = crf.tag(batch, None if extra is None else extra[start:start + 64])
        out.extend(postprocess(toks, tags) if toks else [] for toks, tags in zip(batch, raw, strict=True))
    return out


def with_story_evidence(sentences: Sequence[Sentence], first_pass: Sequence[Sequence[str]],
                        second_pass: Sequence[Sequence[str]], extra: Sequence[Sequence[Sequence[str]]],
                        ) -> list[list[str]]:
    """Per story of ``sentences`` (``split_stories``): the second pass's tags if it has evidence, else the first's."""
    out: list[list[str]] = []
    start = 0
    for story in split_stories(sentences):
        end = start + len(story)
        out.extend(list(t) for t in (second_pass if has_story_evidence(extra[start:end]) else first_pass)[start:end])
        start = end
    return out


def stacked_features(sentences: Sequence[Sentence], first_pass: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """``story_tag_features`` within each story of ``sentences`` (``split_stories``)."""
    out: list[list[list[str]]] = []
    start = 0
    for story in split_stories(sentences):
        out.extend(story_tag_features([[t for t, _ in s] for s in story], first_pass[start:start + len(story)]))
        start += len(story)
    return out


def _fit_stacked(sentences: Sequence[Sentence], model_path: Path, params: dict[str, object], tmp: Path) -> None:
    """Fit the second pass. Its ``dt=`` features come from first-pass tags of a model that did not see the story
    (two folds of alternate whole stories, each tagged by a model fitted on the other), so it learns how far to
    trust the first pass on unseen text. A single story has no other fold: its tags stay O (no ``dt=``)."""
    stories = split_stories(sentences)
    first: list[list[list[str]]] = [[["O"] * len(s) for s in st] for st in stories]
    for k in (0, 1):
        other = [s for j, st in enumerate(stories) if j % 2 != k for s in st]
        fold = [j for j in range(len(stories)) if j % 2 == k]
        if not other or not fold:
            continue
        _fit(other, tmp / "fold.model", params)
        tags = iter(_tag_with(tmp / "fold.model", [s for j in fold for s in stories[j]]))
        for j in fold:
            first[j] = [next(tags) for _ in stories[j]]
    _fit(sentences, model_path, params, stacked_features(sentences, [t for st in first for t in st]))


def train(
    train_path: str | Path,
    model_path: str | Path = MODEL_PATH,
    dev_fraction: float = 0.1,
    seed: int = 13,
    *,
    params: dict[str, object] | None = None,
    refit_full: bool = True,
    newsfane_path: str | Path | None = None,
    split: str = "tail",
    stacked: bool = True,
) -> dict[str, object]:
    """Train on the file minus a held-out dev block, score the dev split, then (by default) refit on all.

    The dev figures in the report come from the model that never saw the dev sentences; the shipped
    model is refit on every sentence with the same settings, so it is at least as good. The report is
    written as ``REPORT.json`` next to the model (``dev``: sentence by sentence; ``dev_by_story``: names
    propagated within each story, ``tag_stories``). With ``stacked`` (default) the second pass is trained too and
    written beside the model (``stacked_path_for``); ``stacked_dev`` / ``stacked_dev_by_story`` score it (the
    latter as ``extract_entities`` tags an article). ``newsfane_path`` adds NewsFANE (mapped to coarse
    types) to the training side only; the dev split is always ANERcorp. The shipped model does not use it:
    NewsFANE re-annotates most ANERcorp stories (81 % of the dev block's sentences share an 8-word run with
    it), so it puts dev (and held-out test) text into training, and its conventions differ (MISC recall
    fell from 0.46 to 0.20 even so). ``split="tail"`` (default) holds
    out a contiguous block of whole stories at the end of the file; ``"random"`` the old seeded sentence
    shuffle, which shares stories with training and flatters the model.
    """
    model_path = Path(model_path)
    params = {**CRF_PARAMS, **(params or {})}
    sentences = read_conll(train_path)
    if split == "tail":
        train_set, dev_set = split_dev_tail(sentences, dev_fraction)
        method = "contiguous tail block of whole stories (document-disjoint)"
    else:
        train_set, dev_set = split_dev(sentences, dev_fraction, seed)
        method = "seeded sentence shuffle (shares stories with training: optimistic)"
    extra = map_newsfane(read_conll(newsfane_path)) if newsfane_path else []
    train_set = [*train_set, *extra]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        dev_model = Path(tmp) / "dev.model"
        _fit(train_set, dev_model, params)
        t1 = time.perf_counter()
        pred = _tag_with(dev_model, dev_set)
        tag_seconds = time.perf_counter() - t1
        gold = [[tag for _, tag in s] for s in dev_set]
        dev_scores, story_scores = score(gold, pred), score(gold, tag_stories(dev_model, dev_set))
        stacked_scores = _stacked_dev(train_set, dev_set, pred, params, Path(tmp)) if stacked else {}
        _ship(model_path, [*sentences, *extra] if refit_full else None, params, Path(tmp), stacked)
    n_dev_tokens = sum(len(s) for s in dev_set)
    report: dict[str, object] = {
        "data": Path(train_path).name,
        "sentences": len(sentences),
        "extra_training_data": Path(newsfane_path).name if newsfane_path else None,
        "extra_sentences": len(extra),
        "tokens": sum(len(s) for s in sentences),
        "dev_split": {"fraction": dev_fraction, "seed": seed if split != "tail" else None, "method": method,
                      "sentences": len(dev_set), "tokens": n_dev_tokens},
        "crf_params": params,
        "dev": dev_scores,
        "dev_by_story": {"method": "first pass only, names propagated within each story"
                         " (split_stories: dateline openings)", **story_scores},
        **stacked_scores,
        "shipped_model": "refit on all sentences (train + dev)" if refit_full else "train split only",
        "model_bytes": model_path.stat().st_size,
        "tokens_per_second_dev_tagging": round(n_dev_tokens / tag_seconds) if tag_seconds else None,
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    model_path.with_name("REPORT.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    load_tagger.cache_clear()
    load_fast_crf.cache_clear()
    _load_second_pass.cache_clear()
    return report


def _ship(model_path: Path, refit_on: list[Sentence] | None, params: dict[str, object], tmp: Path,
          stacked: bool) -> None:
    """Write the shipped model (and its second pass): refit on ``refit_on``, or the dev models in ``tmp``."""
    model_path.parent.mkdir(parents=True, exist_ok=True)
    if refit_on is None:
        model_path.write_bytes((tmp / "dev.model").read_bytes())
        if stacked:
            stacked_path_for(model_path).write_bytes((tmp / "dev_stacked.model").read_bytes())
        return
    _fit(refit_on, model_path, params)
    if stacked:
        _fit_stacked(refit_on, stacked_path_for(model_path), params, tmp)


def _stacked_dev(train_set: Sequence[Sentence], dev_set: Sequence[Sentence], first_pass: list[list[str]],
                 params: dict[str, object], tmp: Path) -> dict[str, object]:
    """Fit the second pass on ``train_set`` (``tmp / "dev_stacked.model"``) and score it on the dev block, sentence
    by sentence and as ``extract_entities`` tags an article (``first_pass``: the dev model's tags)."""
    _fit_stacked(train_set, tmp / "dev_stacked.model", params, tmp)
    t0 = time.perf_counter()
    feats = stacked_features(dev_set, first_pass)
    pred = with_story_evidence(dev_set, first_pass, _tag_with(tmp / "dev_stacked.model", dev_set, feats), feats)
    seconds = time.perf_counter() - t0
    gold = [[tag for _, tag in s] for s in dev_set]
    sentence_scores = score(gold, pred)
    propagate_in_stories(dev_set, pred)
    return {
        "stacked_dev": {"method": "second pass (dt= tags of the story's other sentences), sentence by sentence",
                        **sentence_scores},
        "stacked_dev_by_story": {"method": "as extract_entities tags an article: first pass, second pass, names"
                                 " propagated within each story (split_stories)", **score(gold, pred)},
        "stacked_model": "second pass, trained on two folds of whole stories' first-pass tags",
        "tokens_per_second_dev_second_pass": round(sum(map(len, dev_set)) / seconds) if seconds else None,
    }


@lru_cache(maxsize=4)
def load_tagger(model_path: str | Path = MODEL_PATH) -> pycrfsuite.Tagger:
    """The crfsuite tagger for the model (reference for ``FastCrf``; the pipeline tags with ``FastCrf``)."""
    path = Path(model_path)
    if not path.exists():
        raise FileNotFoundError(f"NER model not found at {path}; run `raqib ner train`")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_tokens(tokens: list[str], model_path: str | Path = MODEL_PATH) -> list[str]:
    """BIO tags for one sentence of tokens."""
    return tag_sentences([tokens], model_path)[0]


def tag_sentences(sentences: Sequence[list[str]], model_path: str | Path = MODEL_PATH,
                  pairs: Pairs | None = None) -> list[list[str]]:
    """BIO tags for many sentences at once (CRF + post-processing); one batched Viterbi per call. ``pairs``: the
    tokens' ``_norm_and_stem`` per sentence, when the caller has them (the CRF and the rules both read them)."""
    pairs = [[_norm_and_stem(t) for t in toks] for toks in sentences] if pairs is None else pairs
    raw = load_fast_crf(model_path).tag(sentences, pairs=pairs)
    return [postprocess(toks, tags, p) if toks else [] for toks, tags, p in zip(sentences, raw, pairs, strict=True)]


@lru_cache(maxsize=4)
def _load_second_pass(model_path: str | Path) -> FastCrf | None:
    """The stacked second pass beside ``model_path``, read once per process; None when it was not trained."""
    path = stacked_path_for(model_path)
    return FastCrf(read_crf_model(path)) if path.exists() else None


@lru_cache(maxsize=1)
def two_pass_by_default() -> bool:
    """The ``ner_two_pass`` setting (``RAQIB_NER_TWO_PASS``), read once per process. Off by default: the second
    pass gains on the document-disjoint dev block but is neutral on the real stream and costs ~15 % of enrichment."""
    return load_settings().ner_two_pass


def tag_article(sentences: Sequence[list[str]], model_path: str | Path = MODEL_PATH,
                two_pass: bool | None = None) -> list[list[str]]:
    """BIO tags for one article (= one story) as ``extract_entities`` reads it: the first pass sentence by
    sentence, with ``two_pass`` (default: the setting) the second pass with the article's ``dt=`` tags (when its
    model is there and the article has any, ``has_story_evidence``), then the article-level repairs
    (``propagate_in_article``)."""
    pairs = [[_norm_and_stem(t) for t in toks] for toks in sentences]  # once for both passes, rules and repairs
    tags = tag_sentences(sentences, model_path, pairs)
    use_second = two_pass_by_default() if two_pass is None else two_pass
    second = _load_second_pass(model_path) if use_second else None
    extra = story_tag_features(sentences, tags) if second is not None else []
    if second is not None and has_story_evidence(extra):
        raw = second.tag(sentences, extra, pairs)
        tags = [postprocess(toks, t, p) if toks else [] for toks, t, p in zip(sentences, raw, pairs, strict=True)]
    propagate_in_article(sentences, tags, pairs)
    return tags


def evaluate(conll_path: str | Path, model_path: str | Path = MODEL_PATH) -> dict[str, object]:
    """Tag a gold CoNLL file with the shipped model and score exact spans."""
    gold = read_conll(conll_path)
    pred = [tag_tokens([t for t, _ in s], model_path) for s in gold]
    report = score([[tag for _, tag in s] for s in gold], pred)
    report["sentences"] = len(gold)
    report["tokens"] = sum(len(s) for s in gold)
    return report


_MAX_PROPAGATED_WORDS = 4
# A name the CRF tagged in fewer than one in five of its occurrences in an article is not repeated: that
# reading is more likely a slip on a common word ("المهرج", "الورد" in 300 ANT v1 articles) than a name.
_MIN_TAGGED_SHARE = 0.2


def _article_names(keys_per: Sequence[Sequence[str]], tags_per: Sequence[Sequence[str]]) -> dict[tuple[str, ...], str]:
    """Names (word keys) the CRF tagged in the article -> the type they got most often (first seen on a tie),
    for names of three letters or more, at most four words, tagged in at least ``_MIN_TAGGED_SHARE`` of their
    occurrences."""
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for keys, tags in zip(keys_per, tags_per, strict=True):
        for a, b, typ in sorted(bio_spans(tags)):
            name = tuple(keys[a:b])
            if b - a <= _MAX_PROPAGATED_WORDS and len("".join(name)) >= 3:
                count = votes.setdefault(name, {})
                count[typ] = count.get(typ, 0) + 1
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in votes:
        by_first.setdefault(name[0], []).append(name)
    untagged = dict.fromkeys(votes, 0)
    for keys, tags in zip(keys_per, tags_per, strict=True):
        for a in [a for a, key in enumerate(keys) if key in by_first]:
            for name in by_first[keys[a]]:
                if tuple(keys[a:a + len(name)]) == name and tags[a:a + len(name)].count("O") == len(name):
                    untagged[name] += 1
    return {name: max(count, key=count.__getitem__) for name, count in votes.items()
            if sum(count.values()) >= _MIN_TAGGED_SHARE * (sum(count.values()) + untagged[name])}


def _propagate_names(pairs_per: Pairs, tags_per: list[list[str]]) -> None:
    """One name, one reading per article: tag the untagged repeats of a name the CRF found elsewhere in it.

    The CRF reads one sentence at a time, so a name it knows in one context ("شركة مايكروسوفت", "منظمة اوبك")
    is often left O in another ("من إنتاج مايكروسوفت"); news repeats its names. Names are matched by their
    words without a leading conjunction or preposition clitic (``_article_names``). Only tokens tagged O
    change, longer names first; in place.
    """
    keys_per = [[stem for _, stem in pairs] for pairs in pairs_per]
    names = _article_names(keys_per, tags_per)
    if not names:
        return
    firsts = {name[0] for name in names}
    lengths = sorted({len(name) for name in names}, reverse=True)
    for keys, tags in zip(keys_per, tags_per, strict=True):
        if firsts.isdisjoint(keys):
            continue
        starts = [a for a, key in enumerate(keys) if key in firsts]
        for length in lengths:
            for a in starts:
                if a + length <= len(keys) and tags[a:a + length].count("O") == length:
                    typ = names.get(tuple(keys[a:a + length]))
                    if typ:
                        tags[a:a + length] = [f"B-{typ}"] + [f"I-{typ}"] * (length - 1)


def _propagate_surnames(pairs_per: Pairs, tags_per: list[list[str]]) -> None:
    """Tag bare later/earlier mentions of a surname seen in a full PERS name of the same article.

    News names a person fully once ("اللواء تحسين الخفاجي") and then by surname ("وقال الخفاجي"); the
    surname alone is often an unknown word to the CRF. Only tokens tagged O change; in place.
    """
    surnames: set[str] = set()
    for pairs, tags in zip(pairs_per, tags_per, strict=True):
        for a, b, typ in bio_spans(tags):
            if typ == "PERS" and b - a >= 2:
                last = pairs[b - 1][0]  # the folded word
                if len(last) >= 4:
                    surnames.add(last)
    if not surnames:
        return
    for pairs, tags in zip(pairs_per, tags_per, strict=True):
        for i, (_, stem) in enumerate(pairs):
            if tags[i] == "O" and stem in surnames:
                tags[i] = "B-PERS"


def propagate_in_article(tokens_per: Sequence[Sequence[str]], tags_per: list[list[str]],
                         pairs_per: Pairs | None = None) -> None:
    """Article-level repairs after the sentence-level CRF: repeated names, then bare surnames. In place.
    ``pairs_per``: the tokens' ``_norm_and_stem`` per sentence, when the caller has them."""
    pairs_per = [[_norm_and_stem(t) for t in toks] for toks in tokens_per] if pairs_per is None else pairs_per
    _propagate_names(pairs_per, tags_per)
    _propagate_surnames(pairs_per, tags_per)


def split_stories(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """Consecutive sentences grouped into stories at each dateline opening (``_opens_document``): ANERcorp has
    no document markers, so a story that opens with a headline instead stays with the one before it."""
    stories: list[list[Sentence]] = []
    for i, sent in enumerate(sentences):
        if not stories or (i and _opens_document(sent)):
            stories.append([])
        stories[-1].append(sent)
    return stories


def tag_stories(model_path: Path, sentences: Sequence[Sentence]) -> list[list[str]]:
    """Tag like ``extract_entities`` does: sentence by sentence (``_tag_with``), then ``propagate_in_article``
    within each story (``split_stories``)."""
    tags = _tag_with(model_path, sentences)
    propagate_in_stories(sentences, tags)
    return tags


def propagate_in_stories(sentences: Sequence[Sentence], tags: list[list[str]]) -> None:
    """``propagate_in_article`` within each story of ``sentences`` (``split_stories``); ``tags`` in place."""
    start = 0
    for story in split_stories(sentences):  # the inner lists of the slice are ``tags``' own: changed in place
        propagate_in_article([[t for t, _ in s] for s in story], tags[start:start + len(story)])
        start += len(story)


def extract_entities(text: str, model_path: str | Path = MODEL_PATH, two_pass: bool | None = None) -> list[Entity]:
    """Entities with character offsets into ``text``, canonicalised and linked within the article (``two_pass``:
    ``tag_article``)."""
    toks_per = [toks for _, _, toks in tokenized_sentences(text)]  # offsets into ``text``
    tags_per = tag_article([[t for t, _, _ in toks] for toks in toks_per], model_path, two_pass)
    entities: list[Entity] = []
    for toks, tags in zip(toks_per, tags_per, strict=True):
        for a, b, typ in sorted(bio_spans(tags)):
            if typ not in ENTITY_TYPES:
                continue
            start, end = toks[a][1], toks[b - 1][2]
            mention = text[start:end]
            entities.append(Entity(text=mention, canonical=canonicalize(mention, typ), type=typ,
                                   start=start, end=end))
    return link_mentions(entities)
