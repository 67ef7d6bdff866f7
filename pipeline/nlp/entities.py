"""Entity canonicalisation and in-article mention linking.

Analysts aggregate by entity, so "اللواء تحسين الخفاجي", "تحسين الخفاجى" and a later bare "الخفاجي"
must share one canonical form. Canonical forms are orthographically folded (see ``fold_name``),
lose honorific/rank prefixes and leading conjunction/preposition clitics, and keep the article ال
(places and family names are written with it: العراق, الخفاجي).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.models import Entity
from pipeline.resources import shipped
from pipeline.text.normalise import PROCLITICS_PREPOSITION_ARTICLE, fold_name

DATA_DIR = shipped("pipeline", "data", "ner")
GAZETTEER_PATH = DATA_DIR / "gazetteer.tsv"

# Honorifics and ranks, in folded form. Only stripped from the start of a PERS mention, and never when
# nothing would remain (so an entity that *is* a title, e.g. an ORG "الرئاسه", is untouched).
_TITLES = frozenset(
    """اللواء العقيد العميد الفريق المقدم الرائد النقيب الملازم العماد المشير الركن اول الاول ثاني
    الرئيس الشيخ السيد السيده الدكتور الدكتوره د الاستاذ الاستاذه المهندس الحاج الامير الاميره الملك
    الملكه السلطان الامام سماحه فضيله معالي سياده القاضي المحامي النائب السفير المستشار الجنرال الكولونيل
    البروفيسور الاب البابا الوزير الوزيره""".split()
)
# Titles that govern a following noun phrase ("رئيس الوزراء", "وزير الخارجيه", "قائد الشرطه").
_HEAD_TITLES = frozenset("رئيس رئيسه وزير وزيره نائب قائد زعيم مدير محافظ امين عضو سفير مستشار".split())
_NISBA = frozenset(
    """العراقي الامريكي الاميركي التركي الايراني السوري اللبناني الاردني المصري السعودي الكويتي
    الروسي الفرنسي البريطاني الالماني الصيني الاسرائيلي الفلسطيني القطري الاماراتي اليمني الكردي
    الاسبق السابق الحالي الجديد العام الاعلى الاول""".split()
)
# Head nouns of organisation names (folded). A و/ب/ل in front of them is always a clitic.
ORG_HEADS = frozenset(
    """وزاره قياده هيئه مجلس حزب جامعه شركه منظمه وكاله قوات جيش لجنه مفوضيه اتحاد حركه جبهه بنك صندوق
    محكمه برلمان مكتب دائره مديريه جهاز تحالف ائتلاف مؤسسه معهد مركز صحيفه قناه اذاعه""".split()
)
_CONJ = ("و", "ف")
_CANONICAL_CACHE = 16_384  # mentions (a few hundred bytes each): a bounded share of a worker's memory


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> dict[str, frozenset[str]]:
    """Read the shipped ``class<TAB>entry`` gazetteer (normalised entries) once per process."""
    gaz: dict[str, set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            cls, _, entry = line.partition("\t")
            if entry:
                gaz.setdefault(cls, set()).add(entry)
    return {k: frozenset(v) for k, v in gaz.items()}


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Single-word gazetteer entries: used to decide whether a bare و/ب/ل prefix is a clitic."""
    return frozenset(e for entries in load_gazetteer().values() for e in entries if " " not in e)


def strip_clitics(word: str) -> str:
    """Remove leading conjunction/preposition clitics from a folded word, keeping the article.

    وال/بال/كال/فال -> ال and لل -> ال always (the letters after them are a definite noun); a bare
    و/ف/ب/ل is only dropped when the remainder is a known name or place, because many names start with
    those letters (وليد, بغداد, لبنان).
    """
    for pre in PROCLITICS_PREPOSITION_ARTICLE:
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return "ال" + word[len(pre):]
    for pre in ("ولل", "فلل", "لل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return "ال" + word[len(pre):]
    if len(word) > 3 and word[0] in "وفبل" and word not in _known_words():
        rest = word[1:]
        if rest in _known_words() or rest in ORG_HEADS:
            return rest
        inner = rest[1:]
        known_inner = inner in _known_words() or inner in ORG_HEADS
        if word[0] in _CONJ and len(word) > 4 and rest[0] in "بل" and known_inner:
            return inner
    return word


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading honorifics/ranks (and the noun phrase a head title governs) while a name remains."""
    i = 0
    while i < len(words) - 1:
        w = words[i]
        if w in _TITLES or (w == "د." or w == "د"):
            i += 1
        elif w in _HEAD_TITLES:
            i += 1
            # "رئيس الوزراء", "وزير الخارجيه": governed ال-nouns, but always keep the last word.
            while i < len(words) - 1 and words[i].startswith("ال"):
                i += 1
        elif i > 0 and w in _NISBA:
            i += 1
        else:
            break
    return words[i:]


@lru_cache(maxsize=_CANONICAL_CACHE)
def canonicalize(text: str, type: str) -> str:  # noqa: A002 - "type" matches Entity.type
    """Folded, title-free, clitic-free form of a mention, used to aggregate mentions of one entity.

    Cached (bounded): news names its people and places again and again, and the answer depends on the
    mention alone."""
    words = fold_name(text).replace("ـ", "").split()
    words = [w for w in (w.strip(".,،؛:\"'«»“”()[]") or w for w in words) if w]
    if not words:
        return fold_name(text).strip()
    words[0] = strip_clitics(words[0])
    if type == "PERS":
        words = _strip_titles(words)
        words[0] = strip_clitics(words[0])
    return " ".join(words)


def link_mentions(entities: list[Entity]) -> list[Entity]:
    """Give a short PERS mention the canonical of a full name in the same article that it ends.

    "الخفاجي" after "تحسين الخفاجي" gets canonical "تحسين الخفاجي". With several candidate full names
    the closest preceding one wins (news introduces a person fully, then uses the surname), else the
    closest following one.
    """
    full = [(e.start, e.canonical.split()) for e in entities if e.type == "PERS"]
    out: list[Entity] = []
    for e in entities:
        words = e.canonical.split()
        if e.type != "PERS" or not words:
            out.append(e)
            continue
        cands = [(start, c) for start, c in full if len(c) > len(words) and c[-len(words):] == words]
        if not cands:
            out.append(e)
            continue
        before = [x for x in cands if x[0] < e.start]
        start, best = max(before) if before else min(cands)
        out.append(e.model_copy(update={"canonical": " ".join(best)}))
    return out
