"""Guillemets around a name are the name's quotation marks, not a quotation (round thirty-four, issue 13)."""

from pipeline.nlp.quoted_names import quoted_name_end
from pipeline.nlp.statements import extract_statements


def test_a_short_name_in_guillemets_whose_clause_goes_on_is_a_name():
    text = "وأشارت الوكالة إلى أن «جبهة النصرة» سحبت عناصرها من القرية."
    pos = text.index("«")
    assert quoted_name_end(text, pos) == text.index("»") + 1


def test_a_quote_that_ends_its_clause_or_holds_a_sentence_is_a_quotation():
    for text in ("وقال الوزير إن «لا».", "وقال الوزير إن «لن ننسحب»، مضيفا أن القوات باقية.",
                 "وقال إن «القوات باقية في مواقعها حتى نهاية العام» ثم غادر.",
                 "وقال إن «القوات، باقية» ثم غادر."):
        assert quoted_name_end(text, text.index("«")) is None, text


def test_a_short_quote_not_after_an_introducer_or_before_a_reporting_verb_is_a_quotation():
    term = 'وألغى الرئيس القمة ملقيا اللوم على "عدائية" الشمال.'  # a word of his, quoted after a preposition
    assert quoted_name_end(term, term.index('"')) is None
    said = "وقال الوزير إن «الوضع خطير جدا» مضيفا أن القوات باقية."
    assert quoted_name_end(said, said.index("«")) is not None
    assert quoted_name_end(said, said.index("«"), [said.index("مضيفا")]) is None


def test_the_content_after_an_introducer_runs_past_a_quoted_name():
    # before: the statement was the name alone ("جبهة النصرة"), and the withdrawal it opens had no speaker
    text = "ونقل مكتب إعلامي عن الناشط فيصل الحلبي، أن «جبهة النصرة» سحبت عناصرها من مواقعها في ريف حلب الشمالي."
    st = next(s for s in extract_statements(text) if s.verb == "نقل")
    assert st.quote.startswith("«جبهة النصرة» سحبت عناصرها")

