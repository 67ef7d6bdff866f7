"""Arabic word families through a stemmer: one lemma in the data matches every inflection in the text.

A watch subject lists *lemmas* (انسحب، انسحاب، سحب، غادر ...), not inflected forms: a word of the text
matches a lemma when they share a *key*. Keys come from the Snowball Arabic stemmer (PyStemmer: the Snowball
project's C stemmers, BSD-3/MIT, no data files) applied to the folded word,
plus three light rules the stemmer leaves to its caller:

* a one- or two-letter proclitic it keeps when the rest is ambiguous (بانسحاب, لسحب, وبانسحابها);
* the imperfect prefix of a verb (ينسحب، تنسحب، نسحب → نسحب, as انسحب → نسحب), so person and tense
  no longer matter; the future س/سـ is stripped by the stemmer itself (سينسحب → ينسحب);
* a weak final letter (أنهيت → انهي → انه, as أنهت → انه; أخليت → اخل).

Voice needs nothing more once diacritics are folded (سُحبت and سحبت are the same letters). Why Snowball:
on the build part of the labelled withdrawal set (``python bench/withdrawal.py analysers``) the same
frames find recall 0.750 with it, 0.721 with Tashaphyne's light stemmer and 0.433 on surface forms, at
the same precision (0.86); it ships under BSD-3 (Tashaphyne is GPL) with the maintained Snowball project
and needs no data files; Qalsadi needs a large dictionary and is an order of magnitude slower. Keys are
cached per word: news vocabulary repeats, so a worker stems each word once.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from pipeline.text.normalise import PROCLITICS_ALL, fold_match

_STEMMER = Stemmer.Stemmer("arabic")
_STEMMER.maxCacheSize = 0  # snowball_stem caches; its own cache costs more than it saves on a stream of new words
_IMPERFECT = "يتنا"  # prefixes of the imperfect (and the alef of past form-VII/VIII verbs: انسحب)
_WEAK = "يا"
_CLITIC_LETTERS = "وفبلك"
MIN_KEY = 3  # shorter keys match too many unrelated words
#: إنّ and its sisters with a pronoun (أنه، إنها، لأنهم، لكنه ...): particles, no family's member, though the
#: stemmer gives أنه the key of أنهى (to end). A closed class, matched by its shape.
_PARTICLE = re.compile(r"[وف]?(?:[لكب]?ان|لكن)(?:ه|ها|هم|هما|هن|ني|نا|ك|كم|كما|كن)")


@lru_cache(maxsize=131_072)
def snowball_stem(word: str) -> str:
    """Cached: a word with a clitic is stemmed again without it, and that form is often a word of its own."""
    return _STEMMER.stemWord(word)


def _stem_keys(word: str) -> set[str]:
    stem = snowball_stem(word)
    keys = {stem}
    if len(stem) >= 4 and stem[0] in _IMPERFECT:
        keys.add(stem[1:])
    for key in list(keys):
        if len(key) >= 4 and key[-1] in _WEAK:
            keys.add(key[:-1])
    return keys


@lru_cache(maxsize=131_072)
def word_keys(word: str) -> frozenset[str]:
    """The stem keys of one word (any spelling variant, diacritics, clitics): equal keys, same family."""
    folded = fold_match(word)
    if _PARTICLE.fullmatch(folded):
        return frozenset()
    keys = _stem_keys(folded) | {folded}  # short words: the stemmer may cut them below MIN_KEY
    if len(folded) >= 4 and folded[0] in _CLITIC_LETTERS:
        keys |= _stem_keys(folded[1:])
        if len(folded) >= 5 and folded[0] in "وف" and folded[1] in "بلك":
            keys |= _stem_keys(folded[2:])
    return frozenset(k for k in keys if len(k) >= MIN_KEY)


def lemma_keys(lemmas: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Keys of a family given by its lemmas (a verb's past form, its masdar, a noun), with the imperfect's keys of a
    form-IV weak verb the stemmer keeps apart from its past (``form_iv_imperfect_keys``: ينهي of أنهى, يعيد of أعاد)."""
    return frozenset(k for lemma in lemmas for k in (*word_keys(lemma), *form_iv_imperfect_keys(lemma)))


def same_family(word: str, keys: frozenset[str]) -> bool:
    """True when ``word`` shares a key with a family (see :func:`lemma_keys`)."""
    return not keys.isdisjoint(word_keys(word))


def past_forms(lemmas: list[str]) -> frozenset[str]:
    """Folded past-tense forms of verb lemmas, by the regular suffixes (انسحب → انسحبت، انسحبوا ...)."""
    out: set[str] = set()
    for lemma in lemmas:
        base = fold_match(lemma)
        stems = {base} | ({base[:-1]} if base.endswith(("ي", "ى", "ا")) else set())
        for stem in stems:
            out.update(stem + suffix for suffix in ("", "ت", "وا", "ا", "تا", "ن"))
        if base.endswith(("ي", "ى")):
            out.update(base[:-1] + "ي" + suffix for suffix in ("ت", "تا"))
    return frozenset(out)


def nominal_forms(verbs: frozenset[str]) -> list[str]:
    """The verb forms ``verbs`` with an article or a preposition glued on: a verb takes only و or ف before it, so
    "المدد" (reinforcements) and "الأجل" (the term) are nouns spelled like the past verbs مدّد and أجّل."""
    return sorted(clitic + verb for verb in verbs for clitic in PROCLITICS_ALL if clitic.strip("وف"))


#: the imperfect's person prefixes, the future's (سـ + prefix) among them
_IV_PREFIXES = ("ي", "ت", "ن", "سي", "ست", "سن")
_IV_DEFECTIVE_ENDINGS = ("ي", "ون", "وا", "يان")  # he, they, (subjunctive) they, the two: ينهي، ينهون، ينهوا، ينهيان
_IV_HOLLOW_ENDINGS = ("", "ون", "وا", "ان")  # يعيد، يعيدون، يعيدوا، يعيدان


def form_iv_imperfect_keys(lemma: str) -> frozenset[str]:
    """The keys of a form-IV weak verb's imperfect, which the stemmer gives another stem than the past's: the
    imperfect (يُفعل) drops the past's أ and, in a defective verb, ends in ي (أنهى: ينهي، سينهي، ينهون), in a hollow
    one has ي in the middle (أعاد: يعيد، تعيد، يعيدونها). Only keys of four letters or more that keep the imperfect's
    prefix: the bare root (عيد: a feast) and a three-letter stem (ينه: بينها, between them) are other words. Left out
    too, the keys form X's imperfect shares (ستعيد: يستعيد, recovers) and a defective verb's ت forms but the
    future's (تخلي is also the past of form V تخلّى: gave up)."""
    word = fold_match(lemma)
    if len(word) != 4 or word[0] != "ا":
        return frozenset()
    if word[3] in "يى" and word[2] not in _WEAK:  # defective: انهي، اخلي (not the hamza of أرجأ: ارجا)
        stems, endings = [p + word[1:3] for p in _IV_PREFIXES if p != "ت"], _IV_DEFECTIVE_ENDINGS
        form_x = ["يست" + word[1:3], "تست" + word[1:3]]
    elif word[2] == "ا" and word[1] not in _WEAK:  # hollow: اعاد، اراد
        stems, endings = [p + word[1] + "ي" + word[3] for p in _IV_PREFIXES], _IV_HOLLOW_ENDINGS
        form_x = ["يست" + word[1] + "ي" + word[3], "تست" + word[1] + "ي" + word[3]]
    else:
        return frozenset()
    other = {k for stem in form_x for e in endings for k in word_keys(stem + e)}
    defective = word[2] != "ا"
    return frozenset(k for stem in stems for e in endings for k in word_keys(stem + e)
                     if len(k) >= 4 and k not in other and k.removeprefix("س")[:1] in "يتن"
                     and k.removeprefix("س")[1:2] == word[1] and not (defective and k[0] == "ت"))
