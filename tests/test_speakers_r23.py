"""Round twenty-three (helper "ctx23"): speakers read from the article's earlier sentences (issue 13), and two
local fixes of the decision-verb fallback.

* A name governed by a noun after a decision verb ("طلبت حكومة إقليم كردستان"، a construct) is no actor on its own:
  the whole noun phrase is, or nobody.
* A headline "X: ..." gives its withdrawal statement no speaker (the labelled set's convention: a headline is the
  outlet's), and no name from inside its reported clause.

The real sentences come from the ANT v2 stream; the invented ones show what each rule leaves alone.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.ner import extract_entities
from pipeline.nlp.subject_statements import unattributed_statements


def _speaker(text: str) -> str | None:
    """The speaker of the one unattributed withdrawal statement of ``text`` (None: the outlet narrates)."""
    [st] = unattributed_statements(text, [], year=2018, entities=extract_entities(text))
    assert (st.speaker is not None) == st.attributed
    return st.speaker.text if st.speaker else None


# invented: a region's presidency, the region's name in construct with it
CONSTRUCT = "طلبت حكومة إقليم كردستان أمس من أنقرة سحب قواتها من أراضي الإقليم."
# invented control: the place itself stands right after the verb, as a government
PLACE = "طالبت بغداد أمس بانسحاب القوات التركية من أراضيها."
# ANT v2 BB-middleEast-601-20180608: a related headline
HEADLINE = "تركيا: طلب العراق سحب القوات التركية \"خطير واستفزازي\""


@pytest.mark.parametrize(("text", "speaker"), [
    (CONSTRUCT, "حكومة إقليم كردستان"),
    (PLACE, "بغداد"),
    (HEADLINE, None),
])
def test_decision_fallback_reads_whole_phrases_and_no_headline(text: str, speaker: str | None) -> None:
    assert _speaker(text) == speaker


def test_a_reporting_verb_before_a_colon_is_no_headline() -> None:
    from pipeline.nlp.subject_statements import _headline

    line = "وأضاف: \"سنطالب بانسحاب القوات\""
    assert not _headline(line, 0, len(line))
    assert _headline(HEADLINE, 0, len(HEADLINE))


def test_a_dateline_or_a_stopped_sentence_is_no_headline() -> None:
    from pipeline.nlp.subject_statements import _headline

    dateline = "إيلاف من لندن: فيما بحث رئيس الوزراء العراقي ترتيبات انسحاب القوات"
    stopped = "تركيا: العراق طلب سحب القوات التركية."
    assert not _headline(dateline, 0, len(dateline))
    assert not _headline(stopped, 0, len(stopped) - 1)
