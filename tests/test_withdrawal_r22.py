"""Round twenty-two (helper "labelled22"): rules of the language from the build part's misses and the ANT v2 stream.

* على opening a phrase of manner, cause or time right after the predicate ("على متن"، "على خلفية"، "على مراحل") is
  no "applies to" (``exclude.next.adverbials``); "ينسحب على تدخله" still is.
* A light verb heading the verbal noun's own clause ("ويتم جلاء القوات") narrates the event as a past verb does, so an
  old year near it dates it instead of making it a background mention (``frame_syntax.narrated_noun``).
* A full date between the lines and their year ("حدود 4 يونيو حزيران 1967") names a border, not a time
  (``frame_syntax.border_year``).
* A named town or region of the gazetteer is a place a force leaves (the ``city`` group).
* Fighters named right after a word of suspicion ("المشتبه في أنهم إرهابيون") accuse the detainees near them; they
  do not keep a predicate whose object is those people (``exclude.objects.suspected``).

The real sentences come from the build part of ``tests/data/withdrawal/labelled.jsonl`` and the ANT v2 stream
(``stream_flags.judged.jsonl``); the others are invented counterparts that show what each rule leaves alone.
"""

from __future__ import annotations

import pytest

from pipeline.nlp import frame_syntax
from pipeline.nlp.subjects import frame_hits, load_subjects, subject_hits, words
from pipeline.nlp.wordgroups import group_hits
from pipeline.text.normalise import fold_match

MW = "military_withdrawal"


def _subject():
    return next(s for s in load_subjects() if s.id == MW)


def _hits(sentence: str, year: int | None) -> list:
    return subject_hits(sentence, [_subject()], year=year)


# stream (SK-middleEast-1423-20180504, judged true in round twenty-two): the buses "على متنها" the gunmen
ON_BOARD = ("وصلت إلى مناطق وسط سوريا، الجمعة، 32 حافلة على متنها نحو 1650 من المسلحين وعائلتهم من بلدات في ريف دمشق"
            " الجنوبي، استكمالا لاتفاق بين النظام السوري وفصائل المعارضة")
# stream (AL-culture-51-20131226, judged false): "ينسحب على" = applies to
APPLIES_TO = "لكن المشكلة قد تكمن في ما اذا كان «حب» فيروز لنصرالله ينسحب على تدخله في سورية"


def test_on_board_is_no_applies_to() -> None:
    assert _hits(ON_BOARD, 2018)
    assert _hits("وانسحبت القوات الأمريكية على مراحل من المدينة", 2018)
    assert not _hits(APPLIES_TO, 2013)
    assert not _hits("وقال إن القرار ينسحب على جميع الفصائل المسلحة في البلاد", 2018)


# build part (BB-internationalNews-269-20180402:14, labelled true, complete)
NARRATED = "وخاضت أفغانستان ثلاثة حروب ضد الإنجليز قبل أن تعلن استقلالها في عام 1919 ويتم جلاء القوات البريطانية."


def test_a_light_verb_narrates_an_old_withdrawal() -> None:
    hits = _hits(NARRATED, 2018)
    assert hits and hits[0].stance == "complete"
    # a time clause before the light verb keeps the background reading ("since it was withdrawn in 2011")
    assert not _hits("ومنذ أن تم سحب القوات الأمريكية من العراق عام 2011 تدهور الوضع الأمني في البلاد", 2018)
    # and a verbal noun after a preposition is still the time of another event
    assert not _hits("وسيطر الأكراد على المدينة بعد انسحاب القوات الحكومية منها عام 2012", 2018)


@pytest.mark.parametrize(("text", "anchor", "narrated"), [
    ("ويتم جلاء القوات البريطانية", 1, True),
    ("منذ أن تم سحب القوات", 3, False),  # a time clause opens before the light verb
    ("بعد انسحاب القوات", 1, False),  # no light verb
])
def test_narrated_noun(text: str, anchor: int, narrated: bool) -> None:
    toks = words(text)
    narrators = [i for i, t in enumerate(toks) if t.removeprefix("و") in {fold_match(w) for w in ("تم", "يتم")}]
    assert frame_syntax.narrated_noun(toks, anchor, narrators) is narrated


# build part (newsfane:s01150:40, labelled true): the Arab Peace Initiative, withdrawal to the 1967 lines
BORDER = ("و كانت القمة العربية في بيروت عام 2002 تبنت مبادرة السلام التي طرح ها الملك عبد الله بن عبد العزيز عندما كان"
          " وليا لعهد السعودية و تنص على اقامة علاقات عربية مع اسرائيل مقابل انسحاب ها الى حدود 4 يونيو حزيران 1967 .")
# build part (newsfane:s03550:26, labelled false): a background mention dated by its season and year
SPRING_2000 = ("و سرعان ما حقق حزب الله انتصار ه التاريخي بالانسحاب الاسرائيلي غير المشروط من الجنوب اللبناني"
               " في ربيع 2000 .")


def test_a_full_date_after_the_lines_names_a_border() -> None:
    toks = words("مقابل انسحابها الى حدود 4 يونيو حزيران 1967")
    assert frame_syntax.border_year(toks, len(toks) - 1)
    assert not frame_syntax.border_year(words("انسحبت القوات في 4 يونيو حزيران 1967"), 6)
    assert frame_hits(words(BORDER), _subject(), 2006)  # the frame fires: 1967 no longer dates it
    assert not _hits(SPRING_2000, 2006)  # a year that is a time still dates a background mention


def test_the_border_is_read_through_a_clitic() -> None:
    assert frame_syntax.border_year(words("انسحاب لحدود 1967"), 2)
    assert not frame_syntax.border_year(words("على الحدود مع سوريا عام 2012"), 5)  # the border of a country, a time


# build part (ant_v1:JA-internationalNews-1171-20170618:0, labelled true): soldiers asked to leave, toward Doha
ASKED_TO_LEAVE = ("طلبت مملكة البحرين اليوم الأحد من جنود قطريين متمركزين فيها في إطار خدمتهم في القيادة المركزية"
                  " للقوات البحرية الأمريكية، المغادرة على خلفية الأزمة الدبلوماسية مع الدوحة.")


def test_a_named_town_is_a_place_a_force_leaves() -> None:
    assert _hits("القوات البريطانية تغادر البصرة", 2018)
    assert _hits(ASKED_TO_LEAVE, 2017)  # "على خلفية" no longer vetoes it, and Doha is a place left
    # a person, not a force; the gazetteer's entries that are common words are no place
    assert not _hits("وغادر وزير الدفاع البريطاني البصرة بعد زيارة قصيرة", 2018)
    assert not _hits("وقال إن جنود الاحتياط غادروا الخارجية بعد الاجتماع", 2018)


def test_city_group_is_the_gazetteer_less_its_common_words() -> None:
    city = _subject().groups["city"]
    assert group_hits(words("غادرت القوات البصرة"), city) == [2]
    assert group_hits(words("وغادرت القوات الموصل"), city) == [2]  # IRAQ and LOC
    assert group_hits(words("غادر الخارجية"), city) == []  # a ministry
    assert group_hits(words("غادر الريف"), city) == []  # the countryside


# stream (BB-internationalNews-475-20180507, judged false; pool: "deportation of detainees")
SUSPECTS = ("وعارض ماكين بشدة ترحيل المعتقلين المشتبه في أنهم ارهابيون إلى سجون سرية في دول تستخدم أساليب تحقيق غير"
            " قانونية، وعارض استخدام التعذيب ونجح في تبني تشريع يحظر استخدام أساليب قاسية ولا انسانية ومهينة في"
            " معاملة المشتبه بهم")


def test_fighters_named_by_a_suspicion_do_not_keep_the_detainees_leaving() -> None:
    assert not _hits(SUSPECTS, 2018)
    # fighters after the people evacuated, with no suspicion, still keep it
    assert _hits("وبدأ خروج قافلة تقل مسلحين من البلدة باتجاه إدلب", 2018)
    assert _hits("وتم إجلاء 6900 شخص من مدنيين ومسلحين من البلدة", 2018)
