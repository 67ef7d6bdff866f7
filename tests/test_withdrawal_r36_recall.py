"""Withdrawal recall that carries to new phrasing (round thirty-six, issue 13): a form-IV weak verb's imperfect is in
its lemma's family. The stemmer gives أنهى، أخلى، أعاد (past) other stems than ينهي، يخلي، يعيد (imperfect), so a frame
found "أنهت القوات مهمتها" and missed "ستنهي القوات مهمتها" (the variants of the development hits that stopped being
flagged). The family is widened by the verb's shape (``morphology.form_iv_imperfect_keys``), not by listing forms.
Sentences are invented in the constructions of the development text; each widening has one it must leave."""

from __future__ import annotations

from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits
from pipeline.text.morphology import form_iv_imperfect_keys, lemma_keys, same_family

MW = "military_withdrawal"


def _found(sentence: str) -> bool:
    return [h.subject for h in subject_hits(sentence, article_subjects(load_subjects(), sentence), year=2018)] == [MW]


def test_a_defective_form_iv_verb_has_its_imperfect_in_its_family() -> None:
    """أنهى/أخلى: ينهي، سينهي، سننهي، ينهون، يخلي share the past's family; تخلي (also the past of form V تخلّى, gave
    up), يخلو (is free of), بينها (between them: its stem is ينه) stay out, as does a verb of another shape (أمر)."""
    end, vacate = lemma_keys(["أنهى", "إنهاء"]), lemma_keys(["أخلى", "إخلاء"])
    assert all(same_family(w, end) for w in ("ينهي", "سينهي", "سننهي", "ينهون", "ينهوا"))
    assert all(same_family(w, vacate) for w in ("يخلي", "سيخلون", "يخلوا", "سيخلي"))
    assert not any(same_family(w, vacate) for w in ("تخلي", "التخلي", "يخلو", "النخل", "يخل"))
    assert not any(same_family(w, end) for w in ("بينها", "وبينه", "بينهن"))
    assert form_iv_imperfect_keys("أمر") == frozenset() and form_iv_imperfect_keys("انسحب") == frozenset()


def test_a_hollow_form_iv_verb_has_its_imperfect_in_its_family() -> None:
    """أعاد: يعيد، تعيد، ستعيد، سنعيد share its family; the root alone (عيد، العيد: a feast) and form X's imperfect
    (يستعيد: recovers, whose stem is ستعيد) do not."""
    back = lemma_keys(["أعاد", "إعادة"])
    assert all(same_family(w, back) for w in ("يعيد", "تعيد", "ستعيد", "سنعيد", "يعيدون", "تعيدها"))
    assert not any(same_family(w, back) for w in ("عيد", "العيد", "بالعيد", "سعيد", "يستعيد", "تستعيد"))


def test_a_mission_ended_in_the_imperfect() -> None:
    """"سينهي التحالف مهمة قواته القتالية" announces the end of a mission as "أنهى التحالف مهمة قواته" tells it."""
    assert _found("وقال المتحدث باسم التحالف إن الجيش الأمريكي سينهي مهمة قواته القتالية في العراق بنهاية العام.")
    assert _found("وأكد الوزير أن الحكومة ستعيد قواتها إلى بلادها خلال الأسابيع المقبلة.")


def test_fighters_vacating_their_positions_in_the_imperfect() -> None:
    """"المسلحون سيخلون مواقعهم" as "المسلحون أخلوا مواقعهم"; the same verb with a town's residents vacating homes is
    no force (its object is no position of theirs)."""
    assert _found("وقال مصدر محلي إن المسلحين سيخلون مواقعهم في البلدة بموجب الاتفاق.")
    assert not _found("وقال مصدر محلي إن السكان سيخلون منازلهم في البلدة بسبب الفيضانات.")


def test_the_duties_of_a_security_chief_are_no_mission() -> None:
    """"أنهى مهام عبد الغني هامل كمدير عام لقوات الأمن الوطني" relieves a police chief of his duties (the ANT v2 false
    flag the imperfect ينهي first brought): security forces end no mission abroad."""
    assert not _found("وقع الرئيس مرسوما ينهي مهام عبد الغني هامل كمدير عام لقوات الأمن الوطني.")
    assert not _found("وقع الرئيس مرسوما أنهى مهام عبد الغني هامل كمدير عام لقوات الأمن الوطني.")


def test_forces_brought_back_from_a_country() -> None:
    """"ستعيد جنودها من أفغانستان": forces returned from a country, the place right after من, are withdrawn from it (the
    return_home frame asked for home words: "إلى الوطن"). Fighters returning from a war are people going home, and
    إلى names where they go, not what they leave."""
    assert _found("وأعلنت الحكومة الألمانية أنها ستعيد جنودها من أفغانستان قبل نهاية الصيف.")
    assert _found("وقال المتحدث إن إعادة القوات البريطانية من البصرة ستبدأ الشهر المقبل.")
    assert not _found("وحذرت الوزارة من عودة المقاتلين التونسيين من سوريا إلى البلاد.")
    assert not _found("وحذرت السلطات من عودة هؤلاء المقاتلين إلى الأراضي الفرنسية.")
