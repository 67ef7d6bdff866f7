"""Round twenty-nine (helper "spk29"): bare nouns and cut spans of the real stream (issue 13).

* A bare document noun ("التقرير"، "البلاغ") is the body that issued it (the speaker-sample convention: a bare noun is
  wrong when the article names what it stands for in full): the issuer is also a body noun in construct with the
  document ("تقرير صندوق النقد الدولي": "صندوق" is a body noun learned from word clusters, not a tagged name), and the
  speaker of an earlier statement made "في تقرير"/"في بلاغ" (not only "في بيان"), or the subject that presented the
  report in the sentence before ("قدّم نجفي تقريرا ... وقال"); never a carried phrase that holds the document itself
  ("لجنة خبراء تقريرا سريا") (``sources.issuer``, ``sources.document_owner``).
* A document is the object of the verb before the subject, never part of it: "أصدرت وزارة الخارجية الروسية بيانا
  رسميا، قائلة"، "قدمت لجنة خبراء تقريرا سريا ... تقول فيه"، "نقلت صحيفة "آس" عن النجم البرتغالي كريستيانو رونالدو
  تصريحا" end before the document (an accusative one after any word, an indefinite one after a definite word or a
  name); "مصادر وثيقة" (close sources) keeps its adjective (``name_edges.without_document_object``).
* A body is named for whom it serves, with ل and the article ("الاتحاد الوطني للسينمائيين"، "الجمعية الوطنية
  للصحفيين السود"): a later bare "الاتحاد"/"الجمعية" stands for the whole name, not for the part the tagger or the
  noun phrase ended at; a ل-phrase right before what was said ("للصحفيين إن") stays the one told
  (``speaker_spans.named_for``, read by ``mentions.earlier_mention``).

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 BB-economy-109-20180419: the IMF, which the tagger does not hold, named in construct with its report
IMF = ("أعرب صندوق النقد الدولي عن قلقه من ارتفاع معدل الديون العالمية.\n"
       "وحمل تقرير صندوق النقد الدولي تحذيرا خاصا بشأن الصين.\n"
       "ومع ذلك، يشير التقرير أيضا إلى أن البنوك الصينية قد قللت من استخدامها للاقتراض قصير الأجل الخطير.")

# ANT v2 CN-economy-342-20181004: the bank's statement made in its report
BANK = ("أكد البنك الدولي، أن الإصلاحات الاقتصادية التي طبقتها دول المنطقة أدت إلى تحقيق وفورات مالية.\n"
        "وأضاف البنك الدولي في تقرير أصدره، الأربعاء، أن هذه الوفورات المالية الضخمة، أتاحت لحكومات هذه الدول "
        "مساحة مالية إضافية لمواصلة الإصلاحات الاقتصادية.\n"
        "وبحسب التقرير، فإن هذا التعافي يعكس أيضًا تأثير الإصلاحات المتواضعة.")

# ANT v2 SK-middleEast-93-20180227: a prosecutor's communiqué (بلاغ)
PROSECUTOR = ("وذكر الوكيل العام للملك، في بلاغ نقلته وكالة المغرب العربي للأنباء، أنه تم إجراء استجواب بوعشرين "
              "بحضور دفاعه.\n"
              "وأبرز البلاغ أن هذه الأفعال يشتبه أنها ارتكبت في حق 8 ضحايا.")


def test_a_report_is_that_of_the_body_noun_in_construct_with_it() -> None:
    assert _speakers(IMF)[-1] == ("يشير", "صندوق النقد الدولي")


def test_a_report_is_that_of_the_speaker_who_spoke_in_it() -> None:
    assert _speakers(BANK)[-1] == ("بحسب", "البنك الدولي")


def test_a_communique_is_that_of_the_speaker_who_spoke_in_it() -> None:
    assert _speakers(PROSECUTOR)[-1] == ("أبرز", "الوكيل العام للملك")


# ANT v2 BB-internationalNews-1150-20181005: the ministry issued a statement, saying
RUSSIA = ("أصدرت وزارة الخارجية الروسية بيانا رسميا يوم الخميس، قائلة إنها ضحية \"حملة دعائية تدار بطريقة "
          "مسرحية\".")

# ANT v2 FR-middleEast-858-20180731: the panel presented a secret report, saying in it
EXPERTS = ("قدمت لجنة خبراء تقريرا سريا لمجلس الأمن في الأمم المتحدة الاثنين تقول فيه إن الحوثيين ما زالوا يتزودون "
           "بصواريخ باليستية وطائرات بلا طيار من إيران.")

# ANT v2 AL-internationalNews-1648-20180617: "وثيقة" is the adjective "close", no document
CLOSE = "كشفت مصادر وثيقة عن خلافات كبيرة بين قيادات ميليشيات الحوثي الانقلابية، على خلفية معركة الحديدة."


def test_a_document_object_is_no_part_of_the_subject() -> None:
    assert _speakers(RUSSIA)[-1] == ("قائلة", "وزارة الخارجية الروسية")


def test_an_accusative_report_ends_the_indefinite_subject() -> None:
    assert _speakers(EXPERTS)[-1] == ("تقول", "لجنة خبراء")


def test_close_sources_keep_their_adjective() -> None:
    assert _speakers(CLOSE)[-1] == ("كشفت", "مصادر وثيقة")


# ANT v2 FR-culture-1-20180218: the tagger ends the union's name before its ل-complement
UNION = ("أعلن الاتحاد الوطني للسينمائيين رحيل المخرج والمنتج إدريسا ويدراوغو الأحد في العاصمة واغادوغو، عن عمر "
         "ناهز 64 عاما.\n"
         "وتوفي ويدراوغو \"صباح الأحد جراء المرض\" في أحد مستشفيات واغادوغو في بوركينا فاسو، بحسب بيان الاتحاد الذي "
         "تلقت وكالة فرانس برس نسخة عنه.")

# ANT v2 BB-culture-297-20180911: no entity; the noun phrase ends before "للصحفيين السود"
ASSOCIATION = ("واستنكرت الجمعية الوطنية للصحفيين السود بالولايات المتحدة الرسم الكارتوني، ووصفته بأنه \"منفر على عدة "
               "مستويات\".\n"
               "وقالت الجمعية في بيان: \"إنه لا يظهر فقط صورا عنصرية وتمييزية على أساس الجنس\".")

# invented: the ل-phrase before what was said is the one told, not the rest of the charity's name
TOLD = ("وقالت الجمعية الخيرية للصحفيين إن المساعدات وصلت.\n"
        "وقال وزير الصحة محمد علي إن المستشفيات جاهزة.\n"
        "وأضافت الجمعية أن التوزيع سيبدأ غدا.")


def test_a_body_named_for_whom_it_serves_keeps_its_complement() -> None:
    assert _speakers(UNION)[-1] == ("بحسب", "الاتحاد الوطني للسينمائيين")


def test_the_complement_after_an_untagged_body_completes_it() -> None:
    assert _speakers(ASSOCIATION)[-1] == ("قالت", "الجمعية الوطنية للصحفيين السود")


def test_the_one_told_is_no_complement_of_the_name() -> None:
    assert _speakers(TOLD)[-1] == ("أضافت", "الجمعية الخيرية")
