"""Round twenty-nine (helper "carry29"): a participle of manner whose sentence opens with a verb and a titled subject
(issue 13).

"حذر صندوق النقد الدولي في بيان نشره الجمعة الجزائر، من مخاطر ...، مؤكدا أنه": the participle describes the subject
of the verb opening its sentence (VSO), here a noun phrase headed by a body noun ("صندوق", learned from word clusters,
not tagged), a title or role, a tagged name, or a description closed by a tagged person ("النجم البرتغالي كريستيانو
رونالدو"، "مندوبة الولايات المتحدة ...، نيكي هالي"). The verb must agree with the participle in gender; a phrase with
no such head may be the object of a dropped subject ("وانتقد القرار، مشيرا"), and a subordinate clause between verb
and participle ("عندما غرد المسؤول الإسرائيلي قائلا") has its own subject (``shared_subjects.participle_subject``).

The real sentences come from the ANT v2 stream.
"""

from __future__ import annotations

from tests.conftest import speakers_of as _speakers

# ANT v2 FR-economy-46-20180602: the IMF, untagged, after an unprefixed verb opening the article
IMF = ("حذر صندوق النقد الدولي في بيان نشره الجمعة الجزائر، من مخاطر الاستمرار في النهج الاقتصادي الحالي للبلاد "
       "مؤكدا أنه يتعين عليها تنويع اقتصادها.")

# ANT v2 CN-sport-130-20180320: a description closed by the tagged name
RONALDO = ("دبي، الإمارات العربية المتحدة (CNN) – عبر النجم البرتغالي كريستيانو رونالدو عن إيمانه بأنه الأفضل في "
           "العالم، مؤكدا أنه لا يوجد لاعب أفضل منه.")

# ANT v2 SK-internationalNews-2634-20180713: a fronted "وبدورها" and a title with the name in apposition
HALEY = ("وبدورها، حثت مندوبة الولايات المتحدة لدى الأمم المتحدة، نيكي هالي، على تبني القرار قبل التصويت، قائلة إن "
         "وقف إطلاق النار قد تم انتهاكه بشكل متكرر.")

# ANT v2 AL-culture-44-20180204: the participle is in a clause with a subject of its own
HENEIDY = ("رد الفنان المصري محمد هنيدي، عبر حسابه الرسمي في موقع التغريدات \"تويتر\" على يوناتان جونين، بأنه سوف "
           "يغلق حسابه، عندما غرد المسؤول الإسرائيلي قائلاً إن لهنيدي جمهوراً في إسرائيل.")


def test_a_participle_takes_the_untagged_body_after_the_opening_verb() -> None:
    assert _speakers(IMF)[-1] == ("مؤكدا", "صندوق النقد الدولي")


def test_a_participle_takes_the_description_closed_by_a_name() -> None:
    assert _speakers(RONALDO)[-1] == ("مؤكدا", "النجم البرتغالي كريستيانو رونالدو")


def test_a_participle_takes_the_title_with_its_apposed_name_after_a_fronted_adverb() -> None:
    assert _speakers(HALEY)[-1][1] is not None and _speakers(HALEY)[-1][1].endswith("نيكي هالي")


def test_a_participle_in_a_subordinate_clause_is_not_the_opening_subjects() -> None:
    assert _speakers(HENEIDY)[-1][1] != "الفنان المصري محمد هنيدي"


# "Not a statement" after حسب/وفق (``attributions.not_a_source``): a distributive "each" or the reader addressed.
# ANT v2 BB-internationalNews-1210-20181017: "depending on each state"
EACH_STATE = "كما سبب التشريع الجديد مشكلات مع الولايات المتحدة، حيث لا يزال المخدر قضية خلافية، حسب كل ولاية."

# ANT v2 AL-technology-270-20180527: "according to your location", an app's description
YOUR_PLACE = ("يأتي التطبيق مضمن مع تقويم لأوقات الصلاة والإفطار والسحور، ويتيح لك تحديد أوقات الصلاة، حسب الموقع "
              "الخاص بك، ويمكنك الحصول على أسماء الله مع شرح عنها وغير ذلك الكثير.")

# ANT v2 BB-technology-98-20180323: "according to your interests"
YOUR_INTERESTS = ("في هذا القسم يمكنك أن تختار ما إذا كان فيسبوك يرسل لك إعلانات وفقا لـ\"اهتماماتك\"، سواء عبر "
                  "الموقع ذاته، أو عبر تطبيقات ومواقع أخرى لا تملكها شركة فيسبوك.")


def test_each_state_is_no_source() -> None:
    assert _speakers(EACH_STATE) == []


def test_the_reader_addressed_is_no_source() -> None:
    assert _speakers(YOUR_PLACE) == [] and _speakers(YOUR_INTERESTS) == []


def test_both_of_them_and_names_ending_like_a_pronoun_stay_sources() -> None:
    from pipeline.nlp.attributions import not_a_source

    assert not not_a_source(["كل", "من", "وزير", "الخارجيه"])  # "بحسب كل من وزير الخارجية و..."
    assert not not_a_source(["فيسبوك"]) and not not_a_source(["مصادر", "اوبك"]) and not not_a_source(["كالتك"])


# A fronted adjunct up to its comma before the opening verb (``shared_subjects.titled_opener_subject``).
# ANT v2 BB-sport-177-20180529: "وبعد المباراة،" then the verb and the tagged coach
KLOPP = ("وبعد المباراة، وصف يورغن كلوب، مدرب ليفربول، إصابة صلاح، هداف الفريق والدوري الانجليزي الممتاز، بأنها "
         "\"خطيرة\"، مشيرا إلى أنه يعاني \"خلعا في الكتف\".")

# ANT v2 CN-middleEast-268-20180315 (without its dateline): "بعد غياب لحوالي عامين،" then a role noun and a name
OKASHA = ("بعد غياب لحوالي عامين، ظهر الإعلامي المصري توفيق عكاشة مجدداً معلناً تأييده الكامل للرئيس عبدالفتاح "
          "السيسي، داعياً المصريين الى المشاركة في الانتخابات الرئاسية القادمة، ومحذراً من \"مصائب كبرى\" يتم تجهيزها "
          "لمصر.")


def test_a_fronted_adjunct_is_skipped_to_the_opening_verb() -> None:
    assert _speakers(KLOPP)[-1] == ("مشيرا", "يورغن كلوب")


def test_a_fronted_adjunct_is_skipped_to_a_role_noun_subject() -> None:
    assert _speakers(OKASHA)[-1][1] == "الإعلامي المصري توفيق عكاشة"


# ANT v2 BB-technology-172-20180427: the phrase after the verb cut inside its place ("... في") is no subject
KHAMENEI = ("وفي وقت سابق من الأسبوع الجاري، أغلق المرشد الأعلى للجمهورية الإسلامية في إيران، آية الله على خامنئي، "
            "حسابه على تطبيق تليغرام، قائلا إن ذلك سيساعد على \"ضمان المصلحة الوطنية للبلاد\".")


def test_a_subject_cut_before_its_place_is_not_taken() -> None:
    from pipeline.nlp.ner import extract_entities
    from pipeline.nlp.shared_subjects import titled_opener_subject

    found = titled_opener_subject(KHAMENEI, 0, KHAMENEI.index("قائلا"), False, extract_entities(KHAMENEI), [])
    assert found is None or not found[0].text.endswith(" في")
