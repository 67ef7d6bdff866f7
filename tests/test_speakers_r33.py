"""Round thirty-three (helper "spk33"): "is considered", participles after an adjunct, كان + quoted name (issue 13).

Unvocalised, "تعتبر" is both the active "considers" ("وتعتبر واشنطن أن": a view, a statement) and the passive "is
considered" (يُعتبر): "تعتبر خرائط غوغل واحدة من الخدمات الأكثر شعبية ...، ولكنها ...، أن" is the outlet's own
judgement, its subject followed by its predicate, and the أن found further on belongs to another clause. The view
reading needs the introducer right after the verb's subject (``considered.predicate_reading``): no statement when
the phrase after the verb opens with a predicate head ("غير كاف"، "واحدة من"، "من كبار") or an accusative ("خطأ
إملائياً"), or when more than a parenthetical, a closing quote, a comparison or a short time word follows the subject.
"X، الذي يعتبر أحد ..." (who is considered one of) inside a speaker's relative clause does not end the stretch of
the verb before it (``considered.in_relative_clause``).

A hal participle takes its content after an adjunct of where, when or to whom it was said ("قائلا في تصريحات لشبكة
X: ..."، "مضيفا للإذاعة ... أن"; ``participle_gap.adjunct_gap``) when it opens its own clause after a comma or a line
start. كان's subject may be a noun in construct with a quoted name ("وكانت جماعة "الخوذ البيضاء" أكدت أن";
``before_verb.subject_before``).

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers


@pytest.mark.parametrize("text", [
    # ANT v2 AL-technology-90-20180309 (shortened)
    "تعتبر خرائط غوغل واحدة من الخدمات الأكثر شعبية والتي يمكن الاعتماد عليها، ولكنها لا تخلو من بعض الأخطاء، "
    "وإحدى الشكاوى الرئيسية التي تواجهها جوجل أن خرائطها تعمل بشكل أفضل مع اتصال بيانات قوي فقط.",
    # ANT v2 BB-economy-243-20180904
    "وتعتبر الأرجنتين أكبر مُصدّر لحبوب وزيت الصويا على مستوى العالم، كما أنها منتج كبير للذرة، والقمح، وفول الصويا.",
    # ANT v2 AL-culture-142-20180307
    "ويعرّف التصحيف على أنه تغييرٌ في أمكنة التنقيط، ولهذا يعتبر خطأ إملائياً، في أصله، خصوصاً أن اللغويين العرب "
    "القُدامى يطلقون مصطلح التصحيف على كل خطأ.",
    # ANT v2 FR-economy-39-20180524: an accusative after the subject ("عالميا")
    "ويعتبر معرض \"فيفاتك\" ملتقى عالميا للتكنولوجيا ينتظر أن تعرض فيه آلاف الشركات الناشئة آخر ابتكاراتها.",
    # ANT v2 FR-sport-48-20180403
    "مع إمكانية استبعاد \"تلقائيا\" أي ملف يعتبر غير كاف، قبل عملية اختيار البلد المضيف المقرر أن تجري في 13 "
    "حزيران/يونيو المقبل.",
])
def test_is_considered_with_its_predicate_is_no_statement(text: str) -> None:
    """Each was a statement whose "speaker" was the subject with its predicate (or the predicate alone)."""
    assert not [s for s in _speakers(text) if "عتبر" in s[0]]


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 FR-economy-35-20180510
    ("وتعتبر واشنطن أن هذه الشبكة حولت ملايين الدولارات من العملات الأجنبية.", "واشنطن"),
    # ANT v2 BB-middleEast-23-20180213: a parenthetical between dashes after the subject
    ("ويعتبر تنظيم القاعدة - الذي يناصب تنظيم \"الدولة الإسلامية\" العداء - أن مشاركة المرأة في القتال أمر يعرضها "
     "لمخاطر كبيرة.", "تنظيم القاعدة"),
    # ANT v2 CN-economy-141-20180606
    ("ويعتبر المشاركون في الاستبيان أن مواقع التوظيف عبر الإنترنت هي المصدر الأكثر فعالية.",
     "المشاركون في الاستبيان"),
    # ANT v2 FR-economy-54-20180609: a comparison after the subject
    ("وتعتبر موسكو كما بكين، أن منظمة شنغهاي للتعاون وسيلة للتصدي للنفوذ الأمريكي.", "موسكو"),
])
def test_considers_with_the_introducer_after_its_subject_is_a_view(text: str, speaker: str) -> None:
    """Guards the active reading: the introducer right after the subject keeps the statement and its speaker."""
    assert [s[1] for s in _speakers(text) if "عتبر" in s[0]] == [speaker]


def test_is_considered_in_the_speakers_relative_clause_leaves_his_statement() -> None:
    """ANT v2 CN-internationalNews-240-20180412: "الذي يعتبر أحد السيناتورين" is "who is considered one of": the
    statement is the senator's "قال ... إنه" (without the relative's verb ending the stretch of قال it would be lost
    once "يعتبر" no longer reports)."""
    text = ("وقد قال السيناتو،  تيم كين، الذي يعتبر أحد السيناتورين الديمقراطيين اللذين صوتا لصالح بتولي بومبيو إدارة "
            "وكالة الاستخبارات المركزية، إنه يملك \"شكوكاً جدية\" حول ترشح بومبيو لتسلم حقيبة وزارة الخارجية.")
    assert _speakers(text) == [("قال", "السيناتو،  تيم كين")]


# ANT v2 AL-sport-1713-20180527 (shortened)
GERRARD = ("كما قال فرانك لامبارد لاعب خط وسط تشيلسي السابق إنه حزين من أجل كاريوس.\n"
           "وأضاف : هذا الأمر سيلازمه طوال حياته.\n"
           "لم يكن يقصد هذا.\n"
           "كذلك أبدى ستيفن جيرارد أسطورة ليفربول ، بعض التعاطف ، قائلا في تصريحات لشبكة \"بي.تي.سبورت\" :لا أحد يرتكب "
           "خطأ عن عمد...\n"
           "كان سلوكا جيدا أن يتوجه للجماهير.\n"
           "أنا معجب به لاعترافه بالخطأ والاعتذار.\n"
           "وأضاف: هؤلاء المشجعون لليفربول سيدعمونك عندما تمر بأوقات عصيبة.")


def test_a_participle_takes_its_content_after_an_adjunct_of_where_it_was_said() -> None:
    """ "قائلا في تصريحات لشبكة X: ...": the adjunct is the participle's; was no statement, and the "وأضاف" after it
    went on with Lampard's statement before."""
    assert _speakers(GERRARD)[-2:] == [("قائلا", "ستيفن جيرارد"), ("أضاف", "ستيفن جيرارد")]


def test_a_participle_takes_its_content_after_the_one_told() -> None:
    """ANT v2 AL-internationalNews-817-20180406 (shortened): "مضيفا للإذاعة ... أن" (was no statement)."""
    text = "وأكد الوزير أن الوضع مستقر، مضيفا للإذاعة الإسرائيلية العامة أن إسرائيل لا تعتزم تغيير قواعد الاشتباك."
    assert _speakers(text) == [("أكد", "الوزير"), ("مضيفا", "الوزير")]


def test_kanas_subject_in_construct_with_a_quoted_name_is_the_verbs_subject() -> None:
    """ANT v2 BB-middleEast-453-20180504 (shortened): "وكانت جماعة "الخوذ البيضاء" أكدت أن": كان's subject, a noun in
    construct with a quoted definite name, is the subject of the verb after it (the quotation marks are no words);
    was the Russian ministry of the sentence before."""
    text = ("وفي غضون ذلك، قالت وزارة الدفاع الروسية إن مفتشي المنظمة قد أنهوا عملهم في الموقع.\n"
            "وكانت جماعة \"الخوذ البيضاء\" أكدت أن الهجوم أسفر عن مصرع سبعين شخصا على الأقل.")
    assert _speakers(text)[-1] == ("أكدت", "جماعة \"الخوذ البيضاء\"")
