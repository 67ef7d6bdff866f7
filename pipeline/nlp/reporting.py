"""Reporting verbs as morphology: every past, present and hal-participle form with its clitics, in one lexicon.

Each verb is given as a past, a present stem after the person prefix and a participle stem (weak verbs by
hand); the lexicon maps every inflected surface (قال/قالت/قالوا، يقول/تقول/يقولون، سيقول، قائلا/قائلة/قائلين),
with و/ف (ل/س before the present), folded, to its base, kind, gender and number. ``triggers`` finds them in
a text with one translate, one regex pass and a dict look-up per word.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.text.normalise import ARABIC_LETTERS, WORD_MARKS, fold_match, fold_match_in_place_span

_DIAC = f"[{WORD_MARKS}]*"
_LETTER = ARABIC_LETTERS

# Regular reporting verbs: base -> (past, present stem after the person prefix, hal-participle stem).
VERBS: dict[str, tuple[str, str, str]] = {
    "أكد": ("أكد", "ؤكد", "مؤكد"), "أوضح": ("أوضح", "وضح", "موضح"), "أشار": ("أشار", "شير", "مشير"),
    "أضاف": ("أضاف", "ضيف", "مضيف"), "صرح": ("صرح", "صرح", "مصرح"), "أعلن": ("أعلن", "علن", "معلن"),
    "شدد": ("شدد", "شدد", "مشدد"), "لفت": ("لفت", "لفت", "لافت"), "بين": ("بين", "بين", "مبين"),
    "ذكر": ("ذكر", "ذكر", "مذكر"), "تابع": ("تابع", "تابع", ""), "أفاد": ("أفاد", "فيد", "مفيد"),
    "كشف": ("كشف", "كشف", "كاشف"), "اعتبر": ("اعتبر", "عتبر", "معتبر"), "نبه": ("نبه", "نبه", "منبه"),
    "أردف": ("أردف", "ردف", "مردف"), "استدرك": ("استدرك", "ستدرك", "مستدرك"), "ختم": ("ختم", "ختم", ""),
    "اختتم": ("اختتم", "ختتم", "مختتم"), "حذر": ("حذر", "حذر", "محذر"), "أقر": ("أقر", "قر", "مقر"),
    "اعترف": ("اعترف", "عترف", "معترف"), "لاحظ": ("لاحظ", "لاحظ", "ملاحظ"), "أبرز": ("أبرز", "برز", "مبرز"),
    "نوه": ("نوه", "نوه", "منوه"), "أورد": ("أورد", "ورد", ""), "علق": ("علق", "علق", "معلق"),
    "زعم": ("زعم", "زعم", "زاعم"), "واصل": ("واصل", "واصل", ""), "استطرد": ("استطرد", "ستطرد", "مستطرد"),
    "نقل": ("نقل", "نقل", ""), "جاء": ("جاء", "", ""), "أبلغ": ("أبلغ", "", ""), "أخبر": ("أخبر", "خبر", ""),
    "كتب": ("كتب", "كتب", ""), "غرد": ("غرد", "غرد", ""),  # only before a colon and a quote: ``written_speech``
}
# Weak verbs, inflected by hand: base -> (past 3ms, 3fs, 3mp, 3md), present stem, participles (m, f, pl).
WEAK_VERBS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "قال": (("قال", "قالت", "قالوا", "قالا"), "قول", ("قائلا", "قائلة", "قائلين")),
    "نفى": (("نفى", "نفت", "نفوا", "نفيا"), "نفي", ("نافيا", "نافية", "نافين")),
    "رأى": (("رأى", "رأت", "رأوا", "رأيا"), "رى", ()),
    "مضى": (("مضى", "مضت", "مضوا"), "مضي", ()),
    "ادعى": (("ادعى", "ادعت", "ادعوا"), "دعي", ("مدعيا", "مدعية", "مدعين")),
}
_PASSIVES = {"قيل": "قال", "يقال": "قال", "أفيد": "أفاد", "يفاد": "أفاد", "أشير": "أشار"}
_ATTRIBUTIONS = ("بحسب", "حسب", "حسبما", "وفق", "وفقا", "طبقا")


class Form(NamedTuple):
    base: str
    kind: str  # past | present | part | passive | attr
    fem: bool
    plural: bool
    prefix: int  # length of the و/ف clitic


def _inflections() -> list[tuple[str, str, str, bool, bool]]:
    """(surface, base, kind, fem, plural) for every reporting form, unprefixed."""
    out = []
    for base, (past, pres, part) in VERBS.items():
        out += [(past + suf, base, "past", fem, pl) for suf, fem, pl in
                (("", False, False), ("ت", True, False), ("وا", False, True))]
        if pres:  # not "تبيّن أن" (it turned out that)
            out += [(pre + pres + suf, base, "present", pre == "ت", suf == "ون") for pre, suf in
                    (("ي", ""), ("ت", ""), ("ي", "ون")) if pre + pres != "تبين"]
        if part:
            out += [(part + suf, base, "part", suf == "ة", suf == "ين") for suf in ("ا", "ة", "ين")]
    for base, (pasts, pres, parts) in WEAK_VERBS.items():
        out += [(f, base, "past", i == 1, i >= 2) for i, f in enumerate(pasts)]
        out += [("ي" + pres, base, "present", False, False), ("ت" + pres, base, "present", True, False)]
        out += [(f, base, "part", i == 1, i == 2) for i, f in enumerate(parts)]
    out += [(f, base, "passive", False, False) for f, base in _PASSIVES.items()]
    out += [("بالقول", "قال", "part", False, False)]  # "وربط الخبير بين ... بالقول إن": like a participle
    return out + [(f, f, "attr", False, False) for f in _ATTRIBUTIONS]


def _lexicon() -> dict[str, Form]:
    lex: dict[str, Form] = {}
    for surface, base, kind, fem, plural in _inflections():
        word = fold_match(surface)
        clitics = ["", "و", "ف"] + (["س", "وس", "فس", "ل", "ول"] if kind == "present" else [])
        for pre in clitics:
            if pre == "ف" and (word in ("رات", "بين") or kind == "attr"):
                continue  # "فرات"، "فبين"، "فحسب": not verbs
            key = pre + word
            if key not in lex or (not pre and lex[key].prefix):
                lex[key] = Form(base, kind, fem, plural, 1 if pre[:1] in ("و", "ف") else 0)
    return lex


LEX = _lexicon()
_SCAN_WORD = re.compile(rf"[{_LETTER}\u0640]+")
_CONJUNCTION = re.compile(rf"^[وف]{_DIAC}")


class Trig(NamedTuple):
    start: int  # of the word, clitic included
    end: int
    word: str  # as written, without the و/ف clitic
    form: Form


def triggers(text: str) -> list[Trig]:
    """Reporting words in text order: one translate, one regex pass and a dict look-up per word."""
    out = []
    folded = fold_match_in_place_span(text)  # same length: offsets hold (the fold the speaker rules cut spans from)
    words = _SCAN_WORD.finditer(folded)  # a word with tatweel is looked up without it; most texts have none:
    found = [m for m in words if m[0].replace("\u0640", "") in LEX] if "\u0640" in folded else \
        [m for m in words if m[0] in LEX]  # a dict test per word in one comprehension; the few hits below
    for m in found:
        key = m.group()
        form = LEX[key.replace("\u0640", "")]
        if key != "نقل" or re.search(r"\sعن(?:ه|ها)?\s", text[m.end() : m.end() + 120]):
            raw = text[m.start() : m.end()]
            word = _CONJUNCTION.sub("", raw) if form.prefix else raw
            if form.kind == "past" and len(word) > 2 and word[1] == "\u064f":  # "أُعلن"، "ذُكر": passive
                form = form._replace(kind="passive")
            out.append(Trig(m.start(), m.end(), word, form))
    return out
