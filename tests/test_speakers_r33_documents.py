"""Round thirty-three (helper "desc33"): "وقال التقرير"، "وجاء في البيان" after a document named with its issuer
in a way ``sources.issuer`` did not read (issue 13).

By the speaker-sample convention a bare document noun is wrong when the article names the body that issued it:

* "تقرير للشرطة البريطانية": ل and the article contract to "لل"; the body is "الشرطة البريطانية" (before, only
  "بيان" looked past the contraction);
* "بحسب بيان أصدرته وزارة الخارجية المغربية": "أصدر" (issue) is never a relay, unlike "بيان نشرته وكالة ...";
* 'كشف تقرير أصدرته "ستراتيجي أند"': the issuer's name in quotes after the issuing verb.

The sentences come from the ANT v2 stream (BB-sport-342-20180908, SK/AL articles of the stream), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

POLICE = ("كشف تقرير للشرطة البريطانية عن \"تزايد كبير\" لحوادث العنف الأسري خلال نهائيات كأس العالم.\n"
          "وجاء في التقرير أن 1340 حادثة من أصل 1487 مرتبطة بمباريات المنتخب الانجليزي السبع.")

MOROCCO = ("قطع المغرب علاقاته مع الجزائر، وذلك حسب بيان أصدرته وزارة الخارجية المغربية، السبت.\n"
           "وجاء في البيان أن الجزائر تدعم جبهة البوليساريو بالسلاح.")

STRATEGY = ("كشف تقرير أصدرته \"ستراتيجي أند\"، قسم الاستشارات التابع لشركة برايس ووترهاوس كوبرز، أن الطرح الأولي "
            "للعملات الرقمية جمع 13.7 مليار دولار.\n"
            "وقال التقرير إن مبيعات العام الحالي تجاوزت إجمالي العام الماضي.")

# a statement "published" by an agency is only relayed: the document keeps no issuer
RELAYED = ("وأكدت الحكومة الاتفاق، بحسب بيان نشرته وكالة الأنباء الرسمية.\n"
           "وجاء في البيان أن الاتفاق يدخل حيز التنفيذ غدا.")


def test_a_report_of_a_body_contracted_with_lam() -> None:
    assert _speakers(POLICE)[-1] == ("جاء", "الشرطة البريطانية")


def test_a_statement_the_ministry_issued() -> None:
    assert _speakers(MOROCCO)[-1] == ("جاء", "وزارة الخارجية المغربية")


def test_a_report_issued_by_a_quoted_name() -> None:
    assert _speakers(STRATEGY)[-1] == ("قال", "ستراتيجي أند")


def test_a_published_statement_is_not_the_agency_s() -> None:
    assert _speakers(RELAYED)[-1][1] != "وكالة الأنباء الرسمية"


# "في تقريره"/"في بيان" after a sentence opening with another verb than a reporting one: its subject, a name or a
# body, issued the document (``sources._issued_in``; ANT v2 CN-economy-384-20181009, BB-economy-206-20180807)
IMF = ("توقع صندوق النقد الدولي، في تقرير صدر الثلاثاء، تراجعا كبيرا لمعدلات نمو الاقتصاد التركي خلال عام 2019.\n"
       "ونفى أردوغان لاحقا أي نية للحصول على قرض من صندوق النقد.\n"
       "وتوقع صندوق النقد، في تقريره عن الاقتصاد العالمي الصادر، الثلاثاء، أن يبلغ التضخم في المتوسط 15% في 2018.\n"
       "وقال التقرير، إن الاقتصاد التركي لا يزال عرضة للتغيرات المفاجئة في تدفقات رؤوس الأموال.")

SAUDI = ("أعربت الخارجية السعودية، في بيان أصدرته في هذا الشأن، عن رفضها لما جاء في تغريدة السفارة الكندية.\n"
         "وقال البيان إن المملكة لن تقبل التدخل في شؤونها الداخلية.")

# the subject of another verb that is no name or body: no issuer
NO_BODY = ("وتضمن الملف، في تقرير مفصل، أرقاما جديدة عن البطالة.\n"
           "وقال التقرير إن البطالة ارتفعت إلى عشرة في المئة.")


def test_the_report_in_its_own_words_is_the_fund_s() -> None:
    assert _speakers(IMF)[-1] == ("قال", "صندوق النقد")


def test_a_statement_given_after_another_verb() -> None:
    assert _speakers(SAUDI)[-1] == ("قال", "الخارجية السعودية")


def test_no_issuer_without_a_name_or_body() -> None:
    assert _speakers(NO_BODY)[-1] == ("قال", "التقرير")
