"""Round thirty-four (helper "desc34"): a document published as the object of a verb ("نشرت منظمة العفو الدولية
تقريرا" ... "وقال التقرير") is its subject's (issue 13).

By the speaker-sample convention a bare document noun is wrong when the article names the body that issued it. Before,
``sources.issuer`` read the issuer only after the document ("تقرير لـX"، "بيان صادر عن X"، "تقرير أصدرته X"); when
the document is the indefinite object of "نشر/أصدر/وزع" its issuer is the verb's subject, before it.

Constructed sentences of the shape round thirty-three listed on the stream ("نشرت منظمة العفو الدولية تقريرا أشارت
فيه").
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

AMNESTY = ("نشرت منظمة العفو الدولية تقريرا أشارت فيه إلى تزايد الانتهاكات في السجون.\n"
           "وقال التقرير إن آلاف المعتقلين تعرضوا للتعذيب خلال العام الماضي.")

MINISTRY = ("أصدرت وزارة الصحة المصرية، الثلاثاء، بيانا حول انتشار المرض في القرى.\n"
            "وقال البيان إن عدد الإصابات ارتفع إلى مئة حالة.")

# the document's own issuing verb after it still names its issuer
PREPARED = ("نشرت صحيفة الغارديان تقريرا أعدته منظمة هيومن رايتس ووتش عن السجون.\n"
            "وقال التقرير إن آلاف المعتقلين تعرضوا للتعذيب.")


def test_a_report_published_as_the_object() -> None:
    assert _speakers(AMNESTY)[-1] == ("قال", "منظمة العفو الدولية")


def test_a_statement_issued_as_the_object_with_a_weekday_between() -> None:
    assert _speakers(MINISTRY)[-1] == ("قال", "وزارة الصحة المصرية")


def test_an_issuing_verb_after_the_object_names_the_issuer() -> None:
    assert _speakers(PREPARED)[-1] == ("قال", "منظمة هيومن رايتس ووتش")
