"""Issue 18: the two-pass (stacked) CRF — ``dt=`` story features, FastCrf with per-token extras, training, runtime."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from pipeline.nlp import crf as crf_module
from pipeline.nlp import ner
from pipeline.text.tokenize import tokenized_sentences

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def _articles() -> list[list[list[str]]]:
    """Each seed article as its token sentences (one article = one story, as ``extract_entities`` reads it)."""
    return [[[t for t, _, _ in toks] for _, _, toks in tokenized_sentences(p.read_text(encoding="utf-8"))]
            for p in sorted(SEEDS.glob("*.txt"))]


def test_dt_feature_is_the_most_frequent_tag_of_the_word_in_the_other_sentences() -> None:
    toks = [["قال", "اللواء", "تحسين", "الخفاجي"],
            ["واكد", "الخفاجي", "ان", "وزارة", "الداخلية", "مستعدة"],
            ["وزار", "والخفاجي", "بغداد", "امس"],
            ["وقال", "بيان", "الداخلية", "ان", "الخفاجي", "وصل"]]
    tags = [["O", "O", "B-PERS", "I-PERS"],
            ["O", "B-PERS", "O", "B-ORG", "I-ORG", "O"],
            ["O", "B-LOC", "B-LOC", "O"],
            ["O", "O", "B-ORG", "O", "B-PERS", "O"]]
    got = ner.story_tag_features(toks, tags)
    assert [len(row) for row in got] == [len(s) for s in toks]
    # الخفاجي (clitic "و" stripped in sentence 3): I-PERS 1, B-PERS 2, B-LOC 1 across the story
    assert got[0][3] == ["dt=B-PERS"]  # its own I-PERS does not count
    assert got[2][1] == ["dt=B-PERS"]  # the word read as B-LOC here: the rest of the story says PERS
    assert got[1][1] == ["dt=I-PERS"]  # others: I-PERS 1, B-PERS 1, B-LOC 1 -> the tag seen first wins the tie
    assert got[1][4] == ["dt=B-ORG"] and got[3][2] == ["dt=I-ORG"]  # الداخلية, each from the other sentence
    assert got[0][2] == [] and got[2][2] == []  # تحسين, بغداد: tagged only in their own sentence
    assert got[0][0] == [] and got[3][0] == []  # قال / وقال: never tagged


def test_dt_features_are_built_within_each_story_of_a_file() -> None:
    a = [("بغداد", "B-LOC"), ("ـ", "O"), ("قال", "O"), ("الخفاجي", "B-PERS")]
    b = [("وقال", "O"), ("الخفاجي", "O")]
    c = [("القاهرة", "B-LOC"), ("(", "O"), ("أ", "O"), ("ف", "O"), ("ب", "O"), (")", "O"), ("الخفاجي", "O")]
    sents = [a, b, c]
    assert len(ner.split_stories(sents)) == 2
    feats = ner.stacked_features(sents, [[g for _, g in s] for s in sents])
    assert feats[1][1] == ["dt=B-PERS"]  # same story
    assert feats[2][6] == []  # the next story does not see it


def _first_and_second_pass(article: list[list[str]]) -> tuple[list[list[str]], list[list[list[str]]]]:
    first = ner.tag_sentences(article)
    return first, ner.story_tag_features(article, first)


def test_fast_crf_second_pass_equals_crfsuite_on_the_same_features() -> None:
    """The second pass decoded by FastCrf (cached word sums + per-token dt= weights) gives crfsuite's tags."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(ner.STACKED_MODEL_PATH))
    crf = crf_module.FastCrf(crf_module.read_crf_model(ner.STACKED_MODEL_PATH))
    n_dt = 0
    for article in [*_articles(), [["قال", "اللواء", "تحسين", "الخفاجي"], [], ["وقال", "الخفاجي", "إن"]]]:
        _, extra = _first_and_second_pass(article)
        n_dt += sum(bool(x) for row in extra for x in row)
        expected = [tagger.tag([f + x for f, x in zip(ner.sentence_features(s), row, strict=True)]) if s else []
                    for s, row in zip(article, extra, strict=True)]
        assert crf.tag(article, extra) == expected
        assert [crf.tag([s], [row])[0] for s, row in zip(article, extra, strict=True)] == expected
    assert n_dt > 50  # the dt= path was exercised


def test_second_pass_emissions_add_the_dt_weights_to_the_cached_word_sums(monkeypatch) -> None:
    crf = crf_module.FastCrf(crf_module.read_crf_model(ner.STACKED_MODEL_PATH))
    monkeypatch.setattr(crf_module, "_MAX_CACHED_WORDS", 50)  # resets in the middle must not change anything
    article = _articles()[0]
    _, extra = _first_and_second_pass(article)
    sents = [s for s in article if s]
    rows = [row for s, row in zip(article, extra, strict=True) if s]
    got = crf.emissions(sents, rows)
    plain = crf.emissions(sents)
    ref = [sum((crf.weights.state.get(f, crf._zero) for f in feats + x), crf._zero.copy())
           for s, row in zip(sents, rows, strict=True) for feats, x in zip(ner.sentence_features(s), row, strict=True)]
    assert abs(got - ref).max() < 1e-9
    flat = [x for row in rows for x in row]
    changed = [i for i, x in enumerate(flat) if x]
    assert changed and abs(got - plain)[changed].max() > 0  # dt= weights do count
    assert abs(got - plain)[[i for i, x in enumerate(flat) if not x]].max() == 0  # and only where present
    with pytest.raises(ValueError):
        crf.emissions(sents, rows[:-1])
    with pytest.raises(ValueError):
        crf.tag(article, extra[:-1])


def test_tag_article_runs_the_second_pass_then_propagates() -> None:
    for article in _articles():
        first, extra = _first_and_second_pass(article)
        raw = ner._load_second_pass(ner.MODEL_PATH).tag(article, extra)
        second = [ner.postprocess(s, t) if s else [] for s, t in zip(article, raw, strict=True)]
        expected = second if ner.has_story_evidence(extra) else first
        ner.propagate_in_article(article, expected)
        assert ner.tag_article(article, two_pass=True) == expected


def test_a_sentence_without_story_evidence_keeps_its_first_pass_tags() -> None:
    """One sentence: no dt= anywhere; the second pass would drop ترامب (seen nowhere else), the first keeps it."""
    article = [["ويأتي", "كلام", "ماتيس", "ردا", "على", "سؤال", "حول", "إعلان", "ترامب", "مرارا", "عزمه", "سحب",
                "القوات", "الأمريكية", "من", "سوريا"]]
    first, extra = _first_and_second_pass(article)
    assert not any(extra[0]) and first[0][8] == "B-PERS"
    assert ner._load_second_pass(ner.MODEL_PATH).tag(article, extra)[0][8] == "O"
    assert ner.tag_article(article, two_pass=True)[0][8] == "B-PERS"
    # per story: a story with evidence takes the second pass (all its sentences), one without keeps the first
    a = [[("بغداد", "O"), ("ـ", "O")], [("وقال", "O")]]
    b = [[("القاهرة", "O"), ("(", "O")]]
    first, second = [["B-LOC", "O"], ["O"], ["B-LOC", "O"]], [["O", "O"], ["B-PERS"], ["O", "O"]]
    extra = [[[], []], [["dt=B-PERS"]], [[], []]]
    assert ner.with_story_evidence([*a, *b], first, second, extra) == [["O", "O"], ["B-PERS"], ["B-LOC", "O"]]


def test_without_a_second_pass_model_the_first_pass_is_used(tmp_path: Path) -> None:
    model = tmp_path / "only_first.model"
    model.write_bytes(ner.MODEL_PATH.read_bytes())
    assert ner._load_second_pass(model) is None
    article = _articles()[1]
    expected = ner.tag_sentences(article)
    ner.propagate_in_article(article, expected)
    assert ner.tag_article(article, model, two_pass=True) == expected


def test_training_both_passes_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    """Deterministic training: the first pass, the folds and the second pass, twice, byte for byte."""
    sents = [s for article in _articles() for s in article if s][:120]
    tags = ner.tag_sentences(sents)  # the shipped model's reading as labels: enough to fit a small model
    data = tmp_path / "small.txt"
    data.write_text("\n\n".join("\n".join(f"{t} {g}" for t, g in zip(s, tg, strict=True))
                                for s, tg in zip(sents, tags, strict=True)) + "\n", encoding="utf-8")
    paths = []
    for run in ("a", "b"):
        model = tmp_path / run / "m.model"
        report = ner.train(data, model, params={"max_iterations": 15})
        assert report["stacked_dev"]["micro"]["support"] == report["dev"]["micro"]["support"] > 0
        paths.append((model, crf_module.stacked_path_for(model)))
    for a, b in zip(*paths, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert paths[0][0].read_bytes() != paths[0][1].read_bytes()


def test_the_second_pass_is_off_unless_the_setting_turns_it_on(monkeypatch) -> None:
    """Default: the first pass only (the second is neutral on the real stream and costs ~15 % of enrichment);
    ``RAQIB_NER_TWO_PASS=1`` switches every ``extract_entities`` of the process to both passes."""
    article = next(a for a in _articles() if ner.tag_article(a, two_pass=True) != ner.tag_article(a, two_pass=False))
    monkeypatch.delenv("RAQIB_NER_TWO_PASS", raising=False)
    ner.two_pass_by_default.cache_clear()
    try:
        assert ner.tag_article(article) == ner.tag_article(article, two_pass=False)
        monkeypatch.setenv("RAQIB_NER_TWO_PASS", "1")
        ner.two_pass_by_default.cache_clear()
        assert ner.tag_article(article) == ner.tag_article(article, two_pass=True)
    finally:
        monkeypatch.delenv("RAQIB_NER_TWO_PASS", raising=False)
        ner.two_pass_by_default.cache_clear()
