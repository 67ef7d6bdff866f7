"""Round twenty-six's speed shortcuts give the answers of the direct computation on real text, and their caches
stay bounded: the mention canonicals kept per mention, the CRF's context rows gathered for all offsets at once and
each token's folded word and stem made once per article for the CRF, its rules and the article's repairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.nlp.crf import MODEL_PATH, load_fast_crf
from pipeline.nlp.entities import canonicalize
from pipeline.nlp.ner import _load_second_pass, extract_entities, propagate_in_article, tag_article
from pipeline.nlp.ner_features import _OFFSETS
from pipeline.nlp.ner_rules import postprocess
from pipeline.nlp.ner_stack import has_story_evidence, story_tag_features
from pipeline.text.tokenize import tokenized_sentences

SEEDS = Path(__file__).resolve().parent.parent / "connectors" / "sample_site" / "articles"


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_sentences() -> list[list[str]]:
    return [[t for t, _, _ in toks] for text in _seed_texts() for _, _, toks in tokenized_sentences(text) if toks]


def test_a_cached_canonical_is_the_canonical_computed_afresh() -> None:
    """Every entity of the seed articles: the cached canonical is the one the function computes without its cache."""
    canonicalize.cache_clear()
    entities = [e for text in _seed_texts() for e in extract_entities(text)]
    assert len(entities) > 100 and canonicalize.cache_info().hits > 0  # names repeat within and across articles
    for entity in entities:
        assert canonicalize(entity.text, entity.type) == canonicalize.__wrapped__(entity.text, entity.type)
    assert any(e.canonical != e.text for e in entities)  # titles and clitics were stripped somewhere


def test_the_canonical_cache_keeps_at_most_its_bound() -> None:
    """A worker meets new names for weeks: the cache stops growing at its bound and still answers right."""
    bound = canonicalize.cache_info().maxsize
    assert bound is not None and bound <= 65_536
    canonicalize.cache_clear()
    for i in range(bound + 100):
        assert canonicalize(f"والرئيس محمد{i}", "PERS") == f"محمد{i}"
    assert canonicalize.cache_info().currsize == bound
    canonicalize.cache_clear()


def _emissions_offset_by_offset(crf, sentences: list[list[str]]) -> np.ndarray:
    """The window rows the slow way: per offset, a neighbour's row inside the sentence, the PAD weights outside."""
    words = [t for s in sentences for t in s]
    rows = crf._word_rows(words)
    e = rows[:, 0] + crf._bias
    i0 = 0
    for s in sentences:
        e[i0] += crf._bos
        e[i0 + len(s) - 1] += crf._eos
        i0 += len(s)
    for k, off in enumerate(_OFFSETS):
        i0 = 0
        for s in sentences:
            for j in range(len(s)):
                e[i0 + j] += rows[i0 + j + off, k + 1] if 0 <= j + off < len(s) else crf._pad[k]
            i0 += len(s)
    return e


def test_the_context_rows_of_all_offsets_at_once_are_the_very_floats_of_adding_them_one_by_one(
        seed_sentences, monkeypatch) -> None:
    """``emissions`` gathers every offset's neighbours in one go: bit-identical to adding each offset's row (or
    its PAD weights at a sentence edge) token by token, for sentences of one, two and many tokens."""
    crf = load_fast_crf()
    short = [["بغداد"], ["في", "بغداد"], ["قال", "اللواء", "تحسين"]]
    for batch in (seed_sentences[:60], short, [*short, *seed_sentences[:5], ["و"]]):
        expected = _emissions_offset_by_offset(crf, batch)
        # no bigram or gazetteer span in the reference: leave those out of the comparison
        monkeypatch.setattr(crf, "_bigrams", {})
        monkeypatch.setattr("pipeline.nlp.crf._gaz_span_hits", lambda norms, no_conj: {})
        got = crf.emissions(batch)
        monkeypatch.undo()
        assert got.tobytes() == expected.tobytes()


def _tags_each_step_folding_itself(sentences: list[list[str]], two_pass: bool) -> list[list[str]]:
    """``tag_article`` as it was: the CRF, its rules and the repairs each fold the words themselves."""
    raw = load_fast_crf().tag(sentences)
    tags = [postprocess(toks, t) if toks else [] for toks, t in zip(sentences, raw, strict=True)]
    second = _load_second_pass(MODEL_PATH) if two_pass else None
    extra = story_tag_features(sentences, tags) if second is not None else []
    if second is not None and has_story_evidence(extra):
        raw = second.tag(sentences, extra)
        tags = [postprocess(toks, t) if toks else [] for toks, t in zip(sentences, raw, strict=True)]
    propagate_in_article(sentences, tags)
    return tags


@pytest.mark.parametrize("two_pass", [False, True])
def test_the_words_folded_once_per_article_give_the_tags_of_each_step_folding_them_itself(two_pass) -> None:
    """Every seed article (and an empty sentence among them): the same tags, entities found and repaired."""
    tagged = 0
    for text in _seed_texts():
        sentences = [[t for t, _, _ in toks] for _, _, toks in tokenized_sentences(text)]
        sentences.insert(1, [])
        expected = _tags_each_step_folding_itself(sentences, two_pass)
        assert tag_article(sentences, two_pass=two_pass) == expected
        tagged += sum(tag != "O" for tags in expected for tag in tags)
    assert tagged > 100


def test_shingles_from_zipped_windows_are_the_sliced_windows() -> None:
    """Every k-word window of the seed articles (and of texts of k and k + 1 words), as slicing gives them."""
    from pipeline.nlp.dedup import _shingles_of, _words

    texts = [*_seed_texts(), "قال القائد ان القوات ستنسحب", "قال القائد ان القوات ستنسحب اليوم", "كلمة"]
    for text in texts:
        words = _words(text)
        for k in (2, 5):
            sliced = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)} if len(words) > k \
                else {" ".join(words)}
            assert _shingles_of(words, k) == sliced
    assert len(_shingles_of(_words(texts[0]), 5)) > 100


def test_the_window_rows_read_from_a_table_that_grows_during_the_call_are_the_rows_of_a_warm_table(
        seed_sentences) -> None:
    """A fresh tagger meets all the seed words in one call: its word table grows (is replaced) while their rows
    are found, and the rows read after that are the very floats a warm tagger gives."""
    from pipeline.nlp.crf import FastCrf, read_crf_model

    warm = load_fast_crf()
    expected = warm.emissions(seed_sentences)
    fresh = FastCrf(read_crf_model(MODEL_PATH))
    assert len({t for s in seed_sentences for t in s}) > len(fresh._table)  # it must grow
    assert fresh.emissions(seed_sentences).tobytes() == expected.tobytes()


def test_the_int32_char_columns_are_sklearns_columns_with_its_dtype() -> None:
    """The cached char n-gram columns are kept as int32: the same columns, counts and index dtype as sklearn."""
    from pipeline.nlp import topics

    m = topics._load_model()
    for doc in [topics.model_input(text.split("\n", 1)[0], text) for text in _seed_texts()[:8]] + [""]:
        ref = m.char.transform([doc])
        idx, counts = topics._char_counts(doc, m.char)
        assert idx.dtype == ref.indices.dtype and idx.tobytes() == ref.indices.tobytes()
        assert counts.tobytes() == ref.data.tobytes()
