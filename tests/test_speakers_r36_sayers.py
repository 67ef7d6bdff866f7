"""Round thirty-six (helper "spk36"): a sentence on a watched subject that no quote covers, opening with "كما" and a
decision or saying verb whose subject is a pronoun ("كما تعهدت بإخلاء جميع مواقعها"، "كما طالبوا بانسحاب"), goes
on with the previous sentence's subject when that subject agrees with the verb (issue 13;
``named_sayers.dropped_subject_verb``, ``named_sayers.previous_subject``, ``subject_statements._also_actor``).

The verb's subject is a pronoun when the verb is marked plural (a verb before its own subject stays singular) or when
its complement or أن clause follows it right away; a definite complement followed by an indefinite word leaves the
verb a subject of its own ("كما رحب بالاتفاق عدد من"), and so does a verb whose gender its shape does not show ("كما
تعهد": he pledged or she pledges).
"""

from __future__ import annotations

import pytest

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean


def _flagged(text: str) -> list[str | None]:
    article = enrich_article(ArticleClean(id="t", url="urn:t", outlet="t", title="", text=text))
    return [s.speaker.text if s.speaker else None for s in article.statements if "military_withdrawal" in s.subjects]


@pytest.mark.parametrize(("text", "speaker"), [
    # invented, the shape of a development sentence (was None)
    ("وأشارت الوكالة إلى أن الحركة سلمت القرية للفصائل المعتدلة عقب الاتفاق. كما تعهدت بإخلاء جميع مواقعها على "
     "جبهات التنظيم وسحب مقاتليها من المدينة.", "الوكالة"),
    # invented (was None)
    ("واستنكر المحتجون صمت الحكومة أمام ما يجري في المدينة. كما طالبوا بانسحاب القوات الأجنبية من البلاد.",
     "المحتجون"),
    # invented: the previous verb's complement is cut off its subject (was None)
    ("وطالب الوزير بعقد اجتماع عاجل مع نظرائه. كما طالب بالضغط على الاحتلال لسحب قواته من الأراضي المحتلة.",
     "الوزير"),
])
def test_a_dropped_subject_after_kama_is_the_previous_sentences(text, speaker) -> None:
    assert _flagged(text)[-1] == speaker


@pytest.mark.parametrize("text", [
    # a singular name does not agree with a plural verb
    "وتأتي تصريحات كيري في الوقت الذي تشتد فيه المعارك حول المدينة. كما طالبوا بانسحاب القوات الأجنبية من البلاد.",
    # a subject of its own after the definite complement
    "وطالب الوزير بعقد اجتماع عاجل مع نظرائه. كما رحب بالاتفاق عدد من المسؤولين الذين طالبوا بانسحاب القوات "
    "الأجنبية من البلاد.",
    # a feminine antecedent for a masculine verb
    "وطالبت الوزارة بعقد اجتماع عاجل مع نظرائها. كما طالب بالضغط على الاحتلال لسحب قواته من الأراضي المحتلة.",
    # a demonstrative phrase is nobody
    "وقد ابتدأ هذا الانتصار في عصر الحرب الطويلة. كما دعاهم إلى انسحاب القوات الأجنبية من البلاد.",
])
def test_no_previous_subject_that_does_not_fit(text) -> None:
    assert _flagged(text)[-1] is None
