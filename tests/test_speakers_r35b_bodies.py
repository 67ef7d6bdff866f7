"""Round thirty-five (helper "desc35b"): a bare body noun stands for the body the article named with that noun
definite, its relative adjectives and a ل-complement (issue 13).

News names a body in full once and then calls it by its kind noun alone: "قرر المجلس الأعلى للإعلام ... وقال المجلس
في بيان"، "اللجنة الوطنية للتنمية والإصلاح ... قالت اللجنة"، "المجلس النرويجي للاجئين ... وأضاف المجلس". The bare
noun is no name when the article gives one (``title_holders.construct_body``, which already read the construct form
"شرطة الحدود الإسرائيلية"). The definite form is a name only with its complement ("لحقوق الإنسان"، "للإعلام"، "لكرة
القدم") or an organisation NER found past the adjectives: "الحكومة العراقية" is a description (one government of
many) and is not taken; a construct name ("لجنة الشؤون الخارجية بمجلس العموم") comes first; two such names leave
the noun as written.

The sentences come from the ANT v2 stream.
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 BB-sport-374-20181002 (was "المجلس")
    ("قرر المجلس الأعلى للإعلام في مصر منع رئيس مجلس إدارة نادي الزمالك مرتضى منصور من الظهور فى كل وسائل الإعلام.\n"
     "وقال المجلس في بيان إن القرارات جاءت \"حفاظاً على الأمن القومي بعدم التحريض على إثارة الجماهير الرياضية\".",
     "المجلس الأعلى للإعلام"),
    # ANT v2 AL-economy-314-20180326 (was "اللجنة")
    ("وقال هي لي فينغ رئيس اللجنة الوطنية للتنمية والإصلاح، خلال نفس المنتدى، إن الصين \"ستزيد الإصلاحات الهيكلية "
     "على جانب العرض\".\nوفي وقت سابق هذا الشهر قالت اللجنة إن الصين، أكبر منتج للصلب والفحم في العالم، ستخفض "
     "طاقتها السنوية من الصلب نحو 30 مليون طن.", "اللجنة الوطنية للتنمية والإصلاح"),
    # ANT v2 CN-middleEast-332-20180322 (was "المجلس")
    ("عبّر المجلس النرويجي للاجئين \"NRC\"، الخميس، عن مخاوفه بأن \"الأسوأ قادم\"، لأكثر من 50 ألف شخص خرجوا من "
     "منطقة الغوطة الشرقية.\nوقال مدير مكتب المجلس النرويجي للاجئين في سوريا، إريك أبيلد: \"نحن نشعر بالقلق\"، "
     "وأضاف المجلس ببيان بأن الهاربين أصلاً في وضع مأساوي.", "المجلس النرويجي للاجئين"),
])
def test_a_bare_body_noun_stands_for_the_body_named_with_it_definite(text, speaker) -> None:
    assert _speakers(text)[-1][1] == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 BB-middleEast-601-20180608: "الحكومة العراقية" describes a government; the bare one here is Turkey's
    ("وضعت الحكومة العراقية خطة لمواجهة التوغل.\nوشهدت تركيا عمليات اعتقال كبيرة طالت 160 ألف شخص في أعقاب محاولة "
     "الانقلاب.\nوتقول الحكومة إن مثل هذه الإجراءات ضرورية بسبب التهديدات الأمنية التي تواجهها.", "الحكومة"),
    # ANT v2 BB-economy-138-20180521: the construct name comes first ("اللجنة البرلمانية" is a description of it)
    ("اتهمت لجنة الشؤون الخارجية بمجلس العموم الحكومة البريطانية بـ\"التغاضي عن الأموال الروسية القذرة\".\nوكتب "
     "رئيس اللجنة البرلمانية، توم توجندهات، في صحيفة صنداي تايمز قبيل نشر تقرير اللجنة إنه لا يجرؤ.\nوأكد وزير "
     "الأمن أنه لم يُدع.\nواعتبرت اللجنة أن ذلك يقوض جهود بريطانيا.", "لجنة الشؤون الخارجية بمجلس العموم"),
    # invented: two councils named, the bare noun says not which
    ("قرر المجلس الأعلى للإعلام في مصر منع مرتضى منصور من الظهور.\nوانتقد المجلس القومي للمرأة تصريحاته الأخيرة.\n"
     "وقال المجلس في بيان إن القرارات نهائية.", "المجلس"),
])
def test_a_description_a_construct_name_or_two_names_keep_the_noun_as_it_was(text, speaker) -> None:
    assert _speakers(text)[-1][1] == speaker
