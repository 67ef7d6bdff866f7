"""Round thirty-six (helper "desc36"): the speaker's name itself, where it ends (issue 13).

* A speaker that stops one word short of the name the tagger read in full at that place is made whole: "فرانسوا|
  دوما" (دوما, "always", read as an adverb), "روبرت| بالادينو" (``name_edges._with_tagged_rest``); not when the
  speaker's last word is a name the article gives alone, nor a definite word, a ل/ب phrase ("لصحافيين"،
  "للجوهرة"، "لمراسلنا") or a number after it.

Sentences of the ANT v2 stream (BB-culture-111-20180412, CN-middleEast-1473-20181011, CN-internationalNews-270-20180423,
FR-middleEast-239-20180409, AL-economy-272-20180319, BB-culture-30-20180124) and ANT v1 (JA-localNews-3484-20161017,
JA-society-184-20161204), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

DUMAS = ('ويقول العالم الفرنسي الكبير فرانسوا دوما عن حضارة مصر القديمة إن "الهدف الأسمى من كتابة تاريخ حضارة مصر '
         'هو العمل على تقريب روح من خلقوها".')
PALLADINO = 'قال المتحدث باسم الخارجية الأمريكية روبرت بالادينو: "لم تكن لدينا أي معرفة مسبقة بذلك".'
POWELL = ("وأكد ستيفن باول، رئيس الدفاع المدني، أن هناك العديد من الإصابات. وقال باول إن هناك تواجد كبير لأفراد "
          "الشرطة.")


def test_a_name_cut_one_word_short_of_the_tagged_name_is_made_whole() -> None:
    assert _speakers(DUMAS)[0] == ("يقول", "العالم الفرنسي الكبير فرانسوا دوما")
    assert _speakers(PALLADINO)[0] == ("قال", "المتحدث باسم الخارجية الأمريكية روبرت بالادينو")
    assert _speakers(POWELL) == [("أكد", "ستيفن باول"), ("قال", "ستيفن باول")]
    assert _speakers("اكد وزير الفلاحة سمير بالطيب عقب حضوره اليوم منتدى دوليا أن الوزارة ستدعم الفلاحين.")[0] == (
        "اكد", "وزير الفلاحة سمير بالطيب")


def test_surnames_titles_and_the_one_told_stay_as_they_were() -> None:
    # counter-examples (pass before and after): a whole name and its surname, the one told, an apposition
    assert _speakers("أكد وزير الخارجية الروسي سيرغي لافروف الاثنين أن الخبراء لم يعثروا على \"أي أثر\".")[0] == (
        "أكد", "وزير الخارجية الروسي سيرغي لافروف")
    assert _speakers('بدوره، قال ديفيس لصحافيين إن الاتفاق بشأن الفترة الانتقالية "يوفر الطمأنينة".')[0] == (
        "قال", "ديفيس")
    assert _speakers('وقال فوزان الماضي، رئيس لجنة التحكيم: "للإبل رمزية وطنية".')[0][0] == "قال"
    assert _speakers('قال محرم إينجه المرشح الرئاسي في الانتخابات إنه "يتقبل" خسارته.')[0] == (
        "قال", "محرم إينجه المرشح الرئاسي")
    assert _speakers("وقال الملازم بالفرقة العدلية لمراسلنا عبد القادر جلال، إن الأبحاث متواصلة.")[0][1] != (
        "الملازم بالفرقة العدلية لمراسلنا")


def test_a_letter_written_apart_after_the_name_is_no_surname() -> None:
    # the lead, after the merge: a tagger's person span running on by a preposition written apart ("جعفر لـ")
    # must not grow the speaker by that letter; the same span ending in a real surname still does
    from pipeline.models import Entity, Speaker, Statement
    from pipeline.nlp.name_edges import _with_tagged_rest

    def grown(text: str, tagged: str, speaker: str) -> str:
        at = text.index(tagged)
        ents = [Entity(text=tagged, canonical=tagged, type="PERS", start=at, end=at + len(tagged))]
        st = Statement(speaker=Speaker(text=speaker, canonical=speaker), verb="قال", quote="الوضع مستقر",
                       start=text.index("إن"), end=len(text))
        return _with_tagged_rest(text, [st], ents)[0].speaker.text

    assert grown("وقال اللواء جعفر لـ«الحياة» إن الوضع مستقر.", "جعفر لـ", "اللواء جعفر") == "اللواء جعفر"
    assert grown("وقال اللواء جعفر حسن إن الوضع مستقر.", "جعفر حسن", "اللواء جعفر") == "اللواء جعفر حسن"
