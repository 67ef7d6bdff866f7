"""Where a speaker span ends: boundary rules applied to a subject phrase that ``speakers`` has already found.

A subject phrase found by its words alone may stop short of the holder's name or run on into the clause:

* a title set off before its holder's name by commas ("رد مدرب المنتخب البرازيلي، تيتي، على") stops at the comma
  although the name, closed by a second comma, is the person whose words follow (``apposed_name_end``).

* a time phrase ends the speaker: a date ("عام 2015", ``speaker_words.dated``) or the noun مرة of frequency,
  "once"/"again" ("قال آرا غولر ذات مرة،"، "وزير الخارجية الأمريكي، مايك بومبيو، مرة أخرى"): an adverbial
  accusative, never part of a name (``timed``).

Each rule reads the words' shape (definiteness, NER types, the closing punctuation), never a list of names.
"""

from __future__ import annotations

from pipeline.models import Entity
from pipeline.nlp.speaker_words import ADVERBS, CLAUSE_STARTS, RANKS, RELATIVES, TITLES, dated

Tok = tuple[str, str, int, int]  # raw, folded, start, end (as ``speakers.tokens`` gives them)

_COMMAS = frozenset("،,")
_APPOSED_NAME_MAX = 3  # words of an untagged name in apposition ("تيتي"، "جان إيف لودريان")


def _bare_name_word(tok: Tok) -> bool:
    """A word that can be part of an untagged name: letters only, no article, no title, no clause word."""
    w = tok[1]
    return w.isalpha() and not w.startswith(("ال", "لل", "بال", "وال")) and w not in TITLES and w not in RANKS \
        and w not in CLAUSE_STARTS and w not in RELATIVES and w not in ADVERBS


def _nationality(tok: Tok) -> bool:
    """ "البرازيلي"، "الكرواتي": a definite nisba adjective, which may open an apposed name."""
    w = tok[1]
    return w.startswith("ال") and w.endswith("ي") and len(w) > 5


def apposed_name_end(toks: list[Tok], k: int, ents: list[Entity], closed: bool = True) -> int | None:
    """End index of a name in apposition at ``toks[k]`` (a comma) after a title phrase, closed by a second comma:
    "المدير الرياضي لنادي ميلان الإيطالي، البرازيلي ليوناردو، الباب": the holder's name is the speaker's.

    The name is a PERS entity (after an optional nationality adjective) or up to three bare words; the closing
    comma tells the apposition from the clause going on ("وزير الخارجية، ثم قال" has none); ``closed=False``: the
    stretch already ends where the name does (a span another rule cut)."""
    if k + 1 >= len(toks) or toks[k][1] not in _COMMAS:
        return None
    j = k + 1 + (k + 2 < len(toks) and _nationality(toks[k + 1]))
    pers = next((x for x in ents if x.type == "PERS" and x.start == toks[j][2]), None)
    if pers is not None:
        end = max(n for n in range(j, len(toks)) if toks[n][3] <= pers.end or n == j) + 1
    elif j == k + 1:
        end = j
        while end < len(toks) and end - j < _APPOSED_NAME_MAX and _bare_name_word(toks[end]):
            end += 1
        if end == j:
            return None
    else:
        return None
    if end == len(toks) and not closed:
        return end
    return end if end < len(toks) and toks[end][1] in _COMMAS else None


def titled_apposition(toks: list[Tok], j: int, k: int | None, ents: list[Entity]) -> int | None:
    """End of a verb's subject ``toks[j:k]`` taken on past a name in apposition when the subject is a title phrase
    with no person of its own ("رد مدرب المنتخب البرازيلي، تيتي، على"); else ``k``. A PERS entity behind ل
    ("الرئيس التنفيذي لفيسبوك") is the tagger reading a company as a person, not the title's holder."""
    if k is None or toks[j][1] not in TITLES or any(t[1][:1] != "ل" and _in_pers(ents, t[2]) for t in toks[j:k]):
        return k
    return apposed_name_end(toks, k, ents) or k


def _in_pers(ents: list[Entity], pos: int) -> bool:
    return any(x.type == "PERS" and x.start <= pos < x.end for x in ents)


def company_then_holder(toks: list[Tok], i: int, ents: list[Entity]) -> bool:
    """ "الرئيس التنفيذي لفيسبوك، #مارك_زوكربيرغ، التحقيق": a comma after a "person" behind ل (the tagger's
    reading of a company the title belongs to) opens the holder's name, not the verb's object."""
    return toks[i][1] in _COMMAS and toks[i - 1][1][:1] == "ل" and apposed_name_end(toks, i, ents, False) is not None


_TIME_OF = "ذات"  # folded: "ذات مرة", "ذات يوم" (once, one day): ذات governing a time noun
_ONCE = frozenset(("مره", "مرات"))  # folded مرة/مرات: the noun of frequency


def timed(folded: list[str], i: int) -> bool:
    """Does ``folded[i]`` open a time phrase that ends a speaker span: a date, "ذات مرة"/"ذات يوم", or مرة with
    the feminine adjective agreeing with it ("مرة أخرى"، "مرة ثانية"; not "لأول مرة مع")? A noun of frequency
    with its own adjective is adverbial; a speaker's name holds neither."""
    if dated(folded, i):
        return True
    w, nxt = folded[i], (folded[i + 1] if i + 1 < len(folded) else "")
    if w == _TIME_OF:
        return nxt in _ONCE or nxt in ("يوم", "ليله", "صباح", "مساء")
    return w in _ONCE and nxt.isalpha() and not nxt.startswith("ال") and nxt.endswith(("ه", "ي"))  # agrees: أخرى
