"""Round thirty (helper "spk30"): who a relay and a "but" clause leave as the subject carried on (issue 13).

* "ونقلت صحيفة X عن مسؤولين ... القول ...، وأضافت أنها": the outlet that relays is the subject of its own verb, so
  a later dropped subject agreeing with it (feminine here, the officials masculine) continues the outlet
  (``sources.relaying_outlet``, remembered by ``statements._speaker_for``).
* "ونقلت عنه وكالة رويترز"، "كما كشف مصدر مسؤول، نقلت عنه وكالة الأنباء السعودية، أن": the one relayed is the
  pronoun after "عن"; the verb agrees with the outlet, so the carried subject must agree with the pronoun, not the
  verb (``sources.pronoun_form``); not when a person named before the pronoun may be its referent.
* "ولكن لوف قال في برلين إن"، "ولكن مسؤولين أكدوا أن": ولكن opens a clause whose subject comes first, as لكن does;
  a definite phrase without a name there is a thing or a description, not a new speaker ("ولكن الحقيقة المريرة
  تقول"، "ولكن المنصة تحذر": ``preverbal.subject_before_verb``).
* "توصل علماء دوليون إلى ...، وقالوا إن": a و-verb after a comma shares the subject of the verb opening the article
  or a line also without و (``shared_subjects.opening_subject``); a past verb of the form تفعّل looks present, so
  then the subject must agree with the و-verb; a particle (كما) or a fronted phrase (ففي) opening the line is no
  verb, and a line of a quote is no sentence of the outlet.

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 SK-middleEast-3212-20180731: the newspaper relays the officials, then goes on in its own words
STANDARD = ("كشفت وسائل إعلام نمساوية أن عددا من المواطنين النمساويين يقبعون في السجون العراقية.\n"
            "ونقلت صحيفة \"دير ستاندرد\" النمساوية عن مسؤولين في الخارجية النمساوية القول انه \"برغم القضاء على "
            "ما يسمى بتنظيم داعش فإنه ترك إرثا ثقيلا\".\n"
            "وأضافت أنها اطلعت على وثائق رسمية للحكومة العراقية تكشف عن وجود هؤلاء الأشخاص في تلك السجون.")

# ANT v2 CN-middleEast-1631-20181019: "نقلت عنه" in a parenthesis after the source it relays
SOURCE = ("ونقلت وكالة الأنباء السعودية أن النيابة العامة مستمرة في تحقيقاتها.\n"
          "كما كشف مصدر مسؤول، نقلت عنه وكالة الأنباء السعودية، أن المملكة اتخذت الإجراءات اللازمة لاستجلاء "
          "الحقيقة.")

# ANT v2 BB-middleEast-949-20180903: "عنه" is Zarif, the last man who spoke
ZARIF = ("وقال ظريف إن الاجتماع سيركز على محاربة باقي الجماعات المتشددة في سوريا.\n"
         "ونقلت وكالة الجمهورية الإسلامية الإيرانية للأنباء عنه قوله \"خلال الاجتماع الذي سنعقده في طهران سنبحث "
         "الأوضاع\".")

# ANT v2 FR-economy-22-20180302: the pronoun may be the person named in the outlet's phrase
JUNCKER = ("يستعد الاتحاد الأوروبي فرض رسوم على بعض السلع الأمريكية في إجراء انتقامي.\n"
           "ونقلت المتحدثة باسم رئيس المفوضية الأوروبية جان كلود يونكر عنه قوله أمام صحافيين ألمان إن \"الاتحاد "
           "الأوروبي يعد إجراءات مضادة\".")

# ANT v2 AL-sport-1607-20180518 and BB-middleEast-625-20180616: ولكن, then the subject, then the verb
LOEW = ("رد يواخيم لوف، المدير الفني للمنتخب الألماني لكرة القدم بعنف، على تصريحات ساندرو فاغنر، مهاجم بايرن ميونخ.\n"
        "ويعتقد فاغنر أن أسلوبه المباشر هو السبب الرئيس في استبعاده ولكن لوف قال في برلين إن اللاعب تمادى كثيرا.")
OFFICIALS = ("وتدير الإمارات الحملة العسكرية لإبعاد الحوثيين من الميناء الواقع على البحر الأحمر.\n"
             "وقد لقيت الحملة اعتراضا دوليا، ولكن مسؤولين أكدوا أن ميناء الحديدة سيبقى مفتوحا أمام المساعدات.")

# ANT v2 AL-technology-297-20180612: "المنصة" after ولكن is Snapchat, carried on
SNAPCHAT = ("وتقول سناب شات إنها تحاول إزالة الرسالة من خوادمها وأجهزة الأصدقاء، ولكن المنصة تحذر من أن هذا قد لا "
            "يعمل دائمًا.")


def test_a_dropped_subject_continues_the_outlet_that_relayed() -> None:
    assert _speakers(STANDARD)[-1] == ("أضافت", "صحيفة \"دير ستاندرد\" النمساوية")


def test_a_relay_of_him_carries_a_masculine_subject() -> None:
    assert _speakers(SOURCE)[-1] == ("نقلت", "مصدر مسؤول")
    assert _speakers(ZARIF)[-1] == ("نقلت", "ظريف")


def test_a_relay_of_him_after_a_named_person_is_left_as_before() -> None:
    assert _speakers(JUNCKER)[-1][1] is None


def test_the_subject_after_wa_lakin_speaks() -> None:
    assert _speakers(LOEW)[-1] == ("قال", "لوف")
    assert _speakers(OFFICIALS)[-1] == ("أكدوا", "مسؤولين")


def test_a_description_after_wa_lakin_is_no_new_speaker() -> None:
    assert _speakers(SNAPCHAT)[-1] == ("تحذر", "سناب شات")


# ANT v2 SK-technology-517-20180427: the article opens with a verb of form تفعّل (past, though it looks present)
SCIENTISTS = ("توصل علماء دوليون إلى 44 من المتغيرات الجينية، التي قد تزيد من مخاطر الإصابة بالاكتئاب الشديد، وقالوا "
              "إن كل البشر يحملون بعضا منها على الأقل.")

# ANT v2 CN-economy-166-20180812: a line opening with كانت and its subject, then two و-verbs
CMA = ("تحظر المملكة تداول العملات الافتراضية.\n"
       "كانت هيئة أسواق المال الكويتية حذرت الشهر الماضي من الاستثمار في العملات الرقمية أو المشفرة، ودعت إلى عدم "
       "المشاركة في عمليات الطرح الأولية لمثل تلك العملات، وأشارت إلى ان تلك الاستثمارات لا تخضع لجهة رقابية.")

# ANT v2 SK-middleEast-408-20180319: كما is no verb; "الوزير السعودي" is al-Jubeir carried on
JUBEIR = ("وأردف الجبير قائلا \"هذه خطوة جيدة لكنها ليست كافية\".\n"
          "كما تطرق الوزير السعودي إلى الملف الإيراني، وقال إن إيران ما زالت تدعم الإرهاب.")


def test_a_wa_verb_shares_the_subject_of_the_verb_opening_a_line() -> None:
    assert _speakers(SCIENTISTS)[-1] == ("قالوا", "علماء دوليون")
    assert _speakers(CMA)[-1] == ("أشارت", "هيئة أسواق المال الكويتية")


def test_a_particle_opening_the_line_is_no_verb_to_share() -> None:
    assert "تطرق" not in (_speakers(JUBEIR)[-1][1] or "")
