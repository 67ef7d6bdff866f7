"""Round thirty-two (helper "spk32"): participles after a clause whose verb is not reporting (issue 13).

* "أكد الشيخ عبدالله بن زايد ...، وقوف بلاده مع السعودية؛ مضيفا": a semicolon ends the participle's clause as a comma
  does, so the participle goes on with the statement just made, not with the last noun before it
  (``mentions.subject_before_participle``).
* "ورحبت به خدمة الإطفاء قائلة"، "ليرد عليه رجل الأعمال المصري قائلا": after the verb's prepositional pronoun (its
  complement), a body's noun phrase running up to the participle and agreeing with the verb in gender is the verb's
  subject (``mentions._subject_after_complement``), not the speaker carried from before.
* "وجه العذبة انتقادا لرئيس الهيئة ...، قائلا": the word between the verb opening the sentence and an indefinite
  accusative noun (its tanwin ا) is the verb's subject, the one the participle describes
  (``shared_subjects._subject_before_accusative``), not the speaker carried from before; "بأنها" is no accusative.
* "وجاء إعلان بيزوس ...، حيث أوضح"، "وقد ارتفعت شهرة نايتلي ... قالت"، "وترجع دعوة الرئيس موسفني": a verbal or abstract
  noun in construct with a person (or the person's title) right after it is no part of the subject carried on: the
  person is (``mentions.named_subject``, ``_abstract_head``); a kin noun ("زوجة الرئيس ميلانيا ترامب") stays.
* "وكشف الفيديو إطلاق الصاروخ البالستي "سارمات""، "أكد المنتج ... استمرار الفنان ... للعمل الدرامي "أرض النفاق"": a
  short quote after the verb's object (words after the speaker phrase opening with an indefinite noun) names a thing,
  it reports no words (``subject_phrase.object_before_quote``, read by ``statements._bare_quote_ok``); a time phrase
  or a relative clause after the speaker ("وقال كومو الأسبوع الماضي "..."") leaves the quote his.

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

import pytest

from tests.conftest import speakers_of as _speakers

# ANT v2 CN-middleEast-1493-20181012
SHEIKH = ("في أحدث تغريدة على حسابه بموقع \"تويتر\"، أكد الشيخ عبدالله بن زايد آل نهيان، وزير الخارجية والتعاون "
          "الدولي الإماراتي، مساء الخميس، وقوف بلاده \"دوما\" مع السعودية؛ مضيفا أن السبب وراء ذلك \"أنها وقفة مع "
          "الشرف والعز والاستقرار\".")

# ANT v2 BB-internationalNews-582-20180529
FIRE_SERVICE = ("وقال له ماكرون \"أنت أصبحت مثالا لأن ملايين الناس شاهدوك. والأمة كلها ممتنة لك\".\n"
                "ورحبت به خدمة الإطفاء قائلة إنه جسد القيم التي يتحلى بها أفراد الإطفاء.")


def test_a_participle_after_a_semicolon_goes_on_with_the_statement_before_it() -> None:
    """Was "السعودية", the object of the verb before the semicolon."""
    assert _speakers(SHEIKH)[-1] == ("مضيفا", "الشيخ عبدالله بن زايد آل نهيان، وزير الخارجية والتعاون الدولي الإماراتي")


def test_a_body_after_the_verbs_prepositional_pronoun_is_the_participles_subject() -> None:
    """Was None here (the earlier speaker in the stream): "خدمة الإطفاء" is the subject of "رحبت"."""
    assert _speakers(FIRE_SERVICE)[-1] == ("قائلة", "خدمة الإطفاء")


def test_a_person_noun_in_construct_after_the_prepositional_pronoun_is_the_subject() -> None:
    """ANT v2 CN-sport-109-20180317 (shortened): the businessman answers (was the quote of the line before)."""
    text = ("ونفى رجل الأعمال المصري، نجيب ساويرس، أن يكون خاف من أحد.\n"
            "وكتب أحد متابعي ساويرس: \"هو انت خفت من تركي آل الشيخ أومال عامل فيها دكر ليه\".\n"
            "ليرد عليه رجل الأعمال المصري قائلا: \"أنا ما بخافش من حد\".")
    assert _speakers(text)[-1] == ("قائلا", "رجل الأعمال المصري، نجيب ساويرس")


def test_a_phrase_of_the_other_gender_after_the_prepositional_pronoun_is_no_subject() -> None:
    """ "وألقى عليها نظرة الوداع قائلا": a feminine phrase after a masculine verb is its object, the subject was
    dropped (guards the gender check)."""
    text = "وقال الوزير إن الزيارة ناجحة.\nوألقى عليها نظرة الوداع قائلا إنها تستحق التكريم."
    assert ("قائلا", "نظرة الوداع") not in _speakers(text)


def test_a_verbal_noun_in_construct_with_a_person_leaves_the_person_as_the_subject_carried_on() -> None:
    """ANT v2 BB-economy-266-20180914 (shortened): was "إعلان بيزوس" (Bezos's announcement)."""
    text = ("قرر جيف بيزوس، الرئيس التنفيذي لشركة أمازون، التبرع بمبلغ ملياري دولار لصندوق خيري.\n"
            "وجاء إعلان بيزوس، أغنى رجل في العالم، في تغريدة عبر موقع التواصل الاجتماعي \"توتير\"، حيث أوضح أن "
            "الصندوق الخيري سيحمل اسم \"داي وان فاند\".")
    assert _speakers(text) == [("أوضح", "بيزوس")]


def test_an_event_noun_in_construct_with_a_person_is_no_part_of_the_speaker() -> None:
    """ "وأثار تعليق بوتين انتقادات": the next sentence's dropped subject is Putin, not his comment."""
    text = "وأثار تعليق بوتين انتقادات واسعة.\nوقال في مقابلة إن الأمر لا يعنيه."
    assert _speakers(text) == [("قال", "بوتين")]


def test_a_kin_noun_in_construct_with_a_person_stays_in_the_subject() -> None:
    """ "زوجة الرئيس ميلانيا ترامب" is the First Lady (guards the kin check on the triliteral فعلة)."""
    text = "وزارت زوجة الرئيس ميلانيا ترامب مستشفى للأطفال في واشنطن أمس.\nوقالت إنها سعيدة بما رأته هناك."
    assert _speakers(text) == [("قالت", "زوجة الرئيس ميلانيا ترامب")]


@pytest.mark.parametrize("text", [
    # ANT v2 SK-internationalNews-697-20180331 (shortened)
    "وعرضت وزارة الدفاع الروسية مقطع فيديو يظهر اختبار صاروخ بالستي عابر للقارات.\n"
    "وكشف الفيديو إطلاق الصاروخ البالستي \"سارمات\" الذي يفوق سرعة الصوت.",
    # ANT v2 AL-culture-348-20180511 (shortened)
    "أكد المنتج جمال العدل استمرار الفنان محمد هنيدي في تصوير المشاهد المتبقية للعمل الدرامي \"أرض النفاق\".",
])
def test_a_short_quote_after_the_verbs_object_is_no_statement(text: str) -> None:
    """Was a statement of "الفيديو" and of the producer: the quote names the missile and the drama."""
    assert _speakers(text) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("وقال كومو الأسبوع الماضي \"لا أشعر بالقلق.\"", "كومو"),
    ("وأضاف مارادونا الذي يشرف على تدريب نادي سينالوا \"اليوم المنتخب لا يلهمني\".", "مارادونا"),
])
def test_a_short_quote_after_a_time_phrase_or_a_relative_clause_is_the_speakers(text: str, speaker: str) -> None:
    """ANT v2 BB-culture-80-20180320, SK-sport-2730-20181001 (shortened): "الأسبوع"، "الذي" carry the article
    (guards the check of the article)."""
    assert [s for _, s in _speakers(text)] == [speaker]


def test_the_word_before_an_accusative_object_is_the_subject_the_participle_describes() -> None:
    """ANT v2 CN-sport-54-20180228 (shortened): was "آل الشيخ" (the one criticised) in the stream."""
    text = ("ونشر آل الشيخ أغنية \"يا قاع ترابك كافور\" العراقية، وكتب فوقها \"العرب سباع\".\n"
            "وجه العذبة انتقادا لرئيس الهيئة العامة للرياضة السعودية على هذه التغريدة، قائلا إنه ينشر \"قدسية صدام\".")
    assert _speakers(text)[-1] == ("قائلا", "العذبة")


def test_a_clitic_preposition_with_a_pronoun_is_no_accusative_object() -> None:
    """ANT v2 FR-internationalNews-2218-20180708: "ووصفت الأمطار بأنها "رهيبة" لافتة": the rain is what was
    described, no speaker (guards the preposition and pronoun checks)."""
    text = ("وتجاوز منسوب الأمطار نحو متر في 72 ساعة فيما لاحظت مصلحة الأرصاد الجوية أن مثل هذه المستويات نادرة.\n"
            "ووصفت الأمطار بأنها \"رهيبة\" لافتة إلى أنها ستستمر حتى الأحد.")
    assert ("لافتة", "الأمطار") not in _speakers(text)
