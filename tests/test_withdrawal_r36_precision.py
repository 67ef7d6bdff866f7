"""Withdrawal, round thirty-six (issue 13): false flags of a handover predicate that carry to outlets nobody tuned
on. A handover in a derived form of receiving (form V تسلّم, form VIII استلم) is a force or a person taking
something over, not ground handed over as a force leaves (``pipeline.nlp.sense_checks.received_form``); a handover
near a word of the courts or of a wanted person is an extradition (``Sense.extradited``); a person of an office
right after the predicate with no force after it leaves as a politician or an official (``Sense.official``).
Sentences in the development data's constructions (the first is ANT v2 text; the rest invented); the
counter-examples (form II's imperfect after a particle, a handover of ground, an official moving a force) keep the
old answer. A document handed over ("سلمت قائمة مطالب") is a delivery (the handover's ``not_before``)."""

from __future__ import annotations

from pipeline.nlp.frame_memo import SentenceMemo, sentence_words
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.sense_checks import received_form
from pipeline.nlp.subjects import load_subjects, subject_hits
from pipeline.nlp.wordgroups import group_hits, parse_group

MW = "military_withdrawal"
STEMS = ("تسلم", "ستلم", "ستلام")


def _hits(text: str, year: int = 2018) -> list[str]:
    """The subject's hits in ``text`` (stances) with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [h.stance for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_force_taking_a_crossing_over_is_no_withdrawal() -> None:
    """ANT v2 (judged false: a recapture): the regime's forces receive the crossing, nobody leaves it."""
    assert not _hits("ويأتي هذا الإعلان بعد توصل العديد من الفصائل لاتفاق مع الروس حول إنهاء القتال في درعا "
                     "وتسلم قوات النظام للمعبر الحدودي مع الأردن.")


def test_a_handover_of_ground_stays() -> None:
    """Form II (تسليم، سلّم) hands ground over; its imperfect "تسلم" after a particle too."""
    assert _hits("وقال المسؤول إن الميليشيات لن تسلم المدينة للقوات الحكومية.")
    assert _hits("وبدأت القوات الأمريكية تسليم القاعدة للجيش العراقي والانسحاب منها.")
    assert _hits("وقال إن على الفصائل تسليم مواقعها للجيش والخروج من المدينة.")


def _received(sentence: str, word: str) -> bool:
    toks = sentence_words(sentence, SentenceMemo())
    particles = group_hits(toks, parse_group({"exact": ["أن", "لن", "قد"]}))
    return received_form(toks, toks.index(word), STEMS, particles)


def test_received_form_reads_the_derived_stem() -> None:
    """After clitics and an imperfect prefix: a verbal noun, form V's imperfect, form VIII; form II is not it."""
    assert _received("وبعد تسلم الجيش المعبر", "تسلم")
    assert _received("ورحبت الحكومة بتسلم الجيش المعبر", "بتسلم")
    assert _received("وقال إن القوات ستبدأ يتسلم المواقع", "يتسلم")
    assert _received("وقد استلم الجيش المواقع", "استلم")
    assert not _received("وبدأت القوات تسليم المواقع", "تسليم")
    assert not _received("وأعلنت أن تسلم القوات المواقع", "تسلم")  # form II's imperfect after أن


def test_an_extradition_of_wanted_fighters_is_no_withdrawal() -> None:
    """Fighters handed over to be tried: an extradition, not a force leaving."""
    assert not _hits("وسلمت قوات سوريا الديمقراطية المسلحين المطلوبين إلى الجيش العراقي لمحاكمتهم.")


def test_a_handover_with_no_court_stays() -> None:
    """The same handover of positions with no court or wanted person near it."""
    assert _hits("وسلمت قوات سوريا الديمقراطية مواقعها إلى الجيش العراقي وانسحبت من المدينة.")


def test_officials_leaving_are_no_force() -> None:
    """A person of an office right after the predicate, past a quantifier, with no force after it."""
    assert not _hits("وأكد الناطق أن مغادرة بعض المسؤولين المحليين للمدينة جاءت بعد قصف قوات النظام لأحيائها.")


def test_an_official_moving_a_force_stays() -> None:
    """The president is the verb's subject, the forces its object; an official before the predicate is no agent
    this check reads."""
    assert _hits("وسحب الرئيس الأمريكي القوات الأمريكية من سوريا بعد هزيمة تنظيم داعش.")
    assert _hits("وأعلن الرئيس انسحاب القوات من المدينة.")


def test_a_document_handed_over_is_no_withdrawal() -> None:
    """ANT v2: a list of demands handed to the armed opposition (a delivery, ``not_before`` of the handover)."""
    assert not _hits("وكانت روسيا قد سلمت قائمة مطالب للمعارضة المسلحة في درعا، السبت الماضي.")


def test_a_handover_of_positions_beside_a_document_stays() -> None:
    """The positions the list demands are handed over: that handover still counts."""
    assert _hits("وسلمت القوات الروسية قائمة مطالب إلى الفصائل المسلحة في ريف درعا لتسليم مواقعها.")
