"""Withdrawal, round thirty-five (issue 13): a predicate with a pronoun of the place left right after it (منها،
منه) and a verb of holding a place before it in the same clause (سيطر، استولى) describes that place, who holds it
and who left it: a background, not news of a withdrawal (``pipeline.nlp.sense_checks.held_place``). Constructed
sentences in the development data's constructions; the counter-examples (no pronoun: the withdrawal is told;
another clause between) keep the old answer."""

from __future__ import annotations

from pipeline.nlp.frame_memo import SentenceMemo, sentence_words
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.sense_checks import held_place, left_directly
from pipeline.nlp.subjects import load_subjects, subject_hits

MW = "military_withdrawal"


def _hits(text: str, year: int = 2015) -> list[str]:
    """The subject's hits in ``text`` (stances) with its groups filled from ``text`` as an article."""
    subjects = article_subjects(load_subjects(), text)
    return [h.stance for h in subject_hits(text, subjects, year, None, "") if h.subject == MW]


def test_a_place_described_by_who_holds_it_and_who_left_it_is_no_withdrawal() -> None:
    """The place is the head of the clauses (a pronoun of it after the predicate): where the weapons came from,
    which regions a leader's forces hold."""
    assert not _hits("وقال قائد ميداني إن الذخيرة جاءت من مواقع عسكرية سيطر عليها المقاتلون الأكراد بعد انسحاب "
                     "القوات الحكومية منها.")
    assert not _hits("وهدد رئيس الإقليم الذي سيطرت قواته على بلدات عدة في شمال البلاد انسحبت منها القوات "
                     "العراقية بإجراء استفتاء على الاستقلال.")


def test_a_withdrawal_told_or_in_another_clause_stays() -> None:
    """No pronoun of the place: the withdrawal is told ("سيطرت على المبنى بعد انسحاب المسلحين", ANT v2); a clause
    opener between the holding verb and the predicate: another event told."""
    assert _hits("وسيطرت قوات النظام على مبنى البلدية وصالة النادي بعد انسحاب مسلحي تنظيم داعش.")
    assert _hits("وانسحبت القوات الحكومية من المواقع العسكرية في المدينة بعد أن سيطر عليها المقاتلون الأكراد.")


def test_held_place_reads_the_clause() -> None:
    """The pronoun within three words after the predicate, the holding verb up to twelve words before it, no
    clause break between, one of them a relative clause (its pronoun right after it)."""
    assert held_place(5, [1], [7], [], [2])  # "مراكز سيطر عليها الأكراد بعد انسحاب القوات منها"
    assert held_place(5, [1], [6], [], [])  # "سيطرت قواته على مناطق انسحبت منها القوات"
    assert not held_place(5, [1], [7], [], [])  # "سيطر الأكراد على عفرين بعد انسحاب القوات منها": both told
    assert not held_place(5, [1], [9], [], [2])  # the pronoun too far: another phrase's
    assert not held_place(5, [1], [7], [3], [2])  # "في حين" between: another clause
    assert not held_place(5, [6], [7], [], [7])  # the holding verb after the predicate


def test_both_events_told_stay_a_withdrawal() -> None:
    """No relative clause on the place: the holding and the withdrawal are both told (tests/test_subjects.py's
    undated sentence)."""
    assert _hits("سيطر الأكراد على عفرين بعد انسحاب القوات الحكومية منها.")


def test_a_dignitary_seen_off_is_no_force_leaving() -> None:
    """A protocol report: the commander of the armed forces sees a prince off as he leaves an airport; an
    operation named with a predicate (إعادة الأمل, Restoring Hope) is no force returning."""
    assert not _hits("وكان في وداع الأمير لدى مغادرته مطار القاهرة الدولي القائد العام للقوات المسلحة وزير الدفاع.")
    assert not _hits("وكان في وداعه لدى مغادرته مطار القاهرة الدولي القائد العام للقوات المسلحة وزير الدفاع.")
    assert not _hits("وقال المتحدث إن قوات تحالف إعادة الأمل تواصل دعم الجيش اليمني في المدن.")


def test_forces_leaving_near_those_words_stay() -> None:
    """The operation's own forces withdrawing; a force leaving with no farewell."""
    assert _hits("وبدأت قوات تحالف إعادة الأمل الانسحاب من المدينة.")
    assert _hits("وغادرت القوات الأمريكية مطار القاهرة الدولي بعد انتهاء مهمتها.")


def test_a_thing_delivered_past_its_recipient_is_no_handover() -> None:
    """Remains handed over in an exchange, the giver and a number between; aircraft delivered to a state (no
    hit before either: kept); ground handed over stays."""
    assert not _hits("وقد سلمت بموجبها الحركة 14 جثة لمقاتلين من الميليشيات المساندة لقوات النظام في درعا.")
    assert not _hits("وأعلنت الولايات المتحدة أنها سلمت مصر ثماني مقاتلات من طراز إف 16 في إطار المساعدات "
                     "العسكرية للقوات المسلحة المصرية.")
    assert _hits("وسلمت القوات الأمريكية القاعدة الجوية إلى الجيش العراقي.")
    assert _hits("ونص الاتفاق على تسليم المسلحين مواقعهم وأسلحتهم الثقيلة للجيش والخروج من البلدة.")


def _left_directly(text: str) -> bool:
    """Whether the check reads the first leave predicate of ``text`` as taking an organisation or an office."""
    subject = next(s for s in load_subjects() if s.id == MW)
    toks = sentence_words(text, SentenceMemo())
    leave = ("مغادر", "غادر", "وغادر", "يغادر", "لمغادر", "ستغادر")
    anchor = next(i for i, tok in enumerate(toks) if tok.startswith(leave))
    return left_directly(toks, anchor, subject.sense, subject.left_objects)


def test_a_transitive_leave_of_an_organisation_or_an_office_is_no_place_left() -> None:
    """What the `left` objects name after من (منطقة اليورو، الاتحاد، منصبه) right after غادر: development text's
    shapes (SaudiNewsNet dev and ANT v2: 21 sentences, none a force leaving)."""
    assert _left_directly("قال الوزير إن بإمكان اليونان مغادرة منطقة اليورو إذا أصر الدائنون على شروطهم.")
    assert _left_directly("وأكد أن المملكة المتحدة هي التي ستغادر الاتحاد الأوروبي.")
    assert _left_directly("وقال الجنرال خلال حفل أقيم بمناسبة مغادرته منصبه إنه قاد جيشا يفتقر إلى العتاد.")


def test_a_force_leaving_a_place_is_left_alone() -> None:
    """A country, a base, a town right after غادر: the place left."""
    assert not _left_directly("وغادرت القوات الأمريكية القاعدة الجوية.")
    assert not _left_directly("وبدأ المسلحون مغادرة المدينة على متن الحافلات.")
    assert _hits("وغادرت القوات الأمريكية القاعدة الجوية.")
