"""Withdrawal, round thirty-two (issue 13): a force as the subject of a verb that controls the verbal noun of
withdrawal ("كان [الجيش] يستعد لمغادرة المكان"، "فضلوا الانسحاب"; ``pipeline.nlp.controlled_forces``), and leaving a
country to join a group as foreign fighters' travel. Constructed sentences in the development data's constructions;
each rule has counter-examples that keep the old answer."""

from __future__ import annotations

from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"


def _hits(text: str, year: int = 2015) -> list[tuple[str, bool]]:
    """The subject's hits in ``text`` with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [(h.stance, h.trusted) for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_force_as_the_subject_of_a_control_verb_withdraws() -> None:
    """"هاجم حشد غاضب الجيش مجددا ... بينما كان يستعد لمغادرة المكان" (SaudiNewsNet dev probe positives, two outlets,
    missed before: the army seven words before the verb of preparing); the force between the control verb and the
    noun, past a link word; the people's "من تبقى" between is no plural of people (SaudiNewsNet dev probe positive:
    the resistance men left preferred to withdraw)."""
    assert _hits("وقالت إن حشدا غاضبا هاجم الجيش مجددا ورشقه بالحجارة والطوب، بينما كان يستعد لمغادرة المكان.") \
        == [("announce", True)]
    assert _hits("وتحدث الشهود عن ساعات من القصف، ومن تبقى من المسلحين فضلوا الانسحاب ناحية المدن المجاورة.") \
        == [("announce", True)]
    assert _hits("وقالت المصادر إن الإرهابيين يستعدون لمغادرة البلاد.") == [("announce", True)]


def test_a_control_verb_whose_subject_is_not_a_force_keeps_the_old_answer() -> None:
    """People nearer the verb than the force (the residents decide), a verb after أن (its subject follows it: a
    general leaving for France), a transitive سحب (a title withdrawn), a force word that names police, and a
    second use of the same word in the article that no force governs (the word is bound only if every use is)."""
    assert _hits("وبعد دخول القوات قرر الأهالي مغادرة البلدة.") == []
    assert _hits("من القائد إلى الجيش: لقد دفعتني الأنباء الواردة من أوروبا أن أقرر الرحيل.") == []
    assert _hits("وقررت حركة طالبان سحب لقب أمير المؤمنين من زعيمها.") == []
    assert _hits("وقالت إن عناصر الشرطة قرروا الانسحاب.") == []
    assert _hits("وقالت إن حشدا غاضبا هاجم الجيش مجددا ورشقه بالحجارة والطوب، بينما كان يستعد لمغادرة المكان. "
                 "ودعت الشرطة الصحافيين لمغادرة المكان.") == []


def test_leaving_a_country_to_join_a_group_is_travel_to_a_war() -> None:
    """"عنصرين تكفيريين كانا يستعدان لمغادرة التراب التونسي والالتحاق بالجماعات الإرهابية بسوريا" (ANT v1: the
    control verb's subject is two men travelling to join a group, not a force leaving); the same men with no word of
    joining still leave."""
    assert _hits("وأوقفت الوحدة عنصرين إرهابيين كانا يستعدان لمغادرة البلاد والالتحاق بالجماعات الإرهابية.") == []
    assert _hits("وقالت المصادر إن الإرهابيين يستعدون لمغادرة البلاد.") != []


def test_the_control_verb_is_found_past_a_link_word_and_its_subject() -> None:
    """The noun right after the verb, after a link word, after the verb's subject, or after both."""
    from pipeline.nlp.controlled_forces import control_of

    assert control_of(1, {0}, set(), set()) == 0  # قرر الانسحاب
    assert control_of(2, {0}, {1}, set()) == 0  # عمد إلى الانسحاب
    assert control_of(2, {0}, set(), {1}) == 0  # قرر الجيش الانسحاب
    assert control_of(3, {0}, {2}, {1}) == 0  # عمد المسلحون إلى الانسحاب
    assert control_of(3, {0}, set(), set()) is None


def test_a_leader_the_article_names_as_an_armys_owner_is_its_subject() -> None:
    """"قرّر الشاه عباس الانسحاب" after "لصدّ تقدم جيش الشاه عباس" (SaudiNewsNet dev probe positive, missed before):
    the article names the leader as the owner of an army in the sentence or the two before, so the leader right
    after the control verb is the force. Without the army, named too far back, or as a name before the verb (the
    subject of another clause may stand there), the old answer stays."""
    army = "وتقدم جيش القائد سليم نحو المدينة. "
    assert _hits(army + "وهنا قرر القائد سليم الانسحاب.") == [("announce", True)]
    assert _hits("وهنا قرر القائد سليم الانسحاب.") == []
    assert _hits(army + "وتحدث عن الطقس. ثم عن النفط. وهنا قرر القائد سليم الانسحاب.") == []
    assert _hits(army + "وقال الوزير إن سليم قرر الانسحاب.") == []
