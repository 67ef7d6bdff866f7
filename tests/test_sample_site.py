"""Round trip through the sample site: each feed kind yields the five seed articles, cleanly extracted."""

from __future__ import annotations

import asyncio

import pytest

from connectors.extract import extract_article
from connectors.http import PoliteFetcher
from connectors.runner import poll_once
from connectors.sample_site import CHROME_LINES, SampleSite, overlap_f1
from connectors.sources import SourceEntry
from connectors.state import MemoryStateStore
from pipeline.models import ArticleClean, DeadLetter


@pytest.fixture(scope="module")
def site():
    with SampleSite() as s:
        yield s


def _fetcher() -> PoliteFetcher:
    return PoliteFetcher(allow_private=True, min_delay=0, timeout=5, backoff=0.01)


def _poll(site: SampleSite, *entries: SourceEntry) -> tuple[list[ArticleClean], list[DeadLetter], object]:
    sent: list[ArticleClean] = []
    dead: list[DeadLetter] = []

    async def go():
        async with _fetcher() as fetcher:
            return await poll_once(list(entries), fetcher, sent.append, MemoryStateStore(), dead.append)

    return sent, dead, asyncio.run(go())


@pytest.mark.parametrize(
    ("kind", "path"),
    [("rss", "/rss.xml"), ("atom", "/atom.xml"), ("sitemap", "/news-sitemap.xml"),
     ("sitemap", "/sitemap.xml"), ("jsonfeed", "/feed.json"), ("listing", "/")],
)
def test_each_kind_yields_the_five_seed_articles(site, kind, path):
    include = r"/news/\d{4}/" if kind == "listing" else None
    entry = SourceEntry(name=f"sample-{kind}", kind=kind, url=site.url + path, include=include)
    sent, dead, summary = _poll(site, entry)
    expected = {site.article_url(a): a for a in site.articles}
    assert {a.url for a in sent} == set(expected), (summary.as_dict(), dead)
    assert summary.total("new") == 5 and not summary.failed
    for art in sent:
        seed = expected[art.url]
        assert art.title == seed.title
        assert art.outlet == seed.outlet
        assert art.published_at == seed.published
        assert art.original_text and art.content_hash and not art.non_arabic
        assert overlap_f1(art.text, seed.text)[2] > 0.95
        lines = {line.strip() for line in art.text.splitlines()}
        assert not lines & set(CHROME_LINES), lines & set(CHROME_LINES)


def test_extraction_quality_per_seed(site):
    for seed in site.articles:
        art = extract_article(site.article_html(seed), site.article_url(seed))
        assert isinstance(art, ArticleClean)
        precision, recall, f1 = overlap_f1(art.text, seed.text)
        assert f1 > 0.95, (seed.seed_file, precision, recall)
        for related in seed.related:  # the bullet line linking another story is chrome
            assert related not in art.text


def test_conditional_get_and_new_article(site):
    store = MemoryStateStore()
    sent: list[ArticleClean] = []
    entry = SourceEntry(name="cond", kind="rss", url=site.url + "/rss.xml")

    async def go():
        async with _fetcher() as fetcher:
            first = await poll_once([entry], fetcher, sent.append, store, lambda d: None)
            second = await poll_once([entry], fetcher, sent.append, store, lambda d: None)
            url = site.add_article("خبر جديد عن الانسحاب", "نص الخبر الجديد عن انسحاب القوات من العراق. " * 5)
            third = await poll_once([entry], fetcher, sent.append, store, lambda d: None)
            return first, second, third, url

    first, second, third, url = asyncio.run(go())
    assert first.total("new") == 5
    assert second.total("not_modified") == 1 and second.total("new") == 0
    assert third.total("new") == 1 and sent[-1].url == url
    assert third.total("duplicates") == 5
