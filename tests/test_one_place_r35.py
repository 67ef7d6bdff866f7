"""Round thirty-five, one place per concept (issue 13): a verb's gender and number marks and the definite-article
prefixes are read through one helper each (``speaker_words``), by every rule that used its own copy."""

from __future__ import annotations

from pipeline.nlp import before_verb, coordinated, described, mentions, speaker_spans, untagged_names
from pipeline.nlp.speaker_words import DEFINITE, feminine_verb, plural_verb


def test_verb_marks_read_the_shape():
    assert [feminine_verb(v) for v in ("قالت", "تقول", "تنفي", "قال", "يقول", "اكد")] == [True] * 3 + [False] * 3
    assert [plural_verb(v) for v in ("قالوا", "يقولون", "قال", "تقول", "قالت")] == [True] * 2 + [False] * 3


def test_the_rules_read_the_shared_helpers():
    """No rule keeps a copy: each module's name is the shared object itself."""
    assert before_verb.feminine_verb is feminine_verb and before_verb.plural_verb is plural_verb
    assert coordinated.feminine_verb is feminine_verb and mentions.feminine_verb is feminine_verb
    assert described.DEFINITE is DEFINITE and speaker_spans.DEFINITE is DEFINITE and untagged_names.DEFINITE is DEFINITE
