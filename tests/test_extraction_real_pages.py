"""Extraction never worse than trafilatura alone, page by page, on every real page with gold text.

For each page, the text raqib puts on ``articles.clean`` must score at least trafilatura's own token F1
minus 0.01 against the page's gold (``trafilatura.extract`` with its defaults, given the same decoded
HTML). Pages under ``../shared/data`` appear only where that folder exists (CI); the shipped JawharaFM
pages, the charset fixtures and the sample site always run.
"""

from __future__ import annotations

import statistics

import pytest
import trafilatura

from connectors.extract import LINK_LIST_SHARE, ExtractionFailure, anchor_texts, extract_article, link_share, parse_page
from pipeline.text.normalise import normalize_arabic
from tests.real_pages import ARABIC_REAL, SHARED, Page, load_pages, page_refs, token_f1

TOLERANCE = 0.01
F1_REFS = [pytest.param(load, id=f"{s}/{name}") for s, name, load in page_refs() if s != "snippets"]
SNIPPET_REFS = [pytest.param(load, id=f"{s}/{name}") for s, name, load in page_refs(("snippets",))]


def raqib_text(page: Page) -> str:
    article = extract_article(page.html, page.url)
    return "" if isinstance(article, ExtractionFailure) else article.text


def trafilatura_text(page: Page) -> str:
    return trafilatura.extract(page.html, url=page.url) or ""


@pytest.mark.parametrize("load", F1_REFS)
def test_never_worse_than_trafilatura(load) -> None:
    page: Page = load()
    ours, theirs = token_f1(raqib_text(page), page.gold), token_f1(trafilatura_text(page), page.gold)
    assert ours >= theirs - TOLERANCE, f"{page.set}/{page.name}: raqib F1 {ours:.3f} < trafilatura {theirs:.3f}"


def _folded(text: str) -> str:
    return " ".join(normalize_arabic(text).split())


@pytest.mark.parametrize("load", SNIPPET_REFS)
def test_snippet_page_keeps_what_trafilatura_keeps(load) -> None:
    """Pages whose gold is snippets: every must-have trafilatura finds is found, no must-not it avoids."""
    page: Page = load()
    ours, theirs = _folded(raqib_text(page)), _folded(trafilatura_text(page))
    for snippet in map(_folded, page.must_have):
        assert snippet in ours or snippet not in theirs, snippet
    for snippet in map(_folded, page.must_not):
        assert snippet not in ours or snippet in theirs, snippet


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent: the shared page sets are not measured")
def test_shared_page_sets_are_present() -> None:
    counts = {s: sum(1 for ref in page_refs((s,))) for s in ("jawharafm", "fixtures", "snippets", "aeb")}
    assert counts == {"jawharafm": 9, "fixtures": 2, "snippets": 1, "aeb": 181}


def test_mean_token_f1_on_real_arabic_pages() -> None:
    pages = [p for p in load_pages(ARABIC_REAL) if p.gold]
    assert len(pages) >= 5
    assert statistics.mean(token_f1(raqib_text(p), p.gold) for p in pages) >= 0.97


def _jawharafm(name: str) -> Page:
    found = [load for _, n, load in page_refs(("jawharafm",)) if n == name]
    if not found:
        pytest.skip(f"{name} is in ../shared/data, absent here")
    return found[0]()


def test_short_brief_under_a_related_news_list_survives() -> None:
    """The weather brief of two sentences is the text, not the six related stories below it."""
    page = _jawharafm("JA-localNews-1-20170302")
    text = raqib_text(page)
    assert "يكون هناك ضبابا محلّيا صباح اليوم الخميس" in text
    assert "زعيم كوريا الشمالية يهدد ميسي" not in text
    assert token_f1(text, page.gold) > 0.95


def test_link_share_tells_the_related_list_from_the_brief() -> None:
    """Measured on the real page: trafilatura's precision mode returns the related list (all link texts),
    its balanced mode the brief; the threshold sits between."""
    page = _jawharafm("JA-localNews-1-20170302")
    tree = parse_page(page.html)
    anchors = anchor_texts(tree)
    related = trafilatura.extract(page.html, favor_precision=True, include_comments=False)
    assert link_share(related, anchors) > LINK_LIST_SHARE > link_share(page.gold, anchors)


def test_match_schedule_announced_with_a_colon_is_kept() -> None:
    page = _jawharafm("JA-sport-1-20170302")
    text = raqib_text(page)
    assert "الترجي الجرجيسي * مستقبل المرسى" in text
    assert token_f1(text, page.gold) > 0.95
