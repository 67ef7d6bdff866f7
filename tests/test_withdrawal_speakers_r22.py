"""Round twenty-two (helper "speakerhits22"): whose words a withdrawal sentence no quote covers is, from the build
part's speaker errors (``bench/withdrawal.py labelled --splits build --errors``).

* طلب is a decision verb like طالب: "طلبت مملكة البحرين ... من جنود قطريين ... المغادرة" is Bahrain's demand.
* التزام and تخوف are verbal nouns of a position owned by the opening subject ("أعلنت فصائل مقاتلة، الثلاثاء،
  التزامها بإخراج"، "وعبرت الأوساط ... عن تخوفها من انسحاب"); a comma after an opening decision verb's subject
  (before a time word) no longer hides that subject.
* A decision noun in construct with a named person or body is that name's decision ("إعلان ترامب مرارا عزمه سحب"،
  "إقرار البنتاغون بأن").
* A decision verb opening its sentence takes the common noun before its أن clause as subject ("وتتمسك الفصائل بأن"),
  when it agrees with the verb in gender.
* A demand named after لـ is the purpose of the opening subject's act ("احتشد عشرات السكان ... لمطالبة").
* A decision verb after "ولم"/"ولن"/"ولا" with no subject of its own shares the sentence's opening subject when it
  agrees with it in gender; a name right after مثل is compared, never the actor.

The real sentences come from the build part of ``tests/data/withdrawal/labelled.jsonl`` and the ANT v2 stream
(``stream_flags.judged.jsonl``); the others are invented counterparts that show what each rule leaves alone.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.ner import extract_entities
from pipeline.nlp.subject_statements import unattributed_statements


def _speaker(text: str) -> str | None:
    """The speaker of the one unattributed withdrawal statement of ``text`` (None: the outlet narrates)."""
    [st] = unattributed_statements(text, [], year=2018, entities=extract_entities(text))
    assert (st.speaker is not None) == st.attributed
    return st.speaker.text if st.speaker else None


# build part (JA-internationalNews-1171-20170618): a demand made with طلب
ASKED = ("طلبت مملكة البحرين اليوم الأحد من جنود قطريين متمركزين فيها في إطار خدمتهم في القيادة المركزية للقوات "
         "البحرية الأمريكية، المغادرة على خلفية الأزمة الدبلوماسية مع الدوحة.")
# build part: a position named by a verbal noun its pronoun gives to the opening subject
COMMITTED = ("أعلنت فصائل مقاتلة، الثلاثاء، التزامها بإخراج مقاتلون ينتمون لـ\"جبهة تحرير الشام\"، جبهة النصرة سابقا، "
             "وعائلاتهم من الغوطة الشرقية وذلك بعد دخول وقف إطلاق النار حيز التنفيذ الفعلي.")
FEARED = ("وعبرت الأوساط السياسية والشعبية عن تخوفها من انسحاب القوات القتالية الأمريكية والتحالف الدولي من العراق ، "
          "محذرة من أن هذا الفراغ ستستغل الفصائل المسلحة والمليشيات المقربة من إيران.")
# build part: decision nouns in construct with a name
ANNOUNCED = ("ويأتي كلام ماتيس ردا على سؤال حول إعلان ترامب مرارا عزمه سحب القوات الأمريكية من سوريا \"قريبا "
             "جدا\".")
ADMITTED = ("ويأتي إقرار البنتاغون بأن بعضا من مقاتلي قوات سوريا الديمقراطية غادروا جبهات القتال في وادي الفرات "
            "الأوسط بعد التحذير الذي أطلقه قائد المنطقة العسكرية الوسطى (سنتكوم) الجنرال جو فوتيل.")
# build part: a decision verb, its common-noun subject, its أن clause
INSISTED = ("وتتمسك الفصائل بأن يتضمن أي اتفاق مقبل \"خروج من لا يرغب بتسوية وضعه من المقاتلين من المنطقة الجنوبية "
            "مع عائلاتهم إلى أي منطقة يريدونها في سوريا\".")
# build part: a demand as the purpose of a gathering
GATHERED = ("احتشد عشرات السكان في حي بمدينة الحديدة غرب اليمن، السبت، لمطالبة ميليشيات الحوثي الانقلابية بإخراج "
            "الأسلحة الثقيلة التي نشرتها في حيهم السكني.")


@pytest.mark.parametrize(("text", "speaker"), [
    (ASKED, "مملكة البحرين"),
    (COMMITTED, "فصائل مقاتلة"),
    (FEARED, "الأوساط السياسية والشعبية"),
    (ANNOUNCED, "ترامب"),
    (ADMITTED, "البنتاغون"),
    (INSISTED, "الفصائل"),
], ids=["asked", "committed", "feared", "announced", "admitted", "insisted"])
def test_the_body_that_decides_is_the_speaker(text: str, speaker: str) -> None:
    assert _speaker(text) == speaker


def test_a_demand_as_purpose_is_the_opening_subjects() -> None:
    assert _speaker(GATHERED).startswith("عشرات السكان")


def test_what_the_rules_leave_alone() -> None:
    # no subject between the verb and its clause: nobody is named
    assert _speaker("وطالبت بأن تنسحب القوات الأمريكية من العراق.") is None
    # a masculine verb does not take a feminine plural phrase as its subject
    assert _speaker("ويتمسك المصادر بأن تنسحب القوات الأمريكية من العراق.") is None
    # a decision noun followed by no name
    assert _speaker("وجاء الإعلان مرارا عن عزم سحب القوات الأمريكية من سوريا قريبا.") is None
    # the purpose demand of a clause after a comma is not read from the sentence's opening
    assert _speaker("وتداول ناشطون يمنيون، مقطع فيديو، لسكان حي وهم يتجمهرون للمطالبة بإخراج القوات الأمريكية"
                    " من العراق.") is None
    # forces acting are an event the outlet reports, whatever the comma
    assert _speaker("سحبت القوات الأمريكية، الثلاثاء، أسلحتها الثقيلة من القاعدة.") is None


def test_and_not_shares_the_opening_subject_and_a_compared_name_is_no_actor() -> None:
    # stream (BB-middleEast-1084-20181011, judged true: Pompeo's demand): Iran is compared, it demands nothing; the
    # verb after "ولم" has no subject of its own, the sentence's opening one (Pompeo) does not ask either
    compared = "ولم يتحدث بومبيو عن القوات الروسية الموجودة في سوريا ولم يطلب انسحابها هي الأخرى مثل إيران."
    assert _speaker(compared) == "بومبيو"
    # a verb with its own subject keeps it; one that disagrees with the opening subject does not take it
    assert _speaker("ولم تتحدث الحكومة عن القوات الروسية ولم يطلب ترامب انسحابها من سوريا.") == "ترامب"
    assert _speaker("ولم تتحدث الحكومة عن القوات الروسية ولم يطلب انسحابها من سوريا مثل إيران.") is None


# build part (SK-middleEast-2781-20180706): the terms the sources reported go on in the next sentence
SOURCES = ("وأشارت مصادر لـ\"سكاي نيوز عربية\"، إلى أن الاتفاق يقضي بسيطرة فصائل تابعة للجيش السوري الحر على مدن "
           "وبلدات غرب أوتستراد طريق \"دمشق درعا\"، بينما يبسط النظام سيطرته على شرقها.\n")
ALSO_WILL = ("كما سينسحب النظام وميليشياته من المناطق التي تقدم إليها غربي الأوتستراد، على أن تعقد جلسات تفاوضية "
             "جديدة.")


def _last_speaker(text: str) -> str | None:
    """The speaker of the unattributed withdrawal statement of ``text``'s last sentence, after its statements."""
    from pipeline.nlp.statements import extract_statements

    entities = extract_entities(text)
    statements = extract_statements(text, entities)
    [st] = unattributed_statements(text, statements, year=2018, entities=entities)
    return st.speaker.text if st.speaker else None


def test_also_and_a_future_verb_go_on_with_the_previous_speaker() -> None:
    assert _last_speaker(SOURCES + ALSO_WILL).startswith("مصادر")
    # the same sentence after narration, or opening without كما, stays the outlet's
    assert _last_speaker("وسيطرت فصائل تابعة للجيش السوري الحر على مدن غرب الأوتستراد.\n" + ALSO_WILL) is None
    assert _last_speaker(SOURCES + ALSO_WILL.removeprefix("كما ")) is None


def test_a_name_before_the_clause_is_not_glued_to_its_object() -> None:
    # after stream BB-middleEast-161-20180308 ("وعرضت روسيا خروجا آمنا على مسلحي المعارضة"): the body, not its offer
    assert _speaker("وعرضت روسيا خروجا آمنا بأن ينسحب مسلحو المعارضة من الغوطة مع عائلاتهم.") == "روسيا"
