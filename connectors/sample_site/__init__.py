"""A sample Arabic news site on 127.0.0.1, built from the seed articles, for the demo and tests.

``SampleSite`` serves article pages with realistic chrome, an RSS 2.0 feed, an Atom feed, a JSON
Feed, a news sitemap (and a sitemap index), ``robots.txt`` and a home listing page, with ETag /
Last-Modified support. With ``stream=ArticleStream(...)`` (``generate.py``) it also publishes a
steady, bounded stream of generated articles, rebuilt on demand so memory stays flat. Tests add
adversarial routes with ``set_route`` and feed items pointing at them with ``add_feed_item``;
``add_article`` publishes a new article while the site runs.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from connectors.sample_site.seeds import (
    ARTICLES_DIR,
    CHROME_LINES,
    CHROME_MARKERS,
    SITE_NAME,
    Article,
    load_seed_articles,
    overlap_f1,
    split_seed,
)

__all__ = ["ARTICLES_DIR", "CHROME_LINES", "CHROME_MARKERS", "SITE_NAME", "Article", "Response",
           "SampleSite", "load_seed_articles", "overlap_f1", "serve", "split_seed"]

if TYPE_CHECKING:
    from connectors.sample_site.generate import ArticleStream

@dataclass
class Response:
    """A canned response for an adversarial route."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: bool = False  # no Content-Length: the body ends when the connection closes


Route = Response | Callable[[str, dict[str, str]], Response]


class SampleSite:
    """The sample news site, served by a threaded ``http.server`` in a background thread."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1", stream: ArticleStream | None = None,
                 seeds: bool = True) -> None:
        self.host, self.port = host, port
        self.stream = stream
        self.articles: list[Article] = load_seed_articles() if seeds else []
        self.feed_items: list[tuple[str, str, datetime]] = []
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.hub: str | None = None  # a WebSub hub the RSS feed advertises (atom:link rel="hub" and rel="self")
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ----------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SampleSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                site._handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="sample-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # content ------------------------------------------------------------------------------------

    def add_article(
        self, title: str, text: str, outlet: str = SITE_NAME, published: datetime | None = None
    ) -> str:
        """Publish a new article now (it goes to the top of every feed); returns its URL."""
        with self._lock:
            number = 2000 + len(self.articles)
            when = published or datetime.now(UTC)
            path = f"/news/{when:%Y/%m/%d}/{number}-new-article.html"
            paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
            self.articles.append(Article(path, title, paragraphs, outlet, when))
        return self.url + path

    def add_feed_item(self, path_or_url: str, title: str = "خبر", published: datetime | None = None) -> str:
        """List a URL (usually an adversarial route) in the feeds and sitemap without an article page."""
        url = path_or_url if "://" in path_or_url else self.url + path_or_url
        with self._lock:
            self.feed_items.append((url, title, published or datetime.now(UTC)))
        return url

    def set_route(self, path: str, route: Route) -> str:
        """Serve ``path`` with a canned ``Response`` or a callable ``(path, headers) -> Response``."""
        self.routes[path] = route
        return self.url + path

    def article_url(self, article: Article) -> str:
        return self.url + article.path

    # rendering ----------------------------------------------------------------------------------

    def _entries(self) -> list[tuple[str, str, datetime, str, str]]:
        """(url, title, published, summary, outlet), newest first."""
        listed = self.articles + (self.stream.latest() if self.stream is not None else [])
        rows = [(self.article_url(a), a.title, a.published, a.paragraphs[0][:200] if a.paragraphs else "",
                 a.outlet) for a in listed]
        rows += [(u, t, p, "", SITE_NAME) for u, t, p in self.feed_items]
        return sorted(rows, key=lambda r: r[2], reverse=True)

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{escape(t)}</title><link>{escape(u)}</link><guid isPermaLink=\"true\">{escape(u)}"
            f"</guid><pubDate>{format_datetime(p.astimezone(UTC), usegmt=True)}</pubDate>"
            f"<description>{escape(s)}</description></item>\n"
            for u, t, p, s, _ in self._entries()
        )
        hub = (f'<atom:link rel="hub" href="{escape(self.hub)}"/><atom:link rel="self" '
               f'href="{self.url}/rss.xml"/>' if self.hub else "")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
            f"<channel>{hub}<title>{SITE_NAME}</title><link>{self.url}/</link><description>آخر الأخبار</description>"
            f"<language>ar</language>\n{items}</channel></rss>\n"
        )

    def atom(self) -> str:
        entries = "".join(
            f"<entry><title>{escape(t)}</title><link rel=\"alternate\" href=\"{escape(u)}\"/>"
            f"<id>{escape(u)}</id>"
            f"<published>{p.isoformat()}</published><updated>{p.isoformat()}</updated>"
            f"<author><name>{escape(o)}</name></author><summary>{escape(s)}</summary></entry>\n"
            for u, t, p, s, o in self._entries()
        )
        updated = max((e[2] for e in self._entries()), default=datetime.now(UTC)).isoformat()
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">'
            f"<title>{SITE_NAME}</title><id>{self.url}/</id><updated>{updated}</updated>"
            f"<link rel=\"self\" href=\"{self.url}/atom.xml\"/>\n{entries}</feed>\n"
        )

    def json_feed(self) -> str:
        return json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": SITE_NAME,
            "home_page_url": self.url + "/",
            "items": [{"id": u, "url": u, "title": t, "date_published": p.isoformat(), "summary": s}
                      for u, t, p, s, _ in self._entries()],
        }, ensure_ascii=False)

    def news_sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>{escape(o)}</news:name>"
            f"<news:language>ar</news:language></news:publication>"
            f"<news:publication_date>{p.isoformat()}</news:publication_date>"
            f"<news:title>{escape(t)}</news:title></news:news></url>\n"
            for u, t, p, _, o in self._entries()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + urls + "</urlset>\n"
        )

    def sitemap_index(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url}/news-sitemap.xml</loc></sitemap></sitemapindex>\n"
        )

    def _chrome_top(self, title: str) -> str:
        nav = "".join(f'<li><a href="/section/{i}">{escape(s)}</a></li>'
                      for i, s in enumerate(("الرئيسية", "سياسة", "أمن", "اقتصاد", "رياضة", "العالم العربي")))
        return (
            '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f'<title>{escape(title)} | '
            f'{SITE_NAME}</title>\n<link rel="alternate" type="application/rss+xml" href="/rss.xml" '
            'title="RSS">\n<link rel="alternate" type="application/atom+xml" href="/atom.xml" '
            'title="Atom">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<script>window.dataLayer=window.dataLayer||[];'
            'function gtag(){dataLayer.push(arguments)}</script>'
            '<style>body{font-family:sans-serif}</style>'
        ), (
            f'<header class="site-header"><div class="logo"><a href="/">{SITE_NAME}</a></div>'
            f'<nav class="main-nav"><ul>{nav}</ul></nav>'
            '<div class="ticker">عاجل: <a href="/news/ticker-1">متابعة مستمرة لآخر التطورات</a></div>'
            '</header>\n'
        )

    def article_html(self, article: Article) -> str:
        head, top = self._chrome_top(article.title)
        canonical = self.article_url(article)
        author = f'<meta name="author" content="{escape(article.author)}">' if article.author else ""
        byline = f'<span class="author">{escape(article.author)}</span>' if article.author else ""
        body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        related_titles = article.related + [a.title for a in self.articles if a is not article][:3]
        related = "".join(f'<li><a href="{escape(a.path)}">{escape(t)}</a></li>'
                          for t, a in zip(related_titles, self.articles * 2, strict=False))
        share = ('<div class="share"><a href="#fb">شارك على فيسبوك</a> <a href="#tw">شارك على تويتر</a> '
                 '<a href="#wa">أرسل عبر واتساب</a></div>')
        return (
            f'{head}<link rel="canonical" href="{escape(canonical)}">\n'
            f'<meta property="og:title" content="{escape(article.title)}">'
            f'<meta property="og:site_name" content="{escape(article.outlet)}">'
            f'<meta property="og:url" content="{escape(canonical)}">'
            '<meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{article.published.isoformat()}">{author}'
            f'</head><body>{top}<main>'
            '<div class="breadcrumbs"><a href="/">الرئيسية</a> › '
            f'<a href="/section/1">{escape(article.section)}'
            f'</a></div>\n<article class="post">'
            f'<h1 class="entry-title">{escape(article.title)}</h1>'
            f'<div class="meta">{byline} <time datetime="{article.published.isoformat()}">'
            f'{article.published:%Y-%m-%d %H:%M}</time> — {escape(article.outlet)}</div>{share}\n'
            f'<div class="entry-content">\n{body}\n</div>{share}</article>\n'
            f'<aside class="related"><h3>اقرأ أيضاً</h3><h4>Related Posts</h4><ul>{related}</ul></aside>\n'
            '<aside class="popular"><h3>الأكثر قراءة</h3><ul>'
            '<li><a href="/news/p1">أسعار النفط ترتفع</a></li>'
            '<li><a href="/news/p2">منتخب العراق يتأهل</a></li></ul></aside>\n'
            '<section id="comments"><h3>اترك تعليقاً</h3><p>لن يتم نشر عنوان بريدك الإلكتروني.</p>'
            '<form action="/comment" method="post"><label>الاسم</label><input name="name">'
            '<label>البريد الإلكتروني</label><input name="email"><textarea name="comment"></textarea>'
            '<button>إرسال التعليق</button></form></section></main>\n'
            '<footer><div class="newsletter">اشترك في النشرة البريدية</div>'
            f'<p>جميع الحقوق محفوظة © 2021 {SITE_NAME}</p>'
            '<a href="#top" class="back-to-top">زر الذهاب إلى الأعلى</a></footer></body></html>\n'
        )

    def home_html(self) -> str:
        head, top = self._chrome_top("الرئيسية")
        links = "".join(f'<li><a href="{escape(urlsplit(u).path if u.startswith(self.url) else u)}">'
                        f"{escape(t)}</a></li>" for u, t, *_ in self._entries())
        return (f"{head}</head><body>{top}<main><h2>آخر الأخبار</h2><ul class=\"latest\">{links}</ul>"
                '<a href="/tag/iraq">العراق</a> <a href="/author/admin">المحرر</a></main></body></html>\n')

    # serving ------------------------------------------------------------------------------------

    def _content(self, path: str) -> tuple[str, str] | None:
        fixed = {
            "/rss.xml": (self.rss, "application/rss+xml; charset=utf-8"),
            "/atom.xml": (self.atom, "application/atom+xml; charset=utf-8"),
            "/feed.json": (self.json_feed, "application/feed+json; charset=utf-8"),
            "/news-sitemap.xml": (self.news_sitemap, "application/xml; charset=utf-8"),
            "/sitemap.xml": (self.sitemap_index, "application/xml; charset=utf-8"),
            "/": (self.home_html, "text/html; charset=utf-8"),
        }
        if path in fixed:
            render, ctype = fixed[path]
            return render(), ctype
        if path == "/robots.txt":
            return (self.robots + f"Sitemap: {self.url}/sitemap.xml\nSitemap: {self.url}/news-sitemap.xml\n",
                    "text/plain; charset=utf-8")
        lookup = path.removeprefix("/amp")  # the same article under a second URL (canonical tag points home)
        for article in self.articles:
            if article.path == lookup:
                return self.article_html(article), "text/html; charset=utf-8"
        if self.stream is not None:
            from connectors.sample_site.generate import article_number

            number = article_number(lookup)
            generated = self.stream.article(number) if number is not None else None
            if generated is not None and generated.path == lookup:
                return self.article_html(generated), "text/html; charset=utf-8"
        return None

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        path = urlsplit(req.path).path
        self.hits[path] += 1
        route = self.routes.get(path)
        if route is not None:
            resp = route(path, dict(req.headers)) if callable(route) else route
            if resp.delay:
                time.sleep(resp.delay)
            if resp.stream:
                req.close_connection = True
                self._send(req, resp.status, resp.body, {**resp.headers, "Connection": "close",
                                                         "Content-Length": None})
            else:
                self._send(req, resp.status, resp.body, resp.headers)
            return
        with self._lock:
            found = self._content(path)
        if found is None:
            self._send(req, 404, "<html><body>الصفحة غير موجودة</body></html>".encode(),
                       {"Content-Type": "text/html; charset=utf-8"})
            return
        body = found[0].encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        if req.headers.get("If-None-Match") == etag:
            self._send(req, 304, b"", {"ETag": etag})
            return
        self._send(req, 200, body, {"Content-Type": found[1], "ETag": etag})

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str | None]) -> None:
        try:
            req.send_response(status)
            for k, v in headers.items():
                if v is not None:
                    req.send_header(k, v)
            if "Content-Length" not in headers and status != 304:
                req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if body and status != 304:
                req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(port: int = 8000, host: str = "127.0.0.1") -> SampleSite:
    """Start the sample site (``raqib demo``) and return it running."""
    return SampleSite(port=port, host=host).start()


__all__ = [
    "Article", "CHROME_LINES", "Response", "SampleSite", "load_seed_articles", "overlap_f1", "serve",
    "split_seed",
]
