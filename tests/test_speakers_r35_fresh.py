"""Round thirty-five (helper "desc35"): a person described by a noun in construct continues the one quoted before
(issue 13).

News refers back to the person it is quoting by a description: with the article ("وقال المدرب الفرنسي", read by
``described.continued_person``) or, as here, by a noun in construct with no name ("وأضاف نجم "مسرح مصر""، "واعتبرت
مغنية البوب"، "وقال وزير الدفاع الإسرائيلي"). The construct is definite: someone the reader already knows, the named
person who spoke just before (``described.construct_continues``, with ``continued_person``'s guards: gender, no
other person named between, no sentence opening in contrast). Its noun is a singular person noun of the learned word
classes; a body, document, source or spokesman noun, a count or kin word, an indefinite noun with an adjective or a
description followed by its own name is left alone.

The real sentences come from the ANT v2 stream (seed5353 drew the first).
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # ANT v2 AL-culture-474-20180610, seed5353 (was 'نجم "مسرح مصر"')
    ("يطل الفنان #علي_ربيع في دراما رمضان لهذا العام بشخصية صعيدية.\nإلا أن ربيع قال إن من انتقد لم يشاهد "
     "المسلسل بل بعض المشاهد فقط.\nوأضاف نجم \"مسرح مصر\" خلال الحلقة أن للدراما طريقة مختلفة بالتمثيل عن المسرح "
     "والسينما.", "ربيع"),
    # ANT v2 BB-culture-165-20180523 (was "مغنية البوب")
    ("انتقدت المغنية الأمريكية كاتي بيري فستان الزفاف الذي ارتدته ميغان ماركل.\nوقالت بيري إن فستان دوقة ساسكس كان "
     "يحتاج إلى \"تجربة (ارتدائه) مرة أخرى\" قبل حفل الزفاف.\nواعتبرت مغنية البوب أن فستان ماركل كان أقل مستوى من ذلك "
     "الذي ارتدته كاثرين، دوقة كامبريدج.", "بيري"),
    # ANT v2 SK-middleEast-2541-20180622 (was "وزير الدفاع الإسرائيلي")
    ("وقال ليبرمان، إن تهديد الهجمات الإرهابية يجب أن يواجه بشكل جماعي.\nوقال وزير الدفاع الإسرائيلي، في مؤتمر صحفي "
     "\"من الأفضل كثيرا مواجهة التهديدات الإقليمية معا، كل الدول الثلاث معا\".", "ليبرمان"),
])
def test_a_construct_description_continues_the_person_quoted_before(text, speaker) -> None:
    assert _speakers(text)[-1][1] == speaker


@pytest.mark.parametrize(("text", "not_speaker"), [
    # ANT v2 FR-internationalNews-1044-20180502: another person, named right after his title, "من جهته"
    ("واتهم نتانياهو عباس بأنه \"أطلق مرة أخرى أحقر الشعارات المعادية للسامية\".\nوقال نتانياهو إن عباس معاد للسامية."
     "\nمن جهته، قال وزير الأمن الإسرائيلي جلعاد أردان إن على عباس أن يتنحى.", "نتانياهو"),
    # invented: kin is another person; a spokesman "باسم" is someone new
    ("وقال محمد صلاح إن الفريق سيعود أقوى.\nوقال والد اللاعب إن ابنه بخير.", "محمد صلاح"),
    ("وقال مارك زوكربرغ إن الشركة ستغير سياستها.\nوقال متحدث باسم الشركة إن التغيير يبدأ الشهر المقبل.",
     "مارك زوكربرغ"),
    # invented: an indefinite noun with an adjective is someone new
    ("وقال ترامب إن الاتفاق سيئ.\nوقال مسؤول أمريكي إن الإدارة تدرس الخيارات.", "ترامب"),
])
def test_other_people_are_not_the_person_quoted_before(text, not_speaker) -> None:
    assert _speakers(text)[-1][1] != not_speaker


def test_a_statement_never_introduced_is_the_body_quoted_last() -> None:
    """ "وتضمن البيان" where the article mentions no statement before: the body quoted just before issued it
    (``sources._unintroduced``)."""
    # ANT v2 FR-sport-294-20180814, seed5353 (was "البيان")
    text = ("أعلنت رابطة كرة القدم المحترفة في إسبانيا أنها توصلت إلى اتفاق استثنائي مع شبكة التواصل الاجتماعي "
            "\"فيس بوك\" لتمكين مستخدميها في جنوب آسيا من متابعة مباريات الدوري الإسباني مباشرة ومجانا.\n"
            "وأعربت الرابطة عن سرورها بتوقيع \"عقدها الأول للنقل المباشر عبر منصة شبكة للتواصل الاجتماعي\"، دون "
            "إعطاء تفاصيل عن القيمة المالية التي قدرتها صحيفة \"ماركا\" بـ 90 مليون يورو.\n"
            "وتضمن البيان أن \"الاتفاق الذي يمتد لثلاث سنوات، يبدأ من موسم 2018-2019 الذي ينطلق الجمعة\"، مؤكدا أن "
            "\"جميع المباريات ستكون متوفرة على الصفحة الرسمية للدوري عبر فيس بوك\".")
    assert _speakers(text)[-1][1] == "رابطة كرة القدم المحترفة في إسبانيا"


@pytest.mark.parametrize(("text", "not_speaker"), [
    # invented: a person's words are no statement he issued
    ("وقال ترامب إن الاتفاق سيئ.\nوأضاف البيان أن الإدارة تدرس الخيارات.", "ترامب"),
    # ANT v2 AL-economy-11-20180215: the phrase names its own issuer
    ("وأعلنت الحكومة العراقية أنها ستعيد فتح المعابر.\nوبحسب البيان الذي أصدره المكتب الإعلامي لرئيس الوزراء العراقي، "
     "أبدى الجانبان رغبتهما في تعزيز التعاون.", "الحكومة العراقية"),
])
def test_a_statement_never_introduced_is_not_a_person_s_nor_one_with_its_issuer(text, not_speaker) -> None:
    assert _speakers(text)[-1][1] != not_speaker
