"""Round 37 (issue 13, speed): the batched Viterbi of ``FastCrf.tag`` runs on time-major arrays with its buffers
written in place; it must decode exactly what crfsuite (the plain, one-sentence path) decodes, whatever the mix
of sentence lengths and their order in the batch."""

from __future__ import annotations

from pathlib import Path

from pipeline.nlp import ner
from pipeline.text.tokenize import tokenized_sentences

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _sentences() -> list[list[str]]:
    return [[t for t, _, _ in toks] for p in sorted(SEEDS.glob("*.txt"))
            for _, _, toks in tokenized_sentences(p.read_text(encoding="utf-8"))]


def test_batched_viterbi_equals_crfsuite_for_any_mix_and_order_of_lengths() -> None:
    tagger, crf = ner.load_tagger(), ner.load_fast_crf()
    sents = _sentences()
    invented = [["قال", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو"], ["بغداد"], ["و"],
                ["أعلن", "الجيش", "العراقي"], ["أعلن", "الجيش", "العراقي"]]  # equal lengths: a stable order
    batch = [*invented, *sents, [], *invented[::-1]]
    expected = [tagger.tag(ner.sentence_features(s)) if s else [] for s in batch]
    assert crf.tag(batch) == expected
    assert crf.tag(batch[::-1]) == expected[::-1]  # longest first or last: the same tags
    by_length = sorted(batch, key=len)
    assert crf.tag(by_length) == [expected[batch.index(s)] for s in by_length]
    assert crf.tag([["بغداد"], []]) == [expected[1], []]  # one step: no transition at all
    assert any(tag != "O" for tags in expected for tag in tags)
