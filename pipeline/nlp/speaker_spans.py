"""Where a speaker span ends: boundary rules applied to a subject phrase that ``speakers`` has already found.

A subject phrase found by its words alone may stop short of the holder's name or run on into the clause:

* a title set off before its holder's name by commas ("رد مدرب المنتخب البرازيلي، تيتي، على") stops at the comma
  although the name, closed by a second comma, is the person whose words follow (``apposed_name_end``);
* a time phrase ends the speaker: a date ("عام 2015", ``speaker_words.dated``) or the noun مرة of frequency,
  "once"/"again" ("قال آرا غولر ذات مرة،"، "وزير الخارجية الأمريكي، مايك بومبيو، مرة أخرى"): an adverbial
  accusative, never part of a name (``timed``);
* a noun owned by "his/her/their" glued after the speaker's name is the verb's object ("وتابع زوكربيرغ حديثه"،
  "أعلن ترامب قراره"، "أكد نادال سعادته"): a common noun (its stem is a word the news corpus writes with ال,
  which foreign names ending in ه such as "رومينيغه" are not) after a word of an entity or a definite word
  (``without_owned_tail``, on the finished speaker); after an indefinite noun it is a genitive ("وكيلة أعماله")
  or a relative clause's verb ("وثائق نشرها");
* after an indefinite noun closed by its nisba adjective ("مصدر عسكري") a definite ل-phrase is the one told,
  not the source's post ("وأوضح مصدر عسكري للمركز الإعلامي للقوات المسلحة، أن"; ``told_after``);
* a quoted word after the speaker that opens with ل and the article ("ناصر القصبي "للعربية"") is the outlet
  told, as a quoted adverb ("بشكل قاطع") is the manner: neither is a quoted name (``quoted_adjunct``).

Each rule reads the words' shape (definiteness, NER types, the closing punctuation), never a list of names.
"""

from __future__ import annotations

import re

from pipeline.models import Entity, Speaker
from pipeline.nlp.body_nouns import body_noun
from pipeline.nlp.name_edges import (
    corpus_vocabulary,
    without_accusative_tail,
    without_age,
    without_document_object,
    written_definite,
)
from pipeline.nlp.ner_features import cluster_key
from pipeline.nlp.quotes import INTRO_WORD
from pipeline.nlp.reporting import LEX
from pipeline.nlp.speaker_words import (
    ADVERBS,
    CLAUSE_STARTS,
    COND_PREPS,
    DEFINITE,
    DEMONSTRATIVES,
    DERIVED_MASDAR,
    DOCS,
    EVENTS,
    HAL,
    MANNER,
    QUANTIFYING_OR_KIN,
    RANKS,
    RELATIVES,
    TITLES,
    WORD_MARKS_RE,
    dated,
    features,
    fold_set,
    in_named_entity,
)
from pipeline.text.normalise import WORD_MARKS, fold_match
from pipeline.text.tokenize import folded_span_tokens

Tok = tuple[str, str, int, int]  # raw, folded, start, end (as ``speakers.tokens`` gives them)

_COMMAS = frozenset("،,")
_APPOSED_NAME_MAX = 3  # words of an untagged name in apposition ("تيتي"، "جان إيف لودريان")


def _bare_name_word(tok: Tok) -> bool:
    """A word that can be part of an untagged name: letters only, no article, no title, no clause word."""
    w = tok[1]
    return w.isalpha() and not w.startswith(DEFINITE) and w not in TITLES and w not in RANKS \
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
    w = folded[i]
    if w != _TIME_OF and w not in _ONCE:
        return dated(folded, i)
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    if w == _TIME_OF:
        return nxt in _ONCE or nxt in ("يوم", "ليله", "صباح", "مساء")
    return w in _ONCE and nxt.isalpha() and not nxt.startswith("ال") and nxt.endswith(("ه", "ي"))  # agrees: أخرى


_OWNER_SUFFIXES = ("هما", "هم", "ها", "ه")  # folded: his, her, their (the ة of "سعادته" is a ت before them)
_RAW_OWNER_ENDS = ("ه", "ها", "هم", "هما")  # as written: a final ة is no pronoun
_EDGE_MARKS = "\"'«»“”()،,.:"


def _owned_noun(raw: str, word: str, named: set[str]) -> bool:
    """ "حديثه"، "سعادته"، "تهديداتها": a common noun with a possessive suffix (folded ``word``; the written
    ``raw`` tells the pronoun ه from a ة, which folds alike)."""
    if not WORD_MARKS_RE.sub("", raw).strip(_EDGE_MARKS).endswith(_RAW_OWNER_ENDS):
        return False
    suffix = next((x for x in _OWNER_SUFFIXES if word.endswith(x)), "")
    stem = word[: -len(suffix)] if suffix else ""
    return len(stem) >= 3 and word.isalpha() and not word.startswith(("ال", "و", "ف", "ب", "ل")) and \
        word not in named and stem not in TITLES and not word.startswith(QUANTIFYING_OR_KIN) and written_definite(stem)


def _name_word(word: str, named: set[str]) -> bool:
    """A word that can end a speaker's name: a word of an entity, or definite ("الجيش الليبي")."""
    if word in TITLES or word in RANKS or word.startswith(QUANTIFYING_OR_KIN) or not word.isalpha():
        return False
    return word in named or word.startswith("ال")


def without_owned_tail(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without the owned noun glued after its name and what follows it ("زوكربيرغ حديثه" →
    "زوكربيرغ"، "ماي تهديداتها ضد موسكو" → "ماي"); unchanged when there is none."""
    words = speaker.text.split() if speaker is not None else []
    if speaker is None or len(words) < 2 or not any(  # most speakers: no word ends in a pronoun
            WORD_MARKS_RE.sub("", w).strip(_EDGE_MARKS).endswith(_RAW_OWNER_ENDS) for w in words[1:]):
        return speaker
    folded = [fold_match(w).strip(_EDGE_MARKS) for w in words]
    named = {w for x in ents if x.type in ("PERS", "ORG", "LOC") for w in fold_match(x.text).split()}
    cut = next((k for k in range(1, len(words)) if _owned_noun(words[k], folded[k], named)
                and _name_word(folded[k - 1], named)), None)
    if cut is None:
        return speaker
    text = re.sub(r"[\s،,]+$", "", speaker.text[: speaker.text.find(words[cut], len(" ".join(words[:cut])) - 1)])
    canonical = speaker.canonical if fold_match(words[cut]) not in speaker.canonical.split() else fold_match(text)
    return speaker.model_copy(update={"text": text, "canonical": canonical})


_LONE_CLITIC = re.compile(r"[\s،,]+(?:[وفبلك]|ال)\u0640*[\"'«“]?$")


def without_clitic_tail(speaker: Speaker | None) -> Speaker | None:
    """``speaker`` without a prefix left alone at its end ("كريستيانو رونالدو، بـ" of "بـ"شدة""، "الأونروا الـ"،
    "و"): a proclitic or the article belongs to the word after it, which the span no longer holds, so it ends
    no noun phrase; unchanged when there is none."""
    m = _LONE_CLITIC.search(speaker.text) if speaker is not None else None
    if m is None or not m.start():
        return speaker
    text = speaker.text[: m.start()]
    return speaker.model_copy(update={"text": text, "canonical": fold_match(text)})


def without_opening_conjunction(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without the و of the sentence it opened ("وخاسر اعتنقت الإسلام ... وتقول"، "وترامب الذي ...،
    أشار"، "والسيسي يقول"): the conjunction is no letter of the name when the article names the same one without
    it (a word of an entity; "وولفيرتون"، "ويلي" are names whose و is their own: no entity holds "ولفيرتون")."""
    first = speaker.text.split(maxsplit=1)[0] if speaker is not None and speaker.text else ""
    rest = fold_match(first[1:])
    if first[:1] != "و" or len(rest) < 3 or not rest.isalpha():
        return speaker
    words = {w for x in ents if x.type in ("PERS", "ORG", "LOC") for w in fold_match(x.text).split()}
    if rest not in words:  # the tagger may hold the glued form too ("وترامب"): the bare one decides
        return speaker
    text = speaker.text[1:]
    return speaker.model_copy(update={"text": text, "canonical": fold_match(text)})


_NAMED_AFTER = r"\s*(?:\"[^\"\n\d،,]{2,40}\"|«[^»\n\d،,]{2,40}»|“[^”\n\d،,]{2,40}”|\([^()\n\d،,]{2,40}\))"


_TAIL_MAX = 8  # words of a title's own complement before its holder's name ("مراسل بي بي سي في جنيف، X")
_QUOTE_MARKS = frozenset('"«»“”')
_THAT = frozenset(("ان", "انه", "انها"))  # folded إن/أن (with its pronoun): the content clause after the name


def _title_tail(toks: list[Tok], i: int, ents: list[Entity]) -> bool:
    """Can ``toks[i]`` be part of a title's own complement, between the title and its holder's name: a word of a
    body or place name ("البحرين"), a quote mark around one, a lone ل before it ("لـ"بيور فليكس""), في before a
    place ("في جنيف"), or a nisba adjective ("الإسرائيلي")? Never a clause word or a preposition of its own."""
    raw, w, s, _ = toks[i]
    if w in CLAUSE_STARTS or w in COND_PREPS and w != "في" or w in TITLES:
        return False
    if raw in _QUOTE_MARKS or any(x.type in ("ORG", "LOC") and x.start <= s < x.end for x in ents):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and (w == "ل" and raw != "ل" or w == "في") and (nxt[0] in _QUOTE_MARKS or any(
            x.type in ("ORG", "LOC") and x.start == nxt[2] for x in ents)):
        return True
    return _nationality(toks[i])


def _closes_name(toks: list[Tok], k: int) -> bool:
    """Does the holder's name end before ``toks[k]``: a comma, a clause word (إن، أن، الذي), the text's end?"""
    if k >= len(toks):
        return True
    w = toks[k][1]
    return w in _COMMAS or w in _THAT or w in CLAUSE_STARTS or w in RELATIVES or w[:1] == "و" and w[1:] in RELATIVES \
        or w in COND_PREPS  # "، الشيخ خالد بن أحمد على صفحته"


def with_holder_after(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """``speaker``, a title phrase with no name of its own ("رئيس الوزراء الإسرائيلي"، "مراسل بي بي سي"، "المؤسس
    المشارك"), with the person's name that follows its latest mention before ``pos``, past the title's own
    complement (``_title_tail``: a body or a place, "في جنيف"، "لـ"بيور فليكس"") and one comma: "دعا رئيس الوزراء
    الإسرائيلي بنيامين نتانياهو ... قال إنها"، "وقال مراسل بي بي سي في جنيف، إيموجين فاولكسو، إن" are the holder's
    words. The holder is a PERS entity, up to two untagged name words before it ("بنيامين"), closed by a comma or
    a clause word (``_closes_name``); when a name stands in the title already ("مراسل بي بي سي": the tagger's
    reading of an outlet as a person; "محامي ترامب") only a comma sets the holder's name apart. A body (an ORG
    speaker, a body noun: "إدارة الموقع بي بي سي" is the site told the BBC), a document, a phrase with a comma of its
    own (its apposition made already), or any other word between title and name (an object, "لنظيره"، "إن") leaves
    the speaker as it is."""
    if speaker is None or speaker.type == "ORG" or not speaker.text[:1].isalpha() or "،" in speaker.text \
            or "," in speaker.text:
        return speaker
    word = speaker.text
    start = _last_mention(text, word, max(0, pos - 1500), pos)
    at = start + len(word)
    if start < 0 or not any(x.type == "PERS" and at <= x.start < min(pos, at + 300) for x in ents):
        return speaker  # no name after the title's latest mention: nothing to look at (most speakers: cheap)
    head = fold_match(word.split()[0])
    line_end = text.find("\n", pos)
    if body_noun(head[2:] if head.startswith("ال") else head) or head in DOCS or _last_mention(
            text, word, pos, line_end if line_end >= 0 else len(text)) >= 0:
        return speaker  # a body, a document; a speaker named after its quote ("وتعتزم المكسيك، حسب وزير الاقتصاد")
    before = folded_span_tokens(text, max(0, start - 20), start)[-1:]
    if any(x.type == "PERS" and x.start <= start < x.end for x in ents) or before and (
            before[0][1] in TITLES or before[0][1] == "باسم"):
        return speaker  # a name itself ("ماكرون"), or a genitive of another title ("مدير المرصد رامي عبد الرحمن")
    toks = folded_span_tokens(text, at, min(len(text), at + 300))
    i, quoted = int(" " not in word and head in TITLES and _genitive(toks, ents)), False  # "مدرب| مرسيليا الفرنسي"
    while i < min(len(toks), _TAIL_MAX) and (quoted and toks[i][1].isalpha() or _title_tail(toks, i, ents)):
        quoted ^= toks[i][0] in _QUOTE_MARKS  # a quoted name ("بيور فليكس"), whatever the tagger read it as
        i += 1
    named = any(x.type == "PERS" and x.start < (toks[i][2] if i < len(toks) else at) and x.end > start for x in ents)
    comma = i < len(toks) and toks[i][1] in _COMMAS
    told = any(t[0][:1] == "ل" and not t[0].startswith(("لـ", "ال")) for t in toks[:i])  # "لمبعوث جوهرة أف أم"
    if (named or told) and not comma:
        return speaker  # a name, or a ل-phrase (the one told: "لاعبو النجم لمبعوث جوهرة أف أم أنيس الذوادي"), before
    last_raw = toks[i - 1][0] if i else word.split()[-1]
    if not comma and not (last_raw.startswith("ال") or i and any(
            x.type in ("ORG", "LOC") and x.start <= toks[i - 1][2] < x.end for x in ents)):
        return speaker  # right after the title, only a definite one ("الإسرائيلي") or a place ("وزير خارجية إيران")
    #                     is apposed: "محامي ترامب" is not
    i += comma
    j = i  # untagged first names before the tagged rest ("بنيامين نتانياهو"), never after a comma
    while not comma and j < min(len(toks), i + 2) and _name_before(toks[j], ents):
        j += 1
    j += comma and j + 1 < len(toks) and toks[j][1] in RANKS  # "، الشيخ خالد بن أحمد"
    pers = next((x for x in ents if x.type == "PERS" and j < len(toks) and x.start == toks[j][2]), None)
    if pers is None or pers.end > pos or not _holder_opening(toks[j], ents):
        return speaker
    k = next((n for n in range(j, len(toks)) if toks[n][2] >= pers.end), len(toks))
    if comma and not _closes_name(toks, k):
        return speaker
    found = text[start : pers.end]
    return speaker.model_copy(update={"text": found, "canonical": fold_match(found), "type": "PERS"})


def _last_mention(text: str, word: str, lo: int, hi: int) -> int:
    """Start of the last whole-word occurrence of ``word`` in ``text[lo:hi]``, -1 when none."""
    at = text.rfind(word, lo, hi)
    while at >= 0 and (at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_") or at + len(word) < len(text) and (
            text[at + len(word)].isalnum() or text[at + len(word)] == "_")):
        at = text.rfind(word, lo, at + len(word) - 1)
    return at


def _genitive(toks: list[Tok], ents: list[Entity]) -> bool:
    """Is ``toks[0]``, right after a lone indefinite title ("مدرب"، "وزير"), the title's genitive ("مرسيليا"،
    "خارجية"): a bare word, no clause word, preposition, saying word or name of a person?"""
    if not toks:
        return False
    raw, w, s, _ = toks[0]
    return w.isalpha() and not raw.startswith("ال") and w not in CLAUSE_STARTS and w not in COND_PREPS and \
        w not in TITLES and LEX.get(w) is None and not any(x.type == "PERS" and x.start <= s < x.end for x in ents)


def _name_before(tok: Tok, ents: list[Entity]) -> bool:
    """An untagged word of a name: a bare name word no news writes with the article (not "رسالة"), no clause or
    saying word, outside every entity."""
    w = tok[1]
    return _holder_opening(tok, ents) and not written_definite(w) and not any(
        x.start <= tok[2] < x.end for x in ents)


def _holder_opening(tok: Tok, ents: list[Entity]) -> bool:
    """Can a holder's name open with ``tok``: a bare name word, no preposition or "that", and no saying word, no ل or
    ب glued to a name or a common noun ("لبي بي سي"، "لمجموعة"، "لـCNN": the one told, the owner)?"""
    raw, w = tok[0], tok[1]
    if not _bare_name_word(tok) or w in COND_PREPS or w in _THAT or LEX.get(w) is not None or raw.startswith("لـ"):
        return False  # "قائلا" (tagged as a name now and then), "لـCNN"
    rest = w[1:]
    return not (raw[:1] in "لب" and len(rest) >= 2 and (written_definite(rest) or any(
        fold_match(x.text).startswith(rest) for x in ents)))


def with_name_after(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """``speaker`` with the name its latest mention before ``pos`` goes on to: a quoted or bracketed name after a
    bare noun (``_quoted_name_after``), a holder's name after a title (``with_holder_after``)."""
    return with_holder_after(text, _quoted_name_after(text, speaker, pos, ents), pos, ents)


def _quoted_name_after(text: str, speaker: Speaker | None, pos: int, ents: list[Entity]) -> Speaker | None:
    """``speaker``, a bare indefinite common noun ("شبكة"، "صحيفة"، "قناة": the news writes it with the article
    too, a name it never does), with the quoted or bracketed name right after its latest mention before ``pos``
    ("وقالت شبكة (سي.بي.اس) إن"، "كتبت صحيفة "لوموند" ... وأضافت"): the noun is the name's head, cut off at the
    mark. A quote still open at ``pos`` is the content, not a name; a bracket may close just after it ("قالت قناة
    (إن. تي.في)"); no age ("(25 عاما)") or clause (a comma) is a name."""
    word = speaker.text if speaker is not None else ""
    folded = fold_match(word)
    if not word.isalpha() or folded.startswith("ال") or len(folded) < 3 or not written_definite(folded) or any(
            fold_match(x.text) == folded for x in ents):
        return speaker
    lo = max(0, pos - 1500)
    mention = re.compile(rf"(?<![\w\"«“]){re.escape(word)}(?!\w)")
    last = [m.start() for m in mention.finditer(text, lo, pos)][-1:]
    m = re.compile(rf"{re.escape(word)}(?P<name>{_NAMED_AFTER})").match(text, last[0]) if last else None
    if m is None or m.end() > pos and m.group("name").lstrip()[:1] != "(" or len(m.group().split()) > 5:
        return speaker  # the latest mention, not an earlier one: "أعلنت مجموعة "أمازون"" is no "مجموعة "ميديابرو""
    found = m.group()
    return speaker.model_copy(update={"text": found, "canonical": fold_match(found), "type": speaker.type or "ORG"})


def without_glued_tail(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without what the tagger glued to the name: a lone prefix, a document object ("بيانا"), an
    accusative object, an owned noun ("محمد صلاح حوارا"، "الجيش الليبي سيطرته"), an age phrase cut before its number
    ("المدرب البالغ")، the و of the sentence it opened, a relative clause ("دراسة نشرت");
    the same object when nothing is cut."""
    return without_opening_conjunction(without_owned_tail(without_accusative_tail(without_document_object(
        without_age(without_clitic_tail(without_relative_clause(speaker, ents))), ents), ents), ents), ents)


def told_after(toks: list[Tok], first: int, i: int, entities: bool) -> bool:
    """Is the definite ل-phrase at ``toks[i]`` the one told, not part of the speaker's name? Right after a
    definite one-word speaker ("قال المتحدث للصحفيين") or after an indefinite noun and its nisba adjective
    ("وأوضح مصدر عسكري للمركز الإعلامي"): an indefinite phrase so closed takes no definite complement, unless
    it is a document or an event, which belongs to the body after it ("بلاغ إعلامي للوزارة").
    ``entities``: some entity starts in the stretch (then only the second reading is tried)."""
    w, head = toks[i][1], toks[first][1]
    if not w.startswith("لل"):
        return False
    if i == first + 1:
        return head.startswith("ال") and not entities
    if i != first + 2:
        return False
    nisba = toks[first + 1]  # written with ي, not the ى of a name ("شركة جدوى للاستثمار")
    return not head.startswith("ال") and head.isalpha() and head not in EVENTS and not nisba[1].startswith("ال") and \
        WORD_MARKS_RE.sub("", nisba[0]).endswith("ي") and len(nisba[1]) >= 4


# A definite verbal noun of a derived verb, folded without its article: the patterns of ``DERIVED_MASDAR`` and
# form V تفعّل ("التوصل"، "التقدم"), a ت and three letters; a word ending as a nisba or feminine ("التركي") is none.
_FORM_V = re.compile("ت[^ا]..")
_DEMONSTRATIVES = DEMONSTRATIVES | fold_set("هؤلاء")  # "لهؤلاء" too: a complement
_FOUR_ALIF = re.compile("ا..ا.")  # إفعال only when written with its إ: unmarked it is as likely the plural أفعال


def definite_masdar_object(toks: list[Tok], i: int, ents: list[Entity]) -> bool:
    """ "وأكد الجيش الهندي التوصل لهذا الاتفاق"، "أعلنت الوزارة التحقيق في الحادث": after a definite word, a
    definite verbal noun of a derived verb that governs a complement (a definite noun or ل/ب phrase, a preposition,
    a ل/ب demonstrative) is the verb's object: a definite noun after a definite noun is its adjective or nothing of
    it, and a verbal noun is no adjective. Not a word of a tagged name ("الاتحاد" of "الاتحاد الأوروبي" elsewhere)."""
    if i == 0 or i + 1 >= len(toks) or not toks[i - 1][0].startswith("ال"):
        return False
    raw, w, nxt = WORD_MARKS_RE.sub("", toks[i][0]), toks[i][1], toks[i + 1][1]
    if not raw.startswith("ال") or w in TITLES or raw.endswith(("ي", "ية", "ة", "ات")):
        return False
    stem = w[2:]
    if not (DERIVED_MASDAR.fullmatch(stem) or _FORM_V.fullmatch(stem)) or toks[i - 1][1] in RANKS or \
            _FOUR_ALIF.fullmatch(stem) and raw[2:3] != "إ":
        return False  # "الأتراك"، "الاعضاء": the plural أفعال, not إفعال
    # a definite complement: "المدير التنفيذ لشركة" (a typo for التنفيذي) has the indefinite one of a title's body
    governs = nxt.startswith(("ال", "لل", "بال")) or nxt in COND_PREPS or nxt[:1] in "لب" and nxt[1:] in _DEMONSTRATIVES
    return governs and not in_named_entity(toks[i], ents)


def indefinite_masdar_object(toks: list[Tok], first: int, i: int, ents: list[Entity]) -> bool:
    """ "أعلنت مصادر عسكرية إلقاء القبض على": after an indefinite noun closed by its nisba adjective ("مصادر
    عسكرية")، a verbal noun of a derived verb (written with its إ, ت or hamzat al-wasl) governing a definite noun is
    the verb's object: the phrase is complete, and a name does not follow a nisba without a comma."""
    if i != first + 2 or i + 1 >= len(toks) or not toks[i + 1][1].startswith("ال"):
        return False
    head, nisba = toks[first], WORD_MARKS_RE.sub("", toks[first + 1][0])
    raw, w = WORD_MARKS_RE.sub("", toks[i][0]), toks[i][1]
    if head[1].startswith("ال") or not head[1].isalpha() or nisba.startswith("ال") or \
            not nisba.endswith(("ي", "ية")) or len(nisba) < 4 or raw.startswith("ال"):
        return False
    masdar = _FOUR_ALIF.fullmatch(w) and raw[:1] == "إ" or raw[:1] in "تا" and DERIVED_MASDAR.fullmatch(w)
    return bool(masdar) and not in_named_entity(toks[i], ents)


def quoted_adjunct(toks: list[Tok], i: int) -> bool:
    """Does the quote mark at ``toks[i]`` open an adjunct rather than a quoted name: a manner adverb
    ("الاتحاد الألماني "بشكل قاطع"") or ل with the article ("وقال ناصر القصبي "للعربية""): the one told?"""
    nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
    return nxt in MANNER or nxt.startswith("لل") and len(nxt) > 4


_TOLD_END = re.compile(rf"\s*(?:[:\"«“]|{INTRO_WORD.pattern})")  # what was said begins: a colon, a quote, إنّ/أنّ


def named_for(text: str, toks: list) -> int:
    """How many of ``toks`` (after a body's name) complete it: a definite noun with ل ("للسينمائيين"، "للصحفيين")
    and the definite adjectives after it ("السود"); 0 when the first is no such noun, or when the ل-phrase ends the
    stretch before what was said (": "، "إن"، a quote mark): then it is the one told ("قالت اللجنة للصحفيين إن").
    A body is named for whom it serves ("الاتحاد الوطني للسينمائيين"); the tagger and the noun phrase often end
    the name before it."""
    if not toks or not toks[0][1].startswith("لل") or len(toks[0][1]) < 5 or not toks[0][1].isalpha():
        return 0
    n = 1
    while n < len(toks) and toks[n][1].startswith("ال") and toks[n][1].isalpha():
        n += 1
    after = text[toks[n - 1][3] : toks[n - 1][3] + 12]
    return 0 if _TOLD_END.match(after) else n


_NOT_PAST = TITLES | RANKS | ADVERBS | CLAUSE_STARTS | RELATIVES | COND_PREPS | DEMONSTRATIVES


def _present_written(stem: str) -> bool:
    """The news corpus writes the present tense of the past stem ``stem`` (folded, without its ت): "نشر" → "ينشر"،
    "اتصل" → "يتصل"، "اجري" → "يجري"، "تحدث" → "يتحدث"; a name ending in ت has none ("تلنت")."""
    present = "ي" + (stem[1:] if stem[:1] == "ا" and len(stem) >= 4 else stem)
    return cluster_key(present) in corpus_vocabulary()


def _relative_verb(words: list[str], folded: list[str], i: int, named: set[str]) -> bool:
    """Does a relative clause open at ``words[i]``: a feminine past verb after the indefinite feminine (or
    non-human plural) noun it agrees with, alone or with its indefinite adjective ("دراسة نشرت"، "وثيقة عسكرية
    نشرت")? ``folded``: the words folded; ``named``: the folded words of the article's entities."""
    if not 0 < i <= 2 or any(not w.isalpha() or w.startswith(DEFINITE) or w in named
                             for w in folded[:i]):
        return False
    raw, w = WORD_MARKS_RE.sub("", words[i]), folded[i]
    if not w.isalpha() or w[:1] in "وفلبي" or w.startswith("ال") or w in _NOT_PAST or w in named:
        return False
    if features(words[0])[0] != "f":
        return _masculine_past(words, raw, w, i)
    if not 4 <= len(w) <= 6 or not raw.endswith("ت") or raw.endswith("ات"):
        return False
    return _present_written(w[:-1]) and not written_definite(w)


def _masculine_past(words: list[str], raw: str, w: str, i: int) -> bool:
    """ "طبيب بيطري اتصل به": a masculine past verb after a singular noun and its nisba adjective ("بيطري"): no
    ending tells it from a name, but a name does not follow a nisba without a comma."""
    nisba = WORD_MARKS_RE.sub("", words[1])
    return i == 2 and nisba.endswith("ي") and len(nisba) >= 4 and 3 <= len(w) <= 5 and not raw.endswith(
        ("ت", "ة", "ه", "ا", "ي", "ى", "ن")) and features(words[0])[1] is not True and _present_written(w) and \
        not written_definite(w)


def without_relative_clause(speaker: Speaker | None, ents: list[Entity]) -> Speaker | None:
    """``speaker`` without the relative clause glued after its indefinite noun ("دراسة نشرت مؤخرا" → "دراسة"،
    "وثيقة عسكرية نشرت بالصين" → "وثيقة عسكرية"); unchanged when there is none.

    An indefinite noun, and its indefinite adjective, take a clause as their adjective with no relative word, and a
    name does not follow an indefinite noun without a comma. The verb is a short past form with the ت of the
    feminine, after a feminine or non-human plural noun it agrees with, whose present the news corpus writes ("ينشر")
    and whose form it never writes with the article (so no noun: "البيت"، "الوقت"), and no word of a name the
    article tags. The masculine past has no such ending to tell it from a name ("أمل رزق"). Only the speaker's
    text is cut: its span, which bounds what was said, stays ("وبحسب دراسة نشرت في مجلة ...، فإن")."""
    words = speaker.text.split() if speaker is not None else []
    if speaker is None or len(words) < 2 or not (any(WORD_MARKS_RE.sub("", w).endswith("ت") for w in words[1:3])
                                                 or len(words) > 2 and WORD_MARKS_RE.sub("", words[1]).endswith("ي")):
        return speaker  # most speakers: no feminine past after the first word, no nisba second
    folded = [fold_match(w) for w in words]
    named = {w for x in ents if x.type in ("PERS", "ORG", "LOC") for w in fold_match(x.text).split()}
    cut = next((k for k in (1, 2) if k < len(words) and _relative_verb(words, folded, k, named)), None)
    if cut is None:
        return speaker
    text = " ".join(words[:cut])
    return speaker.model_copy(update={"text": text, "canonical": fold_match(text)})


_TOWARD = frozenset(("أشار", "لفت", "نبه", "نوه"))  # reporting verbs whose content follows إلى: "أشار X إلى أن"
_SENT_TO = fold_set("سفير مبعوث مندوب موفد بعثه وفد")  # one sent to a place: "سفير روسيا إلى"، "بعثة الصندوق إلى"


def _sent_to(w: str) -> bool:
    """ "السفيرة"، "مبعوث"، "البعثة": a title whose holder is sent to somewhere named after إلى (folded ``w``)."""
    w = w[2:] if w.startswith("ال") else w
    return w in _SENT_TO or w.endswith("ه") and w[:-1] in _SENT_TO


_TO_WORD = re.compile(r"(?<![^\s،,])(?:إلى|الى)(?=\s)")


def before_complement(text: str, s: int, e: int, base: str) -> int:
    """End of the speaker stretch ``text[s:e]`` of a verb that governs إلى ("أشار"، "لفت"، "نبه"، "نوه") before
    the first إلى after its subject: the verb's complement ("وأشارت اللجنة إلى إفادات"، "ولفت المكتب إلى أن"). A
    إلى after the title of one sent somewhere belongs to it ("المبعوث الأممي إلى اليمن"، "سفير روسيا إلى"), one
    after a verb in the stretch to that verb ("نصوص تعود إلى عصر"); ``e`` when there is none."""
    if base not in _TOWARD:
        return e
    m = _TO_WORD.search(text, s, e)
    if m is None or m.start() == s:
        return e
    before = text[s : m.start()].rstrip(" ،,")
    last = WORD_MARKS_RE.sub("", before.split()[-1]) if before.split() else ""
    if not before or last[:1] in "يت" and not last.startswith(("ال", "تل")) or any(
            _sent_to(fold_match(w)) for w in before.split()):
        return e  # "نصوص تعود إلى": the preposition of the verb before it; "المبعوث الأممي إلى اليمن": a title's
    return s + len(before)


_FEM_PARTICIPLE = re.compile(f"م[^اويى\\s{WORD_MARKS}][^\\s{WORD_MARKS}]{{2,6}}ة[{WORD_MARKS}]*")


def participle_first(toks: list[Tok], i: int, starts: dict, rest: str) -> bool:
    """Right after the reporting verb, an indefinite derived participle opens a circumstantial clause (حال), no
    subject: the verb's speaker is the one it continues ("وأضاف متحديا "50 نزالا""، "وأضاف مخاطبا أنصار الحزب"،
    "وتابعت معتذرة للجمهور قائلة"). An accusative (tanwin ا) one can be no subject at all; a feminine one in ة
    may be a title ("وقالت متحدثة باسم الشركة"، "قالت موظفة إنها") and counts only when قائلا/قائلة follows it
    within three words (``rest``: the text after the stretch, which may end before قائلة). Not when a title, a
    rank or a tagged name follows (the subject after an adverb)."""
    raw, w, at = toks[i][0], toks[i][1], toks[i][2]
    if i > 0 or at in starts or w in TITLES or w in RANKS:  # "قد تقول لنا مرحبا": after the one told, a greeting
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and (nxt[1] in TITLES or nxt[1] in RANKS or nxt[2] in starts):
        return False
    if HAL.fullmatch(raw):  # not "مصدرنا"، "مبعوثنا"، "مراسلنا": a title owned by نا (our source)
        return not (w.endswith("نا") and w[:-2] in TITLES)
    if not _FEM_PARTICIPLE.fullmatch(raw):
        return False
    after = [t[1] for t in toks[i + 1 :]] + [fold_match(x.strip(_EDGE_MARKS)) for x in rest.split()]
    return any(_saying(w) for w in after[:3])


def _saying(w: str) -> bool:
    """A participle of قال (the reporting lexicon's): "قائلا"، "قائلة"، "قائلين"."""
    form = LEX.get(w)
    return form is not None and form.kind == "part" and form.base == "قال"
