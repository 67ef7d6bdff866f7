"""Withdrawal stance, round twenty-eight (issue 13): a result told after a past event is done, a call is still to come,
and a postponement verb is a verb. Constructed sentences in the development data's constructions (SaudiNewsNet text
never enters the repository); each rule has a counter-example that keeps its old stance."""

from __future__ import annotations

from pipeline.nlp.stance import judge_stance
from pipeline.nlp.subjects import load_subjects
from pipeline.nlp.wordgroups import words

MW = "military_withdrawal"


def _stance_at(text: str, predicate: str, year: int = 2015) -> str:
    subject = next(s for s in load_subjects() if s.id == MW)
    toks = words(text)
    return judge_stance(toks, toks.index(predicate), subject.stance, year)


def test_reinforcements_are_no_extension() -> None:
    """المدد (reinforcements) is spelled like the past verb مدّد (extended): a verb takes no article, so "وصل للتنظيم
    المزيد من المدد" postpones nothing (SaudiNewsNet dev: postpone, gold announce). The verb still postpones."""
    assert _stance_at("وصل للتنظيم المزيد من المدد بعد أن هدد قائده بسحب مجموعته من المنطقة", "المدد") == "announce"
    assert _stance_at("وقال إن الرئيس مدد بقاء القوات الأمريكية في البلاد", "بقاء") == "postpone"
    assert _stance_at("وكانت الحكومة مددت بقاء القوات الأمريكية في البلاد", "بقاء") == "postpone"


def test_a_call_with_li_or_ila_is_announced_near_an_old_year() -> None:
    """A call takes what it asks for with ل or إلى: "ودعوته مجددا للانسحاب من الكويت" in a timeline of 1990 is still
    to come (was complete by the year); "بدعوة صدام إلى الانسحاب" too."""
    assert _stance_at("في 6 أغسطس 1990 أقر مجلس الأمن عقوبات على العراق ودعوته مجددا للانسحاب من الكويت",
                      "للانسحاب") == "announce"
    assert _stance_at("وفي أغسطس 1990 بادر الملك بدعوة صدام إلى الانسحاب من الكويت", "الانسحاب") == "announce"


def test_what_a_past_event_led_to_is_done() -> None:
    """"وهو ما دفع النظام لسحب قواته"، "وهو ما دعا الجيش العراقي إلى الانسحاب": ما refers back to an event told
    before and the causative verb after it is past, so the withdrawal took place (both announce before). Without ما
    the same دعا is a call: announce."""
    assert _stance_at("رفض الدروز الدفع بتعزيزات لمؤازرة قوات النظام وهو ما دفع النظام لسحب قواته باتجاه المدينة",
                      "لسحب") == "complete"
    assert _stance_at("ودمرت الطائرات بنى تحتية للجيش العراقي وهو ما دعا الجيش العراقي إلى الانسحاب من الحدود",
                      "الانسحاب") == "complete"
    assert _stance_at("ودعا الرئيس الجيش العراقي إلى الانسحاب من الحدود", "الانسحاب") == "announce"


def test_the_lam_of_result_tells_a_done_withdrawal() -> None:
    """ل + an imperfect verb closing a narrated clause: "أسفرت الاشتباكات عن مقتل عناصر من الأخيرة، لتنسحب قوات
    الأسد" (SaudiNewsNet dev, gold complete, announce before). A purpose still to come (a future verb near) and the
    ل of denial after كان are no result."""
    assert _stance_at("وسيطر التنظيم على البلدة بعد اشتباكات أسفرت عن مقتل عناصر من الأخيرة لتنسحب قوات الأسد نحو "
                      "المستودعات", "لتنسحب") == "complete"
    assert _stance_at("وقال إن الحكومة ستضغط على الميليشيات لتنسحب من المدينة", "لتنسحب") == "announce"
    assert _stance_at("لم يكن الجيش لينسحب من المدينة", "لينسحب") != "complete"


def test_a_past_persuasion_is_done() -> None:
    """"قد أقنعوا رجال العشائر ... بالتخلي عن مواقعهم": persuaded, in the past, to leave (SaudiNewsNet dev, gold
    complete, announce before), as أجبر (forced) is."""
    assert _stance_at("ويعتقد الضباط أن قادة التنظيم قد أقنعوا رجال العشائر المنضمين إلى قوات الأمن بالتخلي عن "
                      "مواقعهم", "بالتخلي") == "complete"


def test_a_withdrawal_said_to_have_been_so_is_done() -> None:
    """"ولكن انسحاب الجيش الأميركي كان منظما": the verbal noun opens its clause and the past كان says what it was
    (SaudiNewsNet dev, gold complete, announce before). كان of a relative clause, or before a future verb, says
    nothing of the withdrawal's own time; لم is left (it may deny the event itself)."""
    assert _stance_at("وألحق به هزيمة محدودة ولكن انسحاب الجيش الأميركي كان منظما", "انسحاب") == "complete"
    assert _stance_at("وقال إن انسحاب القوات التي كانت هناك ضروري", "انسحاب") == "announce"
    assert _stance_at("وقال إن انسحاب القوات كان سيؤدي إلى فراغ", "انسحاب") == "announce"
    assert _stance_at("وقال إن الانسحاب لم يتم بعد", "الانسحاب") == "announce"


def test_a_cue_inside_a_condition_is_supposed_not_said() -> None:
    """"في حال رفضت الميليشيات الخروج من المستشفى فإننا سنتوقف" supposes a refusal (SaudiNewsNet dev, gold announce,
    deny before); "في حال عدم انسحابها" too (labelled build, gold announce), and "إذا تم سحب القوات" supposes a
    withdrawal. After the answer clause (فإن) a cue is said again; without a condition the refusal is a denial."""
    assert _stance_at("وأكد أنه في حال رفضت الميليشيات الحوثية الخروج من المستشفى فإننا سنتوقف عن العمل",
                      "الخروج") == "announce"
    assert _stance_at("وأعلنت تأهبها لمواجهة الأمريكان بعد نهاية العام في حال عدم انسحابها", "انسحابها") == "announce"
    assert _stance_at("وقال إنه إذا تم سحب القوات من المدينة", "سحب") == "announce"
    assert _stance_at("إذا لم تتوقف الهجمات فإن القوات رفضت الانسحاب", "الانسحاب") == "deny"
    assert _stance_at("ورفضت الميليشيات الحوثية الخروج من المستشفى", "الخروج") == "deny"
