"""Round thirty-two (helper "desc32"): a title or body given by the first part of its compound name stands for the
one the article named in full (issue 13).

"وزيرة الاستثمار"، "وزير الطاقة"، "وزير المالية" are the short forms of "وزيرة الاستثمار والتعاون الدولي"، "وزير
الطاقة والصناعة والثروة المعدنية"، "وزير المالية والخزانة": when the article named the post in full with its
holder, the short title is that person (the speaker-sample convention judges a title without the name wrong
then). A second coordinated title is the same person ("مستشار الرئيس اليمني ووزير الخارجية السابق"). Not when the
article gave the short phrase alone before the compound (a name of its own: "شرطة العاصمة", later "شرطة العاصمة
والبحرية الملكية"), nor when it also gave the phrase with a nationality (another country's minister), nor when a
title has no name after it (``title_holders.compound_holder``, last in ``described.apposed_holder``).

The real sentences come from the ANT v2 stream (shortened).
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 SK-economy-1440-20181013
INVESTMENT = ("وجاء توقيع الاتفاق بين وزيرة الاستثمار والتعاون الدولي لمصر، سحر نصر، ونائب رئيس مجموعة البنك الدولي، "
              "فريد بلحاج.\n"
              "وأوضحت وزيرة الاستثمار أن هذا الاتفاق يأتي في إطار جهود الحكومة لدعم البنية الأساسية.\n"
              "وذكرت أن المشروع يهدف إلى استكمال توفير خدمات الصرف الصحي.")

# ANT v2 AL-economy-330-20180327: an honorific before the name
ENERGY = ("أكد وزير الطاقة والصناعة والثروة المعدنية السعودي المهندس خالد الفالح، أن تنويع مصادر الدخل مستمر.\n"
          "كما أشار وزير الطاقة، إلى أن أوبك تسعى إلى ترسيخ التعاون مع روسيا.")

# ANT v2 AL-internationalNews-1663-20180617: a second title of the same person
ADVISER = ("في سياق متصل، قلل مستشار الرئيس اليمني ووزير الخارجية السابق عبدالملك المخلافي من تفاؤل غريفيث، لافتا "
           "إلى أن هذا التفاؤل لا يستند لأي معطيات حقيقية.")

# another country's minister fits the short title too
TWO_COUNTRIES = ("أكد وزير الطاقة والصناعة والثروة المعدنية السعودي المهندس خالد الفالح، أن التعاون مستمر.\n"
                 "والتقى وزير الطاقة الروسي ألكسندر نوفاك نظراءه في فيينا.\n"
                 "وقال وزير الطاقة إن الاتفاق سيمدد.")

# no name after the compound title
UNNAMED = ("وأصدرت وزيرة الاستثمار والتعاون الدولي بيانا عن الاتفاق.\n"
           "وأوضحت وزيرة الاستثمار أن هذا الاتفاق يأتي في إطار جهود الحكومة.")

# ANT v2 BB-internationalNews-32-20180212: the short name given alone first
POLICE = ("وقالت شرطة العاصمة إنه قد عثر على القنبلة يوم الأحد.\n"
          "ويعمل المطار مع شرطة العاصمة والبحرية الملكية على إعادة فتحه.\n"
          "وقالت شرطة العاصمة إنها أخلت منطقة بمحيط 214 مترا.")


def test_a_short_title_is_the_minister_named_in_full() -> None:
    assert _speakers(INVESTMENT)[-2:] == [("أوضحت", "وزيرة الاستثمار والتعاون الدولي لمصر، سحر نصر"),
                                         ("ذكرت", "وزيرة الاستثمار والتعاون الدولي لمصر، سحر نصر")]


def test_an_honorific_before_the_name() -> None:
    assert _speakers(ENERGY)[-1] == ("أشار", "وزير الطاقة والصناعة والثروة المعدنية السعودي المهندس خالد الفالح")


def test_a_second_title_is_the_same_person() -> None:
    assert _speakers(ADVISER)[-1] == ("لافتا", "مستشار الرئيس اليمني ووزير الخارجية السابق عبدالملك المخلافي")


def test_not_when_another_country_holds_the_post() -> None:
    assert _speakers(TWO_COUNTRIES)[-1] == ("قال", "وزير الطاقة")


def test_not_without_a_name() -> None:
    assert _speakers(UNNAMED)[-1] == ("أوضحت", "وزيرة الاستثمار")


def test_not_a_name_given_alone_first() -> None:
    assert _speakers(POLICE)[-1] == ("قالت", "شرطة العاصمة")


# A body noun with a nationality for the one body the article named with that noun, a name and that nationality
# (``title_holders.named_body_holder``).

# ANT v2 SK-middleEast-3169-20180729
SUNDAY_TIMES = ("طالب عضو البرلمان البريطاني، داميان كولينز، بتحقيق مستقل بناء على التقرير الأخير الذي نشرته صحيفة "
                "\"صنداي تايمز\" البريطانية.\n"
                "وحصلت الصحيفة البريطانية على رسائل إلكترونية تؤكد هذا التواطؤ.\n"
                "وتظهر وفق الصحيفة البريطانية، أن الدولة كانت على علم بمخططات لنشر \"سموم\" ضد مرشحين آخرين.")

# ANT v2 SK-sport-1148-20180513: the name after "لصحيفة"
SUN = ("تحدث تقرير لصحيفة \"صن\" البريطانية عن سعي مانشستر يونايتد لضم النجم البرازيلي نيمار.\n"
       "وذكرت الصحيفة البريطانية أن إدارة مانشستر يونايتد تستعد لتقديم عرض بقيمة 200 مليون إسترليني.")

# two newspapers named: which one is unsaid
TWO_PAPERS = ("تحدث تقرير لصحيفة \"صن\" البريطانية عن سعي مانشستر يونايتد لضم النجم البرازيلي نيمار.\n"
              "ونقلت صحيفة \"التايمز\" عن مصادر في النادي أن العرض لم يقدم بعد.\n"
              "وذكرت الصحيفة البريطانية أن إدارة مانشستر يونايتد تستعد لتقديم عرض بقيمة 200 مليون إسترليني.")


def test_the_british_paper_is_the_one_named() -> None:
    assert _speakers(SUNDAY_TIMES)[-1] == ("وفق", "صحيفة \"صنداي تايمز\" البريطانية")


def test_the_paper_named_after_a_preposition() -> None:
    assert _speakers(SUN)[-1] == ("ذكرت", "صحيفة \"صن\" البريطانية")


def test_not_when_two_papers_are_named() -> None:
    assert _speakers(TWO_PAPERS)[-1] == ("ذكرت", "الصحيفة البريطانية")
