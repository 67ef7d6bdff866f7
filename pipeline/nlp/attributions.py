"""The source an attribution word names: "..., بحسب/حسب/وفق (ما أفاد به) X" and "وبحسب X، ..." make a clause a
statement of X when X is a source (a person, a body, a document, or what the words say was said); "حسب الاختصاص"
(by competence) names none (moved out of :mod:`pipeline.nlp.statements`, which makes the statement)."""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import sources, written_speech
from pipeline.nlp import speakers as sp
from pipeline.nlp.quotes import INTRO_WORD
from pipeline.nlp.reporting import LEX, Trig
from pipeline.nlp.speaker_words import stem

_PRONOUN_SOURCES = sp.fold_set("قوله قولها قولهم تعبيره تعبيرها تقديره تقديرها رأيه رأيها زعمه وصفه روايته روايتها")
_GOVERNS_LAM = frozenset({"وفقا", "طبقا"})  # "وفق" also takes its noun directly: "وفق لوائح"
# A word holding the second person ("بك"، "لديكم"، "اهتماماتك"): the reader addressed is never a source.
_SECOND_PERSON = re.compile(r"^(?:ب|ل|علي|من|عن|عند|لدي|في|مع)(?:ك|كم|كن)$|.ات(?:ك|كم)$")
_EACH = sp.fold_set("كل لكل")


def not_a_source(words: list[str]) -> bool:
    """ "حسب كل ولاية" (depending on each state), "حسب الموقع الخاص بك" (your location), "وفقا اهتماماتك": a
    distributive "each" (كل before an indefinite noun; not "كل من X و Y", both of them) or a phrase holding the
    second person says by what something varies, not who said it (folded words of the phrase)."""
    each = len(words) > 1 and words[0] in _EACH and not words[1].startswith("ال") and words[1] != "من"
    return each or any(not w.startswith("ال") and _SECOND_PERSON.search(w) for w in words)


def source(text: str, t: Trig, end: int, ents: list[Entity],
           known: list[Speaker]) -> tuple[tuple[int, int], Speaker] | None:
    """The source named after an attribution word, when it is one (not "حسب الاختصاص")."""
    toks = sp.tokens(text, t.end, end)
    i, said = 0, t.form.base == "حسبما"
    if i < len(toks) and toks[i][1] in ("ل", "لما", "ما"):
        said = said or toks[i][1] != "ل"
        i += 1
    if said and i < len(toks):
        if not reporting_word(toks[i][1]) or written_speech.no_writer_after([tok[1] for tok in toks], i):
            return None  # "بحسب ما كتبت على صفحتها": no source named, she wrote it
        jaa = toks[i][1] == "جاء"
        i += 1 + (i + 1 < len(toks) and (toks[i + 1][1] in ("به", "عنه") or jaa and toks[i + 1][1] == "في"))
    if i >= len(toks) or toks[i][1] in _PRONOUN_SOURCES:
        return None
    intro = INTRO_WORD.search(text, toks[i][2], end)
    end = intro.start() if intro else end  # "وحسب بلاغ ... وزارة الداخلية فإنّه ..."
    commas = [n for n in range(i, len(toks)) if toks[n][1] in "،,"] if not said else []
    if len(commas) > 1 and sp.name_run(toks, commas[0] + 1) == commas[1]:
        commas = commas[1:]  # "بحسب رئيسة اللجنة، مارغريت فيستاجر، إن": the name in apposition
    stop = min(end, toks[commas[0]][2] if commas else end)
    span = sp.find_np(text, toks[i][2], stop, ents, told=False)
    if span is None:
        return None
    words = [tok[1] for tok in sp.tokens(text, *span)]
    if words[0].startswith("لل") and len(words[0]) > 3:
        words[0] = "ال" + words[0][2:]  # "وفقا للبنك": البنك
    if not_a_source(words):
        return None
    after = sp.tokens(text, span[1], span[1] + 40)
    cited = len(after) > 1 and after[0][1] in sp.RELATIVES and reporting_word(after[1][1])
    if not (said or cited or any(w in sp.TITLES for w in words[:2]) or stem(words[0]) in sp.DOCS
            or sp.in_entity(ents, span[0])):
        return None
    relay = sources.relayed_source(text, span, end, ents, known) if said else None  # "ما نقلته CNN عن"
    found = relay or sources.doc_source(text, span, end, ents, known)
    lam = t.form.base in _GOVERNS_LAM  # "وفقا لآخر تقارير": the ل is the attribution's
    return (found[0], sources.without_preposition(found[1], lam)) if found else None


def reporting_word(w: str) -> bool:
    """A reporting verb, possibly with an object pronoun ("أكده"، "أوردته"، "أفاد"), or "جاء"."""
    for suffix in ("", "ه", "ته", "تها", "ها"):
        if w.endswith(suffix) and (form := LEX.get(w[: len(w) - len(suffix)] if suffix else w)):
            return form.kind in ("past", "present", "passive")
    return False
