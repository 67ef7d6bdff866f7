"""Multi-label topic classification over the IPTC Media Topics top level.

Two transparent parts, both shipped in ``pipeline/data/topics/`` so nothing is read from the network
or from development-only data at run time:

* a linear model (hashed word + character n-grams, TF-IDF, one linear SVM per label) for the labels
  the training corpora (ANT v1/v2) actually cover, each label's margin turned into a probability by
  a sigmoid fitted on outlet-held-out predictions; weights are stored as a compressed ``.npz`` plus
  a JSON config (per-label calibration and thresholds) and loaded without pickle;
* a weighted Arabic keyword lexicon (``lexicon.yaml``) for the labels no corpus covers.

Combination rule (documented in ``pipeline/data/topics/PROVENANCE.md``):

* a model label's score is the model's calibrated probability;
* a lexicon label's score is ``lexicon_score * damp_factor(...)``, ``(1 - max p(desk label)) ** damp_power``
  or its ``desk_share`` form (``DAMP_FORMS``): sport, economy, technology and culture reporting borrow
  other topics' vocabulary (war words in a match report, court words in a celebrity story, disease
  words in a science story), so a confident desk prediction damps the lexicon. The power and the form
  are chosen by the trainer on outlet-held-out predictions of its training outlets, by desk accuracy
  and by accuracy on general-news articles judged by reading (see ``bench/train_topics.py``).
* the **first** topic is decided by a learned rule (``FirstTopicRule``): a logistic regression over the
  model's and the lexicon's confidences and their best labels says whether the lexicon's best label or the
  model's best label comes first. It is fitted on outlet-held-out predictions of the training outlets
  (desk articles and general-news articles judged by reading), so a health story the model half reads as
  technology and a medical-research story a technology desk filed are told apart by more than one power.

``classify`` always answers: the first topic, even when no score passes its label's threshold, then the
others passing theirs, best first.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import yaml
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from pipeline.errors import ConfigurationError
from pipeline.models import TopicScore
from pipeline.resources import shipped
from pipeline.text.normalise import PROCLITICS_TOPIC, fold_topic

DATA_DIR = shipped("pipeline", "data", "topics")

TOPIC_NAMES_AR: dict[str, str] = {
    "politics": "سياسة",
    "conflict": "نزاعات وحروب",
    "crime_law": "جريمة وقانون",
    "economy": "اقتصاد",
    "health": "صحة",
    "sport": "رياضة",
    "science_technology": "علوم وتكنولوجيا",
    "environment": "بيئة",
    "disaster": "كوارث وحوادث",
    "education": "تعليم",
    "religion": "دين",
    "arts_culture": "فنون وثقافة",
    "society": "مجتمع",
    "labour": "عمل",
    "weather": "طقس",
    "lifestyle": "أسلوب حياة",
    "human_interest": "قصص إنسانية",
}

_SPACES = re.compile(r"\s+")
_WHITESPACE = re.compile(r"\s\s+")  # HashingVectorizer's own white-space rule
_TOKEN = re.compile(r"\w+")


MAX_BODY_CHARS = 2000  # the lead carries the topic; capping keeps long articles fast


def model_input(title: str, text: str) -> str:
    """The exact string the model sees (shared with the trainer): title twice, then the body's start."""
    return _model_input_normalised(fold_topic(title or ""), fold_topic(text or ""))


def _model_input_normalised(title_n: str, body_n: str) -> str:
    return f"{title_n} . {title_n} . {body_n[:MAX_BODY_CHARS]}"


# --- Model ----------------------------------------------------------------------------------------


DEFAULT_THRESHOLD = 0.35  # lexicon labels (no labelled data to calibrate on) and uncalibrated models


@dataclass(frozen=True)
class _Model:
    labels: tuple[str, ...]
    word: HashingVectorizer
    char: HashingVectorizer
    idf: np.ndarray  # (n_word + n_char,)
    coef_t: np.ndarray  # (n_word + n_char, n_labels), C-contiguous so a document's rows gather fast
    intercept: np.ndarray  # (n_labels,)
    calib_a: np.ndarray  # (n_labels,) p = sigmoid(a * margin + b)
    calib_b: np.ndarray  # (n_labels,)
    thresholds: dict[str, float]  # per model label, calibrated on held-out predictions
    damp_labels: tuple[str, ...]  # desk labels whose confidence damps the lexicon labels
    damp_power: float  # lexicon labels are scaled by damp_factor(..., damp_power, damp_form)
    damp_form: str  # DAMP_FORMS: what the damping is measured on
    first_rule: FirstTopicRule | None  # decides the first topic; None: the best score comes first
    evidence_tokens: float = 0.0  # word tokens at which the intercepts count in full (0: always; evidence_intercepts)


@dataclass(frozen=True)
class FirstTopicRule:
    """Lexicon's best label or model's best label first: ``coef · first_topic_features + intercept > 0``."""

    lexicon_labels: tuple[str, ...]  # the lexicon columns the one-hot features follow
    coef: np.ndarray
    intercept: float
    inputs: tuple[str, ...] = ()  # RULE_INPUTS groups beside the base inputs (none: the base 21)

    @classmethod
    def from_config(cls, config: dict | None) -> FirstTopicRule | None:
        if not config:
            return None
        inputs = tuple(config.get("inputs", ()))
        if set(inputs) - set(RULE_INPUTS):
            raise ConfigurationError(f"topic model: unknown first-topic inputs {inputs!r} (known: {RULE_INPUTS})")
        return cls(tuple(config["lexicon_labels"]), np.array(config["coef"], dtype=np.float64),
                   float(config["intercept"]), inputs)


#: optional input groups of ``FirstTopicRule`` (``first_topic_features``): ``pairs``, which (lexicon label,
#: model label) pair is best, one-hot; ``where``, where the best lexicon label's hits are (share of its mass
#: from the title, distinct terms, share of the article's lexicon mass); ``margin``, the model's best label's
#: logit over its second best
RULE_INPUTS = ("pairs", "where", "margin")


def make_vectorizers(config: dict) -> tuple[HashingVectorizer, HashingVectorizer]:
    """Stateless hashed vectorizers built from the JSON config (shared with the trainer)."""
    common = {"alternate_sign": False, "norm": None, "lowercase": False}
    word = HashingVectorizer(
        analyzer="word",
        ngram_range=tuple(config["word_ngram_range"]),
        n_features=config["word_n_features"],
        token_pattern=r"(?u)\b\w\w+\b",
        **common,
    )
    char = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=tuple(config["char_ngram_range"]),
        n_features=config["char_n_features"],
        **common,
    )
    return word, char


def featurise(docs: list[str], word: HashingVectorizer, char: HashingVectorizer, idf: np.ndarray):
    """Sublinear TF-IDF over hashed word and char n-grams, L2-normalised per document."""
    from scipy import sparse

    x = sparse.hstack([word.transform(docs), char.transform(docs)], format="csr")
    x.data = np.log1p(x.data)
    x = x.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ x


@lru_cache(maxsize=1)
def _load_model() -> _Model:
    """Load once per process: the arrays are a few MB and loading is the slow part."""
    config = json.loads((DATA_DIR / "model.json").read_text(encoding="utf-8"))
    with np.load(DATA_DIR / "model.npz", allow_pickle=False) as z:
        idf = z["idf"].astype(np.float32)
        coef_t = np.ascontiguousarray(z["coef"].astype(np.float32).T)
        intercept = z["intercept"].astype(np.float32)
    word, char = make_vectorizers(config)
    return model_from_arrays(config, idf, coef_t, intercept)


def model_from_arrays(config: dict, idf: np.ndarray, coef_t: np.ndarray, intercept: np.ndarray) -> _Model:
    """A model from its config and arrays (the trainer builds fold models the same way it ships one)."""
    labels = tuple(config["labels"])
    calib = config.get("calibration", {})
    damp_form = str(config.get("damp_form", "desk"))
    if damp_form not in DAMP_FORMS:
        raise ConfigurationError(f"topic model: unknown damp_form {damp_form!r} (expected one of {DAMP_FORMS})")
    word, char = make_vectorizers(config)
    return _Model(
        labels, word, char, idf, coef_t, intercept,
        np.array([calib.get(lb, [1.0, 0.0])[0] for lb in labels], dtype=np.float32),
        np.array([calib.get(lb, [1.0, 0.0])[1] for lb in labels], dtype=np.float32),
        {lb: float(config.get("thresholds", {}).get(lb, DEFAULT_THRESHOLD)) for lb in labels},
        tuple(config.get("damp_labels", ["sport"])),
        float(config.get("damp_power", 1.0)),
        damp_form,
        FirstTopicRule.from_config(config.get("first_topic")),
        float(config.get("evidence_tokens", 0.0)),
    )


def evidence_tokens(title_n: str, body_n: str) -> int:
    """Word tokens of the folded title (once) and body: how much an article says (``evidence_intercepts``)."""
    return len(_TOKEN.findall(title_n)) + len(_TOKEN.findall(body_n))


def evidence_intercepts(intercept: np.ndarray, n_tokens, full_at: float) -> np.ndarray:
    """The section model's intercepts for articles of ``n_tokens`` words (a number or (rows,)): each label's
    pulled toward the labels' mean by ``1 - min(1, n / full_at)`` (``full_at`` 0: unchanged; inf: the mean).

    Why: with few features a linear margin is mostly its intercept, and the largest is ``sport``'s, so a video
    blurb or an opinion stub whose body is a disclaimer came out as sport. Without the intercepts' differences
    a near-empty text is ranked by its words alone; a full article keeps the trained intercepts. Unfitted
    labels (NaN, or the trainer's -10) keep theirs and stay out of the mean.
    """
    b = np.asarray(intercept, dtype=np.float64)
    if not full_at:
        return b
    fitted = ~np.isnan(b) & (b != -10.0)
    mean = np.where(fitted, b, 0.0).sum(axis=-1, keepdims=True) / np.maximum(fitted.sum(axis=-1, keepdims=True), 1)
    keep = np.minimum(1.0, np.asarray(n_tokens, dtype=np.float64) / full_at) if math.isfinite(full_at) else 0.0
    keep = np.asarray(keep)[..., None] if np.ndim(keep) else keep
    return np.where(fitted, mean + keep * (b - mean), b)


def calibrated(model: _Model, margins: np.ndarray) -> np.ndarray:
    """Per-label probabilities from raw linear margins (any leading shape)."""
    return 1.0 / (1.0 + np.exp(-(model.calib_a * margins + model.calib_b)))


@lru_cache(maxsize=32_768)  # bounded: a long-running worker meets new words (names, numbers) forever
def _char_wb_indices(word: str, min_n: int, max_n: int, n_features: int) -> np.ndarray:
    """Hashed ``char_wb`` n-gram columns of one word, exactly as ``HashingVectorizer`` computes them.

    char_wb n-grams never cross a word boundary, so a document's columns are the concatenation of its
    words' columns: cached per word, the vocabulary repeats (sklearn re-hashes every n-gram per call), as a
    read-only array (one ``np.concatenate`` joins them: a third of the cost of reading every int) of int32, the
    dtype of sklearn's column indices (half the bytes of int64 to join and sort).
    """
    w = " " + word + " "
    w_len = len(w)
    out: list[int] = []
    for n in range(min_n, max_n + 1):
        offset = 0
        grams = [w[offset:offset + n]]
        while offset + n < w_len:
            offset += 1
            grams.append(w[offset:offset + n])
        for g in grams:
            h = murmurhash3_32(g, seed=0)
            out.append((2147483647 - (n_features - 1)) % n_features if h == -2147483648 else abs(h) % n_features)
        if offset == 0:  # a short word is counted once, as in sklearn
            break
    cols = np.array(out, dtype=np.int32)
    cols.flags.writeable = False  # shared by every document with the word
    return cols


def _char_counts(doc: str, char: HashingVectorizer) -> tuple[np.ndarray, np.ndarray]:
    """(sorted column indices, counts as float64) of ``char.transform([doc])`` without the per-call hashing."""
    min_n, max_n = char.ngram_range
    n_features = char.n_features
    words = [_char_wb_indices(w, min_n, max_n, n_features) for w in _WHITESPACE.sub(" ", doc).split()]
    cols = np.concatenate(words) if words else np.empty(0, dtype=np.int32)
    idx, counts = np.unique(cols, return_counts=True)
    return idx, counts.astype(np.float64)


def model_probabilities(title: str, text: str) -> dict[str, float]:
    """Per-label probabilities of the linear model (only the labels it was trained on).

    Same arithmetic as ``featurise`` but gathering only the weight rows of the document's non-zero
    features: scipy's sparse-times-dense path copied the whole weight matrix on every call (5x slower).
    """
    return _model_probabilities_normalised(fold_topic(title or ""), fold_topic(text or ""))


def _model_probabilities_normalised(title_n: str, body_n: str) -> dict[str, float]:
    m = _load_model()
    doc = _model_input_normalised(title_n, body_n)
    w = m.word.transform([doc])
    c_idx, c_data = _char_counts(doc, m.char)
    idx = np.concatenate([w.indices, c_idx + w.shape[1]])
    vals = np.log1p(np.concatenate([w.data, c_data])) * m.idf[idx]
    norm = float(np.sqrt(vals @ vals)) or 1.0
    intercept = (evidence_intercepts(m.intercept, evidence_tokens(title_n, body_n), m.evidence_tokens)
                 if m.evidence_tokens else m.intercept)
    probs = calibrated(m, (vals / norm) @ m.coef_t[idx] + intercept)
    return {label: float(p) for label, p in zip(m.labels, probs, strict=True)}


# --- Lexicon --------------------------------------------------------------------------------------

_SUFFIXES = ("هما", "ات", "ين", "ون", "ان", "يه", "ها", "هم", "ه", "ي")
LEXICON_SCALE = 4.0  # length-normalised weighted hits at which a topic reaches ~0.63
LEXICON_REF_TOKENS = 150  # articles longer than this are normalised by sqrt(length / 150)


@dataclass(frozen=True)
class _Lexicon:
    exact: dict[str, list[tuple[str, float]]]  # normalised word -> [(topic, weight)]
    prefix: dict[str, list[tuple[str, float]]]  # normalised stem -> [(topic, weight)]
    prefix_lengths: tuple[int, ...]
    phrases: list[tuple[str, str, float]]  # (normalised phrase, topic, weight)
    # First three letters of the single-word terms, and the two-letter terms: every form ``_token_matches``
    # looks up is a prefix of one of the token's bases, so a match needs a base starting like a term.
    # None when a term is shorter than two letters (then no such test).
    heads: frozenset[str] | None = None
    pairs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _load_lexicon() -> _Lexicon:
    """Parse lexicon.yaml: ``term`` matches the word (clitics stripped), ``stem*`` matches a prefix."""
    raw = yaml.safe_load((DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8"))
    exact: dict[str, list[tuple[str, float]]] = {}
    prefix: dict[str, list[tuple[str, float]]] = {}
    phrases: list[tuple[str, str, float]] = []
    for topic, terms in raw["topics"].items():
        if topic not in TOPIC_NAMES_AR:
            raise ValueError(f"lexicon.yaml: unknown topic id {topic!r}")
        for term, weight in terms.items():
            is_prefix = term.endswith("*")
            norm = fold_topic(term.rstrip("*"))
            if " " in norm:
                phrases.append((f" {norm} ", topic, float(weight)))
            else:
                (prefix if is_prefix else exact).setdefault(norm, []).append((topic, float(weight)))
    lengths = tuple(sorted({len(s) for s in prefix}, reverse=True))
    terms = [*exact, *prefix]
    heads = None if any(len(t) < 2 for t in terms) else frozenset(t[:3] for t in terms if len(t) >= 3)
    return _Lexicon(exact, prefix, lengths, phrases, heads, frozenset(t for t in terms if len(t) == 2))


def _forms(token: str) -> set[str]:
    """The token, the token without one proclitic, and each of those without one suffix."""
    bases = _bases(token)
    forms = set(bases)
    for b in bases:
        for s in _SUFFIXES:
            if b.endswith(s) and len(b) - len(s) >= 2:
                forms.add(b[: -len(s)])
    return forms


def _bases(token: str) -> set[str]:
    """The token and the token without one proclitic (``_forms`` strips one suffix from each of them)."""
    bases = {token}
    if token.startswith(PROCLITICS_TOPIC):
        for p in PROCLITICS_TOPIC:
            if token.startswith(p) and len(token) - len(p) >= 2:
                bases.add(token[len(p) :])
    return bases


@lru_cache(maxsize=65_536)  # bounded (tests/test_memory_bounds.py); most words match nothing
def _token_matches(tok: str) -> tuple[tuple[str, str, float], ...]:
    """(topic, term, weight) a token contributes: its heaviest matching term per topic (cached per token).

    Each of ``_forms`` is looked up whole and by its prefixes; a form without a suffix has the prefixes of its
    base up to its own length, so the prefixes are probed on the bases alone (same matches, fewer look-ups).
    """
    lex = _load_lexicon()
    bases = _bases(tok)
    heads, pairs = lex.heads, lex.pairs
    if heads is not None and not any(b[:3] in heads or b[:2] in pairs for b in bases):
        return ()  # most words: no base starts like any term, so neither it nor a form cut from it matches
    found: dict[tuple[str, str], float] = {}
    forms = set(bases)
    for b in bases:
        if b.endswith(_SUFFIXES):
            forms.update(b[: -len(s)] for s in _SUFFIXES if b.endswith(s) and len(b) - len(s) >= 2)
        for n in lex.prefix_lengths:
            if len(b) >= n:
                for topic, w in lex.prefix.get(b[:n], ()):
                    found[(topic, b[:n] + "*")] = w
    for form in forms:
        for topic, w in lex.exact.get(form, ()):
            found[(topic, form)] = w
    seen: set[str] = set()
    out = []
    for (topic, term), w in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
        if topic not in seen:
            seen.add(topic)
            out.append((topic, term, w))
    return tuple(out)


LEXICON_MAX_TOKENS = 1500  # bounds the cost of very long articles; the topic is set long before


def _lexicon_hits_normalised(title_n: str, body_n: str) -> tuple[dict[str, dict[str, tuple[int, float]]], int]:
    lex = _load_lexicon()
    title_tokens = _TOKEN.findall(title_n)
    body_tokens = _TOKEN.findall(body_n)[:LEXICON_MAX_TOKENS]
    tokens = title_tokens * 2 + body_tokens
    hits: dict[str, dict[str, tuple[int, float]]] = {}

    def add(topic: str, term: str, weight: float, n: int = 1) -> None:
        count = hits.setdefault(topic, {}).get(term, (0, weight))[0]
        hits[topic][term] = (count + n, weight)

    for tok in tokens:
        for topic, term, w in _token_matches(tok):
            add(topic, term, w)
    joined = " " + " ".join(tokens) + " "
    present = set(tokens)  # a phrase whose first word is no token of the article occurs nowhere in it
    for phrase, topic, w in lex.phrases:
        c = joined.count(phrase) if phrase[1:phrase.find(" ", 1)] in present else 0
        if c:
            add(topic, phrase.strip(), w, c)
    return hits, len(tokens)


def lexicon_scores(title: str, text: str) -> dict[str, float]:
    """Per-topic score in [0, 1) from weighted keyword hits, normalised for article length.

    Each matched term counts ``weight * (1 + ln(count))`` (repeats matter, with diminishing returns);
    title tokens are counted twice. The sum is divided by ``sqrt(max(n, 150) / 150)`` for an article
    of ``n`` tokens, and mapped to ``1 - exp(-sum / LEXICON_SCALE)``.
    """
    return _lexicon_scores_normalised(fold_topic(title or ""), fold_topic(text or ""))


def _lexicon_scores_normalised(title_n: str, body_n: str) -> dict[str, float]:
    hits, n_tokens = _lexicon_hits_normalised(title_n, body_n)
    length_norm = math.sqrt(max(n_tokens, LEXICON_REF_TOKENS) / LEXICON_REF_TOKENS)
    scores = {}
    for topic, terms in hits.items():
        h = sum(w * (1.0 + math.log(c)) for c, w in terms.values())
        scores[topic] = 1.0 - math.exp(-max(h, 0.0) / length_norm / LEXICON_SCALE)
    return scores


def _lexicon_profile_normalised(title_n: str, body_n: str) -> dict[str, tuple[float, float, int]]:
    """Per topic with a hit: (term mass from the title alone, term mass, distinct terms).

    The mass is the unnormalised sum ``lexicon_scores`` maps to a score. Where the hits are tells a desk
    story's borrowed vocabulary (a few disease words deep in a science story) from a story's own topic (in
    its title, many distinct terms, most of its lexicon mass): the ``where`` inputs of ``FirstTopicRule``.
    """
    def mass(hits: dict[str, dict[str, tuple[int, float]]]) -> dict[str, float]:
        return {t: sum(w * (1.0 + math.log(c)) for c, w in terms.values()) for t, terms in hits.items()}

    hits, _ = _lexicon_hits_normalised(title_n, body_n)
    title = mass(_lexicon_hits_normalised(title_n, "")[0]) if hits else {}
    return {t: (title.get(t, 0.0), m, len(hits[t])) for t, m in mass(hits).items()}


def lexicon_profiles(articles: list[tuple[str, str]], lexicon_labels: tuple[str, ...]) -> np.ndarray:
    """(articles, ``lexicon_labels``, 3): ``_lexicon_profile_normalised`` of (title, text) pairs, for the trainer."""
    out = np.zeros((len(articles), len(lexicon_labels), 3))
    for i, (title, text) in enumerate(articles):
        found = _lexicon_profile_normalised(fold_topic(title or ""), fold_topic(text or ""))
        out[i] = [found.get(t, (0.0, 0.0, 0)) for t in lexicon_labels]
    return out


# --- Public API -----------------------------------------------------------------------------------


#: how a lexicon label is damped, with d = max p(desk label) and g = max p(other model label):
#: ``desk``: (1 - d) ** power; ``desk_share``: (1 - d / (d + g)) ** power, so a desk label the model
#: holds at 0.3 damps a science story (g small) but hardly a crime story it reads as politics (g large)
DAMP_FORMS = ("desk", "desk_share")


def damp_factor(desk_p, other_p, power: float, form: str = "desk"):
    """The lexicon labels' multiplier (floats or numpy arrays alike; shared with the trainer)."""
    if form == "desk":
        return (1.0 - desk_p) ** power
    if form == "desk_share":
        return (1.0 - desk_p / np.maximum(desk_p + other_p, 1e-9)) ** power
    raise ConfigurationError(f"topic model: unknown damp_form {form!r} (expected one of {DAMP_FORMS})")


def combine(
    probs: dict[str, float], lex: dict[str, float], damp_labels: tuple[str, ...], damp_power: float = 1.0,
    damp_form: str = "desk",
) -> dict[str, float]:
    """Every topic id's score in [0, 1]: model labels from ``probs``, the others from ``lex`` damped."""
    desk_p = max((probs.get(t, 0.0) for t in damp_labels), default=0.0)
    other_p = max((p for t, p in probs.items() if t not in damp_labels), default=0.0)
    damp = float(damp_factor(desk_p, other_p, damp_power, damp_form))
    scores = {t: probs[t] if t in probs else lex.get(t, 0.0) * damp for t in TOPIC_NAMES_AR}
    return {t: min(max(s, 0.0), 1.0) for t, s in scores.items()}


def _logit(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 1e-4, 1.0 - 1e-4)
    return np.log(x / (1.0 - x))


def first_topic_features(p: np.ndarray, lex: np.ndarray, desk_cols: list[int], inputs: tuple[str, ...] = (),
                         profile: np.ndarray | None = None) -> np.ndarray:
    """(rows, 4 + lexicon labels + model labels [+ ``inputs``]) inputs of ``FirstTopicRule`` (shared with the
    trainer).

    ``p``: model probabilities (rows, model labels); ``lex``: lexicon scores (rows, lexicon labels).
    Logits of the best desk label's, the best other model label's, the best lexicon label's and the best
    model label's scores, then which lexicon label and which model label are best (one-hot); then the
    ``RULE_INPUTS`` groups asked for, in that order. ``profile`` (rows, lexicon labels, 3): each label's
    ``_lexicon_profile_normalised`` (needed for ``where``).
    """
    other_cols = [j for j in range(p.shape[1]) if j not in desk_cols]
    desk_p = p[:, desk_cols].max(axis=1) if desk_cols else np.zeros(len(p))
    other_p = p[:, other_cols].max(axis=1) if other_cols else np.zeros(len(p))
    scores = [_logit(desk_p), _logit(other_p), _logit(lex.max(axis=1)), _logit(p.max(axis=1))]
    lex_best, model_best = lex.argmax(axis=1), p.argmax(axis=1)
    columns = [*scores, np.eye(lex.shape[1])[lex_best], np.eye(p.shape[1])[model_best]]
    if "pairs" in inputs:
        columns.append(np.eye(lex.shape[1] * p.shape[1])[lex_best * p.shape[1] + model_best])
    if "where" in inputs:
        if profile is None:
            raise ValueError("first_topic_features: the where inputs need the lexicon profile")
        best = profile[np.arange(len(p)), lex_best]  # (rows, 3): title mass, mass, distinct terms
        columns += [best[:, 0] / np.maximum(best[:, 1], 1e-9), np.log1p(best[:, 2]),
                    best[:, 1] / np.maximum(profile[:, :, 1].sum(axis=1), 1e-9)]
    if "margin" in inputs:
        top2 = np.sort(p, axis=1)[:, -2:] if p.shape[1] > 1 else np.hstack([np.zeros((len(p), 1)), p])
        columns.append(_logit(top2[:, 1]) - _logit(top2[:, 0]))
    return np.column_stack(columns)


def first_topics(rule: FirstTopicRule | None, labels: tuple[str, ...], damp_labels: tuple[str, ...],
                 p: np.ndarray, lex: np.ndarray, profile: np.ndarray | None = None) -> np.ndarray:
    """Per row, the topic id the rule puts first ("" without a rule: the best score comes first).

    Rows without any lexicon hit keep the model's best label. ``profile``: as ``first_topic_features``.
    """
    if rule is None:
        return np.full(len(p), "", dtype=object)
    desk_cols = [labels.index(t) for t in damp_labels if t in labels]
    x = first_topic_features(p, lex, desk_cols, rule.inputs, profile)
    lexicon_first = x @ rule.coef + rule.intercept > 0
    lexicon_first &= lex.max(axis=1) > 0
    names_lex = np.array(rule.lexicon_labels, dtype=object)[lex.argmax(axis=1)]
    names_model = np.array(labels, dtype=object)[p.argmax(axis=1)]
    return np.where(lexicon_first, names_lex, names_model)


def _scored(title: str, text: str) -> tuple[dict[str, float], str]:
    """(every topic id's score, the first topic or ""): the model, the lexicon and the first-topic rule."""
    title_n, body_n = fold_topic(title or ""), fold_topic(text or "")  # once for model and lexicon
    probs = _model_probabilities_normalised(title_n, body_n)
    lex = _lexicon_scores_normalised(title_n, body_n)
    model = _load_model()
    needs_profile = model.first_rule is not None and "where" in model.first_rule.inputs
    profile = _lexicon_profile_normalised(title_n, body_n) if needs_profile else None
    return scores_and_first(model, probs, lex, profile)


def scores_and_first(model: _Model, probs: dict[str, float], lex: dict[str, float],
                     profile: dict[str, tuple[float, float, int]] | None = None) -> tuple[dict[str, float], str]:
    """``combine``'s scores and the rule's first topic ("" without a rule; shared with the trainer).

    A lexicon label the rule puts first keeps its undamped lexicon score: the rule found the damping
    does not apply to this article. ``profile``: ``_lexicon_profile_normalised`` (rules with ``where``).
    """
    scores = combine(probs, lex, model.damp_labels, model.damp_power, model.damp_form)
    rule = model.first_rule
    if rule is None:
        return scores, ""
    first = str(first_topics(rule, model.labels, model.damp_labels,
                             np.array([[probs.get(t, 0.0) for t in model.labels]]),
                             np.array([[lex.get(t, 0.0) for t in rule.lexicon_labels]]),
                             None if profile is None else
                             np.array([[profile.get(t, (0.0, 0.0, 0)) for t in rule.lexicon_labels]]))[0])
    if first in rule.lexicon_labels:
        scores[first] = min(max(lex.get(first, 0.0), 0.0), 1.0)
    return scores, first


def topic_scores(title: str, text: str) -> dict[str, float]:
    """Score every topic id in [0, 1] with the documented model + lexicon combination rule."""
    return _scored(title, text)[0]


def thresholds() -> dict[str, float]:
    """Each topic id's decision threshold: calibrated for model labels, the default for lexicon labels."""
    return {t: _load_model().thresholds.get(t, DEFAULT_THRESHOLD) for t in TOPIC_NAMES_AR}


def select(scores: dict[str, float], limits: dict[str, float], top_k: int = 3,
           first: str = "") -> list[tuple[str, float]]:
    """``first`` (else the best topic) always, then the others passing their threshold, best first,
    at most ``top_k``."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if first:
        ranked = [(first, scores[first])] + [(t, s) for t, s in ranked if t != first]
    return [(t, s) for i, (t, s) in enumerate(ranked[: max(top_k, 0)]) if i == 0 or s >= limits[t]]


def classify(title: str, text: str, threshold: float | None = None, top_k: int = 3) -> list[TopicScore]:
    """The first topic, then every topic passing its threshold (``threshold`` overrides them all)."""
    scores, first = _scored(title, text)
    limits = thresholds() if threshold is None else dict.fromkeys(TOPIC_NAMES_AR, threshold)
    return [TopicScore(id=t, score=round(s, 4), name_ar=TOPIC_NAMES_AR[t])
            for t, s in select(scores, limits, top_k, first)]
