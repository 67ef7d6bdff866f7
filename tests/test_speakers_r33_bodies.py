"""Round thirty-three (helper "desc33"): a bare body title in taa marbuta ("الغرفة") stands for the body the article
named with that noun in construct with a definite genitive ("غرفة التجارة الأميركية"), also inside a person's title
("رئيس غرفة التجارة الأميركية") (issue 13).

``title_holders.construct_body`` read only the nouns of the word class of "شركة" and a few institutions; a title noun
of the lexicon in taa marbuta ("غرفة") is a body too. Not a document or a study ("الدراسة" stays as written when its
authors are unnamed), and only a definite genitive right after it names the body ("دراسة في جامعة هارفارد" does not).

The sentences come from the ANT v2 stream (AL-economy-974-20180703, seed7373), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

CHAMBER = ("وصرح توماس دوهانهيو رئيس غرفة التجارة الأميركية الاثنين، بأن الرسوم هي ضرائب ترفع الأسعار على الجميع.\n"
           "وأبرزت الغرفة الصادرات المهددة من ولايات دعمت الرئيس ترمب، وقالت إنها تواجه عقوبات.")

# a study named with a place is no body: the bare noun stays
STUDY = ("أشارت دراسة في جامعة هارفارد وجامعات أمريكية أخرى إلى أن الطقس الحار يضعف التركيز.\n"
         "وقالت الدراسة إن الطلاب في المباني غير المكيفة كانوا أبطأ.")


def test_the_chamber_is_the_one_named_in_its_president_s_title() -> None:
    assert _speakers(CHAMBER)[1:] == [("أبرزت", "غرفة التجارة الأميركية"), ("قالت", "غرفة التجارة الأميركية")]


def test_a_study_stays_as_written() -> None:
    assert _speakers(STUDY)[-1] == ("قالت", "الدراسة")
