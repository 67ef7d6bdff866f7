"""Round thirty-six (helper "desc36"): the speaker's name itself, where it ends (issue 13).

* A definite common noun right after a person's whole name, as the tagger ends it, is the verb's object, not part
  of the name: "وأكدت المنتجة وكاتبة السيناريو ديانا أوسانا الأمر"، "واعتبرت سيسيليا مالستروم الإجراءات الأميركية"
  (``name_edges.without_definite_object``). A nisba, a participle or mim-noun (a title or a surname: "المبارك"),
  a time word ("الخميس" is a surname too) and an apposition after a comma are kept.
* A speaker that stops one word short of the name the tagger read in full at that place is made whole: "فرانسوا|
  دوما" (دوما, "always", read as an adverb), "روبرت| بالادينو" (``name_edges._with_tagged_rest``); not when the
  speaker's last word is a name the article gives alone, nor a definite word, a ل/ب phrase or a number after it.

Sentences of the ANT v2 stream (BB-culture-237-20180722, AL-internationalNews-1420-20180601, BB-culture-111-20180412,
CN-middleEast-1473-20181011, CN-internationalNews-270-20180423, AL-economy-272-20180319, SK-middleEast-410-20180319,
BB-culture-30-20180124), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

PRODUCER = ('وأضاف: "سألت العديد من الممثلين، وكلهم رفضوا".\nوأكدت المنتجة وكاتبة السيناريو ديانا أوسانا الأمر '
            '"جميع الممثلين رفضوا المشروع لأسباب مختلفة".')
MALMSTROM = ('واعتبرت سيسيليا مالستروم الإجراءات الأميركية انتهاكا لقواعد التجارة الدولية، "وهي إجراءات حمائية تضر '
             'العلاقات عبر الأطلسي".')
DUMAS = ('ويقول العالم الفرنسي الكبير فرانسوا دوما عن حضارة مصر القديمة إن "الهدف الأسمى من كتابة تاريخ حضارة مصر '
         'هو العمل على تقريب روح من خلقوها".')
PALLADINO = 'قال المتحدث باسم الخارجية الأمريكية روبرت بالادينو: "لم تكن لدينا أي معرفة مسبقة بذلك".'
POWELL = ("وأكد ستيفن باول، رئيس الدفاع المدني، أن هناك العديد من الإصابات. وقال باول إن هناك تواجد كبير لأفراد "
          "الشرطة.")


def test_a_definite_noun_after_a_whole_name_is_the_object() -> None:
    assert _speakers(PRODUCER)[-1] == ("أكدت", "المنتجة وكاتبة السيناريو ديانا أوسانا")
    assert _speakers(MALMSTROM)[0] == ("اعتبرت", "سيسيليا مالستروم")


def test_a_name_cut_one_word_short_of_the_tagged_name_is_made_whole() -> None:
    assert _speakers(DUMAS)[0] == ("يقول", "العالم الفرنسي الكبير فرانسوا دوما")
    assert _speakers(PALLADINO)[0] == ("قال", "المتحدث باسم الخارجية الأمريكية روبرت بالادينو")
    assert _speakers(POWELL) == [("أكد", "ستيفن باول"), ("قال", "ستيفن باول")]


def test_surnames_titles_and_the_one_told_stay_as_they_were() -> None:
    # counter-examples (pass before and after): a whole name and its surname, the one told, an apposition
    assert _speakers("أكد وزير الخارجية الروسي سيرغي لافروف الاثنين أن الخبراء لم يعثروا على \"أي أثر\".")[0] == (
        "أكد", "وزير الخارجية الروسي سيرغي لافروف")
    assert _speakers('بدوره، قال ديفيس لصحافيين إن الاتفاق بشأن الفترة الانتقالية "يوفر الطمأنينة".')[0] == (
        "قال", "ديفيس")
    assert _speakers('وقال فوزان الماضي، رئيس لجنة التحكيم: "للإبل رمزية وطنية".')[0][0] == "قال"
    assert _speakers('قال محرم إينجه المرشح الرئاسي في الانتخابات إنه "يتقبل" خسارته.')[0] == (
        "قال", "محرم إينجه المرشح الرئاسي")
