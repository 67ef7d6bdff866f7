"""Speaker rules of round twenty-one, each on a real sentence of the stream (seed4848 and the dev samples) that
failed before its rule."""

from __future__ import annotations

import pytest

from pipeline.nlp.statements import extract_statements
from tests.conftest import enriched_statements


def _enriched_statements(text: str) -> list[tuple[str | None, str, str]]:
    """(speaker, verb, quote) of each statement, with the entities the pipeline finds."""
    return [(s.speaker.text if s.speaker else None, s.verb, s.quote) for s in enriched_statements(text)]


@pytest.mark.parametrize(("text", "speaker"), [
    # "رفض ذكر اسمه" was a statement of its own ("اسمه" the speaker) and cut the statement of "نفى" short
    ("وتعتصم خديجة مع عدد من الصحفيين الأتراك أمام مقر القنصلية، فيما نفى أحد العاملين في القنصلية السعودية في "
     "اسطنبول، رفض ذكر اسمه، أن يكون للقنصلية أي علم بالموضوع.", "أحد العاملين في القنصلية السعودية في اسطنبول"),
    ("وقال مسؤول أوروبي، طلب عدم ذكر اسمه، لوكالة فرانس برس، إن هذا التقدم \"غير متوقع\"، ويعتبر مصدرا للتفاؤل "
     "الحذر.", "مسؤول أوروبي"),
])
def test_declining_to_be_named_is_no_statement(text: str, speaker: str) -> None:
    statements = extract_statements(text, [])
    assert [s.speaker.text if s.speaker else None for s in statements] == [speaker]
    assert all(s.verb != "ذكر" for s in statements)


def test_naming_someone_outright_is_still_a_statement() -> None:
    """Only the name as the verb's object is ruled out: "وذكر المتحدث أن" stays a statement."""
    statements = extract_statements("وذكر المتحدث باسم الوزارة أن الاجتماع سيعقد غدا في العاصمة.", [])
    assert [s.verb for s in statements] == ["ذكر"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("وساهمت الشعبية المتزايدة لانستغرام في إبعاد الأنظار عن النمو المتباطئ لفيسبوك، الذي شهد انحدارا كبيرا في أعداد "
     "المستخدمين داخل الولايات المتحدة والأسواق النامية وفقا لآخر تقارير الأرباح للشركة.", "آخر تقارير الأرباح للشركة"),
    ("يأتي هذا الإعلان قبل أسبوع من افتتاح الولايات المتحدة سفارتها في القدس في 14 من أيار/مايو وفقاً لإعلان الرئيس "
     "دونالد ترمب في السادس من كانون الأول/ديسمبر.", "إعلان الرئيس دونالد ترمب"),
])
def test_the_lam_after_wifqan_is_the_attributions(text: str, speaker: str) -> None:
    """ "وفقا ل"/"طبقا ل" govern ل: a glued ل is theirs, whatever word follows (was "لآخر تقارير ...")."""
    assert [s for s, verb, _ in _enriched_statements(text) if verb.startswith("وفق")] == [speaker]


def test_a_question_word_is_no_speaker() -> None:
    """ "عندما أوضح لماذا أن": "لماذا" asks; it names nobody (was the speaker "لماذا")."""
    text = ("وكان ماسك يتحدث في حفل خاص بشركة الحفر التابعة له، يوم الخميس، عندما أوضح لماذا أن السيارات الطائرة "
            "سوف تصبح مشكلة أكثر من قيمتها.")
    assert all(s.speaker is None or "لماذا" not in s.speaker.text for s in extract_statements(text, []))


@pytest.mark.parametrize(("text", "speaker"), [
    ("وقال أكثر من 80 في المئة من المراهقين في المسح إن الأداء الجيد في الامتحانات أو النجاح في الوظيفة المختارة كان "
     "على رأس أولوياتهم.", "أكثر من 80 في المئة من المراهقين"),
    ("وقال 14 في المئة منهم إن الوضع سيئ.", "14 في المئة منهم"),
])
def test_a_count_of_people_is_kept_whole(text: str, speaker: str) -> None:
    """ "أكثر من 80 في المئة من المراهقين": "من" and the number belong to the count (was "أكثر")."""
    assert extract_statements(text, [])[0].speaker.text.startswith(speaker)


def test_an_accusative_after_the_verb_is_its_object() -> None:
    """ "فينقل بعضاً من تصحيفاته": tanwin fath marks the object; it is not the speaker (was "بعضاً")."""
    text = ("ومنهم الخليل الفراهيدي مؤلف قاموس العين الذي هو أقدم قواميس العربية.\nفينقل بعضاً من تصحيفاته، إلا أنه "
            "يشكك بأن الخليل من وقع فيها.")
    assert all(s.speaker is None or "بعض" not in s.speaker.text for s in extract_statements(text, []))
