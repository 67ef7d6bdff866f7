"""The writer of a verb of writing with a dropped subject (issue 13, round 37): "وكتب على تويتر:" goes on with the
speaker before it only when no sentence in between names someone else ("أصدر تشانس توضيحا": no speaker rather than
the earlier one; ``statements._carry``, ``antecedents.names_someone``); "بحسب ما كتبت على صفحتها" names no source
(``written_speech.no_writer_after``); a fronted adjunct closed by a comma is no verb ("وعقب المباراة، علق كلوب":
``mentions.named_subject``). Sentences from ANT v2."""

from __future__ import annotations

from pipeline.models import Entity
from pipeline.nlp import mentions, written_speech
from tests.conftest import enriched_statements


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(s.speaker.text if s.speaker else None, s.verb) for s in enriched_statements(text)]


def test_the_writer_is_not_carried_past_a_sentence_naming_someone_else() -> None:
    # ANT v2 BB-culture-134; spk37-r37 gave ليغيند, 6c5d80c no كتب statement: the writer is تشانس, unread here
    text = ("وقال ليغيند: \"لا يجب على السود أن يكونوا ديمقراطيين\".\n"
            "ولكن بعد أن أشاد الرئيس ترامب بتعليقاته، أصدر تشانس توضيحا.\n"
            "وكتب على تويتر :\"لا أؤيد أبدا أي شخص يحض على الكراهية والعنصرية والتمييز\".")
    assert (None, "كتب") in _said(text)


def test_the_writer_goes_on_with_the_speaker_just_before() -> None:
    # ANT v2 BB-internationalNews-320; no كتب statement at 6c5d80c; the sentence between names nobody else
    text = ("وانتقد ترامب عملية التفتيش واصفا فريق مولر بأنهم \"أكثر الناس تحيزا\".\n"
            "وكرر الثلاثاء انتقاده لعملية التفتيش وكتب على حسابه بموقع تويتر: \"هذه نهاية سرية التواصل بين المحامي "
            "وموكله\".")
    assert ("ترامب", "كتب") in _said(text)


def test_what_she_wrote_names_no_source() -> None:
    # ANT v2 BB-internationalNews-951: spk37-r37 read "وتدعو إلى" as the source; no statement at 6c5d80c
    text = ("رشيدة طليب (42 عاما) هي الأكبر من بين 14 اخ وأخت، ولدوا جميعاً لأبوين مهاجرين من الضفة الغربية في "
            "فلسطين، بحسب ما كتبت على صفحتها في مواقع التواصل الاجتماعي ، وهي من جناح بيرني ساندرز في الحزب "
            "الديمقراطي، وتدعو إلى إصلاحات مثل الرعاية الصحية الشاملة، وتحديد الحد الأدنى للأجور.")
    assert all(verb != "بحسب" for _, verb in _said(text))
    assert written_speech.no_writer_after(["ما", "كتبت", "علي", "صفحتها"], 1)
    assert not written_speech.no_writer_after(["ما", "كتبت", "الصحيفه"], 1)  # the writer named: a source


def test_the_subject_after_a_fronted_adjunct_and_its_comma() -> None:
    # ANT v2 BB-sport-173 and BB-sport-48: at 6c5d80c "المباراة، علق كلوب", a span glued across the adjunct's comma
    for text, name in (("وعقب المباراة، علق كلوب على إصابة صلاح قائلا", "كلوب"),
                       ("وبعد المباراة، قدم نادي بيلباو التعازي، وغرد", "نادي بيلباو")):
        at = text.index(name.split()[-1])
        ents = [Entity(text=name.split()[-1], canonical=name.split()[-1], type="PERS", start=at,
                       end=at + len(name.split()[-1]))]
        found = mentions.sentence_subject(text, 0, len(text), ents, [])
        assert found is not None and found[0].text.startswith(name.split()[0])

