"""Text cleaning for extracted Arabic articles.

Extraction (trafilatura) leaves invisible bidi marks, tatweel, presentation-form glyphs and a few lines of
site chrome ("اترك تعليقاً", "Related Posts", a bullet linking another story). Everything downstream
(entities, quotes, dedup hashes) works better on one consistent form, so this module produces it.

All functions are pure; ``clean_article_text`` is idempotent (cleaning clean text changes nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.text.normalise import (  # noqa: F401 - INVISIBLE_CHARS, TATWEEL, fold_digits: part of this module's API
    INVISIBLE_CHARS,
    TATWEEL,
    fold_digits,
    normalize_arabic,
    normalize_chars,
)

# --- line-level normalisation --------------------------------------------------------------------

_SPACES_RE = re.compile(r" {2,}")
# Space before Arabic punctuation is always wrong: "العراقية ، اليوم" -> "العراقية، اليوم".
_SPACE_BEFORE_AR_PUNCT_RE = re.compile(r" +(?=[،؛؟])")
# Space before ASCII . , : ! ? only when the mark ends a word (followed by space/end), so ".5" and
# ".com" are untouched.
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(?<=[^\s.]) +(?=[.,:!?](?:\s|$))")
# Missing space after ، or ؛ before a letter: "للطائرات”،كما" -> "للطائرات”، كما". Digits are skipped
# so that numbers written with an Arabic comma are not split.
_SPACE_AFTER_AR_PUNCT_RE = re.compile(r"(?<=[،؛])(?=[^\W\d_])")


def _normalize_line(line: str) -> str:
    line = _SPACES_RE.sub(" ", line.strip())
    line = _SPACE_BEFORE_AR_PUNCT_RE.sub("", line)
    line = _SPACE_BEFORE_PUNCT_RE.sub("", line)
    line = _SPACE_AFTER_AR_PUNCT_RE.sub(" ", line)
    return line.strip()


# --- boilerplate ------------------------------------------------------------------------------------

_EDGE_JUNK = " \t:：.,،؛!|»«›‹>-–—_=*•·▪►▶❯→←/\\()[]{}\"'“”"


def _key(line: str) -> str:
    """Comparison key for boilerplate: folded Arabic, case-folded Latin, no edge punctuation/symbols."""
    key = normalize_arabic(line).casefold()
    key = re.sub(r"\s+", " ", key)
    return key.strip(_EDGE_JUNK)


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(_key(p) for p in phrases)


#: Lines dropped when the whole line (edge punctuation ignored) is one of these.
_EXACT_BOILERPLATE = _keys(
    "شارك", "شارك الخبر", "شارك المقال", "شارك هذا", "شارك هذا المقال", "شارك هذا الخبر", "شاركها",
    "مشاركة", "مشاركة الخبر", "مشاركة المقال", "مشاركة عبر", "انشر", "نشر", "طباعة", "أرسل لصديق",
    "اترك تعليقاً", "اترك تعليقا", "اترك رداً", "اترك ردا", "أضف تعليق", "أضف تعليقك", "أضف تعليقاً",
    "التعليقات", "تعليقات", "تعليق", "لا توجد تعليقات", "شاهد أيضاً", "شاهد أيضا", "اقرأ أيضاً", "اقرأ أيضا",
    "إقرأ أيضا", "اقرأ المزيد", "المزيد", "اقرأ ايضا", "زر الذهاب إلى الأعلى", "الذهاب إلى الأعلى",
    "العودة إلى الأعلى", "العودة للأعلى", "إلى الأعلى", "مواضيع ذات صلة", "مواضيع متعلقة", "أخبار ذات صلة",
    "مقالات ذات صلة", "أخبار متعلقة", "قد يعجبك أيضاً", "قد يعجبك أيضا", "قد يهمك أيضاً", "قد يهمك أيضا",
    "الأكثر قراءة", "الأكثر مشاهدة", "إعلان", "اعلان", "الوسوم", "كلمات مفتاحية", "وسوم", "تحميل",
    "جاري التحميل",
    "Related Posts", "Related Articles", "Related", "Related News", "Read more", "Read also", "Read Also",
    "Share", "Share this", "Share this article", "Share on Facebook", "Share on Twitter", "Tweet",
    "back to top", "Back to top button", "Advertisement", "Leave a comment", "Leave a Reply", "Comments",
    "Tags", "Print", "Email",
)

#: Lines dropped when they *start* with one of these and are short (a teaser line with a title or handle).
_PREFIX_BOILERPLATE = tuple(
    sorted(
        _keys(
            "اقرأ أيضاً", "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "شاهد أيضاً", "شاهد أيضا", "تابعونا على",
            "تابعنا على", "للاشتراك في", "اشترك في قناة", "اشترك في نشرة", "شارك على", "شارك عبر",
            "شارك المقال على", "مواضيع ذات صلة", "أخبار ذات صلة", "Related Posts", "Read more", "Read also",
            "Follow us on", "Share on", "Share this",
        ),
        key=len,
        reverse=True,
    )
)
#: Lines dropped when they *contain* one of these and are short (copyright footers).
_CONTAINS_BOILERPLATE = _keys(
    "جميع الحقوق محفوظة", "كل الحقوق محفوظة", "all rights reserved", "copyright", "©"
)

#: A line made only of these words (two or more) is a share-button row ("Facebook Twitter WhatsApp").
_SOCIAL_WORDS = frozenset(" ".join(_keys(
    "facebook", "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "messenger", "email",
    "print", "tumblr", "x", "share", "tweet", "copy", "link", "فيسبوك", "فيس بوك", "تويتر", "واتساب",
    "واتس اب", "تيليجرام", "تلغرام", "تليجرام", "لينكدإن", "لينكد إن", "انستغرام", "إنستغرام", "طباعة",
    "البريد", "الإلكتروني", "مشاركة", "شارك", "نسخ", "الرابط", "ماسنجر",
)).split())
#: Headings after which a run of bullet lines is a related-stories list, whatever its length.
_RELATED_HEADINGS = _keys(
    "اقرأ أيضاً", "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "شاهد أيضاً", "مواضيع ذات صلة", "مواضيع متعلقة",
    "أخبار ذات صلة", "مقالات ذات صلة", "أخبار متعلقة", "قد يعجبك أيضاً", "قد يهمك أيضاً", "الأكثر قراءة",
    "Related Posts", "Related Articles", "Related", "Related News", "Read more", "Read also",
)

_SHORT_WORDS = 12  # prefix/contains boilerplate only applies to short lines: body sentences are longer
_BULLET_MAX_WORDS = 20  # a related-story title fits in this; longer bullets are treated as content
_BULLET_RE = re.compile(r"^(?:[•▪▫■□●○◦‣⁃∙·►▶◆◇✓✔➤➢→❖]|[-–—*+](?=\s))\s*")


def _is_boilerplate(line: str) -> bool:
    key = _key(line)
    if not key:
        return False
    if key in _EXACT_BOILERPLATE:
        return True
    words = key.split()
    if len(words) <= _SHORT_WORDS:
        if any(key.startswith(p) for p in _PREFIX_BOILERPLATE):
            return True
        # A notice written as a sentence ("Copyright 2019 Hawaii News Now. All rights reserved.") was
        # published with the article (wire copy); a footer label ("جميع الحقوق محفوظة © 2024") is chrome.
        if any(c in key for c in _CONTAINS_BOILERPLATE) and not line.rstrip().endswith(_SENTENCE_END):
            return True
    tokens = [t for t in re.split(r"[\s|/•·,،]+", key) if t]
    return bool(tokens) and all(t in _SOCIAL_WORDS for t in tokens) and len(tokens) >= 2


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line)) and bool(_BULLET_RE.sub("", line, count=1).strip())


def _is_short(line: str) -> bool:
    return len(_BULLET_RE.sub("", line, count=1).split()) <= _BULLET_MAX_WORDS


_TERMINAL_PUNCT = ".!?؟…:"
_SENTENCE_END = (".", "!", "?", "؟", "…")
_INTRODUCES_LIST = (":", "：")
#: Unlabelled bullets are dropped on a guess; when the guess would take this share of the words or more,
#: the list is the content (a match schedule, a list of measures), so nothing is dropped on a guess.
_MAX_GUESSED_SHARE = 0.5


def _words(line: str) -> int:
    return len(line.split())


def _drop_bullet_links(lines: list[str], after_related: set[int]) -> set[int]:
    """Indexes of bullet lines that are links to other stories.

    Conservative rule (genuine bulleted content has several items and sits between paragraphs):
      * bullets directly after a "related" heading (اقرأ أيضاً, Related Posts...) are dropped;
      * a run of short bullets at the end of the article is dropped, unless the last paragraph before
        it ends with a colon (the text announces the list: "وفق البرنامج التالي:");
      * a *lone* short glyph bullet (•, ▪, ■...; not a dash, which interviews use for questions) with no
        bullet on either side and no sentence-ending punctuation is dropped: a one-item "list" is a CMS
        teaser for another story.
    A run of two or more bullets in the middle of the text is kept. Nothing is dropped when the text
    has no non-bullet line (then the list *is* the content), and the two unlabelled guesses (trailing
    run, lone bullet) are given up when they would remove half of the words or more.
    """
    bullets = [_is_bullet(x) for x in lines]
    if all(bullets):
        return set()
    labelled = {i for i in after_related if bullets[i]}
    drop = set(labelled)
    last_prose = max(i for i, b in enumerate(bullets) if not b)
    if not lines[last_prose].endswith(_INTRODUCES_LIST):
        drop.update(i for i in range(last_prose + 1, len(lines)) if _is_short(lines[i]))
    # Loneness is judged among the lines that stay, so cleaning twice gives what cleaning once gave.
    remaining = [i for i in range(len(lines)) if i not in drop]
    for k, i in enumerate(remaining):
        before = k > 0 and bullets[remaining[k - 1]]
        after = k + 1 < len(remaining) and bullets[remaining[k + 1]]
        lone = bullets[i] and not before and not after
        glyph = not lines[i].startswith(("-", "–", "—", "*", "+"))
        if lone and glyph and _is_short(lines[i]) and not lines[i].endswith(tuple(_TERMINAL_PUNCT)):
            drop.add(i)
    guessed = sum(_words(lines[i]) for i in drop - labelled)
    if guessed and guessed >= _MAX_GUESSED_SHARE * sum(_words(x) for i, x in enumerate(lines) if i not in labelled):
        return labelled  # judged on the words left after labelled drops, so cleaning twice changes nothing
    return drop


# --- headline ---------------------------------------------------------------------------------------

_HEAD_LINES = 3  # an extractor puts the headline within its first lines
_KICKER_WORDS = 8  # lines above the headline (section, date, kicker) are this short
_TITLE_PREFIX_SHARE = 0.6  # "headline | site name": the line covers most of the title


def _letters(text: str) -> str:
    """Letters and digits only, folded: the headline line and the <title> differ in quotes and spacing."""
    return "".join(re.findall(r"\w+", normalize_arabic(text).casefold()))


def _is_title(line: str, title: str) -> bool:
    a, b = _letters(line), _letters(title)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(short) >= _TITLE_PREFIX_SHARE * len(long_)


def strip_headline(text: str, title: str | None) -> str:
    """``text`` without the page's headline block: the title line and the short lines above it.

    Extractors return the page header with the body ("سياسة 2017/03/02 13:43", then the headline); the
    title is kept apart in the article, so repeating it, and the section and date above it, would only
    be counted twice downstream. Nothing is removed when no early line is the title or when nothing
    would be left.
    """
    lines = text.strip().split("\n")
    if not title:
        return text
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if _is_title(line, title):
            above_short = all(len(x.split()) <= _KICKER_WORDS for x in lines[:i])
            rest = "\n".join(lines[i + 1:])
            return rest if above_short and rest.strip() else text
    return text


# --- public API -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanedText:
    """Result of cleaning: the text plus what was removed, kept for audit and for the language flag."""

    text: str
    original: str
    removed_lines: list[str] = field(default_factory=list)
    arabic_ratio: float = 0.0
    is_arabic: bool = False


_ARABIC_BLOCKS_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (digits, punctuation and marks ignored); 0.0 without letters."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(map(str.isalpha, "".join(_ARABIC_BLOCKS_RE.findall(text)))) / letters


_LINE_BREAKS_RE = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def clean_article_text(raw: str) -> CleanedText:
    """Clean extracted article text: normalise characters and spacing, drop chrome lines, flag language.

    Paragraphs come out one per line, joined by a single newline (empty lines dropped). Text that is
    mostly not Arabic is flagged via ``is_arabic=False``, never dropped. ``removed_lines`` lists the
    dropped lines (normalised) in document order.
    """
    normalized = normalize_chars(_LINE_BREAKS_RE.sub("\n", raw))
    lines = [x for x in (_normalize_line(x) for x in normalized.split("\n")) if x]
    dropped: set[int] = set()
    kept: list[int] = []  # indexes into ``lines`` of lines that are not boilerplate
    after_related: set[int] = set()  # positions in ``kept`` of bullets following a related heading
    previous_related = False
    for i, line in enumerate(lines):
        if _is_boilerplate(line):
            dropped.add(i)
            previous_related = _key(line) in _RELATED_HEADINGS
            continue
        if previous_related and _is_bullet(line):
            after_related.add(len(kept))
        else:
            previous_related = False
        kept.append(i)
    if kept:
        kept_lines = [lines[i] for i in kept]
        dropped.update(kept[j] for j in _drop_bullet_links(kept_lines, after_related))
    text = "\n".join(x for i, x in enumerate(lines) if i not in dropped)
    ratio = arabic_ratio(text)
    return CleanedText(
        text=text,
        original=raw,
        removed_lines=[lines[i] for i in sorted(dropped)],
        arabic_ratio=ratio,
        is_arabic=ratio >= 0.5,
    )
