"""Round twenty-six (helper "spknp26"): the right noun phrase as speaker on the real stream (issue 13).

* After a noun-first particle (أنّ، إنّ، لكنّ and their compounds) the clause opens with its subject: the noun phrase
  between the particle and an unprefixed reporting verb is the verb's subject (a count, a share of people polled,
  an indefinite group or source), not a speaker carried from an earlier sentence nor the verb's object after it
  (``pipeline.nlp.preverbal``).

The real sentences come from the ANT v2 stream; the invented ones show what the rule leaves alone.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 BB-middleEast-901-20180818: "لكن" opens the clause with its subject; "لرويترز" is the one told
AGENCIES = ("وقالت السعودية إن الحجاج القطريين يمكنهم الوصول عبر أي شركة طيران، ما عدا الخطوط الجوية القطرية.\n"
            "لكن ثلاث وكالات للسفر في الدوحة قالت لرويترز إنها أوقفت محاولة بيع برامج الحج.")

# ANT v2 AL-technology-225-20180506: the share of users polled said it, not the poll
HALF_OF_USERS = ("وخلص الاستطلاع الإلكتروني الذي جرى على مستوى الولايات المتحدة في الفترة بين 26 و30 أبريل/نيسان إلى "
                 "أن حوالي نصف مستخدمي فيسبوك في البلاد قالوا إنهم لم يغيروا استخدامهم للموقع.")

# ANT v2 BB-technology-276-20180617: SVO after "بيد أن"; "والدته" is the one told
DOCTOR = ("وفي عام 2017، وصف أطباء الرعاية الصحية هذا الدواء للصبي بيلي، بيد أن الطبيب المشرف في منطقته أبلغ "
          "والدته في مايو/أيار أنه لم يعد باستطاعته وصف هذا الدواء له.")

# ANT v2 CN-economy-118-20180517: "، و7,6٪ فقط أفادوا": the share after the comma, its decimal comma no clause edge
SHARES = ("أعرب غالبية المجيبين (87,7٪) عن رضاهم عن ساعات العمل، حيث صرح 81,9٪ منهم بأنهم راضون جداً عنها، فيما "
          "أعربت نسبة 4,7٪ عن حيادها، و7,6٪ فقط أفادوا بأنهم غير راضين إلى حد ما أو غير راضين على الاطلاق.")

# ANT v2 FR-middleEast-16-20180215: an indefinite accusative after لكنّ ("متحدثا") is its subject
SPOKESMAN = ("وتتطلب زيارة القدس عادة تنسيقا مع الجانب الإسرائيلي، ولكن متحدثا باسم وزارة الخارجية الإسرائيلية أكد "
             "أنه لم يكن على علم بهذه الزيارة.")


def test_the_subject_after_lakin_before_its_verb() -> None:
    assert _speakers(AGENCIES)[-1] == ("قالت", "ثلاث وكالات للسفر في الدوحة")
    assert _speakers(SPOKESMAN) == [("أكد", "متحدثا باسم وزارة الخارجية الإسرائيلية")]


def test_the_share_of_people_polled_after_anna() -> None:
    assert _speakers(HALF_OF_USERS)[-1] == ("قالوا", "حوالي نصف مستخدمي فيسبوك في البلاد")


def test_the_subject_before_the_verb_not_its_object_after_it() -> None:
    assert _speakers(DOCTOR) == [("أبلغ", "الطبيب المشرف في منطقته")]


def test_a_share_after_a_comma_and_wa() -> None:
    assert _speakers(SHARES)[-1] == ("أفادوا", "7,6٪")


def test_what_the_rule_leaves_alone() -> None:
    # the verb describes the statement ("بيانا قالت فيه"): its subject is the publisher, not the stretch before it
    assert _speakers("لكن الشركة المنتجة للمسلسل أصدرت عقب ذلك بيانا قالت فيه إن الثنائي ليس لديه ميول.") == [
        ("قالت", "الشركة المنتجة للمسلسل")]
    # أن with a verb (the subjunctive "أن يرد") opens no noun clause: the words after it are no subject
    assert _speakers("وبدل أن يرد إردوغان على التهم نفسها يقول إن هناك مؤامرة خارجية عليه.") == [("يقول", None)]


# ANT v2 SK-internationalNews-1049-20180420 and CN-internationalNews-734-20181019: a relative clause whose verb has
# its own subject after it (past a resumptive pronoun: "عنها"): that subject speaks, not the relative's antecedent
ALLIES = ("وكان الاستفتاء قد أجري في ظل حالة الطوارئ التي يقول حلفاء تركيا ومن بينهم الولايات المتحدة إنها تثير "
          "تساؤلات حول نزاهته.")
CHARGES = ("وتشير الاتهامات التي أعلنت عنها وزارة العدل الأمريكية إلى \"وجود مؤامرة للتلاعب بالناخبين، بما في ذلك في "
           "الانتخابات النصفية 2018\".")


def test_the_relative_clause_verb_with_its_own_subject() -> None:
    assert ("يقول", "حلفاء تركيا") in _speakers(ALLIES)
    assert ("أعلنت", "وزارة العدل الأمريكية") in _speakers(CHARGES)


# ANT v2 BB-internationalNews-135-20180312 and BB-internationalNews-545-20180522: a description given a name in
# apposition ("، وهو ... يدعى X"، "اسمه X") is that person, in its own statement and in those carried on from it
SURVIVOR = ("ووصف أحد الناجين، وهو مندوب رحلات من نيبال يدعى باسانتا بوهارا، من المستشفى ما شهده في الحادث.\n"
            "وقال إنه بعد إقلاع طبيعي للطائرة من مطار داكا، بدأت الطائرة في التصرف بغرابة مع اقترابها من كاتمندو.\n"
            "وأضاف \"فجأة اهتزت الطائرة بعنف ثم سمعت صوت ارتطام عنيف\".")
VICTIM = ("وقال أحد الضحايا، وهو صبي مذبح سابق اسمه بيتر كريغ، إنه وصف لويلسون الاعتداء الذي تعرض له بالتفصيل عام "
          "1976، بعد خمس سنوات من وقوعه.")


def test_a_description_named_in_apposition() -> None:
    assert _speakers(SURVIVOR)[-2:] == [("قال", "باسانتا بوهارا"), ("أضاف", "باسانتا بوهارا")]
    assert _speakers(VICTIM) == [("قال", "بيتر كريغ")]


# ANT v2 BB-middleEast-1006-20181001: a clause about the subject between commas ("، ومقره بريطانيا،") before the verb
# is no clause edge; the subject is the noun phrase before it, and "وقال المرصد" after it is that body
OBSERVATORY = ("ولم تذكر وكالة الأنباء السورية الرسمية (سانا) الهجوم على الفور، ولكن المرصد السوري لحقوق الإنسان "
               "المعارض، ومقره بريطانيا، قال إنه وردت تقارير عن انفجارات عنيفة فجرا.")


def test_the_subject_before_a_parenthetical_clause() -> None:
    assert _speakers(OBSERVATORY) == [("قال", "المرصد السوري لحقوق الإنسان المعارض")]
