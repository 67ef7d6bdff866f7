"""Arabic NER: tokenizer offsets, span scoring, canonicalisation/linking, the shipped model on the seed
articles, and the ``raqib ner`` sub-commands. Unit tests only: no Kafka, no /work/shared."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from pipeline.cli.ner import ner_app
from pipeline.models import Entity
from pipeline.nlp import crf as crf_module
from pipeline.nlp import ner
from pipeline.nlp.entities import canonicalize, link_mentions, strip_clitics
from pipeline.text.normalise import fold_name
from pipeline.text.tokenize import split_sentences, tokenize_with_offsets
from tests.conftest import load_bench

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_entities() -> dict[str, list[Entity]]:
    paths = sorted(SEEDS.glob("*.txt"))
    return {p.name[:3]: ner.extract_entities(p.read_text(encoding="utf-8")) for p in paths}


# ------------------------------------------------------------------------------------------ tokenizer


def test_tokenizer_splits_arabic_punctuation_and_keeps_offsets() -> None:
    text = "قال اللواء تحسين الخفاجي، في تصريح لـ “العين نيوز” (رووادو): هل انسحبت «القوات»؟ نعم؛ 3.5%"
    toks = tokenize_with_offsets(text)
    words = [t for t, _, _ in toks]
    for sep in ("،", "“", "”", "(", ")", ":", "«", "»", "؟", "؛", "%"):
        assert sep in words
    assert "الخفاجي" in words and "3.5" in words
    for tok, start, end in toks:
        assert text[start:end] == tok


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_tokenizer_offset_invariant_on_seeds(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    toks = tokenize_with_offsets(text)
    assert len(toks) > 200
    assert all(text[s:e] == t for t, s, e in toks)
    # nothing but whitespace (and invisible marks) is lost between tokens
    gaps = "".join(text[a[2]:b[1]] for a, b in zip(toks, toks[1:], strict=False))
    assert gaps.strip("\u200e\u200f\ufeff \n\t\r\xa0") == ""


def test_split_sentences() -> None:
    text = "قال د. أحمد إن النسبة 3.5 بالمئة. وأضاف: «انتهى الأمر». هل هذا صحيح؟\nسطر جديد"
    sents = split_sentences(text)
    assert [s for s, _, _ in sents] == ["قال د. أحمد إن النسبة 3.5 بالمئة.", "وأضاف: «انتهى الأمر».",
                                         "هل هذا صحيح؟", "سطر جديد"]
    assert all(text[a:b] == s for s, a, b in sents)


def test_normalize_ar() -> None:
    assert fold_name("أَحْمَد إلى آمنة") == "احمد الي امنه"


# ------------------------------------------------------------------------------------------- scoring


GOLD = """\
قال O
اللواء O
تحسين B-PERS
الخفاجي I-PERS
في O
بغداد B-LOC
إن O
الأمم B-ORG
المتحدة I-ORG
والعراق B-LOC

ذهب O
محمد B-PERS
إلى O
باريس B-LOC
"""


def test_bio_spans_conlleval_style() -> None:
    assert ner.bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "I-LOC"]) == {
        (0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "LOC")}


def test_score_known_values() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    pred = [["B-PERS", "O", "B-MISC", "B-LOC"], ["B-ORG", "I-ORG"]]
    rep = ner.score(gold, pred)  # PERS boundary wrong, MISC spurious: 2 of 4 predicted, 2 of 3 gold
    assert rep["micro"]["precision"] == pytest.approx(1 / 2, abs=1e-4)
    assert rep["micro"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert rep["micro"]["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert rep["per_type"]["MISC"]["precision"] == 0.0 and rep["per_type"]["MISC"]["support"] == 0
    assert rep["per_type"]["PERS"]["f1"] == 0.0
    assert rep["per_type"]["LOC"]["f1"] == 1.0


def test_evaluate_tiny_file_matches_hand_computation(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD, encoding="utf-8")
    rep = ner.evaluate(gold)
    pred = [ner.tag_tokens([t for t, _ in s]) for s in ner.read_conll(gold)]
    # Recompute by hand from the predicted tags, independently of score().
    gold_spans = [{(0 + 2, 4, "PERS"), (5, 6, "LOC"), (7, 9, "ORG"), (9, 10, "LOC")},
                  {(1, 2, "PERS"), (3, 4, "LOC")}]
    pred_spans = [ner.bio_spans(p) for p in pred]
    tp = sum(len(g & p) for g, p in zip(gold_spans, pred_spans, strict=True))
    n_pred = sum(len(p) for p in pred_spans)
    assert rep["micro"]["support"] == 6
    assert rep["micro"]["predicted"] == n_pred
    assert rep["micro"]["recall"] == pytest.approx(tp / 6, abs=1e-4)
    assert rep["micro"]["f1"] >= 0.5  # an easy sentence pair: the shipped model must get most of it


# ------------------------------------------------------------------------------------ canonicalisation


@pytest.mark.parametrize(
    ("mention", "typ", "canonical"),
    [
        ("اللواء تحسين الخفاجي", "PERS", "تحسين الخفاجي"),
        ("الفريق الأول الركن عبد الأمير يار الله", "PERS", "عبد الامير يار الله"),
        ("رئيس الوزراء العراقي مصطفى الكاظمي", "PERS", "مصطفي الكاظمي"),
        ("د. إياد علاوي", "PERS", "اياد علاوي"),
        ("الشيخ", "PERS", "الشيخ"),  # a title alone is left alone
        ("والعراق", "LOC", "العراق"),
        ("للعراق", "LOC", "العراق"),
        ("بالموصل", "LOC", "الموصل"),
        ("وبغداد", "LOC", "بغداد"),
        ("وليد", "PERS", "وليد"),  # a name starting with و is not a clitic
        ("بغداد", "LOC", "بغداد"),
        ("قيادة العمليات المشتركة", "ORG", "قياده العمليات المشتركه"),
        ("الرئاسة", "ORG", "الرئاسه"),
        ("مُصطفـى", "PERS", "مصطفي"),
    ],
)
def test_canonicalize(mention: str, typ: str, canonical: str) -> None:
    assert canonicalize(mention, typ) == canonical


def test_strip_clitics_is_idempotent() -> None:
    for w in ("والعراق", "للعراق", "وبغداد", "وليد", "الولايات"):
        once = strip_clitics(fold_name(w))
        assert strip_clitics(once) == once


def _ent(text: str, typ: str, start: int) -> Entity:
    return Entity(text=text, canonical=canonicalize(text, typ), type=typ, start=start, end=start + len(text))


def test_link_mentions_short_name_gets_full_canonical() -> None:
    ents = [_ent("اللواء تحسين الخفاجي", "PERS", 0), _ent("الخفاجي", "PERS", 50), _ent("الخفاجى", "PERS", 90),
            _ent("العراق", "LOC", 120), _ent("الكاظمي", "PERS", 140)]
    out = link_mentions(ents)
    full = "تحسين الخفاجي"
    assert [e.canonical for e in out] == [full, full, full, "العراق", "الكاظمي"]
    assert [e.text for e in out] == [e.text for e in ents]  # mention text is never rewritten


def test_link_mentions_prefers_closest_preceding_full_name() -> None:
    ents = [_ent("أحمد الصدر", "PERS", 0), _ent("مقتدى الصدر", "PERS", 40), _ent("الصدر", "PERS", 80),
            _ent("الصدر", "LOC", 100)]
    out = link_mentions(ents)
    assert out[2].canonical == "مقتدي الصدر"
    assert out[3].canonical == "الصدر"  # other types are not linked


# ------------------------------------------------------------------------------------- model on seeds


def test_seed_known_entities(seed_entities: dict[str, list[Entity]]) -> None:
    all_ents = [e for ents in seed_entities.values() for e in ents]
    pers = {e.canonical for e in all_ents if e.type == "PERS"}
    assert "تحسين الخفاجي" in pers
    assert any("قيادة العمليات المشتركة" in e.text for e in all_ents if e.type == "ORG")
    assert any(e.canonical in ("كردستان", "اقليم كردستان") for e in all_ents if e.type == "LOC")
    locs = {e.canonical for e in all_ents if e.type == "LOC"}
    assert {"العراق", "بغداد"} <= locs


def test_seed_offsets_and_linking(seed_entities: dict[str, list[Entity]]) -> None:
    for key, ents in seed_entities.items():
        text = _seed(key)
        for e in ents:
            assert text[e.start:e.end] == e.text
            assert e.type in ("PERS", "ORG", "LOC", "MISC")
    khafaji = [e for e in seed_entities["002"] if e.type == "PERS" and "الخفاجي" in e.text]
    assert len(khafaji) >= 2
    assert {e.canonical for e in khafaji} == {"تحسين الخفاجي"}


def test_tagging_speed() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sents = [[t for t, _, _ in tokenize_with_offsets(s)] for s, _, _ in split_sentences(text)]
    n = sum(len(s) for s in sents)
    ner.tag_tokens(sents[0])  # load the model outside the timing
    t0 = time.perf_counter()
    for s in sents:
        ner.tag_tokens(s)
    assert n / (time.perf_counter() - t0) > 5_000  # loose bound for slow CI; see REPORT.json for the figure


# ----------------------------------------------------------------------------------------------- CLI


runner = CliRunner()


def test_cli_tag(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("قال\nاللواء\nتحسين\nالخفاجي\n\nفي\nبغداد\n", encoding="utf-8")
    res = runner.invoke(ner_app, ["tag", "--conll", str(src)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.split("\n")
    assert lines[4] == ""
    assert [ln.split("\t")[0] for ln in lines if ln] == ["قال", "اللواء", "تحسين", "الخفاجي", "في", "بغداد"]
    assert lines[6] == "بغداد\tB-LOC"
    assert all(ln.split("\t")[1] in {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC",
                                      "I-MISC"} for ln in lines if ln)


def test_cli_evaluate(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD.replace("بغداد B-LOC", "بغداد\tB-LOC"), encoding="utf-8")
    res = runner.invoke(ner_app, ["evaluate", "--conll", str(gold)])
    assert res.exit_code == 0, res.output
    assert "micro" in res.stdout and "PERS" in res.stdout and "LOC" in res.stdout


def test_cli_evaluate_reports_malformed_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("قال O\nتحسين B-PERS extra\n", encoding="utf-8")
    res = runner.invoke(ner_app, ["evaluate", "--conll", str(bad)])
    assert res.exit_code == 1
    assert ":2:" in res.output


def test_cli_train_missing_data(tmp_path: Path) -> None:
    args = ["train", "--data", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "m")]
    res = runner.invoke(ner_app, args)
    assert res.exit_code == 1
    assert "not found" in res.output


def test_cli_train_tiny(tmp_path: Path) -> None:
    data = tmp_path / "train.txt"
    data.write_text((GOLD + "\n") * 10, encoding="utf-8")
    out = tmp_path / "m.model"
    res = runner.invoke(ner_app, ["train", "--data", str(data), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0 and (tmp_path / "REPORT.json").is_file()
    assert ner.tag_tokens(["ذهب", "محمد", "إلى", "باريس"], out)[3] == "B-LOC"


# ------------------------------------------------------------------------------- fast CRF decoding


def _seed_sentences() -> list[list[str]]:
    from pipeline.text.tokenize import tokenized_sentences

    return [[t for t, _, _ in toks] for p in sorted(SEEDS.glob("*.txt"))
            for _, _, toks in tokenized_sentences(p.read_text(encoding="utf-8"))]


def test_tokenized_sentences_equal_split_then_tokenize() -> None:
    from pipeline.text.tokenize import tokenized_sentences

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["قال د. أحمد: انتهى.» ثم غادر؟!\n\n  بلغ 3.5 مليون...  ", "", "\n", "كلمة"]
    for text in texts:
        one_pass = tokenized_sentences(text)
        assert [(s, e) for s, e, _ in one_pass] == [(s, e) for _, s, e in split_sentences(text)]
        for (_, s, e), (_, _, toks) in zip(split_sentences(text), one_pass, strict=True):
            assert toks == [(t, s + a, s + b) for t, a, b in tokenize_with_offsets(text[s:e])]


def test_token_offsets_read_from_gaps_equal_the_match_spans() -> None:
    """The tokenizer reads offsets from (gap, token) pairs: they must be the spans of the per-character pattern,
    whatever the gaps hold (spaces, tabs, line breaks, bidi marks, BOM, no-break space) and wherever a line
    or slice starts."""
    import random
    import re

    from pipeline.text.normalise import WORD_MARKS
    from pipeline.text.tokenize import _DIGITS, _tokens_from

    per_character = re.compile(  # the pattern as first written: one word character at a time
        rf"[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)+|(?:[^\W_]|[{WORD_MARKS}\u200c\u200d])+|[^\s\u200e\u200f\ufeff]")

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    gaps = [" ", "  ", "\t", "\n", "\r\n", "\u200e", "\u200f", "\ufeff", "\u00a0", "\u2009", " \u200f "]
    words = ["قال", "وزير", "الخارجيّة", "3.5", "1,200", "٣٫٥", "،", "«", "»", "_", "a_b", "ـ", "\u200c", "x\u200dy",
             "؟!", "...", "كتبَ", "\u0651", "COVID-19", "٢٠٢١م"]
    rng = random.Random(13)
    texts += ["".join(rng.choice(gaps) + rng.choice(words) for _ in range(60)) + rng.choice(gaps) for _ in range(200)]
    texts += ["", " ", "\u200f", "كلمة", " كلمة "]
    for text in texts:
        assert tokenize_with_offsets(text) == [(m[0], *m.span()) for m in per_character.finditer(text)]
        for _ in range(5):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            assert _tokens_from(text, a, b) == [(m[0], *m.span()) for m in per_character.finditer(text, a, b)]


def test_crf_model_reader_matches_crfsuite_dump() -> None:
    tagger = ner.load_tagger()
    weights = ner.read_crf_model(ner.MODEL_PATH)
    info = tagger.info()
    assert list(weights.labels) == tagger.labels()
    assert len(info.state_features) == sum(int((v != 0).sum()) for v in weights.state.values())
    for (attr, label), w in info.state_features.items():  # the dump rounds to 6 decimals
        assert abs(weights.state[attr][weights.labels.index(label)] - w) < 1e-6
    for (a, b), w in info.transitions.items():
        assert abs(weights.trans[weights.labels.index(a), weights.labels.index(b)] - w) < 1e-6


def test_fast_crf_emissions_are_the_sum_of_the_feature_weights(monkeypatch) -> None:
    """Cached per-word sums + shifted context rows == summing every string of ``sentence_features``."""
    crf = ner.FastCrf(ner.read_crf_model(ner.MODEL_PATH))
    gaz_entry = next(e for e in ner._gaz_index()[1] if len(e.split(" ")) == 2)
    probe = ["قال", *gaz_entry.split(" "), "|", "بغداد", "|", "|", "و", "الخفاجي"]  # spans, "|" bigrams
    sents = [*_seed_sentences()[:40], probe, ["بغداد"], ["في", "بغداد"], ["|", "|"]]
    # a tiny word table forces resets in the middle: the cache must never change the result
    monkeypatch.setattr(crf_module, "_MAX_CACHED_WORDS", 50)
    for batch in (sents, sents[:3], [probe]):
        got = crf.emissions(batch)
        ref = [sum((crf.weights.state.get(f, crf._zero) for f in feats), crf._zero.copy())
               for s in batch for feats in ner.sentence_features(s)]
        assert got.shape == (len(ref), len(crf.labels))
        assert abs(got - ref).max() < 1e-9
    assert any(f.startswith("gB:") for f in ner.sentence_features(probe)[1])  # the span path was exercised


def test_fast_crf_word_scores_are_bit_identical_to_adding_the_weights_one_feature_after_another() -> None:
    """The batched word scores (one gather, summed along the feature axis) give the very floats of adding each
    feature's weights in feature order, for thousands of words at once (the word table grows past its size)."""
    from pipeline.nlp.ner_features import _context_features, _token_features

    crf = ner.FastCrf(ner.read_crf_model(ner.MODEL_PATH))
    words = sorted({t for s in _seed_sentences() for t in s}) + ["|", "x" * 40, "بغداد|الخفاجي", "123", "?!"]
    words = [*words, *(w + suffix for w in words[:2000] for suffix in ("ها", "ين"))]
    got = crf._word_scores(words)
    for word, scores in zip(words, got, strict=True):
        own = crf._sum(_token_features(word)[0])
        expected = np.stack([own, *(crf._sum(fs) for fs in _context_features(word))])
        assert scores.tobytes() == expected.tobytes(), word
    rows = crf._word_rows(words)
    assert rows.tobytes() == got.tobytes() and len(crf._table) >= len(words) > 1024


def test_fast_crf_tags_equal_crfsuite_on_seed_sentences() -> None:
    """Same model, same features, same Viterbi: the batched numpy decoder returns crfsuite's tags."""
    tagger = ner.load_tagger()
    sents = _seed_sentences()
    sents += [[], ["بغداد"], ["قال", "اللواء", "تحسين", "الخفاجي"], []]
    expected = [tagger.tag(ner.sentence_features(s)) if s else [] for s in sents]
    crf = ner.load_fast_crf()
    assert crf.tag(sents) == expected  # all at once (padded batch of very different lengths)
    assert [crf.tag([s])[0] for s in sents] == expected  # one by one
    assert any(tag != "O" for tags in expected for tag in tags)


def test_fast_tagger_is_faster_than_crfsuite_on_seed_sentences() -> None:
    tagger, crf = ner.load_tagger(), ner.load_fast_crf()
    sents = _seed_sentences()
    crf.tag(sents)  # warm the word cache, as a long-running worker has it
    t0 = time.process_time()
    for s in sents:
        tagger.tag(ner.sentence_features(s))
    t1 = time.process_time()
    crf.tag(sents)
    t2 = time.process_time()
    assert t2 - t1 < t1 - t0


# ------------------------------------------------------------------- issue 18: honest dev, clusters, spans


def _sent(text: str, tag: str = "O") -> list[tuple[str, str]]:
    return [(w, tag) for w in text.split()]


def test_dev_split_is_a_tail_block_of_whole_stories() -> None:
    story_a = [_sent("بغداد ـ أعلنت الحكومة اليوم خطة"), _sent("وقال المتحدث إن الخطة جاهزة"),
               _sent("وأضاف أن التنفيذ يبدأ غدا")]
    story_b = [_sent("القاهرة ( أ ف ب ) : التقى الرئيس الوزير"), _sent("وبحث الجانبان العلاقات"),
               _sent("كما تناول اللقاء الوضع")]
    sents = story_a * 5 + story_b * 2  # the nominal 10 % cut (2 of 21) falls inside story_b's copy
    build, dev = ner.split_dev_tail(sents, 0.1)
    assert build + dev == sents  # contiguous, order kept, nothing lost
    assert dev == [story_b[0], *story_b[1:]]  # moved forward to the next story's dateline
    assert ner._opens_document(story_a[0]) and not ner._opens_document(story_a[1])
    assert not ner._opens_document(story_b[2])  # "كما ..." continues a story


def _toy_corpus() -> list[list[str]]:
    names = "محمد احمد علي حسن خالد سامي".split()
    cities = "بغداد القاهره دمشق عمان بيروت تونس".split()
    verbs = "زار وصل غادر".split()
    out = []
    for i in range(600):
        n, c, v = names[i % 6], cities[(i * 5) % 6], verbs[i % 3]
        out.append(["قال", "السيد", n, "انه", v, "الي", c, "امس"])
    return out


def test_word_clusters_are_deterministic_and_group_words_by_context(tmp_path: Path) -> None:
    from pipeline.nlp.wordclusters import train_clusters, write_clusters

    kwargs = {"min_count": 1, "n_contexts": 50, "dims": 4, "n_leaves": 4}
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    write_clusters(train_clusters(_toy_corpus(), **kwargs), a)
    write_clusters(train_clusters(_toy_corpus(), **kwargs), b)
    assert a.read_bytes() == b.read_bytes()  # same corpus, same bytes
    paths = dict(line.split("\t") for line in a.read_text(encoding="utf-8").splitlines())
    assert paths["محمد"] == paths["سامي"]  # same contexts, same class
    assert paths["بغداد"] == paths["تونس"]
    assert paths["محمد"] != paths["بغداد"]


def test_word_cluster_table_is_read_once_and_gives_prefix_features(tmp_path: Path, monkeypatch) -> None:
    from pipeline.nlp import wordclusters

    table = tmp_path / "word_clusters.tsv"
    wordclusters.write_clusters({"بغداد": "110111111001", "محمد": "11110100110111000"}, table)
    loaded = wordclusters.load_clusters(table)
    assert wordclusters.load_clusters(table) is loaded  # read once per process
    monkeypatch.setattr(wordclusters, "load_clusters", lambda: loaded)
    assert wordclusters.cluster_features("كلمه", "بغداد") == ("c5=11011", "c8=11011111", "c11=11011111100",
                                                              "cf=110111111001")
    assert wordclusters.cluster_features("كلمه") == ("c=NONE",)
    monkeypatch.setattr(wordclusters, "load_clusters", dict)
    assert wordclusters.cluster_features("بغداد") == ()  # no table shipped: no cluster features at all
    notice = (wordclusters.CLUSTERS_PATH.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "word_clusters.tsv" in notice and "Apache-2.0" in notice and "ANT" in notice


def test_institution_head_marks_the_noun_phrase_it_governs() -> None:
    from pipeline.nlp.ner_features import _gaz_span_hits

    toks = "اعلنت وزاره الخارجيه الروسيه ان الوفد وصل".split()
    hits = _gaz_span_hits(toks, toks)
    assert "oB" in hits[1] and "oI" in hits[2] and {"oI", "oE"} <= set(hits[3])
    assert "oI" not in hits.get(4, []) and "oI" not in hits.get(5, [])  # the chain stops at "ان"


def test_crf_training_is_deterministic(tmp_path: Path) -> None:
    data = tmp_path / "train.txt"
    data.write_text((GOLD + "\n") * 10, encoding="utf-8")
    one, two = tmp_path / "one" / "m.model", tmp_path / "two" / "m.model"
    ner.train(data, one, params={"max_iterations": 30})
    ner.train(data, two, params={"max_iterations": 30})
    assert one.read_bytes() == two.read_bytes()


def test_a_glued_preposition_does_not_hide_a_gazetteer_place() -> None:
    from pipeline.nlp.ner_features import _token_features

    own = _token_features("بأفغانستان")[0]
    assert "sg=افغانستان" in own and "g:COUNTRY" in own  # ب + أفغانستان: the country entry is found
    assert not any(f.startswith("sg=") for f in _token_features("وليد")[0])  # a name, not و + ليد


def test_crf_features_leave_out_the_entity_lists_taken_from_newsfane() -> None:
    from pipeline.nlp.entities import load_gazetteer
    from pipeline.nlp.ner_features import _gaz_span_hits, _token_features

    gaz = load_gazetteer()
    assert "رويترز" in gaz["ORG"] and "الامم المتحده" in gaz["ORG"]  # still in the file (canonical forms use it)
    assert not any(f.startswith("g:") for f in _token_features("رويترز")[0])  # but the CRF does not see it
    toks = "قالت الامم المتحده امس".split()
    assert not any(f.startswith(("gB:", "gI:")) for fs in _gaz_span_hits(toks, toks).values() for f in fs)
    assert "g:COUNTRY" in _token_features("العراق")[0]  # independent lists stay features


def test_cluster_cooccurrence_counts_every_window_pair_within_sentences() -> None:
    import random

    from pipeline.nlp.wordclusters import _cooccurrence

    rng = random.Random(3)
    words = [f"w{i}" for i in range(30)]
    sents = [[rng.choice(words) for _ in range(rng.randint(1, 9))] for _ in range(300)]
    vocab = {w: i for i, w in enumerate(words[:25])}
    contexts = {w: i for i, w in enumerate(words[:12])}
    expected: dict[tuple[int, int], int] = {}
    for s in sents:
        for i, w in enumerate(s):
            for block, j in enumerate((i - 1, i + 1, i - 2, i + 2)):
                if w in vocab and 0 <= j < len(s) and s[j] in contexts:
                    key = (vocab[w], block * len(contexts) + contexts[s[j]])
                    expected[key] = expected.get(key, 0) + 1
    mat = _cooccurrence(sents, vocab, contexts).tocoo()
    assert dict(zip(zip(mat.row.tolist(), mat.col.tolist(), strict=True), mat.data.tolist(), strict=True)) == expected


def test_cluster_corpus_is_ant_v1_and_the_build_part_never_the_dev_block(tmp_path: Path) -> None:
    import json

    train_ner = load_bench("train_ner")
    (tmp_path / "topics").mkdir()
    (tmp_path / "ner").mkdir()
    (tmp_path / "topics" / "ant_v1_jawharafm.jsonl").write_text(
        json.dumps({"title": "خبر", "text": "وصل الوفد الى تونس."}, ensure_ascii=False) + "\n", encoding="utf-8")
    story = "بغداد O\nـ O\nقال O\nالوزير O\nوالعراقيون O\n\n"
    dev_story = "القاهرة O\nـ O\nزار O\nكوناري B-PERS\n\n"
    (tmp_path / "ner" / "ANERCorp_CamelLab_train.txt").write_text(story * 9 + dev_story, encoding="utf-8")
    sents = train_ner.cluster_sentences(tmp_path)
    words = {w for s in sents for w in s}
    assert ["خبر"] in sents and "تونس" in words  # ANT v1 titles and texts
    assert "العراقيون" in words and "والعراقيون" not in words  # build part, keyed without the clitic
    assert "كوناري" not in words and "القاهره" not in words  # the dev block is never cluster input


def test_occupations_and_club_words_announce_the_next_name() -> None:
    from pipeline.nlp.ner_features import _token_features

    for word in ("الفنانة", "المدافع", "والحارس"):
        own, ctx = _token_features(word)
        assert "title" in own and "title" in ctx  # "الفنانة أميرة كرارة": a person follows
    assert "club" in _token_features("مضيفه")[1]  # "مضيفه ليون": a club follows, though ليون is a city
    assert "club" not in _token_features("الملعب")[1]
    assert "nisba" in _token_features("المغربي")[1]  # "المغربي مبارك بوصوفة": nationality, then a name


def test_postprocess_adds_titled_names_and_curated_bodies_only_where_the_crf_said_o() -> None:
    """The rules start only at a rank title or a curated name's first word, skip the words of a name they
    just added, and never override a tag the CRF gave."""
    s = "وقال اللواء تحسين الخفاجي إن قيادة العمليات المشتركة والعمليات المشتركة أكدت أن العميد الركن يحيى رسول الزبيدي"
    toks = [t for t, _, _ in tokenize_with_offsets(s)]
    names = {"تحسين": "B-PERS", "الخفاجي": "I-PERS", "قيادة": "B-ORG", "العمليات": "I-ORG", "المشتركة": "I-ORG",
             "والعمليات": "B-ORG", "يحيى": "B-PERS", "رسول": "I-PERS", "الزبيدي": "I-PERS"}
    expected = [names.get(t, "O") for t in toks]
    expected[toks.index("المشتركة", toks.index("والعمليات"))] = "I-ORG"
    assert ner.postprocess(toks, ["O"] * len(toks)) == expected
    kept = ["O"] * len(toks)
    kept[toks.index("تحسين")] = "B-LOC"  # the CRF's own tag stays, and the title's name is not forced over it
    out = ner.postprocess(toks, kept)
    assert out[toks.index("تحسين")] == "B-LOC" and out[toks.index("الخفاجي")] == "O"
    assert out[toks.index("قيادة"):toks.index("أكدت")] == expected[toks.index("قيادة"):toks.index("أكدت")]


def test_the_team_is_not_a_rank_before_a_name() -> None:
    """"الفريق" is a rank (lieutenant general) but in news mostly "the team": the rank rule must not make a
    person of the word after it (build part of ANERcorp: right once in 27)."""
    s = "وأكد خليل الدليمي رئيس فريق الدفاع عن صدام ان الفريق سيقاطع جلسة اليوم احتجاجا"
    toks = [t for t, _, _ in tokenize_with_offsets(s)]
    assert ner.postprocess(toks, ["O"] * len(toks)) == ["O"] * len(toks)
    s = "وقال اللواء تحسين الخفاجي"  # a rank that is only a rank still brings its name
    toks = [t for t, _, _ in tokenize_with_offsets(s)]
    assert ner.postprocess(toks, ["O"] * len(toks)) == ["O", "O", "B-PERS", "I-PERS"]



def _article(*sentences: str) -> list[list[str]]:
    return [[t for t, _, _ in tokenize_with_offsets(s)] for s in sentences]


def test_a_name_found_once_is_tagged_where_the_article_repeats_it() -> None:
    """The CRF reads sentence by sentence: "مايكروسوفت" after "شركة" is an organisation, bare it is left O
    (inner dev of the build part: 5 of 7 mentions missed). Repeats with a glued conjunction count too; a tag
    the CRF gave is never overridden; longer names go first."""
    toks = _article("وقالت شركة مايكروسوفت إن المحرك جاهز",
                    "وسيتاح محرك بحث مايكروسوفت أيضا للتحميل",
                    "ونفت ومايكروسوفت ذلك",
                    "وأعلنت منظمة الدول المصدرة للنفط خفض الانتاج",
                    "وقال متحدث باسم الدول المصدرة للنفط إن القرار نهائي")
    tags = [["O"] * len(s) for s in toks]
    tags[0][2] = "B-ORG"
    tags[2][1] = "B-MISC"  # the CRF's own reading stays
    tags[3][2:5] = ["B-ORG", "I-ORG", "I-ORG"]
    ner.propagate_in_article(toks, tags)
    assert tags[1] == ["O", "O", "O", "B-ORG", "O", "O"]
    assert tags[2] == ["O", "B-MISC", "O"]
    assert tags[4][3:6] == ["B-ORG", "I-ORG", "I-ORG"] and tags[4].count("O") == len(tags[4]) - 3


def test_a_word_the_crf_tagged_once_in_six_mentions_is_not_repeated() -> None:
    """A slip on a common word must not spread over the article: a name tagged in fewer than one in five of
    its mentions stays as the CRF left it ("فن المهرج" read once as MISC in an ANT v1 festival story)."""
    toks = _article("ورشة لعب المهرج للاطفال", *["وقدم المهرج عرضا"] * 5)
    tags = [["O"] * len(s) for s in toks]
    tags[0][2] = "B-MISC"
    ner.propagate_in_article(toks, tags)
    assert all(t == ["O"] * 3 for t in tags[1:])
    tags = [["O"] * len(s) for s in toks[:5]]  # once in five: the reading is repeated
    tags[0][2] = "B-MISC"
    ner.propagate_in_article(toks[:5], tags)
    assert all(t == ["O", "B-MISC", "O"] for t in tags[1:])


def test_bare_surnames_still_follow_a_full_name_and_stories_do_not_share_names() -> None:
    toks = _article("واستقبل الرئيس اميل لحود الوفد", "وقال لحود إن")
    tags = [["O"] * len(s) for s in toks]
    tags[0][2:4] = ["B-PERS", "I-PERS"]
    ner.propagate_in_article(toks, tags)
    assert tags[1] == ["O", "B-PERS", "O"]
    story_a = [_sent("بيروت ـ استقبل الرئيس اميل لحود الوفد")]
    story_b = [_sent("دمشق ـ قال متحدث ان لحود غادر"), _sent("وأضاف أن الزيارة انتهت")]
    assert ner.split_stories([*story_a, *story_b]) == [story_a, story_b]
