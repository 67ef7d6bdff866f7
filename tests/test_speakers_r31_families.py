"""Round thirty-one (helper "desc31"): a general person noun stands for the one person titled with a title of its
family (issue 13).

"المسؤول السابق"، "النائب المصري"، "اللاعب" are descriptions whose head is a general noun: the article named the
person with a narrower title ("وزير النفط المصري الأسبق، أسامة كمال"، "عضو البرلمان المصري، داليا يوسف"،
"المهاجم السويدي زلاتان إبراهيموفيتش"). The families are data (``pipeline/data/speakers/title_families.tsv``);
the description's nationalities and "السابق" must be in the title, its gender the title's; never when two people
carry a title of the family, nor when the article introduced an unnamed one with the bare noun ("قال مسؤول")
(``described.family_holder``, the last step of ``described.apposed_holder``).

The real sentences come from the ANT v2 stream (shortened).
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 SK-economy-945-20180710
FORMER = ("ويرى وزير النفط المصري الأسبق، أسامة كمال، أن زيادة إنتاج مصر من الغاز يخفض فاتورة الاستيراد.\n"
          "وأضاف المسؤول السابق أن بعض الشركات الأجنبية تربطها شراكات استراتيجية بمصر.")

# ANT v2 CN-middleEast-385-20180326: two Egyptians named, one of them a member of parliament
MP = ("قالت عضو البرلمان المصري، داليا يوسف، إنها سعيدة لأن الرئيس المصري، عبدالفتاح السيسي سيبقى لفترة ثانية.\n"
      "وأضافت النائب المصري في تصريح لـCNN، قائلة: \"نحن في طريقنا إلى الأمام.\"")

# ANT v2 SK-sport-410-20180323
PLAYER = ("أعلن نادي لوس أنجليس غالاكسي الأميركي، الجمعة، تعاقده مع المهاجم السويدي زلاتان إبراهيموفيتش.\n"
          "وبعد وقت قصير من بيان النادي، قال اللاعب عبر حسابه على إنستغرام إنه سعيد بالانتقال.")

# two ministers named: which official is unsaid
TWO = ("ويرى وزير النفط المصري الأسبق، أسامة كمال، أن زيادة إنتاج مصر من الغاز يخفض فاتورة الاستيراد.\n"
       "وقال وزير الكهرباء المصري الأسبق، حسن يونس، إن الشبكة تحتاج إلى استثمارات.\n"
       "وأضاف المسؤول السابق أن بعض الشركات الأجنبية تربطها شراكات استراتيجية بمصر.")

# an unnamed official introduced with the bare noun
UNNAMED = ("ويرى وزير النفط المصري الأسبق، أسامة كمال، أن زيادة إنتاج مصر من الغاز يخفض فاتورة الاستيراد.\n"
           "وقال مسؤول سابق في الوزارة إن الإنتاج سيرتفع.\n"
           "وأضاف المسؤول السابق أن بعض الشركات الأجنبية تربطها شراكات استراتيجية بمصر.")


def test_a_former_official_is_the_former_minister() -> None:
    assert _speakers(FORMER)[-1] == ("أضاف", "أسامة كمال")


def test_an_mp_is_the_member_of_parliament() -> None:
    assert _speakers(MP)[-1][1] == "داليا يوسف"


def test_the_player_is_the_striker() -> None:
    assert _speakers(PLAYER)[-1] == ("قال", "زلاتان إبراهيموفيتش")


def test_two_holders_of_the_family_leave_the_description() -> None:
    assert _speakers(TWO)[-1] == ("أضاف", "المسؤول السابق")


def test_an_unnamed_one_introduced_leaves_the_description() -> None:
    assert _speakers(UNNAMED)[-1] == ("أضاف", "المسؤول السابق")
