"""Round thirty-one (helper "desc31"): a bare body noun stands for the body the article named with that noun in
construct (issue 13).

"الشرطة"، "الوزارة"، "الوكالة" are no names when the article gave one: "شرطة الحدود الإسرائيلية"، "وزارة البترول
والثروة المعدنية"، "شرطة مدينة لوس انجليس الأمريكية" (the speaker-sample convention judges the bare noun wrong
then). The name runs over the genitive, relative adjectives, a coordinated definite word, the body it belongs to
("بمجلس العموم") and a hyphenated tail, never over a time word or an object; never when two bodies share the
noun, and not for a person, a document or a group (``title_holders.construct_body``, after ``family_holder`` in
``described.apposed_holder``). A body named with its definite words, a ل-complement and one definite word after it
("المرصد السوري لحقوق الإنسان المعارض") is the name a bare "المرصد" stands for (``described.described_complement``).

The real sentences come from the ANT v2 stream (shortened).
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 SK-economy-792-20180616
MINISTRY = ("وأعلنت وزارة البترول والثروة المعدنية قائمة أسعار المحروقات بعد زيادتها.\n"
            "وذكرت الوزارة في بيان أنه تقرر رفع سعر السولار إلى 5.50 جنيه للتر.")

# ANT v2 FR-middleEast-848-20180729
POLICE = ("ألقت شرطة الحدود الإسرائيلية السبت القبض على إيطاليين وفلسطيني في منطقة بيت لحم.\n"
          "وقالت الشرطة إن الثلاثة رسموا جدارية على الجدار.")

# ANT v2 AL-economy-693-20180604: a place and a time word after the name are no part of it
GROUP = ("ويمهد ذلك الطريق أمام معركة حامية في اجتماع مجموعة السبع في كيبيك الأسبوع المقبل.\n"
         "وقالت المجموعة في بيان موجز إن الوزراء طلبوا من وزير الخزانة إبلاغ قلقهم.")

# ANT v2 BB-culture-62-20180306: a place in the genitive
CITY = ("اعتقلت شرطة مدينة لوس انجليس الأمريكية رجلا تشتبه في أنه سرق جائزة الأوسكار.\n"
        "وأكدت الشرطة اعتقال الرجل بتهمة السرقة.")

# ANT v2 BB-economy-250-20180930: a coordinated definite word and a relative adjective
SEC = ("ووصفت هيئة الأوراق المالية والبورصات الأمريكية تعليقات ماسك بأنها ادعاءات كاذبة.\n"
       "وأضافت الهيئة أن ماسك لم يناقش شروط الصفقة مع أي مصدر تمويل.")

# ANT v2 BB-middleEast-219-20180320: an adjective after the complement's noun
OBSERVATORY = ("قتل 15 طفلا وامرأتان في غارة جوية استهدفت مدرسة في بلدة عربين، حسبما أفاد المرصد السوري لحقوق الإنسان "
               "المعارض.\n"
               "وأوضح المرصد، ومقره بريطانيا، أن الضحايا قتلوا أثناء اختبائهم في قبو المدرسة.")

# two police forces named: which one is unsaid
TWO = ("اعتقلت شرطة مدينة لوس انجليس الأمريكية رجلا تشتبه في أنه سرق الجائزة.\n"
       "ونشرت شرطة مدينة نيويورك الأمريكية صورا لرجل آخر.\n"
       "وأكدت الشرطة اعتقال الرجل بتهمة السرقة.")

# ANT v2 BB-internationalNews-32-20180212: "والبحرية الملكية" is another body
COORDINATED = ("وقالت شرطة العاصمة إنه قد عثر على القنبلة يوم الأحد.\n"
               "ويعمل المطار مع شرطة العاصمة والبحرية الملكية على إعادة فتحه.\n"
               "وقالت الشرطة إنها أخلت منطقة بمحيط 214 مترا.")


def test_the_ministry_is_the_ministry_named_before() -> None:
    assert _speakers(MINISTRY)[-1] == ("ذكرت", "وزارة البترول والثروة المعدنية")


def test_the_police_are_the_border_police() -> None:
    assert _speakers(POLICE)[-1] == ("قالت", "شرطة الحدود الإسرائيلية")


def test_the_name_ends_before_a_place_and_a_time_word() -> None:
    assert _speakers(GROUP)[-1] == ("قالت", "مجموعة السبع")


def test_the_police_of_a_city() -> None:
    assert _speakers(CITY)[-1] == ("أكدت", "شرطة مدينة لوس انجليس الأمريكية")


def test_a_coordinated_word_and_an_adjective_are_in_the_name() -> None:
    assert _speakers(SEC)[-1] == ("أضافت", "هيئة الأوراق المالية والبورصات الأمريكية")


def test_two_bodies_with_the_noun_leave_it_bare() -> None:
    assert _speakers(TWO)[-1] == ("أكدت", "الشرطة")


def test_a_coordinated_body_is_left_out() -> None:
    assert _speakers(COORDINATED)[-1] == ("قالت", "شرطة العاصمة")


def test_an_adjective_after_the_complement_is_in_the_name() -> None:
    assert _speakers(OBSERVATORY)[-1] == ("أوضح", "المرصد السوري لحقوق الإنسان المعارض")
