"""A plural anaphor for bodies joined by و: "وتابعت المنظمات أن" after "أكد كل من الاتحاد الدولي لرابطات حقوق
الإنسان، ومركز القاهرة لدراسات حقوق الإنسان، ورابطة حقوق الإنسان، ومرصد الأسلحة، أن"، "وذكرت المنظمات في بيان" after
"ووافقت المفوضية السامية للاجئين ومنظمة الهجرة الدولية".

A bare definite feminine plural or dual noun ("المنظمات"، "الحكومتان") names no one body, so neither the nearest
mention with its head nor a body that spoke before is its antecedent: the bodies the sentence before (or its own
sentence before the verb) made the subject together are. The coordination is read as grammar: its first member
follows "كل من" or the verb opening the sentence and is a named body (an organisation or place entity, or a body
noun); every further member opens with و and is a name or a noun in construct with a definite word or a name.

And a verb coordinated by و right after "verb + subject" shares that subject ("فزجره أردوغان وقال"، "وهو ما تنفيه
الرياض وتقول إنه"، "تنفذ تركيا ضربات ... وتقول إنها"; moved from mentions.py: room).
"""

from __future__ import annotations

from pipeline.models import Entity, Speaker
from pipeline.nlp import speakers as sp
from pipeline.nlp.described_words import body_noun, folded_words
from pipeline.nlp.entities import ORG_HEADS
from pipeline.nlp.speaker_words import feminine_verb

_MEMBER_WORDS = 8  # words of one member at most ("مركز القاهرة لدراسات حقوق الإنسان")
_ENDS = sp.fold_set("أن إن ان بأن")
PRONOUNS = sp.fold_set("هو هي هم هما هن")


def _plural_head(speaker: Speaker | None) -> tuple[str, int] | None:
    """(singular head, least members) of a bare definite feminine plural ("المنظمات": 2) or dual ("الحكومتان": 2
    exactly, -1), else None."""
    words = folded_words(speaker.text) if speaker is not None else []
    if len(words) != 1 or not words[0].startswith("ال") or len(words[0]) < 6:
        return None
    noun = words[0][2:]
    if noun.endswith(("تان", "تين")):
        return noun[:-3] + "ه", -1
    return (noun[:-2] + "ه", 2) if noun.endswith("ات") else None


def _entity_at(ents: list[Entity], tok: tuple) -> Entity | None:
    return next((x for x in ents if x.type in ("ORG", "LOC") and x.start <= tok[2] < x.end), None)


def _body_start(tok: tuple, ents: list[Entity], singular: str) -> bool:
    """``tok`` opens a body's name: an organisation or place entity, or a body noun ("المفوضية"، "منظمة")."""
    word = tok[1][2:] if tok[1].startswith("ال") else tok[1]
    return _entity_at(ents, tok) is not None or word == singular or word in ORG_HEADS or body_noun(word)


def _member_start(toks: list, j: int, ents: list[Entity], singular: str) -> bool:
    """``toks[j]`` opens a further member: و + a name or a body noun, or, after a comma, و + an indefinite noun in
    construct ("، ورابطة حقوق الإنسان"), or one before a definite word ("ومركز القاهرة")."""
    word = toks[j][1]
    if not word.startswith("و") or len(word) < 4 or word[1:] in PRONOUNS:  # "، وهي شركة": apposition
        return False
    rest = (toks[j][0], word[1:], *toks[j][2:])
    if _body_start(rest, ents, singular):
        return True
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    comma = j > 0 and toks[j - 1][1] in "،,"
    return not rest[1].startswith("ال") and rest[1].isalpha() and nxt is not None and (
        comma or nxt[1].startswith("ال") or _entity_at(ents, nxt) is not None)


def coordinated_bodies(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """The bodies made the subject together in the sentence before ``pos`` (or in its own sentence before it) for a
    bare plural ``speaker`` ("المنظمات"), or None."""
    head = _plural_head(speaker)
    if head is None:
        return None
    singular, least = head
    own = sp.sentence_start(text, pos)
    lo = sp.sentence_start(text, max(0, own - 1)) if own > 0 else own
    for start in (own, lo) if own < pos - 2 else (lo,):
        found = _coordination(text, start, own if start == lo else pos, ents, singular, least)
        if found is not None:
            return found
    return None


def _coordination(text: str, lo: int, hi: int, ents: list[Entity], singular: str, least: int) -> Speaker | None:
    toks = sp.tokens(text, lo, hi)
    first = next((j + 2 for j in range(len(toks) - 2) if toks[j][1] in ("كل", "وكل") and toks[j + 1][1] == "من"), 1)
    if first >= len(toks) or first == 1 and toks[0][1][:1] not in "وف" or not _body_start(toks[first], ents, singular):
        return None
    starts, j = [first], first + 1
    while j < len(toks) and j - starts[-1] <= _MEMBER_WORDS and toks[j][1] not in _ENDS:
        if _member_start(toks, j, ents, singular):
            starts.append(j)
        elif toks[j][1] in "،," and not (j + 1 < len(toks) and _member_start(toks, j + 1, ents, singular)):
            break
        j += 1
    if len(starts) < 2 or least == -1 and len(starts) != 2:
        return None
    end = toks[j - 1][3] if j > starts[-1] else toks[starts[-1]][3]
    last = _entity_at(ents, toks[starts[-1]])
    if last is not None and last.end < end and (j >= len(toks) or toks[j][1] not in "،,"):
        end = last.end  # "ومنظمة الهجرة الدولية المشاركة في خطة": the member ends with its name
    while text[end - 1 : end] in ("،", ","):
        end -= 1
    return Speaker(text=text[toks[first][2] : end], canonical=text[toks[first][2] : end], type="ORG")


# Adverbs of time right after a verb: "ليظهر بعدها X"، "ثم عاد لاحقا X".
_AFTER_VERB = sp.fold_set("بعدها بعده بعدئذ حينها وقتها عندها")


def _agreeing_imperfect(toks: list, k: int, fem: bool) -> bool:
    """ "وهو ما تنفيه الرياض وتقول": an imperfect verb inside the clause, whose person prefix (تـ feminine, يـ
    masculine) agrees with the و-verb's, opens "verb + subject" as the clause's first word does."""
    return k > 0 and toks[k][1][:1] == ("ت" if fem else "ي") and len(toks[k][1]) >= 4


def _named_then_object(toks: list, k: int, j: int, ents: list[Entity], fem: bool) -> bool:
    """ "تنفذ تركيا ضربات شمالي العراق وتقول"، "وشكك دان كوتس ... في جدية العرض واعتبر": the verb opening the
    clause, a name as its subject, then its object: the و-verb shares the name when the two verbs' gender marks
    (تـ before, ـت after) agree."""
    verb = sp.WORD_MARKS_RE.sub("", toks[k][0])
    verb = verb[1:] if verb[:1] in "وف" and len(verb) > 3 else verb  # "وشكك"
    return feminine_verb(verb) == fem and any(
        x.start == toks[j][2] and x.type in ("PERS", "ORG", "LOC") for x in ents)


def coordinated_subject(text: str, pos: int, fem: bool, plural: bool, ents: list[Entity],
                        known: list[Speaker]) -> Speaker | None:
    """ "فزجره أردوغان وقال"، "ليظهر بعدها المخرج خالد يوسف ويعلن أن": a verb coordinated by و right
    after "verb + subject" shares that subject (the subject ends where the و-verb starts)."""
    lo = max(text.rfind(c, max(0, pos - 120), pos) for c in '،,.\n:؟!"«»“”') + 1
    toks = sp.tokens(text, lo, pos)
    first = next((n for n, t in enumerate(toks) if t[1].isalpha() and t[1] not in sp.CLAUSE_STARTS), None)
    for k in range(len(toks) - 2, max(-1, len(toks) - 13), -1):
        raw, w = toks[k][0], toks[k][1]
        verb_like = k == first or raw[:1] == "ف" or raw[:1] == "ل" and raw[1:2] in "يتن" or \
            _agreeing_imperfect(toks, k, fem)  # "فزجره"، "ليظهر"، "وهو ما تنفيه الرياض وتقول"
        if not verb_like or w.startswith("ال") or not w.isalpha() or w in sp.NOT_VERBS or any(
                x.start < toks[k][3] and x.end > toks[k][2] for x in ents):
            continue  # "وافق على اتهام روسيا وأقر"، "صرح بتأييده لبشار الأسد وقال": an object, not the subject
        j = k + 1
        while j < len(toks) and (toks[j][1] in sp.ADVERBS or toks[j][1] in _AFTER_VERB):
            j += 1  # "ليظهر بعدها المخرج"
        if j >= len(toks):
            continue
        end = sp.subject_end(toks, j, ents, known)
        if end != len(toks) and not (end and _named_then_object(toks, k, j, ents, fem)):
            continue
        speaker = sp.build_speaker(text, toks[j][2], toks[end - 1][3], ents, known)
        if speaker is not None and sp.agrees(sp.speaker_features(speaker), fem, plural):
            return speaker
    return None
