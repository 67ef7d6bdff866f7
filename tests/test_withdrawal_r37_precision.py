"""Withdrawal, round thirty-seven (issue 13): a person named as the frame's agent is no force (prec37).

A defence minister touring troops "then leaving Jordan for Riyadh" was flagged: soldiers are named in the sentence,
and the subject layer had no idea the one leaving is a person. The word right after the predicate (the verb's
subject, the verbal noun's genitive) opening a name the NER tagger reads as a person, with no force word within
the office check's reach after the predicate, makes it a person's journey (``pipeline.nlp.person_agents``, read
through ``Sense.official`` with ``persons``). Invented sentences in the shapes of the development data's false
flags; the counter-examples (a person moving forces, forces leaving, a person demanding a withdrawal) keep the
old answer."""

from __future__ import annotations

from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits
from pipeline.nlp.wordgroups import words

MW = "military_withdrawal"


def _hits(text: str, year: int = 2018) -> list[str]:
    """The subject's hits in ``text`` (stances) with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [h.stance for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_minister_leaving_after_meeting_troops_is_no_withdrawal() -> None:
    """Soldiers met before; the one leaving is the minister, named again (a mention the tagger alone misses)."""
    assert not _hits("وتفقد بومبيو القوات الأميركية في القاعدة، ومن المقرر أن يغادر بومبيو الأردن غدا متوجها "
                     "إلى الرياض.")
    assert not _hits("وزار ماتيس القاعدة والتقى بالجنود الأمريكيين فيها، على أن يغادر ماتيس العراق مساء اليوم "
                     "إلى الكويت.")


def test_a_named_visitor_leaving_a_capital_is_no_withdrawal() -> None:
    assert not _hits("وبعد لقائه قادة الجيش الأفغاني في القصر الرئاسي، غادر هيغل كابول متوجها إلى باكستان.")


def test_a_force_right_before_the_verb_is_its_subject() -> None:
    """"الجيش الروسي غادر X": the force is the subject, the word after the verb the place it left."""
    assert _hits("وأكد المسؤول أن الجيش الروسي غادر ماتيس صباح اليوم.")


def test_a_person_moving_forces_stays() -> None:
    """The forces right after the name: the person is the agent of a force's withdrawal."""
    assert _hits("وزار ماتيس القاعدة والتقى بالجنود الأمريكيين فيها، على أن يسحب ماتيس القوات من العراق.")
    assert _hits("ومن المقرر أن يسحب ترامب القوات الأمريكية من سوريا.")


def test_forces_leaving_and_a_person_demanding_stay() -> None:
    assert _hits("وزار ماتيس القاعدة والتقى بالجنود الأمريكيين فيها، على أن يغادر الجنود العراق مساء اليوم "
                 "إلى الكويت.")
    assert _hits("طالب أردوغان بانسحاب وحدات حماية الشعب من منبج.")
    assert _hits("وأعلن ترامب انسحاب القوات الأمريكية من سوريا.")


def test_person_agent_reads_the_word_after_the_predicate() -> None:
    """The name must stand right after the predicate, be bare, and no force stand after the predicate."""
    from pipeline.nlp.person_agents import person_agent  # noqa: PLC0415 - new this round: the guards run without it
    toks = words("ومن المقرر أن يغادر ترامب الأردن اليوم")
    anchor = toks.index("يغادر")
    assert person_agent(toks, anchor + 1, [], anchor, 6)  # a word of the name class of "ترامب"
    assert not person_agent(toks, anchor + 1, [anchor + 2], anchor, 6)  # a force after it: not a journey
    assert not person_agent(toks, anchor + 2, [], anchor, 6)  # a place, no person


def test_a_name_tagged_once_counts_at_each_mention() -> None:
    """The tagger reads the first "بومبيو" as a person, not the one after the verb: both count."""
    from pipeline.nlp.person_agents import person_starts  # noqa: PLC0415 - new this round
    toks = words("وتفقد بومبيو القوات الأميركية، ومن المقرر أن يغادر بومبيو الأردن غدا")
    assert {1, toks.index("يغادر") + 1} <= person_starts(tuple(toks))
