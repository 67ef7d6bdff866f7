"""Speaker rules of round twenty-one's second half, each on a real sentence of the stream that failed before it."""

from __future__ import annotations

from tests.conftest import enriched_statements


def _speakers(text: str) -> list[tuple[str | None, str]]:
    """(speaker, verb) of each statement, with the entities the pipeline finds."""
    return [(s.speaker.text if s.speaker else None, s.verb) for s in enriched_statements(text)]


def test_told_pronoun_after_the_verb_is_not_the_speaker() -> None:
    """ "وقال له ماكرون": له is the one told; the speaker is the name after it."""
    text = "وقال له ماكرون \"أنت أصبحت مثالا لأن ملايين الناس شاهدوك\"."
    assert _speakers(text) == [("ماكرون", "قال")]


def test_told_pronoun_in_a_quote_leaves_the_continuation_with_its_speaker() -> None:
    """ "أكدوا لي" inside Pompeo's quote: "لي" is the one told, so "لافتا" continues Pompeo (seed2626)."""
    text = ("وقال بومبيو فيما يتعلق بالمملكة العربية السعودية: \"أوضحنا لهم أننا نأخذ هذه المسألة على محمل الجد\" "
            "و\"أكدوا لي أنهم سيجرون تحقيقاً كاملاً وشاملاً\"، لافتا إلى أن هناك الكثير من القصص حول ما حدث.")
    assert ("بومبيو", "لافتا") in _speakers(text)
    assert all(speaker != "لي" for speaker, _ in _speakers(text))


def test_the_name_li_is_still_a_speaker() -> None:
    """Control: "لي" opening a person's name (Li Liu) is the speaker, not the one told."""
    text = "وقال لي ليو، الأستاذ في جامعة ستانفورد، إن هذا الكشف ربما يكون \"أقدم توثيق لوجود المشروب\"."
    assert _speakers(text)[0][0].startswith("لي ليو")


def test_tanwin_adverb_after_the_verb_is_not_the_speaker() -> None:
    """ "وقال صراحة وعلنا": both words are adverbs of the verb; "وعلنا" was the speaker."""
    text = ("ولم يخف معلول طموح فريقه في هذه البطولة العالمية العريقة، وقال صراحة وعلنا إن هذا الطموح هو "
            "\"بلوغ الدور ربع النهائي\".")
    assert all(speaker is None or "علنا" not in speaker for speaker, _ in _speakers(text))
    assert [verb for _, verb in _speakers(text)] == ["قال"]


def test_nominal_doer_skips_a_tanwin_adverb() -> None:
    """ `_nominal_doer`: "جددت أخيرا الحكومة العراقية دعوتها" is the government's call, without "أخيرا"."""
    from pipeline.nlp.subject_statements import _nominal_doer

    text = "جددت أخيرا الحكومة العراقية دعوتها إلى انسحاب القوات الأجنبية."
    doer = _nominal_doer(text, 0, len(text), "دعوتها", [])
    assert doer is not None and doer.text == "الحكومة العراقية"
