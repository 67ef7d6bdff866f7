"""Round thirty-four (helper "desc34"): a bare person noun ("الجنرال"، "القاضي") stands for the one person the
article named right after that noun (issue 13).

By the speaker-sample convention a bare description is wrong when the article names the person: "وقال الجنرال" after
"قائد الأركان الأمريكي الجنرال جو دانفورد" is Dunford. ``title_holders.role_holder`` is the person version of
``construct_body``: the noun (a title, rank or a role noun of the word classes) with the name closing its own phrase
(definite adjectives, a comma between at most); never when the article gave the noun two people.

The sentences come from the ANT v2 stream (FR-middleEast-276-20180414, BB-middleEast-677-20180628), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

DUNFORD = ("أعلن قائد الأركان الأمريكي الجنرال جو دانفورد ليل الجمعة السبت انتهاء الضربات التي نفذتها الولايات "
           "المتحدة ضد برنامج الأسلحة الكيميائية السوري.\n"
           "وقال الجنرال الذي كان موجودا في البنتاغون، أنه ليس هناك في الوقت الحالي خطط لشن عملية عسكرية أخرى.")

JUDGE = ("ويرى والده أن قرار محاكمته بحد ذاته مؤامرة ضد شخص ضعيف.\n"
         "ولكن القاضي، زفي غورفينكل، رفض دعواه بالقول: \"المتهم غير روايته وفق مصلحته\".")

# two generals named: which one "الجنرال" is stays unsaid
TWO = ("التقى الجنرال جو دانفورد بالجنرال فاليري غيراسيموف في هلسنكي لبحث الأوضاع في سوريا.\n"
       "وقال الجنرال إن المحادثات كانت مثمرة وصريحة.")


def test_a_bare_rank_for_the_general_named_after_it() -> None:
    assert _speakers(DUNFORD)[-1] == ("قال", "جو دانفورد")


def test_a_judge_named_in_apposition() -> None:
    assert _speakers(JUDGE)[-1] == ("بالقول", "غورفينكل")  # the name as NER tags it


def test_two_people_given_the_noun_keep_it_bare() -> None:
    assert _speakers(TWO)[-1] == ("قال", "الجنرال")
