"""Armed groups named only by their names, learned from the article (round twenty, issue 13): a name that heads the
group's fighters somewhere in the article is an armed group there (``pipeline.nlp.learned_groups``). The sentences
are invented (SaudiNewsNet text never enters the repository)."""

from __future__ import annotations

from datetime import datetime

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean
from pipeline.nlp.learned_groups import article_subjects, learned_names
from pipeline.nlp.subjects import load_subjects, subject_hits
from pipeline.nlp.wordgroups import words

MW = "military_withdrawal"

ARTICLE = ("قالت مصادر محلية إن مسلحي الحوثي قصفوا الأحياء السكنية ليلا، فيما تقدم مقاتلو المقاومة نحو الميناء. "
           "وأضافت أن عناصر تنظيم داعش هاجموا نقطة تفتيش، وأن الميليشيات الحوثية زرعت الألغام في الطرقات. "
           "وشدد المبعوث الدولي على ضرورة انسحاب الحوثيين ووقف إطلاق النار في أقرب وقت. "
           "وذكر مصدر أمني أن تنظيم داعش انسحب من أجل التمركز بين السكان. "
           "وخرج الحوثي في خطاب متلفز مبررا الهزيمة.")


def _spec():
    return next(s for s in load_subjects() if s.id == MW).learned["named_armed"]


def _flags(text: str) -> list[str]:
    article = enrich_article(ArticleClean(id="a", url="urn:a", outlet="t", title="", text=text,
                                          published_at=datetime(2015, 8, 6)))
    return [st.quote for st in article.statements if MW in st.subjects]


def test_names_that_head_fighters_in_the_article_are_learned() -> None:
    """The genitive of a head (مسلحي الحوثي، عناصر تنظيم داعش past the kind word) and a definite head's nisba
    adjective (الميليشيات الحوثية) give the group's names; a nisba gives its plurals (the people), not itself (a
    leader's surname); a conjunct, a verb or a generic noun after a head is no name."""
    names = learned_names(words(ARTICLE), _spec())
    assert {"الحوثيين", "الحوثيون", "داعش", "المقاومه"} <= names
    assert "الحوثي" not in names
    noise = learned_names(words("وقال إن الميليشيات ظلت في المدينة، وإن عناصر أخلوا المكان، وإن عناصر من الأمن "
                                "وصلوا، وطالب بمعاقبة الميليشيات والمطالبة بحلها"), _spec())
    assert noise == frozenset()


def test_an_armed_group_named_by_its_name_withdraws() -> None:
    """"ضرورة انسحاب الحوثيين"، "تنظيم داعش انسحب": the name next to the verb of leaving, in an article that names
    the group's fighters elsewhere, is an armed force withdrawing; the leader going out (خرج الحوثي) is not."""
    flagged = " ".join(_flags(ARTICLE))
    assert "انسحاب الحوثيين" in flagged
    assert "تنظيم داعش انسحب" in flagged
    assert "خطاب متلفز" not in flagged


def test_no_name_is_learned_without_fighters_in_the_article() -> None:
    """The class is the article's: the same sentence in an article that never names the group's fighters is not
    a withdrawal of an armed force by this rule, and the bare subject file learns nothing."""
    sentence = "وشدد المبعوث الدولي على ضرورة انسحاب الحوثيين ووقف إطلاق النار في أقرب وقت."
    assert subject_hits(sentence, load_subjects(), year=2015) == []
    assert subject_hits(sentence, article_subjects(load_subjects(), sentence), year=2015) == []
    assert subject_hits(sentence, article_subjects(load_subjects(), "مسلحي الحوثي. " + sentence), year=2015)


def test_a_learned_name_leaving_talks_stays_out() -> None:
    """The sense checks still bind a learned name: a group leaving talks leaves no place."""
    text = "وقال إن مسلحي الحوثي هاجموا المدينة. وأعلن انسحاب الحوثيين من المفاوضات في جنيف."
    assert not any("المفاوضات" in q for q in _flags(text))


def test_going_out_with_a_learned_name_stays_out() -> None:
    """خرج with a learned name next to it is no withdrawal frame: the name may be its object ("أخرجوه"، "أخرج
    العفريت من المصباح") or what من governs ("رحلة الخروج من داعش": a member leaving the group)."""
    text = ("وقال إن عناصر تنظيم داعش يسيطرون على البلدة. وأضاف أن النظام داعب تنظيم داعش، وأخرج العفريت من "
            "المصباح. لكن رحلة الخروج من داعش لم تكن سهلة.")
    assert _flags(text) == []


def test_a_force_abandoning_its_own_positions_withdraws() -> None:
    """"وترك نقاط رباطنا"، "تخلوا عن مواقعهم": abandoning (ترك، تخلى) the force's own positions (the possessive on the
    place) is leaving them, done when told in the past. Residents leaving their homes, a company dropping its
    websites and Turkey's positions (ترك is تركيا's key) stay out."""
    subject = next(s for s in load_subjects() if s.id == MW)
    for text in ("وجاء في البيان: لم يكن أمامنا إلا وترك نقاط رباطنا في الريف الشمالي لتتولاها جهات أخرى",
                 "وأفاد شهود بأن المسلحين تخلوا عن مواقعهم على أطراف البلدة قبل وصول التعزيزات"):
        assert subject_hits(text, [subject], year=2015), text
    hits = subject_hits("وقال إن الكتيبة تركت مواقعها في الجبل بعد القصف", [subject], year=2015)
    assert hits and hits[0].stance == "complete"
    for text in ("وترك السكان منازلهم بعد القصف", "وقررت الشركة التخلي عن مواقعها الإلكترونية القديمة",
                 "وأكدت تركيا مواقفها من الأزمة"):
        assert subject_hits(text, [subject], year=2015) == [], text


def test_a_force_leaving_any_country_withdraws() -> None:
    """The country a force leaves, as the verb's object after it, may be any country of the gazetteer (``from_to``
    names a few): "غادر آخر الجنود الكوبيين أنغولا". An army commander leaving a country after a visit stays out
    (the army by that word alone is not the force of this frame)."""
    subject = next(s for s in load_subjects() if s.id == MW)
    for text in ("وبعد توقيع الاتفاق غادر آخر الجنود الكوبيين أنغولا عبر هذا المطار",
                 "وغادر آخر الجنود الأمريكيين الفلبين بعد إغلاق المنشآت"):
        assert subject_hits(text, [subject], year=2015), text
    assert subject_hits("وغادر قائد الجيش الباكستاني الصين بعد زيارة استمرت يومين", [subject], year=2015) == []


def test_a_learned_name_past_its_kind_word_withdraws() -> None:
    """"مغادرة جماعة الحوثيين المدينة": the learned name after its kind word (تنظيم، جماعة ...) right after the verb
    of leaving; "الانسحاب من تنظيم داعش" (a member leaving the group) stays out."""
    article = "وقال إن عناصر تنظيم داعش ومسلحي جماعة الحوثي هاجموا المدينة. "
    watched = article_subjects(load_subjects(), article + "وطالب بمغادرة جماعة الحوثيين المدينة")
    assert subject_hits("وطالب بمغادرة جماعة الحوثيين المدينة", watched, year=2015)
    for text in ("وقرر الشاب الانسحاب من داعش بعد عام", "وروى رحلة الانسحاب من تنظيم داعش"):
        assert subject_hits(text, article_subjects(load_subjects(), article + text), year=2015) == [], text
