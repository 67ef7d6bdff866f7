"""Round nineteen, helper "sense": word-sense checks and frame conditions for the general categories of false
`military_withdrawal` flags on SaudiNewsNet's development outlet (other senses of the words, not armed forces,
background mentions, expulsion by force, forces sent in, leaving an organisation). Every sentence here is invented
(no SaudiNewsNet text enters the repository); each was flagged by the code before this round, and the positives
beside them show what each check keeps."""

from __future__ import annotations

import pytest

from pipeline.nlp.subjects import match_subjects

MW = "military_withdrawal"
YEAR = 2015

FALSE_FLAGS = {
    # not armed forces: fighters giving themselves up; foreign fighters travelling to a war
    "surrender": "وسلم عشرات المسلحين أنفسهم للجيش في ريف المدينة مقابل خروجهم الآمن من مواقع القتال",
    "foreign_fighters": "تحاول الحكومات منع المقاتلين الأجانب من مغادرة بلدانهم للالتحاق بالتنظيم في سوريا",
    # forces sent in, not withdrawn
    "more_forces": "قال الجنرال إنه لا حاجة إلى المزيد من القوات الأمريكية في أفغانستان حاليا",
    # other senses: the predicate's own object is a thing withdrawn in another sense, or what ends is no mission
    "veto": "وكانت روسيا قد سحبت الفيتو على مشاركة قوات الفصائل في العمليات العسكرية",
    "preparations": "وأعلن الجيش انتهاء استعدادات تأمين المؤتمر حيث شهدت المنطقة انتشارا واسعا للوحدات القتالية",
    "out_of_control": "حذر النائب من أن الفصائل المسلحة قد تخرج عن سيطرة الدولة",
    "graduation_ceremony": "وشهد القائد حفل تخرج دفعة جديدة من المقاتلين من معسكر التدريب",
    "few": "وانضم إلى التنظيم عدد غير قليل من المقاتلين القادمين من الخارج",
    "expansion": ("وشنت الجماعات هجمات واسعة عقب توسيع المعارك وتمددها إلى الشمال بعد انسحاب القوات الدولية من "
                  "المنطقة نهاية العام الماضي"),
    "travel": "ويسافر الرئيس الأمريكي بموكب تنقله القوات الأمريكية أثناء سفره خارج البلاد بطائرات شحن",
    # leaving an organisation, a programme; weapons taken from people's hands
    "programme": "وانسحبت بعض الفصائل المسلحة من برنامج التدريب الذي ترعاه واشنطن",
    "disarm": "وأمر قائد المسلحين بسحب الأسلحة من أفراد الأمن في المدينة",
    # background: a past time relative to the article, a long duration counted from it, a dated relative clause
    "last_year": "وتواصل القصف في الولاية بعد انسحاب معظم القوات الدولية من البلاد نهاية العام الماضي",
    "months_after": "وسقط مئات القتلى من المدنيين بعد ستة أشهر على انتهاء المهمة القتالية لقوات الحلف",
    "dated_relative": "وتدرب الجيش ليحل محل القوات الدولية التي انسحبت قواتها المقاتلة من البلاد مع نهاية عام 2014",
    # expulsion or recapture by force
    "managed_to_expel": "وتمكن الجيش من إخراج المسلحين من معظم البلدات التي سيطروا عليها",
    "tried_to_expel": "وحاولت القوات الحكومية إخراج المتمردين من الحي الشمالي للمدينة",
    # civilians as the predicate's own object, fighters elsewhere in the sentence
    "deport_residents": "يسعى الحزب إلى طرد مقاتلي المعارضة من البلدة وترحيل السكان إلى مناطق أخرى",
}

STILL_FLAGGED = {
    "deal": "فشلت جولتان من التفاوض على إخراج المقاتلين من المدينة",
    "demand": "طالبت الخرطوم بوضع خطة لإخراج قوات حفظ السلام من البلاد",
    "days_after": "وتسعى الأطراف إلى اتفاق يقضي بخروج المسلحين من البلدة بعد يومين من انسحاب القوات الحكومية",
    "forced_to_withdraw": "أجبر التقدم عناصر التنظيم على الانسحاب من المنطقة بعد هجوم عنيف",
    "convoy": "وخرجت قافلة تقل مئات المسلحين من المدينة باتجاه الشمال",
    "undated_relative": "وكانت البلدة أولى المدن التي غادرتها القوات الحكومية في الشمال",
    "relative_subject": "وقال القائد إن المسلحين الذين يرفضون التسوية سيغادرون المدينة خلال الأيام المقبلة",
    "handover_ceremony": "وأقيم حفل تسليم قاعدة التاجي العسكرية إلى القوات العراقية بحضور قادة التحالف",
    "people_called_fighters": "وأكدت الوكالة خروج أشخاص من البلدة واصفة إياهم بالإرهابيين",
    # a word of force in a name, or a deal between the effort and the causative: no expulsion
    "name_with_force_word": "وتفاوضت هيئة تحرير الشام على إخراج مقاتليها من المنطقة",
    "tried_a_deal": "وحاولت الأمم المتحدة التوصل إلى اتفاق لإخراج المسلحين من المدينة",
}


@pytest.mark.parametrize("name", sorted(FALSE_FLAGS))
def test_a_general_sense_check_drops_a_false_flag(name: str) -> None:
    assert match_subjects(FALSE_FLAGS[name], year=YEAR) == [], name


@pytest.mark.parametrize("name", sorted(STILL_FLAGGED))
def test_the_sense_checks_keep_real_withdrawals(name: str) -> None:
    assert match_subjects(STILL_FLAGGED[name], year=YEAR) == [MW], name


def test_organisations_left_are_no_place() -> None:
    """A currency union is an organisation left, not a place ("منطقة اليورو" is no region)."""
    assert match_subjects("وأظهر الاستطلاع أن نصف الألمان يؤيدون انسحاب اليونان من منطقة اليورو", year=YEAR) == []
    assert match_subjects("أعلنت تركيا انسحاب قواتها من المنطقة الحدودية", year=YEAR) == [MW]
