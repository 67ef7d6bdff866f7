"""Recall of `military_withdrawal` off the development stream (round nineteen, issue 13): general frames for what the
2018 streams never showed. The sentences are invented (SaudiNewsNet text never enters the repository)."""

from __future__ import annotations

from pipeline.nlp.subjects import frame_hits, load_subjects, match_subjects, tokens

MW = "military_withdrawal"


def _subject():
    return next(s for s in load_subjects() if s.id == MW)


def test_rebels_and_armed_groups_named_by_their_kind_leave() -> None:
    """Rebels (متمرد) and armed groups (الجماعات المسلحة) are armed forces by their kind, whatever their names: as the
    ones who withdraw or leave they make a withdrawal. Rebels leaving talks stay out (the sense checks bind)."""
    assert match_subjects("وطاردت وحدات الجيش أمس فلول المتمردين وأنصارهم الذين يواصلون الانسحاب بعد أن فقدوا "
                          "السيطرة على المطار والميناء، وفق مصادر ميدانية.") == [MW]
    assert match_subjects("وشدد رئيس الحكومة على أن الحملة ستتواصل إلى أن تلقي الفصائل سلاحها وتغادر الجماعات "
                          "المسلحة الإقليم ويزول التهديد عن الحدود.") == [MW]
    assert match_subjects("انسحب المتمردون من المفاوضات في جنيف") == []


def test_a_force_compelled_to_leave_withdrew() -> None:
    """"أجبر الجنود الأجانب على الرحيل"، "اضطر الجنرال لسحب قواته": a force made to leave withdrew (the README's
    "forced to withdraw" is true/complete). Civilians made to leave, a coach pulling players and a government forced
    to withdraw a bill stay out; رغم (despite), the stem of أرغم, is no compulsion."""
    sentence = ("وكانت قوات خاصة تتمركز في المطار منذ عامين متخذة منه مقرا لعملياتها، إلى أن تدهورت الأوضاع ووقع "
                "الانقلاب، وأجبر الجنود الأجانب (المظليين) على الرحيل.")
    assert match_subjects(sentence) == [MW]
    hits = frame_hits(tokens("اضطر الجنرال في نهاية المطاف لسحب قواته والتوجه نحو الجبال"), _subject())
    assert hits and hits[0].trusted and hits[0].stance == "complete"
    for text in ("وأجبرت القوات الأهالي على مغادرة القرية قبل اقتحامها",
                 "وقال إن المدرب اضطر لسحب اللاعبين من المباراة بسبب الإصابات",
                 "رغم أن الحكومة أجبرت على سحب مشروع القانون من البرلمان"):
        assert match_subjects(text) == [], text


def test_a_refusal_to_go_out_is_a_refusal_to_leave() -> None:
    """"رفضت الميليشيات الخروج من المدرسة": خروج (go out) refused by a force binds as مغادرة does: the frame is trusted,
    the scorer is not asked."""
    hits = frame_hits(tokens("وأوضح أنه إذا رفضت الميليشيات المسلحة الخروج من المدرسة فسنعلق الدراسة"), _subject())
    assert hits and hits[0].trusted


def test_a_force_vacating_its_own_positions_withdraws() -> None:
    """"تعهد الفصيل بإخلاء جميع مواقعه": a force's own positions (the possessive on the place) as the object of
    vacating or handing over: it leaves them. A party's offices or a company's sites stay out."""
    assert match_subjects("كما تعهد الفصيل بإخلاء جميع مواقعه على خطوط التماس مع التنظيم، وتسليمها لفصائل أخرى في "
                          "الريف الشمالي.") == [MW]
    assert match_subjects("وقال إن الحزب قرر إخلاء مقراته في العاصمة بسبب ارتفاع الإيجار") == []
    assert match_subjects("وقررت الشركة إخلاء مواقعها في المدينة الصناعية بعد الحريق") == []


def test_a_force_leaving_the_front_lines_withdraws() -> None:
    """"أعلنت انسحابها من مواقع المواجهة": the front's positions and lines as the place left need no force word (the
    group is named far before the pronoun). A player leaving the defence stays out; an armed force leaving through
    the genitive of a verbal noun ("برحيل قوات الحلف") does too, the soldiers' death (رحيل الجنود) does not."""
    assert match_subjects("وكانت الجبهة الموالية للتنظيم والمناهضة لخصومه قد أعلنت مساء الأحد، انسحابها من مواقع "
                          "المواجهة شمال المدينة.") == [MW]
    assert match_subjects("وانسحب اللاعب من خطوط الدفاع في الشوط الثاني بعد إصابته") == []
    hits = frame_hits(tokens("وتطالب الحركة برحيل قوات الحلف"), _subject())
    assert hits and tokens("وتطالب الحركة برحيل قوات الحلف")[hits[0].anchor] == "برحيل"
    assert match_subjects("وقال إن رحيل الجنود الثلاثة في الحادث أحزن الجميع") == []


def test_a_withdrawal_from_towns_or_provinces_binds_its_place() -> None:
    """"خطة تتضمن انسحاب الجماعة من المدن الرئيسية": towns and provinces, plural or not, after the withdrawal and من
    are the place left, whoever the group is named (no list of names): the frame is trusted. The sense checks still
    bind it (companies leave markets, candidates races)."""
    subject = _subject()
    hits = frame_hits(tokens("جدد المبعوث دعوته لوقف إطلاق النار وفقا لخطة تتضمن انسحاب الحوثيين من المدن الرئيسية"),
                      subject)
    assert hits and hits[0].trusted
    assert match_subjects("وقال إن القرار يتضمن انسحاب المتمردين من المحافظات التي سيطروا عليها") == [MW]
    assert match_subjects("وأعلنت الشركات انسحابها من المدن الصناعية بسبب الركود في الأسواق") == []


def test_an_old_year_dates_a_narrated_withdrawal_instead_of_dropping_it() -> None:
    """"وسحبت الحركة مقاتليها من العاصمة في عام 2011": a past verb heading its own clause narrates the withdrawal (the
    definition's historical events told as such are true); the old year dates it (complete), it no longer makes it a
    background mention. A relative or time clause stays background ("المناطق التي انسحبت منها القوات عام 2014")."""
    from pipeline.nlp.subjects import subject_hits

    hits = subject_hits("وسحبت الحركة مقاتليها من العاصمة في عام 2011 تحت ضغط عسكري من قوات حفظ السلام.", year=2015)
    assert [(h.subject, h.stance) for h in hits] == [(MW, "complete")]
    for text in ("وسيطرت قواته على المناطق المتنازع عليها التي انسحبت منها القوات الحكومية عام 2012 في الشمال.",
                 "وتدهور الوضع الأمني منذ أن انسحبت القوات الأجنبية من البلاد عام 2011 وفق التقرير."):
        assert subject_hits(text, year=2015) == [], text
