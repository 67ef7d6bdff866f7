"""Sayers the extractor missed around a verb of going on (issue 13, round 37): the subject before the going-on verb
in the same clause ("لكن روسيا ما زالت تعارض"، "هذا التشكيل يظل يطالب"), طرح as a verb of demand only with a noun of
demand or plan after it ("ولا يزال المتمردون يطرحون شرطا"), and the present verb of demand as the statement's verb
(``named_sayers.continuing_sayer``, ``subject_statements._still_actor``)."""

from __future__ import annotations

import pytest

from pipeline.nlp import named_sayers, subject_statements
from pipeline.nlp.statements import extract_statements
from tests.conftest import enriched_statements


def _flagged(text: str) -> list[tuple[str | None, str]]:
    return [(s.speaker.text if s.speaker else None, s.verb) for s in enriched_statements(text)
            if "military_withdrawal" in s.subjects]


def _sayer(text: str):
    return named_sayers.continuing_sayer(text, 0, len(text), (0, 0), subject_statements._decides_or_says, [])


@pytest.mark.parametrize(("text", "speaker", "verb"), [
    # invented, the shape of a development sentence (was None): طرح with a noun of demand after it
    ("ولا يزال المسلحون يطرحون شرطا أساسيا لأي اتفاق هو الانسحاب الكامل للقوات الأجنبية من البلاد.", "المسلحون",
     "يطرحون"),
    # invented (was the verb ""): the present verb of demand is the statement's verb
    ("ولا يزال المتمردون يطالبون بالانسحاب الفوري لجميع الجنود الأجانب المنتشرين في البلاد.", "المتمردون",
     "يطالبون"),
    # invented (was None): the subject before the going-on verb
    ("ومع ذلك فإن هذا التحالف المعارض يظل يطالب بانسحاب القوات الأجنبية من البلاد.", "هذا التحالف المعارض",
     "يطالب"),
])
def test_the_sayer_of_a_going_on_demand(text, speaker, verb) -> None:
    assert _flagged(text)[-1] == (speaker, verb)


@pytest.mark.parametrize(("text", "subject", "verb"), [
    ("لكن قطر ظلت تنفي دعمها أي تنظيم متطرف.", "قطر", "تنفي"),  # ANT v2
    ("وأوضحت الشرطة المحلية أن \"السلطات لا تزال تبحث عن الشاحنة المعنية\".", "السلطات", "تبحث"),  # ANT v2
    ("وقال دبلوماسي إن روسيا ما زالت تعارض الفكرة بشدة.", "روسيا", "تعارض"),  # invented
])
def test_the_subject_before_the_going_on_verb(text, subject, verb) -> None:
    found = _sayer(text)
    assert found is not None and (found[0].text, found[1]) == (subject, verb)


@pytest.mark.parametrize("text", [
    "ولا يميل المحققون إلى أي فرضية، فهم لا يزالون يبحثون عن معلومات.",  # invented: a pronoun, no noun
    "القوى السياسية من مختلف المكونات التي كانت ولا تزال تمسك بزمام السلطة.",  # invented: a relative's clause
    "ولا تزال الشركة تطرح أسهمها في السوق منذ سنوات.",  # invented: طرح releases shares, no demand
    "وفي ظل الأزمة تطالب الحكومة بانسحاب القوات.",  # invented: under, no going-on verb
])
def test_no_sayer_from_other_shapes(text) -> None:
    assert _sayer(text) is None


def test_put_forward_only_with_a_noun_of_demand() -> None:
    assert named_sayers.puts_forward("يطرحون", "رؤى")
    assert named_sayers.puts_forward("وطرحت", "مبادرة")
    assert not named_sayers.puts_forward("طرحت", "أسهمها")
    assert not named_sayers.puts_forward("يطرح", "قضية")


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(s.speaker.text if s.speaker else None, s.verb) for s in extract_statements(text)]


@pytest.mark.parametrize(("text", "said"), [
    # ANT v2 (no statement at 6c5d80c): a verb of writing before a colon and a quote, and the continuation after it
    ("وكتب ماتيو سالفيني في تغريدة على موقع تويتر: \"سوف نغلق المطارات مثلما أغلقنا الموانئ\".\n"
     "وأضاف: \"لن نتراجع\".", [("ماتيو سالفيني", "كتب"), ("ماتيو سالفيني", "أضاف")]),
    # ANT v2 (no statement at 6c5d80c)
    ("وكتبت كونشيتا على انستغرام :\"لن أمنح أحدا الحق في أن يخيفني ويؤثر على حياتي\".",
     [("كونشيتا", "كتبت")]),
])
def test_a_writer_says_what_follows_the_colon(text, said) -> None:
    assert _said(text) == said


@pytest.mark.parametrize("text", [
    "وقالت إنها قامت بتأليف ثلاثة كتب في الطبخ أيضاً : «اكتشفت مع الممارسة أنني بدأت في الإبداع».",  # books
    "وعلقت الشابة على سيارتها ورقة كتبت عليها: \"حمارة جديدة بالسياقة ابتعدوا عني\".",  # written on it
    "كتب الأكاديمي مقالا بعنوان: «ابن تيمية الذي حفر حفرة».",  # a title
    "وكتب تعليقا مداعبا: \"هل يريد أي شخص قليلا من عملة بيتكوين؟\"",  # the comment, not its writer
    "ولدت في فلسطين، بحسب ما كتبت على صفحتها: \"أنا فلسطينية\".",  # an attribution
])
def test_no_writer_from_other_shapes(text) -> None:
    # invented or ANT v2 shapes; no كتب statement at 6c5d80c (no such trigger) nor after
    assert all(verb not in ("كتب", "كتبت") for _, verb in _said(text))


def test_the_writing_in_a_relative_clause_is_no_report() -> None:
    # ANT v2; the same at 6c5d80c: the quote is hers as the one who says it (وتقول)
    text = ("وتقول الدكتورة ميغان مورينو، من جامعة ويسكونسن، التي كتبت المقال الموجه للآباء: \"في بعض الأحيان "
            "يساء فهم فيتامين د\".")
    assert _said(text) == [("الدكتورة ميغان مورينو", "تقول")]
