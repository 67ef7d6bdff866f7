"""Watch subject `military_withdrawal`: fires on troop withdrawals, not on the other senses of the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import Statement
from pipeline.nlp.statements import extract_statements
from pipeline.nlp.subjects import flag_statements, load_subjects, match_subjects

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
""",
        encoding="utf-8",
    )
    subjects = load_subjects(path)
    assert match_subjects("أعلن الطرفان وقف إطلاق النار في غزة", subjects) == ["ceasefire"]
    assert match_subjects("وقف إطلاق النار في المباراة", subjects) == []
    assert match_subjects("", subjects) == []


def test_fold_equals_the_translate_table() -> None:
    from pipeline.text import normalise

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    texts += ["أَكَّدَ إِنَّ الآن ٱلقوة مُسْتَشْفَى ـــ سؤال رئيس ABC", ""]
    for text in texts:
        by_table = normalise._WORD_MARKS_RE.sub("", text).translate(normalise._MATCH_FOLD).lower()
        assert normalise.fold_match(text) == by_table


def test_indexed_term_hits_equal_brute_force() -> None:
    """The cached first-stem index finds exactly the positions a term-by-term scan finds."""
    from pipeline.nlp import subjects

    def term_at(toks: list[str], i: int, term: tuple[str, ...]) -> bool:
        return i + len(term) <= len(toks) and all(
            any(c.startswith(stem) for c in subjects._candidates(toks[i + j])) for j, stem in enumerate(term)
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
                hits = subjects._hits(toks, group)
                assert hits == brute(toks, group)
                found += len(hits)
    assert found > 0
