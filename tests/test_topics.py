"""Topic classifier: behaviour on real seed articles and hand-written paragraphs, using shipped data only."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from pipeline.models import TopicScore
from pipeline.nlp import topics
from pipeline.nlp.topics import TOPIC_NAMES_AR, classify, lexicon_scores, model_probabilities, topic_scores

ANT = Path(__file__).resolve().parents[2] / "shared" / "data" / "topics" / "ant_v2_sample_train.jsonl"
SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))

SPORT = (
    "الأهلي يفوز على الزمالك في نهائي الكأس",
    "حقق النادي الأهلي فوزا مثيرا على غريمه التقليدي الزمالك بهدفين مقابل هدف في المباراة النهائية "
    "لكأس مصر لكرة القدم، وسجل المهاجم هدف الفوز في الدقيقة الأخيرة بعد هجوم منظم، بينما قاد المدرب "
    "الفريق إلى تتويجه باللقب للمرة الثالثة على التوالي أمام جماهير غفيرة ملأت مدرجات الملعب. "
    "وأشاد حارس المرمى بأداء خط الدفاع طوال الشوط الثاني.",
)
ECONOMY = (
    "البنك المركزي يرفع أسعار الفائدة لكبح التضخم",
    "قرر البنك المركزي رفع سعر الفائدة الرئيسي بنصف نقطة مئوية في محاولة للسيطرة على التضخم الذي بلغ "
    "أعلى مستوياته منذ عشر سنوات، وتراجعت البورصة عقب القرار فيما ارتفع سعر صرف العملة المحلية أمام "
    "الدولار. وتوقع خبراء أن يتباطأ النمو الاقتصادي وأن ترتفع تكلفة القروض على الشركات والمستثمرين.",
)
HEALTH = (
    "وزارة الصحة تطلق حملة تطعيم ضد الإنفلونزا",
    "أطلقت وزارة الصحة حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف كبار السن والمرضى المصابين "
    "بأمراض مزمنة مثل السكري وضغط الدم، ودعا الأطباء المواطنين إلى التوجه إلى أقرب مستشفى أو عيادة "
    "لتلقي اللقاح مجانا، مؤكدين أن الوقاية والعلاج المبكر يخففان الضغط على المستشفيات.",
)


def _seed(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    return lines[0], "\n".join(lines[1:])


def test_seed_fixtures_present() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seeds_are_politics_and_conflict(path: Path) -> None:
    result = classify(*_seed(path))  # default threshold and top_k
    ids = [t.id for t in result]
    assert "politics" in ids and "conflict" in ids, result
    assert ids.index("politics") < 2 and ids.index("conflict") < 2, result
    assert "sport" not in ids


def test_sports_paragraph_is_sport_not_conflict() -> None:
    result = classify(*SPORT)
    assert result and result[0].id == "sport", result
    assert "conflict" not in [t.id for t in result]
    assert topic_scores(*SPORT)["conflict"] < 0.2


def test_economy_paragraph_is_economy() -> None:
    result = classify(*ECONOMY)
    assert result and result[0].id == "economy", result


def test_health_paragraph_is_health_via_lexicon() -> None:
    assert lexicon_scores(*HEALTH)["health"] > 0.8
    assert "health" not in model_probabilities(*HEALTH)  # the model has no health label
    result = classify(*HEALTH)
    assert result and result[0].id == "health", result


def test_scores_are_in_unit_interval_and_sorted() -> None:
    for title, text in [SPORT, ECONOMY, HEALTH, _seed(SEEDS[0]), ("", ""), ("abc", "123 !!")]:
        scores = topic_scores(title, text)
        assert set(scores) == set(TOPIC_NAMES_AR)
        assert all(0.0 <= s <= 1.0 for s in scores.values())
        result = classify(title, text, threshold=0.0, top_k=17)
        first = topics._scored(title, text)[1] or max(scores, key=lambda t: (scores[t], t))
        assert result[0].id == first  # the first-topic rule's choice, then the others best first
        assert [t.score for t in result[1:]] == sorted((t.score for t in result[1:]), reverse=True)
        assert all(isinstance(t, TopicScore) and t.name_ar == TOPIC_NAMES_AR[t.id] for t in result)


def test_threshold_and_top_k() -> None:
    assert len(classify(*ECONOMY, threshold=0.0, top_k=2)) == 2
    # always answers: the best topic even when nothing passes (was [] before issue 18)
    assert [t.id for t in classify(*ECONOMY, threshold=1.01)] == ["economy"]
    assert classify(*ECONOMY, top_k=0) == []
    limits = topics.thresholds()
    assert all(t.score >= limits[t.id] for t in classify(*ECONOMY, top_k=17)[1:])


@pytest.mark.parametrize("title,text", [("abc", "123 !!"), ("", ""), ("خبر", "قال مصدر اليوم إن الأمر انتهى.")])
def test_every_article_gets_a_topic(title: str, text: str) -> None:
    """Text with no topical vocabulary still gets its best top-level topic (it used to get none)."""
    result = classify(title, text)
    assert len(result) == 1 and result[0].id in TOPIC_NAMES_AR, result
    assert result[0].score == round(max(topic_scores(title, text).values()), 4)


def test_thresholds_are_calibrated_per_model_label() -> None:
    """Model labels carry thresholds and sigmoids fitted on held-out predictions; lexicon labels the default."""
    config = json.loads((topics.DATA_DIR / "model.json").read_text(encoding="utf-8"))
    limits = topics.thresholds()
    for label in config["labels"]:
        assert limits[label] == config["thresholds"][label]
        assert 0.0 < limits[label] < 1.0
        assert len(config["calibration"][label]) == 2
    assert len({limits[label] for label in config["labels"]}) > 1  # really per label, not one constant
    assert all(limits[t] == topics.DEFAULT_THRESHOLD for t in TOPIC_NAMES_AR if t not in config["labels"])


def test_confident_desk_label_damps_the_lexicon() -> None:
    """A celebrity court story: the culture desk label outranks the lexicon's crime_law, which may follow."""
    scores = topics.combine({"arts_culture": 0.7, "sport": 0.01}, {"crime_law": 0.9, "health": 0.1},
                            ("sport", "economy", "science_technology", "arts_culture"))
    assert scores["arts_culture"] == 0.7
    assert scores["crime_law"] == pytest.approx(0.9 * 0.3)
    assert max(scores, key=scores.get) == "arts_culture"
    assert topics.combine({"politics": 0.9}, {"conflict": 0.8}, ("sport",))["conflict"] == 0.8  # not a desk


def test_select_puts_the_rule_s_first_topic_first() -> None:
    scores = {"politics": 0.6, "conflict": 0.5, "health": 0.4}
    limits = dict.fromkeys(scores, 0.45)
    assert topics.select(scores, limits) == [("politics", 0.6), ("conflict", 0.5)]
    assert topics.select(scores, limits, first="health") == [("health", 0.4), ("politics", 0.6), ("conflict", 0.5)]
    assert topics.select(scores, limits, top_k=1, first="conflict") == [("conflict", 0.5)]


def test_first_topic_rule_picks_the_lexicon_or_the_model() -> None:
    """A rule that puts the lexicon first when its best label is ``health``; never without a lexicon hit."""
    labels, lexicon_labels = ("politics", "science_technology"), ("health", "conflict")
    coef = np.zeros(4 + len(lexicon_labels) + len(labels))
    coef[4] = 2.0  # the one-hot of the lexicon's best label health
    rule = topics.FirstTopicRule(lexicon_labels, coef, -1.0)
    p = np.array([[0.1, 0.6], [0.1, 0.6], [0.1, 0.6]])
    lex = np.array([[0.5, 0.1], [0.1, 0.5], [0.0, 0.0]])
    got = topics.first_topics(rule, labels, ("science_technology",), p, lex)
    assert got.tolist() == ["health", "science_technology", "science_technology"]
    assert topics.first_topics(None, labels, (), p, lex).tolist() == ["", "", ""]


def test_shipped_model_carries_a_first_topic_rule() -> None:
    config = json.loads((topics.DATA_DIR / "model.json").read_text(encoding="utf-8"))["first_topic"]
    rule = topics._load_model().first_rule
    assert rule is not None and list(rule.lexicon_labels) == config["lexicon_labels"]
    assert set(rule.lexicon_labels) == set(TOPIC_NAMES_AR) - set(topics._load_model().labels)
    assert len(rule.coef) == 4 + len(rule.lexicon_labels) + len(topics._load_model().labels)
    assert config["desk_weight"] == 0.5 and "alternatives" not in config  # measured beside it, not shipped


def test_shipped_damp_labels_are_the_desks() -> None:
    assert set(topics._load_model().damp_labels) == {"sport", "economy", "science_technology", "arts_culture"}


@pytest.mark.skipif(not ANT.exists(), reason="development data ../shared/data/topics not present")
def test_every_real_ant_article_gets_a_topic() -> None:
    """Every fourth ANT v2 article (all five outlets, all sections) gets at least one topic."""
    lines = ANT.read_text(encoding="utf-8").splitlines()[::4]
    empty = [d["id"] for d in map(json.loads, lines) if not classify(d["title"], d["text"])]
    assert len(lines) > 900 and empty == []


def test_single_document_path_matches_batch_featurise() -> None:
    """The fast per-document arithmetic must equal the trainer's featurise() pipeline."""
    m = topics._load_model()
    for title, text in [SPORT, ECONOMY, _seed(SEEDS[1])]:
        x = topics.featurise([topics.model_input(title, text)], m.word, m.char, m.idf)
        expected = topics.calibrated(m, np.asarray(x @ m.coef_t).ravel() + m.intercept)
        got = model_probabilities(title, text)
        assert np.allclose([got[label] for label in m.labels], expected, atol=1e-5)


def test_trade_war_is_not_conflict() -> None:
    text = "تصاعدت الحرب التجارية بين الولايات المتحدة والصين بعد فرض رسوم جمركية جديدة."
    assert lexicon_scores("الحرب التجارية تهز الأسواق", text).get("conflict", 0.0) == 0.0


def test_normaliser_folds_variants() -> None:
    from pipeline.text.normalise import fold_topic

    assert fold_topic("الإنْسِحَابُ قُوّة إلى") == fold_topic("الانسحاب قوه الي")
    assert fold_topic("كـــرة") == "كره"


def test_shipped_model_is_self_contained_and_small() -> None:
    data = topics.DATA_DIR
    assert data.is_relative_to(Path(topics.__file__).resolve().parent.parent)
    config = json.loads((data / "model.json").read_text(encoding="utf-8"))
    assert set(config["labels"]) <= set(TOPIC_NAMES_AR)
    assert (data / "model.npz").stat().st_size <= 4 * 1024 * 1024  # a few MB in the wheel
    lexicon = yaml.safe_load((data / "lexicon.yaml").read_text(encoding="utf-8"))
    assert set(lexicon["topics"]) <= set(TOPIC_NAMES_AR)
    report = json.loads((data / "REPORT.json").read_text(encoding="utf-8"))
    for system in ("before", "raqib", "baseline"):  # measured side by side, held out by outlet first
        summary = report["summary"][system]
        assert list(summary) == ["source_disjoint", "random"]
        assert set(summary["source_disjoint"]["top1_per_outlet"]) == {
            "Alarabia", "BBC", "CNN", "France24", "SkyNews", "JawharaFM"}
    assert set(report["summary"]["raqib"]["random"]["label_f1"]) == set(config["labels"])
    assert report["summary"]["raqib"]["source_disjoint"]["no_topic"] == 0.0
    notice = (data / "NOTICE.md").read_text(encoding="utf-8")
    assert "ANT corpus v1.1" in notice and "Apache" in notice and "ANT corpus v2.1" in notice


def test_cached_char_hashing_equals_sklearn() -> None:
    """Per-word cached char_wb hashing builds exactly ``HashingVectorizer.transform``'s columns and counts."""
    m = topics._load_model()
    docs = [topics.model_input(*_seed(p)) for p in SEEDS]
    docs += [topics.model_input(*SPORT), "ا", "", "  كلمة \t\n  طويلة-جدا   x  ", "ab abc abcdefgh " * 3]
    for doc in docs:
        ref = m.char.transform([doc])
        idx, counts = topics._char_counts(doc, m.char)
        assert idx.tolist() == ref.indices.tolist()
        assert counts.tolist() == ref.data.tolist()


def test_model_probabilities_equal_the_sparse_featurise_path() -> None:
    m = topics._load_model()
    for title, text in [_seed(p) for p in SEEDS] + [SPORT, ECONOMY, HEALTH]:
        x = topics.featurise([topics.model_input(title, text)], m.word, m.char, m.idf)
        ref = topics.calibrated(m, np.asarray(x @ m.coef_t).ravel() + m.intercept)
        got = model_probabilities(title, text)
        assert np.allclose([got[label] for label in m.labels], ref, atol=1e-5)


def test_token_matches_equal_looking_up_every_form_whole_and_by_prefix() -> None:
    """The cached lexicon matches (prefixes probed on the bases, words that start like no term skipped) are
    the definition's: each of ``_forms`` looked up whole and by every prefix length, heaviest term per topic."""
    lex = topics._load_lexicon()

    def definition(tok: str) -> tuple[tuple[str, str, float], ...]:
        found: dict[tuple[str, str], float] = {}
        for form in topics._forms(tok):
            for topic, w in lex.exact.get(form, ()):
                found[(topic, form)] = w
            for n in lex.prefix_lengths:
                for topic, w in lex.prefix.get(form[:n], ()) if len(form) >= n else ():
                    found[(topic, form[:n] + "*")] = w
        best: dict[str, tuple[str, str, float]] = {}
        for (topic, term), w in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
            best.setdefault(topic, (topic, term, w))
        return tuple(best.values())

    seeds = " ".join(p.read_text(encoding="utf-8") for p in SEEDS)
    words = set(topics._TOKEN.findall(topics.fold_topic(seeds)))
    words |= {c + t + s for t in [*lex.exact, *lex.prefix] for c in ("", "و", "بال", "ولل", "ك")
              for s in ("", "ها", "ات", "هما", "ي")}
    words |= {t[:k] for t in [*lex.exact, *lex.prefix] for k in range(1, len(t))}
    matched = 0
    for word in sorted(words):
        assert topics._token_matches(word) == definition(word), word
        matched += bool(definition(word))
    assert 0 < matched < len(words)


ROBOT = (
    "باحثون يطورون روبوتا صغيرا يعمل بالذكاء الاصطناعي",
    "طور فريق من الباحثين في جامعة طوكيو روبوتا صغيرا يعمل بالذكاء الاصطناعي ويستطيع التنقل داخل الأنابيب "
    "الضيقة، ويقول الفريق إن التقنية الجديدة قد تستخدم يوما ما في علاج مرض السرطان، إلى جانب فحص خطوط "
    "الغاز والمياه. واستخدم المهندسون شرائح إلكترونية وبطارية خفيفة الوزن.",
)


def test_lexicon_profile_tells_a_story_s_topic_from_borrowed_words() -> None:
    """A health campaign has health words in its title and many of them; a robot story borrows a few in its body."""
    from pipeline.text.normalise import fold_topic

    health = topics._lexicon_profile_normalised(fold_topic(HEALTH[0]), fold_topic(HEALTH[1]))["health"]
    robot = topics._lexicon_profile_normalised(fold_topic(ROBOT[0]), fold_topic(ROBOT[1]))
    assert health[0] > 0.2 * health[1] and health[2] >= 8  # title mass, distinct terms
    assert robot["health"][0] == 0.0 and robot["health"][2] <= 3
    assert 0 < robot["health"][1] < health[1]


def test_first_topic_features_add_the_asked_input_groups() -> None:
    p = np.array([[0.1, 0.7, 0.2], [0.5, 0.1, 0.3]])
    lex = np.array([[0.6, 0.2], [0.0, 0.4]])
    profile = np.array([[[1.0, 4.0, 3], [0.0, 1.0, 1]], [[0.0, 0.0, 0], [0.0, 2.0, 2]]])
    base = topics.first_topic_features(p, lex, [1])
    assert base.shape == (2, 4 + 2 + 3)
    every = topics.first_topic_features(p, lex, [1], ("pairs", "where", "margin"), profile)
    assert every.shape == (2, 4 + 2 + 3 + 2 * 3 + 3 + 1)
    np.testing.assert_array_equal(every[:, :9], base)
    pairs = every[:, 9:15]  # (lexicon best, model best): row 0 (0, 1) -> 1; row 1 (1, 0) -> 3
    assert pairs[0].tolist() == [0, 1, 0, 0, 0, 0] and pairs[1].tolist() == [0, 0, 0, 1, 0, 0]
    np.testing.assert_allclose(every[0, 15:18], [0.25, np.log(4), 0.8])  # title share, log1p terms, mass share
    np.testing.assert_allclose(every[1, 15:18], [0.0, np.log(3), 1.0])
    assert every[0, 18] == pytest.approx(np.log(0.7 / 0.3) - np.log(0.2 / 0.8))
    with pytest.raises(ValueError):
        topics.first_topic_features(p, lex, [1], ("where",))


def test_unknown_first_topic_inputs_are_a_configuration_error() -> None:
    from pipeline.errors import ConfigurationError

    config = {"lexicon_labels": ["health"], "coef": [0.0] * 6, "intercept": 0.0, "inputs": ["title_words"]}
    with pytest.raises(ConfigurationError):
        topics.FirstTopicRule.from_config(config)


def test_evidence_intercepts_pull_a_short_text_s_intercepts_to_their_mean() -> None:
    """Round twenty-seven: with no words the margin is the intercept, and sport's is the largest."""
    b = np.array([-1.0, -0.9, -0.6, -10.0])  # the last: an unfitted label, kept and left out of the mean
    mean = np.mean(b[:3])
    assert np.allclose(topics.evidence_intercepts(b, 0, 40.0), [mean, mean, mean, -10.0])
    assert np.allclose(topics.evidence_intercepts(b, 20, 40.0), [(mean + x) / 2 for x in b[:3]] + [-10.0])
    assert np.allclose(topics.evidence_intercepts(b, 40, 40.0), b)
    assert np.allclose(topics.evidence_intercepts(b, 500, 40.0), b)
    assert np.allclose(topics.evidence_intercepts(b, 3, 0.0), b)  # 0: off
    assert np.allclose(topics.evidence_intercepts(b, 500, float("inf")), [mean, mean, mean, -10.0])
    rows = topics.evidence_intercepts(b, np.array([0, 40]), 40.0)
    assert rows.shape == (2, 4) and np.allclose(rows[1], b) and np.allclose(rows[0, :3], mean)
    with_nan = topics.evidence_intercepts(np.array([[-1.0, np.nan, -0.6]]), np.array([0]), 40.0)
    assert np.allclose(with_nan[0, [0, 2]], -0.8) and np.isnan(with_nan[0, 1])


def test_evidence_tokens_count_the_title_once_and_the_body() -> None:
    assert topics.evidence_tokens("ساعة ذكية", "شاهد الفيديو، الآن") == 5
    assert topics.evidence_tokens("", "") == 0


def test_an_empty_text_gets_no_label_from_the_intercepts_alone(monkeypatch) -> None:
    """With ``evidence_tokens`` set, an empty text is ranked by its features alone (every label gets the mean
    intercept, none is preferred by it) and an article longer than it keeps the trained intercepts."""
    import dataclasses

    shipped = topics._load_model()
    long_text = " ".join([SPORT[1]] * 2)
    before = model_probabilities(SPORT[0], long_text)
    monkeypatch.setattr(topics, "_load_model", lambda: dataclasses.replace(shipped, evidence_tokens=40.0))
    empty = model_probabilities("", "")
    x = topics.featurise([topics.model_input("", "")], shipped.word, shipped.char, shipped.idf)
    expected = topics.calibrated(shipped, np.asarray(x @ shipped.coef_t).ravel() + shipped.intercept.mean())
    assert np.allclose([empty[label] for label in shipped.labels], expected, atol=1e-5)
    after = model_probabilities(SPORT[0], long_text)
    assert topics.evidence_tokens(SPORT[0], long_text) > 40
    assert all(abs(after[k] - before[k]) < 1e-9 for k in before)
    assert classify("", "")  # still an answer
