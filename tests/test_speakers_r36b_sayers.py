"""Round thirty-six (helper "spk36b"): a decision or saying verb after a verb of going on ("لا يزال"، "ما زالوا"،
"ظلت") in a sentence on a watched subject that no quote covers has as its subject the noun phrase between the two
("ولا يزال المتمردون يطالبون بـ"), or, when the going-on verb is marked plural and the present verb follows it right
away ("وما زالوا يطالبون برحيل"), the plural noun phrase the previous sentence's own going-on verb opens ("ما زال
مقاتلو الحركة بعيدين عن ...؛") (issue 13; ``named_sayers.continuing_subject``, ``subject_statements._still_actor``).

Not a subject: a relative's clause ("الذي لا يزال قيد ..."), a resumptive pronoun ("لا يزال فيه المحققون"), a verb
or relative in the phrase ("ما زال يستقبل السفن التي تنقل"), "في ظل" (under, no verb).
"""

from __future__ import annotations

import pytest

from pipeline.nlp import named_sayers, subject_statements
from tests.conftest import enriched_statements


def _flagged(text: str) -> list[str | None]:
    return [s.speaker.text if s.speaker else None for s in enriched_statements(text) if "military_withdrawal" in
            s.subjects]


@pytest.mark.parametrize(("text", "speaker"), [
    # invented, the shape of a development sentence (was None)
    ("على الأرض، ما زال مقاتلو الحركة بعيدين عن وقف القتال؛ فقد ضاعفوا في الأشهر الأخيرة الهجمات وما زالوا "
     "يطالبون برحيل القوات الأجنبية من البلاد.", "مقاتلو الحركة"),
    # invented (was None)
    ("ولا يزال المتمردون يطالبون بالانسحاب الفوري لجميع الجنود الأجانب المنتشرين في البلاد.", "المتمردون"),
])
def test_the_subject_of_a_going_on_verb_demands(text, speaker) -> None:
    assert _flagged(text)[-1] == speaker


@pytest.mark.parametrize(("text", "subject"), [
    ("ولا تزال فرق الإنقاذ تبحث عن أحياء تحت الأنقاض.", "فرق الإنقاذ"),  # ANT v2
    ("في المقابل، ظلت الولايات المتحدة ترفض تأسيس شريط حدودي.", "الولايات المتحدة"),  # invented
])
def test_the_phrase_between_the_two_verbs(text, subject) -> None:
    found = named_sayers.continuing_subject(text, 0, len(text), (0, 0), subject_statements._decides_or_says, [])
    assert found is not None and found.text == subject


@pytest.mark.parametrize("text", [
    "المشروع الذي لا يزال قيد التطوير يبحث عن متطوعين مستعدين.",  # ANT v2
    "في وقت لا يزال فيه المحققون يبحثون عن الدوافع.",  # invented
    "وقال مسؤول إن الميناء ما زال يستقبل السفن التي تنقل شحنات الإسمنت.",  # invented
    "وفي ظل الأزمة تطالب الحكومة بانسحاب القوات.",  # invented: under, no going-on verb
    "الأشخاص الذين لا يزالون يبحثون عن الحب.",  # ANT v2: the relative's own subject
])
def test_no_subject_from_other_shapes(text) -> None:
    assert named_sayers.continuing_subject(text, 0, len(text), (0, 0), subject_statements._decides_or_says, []) is None


def test_a_relatives_going_on_verb_names_nobody() -> None:
    # invented; None at f89dad0 and after: the relative's clause has its own subject, no sayer is read from it
    assert _flagged("الأشخاص الذين لا يزالون يطالبون بانسحاب القوات الأجنبية من البلاد كثيرون.") == [None]
