"""A force named earlier and carried by the pronoun on the verb of leaving (round twenty-three, issue 13):
``pipeline.nlp.carried_forces``. The first article is the ANT corpus's (its sentences are in labelled.jsonl); the
others are invented in the constructions of SaudiNewsNet's dev probes (its text never enters the repository)."""

from __future__ import annotations

from datetime import datetime

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean
from pipeline.nlp.carried_forces import ATTACHED_ENDINGS, SUBJECT_ENDINGS, bound_words, carries_pronoun
from pipeline.nlp.learned_groups import article_subjects
from pipeline.nlp.subjects import SENTENCE_END, load_subjects, subject_hits
from pipeline.nlp.wordgroups import words

MW = "military_withdrawal"

# ANT v1, JA-internationalNews-1171 (build part): the soldiers named two sentences before "أن يغادروا"
QATARI_SOLDIERS = ("طلبت مملكة البحرين اليوم الأحد من جنود قطريين متمركزين فيها في إطار خدمتهم في القيادة المركزية "
                   "للقوات البحرية الأمريكية، المغادرة على خلفية الأزمة الدبلوماسية مع الدوحة. وقال مصدر لوكالة فرانس "
                   "برس إن السلطات البحرينية أوضحت للقائد المسؤول عن القاعدة، أن على القطريين المغادرة، خلال 48 ساعة. "
                   "وتابع \"لا يزالون فى القاعدة، لكن من المرجح أن يغادروا خلال اليومين المقبلين\"، من دون أن يفصح "
                   "عن عدد هؤلاء الجنود.")
LIKELY_TO_LEAVE = "لكن من المرجح أن يغادروا خلال اليومين المقبلين"


def _subject():
    return next(s for s in load_subjects() if s.id == MW)


def _bound(text: str) -> frozenset[str]:
    subject = article_subjects([_subject()], text)[0]  # the learned names first: a carried force may be one
    return bound_words([words(s) for s in SENTENCE_END.split(text) if s.strip()], subject.groups,
                       subject.carried["carried_force"])


def _hits(sentence: str, article: str) -> list:
    return subject_hits(sentence, article_subjects(load_subjects(), article), year=2017)


def test_pronoun_endings() -> None:
    """A plural verb and an attached pronoun after a stem of their own; a preposition with a pronoun is none."""
    assert carries_pronoun("يغادروا", SUBJECT_ENDINGS) and carries_pronoun("ينسحبون", SUBJECT_ENDINGS)
    assert carries_pronoun("بخروجهم", ATTACHED_ENDINGS) and carries_pronoun("انسحابها", ATTACHED_ENDINGS)
    assert not carries_pronoun("منها", ATTACHED_ENDINGS)
    assert not carries_pronoun("انسحاب", SUBJECT_ENDINGS + ATTACHED_ENDINGS)


def test_soldiers_named_before_leave_by_their_pronoun() -> None:
    """"من المرجح أن يغادروا": the soldiers of two sentences before are who leave; the same sentence alone, or in an
    article that names no force, is no withdrawal."""
    assert "يغادروا" in _bound(QATARI_SOLDIERS)
    assert [h.subject for h in _hits(LIKELY_TO_LEAVE, QATARI_SOLDIERS)] == [MW]
    assert _hits(LIKELY_TO_LEAVE, LIKELY_TO_LEAVE) == []
    visitors = "وصل وفد من رجال الأعمال إلى الرياض أمس. وقال المنظمون: من المرجح أن يغادروا خلال اليومين المقبلين."
    assert _hits(LIKELY_TO_LEAVE, visitors) == []


def test_fighters_named_earlier_in_the_sentence() -> None:
    """The residents protest against the group's members and demand "their exit from the city": the members,
    named some words before the verbal noun with its pronoun, are who leave."""
    article = ("قال سكان محليون إن التنظيم أعدم عددا من أبناء المدينة. وخرج الأهالي المحاصرون في تظاهرة للتنديد "
               "بممارسات عناصر التنظيم في الأحياء الشرقية والمطالبة بخروجهم من المدينة فورا.")
    sentence = article.split(". ")[1]
    assert "بخروجهم" in _bound(article)
    assert [h.subject for h in _hits(sentence, article)] == [MW]


def test_a_force_right_before_the_verb_is_its_own_subject() -> None:
    """"بعض الجهاديين غادروا سوريا": the force right before the verb is its subject, which the frames and the scorer
    judge (individual fighters travelling): the pronoun carries nothing, even with soldiers named before."""
    article = ("وقالت المذكرة إن قوات الأمن رفعت حالة التأهب. وتشير المذكرة إلى ان بعض الجهاديين غادروا سوريا منذ "
               "عشرة ايام للوصول إلى أوروبا.")
    assert "غادروا" not in _bound(article)


def test_a_word_bound_once_but_used_alone_elsewhere_is_not_carried() -> None:
    """The group matches a word wherever it stands: "انسحابها" after the forces in one sentence and a singer's
    withdrawal from a contest in another is left out."""
    forces = "وأكدت الوزارة أن القوات الروسية تستعد لإنهاء مهمتها، وسيبدأ انسحابها الشهر المقبل."
    singer = "وأثارت المغنية جدلا واسعا هذا الأسبوع. وجاء انسحابها من المسابقة بعد اكتشاف تغريدات سابقة لها."
    assert "انسحابها" in _bound(forces)
    assert "انسحابها" not in _bound(singer + " " + forces)


def test_an_attached_pronoun_on_the_verb_of_leaving_is_the_place() -> None:
    """"قد غادرتها"، "أرغمتهم على مغادرتها": ها is the place left (the town); an intransitive verbal noun (رحيلهم،
    خروجهم، انسحابها) carries the force by its attached pronoun, an expulsion (إخراجهم) does not."""
    article = ("وقال المتحدث إن قافلة المساعدات دخلت البلدة رغم التصعيد العسكري لقوات النظام، "
               "وإنها قد غادرتها قبل إتمام إفراغ حمولتها.")
    assert not _bound(article) & {"غادرتها", "وغادرتها"}
    forced = "ويهدف الهجوم إلى اقتحام المدينة التي أرغمت المقاومة قوات الحرس على مغادرتها في مايو الماضي."
    assert "مغادرتها" not in _bound(forced)
    departing = "وتحدث الأهالي عن قصف الميليشيات للمدينة وقالوا إن رحيلهم بات مسألة وقت."
    assert "رحيلهم" in _bound(departing)
    siege = "وتحصن المسلحون داخل الفندق والعمل جار على إخراجهم."
    assert not _bound(siege)


def test_people_between_the_force_and_the_verb_are_its_antecedent() -> None:
    """"أن المتهمين دخلوا البلاد ... ثم غادروا": the suspects, named after the force, are who leave; so are the
    attackers after a sentence on the group's members; police men are no armed force."""
    suspects = ("وقالت الوزارة إن عناصر التنظيم خططوا للتفجير. وأوضحت أن المتهمين دخلوا البلاد قبل يوم ثم غادروا "
                "البلاد مباشرة.")
    assert "غادروا" not in _bound(suspects)
    police = "وهتف المتظاهرون: عناصر الشرطة القتلة يجب أن يغادروا."
    assert "يغادروا" not in _bound(police)


def test_an_attached_pronoun_names_the_nearest_things() -> None:
    """ها and هم name what is near: a bullet's exit after a sentence on special forces, claims withdrawn, people
    leaving prisons, the forces a sentence away: only a force a few words before the verbal noun is carried."""
    bullet = ("وقال: اعتقدت أن القوات الخاصة تهاجم الجزيرة. وتظهر على عنقه ندوب تؤشر إلى موقع دخول الرصاصة "
              "وخروجها.")
    assert not _bound(bullet)
    far = "وتحدث الأهالي عن الميليشيات التي تقصف المدينة منذ أسابيع. وقالوا إن مغادرتهم باتت مسألة وقت."
    assert "مغادرتهم" not in _bound(far)


def test_a_noun_right_before_a_plural_verb_is_its_subject() -> None:
    """"7 ملايين غادروا البلد": people, named right before the verb, leave, though soldiers were named before; a
    verb after أن or حين has no subject of its own before it."""
    article = ("وقال إن الجنود انتشروا في المدينة. وأضاف: مسبقا هناك سبعة ملايين غادروا البلد بسبب انعدام الأمن.")
    assert "غادروا" not in _bound(article)
    assert "يرحلون" in _bound("وقال إن الميليشيات تقصف المدينة لأنها لن تحمل القذائف معها حين يرحلون مهزومين.")


def test_enriched_article_flags_the_carried_withdrawal() -> None:
    """Through ``enrich_article`` (what the worker runs): the sentence with the carried force is flagged."""
    article = enrich_article(ArticleClean(id="a", url="urn:a", outlet="t", title="", text=QATARI_SOLDIERS,
                                          published_at=datetime(2017, 6, 18)))
    flagged = " ".join(st.quote for st in article.statements if MW in st.subjects)
    assert "يغادروا" in flagged


def test_a_negation_before_a_time_clause_is_not_the_predicates() -> None:
    """"لن يستطيعوا حمل القذائف معهم حين يرحلون": the negation is the main clause's (carrying the shells); the
    departure in the time clause is expected (announce), not denied; a negation of the predicate itself stays."""
    article = "وقال إن الميليشيات تقصف المدينة بشكل هستيري لأنهم لن يستطيعوا حمل تلك القذائف معهم حين يرحلون مهزومين."
    assert [h.stance for h in _hits(article, article)] == ["announce"]
    denied = "وقال المتحدث إن القوات لن تنسحب من المدينة قبل نهاية العام."
    assert [h.stance for h in subject_hits(denied, load_subjects(), year=2017)] == ["deny"]
