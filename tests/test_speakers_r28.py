"""Round twenty-eight (helper "spk28"): span errors of the real stream (issue 13).

* A sentence may open with و and a name ("وجانغ ليست الشابة الوحيدة التي ترى"، "وترامب الذي ...، أشار"): the
  conjunction is no letter of the name when the article names the same one without it (a word of an entity), also
  when the tagger glued it on ("وترامب"); a name whose و is its own ("ويلسون") stays
  (``speaker_spans.without_opening_conjunction``).
* "X تغريدة قال فيها"، "X سلسلة تغريدات قال في إحداها": the relative verb's "فيها" is the indefinite object of the
  verb opening the sentence, any verb, and its subject (a name, with a bare noun in construct before it) wrote it
  (``sources.publisher`` → ``sources._writer``); before, only أصدر/نشر/وزع with a document noun were read so.
* A bare indefinite common noun ("شبكة"، "صحيفة"، "قناة") takes the quoted or bracketed name right after its latest
  mention ("وقالت شبكة (سي.بي.اس)"، "كتبت صحيفة "لوموند" ... وأضافت"): the span had stopped at the mark; an age in
  brackets or a name ("محرز (26 عاما)") takes nothing (``speaker_spans.with_name_after``).
* A title phrase the article gave before with a definite word between its words ("المتحدث الرسمي باسم التحالف، تركي
  المالكي" for "المتحدث باسم التحالف") is that title with its name (``mentions._titled_before``).
* A quoted name right after a preposition ("في تغريدة عبر "تويتر"") is its object inside the adjunct, never the
  subject the adjunct is skipped for (``speaker_words.opened_quote``, read by ``speakers._skip_leading``).

The real sentences come from the ANT v2 stream; the invented ones show what the rules leave alone.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 BB-culture-268-20180818: a nominal sentence opened by و and the woman's surname
JANG = ("وحالها كحال العديد من الشباب في سوق العمل الكورية الجنوبية شديدة التنافس، عملت جانغ، مصممة الرسوم "
        "الكرتونية على شبكة الإنترنت، بجد للوصول إلى موقعها.\n"
        "وتقول جانغ، \"بدلا من أن أكون جزءا من أسرة ،أفضل أن أكون مستقلة\".\n"
        "وجانغ ليست الشابة الوحيدة في بلدها التي ترى أن المهنة والعائلة أمران يصعب الجمع بينهما.")

# ANT v2 SK-internationalNews-823-20180406: the tagger holds "وترامب" with its و
TRUMP = ("وعد الرئيس الأميركي دونالد ترامب، الخميس، بإرسال \"ما بين ألفين و4 آلاف\" جندي من الحرس الوطني إلى "
         "الحدود مع المكسيك.\n"
         "وترامب الذي يكشف للمرة الأولى عن حجم القوة العسكرية التي أمر بإرسالها للحدود الجنوبية،أشار إلى أنه "
         "سيبقي \"على الأرجح\" هؤلاء العسكريين كلهم على الحدود.")

# invented: a name whose و is its own
WILSON = "وقال ويلسون إن الفريق سيعود أقوى في الموسم المقبل."

# ANT v2 BB-internationalNews-446-20180430: a lawyer's tweet
LAWYER = ("وأعاد ترامب نشر صورة للرسم التقريبي للرجل التي تزعم دانييلز بأنه هددها.\n"
          "ونشر محامي دانييلز تغريدة قال فيها إن \"ترامب يدرك تماماً ما حدث\".")

# ANT v2 CN-sport-163-20180327: one of a series of tweets
SHEIKH = ("وجه رئيس الهيئة العامة للرياضة السعودية، تركي آل الشيخ، انتقادات للمنتخب السعودي، بعد خسارته في "
          "المباراة الودية التي خاضها، الثلاثاء، أمام نظيره البلجيكي.\n"
          "ونشر آل الشيخ سلسلة تغريدات قال في إحداها \"لازم نعرف حجمنا.. لسنا جيل ماجد والهريفي\".")

# ANT v2 BB-sport-296-20180725: the opening verb is كان, the publishing verb after the name
OZIL = ("وقال أردوغان: \"كلمت مسعود يوم الاثنين، وقد عبر في بيانه عن وطنيته\".\n"
        "وكان أوزيل أصدر بيانا مطولا قال فيه إنه تلقى رسائل كراهية ورسائل تهديد.")


def test_a_sentence_opening_conjunction_is_no_part_of_the_name() -> None:
    assert _speakers(JANG)[-1] == ("ترى", "جانغ")


def test_the_conjunction_the_tagger_glued_on_goes_too() -> None:
    assert _speakers(TRUMP)[-1] == ("أشار", "ترامب")


def test_a_name_whose_waw_is_its_own_stays() -> None:
    assert _speakers(WILSON) == [("قال", "ويلسون")]


def test_the_writer_of_a_tweet_quoted_by_a_relative_verb() -> None:
    assert _speakers(LAWYER)[-1] == ("قال", "محامي دانييلز")


def test_one_of_a_series_of_tweets() -> None:
    assert _speakers(SHEIKH)[-1] == ("قال", "آل الشيخ")


def test_the_publisher_after_an_opening_kana() -> None:
    assert _speakers(OZIL)[-1] == ("قال", "أوزيل")


# ANT v2 AL-internationalNews-646-20180327: the network's name in brackets after the noun
CBS = ("طعن البيت الأبيض اليوم الاثنين في رواية نجمة الأفلام الإباحية ستورمي دانييلز في مقابلة تلفزيونية.\n"
       "وقالت شبكة (سي.بي.اس) إن المقابلة التي بثت أمس الأحد اجتذبت أكبر جمهور منذ سنوات للبرنامج الإخباري.")

# ANT v2 AL-internationalNews-1998-20180720: the paper quoted, then carried by "وأضافت"
LE_MONDE = ("وكتبت صحيفة \"لوموند\" في مقال إن \"الرجل الذي يضع خوذة وبدا غاضبا، جر (الشاب) على الأرض\".\n"
            "وأضافت أن \"مدير مكتب الرئيس باتريك سترزودا أكد أن بينالا هو الرجل الذي ظهر في الفيديو\".")

# invented: an age in brackets after a name is no part of it
AGE = "وقال محرز (26 عاما) إن الفريق قادر على الفوز باللقب."


def test_a_bare_noun_takes_the_bracketed_name_after_it() -> None:
    assert _speakers(CBS)[-1] == ("قالت", "شبكة (سي.بي.اس)")


def test_the_quoted_name_after_the_noun_also_when_carried() -> None:
    assert _speakers(LE_MONDE)[-1] == ("أضافت", "صحيفة \"لوموند\"")


def test_an_age_in_brackets_is_no_name() -> None:
    assert _speakers(AGE) == [("قال", "محرز")]


# ANT v2 CN-middleEast-703-20180423: the spokesman's title first with the adjective "الرسمي", then without it
MALIKI = ("اعترضت الدفاعات الجوية التابعة لقوات التحالف العربي صاروخين باليستيين، استهدفا مدينة جازان السعودية، "
          "الإثنين، وفقا لما أعلنه المتحدث الرسمي باسم التحالف، تركي المالكي.\n"
          "وقال المالكي في تصريحات نقلتها وكالة الأنباء السعودية (واس): \"رصدت قوات الدفاع الجوي للتحالف إطلاق "
          "صاروخين باليستيين\".\n"
          "وأضاف المتحدث باسم التحالف أن \"الصاروخين كانا باتجاه مدينة جازان\".")


def test_a_title_said_before_with_an_adjective_between_its_words() -> None:
    assert _speakers(MALIKI)[-1] == ("أضاف", "المتحدث الرسمي باسم التحالف، تركي المالكي")


# ANT v2 SK-middleEast-3736-20181005: the platform is the object of "عبر" inside the adjunct; the subject is dropped
MURAD = ("وقالت مراد التي دونت تفاصيل قصتها في كتاب \"الفتاة الأخيرة\" :\" لكوني ناجية من الإبادة الجماعية تقع "
         "على عاتقي الكثير من المسؤولية\".\n"
         "وبعد مرور أربع سنوات على مأساة اختطافها من قبل الدواعش، احتفلت نادية مراد في أغسطس الماضي بارتباطها من "
         "عابد شمدين، وهو ناشط أيضا في الدفاع عن قضية الإيزيديين، في ألمانيا حيث تقيم هناك.\n"
         "وقالت في تغريدة عبر \"تويتر\" تعليقا على الارتباط: لقد جمعنا (هي وعابد) نضال شعبنا وسنكمل معا على هذا "
         "الطريق\".")


def test_a_quoted_name_governed_by_a_preposition_is_no_speaker() -> None:
    assert _speakers(MURAD)[-1] == ("قالت", "مراد")
