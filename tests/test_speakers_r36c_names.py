"""Round thirty-six (helper "desc36c"): a circumstantial participle (حال) taken as the speaker (issue 13).

* Right after the reporting verb, an accusative participle ("وأضاف متحديا"، "وأضاف مخاطبا أنصار الحزب") or a
  feminine one followed by قائلة ("وتابعت معتذرة للجمهور قائلة") tells how the speaker spoke: no subject, the
  verb continues the speaker named before (``speaker_spans.participle_first``).
* A title noun in ة ("وقالت متحدثة باسم الشركة")، a title owned by نا ("وأضاف مصدرنا") and a greeting after the
  one told ("قد تقول لنا مرحبا") are not such participles.

Sentences of the ANT v2 stream (BB-culture-207-20180625, SK-sport-2914-20181015, BB-middleEast-40-20180210,
BB-economy-140-20180523, SK-technology-1594-20181010) and ANT v1 (JA-localNews-4205-20170525), shortened.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

BARR = ('وقالت الممثلة الأمريكية الكوميدية روزان بار إنها تشعر بالأسف. وتابعت معتذرة للجمهور قائلةً:" لا أريد أن '
        'أغضب وأهرب بتقديم الأعذار، بل أعتذر لكل من ظن أو شعر بأنني قد أسأت إليه".')
HABIB = ('وقال حبيب، والابتسامة تعلو وجهه في التسجيل "هيا يا فلويد.. يجب أن نخوض نزالا الآن". وأضاف متحديا "50 نزالا '
         'دون خسارة مقابل 27 نزالا دون خسارة.. شخصان لم يتعرضا للخسارة".')
ERDOGAN = ('وتعهد الرئيس التركي، رجب طيب أردوغان، بأن من أسقطوا الطائرة "سيدفعون ثمنا باهظا". وأضاف مخاطبا أنصار حزب '
           'العدالة والتنمية الحاكم في مدينة إسطنبول "أسقطت إحدى مروحياتنا. هذه الأشياء ستقع إذ نحن في حرب".')


def test_a_participle_after_the_verb_continues_the_speaker() -> None:
    assert _speakers(BARR)[1] == ("تابعت", "الممثلة الأمريكية الكوميدية روزان بار")
    assert ("أضاف", "حبيب") in _speakers(HABIB)
    assert ("أضاف", "الرئيس التركي، رجب طيب أردوغان") in _speakers(ERDOGAN)


def test_titles_and_greetings_are_no_participles() -> None:
    # counter-examples (pass before and after)
    assert _speakers('وقالت متحدثة باسم ماكدونالدز "لا يوجد مكان للمضايقة والتمييز من أي نوع في مكان عملنا".')[0] == (
        "قالت", "متحدثة باسم ماكدونالدز")
    assert _speakers("وقال المصدر ذاته إن الوحدات الأمنية حجزت 100 جهاز مكيف. وأضاف مصدرنا أن الوحدات الأمنية "
                     "اضطرت لإستعمال الغاز المسيل للدموع.")[1] == ("أضاف", "مصدرنا")
    said = _speakers('غير أن الدراسة تقول إنه لا بد أن يكون هناك مخلوقات فضائية ذكية "الآن في مجرة درب التبانة.. قد '
                     'تقول لنا مرحبا نحن هنا"، مضيفا أنه لا سبيل لنعرف ذلك.')
    assert [verb for verb, _ in said] == ["تقول", "مضيفا"]  # the quoted "تقول لنا" makes no statement of its own
