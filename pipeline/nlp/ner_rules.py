"""Rules applied after the NER CRF: names after rank titles, curated institutions and places.

Only tokens the model tagged O are ever changed, so the rules add recall without overriding the CRF. Kept apart
from ``ner`` so that the tagging module stays one screenful of training and decoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pipeline.nlp.entities import DATA_DIR
from pipeline.nlp.ner_features import _norm_and_stem
from pipeline.text.normalise import fold_name

CURATED_PATH = DATA_DIR / "curated.tsv"
# Military ranks and honorifics that are followed by a person's name in Arabic news ("اللواء تحسين
# الخفاجي"). The 2007 training newswire rarely has them, and many modern names are also common words
# (تحسين = "improvement"), so the CRF alone misses these; a rule recovers them. Folded forms. Not "الفريق"
# (lieutenant general, but far more often "the team": in the build part's first 3,224 sentences the rule put a
# name after it 27 times, right once: "الفريق سيقاطع", "الفريق بلاعبين"); the CRF still sees it as a title.
RANK_TITLES = frozenset(
    """اللواء العقيد العميد المقدم الرائد النقيب الملازم العماد المشير الجنرال الشيخ الدكتور
    الحاج""".split()
)
_RANK_FILLERS = frozenset("اول الاول ثاني الثاني الركن ركن".split())
_NAME_STOP = frozenset(
    """في من على علي الى الي عن ان انه ان إن اذ اذا قد لقد كان الذي التي الذين مع بين خلال بعد قبل عند
    حيث كما لكن او ثم هو هي عام العام قائد رئيس وزير مدير المتحدث الناطق ممثل نائب مستشار امين قال
    اكد اضاف اعلن اوضح ذكر اشار اليوم امس""".split()
)
_NAME_JOIN = frozenset("عبد ابو ابي ابن بن بنت ال".split())
_MAX_NAME_TOKENS = 4


def _is_word(tok: str) -> bool:
    return tok.isalpha() or all(c.isalpha() or "\u064b" <= c <= "\u0652" or c == "\u0640" for c in tok)


def _rank_name_end(norms: Sequence[str], tokens: Sequence[str], i: int) -> int:
    """End (exclusive) of the name after a rank title at ``i - 1``, or ``i`` when none is recognised."""
    end = i
    while end < len(tokens) and end - i < _MAX_NAME_TOKENS:
        w = norms[end]
        if not _is_word(tokens[end]) or w in _NAME_STOP or (w[:1] == "و" and len(w) > 4 and end > i):
            break
        end += 1
        # a family name in ال...ي (الخفاجي, المحمداوي) closes the name
        if w.startswith("ال") and w.endswith("ي") and len(w) > 4 and w not in _NAME_JOIN:
            break
    while end > i and norms[end - 1] in _NAME_JOIN:
        end -= 1
    return end


@lru_cache(maxsize=1)
def _curated() -> dict[str, str]:
    """Folded curated names -> type (institutions and places the 2007 training data cannot know)."""
    out: dict[str, str] = {}
    if CURATED_PATH.exists():
        for line in CURATED_PATH.read_text(encoding="utf-8").splitlines():
            typ, _, name = line.partition("\t")
            if name and not line.startswith("#"):
                out[" ".join(fold_name(name).split())] = typ
    return out


@lru_cache(maxsize=1)
def _curated_lengths() -> dict[str, tuple[int, ...]]:
    """First word of each curated name -> the name lengths (in words) starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for key in _curated():
        words = key.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}


def postprocess(tokens: Sequence[str], tags: Sequence[str],
                pairs: Sequence[tuple[str, str]] | None = None) -> list[str]:
    """Add entities the CRF left as O: names after rank titles and curated institutions/places.

    Only tokens the model tagged O are ever changed, so the rules add recall without overriding it.
    ``pairs``: the tokens' ``_norm_and_stem``, when the caller has them.
    """
    out = list(tags)
    if pairs is None:
        pairs = [_norm_and_stem(t) for t in tokens]
    norms = [p[0] for p in pairs]
    stems = [p[1] for p in pairs]
    curated = _curated()
    first_lengths = _curated_lengths()
    i = 0  # the first token not yet inside a name the rules added
    for k in [k for k, stem in enumerate(stems) if stem in first_lengths or stem in RANK_TITLES]:
        if k < i:  # only a curated name's first word or a rank title starts a rule
            continue
        i = k + 1
        matched = 0
        for length in first_lengths.get(stems[k], ()):
            if length > len(tokens) - k:
                continue
            if all(t == "O" for t in out[k:k + length]):
                typ = curated.get(" ".join((stems[k], *norms[k + 1:k + length])))
                if typ:
                    out[k:k + length] = [f"B-{typ}"] + [f"I-{typ}"] * (length - 1)
                    matched = length
                    break
        if matched:
            i = k + matched
            continue
        if stems[k] in RANK_TITLES and out[k] == "O":
            j = k + 1
            while j < len(tokens) and norms[j] in _RANK_FILLERS:
                j += 1
            end = _rank_name_end(norms, tokens, j)
            if end > j and all(t == "O" for t in out[j:end]):
                out[j:end] = ["B-PERS"] + ["I-PERS"] * (end - j - 1)
                i = end
    return out
