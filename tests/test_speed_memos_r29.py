"""Round twenty-nine's speed shortcuts give the answers of the direct computation: clitic forms tried by the first
letter, the NER word features built from the folded word and stem the tagger's caller made, the frames of a
sentence matched only for the predicates it has, and the Viterbi written into buffers."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.nlp import ner_features
from pipeline.nlp.subjects import frame_hits, load_subjects
from pipeline.nlp.wordgroups import SentenceMatches, clitic_forms, words
from pipeline.text.normalise import PROCLITICS_ALL

LABELLED = Path(__file__).parent / "data" / "withdrawal" / "labelled.jsonl"


def _sentences(limit: int = 300) -> list[str]:
    """Real news sentences of the labelled set (withdrawals and hard negatives)."""
    return [json.loads(line)["sentence"] for line in LABELLED.read_text(encoding="utf-8").splitlines()[:limit]]


def test_clitic_forms_by_first_letter_are_every_proclitic_tried_in_order() -> None:
    """Trying only the proclitics of a word's first letter gives the forms of trying all of them, in the same
    order, on real words and on every proclitic chain alone, doubled, and before a short stem."""
    samples = {w for s in _sentences() for w in words(s)}
    samples |= {p + q + stem for p in PROCLITICS_ALL for q in ("", *PROCLITICS_ALL) for stem in ("", "م", "قوات")}
    assert any(len(clitic_forms(w)) > 2 for w in samples)
    for word in samples:
        assert clitic_forms(word) == tuple(word[len(p):] for p in PROCLITICS_ALL
                                           if word.startswith(p) and len(word) > len(p)), word


def test_ner_word_features_fold_each_word_once(monkeypatch) -> None:
    """A word whose folded form and stem are known (``_norm_and_stem``, made for the CRF's bigrams) gets its
    features without folding it again; they are those of the word folded and stemmed directly."""
    word = "وبالعاصمة"
    norm, no_conj = ner_features._norm_and_stem(word)
    ner_features._token_features.cache_clear()
    monkeypatch.setattr(ner_features, "fold_name", lambda w: (_ for _ in ()).throw(AssertionError(w)))
    own, ctx = ner_features._token_features(word)
    monkeypatch.undo()
    ner_features._token_features.cache_clear()
    stems = ner_features._stems(ner_features.fold_name(word))
    assert ("n=" + norm, "nc=" + stems[0], "b=" + stems[1]) == own[1:4] and no_conj == stems[0]
    assert (own, ctx) == ner_features._token_features(word)


def test_frame_hits_ask_each_predicate_once_and_find_the_same_frames(monkeypatch) -> None:
    """The frames are matched for the predicates a sentence has, each predicate group asked once (not once per
    frame it anchors); the hits are those of every frame tried in rule order."""
    subject = next(s for s in load_subjects() if s.rule_names)
    asked: list[int] = []
    real_hits = SentenceMatches.hits
    monkeypatch.setattr(SentenceMatches, "hits", lambda self, group: asked.append(id(group)) or real_hits(self, group))
    frame_hits(words("قال المتحدث إن الاجتماع عقد أمس في العاصمة"), subject)
    predicates = {id(subject.groups[names[0]]) for names in subject.rule_names if names}
    assert len(predicates) < len([n for n in subject.rule_names if n])  # some predicate anchors several frames
    assert len(asked) == len(set(asked)) == len(predicates)
    monkeypatch.undo()
    fired = 0
    for sentence in _sentences():
        toks = words(sentence)
        every_rule = _frame_hits_every_rule(toks, subject)
        assert frame_hits(toks, subject) == every_rule, sentence
        fired += bool(every_rule)
    assert fired > 20


def _frame_hits_every_rule(toks: list[str], subject) -> list:
    """``frame_hits`` with every frame tried in rule order: each rule alone, its anchors' hits kept in order."""
    from dataclasses import replace

    hits: list = []
    for i in range(len(subject.rules)):
        alone = replace(subject, rules=subject.rules[i:i + 1], rule_names=subject.rule_names[i:i + 1])
        for hit in frame_hits(toks, alone, memo=SentenceMatches(toks)):
            known = next((h for h in hits if h.anchor == hit.anchor), None)
            if known is None:
                hits.append(hit)
            elif hit.trusted and not known.trusted:
                hits[hits.index(known)] = replace(known, trusted=True)
    return hits
