"""Narrative time across sentences, round twenty-five (issue 13, precision): a withdrawal told as the time of another
event with no date of its own is dated by the sentence before it (``pipeline/nlp/narrative_time.py``). The largest
class of false flags left on SaudiNewsNet's dev outlets; their text never enters the repository, so the sentences here
are written in the same constructions. Each rule is tested with today's news told the same way, which stays flagged."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.enrich import enrich_article
from pipeline.models import ArticleClean
from pipeline.nlp.narrative_time import preceding_sentence
from pipeline.nlp.subjects import SENTENCE_END, load_subjects, subject_hits

MW = "military_withdrawal"

SINJAR_BEFORE = "وفي الثالث من أغسطس (آب) العام الماضي اجتاح المتطرفون قضاء سنجار معقل الطائفة الإيزيدية."
SINJAR = "ونفذ التنظيم مذابح بحق الطائفة الإيزيدية بعد انسحاب قوات البشمركة، ووصفتها الأمم المتحدة بالإبادة."


def _flagged(text: str, year: int = 2015, preceding: str = "") -> bool:
    return MW in [h.subject for h in subject_hits(text, load_subjects(), year, None, preceding)]


def _article_flags(text: str, year: int = 2015) -> list[str]:
    article = enrich_article(ArticleClean(id="r25", url="urn:r25", outlet="test", title="", text=text,
                                          published_at=datetime(year, 8, 3, tzinfo=UTC)))
    return [st.quote for st in article.statements if MW in st.subjects]


def test_a_background_withdrawal_is_dated_by_the_sentence_before() -> None:
    """"بعد انسحاب قوات البشمركة" with no date of its own, after a sentence dated "العام الماضي": the massacre after an
    old withdrawal, a background mention; alone, the same sentence is told as today's news and stays flagged."""
    assert _flagged(SINJAR)
    assert not _flagged(SINJAR, preceding=SINJAR_BEFORE)
    assert not _flagged(f"{SINJAR_BEFORE}\n{SINJAR}")
    assert not _flagged(SINJAR, preceding="وكانت القوات الكردية قد سيطرت على القضاء في عام 2013.")


def test_an_article_is_judged_with_its_narrative_time() -> None:
    """Through ``enrich_article``: the article's sentence before dates the background mention; an article that tells
    today's capture after the fighters' withdrawal, with no past date before it, keeps its flag."""
    assert not _article_flags(f"{SINJAR_BEFORE}\n{SINJAR}")
    assert _article_flags("وقالت مصادر محلية إن المعارك تواصلت طوال الليل.\n"
                          "وسيطرت قوات النظام على مبنى الناحية وصالة النادي بعد انسحاب مسلحي تنظيم داعش.", 2018)


def test_a_date_after_since_opens_a_span_to_today() -> None:
    """"منذ 19 أبريل الماضي" in the sentence before is a battle running to today, no past point: the capture after the
    fighters' withdrawal is today's news (ANT v2 SK-middleEast-1430-20180505, a true flag); "في أبريل الماضي" is a
    past point and dates it."""
    capture = "وذكرت مصادر محلية أن قوات النظام سيطرت على مبنى ناحية الحجر الأسود بعد انسحاب مسلحي تنظيم داعش."
    assert _flagged(capture, 2018, "وارتفع عدد القتلى في معركة السيطرة على الحجر الأسود منذ 19 أبريل الماضي.")
    assert not _flagged(capture, 2018, "وكانت المعارك على الحجر الأسود قد بدأت في 19 أبريل (نيسان) الماضي.")


def test_a_sentence_opening_time_phrase_is_dated_by_the_sentence_before() -> None:
    """"وبعد انسحاب القوات الأطلسية من أفغانستان بقي ..." opens its sentence: the time of the main clause after it,
    dated by "في ديسمبر (كانون الأول) الماضي" before; the same opening after an undated sentence stays flagged."""
    residual = "وبعد انسحاب القوات الأطلسية من أفغانستان بقي في البلاد نحو 12 ألف جندي أجنبي لتدريب القوات الأفغانية."
    before = "وكانت قوة إيساف التابعة للحلف الأطلسي قد أنهت في ديسمبر (كانون الأول) الماضي مهمتها القتالية."
    assert not _flagged(residual, 2015, before)
    assert _flagged(residual, 2015, "وقال المتحدث باسم الحلف إن التدريب سيتواصل في كابل.")


def test_a_past_point_earlier_in_its_own_sentence_dates_it() -> None:
    """"منذ هاجم التنظيم المدينة في الثاني من أبريل (نيسان) الماضي وسيطر عليها بعد انسحاب القوات": the capture of
    April after the forces left, the time anchor of today's attack; the capture told today keeps its flag."""
    assert not _flagged("ويعد الهجوم الأكبر منذ هاجم تنظيم القاعدة مدينة المكلا في الثاني من أبريل (نيسان) الماضي، "
                        "وسيطر على المدينة بعد انسحاب القوات الموالية للرئيس السابق من المحافظة.")
    assert _flagged("وقال شهود إن تنظيم القاعدة سيطر اليوم على مدينة المكلا بعد انسحاب القوات الموالية للرئيس "
                    "السابق من المحافظة.")


def test_the_present_in_its_own_phrase_and_a_narrated_withdrawal_keep_their_flags() -> None:
    """A past date before does not make today's news a background: the construction's own phrase names the present
    ("بعد انسحاب القوات منها اليوم"), or the withdrawal is the sentence's own event or point ("وانسحبت القوات"، "أولى
    المدن التي غادرتها القوات"); the same time phrase with no present word is dated."""
    before = "وكانت الفصائل قد سيطرت على المدينة في عام 2013."
    assert _flagged("ودخلت قوات الجيش المدينة بعد انسحاب مسلحي الفصائل منها اليوم.", 2015, before)
    assert not _flagged("ودخلت قوات الجيش المدينة بعد انسحاب مسلحي الفصائل منها.", 2015, before)
    assert _flagged("وانسحبت قوات الجيش من المدينة باتجاه الريف الشرقي.", 2015, before)
    kobani = "وكانت كوباني أولى المدن التي غادرتها القوات السورية، وسبقت عفرين والقامشلي."
    assert _flagged(kobani, 2015, "ويحتفل السكان بمرور ثلاثة أعوام على تسلم الإدارة في 19 يوليو (تموز) 2012.")


def test_the_memo_keeps_one_sentence_apart_in_two_contexts() -> None:
    """The per-article memo keys on the narrative time too: the same sentence judged after a dated sentence and
    after an undated one, with one memo, gives both answers."""
    memo: dict = {}
    subjects = load_subjects()
    assert not subject_hits(SINJAR, subjects, 2015, memo, SINJAR_BEFORE)
    assert subject_hits(SINJAR, subjects, 2015, memo, "وقال مسؤول محلي إن التحقيق مستمر.")
    assert not subject_hits(SINJAR, subjects, 2015, memo, SINJAR_BEFORE)


def test_the_sentence_before_is_read_back_from_the_start() -> None:
    """``preceding_sentence`` returns the whole sentence before the one holding ``start``, not its own beginning."""
    text = f"عنوان الخبر.\n{SINJAR_BEFORE}\n{SINJAR}"
    start = text.index("بعد انسحاب")
    assert preceding_sentence(text, start, SENTENCE_END) == SINJAR_BEFORE.rstrip(".")
    assert preceding_sentence(text, text.index("ونفذ"), SENTENCE_END) == SINJAR_BEFORE.rstrip(".")
    assert preceding_sentence(text, 3, SENTENCE_END) == ""


def test_a_noun_coordinated_with_a_dated_time_phrase_is_background() -> None:
    """"بعد الاتفاق وانسحاب مسلحي التنظيم منها" coordinates the withdrawal with the noun "بعد" governs, in a sentence
    dated 2014 before it: the time anchor of an old entry, even with "لكن ... اليوم" opening the next clause (its
    today, not the phrase's); the withdrawal told as today's in its own phrase keeps its flag."""
    entered = ("وكان التنظيم قد سيطر على المدينة في عام 2014، ودخلت قوات الجيش المدينة بعد الاتفاق وانسحاب مسلحي "
               "التنظيم منها")
    assert not _flagged(f"{entered}.")
    assert not _flagged(f"{entered}، لكن الاشتباكات تجددت اليوم.")
    assert _flagged(f"{entered} اليوم.")
