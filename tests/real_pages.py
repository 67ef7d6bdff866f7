"""Every page raqib's extraction is measured on, with its gold text, and the token F1 used to score it.

One registry for the page-by-page test (``tests/test_extraction_real_pages.py``) and the benchmark
(``bench/extract.py --real``). Sets under ``../shared/data`` (next to the repository) are listed only when
that folder exists: users do not have it, CI does.

=============  ===================================================================  =================
set            pages                                                                gold
=============  ===================================================================  =================
jawharafm      9 real JawharaFM pages: 4 in ../shared/data/html/jawharafm, 5 shipped  CSS-selector text
               in tests/fixtures/real/jawharafm
fixtures       LBCI and CNN Arabic pages from Fundus and newspaper4k test suites     their expected text
snippets       assabah.com.tn page from trafilatura's test suite                     must / must-not
aeb            181 English pages of the Zyte article-extraction benchmark            articleBody
pages          tests/fixtures/pages in windows-1256, ISO-8859-6 and a wrong charset  the seed's body
sample_site    the five seed articles rendered with page chrome                      the seed's body
=============  ===================================================================  =================
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from connectors.decoding import decode_html
from connectors.sample_site import SampleSite
from pipeline.text.normalise import normalize_arabic

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SHIPPED = ROOT / "tests" / "fixtures" / "real"
#: the sets of real Arabic pages with gold text, on which the mean token F1 is reported
ARABIC_REAL = ("jawharafm", "fixtures")


@dataclass(frozen=True)
class Page:
    """One page: its HTML (decoded as the connector decodes it), URL and gold."""

    set: str
    name: str
    url: str
    html: str
    gold: str | None = None  # the article body; None for snippet-only pages
    must_have: tuple[str, ...] = field(default=())
    must_not: tuple[str, ...] = field(default=())


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", normalize_arabic(text).casefold()))


def token_f1(extracted: str, gold: str) -> float:
    """Bag-of-words F1 of two texts, words folded alike on both sides (hamza, ta marbuta, case, digits)."""
    got, want = _tokens(extracted), _tokens(gold)
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _trec(path: Path, tag: str) -> str:
    match = re.search(f"<{tag}>(.*?)</{tag}>", path.read_text(encoding="utf-8"), re.S)
    return match.group(1).strip() if match else ""


def _jawharafm() -> dict[str, Callable[[], Page]]:
    out: dict[str, Callable[[], Page]] = {}
    for folder in (SHARED / "html" / "jawharafm" / "html", SHIPPED / "jawharafm"):
        for html in sorted(folder.glob("JA-*.html*")) if folder.is_dir() else []:
            name = html.name.split(".")[0]
            gold = (folder.parent / "gold" if folder.name == "html" else folder) / f"{name}.txt"
            out[name] = lambda h=html, g=gold, n=name: Page(
                "jawharafm", n, _trec(g, "URL"), decode_html(_read(h)), _trec(g, "TEXT"))
    return out


def _fixtures() -> dict[str, Callable[[], Page]]:
    base = SHARED / "html" / "fixtures"
    if not base.is_dir():
        return {}

    def lbc() -> Page:
        meta = json.loads((base / "fundus_lbcgroup" / "meta.info").read_text(encoding="utf-8"))
        body = json.loads((base / "fundus_lbcgroup" / "LBCGroup.json").read_text(encoding="utf-8"))["V1"]["body"]
        gold = "\n".join(p for s in body["sections"] for p in s["paragraphs"])
        html = _read(base / "fundus_lbcgroup" / "LBCGroup_2026_01_08.html.gz")
        return Page("fixtures", "fundus_lbcgroup", meta["LBCGroup_2026_01_08.html.gz"]["url"], decode_html(html), gold)

    def cnn() -> Page:
        folder = base / "newspaper4k_cnn_arabic"
        meta = json.loads((folder / "arabic_article.json").read_text(encoding="utf-8"))
        return Page("fixtures", "newspaper4k_cnn_arabic", meta["url"],
                    decode_html((folder / "arabic_article.html").read_bytes()),
                    (folder / "arabic_article.txt").read_text(encoding="utf-8"))

    return {"fundus_lbcgroup": lbc, "newspaper4k_cnn_arabic": cnn}


def _snippets() -> dict[str, Callable[[], Page]]:
    folder = SHARED / "html" / "fixtures" / "trafilatura_assabah"
    if not folder.is_dir():
        return {}

    def assabah() -> Page:
        url, entry = next(iter(json.loads((folder / "evaldata_entry.json").read_text(encoding="utf-8")).items()))
        html = decode_html((folder / entry["file"]).read_bytes())
        return Page("snippets", "trafilatura_assabah", url, html, None, tuple(entry["with"]), tuple(entry["without"]))

    return {"trafilatura_assabah": assabah}


def _aeb() -> dict[str, Callable[[], Page]]:
    base = SHARED / "extraction_benchmark" / "aeb"
    if not (base / "ground-truth.json").is_file():
        return {}
    truth = _aeb_truth()
    return {key[:12]: (lambda k=key: Page("aeb", k[:12], truth[k]["url"],
                                           decode_html(_read(base / "html" / f"{k}.html.gz")),
                                           truth[k]["articleBody"]))
            for key in sorted(truth)}


@cache
def _aeb_truth() -> dict[str, dict[str, str]]:
    return json.loads((SHARED / "extraction_benchmark" / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))


@cache
def _seed_bodies() -> dict[str, tuple[str, str, str, str]]:
    """Seed title -> (seed file, page URL on the sample site, page HTML, body): the pages made from seeds."""
    site = SampleSite(port=8000)  # pages are rendered, not served
    return {a.title: (Path(a.seed_file or a.path).stem, site.article_url(a), site.article_html(a), a.text)
            for a in site.articles}


def _pages() -> dict[str, Callable[[], Page]]:
    def fixture(path: Path) -> Page:
        html = decode_html(path.read_bytes())
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        return Page("pages", path.name, f"https://news.example/{path.stem}", html, _seed_bodies()[title][3])

    folder = ROOT / "tests" / "fixtures" / "pages"
    names = ("windows-1256.html", "iso-8859-6.html", "wrong-charset.html")
    return {n: (lambda p=folder / n: fixture(p)) for n in names}


def _sample_site() -> dict[str, Callable[[], Page]]:
    def seed(title: str) -> Page:
        name, url, html, body = _seed_bodies()[title]
        return Page("sample_site", name, url, html, body)

    return {v[0]: (lambda t=title: seed(t)) for title, v in _seed_bodies().items()}


SETS: dict[str, Callable[[], dict[str, Callable[[], Page]]]] = {
    "jawharafm": _jawharafm, "fixtures": _fixtures, "snippets": _snippets, "aeb": _aeb, "pages": _pages,
    "sample_site": _sample_site,
}


def page_refs(sets: tuple[str, ...] | None = None) -> list[tuple[str, str, Callable[[], Page]]]:
    """(set, name, loader) of every page available here, loaded only when called (for test ids)."""
    return [(s, name, load) for s in (sets or tuple(SETS)) for name, load in SETS[s]().items()]


def load_pages(sets: tuple[str, ...] | None = None) -> list[Page]:
    """Every page of ``sets`` (all sets by default) available here."""
    return [load() for _, _, load in page_refs(sets)]
