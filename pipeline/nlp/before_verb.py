"""The person-like subject before an unprefixed verb ("وكان X قد أعلن أن"، "X الذي أفاد بأن"، "الخفاجي بيّن أن"),
and the noun phrase a relative pronoun refers to. Moved out of ``speakers`` (which finds the speaker after the verb)
so each stays within its size; ``preverbal`` reads the same stretch by the grammar of a noun-first clause.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp import speaker_words
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (
    ADVERBS,
    CLAUSE_STARTS,
    DEFINITE,
    QUOTES,
    RELATIVES,
    TITLES,
    WORD_MARKS_RE,
    feminine_verb,
    plural_verb,
)
from pipeline.nlp.speaker_words import percent_at as _percent_at
from pipeline.nlp.speakers import (
    Tok,
    build_speaker,
    earlier_name,
    entity_starts,
    find_np,
    in_entity,
    sentence_start,
    speakerish,
    tokens,
)

# A relative pronoun with the (gender is feminine, number is plural) a verb agreeing with its antecedent shows.
_BARE_RELATIVES = {"الذي": (False, False), "التي": (True, False), "الذين": (False, True)}


def subject_before(text: str, pos: int, ents: list[Entity], known: list[Speaker], marked: bool) -> Speaker | None:
    """Speaker before an unprefixed verb: "وكان X قد أعلن أن"، "X الذي أفاد بأن" (``marked``), "الخفاجي بيّن أن"."""
    ss = sentence_start(text, pos, 250)
    toks = tokens(text, max(ss, pos - 150), pos)  # a subject is short: its clause start is near
    while toks and toks[-1][1] in ("قد", "كان", "كانت", "،", ","):
        toks.pop()
    if toks and toks[-1][1] in RELATIVES:  # "التقارير التي انتشرت ...، والتي أشارت": the first one's antecedent
        first = next((j for j in range(len(toks) - 2, -1, -1) if toks[j][1] == toks[-1][1][1:]), None)
        return antecedent(text, toks[: first if toks[-1][1][:1] == "و" and first else -1], ents, known)
    if toks and toks[-1][1] in ("ما", "لما", "بما", "مما", "عما"):
        return None
    cut = max((i + 1 for i, t in enumerate(toks) if t[1] in ("كان", "وكان", "وكانت", "كانت", "أن", "ان", "لكن",
               "ولكن") or t[0] in ("فإن", "بينما")), default=0)  # "بينما الكاتب الساخر أحمد رجب أكد"، "ولكن لوف قال"
    if cut == 0 and (marked or ss < pos - 150) or cut and toks[cut - 1][0] in ("فإن", "بينما") and toks[
            cut:] and toks[cut][0].endswith(("ه", "ها", "هم")):
        return None  # "فإن تحقيقاتها تشير": what the body found, not the body (nor "فان ديك": a name)
    kana = toks[cut - 1][1] in ("كان", "وكان", "وكانت", "كانت") if cut else False
    toks = toks[cut:]
    while toks and (toks[0][1] in ADVERBS or toks[0][1] in CLAUSE_STARTS or toks[0][1] in ("و", "ف", *QUOTES) or (
            (f := LEX.get(toks[0][1])) is not None and f.prefix and f.kind in ("past", "present"))):
        toks = toks[1:]  # "ومضى يقول"، "وأكد فان ديك ... لكنه قال": a و/ف-verb is no part of the subject (not "واصل")
    rel = next((i for i in range(1, len(toks)) if toks[i][1] in RELATIVES and toks[i - 1][1] in "،,"), None)
    if rel is None and re.search(r"[،,]\s*$", text[max(0, pos - 6) : pos]):  # "عكاشة الذي أطل ...، قال"
        rel = next((i + 1 for i in range(1, min(4, len(toks))) if toks[i][1] in RELATIVES
                    and (in_entity(ents, toks[i - 1][2], "PERS") or earlier_name(toks, i - 1, ents))), None)
    toks = toks[: rel - 1] if rel else toks  # "وكان المهاجم X، الذي اقتنص ركلة الجزاء، صرح"
    if rel is None:
        toks = _before_bare_relative(text, toks, pos, ents)  # "مصطفى بانياب الذي يشجع بلجيكا ... يقول إن"
    while toks and toks[-1][1] in QUOTES and sum(t[1] in QUOTES for t in toks) % 2:  # "إلا أن "أوبك" اعترفت"
        toks = toks[:-1]
    share = bool(toks) and speaker_words.has_digit(toks[0][1]) and _percent_at(toks, 1)  # "14 في المئة منهم"
    if not toks or len(toks) > 14 or any(speaker_words.has_digit(t[1]) for t in toks[share:]):
        return None
    if cut == 0 and any(t[1] in "،," for t in toks) and len(toks) > 8:
        return None
    span = find_np(text, toks[0][2], toks[-1][3], ents)
    comma = next((t[2] for t in toks if t[1] in "،,"), None)  # "لكن الدكتورة برناديت مور، رئيسة الباحثين في هذه
    named = comma is not None and span is not None and span[1] > comma and any(  # الدراسة، قالت": a name, then its
        x.type == "PERS" and span[0] <= x.start and x.end <= comma for x in ents)  # post with an adjunct
    if span is not None and not named and _apposed_title(text, span, toks, ents):
        span = (span[0], toks[-1][3])  # "لكن لورا بيكر ، مراسلة بي بي سي في سيول ، تقول": the name and its post
    if span is None or span[0] > toks[0][2] or span[1] < toks[-1][3] - 1 and not named:
        return None
    heads = [t[1] for t in toks if t[1] not in QUOTES][:2]  # "وكانت جماعة "الخوذ البيضاء" أكدت": the quoted name's
    kana = kana and any(w.startswith("ال") for w in heads)  # marks are no words; كان's definite subject,
    # or a noun in construct with one: "وكانت المفوضية السامية ... اعتبرت"، "وكانت مؤسسة النقد العربي ... قد أكدت"
    if len(toks) > 3 and not share and not kana and not any(
            speakerish(t, entity_starts(ents, t[2], t[3])) for t in toks[:3]):
        return None  # "ففيما يتعلق بالرئيس الأميركي قال": a fronted phrase, not a subject
    return build_speaker(text, span[0], span[1], ents, known)


def _before_bare_relative(text: str, toks: list[Tok], pos: int, ents: list[Entity]) -> list[Tok]:
    """The stretch up to a relative pronoun right after the person's name that opens it, with no comma ("مصطفى بانياب
    الذي يشجع بلجيكا وفرنسا وألمانيا يقول إن"): the relative clause runs on to the verb, so the name is the verb's
    subject when the pronoun agrees with the verb in gender and number (الذي: يقول/قال، التي: تقول/قالت، الذين:
    يقولون/قالوا); else the stretch as it is."""
    name = next((x for x in ents if x.type == "PERS" and x.start == toks[0][2]), None) if toks else None
    k = next((i for i, t in enumerate(toks) if t[2] >= name.end), None) if name is not None else None
    if k is None or toks[k][1] not in _BARE_RELATIVES or len(toks) - k > 12:
        return toks
    verb = WORD_MARKS_RE.sub("", text[pos : pos + 20].split(maxsplit=1)[0]) if text[pos:].strip() else ""
    plural = plural_verb(verb)
    fem = not plural and feminine_verb(verb)
    return toks[:k] if _BARE_RELATIVES[toks[k][1]] == (fem, plural) else toks


def _apposed_title(text: str, span: tuple[int, int], toks: list[Tok], ents: list[Entity]) -> bool:
    """The noun phrase is a person's name that ends at the stretch's only comma, and a title opens the rest ("لورا
    بيكر ، مراسلة بي بي سي في سيول ،" before the verb): the post is in apposition to the name."""
    commas = [t for t in toks if t[1] in "،,"]
    if len(commas) != 1 or text[span[1] : commas[0][2]].strip() or not any(
            x.type == "PERS" and x.start == span[0] and x.end == span[1] for x in ents):
        return False
    after = [t for t in toks if t[2] > commas[0][2]]
    return bool(after) and after[0][1] in TITLES


def antecedent(text: str, toks: list[Tok], ents: list[Entity], known: list[Speaker]) -> Speaker | None:
    """The noun phrase a relative pronoun refers to, read backwards ("يوسف الشاهد، رئيس الحكومة الذي")."""
    while toks and toks[-1][1] in "،,":
        toks = toks[:-1]
    if toks and toks[-1][1] in QUOTES:  # "بحسب "تاج العروس" الذي أكد": the quoted name
        j = next((j for j in range(len(toks) - 2, max(-1, len(toks) - 8), -1) if toks[j][1] in QUOTES), None)
        return build_speaker(text, toks[j + 1][2], toks[-2][3], ents, known) if j is not None and j < len(toks) - 2 \
            else None
    k = len(toks)
    while k > 0 and len(toks) - k < 10:
        w = toks[k - 1][1]
        pers = in_entity(ents, toks[k - 1][2], "PERS")
        if pers and k < len(toks) and not in_entity(ents, toks[k][2], "PERS") and toks[k][1] not in "،,":
            break  # "لقائه الرئيس X الموقف الأردني الذي": the relative refers to the phrase after the name
        if k < len(toks) and w.startswith(DEFINITE) and toks[k][1] in TITLES and not toks[k][1].startswith("ال"):
            break  # "نقلت الوكالة بيان المجلس الذي": a definite noun never precedes the head of its own phrase
        if not (w.startswith(DEFINITE) or w in TITLES or w == "باسم" or in_entity(ents, toks[k - 1][2])
                or w in "،," and k > 1 and in_entity(ents, toks[k - 2][2], "PERS")):
            break
        k -= 1
    while k < len(toks) and toks[k][1] in "،,":
        k += 1
    if k >= len(toks):
        return None
    return build_speaker(text, toks[k][2], toks[-1][3], ents, known)
