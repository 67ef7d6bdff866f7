"""Round thirty-five, second wave (helper "spk35b"): the subject of a decision verb late in a long sentence, and a
body named by a common noun with its quoted name after it (issue 13).

A sentence on a watched subject that no quote covers is given to the body acting in it
(``subject_statements._actor``); a decision verb after the sentence's twelfth word was never read. It is now when it
opens a clause of its own (after a comma or a relative pronoun) and its subject is a name
(``named_sayers.late_subject``), read past the relative clause's pronoun ("في الوقت الذي تطالب فيه بغداد",
``speakers.clause_subject``). A subject that is a bare common noun with the body's quoted name after it ("أقرت حركة
«أحرار الشام»") is the whole name, as a statement's speaker already is (``speaker_spans.with_name_after``). A late
name the verb does not agree with is its object ("ويطالب إيران بـ": a city or country named without the article is
feminine, ``named_sayers.name_gender``); after a relative pronoun the verb must carry an object pronoun or be
followed by فيه/فيها, else the relative pronoun is its subject ("التي تهدد دمشق").
Sentences are invented.
"""

from __future__ import annotations

import pytest

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean

_LONG = "ومدد مجلس الأمن الدولي مهمة القوات الدولية في البلاد لعام آخر، رغم التحسن النسبي في العلاقات بين البلدين، "
_RESOLUTION = ("وتبنى مجلس الأمن الدولي أمس قرارا جديدا بشأن الملف النووي بعد مفاوضات طويلة بين الدول الكبرى في "
               "فيينا، ")
_SIEGE = ("واستمر القصف على البلدة طوال الأسبوع الماضي، بعد فشل جولتين من المحادثات على إخراج المسلحين من البلدة "
          "المحاصرة، ")


def _speaker(text: str) -> str | None:
    article = enrich_article(ArticleClean(id="t", url="urn:t", outlet="t", title="", text=text))
    flagged = [s for s in article.statements if "military_withdrawal" in s.subjects]
    return flagged[-1].speaker.text if flagged[-1].speaker else None


@pytest.mark.parametrize(("text", "speaker"), [
    # a relative clause late in the sentence, its pronoun between the verb and the subject (was None)
    (_LONG + "في الوقت الذي تطالب فيه بغداد بوضع جدول زمني لانسحاب تلك القوات من البلاد.", "بغداد"),
    # a clause after a comma, its subject a common noun and the quoted name (was None)
    (_SIEGE + "أقرت حركة «أحرار الشام» بإحداهما أمس، معلنة فشل التفاوض.", "حركة «أحرار الشام»"),
    # a country named without the article after a feminine verb: its government (was None)
    (_RESOLUTION + "وطالبت إيران بسحب القوات الأجنبية من سوريا.", "إيران"),
    # the same verb opening its sentence (was "حركة")
    ("أقرت حركة «أحرار الشام» بفشل المفاوضات على إخراج المقاتلين من المدينة.", "حركة «أحرار الشام»"),
])
def test_a_named_subject_of_a_decision_verb(text, speaker) -> None:
    assert _speaker(text) == speaker


@pytest.mark.parametrize("text", [
    # a late clause whose subject is no name: still nobody (passes before and after)
    _LONG + "في الوقت الذي تطالب فيه المعارضة بوضع جدول زمني لانسحاب تلك القوات من البلاد.",
    _SIEGE + "وأعلنت الفصائل المسلحة رفضها الانسحاب.",
    # a masculine verb before a country named without the article: the country is the object (the resolution demands)
    _RESOLUTION + "ويطالب إيران بسحب قواتها من سوريا.",
    # a relative pronoun that nothing after the verb points back to is the verb's subject: the place is its object
    _RESOLUTION + "ودعا الفصائل التي تهدد دمشق إلى سحب مقاتليها من الغوطة.",
])
def test_a_late_subject_that_is_no_name_is_no_speaker(text) -> None:
    assert _speaker(text) is None
