"""Round thirty-four (helper "desc34"): a relay whose object is a noun of saying in construct with the one who said
it (issue 13).

By the relay convention the speaker of "نقلت X عن Y" is Y, never the outlet X. The same holds without "عن" when
the relay's object names the sayer: "ونقلت وكالة الأناضول قول أوغلو إن" (Cavusoglu), "ونقلت الوكالة تحذير النيابة
العامة السعودية من" (the prosecution). Before, both statements went to the relaying agency.

The sentences come from the ANT v2 stream (CN-internationalNews-507-20180814, CN-middleEast-1244-20180817),
shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

ANADOLU = ("كشف وزير الخارجية التركي، جاويش أوغلو، الثلاثاء، أحدث المستجدات بشأن القس.\n"
           "ونقلت وكالة الأناضول، التابعة للدولة التركية، قول أوغلو إن \"القائم بأعمال السفارة الأمريكية سيزور "
           "اليوم القس برونسون\".")

PROSECUTION = ("قالت الوكالة إن الجهات الأمنية قبضت على المعتدين.\n"
               "ونقلت الوكالة تحذير النيابة العامة السعودية من \"المساس بما من شأنه إعاقة رجال الأمن عن واجبهم "
               "والتعدي عليهم\".")

# the sayer's own verb follows: that verb's statement, not a second one for the relay
AHRAM = ("ونقلت صحيفة \"الأهرام\" الحكومية تصريح الملا الذي قال إن رفع الأسعار يهدف إلى \"تصحيح منظومة دعم "
         "المنتجات البترولية\".\n"
         "وأشار الوزير إلى أن الدعم كبير جدا هذا العام.")


def test_the_sayer_of_a_relayed_saying() -> None:
    assert _speakers(ANADOLU)[-1] == ("نقلت", "أوغلو")


def test_the_issuer_of_a_relayed_warning() -> None:
    assert _speakers(PROSECUTION)[-1] == ("نقلت", "النيابة العامة السعودية")


def test_a_relative_clause_after_the_sayer_keeps_its_own_statement() -> None:
    assert _speakers(AHRAM) == [("قال", "الملا"), ("أشار", "الوزير")]


def test_a_relay_with_an_explicit_source_is_unchanged() -> None:
    text = "ونقلت صحيفة التايمز عن مسؤول بريطاني قوله إن الحكومة ستدرس الخطة الجديدة بعناية."
    assert _speakers(text) == [("نقلت", "مسؤول بريطاني")]
