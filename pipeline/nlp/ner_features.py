"""Features of the Arabic NER CRF: word shape, clitic-stripped stems, gazetteer spans, context.

Frozen with the shipped model (``pipeline/data/ner/anercorp_crf.model``): a change here changes the
features the model was trained on, so retrain (``raqib ner train``) after any edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from pipeline.nlp.entities import ORG_HEADS, load_gazetteer
from pipeline.nlp.wordclusters import cluster_features, load_clusters
from pipeline.text.normalise import PROCLITICS_BEFORE_ARTICLE, PROCLITICS_SINGLE, fold_name

_MAX_GAZ_LEN = 5

# Words that announce a person name (ranks, honorifics, offices) or head an organisation name. They
# generalise beyond the 2007 newswire vocabulary: "اللواء تحسين الخفاجي" is a person even if neither
# name was in the training data. Folded forms.
TITLE_TRIGGERS = frozenset(
    """اللواء العقيد العميد الفريق المقدم الرائد النقيب العماد المشير الرئيس الشيخ السيد السيده الدكتور
    الدكتوره الاستاذ المهندس الحاج الامير الملك السلطان الامام سماحه القاضي النائب السفير الجنرال الوزير
    رئيس وزير نائب قائد زعيم محافظ المتحدث الناطق المستشار الفنان الفنانه اللاعب المدافع الحارس المهاجم
    المدرب الكاتب الروائي الشاعر المخرج الممثل الممثله المطرب المطربه الصحفي الاعلامي المفكر الباحث
    النجم النجمه الراقصه السيناريست السينارست المحامي الناشط الكابتن""".split()
)
# Words after which a sports club or a company is named ("فريق العربي", "مضيفه ليون", "شركتي تويوتا"):
# the name itself is often a common word or a city, so the word before it carries the evidence.
CLUB_TRIGGERS = frozenset(
    "نادي فريق منتخب مضيفه ضيفه لفريق بنادي لنادي فريقه ناديه منافسه شركتي مجموعه علامه".split()
)
ORG_TRIGGERS = ORG_HEADS


# --------------------------------------------------------------------------------------------- features


#: every character in the Arabic block (the empty word too): one C-level match, not a generator per character
_ARABIC_ONLY = re.compile("[\u0600-\u06ff]*").fullmatch


def _shape(word: str) -> str:
    """Coarse script/shape class: Arabic, Latin (case), digits, punctuation, mixed."""
    if word.isdigit():
        return "D"
    if _ARABIC_ONLY(word):
        return "A"
    if word.isascii() and word.isalpha():
        return "Lu" if word[0].isupper() else "Ll"
    if not any(c.isalnum() for c in word):
        return "P"
    return "M"


def _stems(norm: str) -> tuple[str, str]:
    """(word without a leading conjunction/preposition clitic, bare stem without clitics and ال)."""
    no_conj = norm
    for pre in PROCLITICS_BEFORE_ARTICLE if norm.startswith(PROCLITICS_BEFORE_ARTICLE) else ():
        if norm.startswith(pre) and len(norm) > len(pre) + 1:
            no_conj = "ال" + norm[len(pre):]
            break
    else:
        if norm.startswith("لل") and len(norm) > 3:
            no_conj = "ال" + norm[2:]
        elif norm[:1] in ("و", "ف") and len(norm) > 3:
            no_conj = norm[1:]
    return no_conj, _bare(no_conj)


def _bare(no_conj: str) -> str:
    """The stem without ال, of a word already without its conjunction/preposition clitic (``_stems``)."""
    return no_conj[2:] if no_conj.startswith("ال") and len(no_conj) > 3 else no_conj


def cluster_key(norm: str) -> str:
    """The form a folded word has in the word-cluster table: without a clitic before the article or a leading
    conjunction ("والعراق" and "بالعراق" -> "العراق"), so glued forms share their word's class."""
    return _stems(norm)[0]


def _segment(norm: str, known: Callable[[str], bool]) -> str:
    """The word without ``و``/``ف`` and then ``ب``/``ل``/``ك`` proclitics when what remains is a known word.

    "بافغانستان" -> "افغانستان", "وبدارفور" -> "دارفور": the bare form finds the gazetteer entry and the
    word class that the glued form misses. Unknown remainders keep the word whole ("وليد" stays).
    """
    best = norm
    rest = norm
    for clitics in ("وف", "بلك"):
        if rest[:1] in clitics and len(rest) > 4:
            rest = rest[1:]
            if known(rest):
                best = rest
    return best


# Gazetteer classes the CRF sees. Not the PERS/ORG/LOC/MISC entity lists: they come from NewsFANE, which
# re-annotates most ANERcorp stories (81 % of the document-disjoint dev's sentences share an 8-word run with
# it), so they hand the CRF the answers of any ANERcorp evaluation (dev micro F1 0.804 with them, 0.666
# without, same features otherwise) and teach it to trust a list that covers 3 in 4 training entities but
# far fewer on unseen news. Name lists, countries and Iraqi places are independent of the corpus.
FEATURE_CLASSES = ("COUNTRY", "FIRST", "IRAQ", "LAST")


@lru_cache(maxsize=1)
def _gaz_index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(single-word entry -> classes, multi-word entry -> classes) of the gazetteer's ``FEATURE_CLASSES``."""
    single: dict[str, set[str]] = {}
    multi: dict[str, set[str]] = {}
    gazetteer = load_gazetteer()
    for cls in FEATURE_CLASSES:
        entries = gazetteer.get(cls, frozenset())
        for e in entries:
            (multi if " " in e else single).setdefault(e, set()).add(cls)
            if e.startswith("ال") and " " not in e and len(e) > 4:
                single.setdefault(e[2:], set()).add(cls)  # article-less variant: "عراق" in "لعراق"
    return ({k: tuple(sorted(v)) for k, v in single.items()}, {k: tuple(sorted(v)) for k, v in multi.items()})


@lru_cache(maxsize=1)
def _gaz_first_lengths() -> dict[str, frozenset[int]]:
    """First word of each multi-word gazetteer entry -> the entry lengths (in words) starting with it."""
    lengths: dict[str, set[int]] = {}
    for entry in _gaz_index()[1]:
        words = entry.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return {first: frozenset(ls) for first, ls in lengths.items()}


def _gaz_spans(norms: Sequence[str], no_conj: Sequence[str]) -> list[list[str]]:
    """Longest-match multi-word gazetteer hits as per-token ``gB:CLS`` / ``gI:CLS`` features."""
    feats: list[list[str]] = [[] for _ in norms]
    for i, fs in _gaz_span_hits(norms, no_conj).items():
        feats[i] = fs
    return feats


_MAX_ORG_CHAIN = 4


def _org_chain_hits(norms: Sequence[str], no_conj: Sequence[str], feats: dict[int, list[str]]) -> None:
    """Mark the noun phrase an institution head governs: "وزارة الخارجية الروسية", "المجلس الاعلي للقوات".

    Head (``oB``), then up to four definite words or ``لل`` genitives (``oI``); the last one gets ``oE``.
    Features only: the CRF weighs them against everything else. In place.
    """
    if ORG_TRIGGERS.isdisjoint(no_conj) and ORG_TRIGGERS.isdisjoint(norms):
        return  # most sentences name no institution: two C-level set passes
    n = len(norms)
    for i in range(n):
        if no_conj[i] not in ORG_TRIGGERS and norms[i] not in ORG_TRIGGERS:
            continue
        j = i + 1
        while j < n and j - i <= _MAX_ORG_CHAIN and norms[j].startswith(("ال", "لل")) and len(norms[j]) > 3:
            feats.setdefault(j, []).append("oI")
            j += 1
        feats.setdefault(i, []).append("oB" if j > i + 1 else "oB0")
        if j > i + 1:
            feats[j - 1].append("oE")


def _gaz_span_hits(norms: Sequence[str], no_conj: Sequence[str]) -> dict[int, list[str]]:
    """Position-dependent features as {token index: features} for the tokens that have any (most have none):
    longest-match gazetteer spans and institution-head chains."""
    feats: dict[int, list[str]] = {}
    _org_chain_hits(norms, no_conj, feats)
    first_lengths = _gaz_first_lengths()
    if first_lengths.keys().isdisjoint(no_conj) and first_lengths.keys().isdisjoint(norms):
        return feats
    starts = [i for i, (a, b) in enumerate(zip(no_conj, norms, strict=True))
              if a in first_lengths or b in first_lengths]
    if not starts:
        return feats
    _, multi = _gaz_index()
    empty: frozenset[int] = frozenset()
    n = len(norms)
    next_free = 0  # a token inside a matched entry cannot start another one
    for i in starts:
        if i < next_free:
            continue
        candidates = first_lengths.get(no_conj[i], empty) | first_lengths.get(norms[i], empty)
        for length in sorted((ln for ln in candidates if ln <= min(_MAX_GAZ_LEN, n - i)), reverse=True):
            rest = norms[i + 1:i + length]
            classes = multi.get(" ".join((no_conj[i], *rest))) or multi.get(" ".join((norms[i], *rest)))
            if classes:
                for cls in classes:
                    feats.setdefault(i, []).append("gB:" + cls)
                    for j in range(i + 1, i + length):
                        feats.setdefault(j, []).append("gI:" + cls)
                next_free = i + length
                break
    return feats


@lru_cache(maxsize=16_384)  # ~2 KB each: a worker's memory must stay bounded (word scores have their own cache)
def _token_features(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(features of the token itself, shorter features reused by neighbours in the context window).

    Cached: news vocabulary is Zipfian, so most tokens of an article were seen before in the process.
    """
    norm, no_conj = _norm_and_stem(word)  # the CRF's caller has made them for the same tokens (cached)
    bare = _bare(no_conj)
    single, _ = _gaz_index()
    table = load_clusters()
    seg = _segment(norm, lambda w: w in single or w in table)
    shape = _shape(word)
    own = [
        "w=" + word,
        "n=" + norm,
        "nc=" + no_conj,
        "b=" + bare,
        "sh=" + shape,
        "len=" + str(min(len(norm), 8)),
        "p2=" + norm[:2],
        "p3=" + norm[:3],
        "s1=" + norm[-1:],
        "s2=" + norm[-2:],
        "s3=" + norm[-3:],
        "bp2=" + bare[:2],
        "bs2=" + bare[-2:],
        "bp3=" + bare[:3],
        "bs3=" + bare[-3:],
    ]
    if seg != norm:
        own.extend(("sg=" + seg, "sgp3=" + seg[:3], "sgs3=" + seg[-3:]))
    clusters = cluster_features(norm, no_conj, seg, bare)
    own.extend(clusters)
    ctx = ["n=" + norm, "nc=" + no_conj, "sh=" + shape, *clusters[:2]]
    if norm.startswith(PROCLITICS_SINGLE):  # most words start with none: one C-level test
        for pre in PROCLITICS_SINGLE:
            if norm.startswith(pre) and len(norm) > len(pre) + 1:
                own.append("pre=" + pre)
                break
    if norm.endswith(("يون", "يين", "ية", "يه")):
        own.append("nisba_pl")
    if norm.endswith("ي") and len(norm) > 3:
        own.append("nisba")
        ctx.append("nisba")
    if no_conj in CLUB_TRIGGERS:
        ctx.append("club")
    if no_conj in TITLE_TRIGGERS:
        own.append("title")
        ctx.append("title")
    if no_conj in ORG_TRIGGERS:
        own.append("orgtrig")
        ctx.append("orgtrig")
    if norm in single or no_conj in single or seg in single or bare in single:
        for cls in sorted({c for form in (norm, no_conj, seg, bare) for c in single.get(form, ())}):
            own.append("g:" + cls)
            ctx.append("g:" + cls)
    return tuple(own), tuple(ctx)


@lru_cache(maxsize=16_384)
def _context_features(word: str) -> tuple[tuple[str, ...], ...]:
    """A word's context features pre-prefixed for each window offset -2, -1, +1, +2 (cached)."""
    ctx = _token_features(word)[1]
    return tuple(tuple(f"{off}:{f}" for f in ctx) for off in _OFFSETS)


_OFFSETS = (-2, -1, 1, 2)


def sentence_features(tokens: Sequence[str]) -> list[list[str]]:
    """Features per token: own features, ±2 context, bigrams and gazetteer spans."""
    per = [_token_features(t) for t in tokens]
    ctx = [_context_features(t) for t in tokens]
    norms = [p[1][0][2:] for p in per]
    no_conj = [p[1][1][3:] for p in per]
    spans = _gaz_spans(norms, no_conj)
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *per[i][0], *spans[i]]
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for k, off in enumerate(_OFFSETS):
            j = i + off
            if 0 <= j < n:
                feats.extend(ctx[j][k])
                if spans[j]:
                    feats.extend(f"{off}:{f}" for f in spans[j])
            else:
                feats.append(f"{off}:PAD")
        if i > 0:
            feats.append("bg-=" + norms[i - 1] + "|" + norms[i])
        if i + 1 < n:
            feats.append("bg+=" + norms[i] + "|" + norms[i + 1])
        out.append(feats)
    return out


@lru_cache(maxsize=65_536)
def _norm_and_stem(token: str) -> tuple[str, str]:
    """(``fold_name``, the folded word without a conjunction/preposition clitic: ``_stems``' first)."""
    norm = fold_name(token)
    return norm, _stems(norm)[0]
