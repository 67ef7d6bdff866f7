"""Watch subject `military_withdrawal`: fires on troop withdrawals, not on the other senses of the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import Speaker, Statement
from pipeline.nlp.ner import extract_entities
from pipeline.nlp.statements import extract_statements
from pipeline.nlp.subject_statements import flag_statements
from pipeline.nlp.subjects import load_subjects, match_subjects, tokens

FIXTURES = Path(__file__).parent / "fixtures"
MW = "military_withdrawal"

POSITIVES = [
    "بدأت القوات الأمريكية الانسحاب من قاعدة عين الأسد غربي الأنبار.",
    "أعلن البنتاغون انسحاب آخر الجنود الأمريكيين من أفغانستان.",
    "قال مصدر أمني إن قوات التحالف غادرت قاعدة التاجي شمال بغداد.",
    "أكدت الحكومة انتهاء المهمة القتالية لقوات التحالف الدولي نهاية العام.",
    "سلمت قوات التحالف قاعدة القيارة الجوية إلى القوات العراقية.",
    "أعلنت واشنطن تقليص عدد قواتها في العراق إلى 2500 جندي.",
    "نفى المتحدث باسم الخارجية انسحاب القوات الأمريكية من سوريا.",
    "أعلنت واشنطن تأجيل الانسحاب من العراق إلى العام المقبل.",
    "صوت البرلمان على إخراج القوات الأجنبية من البلاد.",
    "نفت وزارة الدفاع الأنباء عن تأجيل سحب القوات الفرنسية من مالي.",
    "وأكّد أنّ موعد خروج القوات القتالية في الحادي والثلاثين من كانون الأول ثابت.",
]


def _negatives() -> list[tuple[str, str]]:
    out = []
    for path in sorted((FIXTURES / "negatives").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [(path.stem, line.strip()) for line in lines if line.strip()]
    return out


def test_default_subject_loads() -> None:
    [subject] = load_subjects()
    assert subject.id == MW and subject.name_ar
    assert subject.rules and subject.exclude


@pytest.mark.parametrize("sentence", POSITIVES)
def test_positives(sentence: str) -> None:
    assert match_subjects(sentence) == [MW]


@pytest.mark.parametrize(("sense", "sentence"), _negatives())
def test_hard_negatives(sense: str, sentence: str) -> None:
    assert match_subjects(sentence) == [], sense


def test_every_sense_has_two_negatives() -> None:
    senses = [s for s, _ in _negatives()]
    for sense in ("sports", "elections", "legislation", "money_products", "protests"):
        assert senses.count(sense) >= 2


def test_proximity_window_and_sentences() -> None:
    # Withdrawal word and forces word in different sentences do not combine.
    assert match_subjects("انسحب الوفد من الاجتماع. وفي خبر آخر وصلت القوات إلى المدينة.") == []


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_seed_khafaji_statements_flagged(prefix: str) -> None:
    text = next((FIXTURES / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    flagged = flag_statements(extract_statements(text, []), text=text)
    assert any(s.speaker and s.speaker.canonical == "تحسين الخفاجي" and MW in s.subjects for s in flagged)


def test_flag_uses_sentence_context() -> None:
    text = 'وردا على ذلك نفت السلطات تمديد موعد انسحاب القوات الأميركية وقال المتحدث إن "الحديث غير دقيق".'
    start = text.index("الحديث")
    st = Statement(quote="الحديث غير دقيق", start=start, end=start + len("الحديث غير دقيق"), direct=True)
    assert flag_statements([st])[0].subjects == []  # the quote alone says nothing about troops
    assert flag_statements([st], text=text)[0].subjects == [MW]
    assert st.subjects == []  # input not mutated


def _flagged_quotes(text: str) -> dict[str, list[str]]:
    statements = flag_statements(extract_statements(text, extract_entities(text)), text=text)
    return {st.quote: st.subjects for st in statements}


def test_a_short_quote_is_judged_from_its_speakers_clause() -> None:
    """The demo's militia quote on volunteers is not a withdrawal statement: the withdrawal is in the clause before
    the militia's ("ويأتي بحث الإنسحاب الأميركي من العراق في وقت بدأت المليشيات ... مشيرة إلى أنّ"); the sentence
    stays on the subject as the militia's (it names their "عدم انسحابها كما تقول"), not through the volunteers. The
    spokesman's "الحديث عن هذا التمديد" points back to the extension the sentence named before his clause."""
    from pipeline.nlp.subject_statements import unattributed_statements

    text = (FIXTURES / "seeds" / "003_3ef7dfa2a7074a0e.txt").read_text(encoding="utf-8")
    entities = extract_entities(text)
    statements = flag_statements(extract_statements(text, entities), text=text)
    by_quote = {st.quote: st.subjects for st in statements}
    assert by_quote["عدد المتطوعين وصل إلى 50 ألف شخس"] == []
    assert by_quote["الحديث عن هذا التمديد غير دقيق وغير صحيح"] == [MW]
    sentence = text.index("ويأتي بحث")
    [st] = [s for s in unattributed_statements(text, statements, entities=entities)
            if sentence <= s.start < text.index("عدد المتطوعين")]
    assert st.subjects == [MW] and st.speaker is not None and st.speaker.text.startswith("المليشيات العراقية")
    # the talks before "في وقت" are the outlet's narration: the militia's sentence is quoted from their clause on
    assert st.start == text.index("بدأت المليشيات", sentence) and "بحث" not in st.quote


def test_a_sentence_said_by_its_opening_subject_is_quoted_whole() -> None:
    """Control: with no subordinate clause ("وأصدرت وحدات حماية الشعب الكردية ... بياناً، جاء فيه"), the sentence
    the units said is theirs from its first word (ANT v2, BB-middleEast-597-20180607, research use with citation)."""
    from tests.conftest import enriched_statements

    text = ('وأصدرت وحدات حماية الشعب الكردية في الخامس من يونيو/حزيران بياناً، جاء فيه "أنهم غير موجودين في منبج منذ '
            'أن سلمت إدارة المدينة إلى مجلسها العسكري منذ عام 2016، وينضوي المجلس ضمن قيادة قوات سوريا الديمقراطية، '
            'ولم يبق فيها إلا بعض مستشاريها العسكريين لتقديم العون والتدريب لعناصرهم والتنسيق مع التحالف الدولي"، '
            'وأنها قررت سحب مستشاريها بعد وصول مجلس منبج العسكري إلى الاكتفاء الذاتي".')
    [flagged] = [s for s in enriched_statements(text) if MW in s.subjects]
    assert flagged.start == 0 and flagged.speaker is not None and flagged.speaker.text == "وحدات حماية الشعب الكردية"


def test_a_short_quote_is_not_judged_on_the_next_statement() -> None:
    """Sisi's "this expression is a media term" (the deal of the century) is no withdrawal statement; his next
    quote, in the same sentence, is (ANT v2, FR-middleEast-851-20180729, research use with citation)."""
    text = ('كما اعتبر الرئيس المصري ردا على سؤال حول تقارير وسائل الإعلام عما يسمى "صفقة القرن" أن "هذا التعبير '
            'تعبير إعلامي وليس سياسيا"، وتابع السيسي "مصر مواقفها واضحة، نحن مع كل قرارات الأمم المتحدة، نحن مع '
            'إقامة دولة فلسطينية عاصمتها القدس الشرقية ونحن مع (الانسحاب الإسرائيلي) إلى ما قبل حدود 1967".')
    quotes = _flagged_quotes(text)
    assert quotes["هذا التعبير تعبير إعلامي وليس سياسيا"] == []
    assert [q for q, subjects in quotes.items() if subjects] == [next(q for q in quotes if q.startswith("مصر"))]


def test_a_bare_demonstrative_points_to_the_clause_before() -> None:
    """"الذين سيقبلون بذلك" (who accept that) with nothing of the speaker's before it in the clause: "that" is the
    safe exit offered in the clause before (ANT v2, CN-middleEast-202-20180306, research use with citation)."""
    text = ("ويذكر أن وزارة الدفاع الروسية، عرضت الثلاثاء، على المسلحين في الغوطة الشرقية وعائلاتهم ممرا آمنا "
            "للخروج من المنطقة في الوقت الذي يستمر فيه الجيش السوري الموالي للنظام بالقصف، وقالت في بيانها إنها "
            'ستحمي "الثوار" الذين سيقبلون بذلك لافتا إلى أن الجيش الروسي سيوفر الحماية والنقل لهم.')
    start = text.index("ستحمي")
    st = Statement(quote=text[start:text.index(" لافتا")], start=start, end=text.index(" لافتا"), verb="وقالت")
    assert flag_statements([st], text=text)[0].subjects == [MW]
    from pipeline.nlp.frame_syntax import demonstratives, names_antecedent

    assert demonstratives(tokens("الحديث عن هذا التمديد غير دقيق")) == (["التمديد"], False)
    assert demonstratives(tokens("هذا أفضل بالنسبة لنا")) == ([], True)
    assert names_antecedent(["التمديد"], tokens("نفت السلطات تمديد موعد انسحاب القوات"))
    assert not names_antecedent(["التعبير"], tokens("ردا على سؤال حول ما يسمى صفقة القرن"))


def test_the_people_of_a_state_are_derived_from_its_names() -> None:
    """The nisba plurals of the `state` group come from the gazetteer's countries and the group's own names (a
    final ا/يا/ة gives way to ي), not from a list: the ten adjectives once listed are among them, both spellings
    of أمريكي from the group's two spellings of أمريكا."""
    from pipeline.nlp.wordgroups import nisba, people_of, tokens

    assert [nisba(n) for n in ("أمريكا", "تركيا", "فرنسا", "عراق", "إيران", "سعودية", "إمارات", "مالي")] == [
        "امريكي", "تركي", "فرنسي", "عراقي", "ايراني", "سعودي", "اماراتي", "مالي"]
    assert people_of(["العراق"]) == ["الالعراقي", "العراقي"]  # the article read both ways; one is no word
    assert "الالماني" in people_of(["المانيا"])  # ألمانيا: its ال is the root's
    state = next(s for s in load_subjects() if s.id == MW).groups["state"]
    listed = ["الأمريكي", "الأميركي", "الإسرائيلي", "الروسي", "الإيراني", "التركي", "الفرنسي", "البريطاني", "السعودي",
              "الإماراتي"]
    for adjective in listed:
        assert {tokens(adjective + "ين")[0], tokens(adjective + "ون")[0]} <= state.exact, adjective
    assert tokens("العراقيين")[0] in state.exact and tokens("الأمريكي")[0] not in state.exact  # the people only


def test_an_armed_object_overrides_another_sense_before_the_predicate() -> None:
    """A club's hall named before "بعد انسحاب مسلحي تنظيم داعش" is a building, not sport: the fighters are the
    predicate's own object (ANT v2, SK-middleEast-1430-20180505, research use with citation). After it, or with no
    force as its object, the other sense still decides."""
    text = ("وذكرت مصادر سورية محلية أن قوات النظام حققت تقدما من جهتي الحجر الأسود ومخيم اليرموك، وسيطرت على مبنى "
            "ناحية الحجر الأسود وصالة نادي عمال القنيطرة بعد انسحاب مسلحي تنظيم داعش.")
    assert match_subjects(text, year=2018) == [MW]
    assert match_subjects("انسحب لاعبو النادي من المباراة احتجاجا") == []


def test_a_place_right_after_the_withdrawal_noun_is_who_withdraws() -> None:
    """"انسحاب بلاده منه" is his country leaving the deal: a place after the masdar is the place left only through
    a preposition (ANT v2, CN-economy-110-20180513, research use with citation); named before it, it still counts
    ("مستقبل شمال سوريا (...) بعد الانسحاب الأمريكي", FR-middleEast-199-20180404)."""
    from pipeline.nlp.subjects import sentence_hits
    from pipeline.nlp.wordgroups import words

    subject = next(s for s in load_subjects() if s.id == MW)
    text = ("إيران ستنسحب من الاتفاق النووي رغم محاولات الاتحاد الأوروبي ودول مثل روسيا والصين المحافظة عليه، بعج "
            "إعلان الرئيس الأمريكي، دونالد ترامب انسحاب بلاده منه، وذلك لعدد من الأسباب")
    assert match_subjects(text, year=2018) == []
    assert match_subjects("فقد بحث الكاظمي مع السفير تولر التطورات الأمنية والإنسحاب الأميركي من العراق") == [MW]
    assert sentence_hits(words("التفكير في مستقبل شمال سوريا (...) بعد الانسحاب الأمريكي"), subject)


def test_a_quote_ends_at_the_attribution_that_follows_it() -> None:
    """"... آخر بلدتين محاصرتين في سوريا بحسب الأمم المتحدة، بعدما استعادت قوات النظام ... وبموجب اتفاقات إجلاء": the
    words after the attribution are the outlet's, not the UN's (ANT v2, FR-middleEast-787-20180719, research use with
    citation): the UN's statement is not flagged, and the sentence, if on the subject, is not given to it."""
    from pipeline.nlp.subject_statements import unattributed_statements

    text = ("وكانت الفوعة وكفريا آخر بلدتين محاصرتين في سوريا بحسب الأمم المتحدة، بعدما استعادت قوات النظام خلال "
            "عمليات عسكرية وبموجب اتفاقات إجلاء العدد الأكبر من المناطق التي كانت تحاصرها في البلاد.")
    quote = "وكانت الفوعة وكفريا آخر بلدتين محاصرتين في سوريا"
    st = Statement(quote=quote, start=0, end=len(quote), verb="بحسب",
                   speaker=Speaker(text="الأمم المتحدة", canonical="الأمم المتحدة", type="ORG"))
    [flagged] = flag_statements([st], text=text, year=2018)
    assert flagged.subjects == []
    [sentence] = unattributed_statements(text, [flagged], year=2018)  # a background mention the scorer lets by
    assert sentence.speaker is None and not sentence.attributed


def test_fighters_going_home_are_no_force_returning() -> None:
    """Wounded fighters in a flat in Cairo talking of going home to Taiz are people going home, not a force withdrawn
    (ANT v2, BB-middleEast-393-20180423, research use with citation); troops brought home still are."""
    text = ("وبالعودة إلى الشقة التي يقيم فيها المقاتلون، تطرق الحديث إلى العودة إلى الوطن بمدينة تعز، التي شهدت "
            "واحدة من أعنف المعارك في البلاد")
    assert match_subjects(text, year=2018) == []
    assert match_subjects('إنه يريد ان تعود القوات الأمريكية بأقرب وقت ممكن إلى الوطن', year=2018) == [MW]


def test_a_withdrawal_told_as_the_dated_time_of_another_event_is_background() -> None:
    """The two false alarms of the build part: a withdrawal as the time or means of another clause's event, its
    own phrase dated in the past — "الأكراد الذين سيطروا ... بعد انسحاب القوات الحكومية ... عقب بدء الحرب" (ANT v2,
    BB-middleEast-293-20180405, research use with citation); Hezbollah's victory "بالانسحاب الإسرائيلي ... في ربيع
    2000" (NewsFANE s03550, CC BY-SA 3.0) only when the article's year is known to be later (NewsFANE gives none, so
    that build false alarm stays). Today's news told the same way has no date of its own and stays
    (SK-middleEast-709-20180401), and so does a complement of a verb with an old year (SK-middleEast-529-20180325)."""
    kurds = ("كما أن هناك الأكراد الذين سيطروا على مناطق واسعة بعد انسحاب القوات الحكومية من مناطق عدة عقب بدء "
             "الحرب.")
    assert match_subjects(kurds, year=2018) == []
    hezbollah = ("و سرعان ما حقق حزب الله انتصار ه التاريخي بالانسحاب الاسرائيلي غير المشروط من الجنوب اللبناني في "
                 "ربيع 2000 .")
    assert match_subjects(hezbollah, year=2001) == []  # a year before: the old-year check (2 years) lets it by
    assert match_subjects(hezbollah) == [MW]  # publication year unknown: no background check by year
    assert match_subjects("وكانت القيادة العامة للجيش السوري، أعلنت، مساء أمس السبت، بلدات عربين وزملكا وعين ترما "
                          "وجوبر في الغوطة الشرقية خالية من الإرهاب بعد خروج الدفعة الأخيرة من الإرهابيين وعائلاتهم "
                          "ونقلهم إلى محافظة إدلب.", year=2018) == [MW]
    assert match_subjects("بداية الاتفاقات القسرية كان في مايو 2014، حين توصلت دمشق إلى اتفاق مع فصائل المعارضة يقضي  "
                          "بمغادرة المسلحين معقلهم في البلدة القديمة في حمص بعد حصار استمر عامين.", year=2018) == [MW]
    # a recent time of its own is today's news (the Kurds' sentence with the war's start replaced)
    assert match_subjects(kurds.replace("عقب بدء الحرب", "قبل ساعات"), year=2018) == [MW]


def test_an_unlike_word_keeps_a_false_friend_out_of_a_term() -> None:
    """"النفوذ المالي" (financial influence) began with the place term مالي (Mali), so "the Americans' wish for a
    gradual withdrawal from the world" was a withdrawal from a place (ANT v2, CN-internationalNews-607-20180912,
    research use with citation): a group's ``unlike`` words now bar its terms and exact words too, not only its
    lemmas. The country itself still counts."""
    from pipeline.nlp.wordgroups import group_hits, words

    subject = next(s for s in load_subjects() if s.id == MW)
    text = ("فترامب يمثل استجابة لرغبة جامحة لدى غالبية وازنة لدى الأميركيين وبخاصة من أصحاب النفوذ المالي والأمني "
            "والسياسي، بالانسحاب التدريجي من العالم وبخاصة المنهك بكسر الهاء لإمكانيات أميركا.")
    assert match_subjects(text, year=2018) == []
    toks = words("النفوذ المالي ووزارة المالية في مالي")
    for name in ("place", "land", "state"):
        assert group_hits(toks, subject.groups[name]) == [5], name


def test_a_trusted_frame_is_a_hit_whatever_the_scorer_says() -> None:
    """Pool miss (ANT v2, BB-middleEast-710-20180707, research use with citation): the gunmen heading a relative clause
    are the subject of "سيغادرون", but the scorer's window features see them eight words away (p 0.22, floor 0.3). The
    frame that binds fighters to the verb of leaving (right next to it, or through the clause) is `trusted`: a hit
    without the scorer. Fighters far from the verb with no relative pronoun still go to the scorer."""
    from pipeline.nlp.subjects import frame_hits, sentence_hits

    subject = next(s for s in load_subjects() if s.id == MW)
    toks = tokens("وأضافوا أن المسلحين الذين لا يرغبون في المصالحة مع الحكومة سيغادرون إلى معقل المعارضة في شمال غرب "
                  "البلاد.")
    assert [h.trusted for h in frame_hits(toks, subject, 2018)] == [True]
    assert [h.anchor for h in sentence_hits(toks, subject, 2018)] == [toks.index("سيغادرون")]
    far = tokens("وقالوا إن المسلحين لا يرغبون في المصالحة مع الحكومة وسيغادر الوفد إلى الشمال")
    assert not any(h.trusted for h in frame_hits(far, subject, 2018))


def test_a_place_of_the_wars_after_the_withdrawal_noun_is_trusted() -> None:
    """Pool miss (ANT v2, AL-internationalNews-1663-20180617, research use with citation): "انسحابا فوريا وكاملا وغير
    مشروطاً من الحديدة" — the frame skips the masdar's adjectives, the scorer counts them as distance (p 0.25,
    floor 0.3).
    A place of the wars right after the withdrawal noun and من is the place left: trusted. Leaving a deal stays out."""
    text = ('وأكد المخلافي في تغريدات على صفحته بـ"تويتر"، أن الاتفاق المطلوب يجب أن يشمل انسحابا فوريا وكاملا وغير '
            'مشروطاً من الحديدة، والتزاماً واضحاً ومعلناً بالاستعداد لتنفيذ القرار الأممي 2216 والانسحاب من المدن '
            'ومؤسسات الدولة، وتسليم السلاح قبل الذهاب لمشاورات لوضع التفاصيل وتوقيع الاتفاق، وتساءل "هل الحوثي على '
            'استعداد لذلك الآن؟!".')
    assert match_subjects(text, year=2018) == [MW]
    assert match_subjects("تعهدت الدول الأوروبية الكبرى بالالتزام بالاتفاق النووي مع إيران رغم انسحاب الولايات المتحدة "
                          "منه.", year=2018) == []


def test_an_armed_group_refusing_to_leave_is_a_trusted_denial() -> None:
    """Pool miss (ANT v2, BB-middleEast-300-20180406, research use with citation): "وترفض جماعة جيش الإسلام مقترح
    مغادرة دوما" — a refusal, a force and the verb of leaving within six words is a trusted frame (the scorer gave 0.18,
    floor 0.3), stance deny. A militia's plane allowed to leave Yemen for talks (SK-middleEast-3640-20180911) has no
    refusal and stays with the scorer."""
    from pipeline.nlp.subjects import subject_hits

    text = ("وترفض جماعة جيش الإسلام مقترح مغادرة دوما إلى مناطق قرب الحدود التركية، قائلة إن الأمر يرقى إلى ترحيل "
            "إجباري.")
    assert [h.stance for h in subject_hits(text, year=2018)] == ["deny"]
    plane = ("وكشف المالكي أن ما أعلنته ميليشيات الحوثي من عرقلة وصولها إلى جنيف لإجراء المشاورات \"غير صحيح\"، معللا "
             "ذلك ببعض الوثائق التي تفيد بإعطاء تصريح لطائرة ميليشيات الحوثي لمغادرة اليمن للمشاركة في محادثات جنيف.")
    assert match_subjects(plane, year=2018) == []


def test_new_subject_is_data_only(tmp_path: Path) -> None:
    path = tmp_path / "subjects.yaml"
    path.write_text(
        """
subjects:
  - id: ceasefire
    name_ar: وقف إطلاق النار
    groups:
      stop: [وقف, هدنة]
      fire: [إطلاق النار, القتال]
    rules:
      - {all: [stop, fire], window: 3}
    exclude:
      window: 5
      contexts:
        sport: [مباراة]
      background:
        governors: {exact: [منذ, بعد]}
        daters: {exact: [بعد]}
""",
        encoding="utf-8",
    )
    subjects = load_subjects(path)
    assert match_subjects("أعلن الطرفان وقف إطلاق النار في غزة", subjects) == ["ceasefire"]
    assert match_subjects("وقف إطلاق النار في المباراة", subjects) == []
    assert match_subjects("عاد السكان إلى بيوتهم بعد وقف إطلاق النار عام 2014", subjects, year=2018) == []
    assert match_subjects("", subjects) == []


def test_a_span_cut_from_the_folded_article_is_the_fold_of_the_span() -> None:
    """The speaker rules cut folded spans from the article folded once: each must equal the span folded on its own,
    wherever it starts and ends (inside a word, on a mark, a tatweel or a hamza form)."""
    import random

    from pipeline.text import normalise as nm

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    texts += ["أَكَّدَ إِنَّ الآن ٱلقوة مُسْتَشْفَى ـــ سؤال رئيس ABC İ Σ", ""]
    rng = random.Random(17)
    for text in texts:
        spans = [(0, len(text)), (0, 0), (len(text), len(text) + 5)]
        spans += [tuple(sorted(rng.randrange(len(text) + 1) for _ in range(2))) for _ in range(300)]
        for start, end in spans:
            assert nm.fold_match_in_place_span(text, start, end) == nm.fold_match_in_place(text[start:end])
        assert nm.fold_match_in_place_span(text) == nm.fold_match_in_place(text)


def test_folds_by_replace_chains_equal_their_translate_tables() -> None:
    """The folds run as chains of str.replace (translate costs ~90 ns a character on Arabic text); each must
    give exactly what its translate table gives, on real text and on marks, tatweel and every variant."""
    import re

    from pipeline.text import normalise as nm

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    texts += ["أَكَّدَ إِنَّ الآن ٱلقوة مُسْتَشْفَى ـــ سؤال رئيس ABC", "#ليالي_أوجيني ٢٠٢١ ۱۲ ی ک ى ة ؤ ئ", "",
              " \t قال\u00a0الوزير\u2028 \x1c\u3000 الخميس \r\n\x85 "]
    in_place = {c: nm.TATWEEL for c in range(0x0600, 0x0900) if re.fullmatch(f"[{nm.WORD_MARKS}]", chr(c))}
    in_place.update(nm._MATCH_FOLD)  # the speakers' former same-length table
    texts += [w for text in texts for w in text.split()]  # words come from fold_match's cache: twice each
    for text in texts + texts:
        unmarked = nm._WORD_MARKS_RE.sub("", text)
        assert nm.fold_match(text) == unmarked.translate(nm._MATCH_FOLD).lower()
        assert nm.fold_name(text) == unmarked.translate(nm._NAME_FOLD).replace("ة", "ه")
        assert nm.fold_match_in_place(text) == text.translate(in_place)
        assert len(nm.fold_match_in_place(text)) == len(text)
        topic = nm._DIACRITICS_ONLY_RE.sub("", text).translate(nm._TOPIC_FOLD).lower()
        assert nm.fold_topic(text) == nm._SPACES_RE.sub(" ", topic).strip()
    with pytest.raises(ValueError):  # ا -> ب then ب -> ت: a chain would fold twice, translate once
        nm.replace_pairs(str.maketrans({"ا": "ب", "ب": "ت"}))


def test_group_hits_equal_brute_force_cold_warm_and_past_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each group's per-token table (kinds, and the tokens that may start a match) answers exactly what the
    definition gives: a first pass fills it, a second reads it, and a tiny bound replaces it mid-sentence."""
    from pipeline.nlp import subjects, wordgroups
    from pipeline.text.morphology import word_keys

    def brute(toks: list[str], g: wordgroups.Group) -> list[int]:
        found = []
        for i, tok in enumerate(toks):
            forms = wordgroups.clitic_forms(tok)
            if g.unlike and not g.unlike.isdisjoint(forms):
                continue  # a false friend matches no member of the group
            word = (g.exact and not g.exact.isdisjoint(forms)) or (
                g.lemmas and len(tok) > 2 and not g.lemmas.isdisjoint(word_keys(tok)))
            term = any(i + len(t) <= len(toks) and all(  # whole words but the last, which may take a suffix
                any(c.startswith(stem) if j == len(t) - 1 else c == stem for c in wordgroups.clitic_forms(toks[i + j]))
                for j, stem in enumerate(t)) for t in g.terms)
            after = [wordgroups.clitic_forms(x) for x in toks[i + 1:i + 3]]
            if (word or term) and all(g.not_before.isdisjoint(f) for f in after):
                found.append(i)
        return found

    sentences = [subjects.tokens(s) for p in sorted((FIXTURES / "seeds").glob("*.txt"))
                 for s in subjects._sentences(p.read_text(encoding="utf-8"))]
    sentences += [subjects.tokens(s) for s in [*POSITIVES, *INFLECTED, "عادت العائلة من رحلة سلمية عادية",
                                                      "انسحبت القوات إلى خارج البلاد وقالت خارجية البلاد"]]
    groups = [g for s in load_subjects() for g in (*s.groups.values(), *s.contexts.values(), s.exclude,
                                                    s.objects, s.predicates,
                                                    *(g for cues in s.stance.cues.values() for g, _ in cues))]
    found = 0
    for bound, cold in ((wordgroups._FIRST_HITS_MAX, True), (wordgroups._FIRST_HITS_MAX, False), (7, True)):
        if cold:
            wordgroups._TOKEN_KINDS.clear()
        monkeypatch.setattr(wordgroups, "_FIRST_HITS_MAX", bound)
        for group in groups:
            for toks in sentences:
                hits = wordgroups.group_hits(toks, group)
                assert hits == brute(toks, group), (toks, hits)
                found += len(hits)
    assert found > 0


def test_sentence_matches_equal_group_hits_in_any_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence's matches found for every registered group in one pass (``SentenceMatches``) are each group's
    ``group_hits``: groups asked first, in either order, after the registry filled and past its bound."""
    from pipeline.nlp import subjects, wordgroups

    sentences = [subjects.words(s) for p in sorted((FIXTURES / "seeds").glob("*.txt"))
                 for s in subjects._sentences(p.read_text(encoding="utf-8"))]
    sentences += [subjects.words(s) for s in [*POSITIVES, *INFLECTED]]
    groups = [g for s in load_subjects() for g in (*s.groups.values(), *s.contexts.values(),
                                                    *s.object_contexts.values(), s.exclude, s.objects,
                                                    s.armed_objects, s.predicates,
                                                    *(g for cues in s.stance.cues.values() for g, _ in cues))]
    found = 0
    for bound in (wordgroups._REGISTRY_MAX, wordgroups._REGISTRY_MAX, 5):
        monkeypatch.setattr(wordgroups, "_REGISTRY_MAX", bound)
        monkeypatch.setattr(wordgroups, "_REGISTRY", wordgroups._Registry())
        for order in (groups, groups[::-1], groups):
            for toks in sentences:
                matches = wordgroups.SentenceMatches(toks)
                for group in order:
                    hits = matches.hits(group)
                    assert hits == wordgroups.group_hits(toks, group), (toks, hits)
                    assert matches.hits(group) is hits
                    found += len(hits)
    assert found > 0


def test_indexed_term_hits_equal_brute_force() -> None:
    """The cached first-stem index finds exactly the positions a term-by-term scan finds."""
    from pipeline.nlp import subjects, wordgroups

    def term_at(toks: list[str], i: int, term: tuple[str, ...]) -> bool:
        last = len(term) - 1
        return i + len(term) <= len(toks) and all(
            any(c.startswith(stem) if j == last else c == stem for c in wordgroups.clitic_forms(toks[i + j]))
            for j, stem in enumerate(term)
        )

    def brute(toks: list[str], terms) -> list[int]:
        return [i for i in range(len(toks)) if any(term_at(toks, i, term) for term in terms)]

    sentences = [subjects.tokens(s) for p in sorted((FIXTURES / "seeds").glob("*.txt"))
                 for s in subjects._sentences(p.read_text(encoding="utf-8"))]
    sentences += [subjects.tokens(s) for s in POSITIVES]
    found = 0
    for subject in load_subjects():
        groups = [g.terms for rule in subject.rules for g in rule.groups] + [subject.exclude.terms]
        for group in groups:
            for toks in sentences:
                hits = wordgroups.term_hits(toks, group)
                assert hits == brute(toks, group)
                found += len(hits)
    assert found > 0


# --- morphology, frames, sense and stance (issue: withdrawal alerts on a real news stream) ----------------

INFLECTED = [  # one lemma in the data matches every person, tense, voice and clitic
    "سنسحب قواتنا من العراق قبل نهاية العام.",
    "ستُسحب القوات الأمريكية من البلاد خلال أشهر.",
    "قال إنهم يُسحبون جنودهم من القاعدة تدريجيا.",
    "سحبت تركيا قواتها من محيط المدينة.",
    "وتعتزم الحكومة إعادة الجنود إلى بلادهم بعد انتهاء التدريب.",
    "قررت واشنطن أن تخفض عديد قواتها في أوروبا.",
    "أعلنت الدنمارك أنها تقلص عدد جنودها في العراق.",
    "أكدت الحكومة أنها لم تعد بحاجة إلى القوات القتالية الأجنبية.",
    "نفت وزارة الدفاع تمديد بقاء القوات الفرنسية في مالي.",
    "أُنهيت المهمة القتالية لقوات التحالف في العراق.",
    "أُخليت القاعدة الجوية وسلمت إلى الجيش العراقي.",
]


@pytest.mark.parametrize("sentence", INFLECTED)
def test_inflected_and_paraphrased_withdrawals_match(sentence: str) -> None:
    assert match_subjects(sentence) == [MW]


@pytest.mark.parametrize("sentence", [
    "أعلنت الولايات المتحدة انسحابها من الاتفاق النووي مع إيران.",
    "انسحبت بريطانيا من الاتحاد الأوروبي بعد استفتاء البريكست.",
    "قررت شركة توتال الخروج من إيران بسبب العقوبات الأمريكية.",
    "طردت الحكومة السفير وطالبت الدبلوماسيين بمغادرة البلاد خلال أسبوع.",
    "خرج الآلاف من المتظاهرين في شوارع المدينة رغم انتشار قوات الأمن.",
    "التزمت القوات بقواعد الاشتباك الصارمة وقواعد المرور داخل المدن.",
    "سيطرت الفصائل على المدينة منذ انسحاب القوات الحكومية منها.",
])
def test_other_senses_do_not_match(sentence: str) -> None:
    assert match_subjects(sentence) == []


def test_an_old_year_makes_a_background_mention() -> None:
    sentence = "سيطر الأكراد على عفرين بعد انسحاب القوات الحكومية منها عام 2012."
    assert match_subjects(sentence, year=2018) == []
    assert match_subjects(sentence) == [MW]  # publication year unknown: no background check by year


@pytest.mark.parametrize(("sentence", "stance"), [
    ("أعلن البنتاغون أن القوات الأمريكية ستنسحب من سوريا.", "announce"),
    ("نفى المتحدث باسم الخارجية انسحاب القوات الأمريكية من سوريا.", "deny"),
    ("أعلنت واشنطن تأجيل سحب القوات من العراق إلى العام المقبل.", "postpone"),
    ("انسحبت القوات الأمريكية من قاعدة عين الأسد.", "complete"),
    ("تم سحب آخر الجنود من القاعدة.", "complete"),
])
def test_stance(sentence: str, stance: str) -> None:
    from pipeline.nlp.subjects import subject_hits

    [hit] = subject_hits(sentence)
    assert hit.stance == stance


def test_flagged_statements_carry_their_stance() -> None:
    text = "نفى المتحدث باسم البنتاغون أن القوات الأمريكية ستنسحب من سوريا قريبا."
    flagged = [s for s in flag_statements(extract_statements(text, []), text=text) if MW in s.subjects]
    assert flagged and flagged[0].stance == "deny"


def test_unattributed_statements_cover_narrated_withdrawals_only() -> None:
    from pipeline.nlp.subject_statements import unattributed_statements

    text = ("بدأت القوات الأمريكية الانسحاب من قاعدة عين الأسد غربي الأنبار.\n"
            "وفاز المنتخب العراقي على نظيره الأردني في المباراة.")
    [st] = unattributed_statements(text, [])
    assert st.speaker is None and st.attributed is False and st.subjects == [MW]
    assert text[st.start:st.end] == st.quote and st.quote.startswith("بدأت القوات")
    assert st.stance == "announce"
    quoted = flag_statements(extract_statements("قال المتحدث إن " + text, []), text="قال المتحدث إن " + text)
    assert unattributed_statements("قال المتحدث إن " + text, quoted) == []  # covered by a quoted statement


def test_the_body_that_decides_is_the_speaker_even_when_ner_misses_it() -> None:
    """The actor of a narrated decision is read like a speaker (VSO, or "كان X قد" + verb), not only from
    NER entities: the parliament that voted, Hadi who informed the envoy (not the envoy, the object), the
    prime minister after a dateline (not the dateline's city)."""
    from pipeline.nlp.subject_statements import unattributed_statements

    cases = {
        "وكان البرلمان العراقي قد صوّت في 5 كانون الثاني على إخراج قوات التحالف من البلاد.": "البرلمان العراقي",
        "وكان هادي قد أبلغ المبعوث الأممي بضرورة انسحاب الحوثيين من مدينة الحديدة ومينائها.": "هادي",
        "إيلاف من لندن: فيما بحث رئيس الوزراء العراقي مع السفير الأميركي في بغداد ماثيو تولر ترتيبات انسحاب "
        "قوات بلده من العراق.": "رئيس الوزراء العراقي",
        # يبلغ before a quantity is "amounts to" (not أبلغ): the body is the subject "لكنها" takes up again
        "وتقود الولايات المتحدة تحالفاً دولياً في العراق لمكافحة تنظيم داعش ويبلغ عدد عسكرييها 2500 لكنها أعلنت "
        "مؤخراً نيتها إنهاء مهمتها القتالية في العراق بحلول نهاية العام الحالي.": "الولايات المتحدة",
    }
    for text, speaker in cases.items():
        [st] = unattributed_statements(text, [], entities=extract_entities(text))
        assert st.speaker is not None and st.speaker.text == speaker and st.attributed, text
    narrated = "سحبت ميليشيات الحوثي أسلحة ثقيلة من مدينة الحديدة باتجاه الشمال."
    [st] = unattributed_statements(narrated, [], entities=extract_entities(narrated))
    assert st.speaker is None and not st.attributed  # the forces acting: an event the outlet reports


def test_word_families_through_the_stemmer() -> None:
    from pipeline.text.morphology import lemma_keys, same_family

    withdraw = lemma_keys(["انسحب", "انسحاب", "سحب"])
    for word in ("سينسحب", "ينسحبون", "انسحبت", "وبانسحابها", "ستُسحب", "سحبت", "لسحب"):
        assert same_family(word, withdraw), word
    for word in ("سحابة", "مسبح", "انتخاب"):
        assert not same_family(word, withdraw), word


def _subject_with_scorer(tmp_path: Path, scorer: dict, subject_yaml: str):
    """A subject file in ``tmp_path`` naming ``m.scorer.json`` (written from ``scorer``), loaded afresh."""
    import json

    from pipeline.nlp import subjects as module

    (tmp_path / "m.scorer.json").write_text(json.dumps(scorer), encoding="utf-8")
    (tmp_path / "subjects.yaml").write_text(subject_yaml, encoding="utf-8")
    module._load_cached.cache_clear()
    [subject] = load_subjects(tmp_path / "subjects.yaml")
    return subject


def test_a_learned_scorer_is_data_too(tmp_path: Path) -> None:
    """A subject file may name a scorer (weights over frame features): it then decides, no code needed."""
    from pipeline.nlp.subjects import frame_features

    subject = _subject_with_scorer(tmp_path, {"bias": -5.0, "threshold": 0.5,
                                              "weights": {"frames_fire": 3.0, "has:forces": 3.0}}, """
subjects:
  - id: strict
    scorer: m.scorer.json
    groups:
      withdraw: {lemmas: [انسحب]}
      forces: [قوات]
      place: [العراق]
    rules:
      - {all: [withdraw, forces], window: 3}
      - {all: [withdraw, place], window: 3}
""")
    assert frame_features(tokens("انسحبت القوات"), subject)["frames_fire"] == 1.0
    assert match_subjects("انسحبت القوات من المدينة", [subject]) == ["strict"]  # 3 + 3 - 5 > 0
    assert match_subjects("انسحبت من العراق", [subject]) == []  # frame fires, but the scorer says no
    assert match_subjects("وصلت القوات", [subject]) == []  # no predicate: not even a candidate


def test_a_scorer_judges_incomplete_frames_by_its_arguments_and_the_words_around(tmp_path: Path) -> None:
    """With ``arguments``, a sentence with a predicate and one argument group is a candidate even when no
    frame has all its groups (the force named far from the verb, no place); the stems around the predicate
    are features, so a sense the groups do not name ("انسحب المرشح") can weigh against it. ``floor``: a
    sentence whose frame fires needs less evidence than one the scorer alone proposes."""
    from pipeline.nlp.subjects import frame_features

    subject_yaml = """
subjects:
  - id: m
    scorer: m.scorer.json
    groups:
      withdraw: {lemmas: [انسحب]}
      forces: [قوات]
      place: [العراق]
    rules:
      - {all: [withdraw, forces, place], window: 2}
"""
    subject = _subject_with_scorer(tmp_path, {"bias": -1.0, "threshold": 0.5, "arguments": ["forces"], "context": 2,
                                              "weights": {"pred:withdraw": 2.0, "stem:مرشح": -4.0}}, subject_yaml)
    far = "أكدت القوات التي وصلت قبل عامين إلى المدينة الساحلية أنها ستنسحب"
    assert frame_features(tokens(far), subject) is None  # without the scorer: no complete frame, no candidate
    assert "near:withdraw:forces:far" in frame_features(tokens(far), subject, scorer=subject.scorer)
    assert match_subjects(far, [subject]) == ["m"]
    assert match_subjects("قالت القوات إن المرشح انسحب", [subject]) == []  # the stem next to it says no
    assert match_subjects("انسحب الفريق من البطولة", [subject]) == []  # no argument group: no candidate
    subject = _subject_with_scorer(tmp_path, {"bias": -1.0, "threshold": 0.9, "floor": 0.5, "arguments": ["forces"],
                                              "context": 2, "weights": {"pred:withdraw": 2.0}},
                                   subject_yaml)  # p = 0.73: above the floor, below the threshold
    assert match_subjects("القوات انسحبت من العراق", [subject]) == ["m"]  # the frame fires: the floor decides
    assert match_subjects(far, [subject]) == []  # the scorer alone: the threshold decides


def test_fighters_leaving_with_civilians_stay_a_withdrawal_frame() -> None:
    """Civilians next to the verb drop a frame (residents evacuated), unless fighters leave with them: an
    evacuation deal moves both ("objects.unless" in the subject file)."""
    from dataclasses import replace

    from pipeline.nlp.subjects import frame_hits, tokens

    subject = replace(next(s for s in load_subjects() if s.id == "military_withdrawal"), scorer=None)
    assert frame_hits(tokens("وأفادت المصادر بأن 400 مقاتل ونحو ألفي مدني سيغادرون البلدة مساء اليوم"), subject)
    assert not frame_hits(tokens("وأفادت المصادر بأن نحو ألفي مدني سيغادرون البلدة مساء اليوم"), subject)


def test_a_subject_naming_a_group_it_lacks_is_a_configuration_error(tmp_path: Path) -> None:
    from pipeline.errors import ConfigurationError

    for check in ("rules: [{all: [a, nosuch]}]", "rules: [{all: [a]}]\n    exclude: {objects: {unless: [nosuch]}}"):
        (tmp_path / "subjects.yaml").write_text(
            f"subjects:\n  - id: x\n    groups: {{a: [قوات]}}\n    {check}\n", encoding="utf-8")
        with pytest.raises(ConfigurationError, match="subject x: no group or field 'nosuch'"):
            load_subjects(tmp_path / "subjects.yaml")


def test_a_carried_group_naming_a_group_the_subject_lacks_is_a_configuration_error(tmp_path: Path) -> None:
    """Found when the file is loaded: it used to load, then fail with a KeyError on the first article read."""
    from pipeline.errors import ConfigurationError

    for carried in ("{predicates: [a], antecedents: [nosuch]}", "{remembered: {predicates: [a], forces: nosuch}}"):
        (tmp_path / "subjects.yaml").write_text(
            f"subjects:\n  - id: x\n    groups: {{a: [قوات], c: {{carried: {carried}}}}}\n    rules: [{{all: [a]}}]\n",
            encoding="utf-8")
        with pytest.raises(ConfigurationError, match="subject x: no group or field 'nosuch'"):
            load_subjects(tmp_path / "subjects.yaml")


def test_a_key_in_the_wrong_place_is_a_configuration_error(tmp_path: Path) -> None:
    """A misplaced key used to be read by nothing (a `treaty:` list beside `previous.contexts` never applied)."""
    from pipeline.errors import ConfigurationError

    (tmp_path / "subjects.yaml").write_text(
        "subjects:\n  - id: x\n    groups: {a: [قوات]}\n    rules: [{all: [a]}]\n"
        "    exclude: {previous: {contexts: {since: [منذ]}, treaty: [البريكست]}}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown key 'treaty' in `exclude.previous`"):
        load_subjects(tmp_path / "subjects.yaml")
    (tmp_path / "subjects.yaml").write_text(
        "subjects:\n  - id: x\n    groups: {a: [قوات]}\n    rules: [{all: [a], windows: 3}]\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown key 'windows' in `rules"):
        load_subjects(tmp_path / "subjects.yaml")


def test_a_missing_scorer_file_is_a_configuration_error(tmp_path: Path) -> None:
    from pipeline.errors import ConfigurationError

    (tmp_path / "subjects.yaml").write_text(
        "subjects:\n  - id: x\n    scorer: missing.json\n    groups: {a: [قوات]}\n    rules: [{all: [a]}]\n",
        encoding="utf-8")
    with pytest.raises(ConfigurationError, match="missing.json"):
        load_subjects(tmp_path / "subjects.yaml")


def test_a_new_group_never_inherits_the_matches_cached_for_a_freed_one() -> None:
    """Per-group match caches are keyed by id(); a group freed and another built at the same address must
    not be answered from the old group's cache (subjects reloaded, a test's tmp subject file)."""
    from pipeline.nlp.wordgroups import group_hits, parse_group

    for i in range(400):  # reference counting frees each group at once: its address is reused
        group = parse_group({"lemmas": ["انسحب"]} if i % 2 else {"exact": ["قوات"]})
        assert bool(group_hits(["انسحبت"], group)) == bool(i % 2), i
        del group


def test_particles_and_the_stemmers_false_friends_stay_out_of_a_family() -> None:
    """أنه/إنها/لأنهم are particles, though the stemmer gives أنه the key of أنهى (to end); a group's
    ``unlike`` words keep a trip (رحلة) out of رحل, peaceful (سلمية) out of سلّم, ordinary (عادي) out of عاد,
    while every inflection of the verbs still matches."""
    from pipeline.nlp.wordgroups import group_hits
    from pipeline.text.morphology import word_keys

    subject = next(s for s in load_subjects() if s.id == "military_withdrawal")
    assert word_keys("أنه") == word_keys("لأنهم") == word_keys("لكنها") == frozenset()
    cases = {"end": (["أنهت", "انتهت", "وإنهاء"], ["أنه", "إنها", "لأنهم", "وكأنه", "بأنها"]),
             "leave": (["رحيل", "غادرت"], ["رحلة", "الرحلات"]),
             "handover": (["سلمت", "تسليم", "سلم"], ["السلمية", "سلميا", "بالسلم"]),
             "return_home": (["عادت", "إعادة"], ["عادي", "العادية", "عادة"])}
    for name, (members, strangers) in cases.items():
        group = subject.groups[name]
        assert all(group_hits(tokens(w), group) for w in members), name
        assert not any(group_hits(tokens(w), group) for w in strangers), name


def test_the_word_sense_checks_bind_what_the_scorer_alone_proposes(tmp_path: Path) -> None:
    """A sentence the scorer proposes without a complete frame still passes the subject's sense checks (a
    sport word near the predicate), and only the scorer's ``predicates`` may stand without their frame."""
    subject = _subject_with_scorer(tmp_path, {"bias": 2.0, "threshold": 0.5, "arguments": ["forces"],
                                              "predicates": ["withdraw"], "weights": {}}, """
subjects:
  - id: m
    scorer: m.scorer.json
    groups:
      withdraw: {lemmas: [انسحب]}
      end: {lemmas: [أنهى]}
      forces: [قوات]
      place: [العراق]
      mission: [مهمة]
    rules:
      - {all: [withdraw, forces, place], window: 2}
      - {all: [end, mission, forces], window: 2}
    exclude:
      window: 3
      contexts:
        sport: [مباراة]
""")
    assert match_subjects("قالت القوات إنها ستنسحب قريبا", [subject]) == ["m"]
    assert match_subjects("قالت القوات إنها ستنسحب من المباراة", [subject]) == []  # the sport check
    assert match_subjects("قالت القوات إنها ستنهي الأمر", [subject]) == []  # a light verb needs its frame


def test_handing_over_weapons_is_disarmament_not_a_handover_of_bases() -> None:
    """``not_before``: a handover whose object (next, or after the verb's subject) is weapons is another
    sense, while pulling heavy weapons back stays a withdrawal and a merged group keeps every member."""
    from pipeline.nlp.wordgroups import group_hits, merge_groups

    subject = next(s for s in load_subjects() if s.id == "military_withdrawal")
    handover = subject.groups["handover"]
    assert group_hits(tokens("تسليم القاعدة للقوات العراقية"), handover) == [0]
    assert group_hits(tokens("تسليم السلاح الثقيل"), handover) == []
    assert group_hits(tokens("على تسليم الفصائل أسلحتها"), handover) == []
    assert group_hits(tokens("تسليم السلاح"), merge_groups([handover])) == [0]  # the quick check: a superset
    assert match_subjects("أعلنت أنقرة سحب السلاح الثقيل من المنطقة العازلة") == ["military_withdrawal"]
    assert match_subjects("فشلت المفاوضات بسبب الإصرار على تسليم الفصائل السلاح الثقيل") == []


def test_a_phrase_opens_with_whole_words_and_getting_out_of_a_car_is_no_withdrawal() -> None:
    """Stream false alarms: "خارجية البلاد" (the foreign ministry) read as the term "خارج البلاد" (out of the
    country), and gunmen getting out of a car or a plane read as fighters leaving."""
    from pipeline.nlp.wordgroups import parse_group, term_hits

    group = parse_group(["خارج البلاد"])
    assert term_hits(tokens("سحب القوات خارج البلاد"), group.terms) == [2]
    assert term_hits(tokens("ووزير خارجية البلاد"), group.terms) == []
    assert term_hits(tokens("وخارج البلادِ"), group.terms) == [0]  # clitics before, marks after: still the term
    assert match_subjects("أكد أنه جاء بعد لقائه الرئيس الأمريكي، ووزير خارجية البلاد، مايك بومبيو") == []
    assert match_subjects("قرر الجيش الأمريكي الانسحاب من البلاد") == [MW]
    assert match_subjects("وقال شهود إن مسلحين خرجوا من سيارة ثم أطلقوا النار") == []
    assert match_subjects("وقال شهود إن مسلحين خرجوا من المدينة على متن الحافلات") == [MW]


def test_a_subject_sentence_within_a_statement_keeps_its_speaker() -> None:
    """ "وتابع "لا يزالون في القاعدة، لكن من المرجح أن يغادروا"": the statement of "تابع" has no subject hit of
    its own (its quote alone names no force), the sentence has one: the sentence is the speaker's words. The
    rule is about the speaker; whether the sentence passes is the scorer's call, and the shipped scorer puts it on
    its threshold's edge (0.699 against 0.70 after round fourteen's retrain, 0.712 before), so the test lowers
    the threshold to 0.5 instead of depending on that."""
    from dataclasses import replace

    from pipeline.nlp.subject_statements import unattributed_statements

    shipped = next(s for s in load_subjects() if s.id == MW)
    assert shipped.scorer is not None
    lenient = [replace(shipped, scorer=replace(shipped.scorer, threshold=0.5))]
    text = ("طلبت مملكة البحرين اليوم الأحد من جنود قطريين متمركزين فيها في إطار خدمتهم في القيادة المركزية "
            "للقوات البحرية الأمريكية، المغادرة على خلفية الأزمة الدبلوماسية مع الدوحة.\n"
            "وقال مصدر لوكالة فرانس برس إن السلطات البحرينية أوضحت للقائد المسؤول عن القاعدة، أن على القطريين "
            "المغادرة، خلال 48 ساعة.\n"
            "وتابع \"لا يزالون فى القاعدة، لكن من المرجح أن يغادروا خلال اليومين المقبلين\"، من دون أن يفصح عن "
            "عدد هؤلاء الجنود.")  # ANT v1 (Apache-2.0), JA-internationalNews-1171-20170618
    statements = flag_statements(extract_statements(text, []), lenient, text=text)
    [st] = [s for s in unattributed_statements(text, statements, lenient) if s.start >= text.index("وتابع")]
    assert st.speaker is not None and st.speaker.text == "مصدر" and st.attributed


def test_the_publisher_of_a_statement_is_the_speaker_of_what_it_says() -> None:
    text = ("ويعد مجلس منبج العسكري جزءاً من قوات سوريا الديمقراطية.\n"
            "وأصدرت وحدات حماية الشعب الكردية في الخامس من يونيو بياناً، جاء فيه \"أنهم غير موجودين في منبج "
            "منذ أن سلمت إدارة المدينة إلى مجلسها العسكري\".")
    [st] = [s for s in extract_statements(text, []) if s.quote.startswith("أنهم")]
    assert st.speaker is not None and st.speaker.text == "وحدات حماية الشعب الكردية"


def _frames_alone():
    from dataclasses import replace

    return replace(next(s for s in load_subjects() if s.id == MW), scorer=None)


def test_the_predicates_own_armed_object_outweighs_another_object_before_it() -> None:
    """Pool miss: "العراق يستدعي سفير تركيا لمطالبته بسحب قوات بلاده": the ambassador stands before the masdar,
    its object right after it is the forces. A force right after a *verb* may be its subject, the civilians
    after it the object ("أجلت قوات الأمن النزلاء": police evacuating residents): still no withdrawal."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("استدعت الخارجية السفير الروسي لمطالبته بسحب قوات بلاده"), subject)
    assert not frame_hits(tokens("وأجلت قوات الأمن النزلاء من المبنى بعد الحريق"), subject)
    assert not frame_hits(tokens("طالبت الحكومة الدبلوماسيين بمغادرة البلاد خلال أسبوع"), subject)
    assert match_subjects("استدعت الخارجية السفير الروسي لمطالبته بسحب قوات بلاده") == [MW]


def test_an_armed_conjunct_of_civilians_leaves_with_them() -> None:
    """Pool misses: "استمرار خروج المدنيين وقوات المعارضة من المدينة", "إجلاء 6900 شخص من مدنيين ومسلحين":
    coordinated people leave together, so the civilians are no veto and the armed conjunct fills the slot
    from the phrase's start. A و after a thing opens a new clause ("إخلاء المبنى والعناصر يواصلون")."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("وتواصل خروج المدنيين وعناصر الفصائل من البلدة"), subject)
    assert frame_hits(tokens("وتواصل خروج المدنيين وقوات المعارضة من البلدة"), subject)
    assert frame_hits(tokens("بعد إجلاء 700 شخص من مدنيين ومسلحين بموجب الاتفاق"), subject)
    assert not frame_hits(tokens("وتواصل خروج المدنيين من البلدة"), subject)
    assert not frame_hits(tokens("تم إخلاء المبنى والعناصر يواصلون تفتيشه"), subject)


def test_fighters_as_the_object_of_akhla_are_evacuated() -> None:
    """Pool misses: "تمهيدا لإخلاء الجهاديين من هذه المنطقة": أخلى with people as its object evacuates them
    (with a place, a building or a release from custody it is another sense)."""
    subject = _frames_alone()
    from pipeline.nlp.subjects import frame_hits

    assert frame_hits(tokens("ويمهد الاتفاق لإخلاء المسلحين من أحياء المدينة"), subject)
    assert not frame_hits(tokens("تم إخلاء المبنى بعد إنذار بوجود قنبلة"), subject)
    assert not frame_hits(tokens("قررت المحكمة إخلاء سبيل المتهمين"), subject)


def test_frame_syntax_conjuncts_and_own_object() -> None:
    from pipeline.nlp.frame_syntax import conjunct_of, coordinated_with, own_object, with_conjunct_heads

    forces = _frames_alone().groups["forces"]
    toks = tokens("خروج المدنيين وقوات المعارضة ووحدات حماية الشعب")
    assert conjunct_of(toks, 2, forces) and conjunct_of(toks, 4, forces)  # a one-word and a phrase member
    assert not conjunct_of(tokens("انسحاب وحدات حماية الشعب"), 1, forces)  # و of the word itself: no conjunct
    assert with_conjunct_heads(toks, [2], forces, {1}) == [1, 2]
    assert with_conjunct_heads(toks, [2], forces, set()) == [2]  # the first conjunct names no people
    assert coordinated_with(toks, 1, [2], forces)
    assert own_object(3, [4], [1]) and not own_object(3, [4], [5]) and not own_object(3, [5], [])


def test_a_noun_in_ta_marbuta_matches_before_a_possessive_pronoun() -> None:
    """ة is written ت before a pronoun suffix (قاعدة → قاعدتها، مهمة → مهمتهم): a term matches both."""
    from pipeline.nlp.subjects import frame_hits
    from pipeline.nlp.wordgroups import group_hits, with_construct_forms

    assert with_construct_forms(["قاعدة", "قوات"]) == ["قاعدة", "قوات", "قاعدت"]
    subject = _frames_alone()
    assert group_hits(tokens("وبقاعدتهم"), subject.groups["bases"]) == [0]
    assert frame_hits(tokens("سلمت القوات الأمريكية قاعدتها الجوية للجيش العراقي"), subject)
    assert not frame_hits(tokens("سلمت الشركة قاعدتها الجديدة للزبائن"), subject)


def test_a_combat_mission_is_an_armed_one() -> None:
    """Build miss: "أعلنت ... نيتها إنهاء مهمتها القتالية في العراق": the force is a pronoun (ها) and only
    "القتالية" says the mission is armed."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("أعلنت الدنمارك نيتها إنهاء مهمتها القتالية في البلاد نهاية العام"), subject)
    assert not frame_hits(tokens("أعلنت الوزارة إنهاء مهمتها في البلاد نهاية العام"), subject)


def test_surrender_and_deliveries_are_no_handover() -> None:
    """Stream false flags of round twelve: استسلام (surrender, form X) shares the stem of سلّم; handing over a
    system, equipment or a ministry's portfolio is a delivery ("تسليم منظومة الدفاع الجوي إلى سوريا"), not
    forces handing over their bases as they leave."""
    from pipeline.nlp.subjects import open_anchor

    subject = next(s for s in load_subjects() if s.id == MW)
    for sentence in ("رأت المعارضة المسلحة أن الموافقة عليها بمثابة استسلام وليس مصالحة",
                     "أعلن عزم بلاده تسليم منظومة الدفاع الجوي إلى الجيش السوري خلال أسبوعين",
                     "وفي نهاية المطاف تم تسليم معدات عسكرية للمقاتلين",
                     "كما سلم حقيبة الدفاع لرئيس أركان الجيش"):
        assert open_anchor(tokens(sentence), subject, scorer=subject.scorer) is None, sentence
    handover = tokens("سلمت قوات التحالف قاعدة القيارة إلى القوات العراقية")
    assert open_anchor(handover, subject, scorer=subject.scorer) == 0


def test_a_refusal_to_leave_is_a_denial_whatever_the_person_of_the_verb() -> None:
    """Pool misses (round fourteen): "ترفض جماعة جيش الإسلام مقترح مغادرة دوما", "الثوار ... يرفضون الخروج من
    المنطقة": رفض is read through the stemmer (ترفض، يرفضون، رفضت), so every person and tense of a refusal
    gives the deny stance, as نفى does."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    for sentence in ("وترفض الفصائل المسلحة مقترح مغادرة المدينة إلى الشمال",
                     "وقال إن المسلحين يرفضون الخروج من المنطقة",
                     "رفضت القوات التركية الانسحاب من المدينة"):
        [hit] = frame_hits(tokens(sentence), subject)
        assert hit.stance == "deny", sentence
    [hit] = frame_hits(tokens("وبدأت الفصائل المسلحة مغادرة المدينة إلى الشمال"), subject)
    assert hit.stance == "announce"


def test_rebels_gangs_and_a_corps_are_armed_forces() -> None:
    """Pool misses: "الثوار ... ومن ضمنهم فيلق الرحمن يرفضون الخروج من المنطقة", "انسحاب غير مشروط وسلمي
    للعصابات الحوثية": rebels (ثوار) and gangs (عصابات, plural: a band of fighters) are fighters, a corps
    (فيلق) is a military unit; the withdrawal of fighters is a frame of its own, not only of forces."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("وأكد أن فيلق الرحمن يرفض الخروج من الغوطة"), subject)
    assert frame_hits(tokens("وأكد أن الثوار سيخرجون من المنطقة خلال أيام"), subject)
    assert frame_hits(tokens("ندعم كل الجهود لتحقيق انسحاب غير مشروط وسلمي للعصابات الحوثية"), subject)
    assert not frame_hits(tokens("خرج الثوار في مظاهرات تطالب بالإصلاح"), subject)
    assert not frame_hits(tokens("وقال الثوار إن الحكومة لم تعلن بعد موعد الانسحاب"), subject)


def test_forces_return_home_past_an_adverbial() -> None:
    """Pool miss: "يريد ان تعود القوات الأمريكية بأقرب وقت ممكن إلى الوطن": an adverbial of time stands
    between the forces and home, seven words from the verb."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("الرئيس يريد ان تعود القوات الأمريكية بأقرب وقت ممكن إلى الوطن"), subject)
    assert not frame_hits(tokens("الرئيس يريد ان تعود العائلات النازحة بأقرب وقت ممكن إلى الوطن"), subject)


def test_a_force_pulling_back_its_own_weapons_withdraws() -> None:
    """Pool miss: "التنظيمات المسلحة الأخرى التي سحبت أسلحتها": the weapons with the force's own pronoun are
    pulled back by it (heavy weapons were a force already). Drawing weapons (إخراج أسلحتها) is not withdrawing."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("ومن بين الجماعات الأخرى التي سحبت أسلحتها تنظيم حراس الدين"), subject)
    assert not frame_hits(tokens("لكن الشرطة سارعت بإخراج أسلحتها وأوقفت الرجل"), subject)
    assert not frame_hits(tokens("ومن بين الجماعات الأخرى التي طورت أسلحتها تنظيم حراس الدين"), subject)


def test_the_withdrawal_of_a_groups_fighters_is_their_own() -> None:
    """Pool miss: "بعد انسحاب مسلحي تنظيم داعش": the fighters of a group right after the withdrawal noun are the
    ones who withdraw (its genitive), with no place named."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("ودخلت الشرطة الحي بعد انسحاب مسلحي التنظيم"), subject)
    assert not frame_hits(tokens("وقال مسلحو التنظيم إن الشرطة دخلت الحي بعد الانسحاب"), subject)


def test_air_defence_systems_and_a_single_unit_are_forces() -> None:
    """train_extra misses: "قررت الولايات المتحدة سحب بعض أنظمة الدفاع الصاروخي من الكويت", "سحب المنظومات
    الدفاعية من الشرق الأوسط": air-defence systems are military hardware pulled out, as معدات عسكرية are; a
    military unit in the singular (الوحدة العسكرية) is a force as its plural is. Delivering a system
    (تسليم منظومة) stays no handover."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("قررت الولايات المتحدة سحب بعض أنظمة الدفاع الصاروخي من الخليج"), subject)
    assert frame_hits(tokens("تحدثت الصحيفة عن خطط لسحب المنظومات الدفاعية من المنطقة"), subject)
    assert frame_hits(tokens("وأكد المصدر أن الوحدة العسكرية قررت الانسحاب لتفادي أي مواجهة"), subject)
    assert not frame_hits(tokens("أعلن عزم بلاده تسليم منظومات دفاعية متطورة إلى الجيش السوري"), subject)


def test_an_armed_group_handing_over_a_town_gives_it_up() -> None:
    """train_extra misses: "إقناع الميليشيات بتسليم المدينة والميناء سلميا", "لا تعتزم تسليم المدينة للحكومة
    السورية", "وافقت الفصائل ... على تسليم المنطقة إلى النظام": a town, an area or a port as the object of
    سلّم is given up by those who hold it. Handing over weapons or a building's keys is another matter."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("يسعى المبعوث إلى إقناع الجماعة بتسليم مدينة الحديدة سلميا"), subject)
    assert frame_hits(tokens("وأكدت أنقرة أنها لا تعتزم تسليم المدينة للحكومة السورية"), subject)
    assert not frame_hits(tokens("يسعى المبعوث إلى إقناع الجماعة بتسليم الأسلحة في المدينة"), subject)
    assert not frame_hits(tokens("تسلم رئيس البلدية مفاتيح المدينة من سلفه"), subject)


def test_a_force_heading_a_relative_clause_is_the_subject_of_the_verb_after_it() -> None:
    """Pool miss: "المسلحين الذين لا يرغبون في المصالحة مع الحكومة سيغادرون إلى معقل المعارضة": the clause
    puts eight words between the gunmen and their verb. Without a relative pronoun the same distance is too far."""
    from pipeline.nlp.frame_syntax import with_relative_spans
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("وقالوا إن المسلحين الذين لا يرغبون في المصالحة مع الحكومة سيغادرون إلى الشمال"),
                      subject)
    assert not frame_hits(tokens("وقالوا إن المسلحين لا يرغبون في المصالحة مع الحكومة وسيغادر الوفد إلى الشمال"),
                          subject)
    assert not frame_hits(tokens("إن الصراعات المسلحة التي تفكك العائلات تجبر الشباب على مغادرة منازلهم"), subject)
    toks = tokens("المسلحين الذين رفضوا الاتفاق")
    assert with_relative_spans(toks, [0]) == [0, 2, 3] and with_relative_spans(toks, [2]) == [2]


def test_the_arabic_comma_is_not_part_of_a_word() -> None:
    """train_extra miss: "إن المسلحين استعدوا للمغادرة، في حافلات ... باتجاه إدلب": ``tokens`` keeps the
    Arabic comma (U+060C is in the Arabic block), so "للمغادرة،" had no stem and no lemma matched it. The frames
    read ``words``, which cut it off (``tokens`` stays as it was for the duplicate shingles)."""
    from pipeline.nlp.subjects import subject_hits
    from pipeline.nlp.wordgroups import words

    assert words("للمغادرة، في ٥٠٪") == ["للمغادره", "في", "٥٠"] and tokens("للمغادرة،") == ["للمغادره،"]
    assert subject_hits("وقال إن المسلحين استعدوا للمغادرة، في حافلات تنقلهم باتجاه إدلب", [_frames_alone()])


def test_soleimani_and_an_area_cleared_by_police_are_no_handover() -> None:
    """The stem of تسليم is سليم, which also opens سليمان/سليماني (a stream sentence on "قاسم سليماني" became a
    handover once the comma after the name was cut off); أخلى with an area as its object is the police clearing
    it ("أخلت منطقة بمحيط 214 مترا", a flag of a rejected retrain): only سلّم gives a town up."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert not frame_hits(tokens("اتهمت إسرائيل فيلق القدس وعلى رأسه قائده الجنرال قاسم سليماني بإطلاق صواريخ من "
                                 "سوريا على مواقع في الجولان"), subject)
    assert not frame_hits(tokens("وقالت الشرطة إنها أخلت منطقة بمحيط 214 مترا حول القنبلة"), subject)
    assert frame_hits(tokens("وقالت الجماعة إنها سلمت منطقة الميناء للقوات الحكومية"), subject)


def test_a_state_or_its_people_leaving_a_place_is_a_withdrawal() -> None:
    """train_extra misses: "اتفقنا على ان اسرائيل ستغادر لبنان"، "على الأمريكيين أن يغادروا سوريا"، "دعا الأسد
    الأمريكيين لمغادرة البلاد": a state (a country of the NER gazetteer) or its people (a nisba plural) stand for
    its forces when word order makes them the one who leaves and a place (not a treaty or a union) is left. A
    state leaving a deal, a person leaving a country and a country as a destination stay out."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    for text in ("اتفقنا على ان اسرائيل ستغادر لبنان ما ان تنتشر فيه قوة دولية",
                 "وقال الأسد إن على الأمريكيين أن يغادروا سوريا", "كما دعا الأسد الأمريكيين لمغادرة البلاد",
                 "وطالب نتنياهو بخروج إيران من سوريا", "انسحاب الولايات المتحدة من أفغانستان"):
        assert frame_hits(tokens(text), subject), text
    for text in ("بعد انسحاب الولايات المتحدة من الاتفاق النووي", "رغم انسحاب الولايات المتحدة منه الشهر الماضي",
                 "طالبت إدارة المهرجان بالسماح للمخرج بمغادرة إيران بسبب إقامته",
                 "غادر القنصل تركيا متجها إلى السعودية",
                 "ومن المقرر أن تغادر بريطانيا الاتحاد في آذار", "وزير الخارجية الإسرائيلي يغادر لبنان بعد زيارة"):
        assert not frame_hits(tokens(text), subject), text


def test_a_negated_intent_to_withdraw_is_a_denial() -> None:
    """train_extra row (gold deny, flagged announce): "وأن أنقرة لا تعتزم تسليم المدينة للحكومة السورية". A verb of
    intent read through the stemmer (تعتزم، نخطط، يرغبون، تريد), negated and governing the predicate, denies as
    "لن" does; a negation inside a relative clause about something else does not."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()

    def stances(text: str) -> list[str]:
        return [hit.stance for hit in frame_hits(tokens(text), subject)]

    assert stances("وأن أنقرة لا تعتزم تسليم المدينة للحكومة السورية") == ["deny"]
    assert stances("وقال إن القوات الأمريكية لا تريد الانسحاب من سوريا") == ["deny"]
    assert stances("وقال إن القوات الأمريكية تعتزم الانسحاب من سوريا") == ["announce"]
    assert stances("وأضاف أن المسلحين الذين لا يرغبون في المصالحة مع الحكومة سيغادرون إلى الشمال") == ["announce"]


def test_fighters_on_the_buses_or_in_the_batch_of_a_deal_leave() -> None:
    """train_extra misses: "وتضم الدفعة الأولى مقاتلين من مختلف مناطق المحافظة", "لا تزال الدفعة الثانية في طريقها
    باتجاه محافظة إدلب ... وتضم 50 حافلة من مقاتلي وعائلات": no verb of leaving, the batch or the buses of an
    evacuation deal carry the fighters away. Fighters after the convoy and a where from or to are needed: a strike
    on "الحافلة كانت تحمل المقاتلين" and a hijacked bus are no withdrawal; دفعه (pushed him) is not a batch."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("وتضم الدفعة الأولى مقاتلين من مختلف مناطق المحافظة"), subject)
    assert frame_hits(tokens("ووصلت 32 حافلة تقل نحو 1650 من المسلحين وعائلاتهم"), subject)
    assert not frame_hits(tokens("وقال إن الحافلة كانت تحمل المقاتلين الحوثيين"), subject)
    assert not frame_hits(tokens("وقال إن ما دفعه إلى ذلك هو المسلحين من الحي"), subject)


def test_a_masdars_adjectives_do_not_push_its_place_out_of_the_window() -> None:
    """Pool miss: "يجب أن يشمل انسحابا فوريا وكاملا وغير مشروط من الحديدة": the indefinite masdar's adjectives stand
    between it and the place it governs; they are part of its phrase, so the place is as near as "انسحابا من
    الحديدة". The same number of other words still keeps the place too far."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("يجب أن يشمل الاتفاق انسحابا فوريا وكاملا وغير مشروط من الحديدة"), subject)
    assert not frame_hits(tokens("يجب أن يشمل الاتفاق انسحابا يتفق عليه الطرفان في جنيف من الحديدة"), subject)
    from pipeline.nlp.frame_syntax import adjective_run

    assert adjective_run(tokens("الانسحاب الفوري الكامل"), 0) == 0


def test_the_scorer_measures_distances_as_the_frames_do() -> None:
    """Stream miss (the Yemeni foreign minister's demand): the frames skipped the masdar's adjectives but the
    scorer's distance features counted them, putting "الحديدة" 8 words away (2 past them) and the sentence at
    0.10, below the floor. Both measure with ``frame_syntax.distance`` now."""
    from pipeline.nlp.subjects import frame_features

    subject = next(s for s in load_subjects() if s.id == "military_withdrawal")
    sentence = "الاتفاق المطلوب يجب أن يشمل انسحابا فوريا وكاملا وغير مشروط من الحديدة"
    feats = frame_features(tokens(sentence), subject, scorer=subject.scorer)
    assert feats is not None and "arg:place:2" in feats and "arg:place:8" not in feats
    assert match_subjects(sentence) == ["military_withdrawal"]


def test_a_withdrawal_back_to_the_lines_of_a_war_is_military() -> None:
    """train_extra misses: "ومع (الانسحاب الإسرائيلي) إلى ما قبل حدود 1967", "مقابل انسحابها الى حدود 4 يونيو":
    withdrawing back to a border line, with no place left named, is an army leaving the land it holds. The lines
    as a place left ("انسحب من حدود") and withdrawing money "إلى حدود" a sum stay out."""
    from pipeline.nlp.subjects import frame_hits

    subject = _frames_alone()
    assert frame_hits(tokens("نحن مع إقامة دولة فلسطينية ومع الانسحاب الإسرائيلي إلى ما قبل حدود 1967"), subject)
    assert frame_hits(tokens("وتنص على اقامة علاقات مع اسرائيل مقابل انسحابها الى حدود 4 يونيو 1967"), subject)
    assert not frame_hits(tokens("وقال إن العملاء سحبوا من المصرف ما يصل إلى حدود مليون دينار"), subject)


def test_a_question_fronted_to_the_answer_is_the_speakers_sentence() -> None:
    """"وردا على سؤال حول X، قال الأسد": the question's topic (evacuations to Idlib) is what Assad answers, so the
    sentence is his, though neither of his quotes names it (ANT v2, FR-middleEast-558-20180531, research use with
    citation; build gold: Assad)."""
    from pipeline.nlp.subject_statements import unattributed_statements

    text = ("وردا على سؤال حول الهدف من إجلاء عشرات الآلاف من السوريين من مناطق سيطرت عليها القوات الحكومية إلى "
            'إدلب (شمال غرب)، قال الأسد "نحن لم نرسل هؤلاء إلى إدلب، بل هم أرادوا الذهاب إليها لأن لديهم الحاضنة '
            'نفسها"، مضيفا "هذا أفضل بالنسبة لنا من منظور عسكري".')
    entities = extract_entities(text)
    statements = flag_statements(extract_statements(text, entities), text=text, year=2018)
    [sentence] = unattributed_statements(text, statements, year=2018, entities=entities)
    assert sentence.speaker is not None and sentence.speaker.text == "الأسد" and sentence.attributed
    assert sentence.start == 0  # the question fronted to his answer stays in his sentence's quote


def test_bodies_that_decide_together_are_the_speaker_together() -> None:
    """ "واختتمت واشنطن وبغداد ... الجولة الرابعة والأخيرة التي تضمنت انسحاب القوات": both capitals closed the
    round, so both are its speaker, as the labelled set names "بغداد وواشنطن" (was "واشنطن"; sample site, article
    004, where NER tags the conjunction with the second name)."""
    from pipeline.models import Entity
    from pipeline.nlp.subject_statements import unattributed_statements

    text = ("واختتمت واشنطن وبغداد في آب / أغسطس الماضي الجولة الرابعة والأخيرة التي تضمنت انسحاب القوات "
            "المقاتلة الأجنبية من العراق بنهاية العام الجاري.")
    for second in ("وبغداد", "بغداد"):
        ents = [Entity(text=w, canonical=w, type="LOC", start=text.index(w), end=text.index(w) + len(w))
                for w in ("واشنطن", second, "العراق")]
        [st] = unattributed_statements(text, [], entities=ents)
        assert st.speaker is not None and st.speaker.text == "واشنطن وبغداد"


@pytest.mark.parametrize(("sentence", "stance"), [
    # the verbal noun spelled like the past verb: after a preposition or a noun of intent, or with ل/ب
    ("وكرر الرئيس الامريكي الثلاثاء رغبته في سحب القوات الأمريكية من سوريا", "announce"),
    ("ويأتي كلام ماتيس ردا على سؤال حول إعلان ترامب عزمه سحب القوات الأمريكية من سوريا", "announce"),
    ("دعا الرئيس الصومالي اثيوبيا الى سحب قواتها من الصومال في اسرع وقت", "announce"),
    # a time to come after the predicate
    ("أعلن البنتاغون سحب 500 جندي من سوريا خلال الشهر المقبل", "announce"),
    # the past verb itself
    ("وقال الجيش إنه سحب 500 جندي من سوريا الأسبوع الماضي", "complete"),
    ("و افاد بيان صادر عن يونيفيل بان وحدات اسرائيلية انسحبت من البسطرة و كفر شوبا و شبعا الحدودية", "complete"),
])
def test_a_verbal_noun_spelled_like_a_past_verb_is_no_completed_withdrawal(sentence: str, stance: str) -> None:
    """Build-part stance errors: "سحب" after "في"، "عزمه"، "الى" is the verbal noun (a plan or a demand), not
    "he withdrew"; a time to come after it ("الشهر المقبل") makes it an announcement. Stance right on the build
    part's hits 0.681 → 0.713 (`bench/withdrawal.py labelled --splits build`)."""
    from pipeline.nlp.subjects import subject_hits

    hits = subject_hits(sentence)
    assert [(h.subject, h.stance) for h in hits] == [("military_withdrawal", stance)]


@pytest.mark.parametrize(("sentence", "stance"), [
    # a defective verb's past form is a cue as its lemma is: نفت (the stemmer keeps it out of نفى's family)
    ("وردًّا على ذلك نفت السلطات العراقية بشدّة تمديد موعد انسحاب القوات الأميركية وقال المتحدّث باسم قيادة القوات "
     "المشتركة اللواء تحسين الخفاجي إنّ \"الحديث عن هذا التمديد غير دقيق وغير صحيح\".", "deny"),
    # أجّل counts by its past forms only: أُجلي (evacuated) shares its stem, and "من أجل" means "for"
    ("وفي أبريل من العام نفسه أجلي نحو 11 ألف مدني ومقاتل من 4 بلدات محاصرة هي الفوعة وكفريا ومضايا والزبداني، "
     "وصفت حينها بأنها أكبر عملية إجلاء منذ بدء الحرب.", "complete"),
    ("وقد ضغطت موسكو من أجل التوصل إلى صيغة اتفاق تفضي إلى انسحاب مسلحي المعارضة وعائلاتهم من الغوطة، عبر مفاوضات "
     "مثلما حدث في حلب، وأسفر عن استعادة القوات الحكومية السيطرة على ثاني أكبر مدن البلاد، في ديسمبر/ كانون الأول "
     "من عام 2016.", "announce"),
    # تم governs the verbal noun right after it, not one five words on
    ("كما تمّ بحث \"التقدّم الحاصل في إنهاء الدور القتالي لقوات التحالف في العراق وفق متبنّيات الحوار الإستراتيجي "
     "والإنتقال إلى دور المشورة والمساعدة والتمكين\" بين قوات التحالف الدولي لمناهضة تنظيم داعش بقيادة الولايات "
     "المتحدة والقوات الأمنية العراقية.", "announce"),
    # a past verb after إذا is a condition
    ("وتقول كوريا الشمالية منذ سنوات إنها قد تفكر في التخلي عن ترسانتها النووية إذا سحبت الولايات المتحدة قواتها من "
     "كوريا الجنوبية وسحبت ما تطلق عليه اسم مظلة الردع النووي من كوريا الجنوبية واليابان.", "announce"),
    # after a verb of decision (its subject between) or a future verb, "سحب" is the verbal noun
    ("قررت الولايات المتحدة سحب بعض أنظمة الدفاع الصاروخي \"باتريوت\" من الكويت والبحرين والأردن للتركيز على "
     "التهديدات التي تطرحها روسيا والصين.", "announce"),
    ("وسيجري سحب أربعة أنظمة دفاعية من الشرق الأوسط: اثنان من الكويت وواحد من كل من الأردن والبحرين.", "announce"),
    ("وفي بداية الشهر الحالي، خرج أكثر من مئة مقاتل من هيئة تحرير الشام مع أفراد من عائلاتهم من جيب صغير كانوا "
     "يسيطرون عليه في مخيم اليرموك", "complete"),  # بداية (a beginning) is no verb of decision
    # "لن ... إلا ب": the withdrawal is the condition, not denied
    ("اعتبر وزير الخارجية السوري وليد المعلم السبت أن دخول حكومته في مفاوضات حول جنوب البلاد والذي لا تزال أجزاء "
     "منه تقع تحت سيطرة الفصائل المعارضة، لن يتم إلا بانسحاب القوات الأمريكية من منطقة التنف القريبة من الحدود "
     "العراقية والأردنية.", "announce"),
    # a year before the article's dates the event: done
    ("وفي مارس 2017 بدء خروج المقاتلين  من حي الوعر.", "complete"),
    # the past of forcing or witnessing reports a withdrawal that happened
    ("دبي، الإمارات العربية المتحدة (CNN)— قال الرئيس التركي، رجب طيب أردوغان، الثلاثاء، إن جيش بلاده أجبر ميليشيات "
     "شيعية موالية للنظام السوري بالانسحاب في منطقة عفرين التي يقوم بعمليات عسكرية فيها أطلق عليها اسم عمليات "
     "\"غصن الزيتون.\"", "complete"),
    ("وشهدت سوريا عمليات إجلاء عدة، أبرزها من محيط دمشق، توجه خلالها معظم الخارجين من مناطق شهدت قتالا وحصارا، إلى "
     "إدلب التي باتت تستضيف مع مر السنين، عشرات الآلاف من المقاتلين والمدنيين المعارضين.", "complete"),
])
def test_stance_reads_the_predicates_clause(sentence: str, stance: str) -> None:
    """Stance errors of the build part and the stream set (tests/data/withdrawal/stream_flags_stance.jsonl), by
    cause: a cue of another clause or another word (تم منحها، من أجل، أُجلي), a condition or exception around the
    predicate (إذا، ما لم، لن ... إلا), a verb of decision before the verbal noun (قررت، سيجري), and what dates or
    reports the event as done (a past year, أجبر، شهدت). Stance right (`bench/withdrawal.py labelled --splits build`,
    `stream`): build 0.723 → 0.809 of 94 hits, stream set 102 → 116 of 143; flags and precision unchanged."""
    from pipeline.nlp.subjects import subject_hits

    hits = subject_hits(sentence, year=2018)
    assert [(h.subject, h.stance) for h in hits] == [("military_withdrawal", stance)]


@pytest.mark.parametrize(("sentence", "stance"), [
    # a negated demand: "says a withdrawal is not demanded" (tests/data/withdrawal/README.md)
    ("يذكر أن مدير المخابرات المركزية السابق، مايك بومبيو، اجتمع قبل توليه منصب وزير الخارجية الأميركية مع زعيم كوريا "
     "الشمالية الشهر الماضي، وقال إن كيم لا يطالب بسحب كل القوات الأميركية كشرط مسبق للاجتماع مع ترامب.", "deny"),
    # the year dates the deal's clause eleven words before the predicate (a 2018 article)
    ("وفي سبتمبر 2016 رعت كل من تركيا وروسيا وإيران اتفاقا يقضي بخروج جميع المسلحين من مدينة حلب التي أصبحت تحت سيطرة "
     " النظام بالكامل .", "complete"),
])
def test_stance_of_a_negated_demand_and_of_a_dated_deal(sentence: str, stance: str) -> None:
    """Build-part stance errors. Stance right: build 0.809 → 0.851, stream set 116 → 120 of 143 with the next test;
    one stream flag worse: "ولم يطلب انسحابها هي الأخرى مثل إيران" is announce in the README (the Iran demand)."""
    from pipeline.nlp.subjects import subject_hits

    hits = subject_hits(sentence, year=2018)
    assert [(h.subject, h.stance) for h in hits] == [("military_withdrawal", stance)]


def test_a_denying_reporting_verb_gives_its_quote_the_deny_stance() -> None:
    """The quote of "نفى" is what is denied: its own words ("قد طلب ... تخفيض عدد القوات") read as announce."""
    text = ("نفى مستشار الأمن القومي الأميركي جون بولتون، الجمعة، أن يكون الرئيس دونالد ترامب قد طلب من البنتاغون "
            "تخفيض عدد القوات الأميركية في كوريا الجنوبية.")
    flagged = [s for s in flag_statements(extract_statements(text, []), text=text) if MW in s.subjects]
    assert [(s.verb, s.stance) for s in flagged] == [("نفى", "deny")]


@pytest.mark.parametrize(("sentence", "stance"), [
    # a date near a negated predicate: the withdrawal is late
    ("ولكن لا يبدو أن الانسحاب سيكون في الموعد، لأن يوم الأحد لم يشهد أي تحرك لمقاتلي هذه الجماعات، حسب المرصد "
     "السوري.", "postpone"),
    # the refusal is of the deal, in the clause before "وإن كانت": the weapons were withdrawn
    ("وقد رفضت جماعة \"حراس الدين\" الاتفاق، وإن كانت سحبت الأسبوع الماضي أسلحتها الثقيلة من المنطقة العازلة.",
     "complete"),
    # "لا تزال" (still) is no negation: no ANT, NewsFANE or seed sentence has it with a timetable, so one written
    # in their style
    ("ولا تزال القوات الأمريكية تنسحب من سوريا وفق الجدول الزمني الذي أعلنه البنتاغون", "announce"),
])
def test_stance_of_a_late_withdrawal_and_of_a_cue_in_another_clause(sentence: str, stance: str) -> None:
    """Build-part and stream-set stance errors (the same sentences in both). Stance right: build 0.851 → 0.872,
    stream set 120 → 122 of 143; no other flag's stance moves."""
    from pipeline.nlp.subjects import subject_hits

    hits = subject_hits(sentence, year=2018)
    assert [(h.subject, h.stance) for h in hits] == [("military_withdrawal", stance)]
