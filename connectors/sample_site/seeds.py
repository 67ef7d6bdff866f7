"""The sample site's articles: the five seed articles with their metadata, and the text they must yield."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from pathlib import Path

ARTICLES_DIR = Path(str(files(__package__).joinpath("articles")))  # package data, wherever installed
SITE_NAME = "راصد الأخبار"

#: seed lines that are page chrome, not article text
CHROME_MARKERS = ("Related Posts", "اترك تعليقاً", "زر الذهاب إلى الأعلى")
#: text the page chrome adds around every article; none of it may reach the extracted text
CHROME_LINES = (
    "الرئيسية", "شارك على فيسبوك", "شارك على تويتر", "أرسل عبر واتساب", "اقرأ أيضاً", "Related Posts",
    "اترك تعليقاً", "زر الذهاب إلى الأعلى", "جميع الحقوق محفوظة", "اشترك في النشرة البريدية",
    "لن يتم نشر عنوان بريدك الإلكتروني", "الأكثر قراءة",
)


@dataclass
class Article:
    """One article of the sample site."""

    path: str
    title: str
    paragraphs: list[str]
    outlet: str
    published: datetime
    author: str | None = None
    section: str = "أخبار"
    related: list[str] = field(default_factory=list)
    seed_file: str | None = None

    @property
    def text(self) -> str:
        """The reference text: the article body the extractor should recover."""
        return "\n".join(self.paragraphs)


def overlap_f1(extracted: str, reference: str, n: int = 3) -> tuple[float, float, float]:
    """(precision, recall, F1) of character n-grams (whitespace collapsed) of two texts."""
    def grams(text: str) -> Counter[str]:
        text = " ".join(text.split())
        return Counter(text[i : i + n] for i in range(max(len(text) - n + 1, 0)))

    got, want = grams(extracted), grams(reference)
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def split_seed(raw: str, title: str | None) -> tuple[str, list[str], list[str]]:
    """(title, body paragraphs, chrome lines) of a seed text; a missing title is its first line."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not title:
        title, lines = lines[0], lines[1:]
    body, chrome = [], []
    for line in lines:
        if line in CHROME_MARKERS or line.startswith("•"):
            chrome.append(line.lstrip("• ").strip())
        else:
            body.append(line)
    return title, body, chrome


def load_seed_articles() -> list[Article]:
    """The five seed articles with their site metadata."""
    meta = json.loads((ARTICLES_DIR / "articles.json").read_text(encoding="utf-8"))
    articles = []
    for m in meta:
        raw = (ARTICLES_DIR / m["file"]).read_text(encoding="utf-8")
        title, body, chrome = split_seed(raw, m.get("title"))
        articles.append(Article(
            path=m["path"], title=title, paragraphs=body, outlet=m["outlet"],
            published=datetime.fromisoformat(m["published"]), author=m.get("author"),
            section=m.get("section") or "أخبار",
            related=[c for c in chrome if c not in CHROME_MARKERS], seed_file=m["file"],
        ))
    return articles
