"""Tests for connectors.urls: canonical URLs, stable ids, canonical links in HTML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.urls import article_id, canonical_from_html, canonicalize_url
from pipeline.models import article_id_for

ARABIC_RAW = "https://ar.example.com/أخبار/سياسة?q=بغداد"
ARABIC_ENCODED = (
    "https://ar.example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9"
    "?q=%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.COM/news", "http://www.example.com/news"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/a/", "https://example.com/a/"),  # trailing slash is meaningful, kept
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        (
            "https://example.com/a?utm_source=fb&utm_medium=social&id=7&fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?ref=home&ocid=x&at_medium=rss&_ga=1.2&UTM_Campaign=z", "https://example.com/a"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://example.com/a?x=1&&y=2", "https://example.com/a?x=1&y=2"),
        ("https://example.com/a?flag&x=", "https://example.com/a?flag&x="),
        ("https://example.com/%7Euser/a%2Fb", "https://example.com/~user/a%2Fb"),  # %2F is not "/"
        ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://example.com/a?q=a%26b", "https://example.com/a?q=a%26b"),
        ("\u200fhttps://example.com/a\u200e ", "https://example.com/a"),
        ("https://user@Example.com:8080/a", "https://user@example.com:8080/a"),
        ("http://[::1]:80/a", "http://[::1]/a"),
        ("file:///tmp/articles/a b.html", "file:///tmp/articles/a%20b.html"),
    ],
)
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_arabic_raw_and_percent_encoded_agree() -> None:
    assert canonicalize_url(ARABIC_RAW) == canonicalize_url(ARABIC_ENCODED) == ARABIC_ENCODED
    # lower-case hex escapes are the same URL
    assert canonicalize_url(ARABIC_ENCODED.lower()) == ARABIC_ENCODED


def test_idn_host_unicode_and_punycode_agree() -> None:
    punycode = "https://XN--4GBRIM.xn--wgbh1c/%D8%AE%D8%A8%D8%B1"
    assert canonicalize_url("https://موقع.مصر/خبر") == canonicalize_url(punycode)
    assert canonicalize_url("https://موقع.مصر/").startswith("https://xn--")


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("../news/1.html?ref=home&id=5", "https://site.iq/a/b/index.html", "https://site.iq/a/news/1.html?id=5"),
        ("/news/2", "https://Site.iq/x/y", "https://site.iq/news/2"),
        ("//cdn.site.iq/x", "https://site.iq/", "https://cdn.site.iq/x"),
        ("?page=2", "https://site.iq/list?page=1", "https://site.iq/list?page=2"),
        ("https://other.com/z", "https://site.iq/", "https://other.com/z"),
    ],
)
def test_relative_resolution(url: str, base: str, expected: str) -> None:
    assert canonicalize_url(url, base) == expected


def test_canonicalize_is_idempotent_on_examples() -> None:
    for url in (ARABIC_RAW, "HTTP://A.com:80/./x/../y?b=1&a=2&utm_x=1#f", "https://a.com/100%"):
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once


def test_article_id_is_hash_of_canonical() -> None:
    assert article_id(ARABIC_RAW) == article_id_for(ARABIC_ENCODED)
    assert article_id("https://a.com/x?utm_source=1#top") == article_id("HTTPS://A.COM/x")
    assert article_id("https://a.com/x") != article_id("https://a.com/y")
    assert len(article_id("https://a.com/x")) == 24


_url_text = st.text(alphabet=st.sampled_from(list("abc/.%?&=#:-_~ 2Fأبة\u200f")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_url_text)
def test_property_idempotent(path: str) -> None:
    url = "https://Example.com/" + path
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once
    assert once.isascii()
    assert "#" not in once


# --- canonical_from_html ---------------------------------------------------------------------------

PAGE = "https://www.site.iq/news/2021/12/09/story-1?fbclid=abc"


def _html(head: str) -> str:
    return f"<!doctype html><html><head>{head}</head><body><p>نص</p></body></html>"


def test_rel_canonical_absolute() -> None:
    html = _html('<link rel="canonical" href="https://www.site.iq/news/story-1?utm_source=rss">')
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/news/story-1"


def test_rel_canonical_relative_and_case_insensitive() -> None:
    html = _html('<link rel="Canonical" href="/news/story-1">')
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/news/story-1"


def test_rel_canonical_preferred_over_og_url() -> None:
    html = _html(
        '<meta property="og:url" content="https://www.site.iq/og">'
        '<link rel="canonical" href="https://www.site.iq/canonical">'
    )
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/canonical"


def test_og_url_fallback() -> None:
    html = _html('<meta property="og:url" content="https://www.site.iq/ar/خبر-1">')
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/ar/%D8%AE%D8%A8%D8%B1-1"


def test_base_href_used_for_relative() -> None:
    html = _html('<base href="https://m.site.iq/"><link rel="canonical" href="news/3">')
    assert canonical_from_html(html, PAGE) == "https://m.site.iq/news/3"


def test_homepage_canonical_on_article_ignored() -> None:
    html = _html('<link rel="canonical" href="https://www.site.iq/">')
    assert canonical_from_html(html, PAGE) is None


def test_homepage_canonical_falls_back_to_og_url() -> None:
    html = _html(
        '<link rel="canonical" href="https://www.site.iq/">'
        '<meta property="og:url" content="https://www.site.iq/news/story-1">'
    )
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/news/story-1"


def test_bytes_and_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>' + _html('<link rel="canonical" href="/a">')
    assert canonical_from_html(html, PAGE) == "https://www.site.iq/a"
    assert canonical_from_html(html.encode("utf-8"), PAGE) == "https://www.site.iq/a"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head></head><body>لا شيء</body></html>",
        _html('<link rel="canonical" href="">'),
        _html('<link rel="canonical" href="javascript:void(0)">'),
        _html('<link rel="stylesheet" href="/style.css">'),
    ],
)
def test_no_canonical(html: str) -> None:
    assert canonical_from_html(html, PAGE) is None
