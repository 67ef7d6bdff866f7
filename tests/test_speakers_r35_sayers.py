"""Round thirty-five (helper "spk35"): a sayer named in a sentence on a subject that no quote covers (issue 13).

A sentence on a watched subject that no statement covers is given to the body acting in it
(``subject_statements._actor``, a closed class of decision verbs). Two shapes left the one who speaks out or named
a wrong one (``pipeline.nlp.named_sayers``):

* a verb of saying opening the sentence with its content in a prepositional phrase, no أن clause ("وشدد X، في
  تصريحات ...، على ضرورة انسحاب"، "وأفادت تقارير بإجلاء"): its subject is the speaker, without the complement
  glued to it;
* the phrase after a decision verb that opens with بـ is the verb's complement, never its subject ("كما تعهدت
  بإخلاء جميع مواقعها"، "يطالبون برحيل جنود الحلف").

And a feminine participle right after an indefinite feminine noun, closed by a comma ("وفي خطوة لافتة،"), is the
noun's adjective, not a hal participle reporting a quote (``named_sayers.attributive``).
"""

from __future__ import annotations

import pytest

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean


def _flagged(text: str) -> list[tuple[str | None, str]]:
    article = enrich_article(ArticleClean(id="t", url="urn:t", outlet="t", title="", text=text))
    return [(s.speaker.text if s.speaker else None, s.quote) for s in article.statements
            if "military_withdrawal" in s.subjects]


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 BB-middleEast-524-20180521 (was None)
    ("وأوضح البيان أن ذلك تحقق بعد أن طردت القوات الحكومية مسلحي تنظيم الدولة الإسلامية من مناطق مخيم اليرموك. "
     "وأفادت تقارير بإجلاء بعض المسلحين بالحافلات إلى مناطق في شرقي سوريا.", "تقارير"),
    # invented (was None)
    ("وشدد المبعوث الأممي مارتن غريفيث، في تصريحات لقناة تلفزيونية، على ضرورة انسحاب الحوثيين من مدينة الحديدة.",
     "المبعوث الأممي مارتن غريفيث"),
])
def test_a_verb_of_saying_with_its_content_after_a_preposition(text, speaker) -> None:
    assert _flagged(text)[-1][0] == speaker


@pytest.mark.parametrize("text", [
    # invented (was "بإخلاء جميع مواقعها")
    "وأشارت الوكالة إلى أن الفصيل سلم القرية للواء آخر. كما تعهدت بإخلاء جميع مواقعها على جبهات تنظيم داعش "
    "وتسليم مقراتها في مدينة أعزاز.",
    # invented (was "برحيل جنود حلف شمال الأطلسي البالغ")
    "ضاعف مقاتلو الحركة الهجمات وما زالوا يطالبون برحيل جنود حلف شمال الأطلسي البالغ عددهم 12 ألفا.",
])
def test_a_complement_after_a_decision_verb_is_no_speaker(text) -> None:
    speaker = _flagged(text)[-1][0]
    assert speaker is None or not speaker.startswith("ب")


def test_a_decision_verb_that_is_also_a_verb_of_saying_keeps_the_bodies_after_it() -> None:
    """ "اختتم" is both: the bodies named after it are still read as the decision's (passes before and after)."""
    text = ("واختتمت واشنطن وبغداد في آب الماضي الجولة الرابعة من الحوار التي تضمنت انسحاب القوات المقاتلة الأجنبية "
            "من العراق بنهاية العام الجاري.")
    assert _flagged(text)[-1][0] == "واشنطن وبغداد"


def test_a_verb_of_saying_with_its_content_as_object_gives_no_speaker() -> None:
    """ "ونقلت الوكالة انسحاب القوات": no preposition after the subject, the object is glued to it; no speaker is read
    (passes before and after)."""
    assert _flagged("ونقلت الوكالة انسحاب القوات الأمريكية من قاعدة التنف.")[-1][0] is None


def test_an_adjective_of_an_indefinite_noun_is_no_hal_participle() -> None:
    """ "وفي خطوة لافتة،": a striking step, nobody "pointing out"; the quoted name after it is no quote (was a
    statement "قوات سوريا الديمقراطية" by the verb "لافتة"; invented)."""
    text = "وفي خطوة لافتة، سحبت «قوات سوريا الديمقراطية» مقاتليها من مدينة منبج."
    assert [quote for _, quote in _flagged(text)] == [text[:-1]]


def test_a_hal_participle_after_a_comma_still_reports() -> None:
    """ "في بيان لها، لافتة إلى أن": a comma before the participle, a hal of the ministry (passes before and after)."""
    text = "وقالت الوزارة في بيان لها، لافتة إلى أن القوات ستنسحب من المدينة خلال أيام."
    assert _flagged(text)[-1][0] == "الوزارة"
