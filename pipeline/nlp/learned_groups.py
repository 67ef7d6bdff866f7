"""Argument classes learned from the article itself: the names an article gives its armed groups.

Armed groups are often named only by their names ("ضرورة انسحاب الحوثيين"، "انسحاب «النصرة» من مراكزها"), and no
list of names can keep up with the news. The article tells which names are armed groups: a name that heads
the group's fighters somewhere in it ("مسلحي الحوثي"، "عناصر تنظيم داعش"، "الميليشيات الحوثية") is one, in that
article. A subject's group declared with ``learned: {heads, kinds, never}`` in ``subjects.yaml`` matches nothing
on its own; ``article_subjects`` fills it, per article, with the words that follow a ``heads`` word (after a
``kinds`` word: "عناصر تنظيم داعش" gives داعش), their nisba plurals (الحوثي → الحوثيين، الحوثيون: the bare nisba
stays out, it is also a leader's surname) and not the ``never`` words (function words, generic nouns).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.nlp.frame_memo import SentenceMemo, sentence_words
from pipeline.nlp.subjects import SENTENCE_END, Subject
from pipeline.nlp.wordgroups import Group, Learned, clitic_forms, group_hits, nisba, nisba_plurals, words

_CACHE_MAX = 256
_DEFINITE = re.compile(r"^(?:[وفبك]?ال|و?لل)")  # a head with the article: الميليشيات، والمسلحين، للمقاتلين
_CLITIC_ARTICLE = re.compile(r"^(?:[وفبك]+ال|و?لل)")  # a conjunction or preposition glued on: a phrase of its own
_GROUPS: dict[frozenset[str], Group] = {}


def learned_names(toks: list[str], spec: Learned) -> frozenset[str]:
    """The folded words of an article that name an armed group by the spec's heads (with and without ال)."""
    heads, kinds = set(group_hits(toks, spec.heads)), set(group_hits(toks, spec.kinds))
    out: set[str] = set()
    for i in sorted(heads):
        j = i + 1
        while j in kinds and j + 1 < len(toks):  # "عناصر تنظيم داعش": the kind word is no name
            j += 1
        if j >= len(toks) or j in heads or j in kinds:
            continue
        word = toks[j]
        bare = word[2:] if word.startswith("ال") else word
        if len(bare) < 3 or word.isdigit() or not spec.never.isdisjoint(clitic_forms(word)) \
                or not _named_by(toks[i], word):
            continue
        adjective = "ال" + nisba(bare) if word.endswith(("ي", "يه")) else None  # الحوثي، الحوثيه: a nisba
        forms = nisba_plurals([adjective]) if adjective else [word]
        out.update(f for form in forms for f in (form, form[2:] if form.startswith("ال") else form))
    return frozenset(out)


def _named_by(head: str, word: str) -> bool:
    """The word after a head names its group: the head in construct takes a name as its genitive ("مسلحي
    الحوثي"، "عناصر داعش"), not a conjunct ("والمطالبة"، "وطالب") nor a verb ("أخلوا"); a definite head ("الميليشيات
    ظلت") takes only a nisba adjective ("الميليشيات الحوثية")."""
    if _DEFINITE.match(head):
        return word.startswith("ال") and word.endswith(("يه", "ي"))
    return not _CLITIC_ARTICLE.match(word) and not word.startswith(("و", "ف")) and not word.endswith("وا")


def _group(names: frozenset[str]) -> Group:
    """The learned words as a group: one object per name set (the sentence matcher registers each group once)."""
    group = _GROUPS.get(names)
    if group is None:
        if len(_GROUPS) >= _CACHE_MAX:
            _GROUPS.clear()
        group = _GROUPS[names] = Group(exact=names)
    return group


def article_subjects(subjects: list[Subject], text: str, memo: SentenceMemo | None = None) -> list[Subject]:
    """The subjects with their learned groups filled from ``text``, then their carried groups (a carried force
    may be a learned name: ``pipeline.nlp.carried_forces``); a subject that learns nothing from it, or has no
    such group, is returned as it is. ``memo``: the article's, which keeps each sentence's words for its later
    passes (``subject_hits``)."""
    sentences: list[list[str]] | None = None
    out = []
    for subject in subjects:
        if not subject.learned and not subject.carried:
            out.append(subject)
            continue
        sentences = [sentence_words(s, memo) for s in SENTENCE_END.split(text) if s.strip()] \
            if sentences is None else sentences
        toks = words(text) if "Σ" in text else [w for sentence in sentences for w in sentence]
        filled = {name: _group(found) for name, spec in subject.learned.items()
                  if (found := learned_names(toks, spec))}
        subject = with_groups(subject, filled) if filled else subject
        carried = _carried_groups(subject, sentences)
        out.append(with_groups(subject, carried) if carried else subject)
    return out


def _carried_groups(subject: Subject, sentences: list[list[str]]) -> dict[str, Group]:
    """The subject's carried groups filled from the article's sentences (folded words; none when nothing is
    carried)."""
    if not subject.carried:
        return {}
    return {name: _group(found) for name, spec in subject.carried.items()
            if (found := spec.bound(sentences, subject.groups))}


def with_groups(subject: Subject, filled: dict[str, Group]) -> Subject:
    """The subject with some of its groups (by name) replaced in its rules and its scorer's group table."""
    rules = tuple(replace(rule, groups=tuple(filled.get(n, g) for g, n in zip(rule.groups, names, strict=True)))
                  if any(n in filled for n in names) else rule
                  for rule, names in zip(subject.rules, subject.rule_names, strict=True))
    return replace(subject, rules=rules, groups={**subject.groups, **filled})
