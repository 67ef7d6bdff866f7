"""The maker of a speech noun speaks the verb of saying with "فيه/فيها" that follows it (issue 13, round 37;
``sources.delivered_by``): "تصريحات أدلى بها X ...، قال فيها"، "كلمة ألقاها X ...، أكد فيها" and the other order
"وألقى X خطاباً ...، قال فيه" (also before a colon: ``statements._IN_IT``). Not the interviewer of "مقابلة أجرتها
معه صحيفة"، not one who read it "نيابة عن" another, nor a noun the pronoun does not agree with. Sentences from ANT v2
and ANT v1 (not held out) or invented."""

from __future__ import annotations

from tests.conftest import enriched_statements


def _said(text: str) -> list[tuple[str | None, str]]:
    return [(s.speaker.text if s.speaker else None, s.verb) for s in enriched_statements(text)]


def test_the_maker_of_the_statements_says_what_is_in_them() -> None:
    # ANT v2 BB-economy-143 (merge37: a man quoted earlier in the article); BB-middleEast-397 (merge37: his lawyer)
    text = ("وانتاب القلق مستثمرين بسبب تصريحات أدلى بها أردوغان الأسبوع الماضي خلال زيارة إلى لندن، قال فيها إنه "
            "يريد فرض سيطرة أكبر على السياسة النقدية بعد الانتخابات الرئاسية والبرلمانية.")
    assert _said(text) == [("أردوغان", "قال")]
    text = ("وقال محامي جنينة، علي طه، إن موكله سيطعن في الحكم.\nويأتي الحكم على خلفية تصريحات أدلى بها جنينة لموقع "
            "\"هافنغتون بوست\" النسخة العربية، قال فيها إن رئيس الأركان السابق للجيش، سامي عنان، يملك وثائق سرية.")
    assert _said(text)[-1] == ("جنينة", "قال")


def test_the_maker_is_the_name_not_the_adjunct_after_it() -> None:
    # ANT v1 JA-politic-24 (merge37: "التصريحات الأخيرة")
    text = ("وانتقد الأمين العام لحزب حركة مشروع تونس، محسن مرزوق التصريحات الأخيرة التي أدلى بها رئيس حركة "
            "النهضة، راشد الغنوشي بخصوص عودة الإرهابيين من بؤر التوتر والتي قال فيها \" اللحم إذا بار عليه "
            "بإماليه\".")
    assert _said(text)[-1] == ("رئيس حركة النهضة، راشد الغنوشي", "قال")


def test_the_one_who_gave_the_speech_first_says_what_is_in_it() -> None:
    # ANT v2 CN-middleEast-342 (merge37: his office director, quoted before); ANT v1 JA-localNews-3316 ("أهمية")
    text = ("وقال مدير مكتب ولي العهد السعودي بدر العساكر إن الزيارة تقوي العلاقة بين البلدين.\n"
            "وألقى ولي العهد السعودي خطاباً خلال الحفل، قال فيه: \"نحن في المملكة نعيش مرحلة التغيير\".")
    assert _said(text)[-1] == ("ولي العهد السعودي", "قال")
    text = ("ألقى الرئيس الحبيب بورقيبة خطابا للشعب، أكد فيه أهمية هذا المرفق الحيوي الذي تعرض للاغتصاب من قبل "
            "الاستعمار الفرنسي الذي رفض توسعته ومد مدارجه الأرضية بحجة أنه غير صالح للملاحة الجوية!")
    assert _said(text) == [("الرئيس الحبيب بورقيبة", "أكد")]


def test_no_maker_named_where_the_interviewer_or_a_reader_stands() -> None:
    # invented counter-examples: the same speaker before and after (pass at merge37 too)
    text = ("وقال السفير إن بلاده ترحب بالقرار. وجاء ذلك في مقابلة أجرتها معه صحيفة الحياة، قال فيها إن الحوار "
            "مستمر.")
    assert _said(text) == [("السفير", "قال"), ("السفير", "قال")]
    text = ("وقال المدرب إن الفريق جاهز. وفي كلمة ألقاها نيابة عنه الوزير محمد علي، أكد فيها أن المباراة صعبة.")
    assert _said(text) == [("المدرب", "قال"), ("المدرب", "أكد")]
    text = ("وقال اللاعب إن الفريق جاهز. وفي مداخلة هاتفية أجراها مع الإعلامي وائل الإبراشي، أكد فيها أن المباراة "
            "صعبة.")
    assert _said(text) == [("اللاعب", "قال"), ("اللاعب", "أكد")]
