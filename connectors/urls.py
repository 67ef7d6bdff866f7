"""URL canonicalisation: one article, one URL, one id.

The same story reaches us as feed links with ``utm_*`` tags, share links with ``fbclid``, relative links,
upper-case hosts and Arabic paths written either raw (``/أخبار/``) or percent-encoded (``/%D8%A3...``).
``canonicalize_url`` maps all of them to one string so that ``article_id`` is stable.

Canonical form: lower-case scheme and host, host in IDNA ASCII (punycode) when possible, no default port,
no fragment, dot segments removed, tracking parameters dropped, remaining parameters sorted, and
percent-encoding normalised: unreserved ASCII is decoded, everything else non-ASCII is UTF-8
percent-encoded with upper-case hex, and reserved characters keep whatever form they had (``%2F`` stays
``%2F``), so the meaning of the URL never changes.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from pipeline.models import article_id_for
from pipeline.text.clean import INVISIBLE_CHARS

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}
_HIERARCHICAL = {"http", "https", "ws", "wss", "ftp", "file"}

#: Query parameters that only track the visit; compared case-insensitively.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
        "mc_eid", "ref", "ref_src", "ref_url", "ocid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "spm",
        "cmpid", "s_cid", "icid", "ncid", "amp_js_v", "usqp",
    }
)  # fmt: skip
#: Prefixes of tracking parameter names (utm_source, at_medium, pk_campaign, mtm_kwd, hsa_ad...).
TRACKING_PREFIXES = ("utm_", "at_", "_ga", "pk_", "mtm_", "hsa_", "fb_action", "fb_source", "__twitter")

_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_PATH_SAFE = "/:@!$&'()*+,;=%"
_QUERY_PART_SAFE = ":@!$'()*+,;/?%"  # "&" and "=" are structure in the query, so they stay encoded
_PCT_RE = re.compile(r"%([0-9A-Fa-f]{2})")
_STRAY_PCT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _normalize_percent(component: str, safe: str) -> str:
    """Decode %XX of unreserved ASCII, upper-case other %XX, percent-encode raw unsafe characters."""

    def fix(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if char in _UNRESERVED else "%" + m.group(1).upper()

    component = _STRAY_PCT_RE.sub("%25", component)
    component = _PCT_RE.sub(fix, component)
    return quote(component, safe=safe, errors="surrogatepass")


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: resolve "." and ".." so /a/./b/../c and /a/c are one URL."""
    if "." not in path:
        return path
    segments = path.split("/")
    out: list[str] = []
    for seg in segments:
        if seg == ".":
            continue
        if seg == "..":
            if len(out) > 1:
                out.pop()
            continue
        out.append(seg)
    if segments[-1] in (".", ".."):
        out.append("")
    result = "/".join(out)
    return result if result.startswith("/") or not path.startswith("/") else "/" + result


def _host(hostname: str) -> str:
    """Lower-case host, trailing dot removed, IDN labels as punycode (unchanged if IDNA refuses)."""
    host = hostname.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _query(query: str) -> str:
    pairs: list[tuple[str, str]] = []
    for part in query.split("&"):
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = _normalize_percent(name, _QUERY_PART_SAFE)
        if _is_tracking(_PCT_RE.sub(lambda m: chr(int(m.group(1), 16)), name)):
            continue
        pairs.append((name, sep + _normalize_percent(value, _QUERY_PART_SAFE + "=")))
    return "&".join(n + v for n, v in sorted(pairs))


def canonicalize_url(url: str, base: str | None = None) -> str:
    """Canonical form of ``url`` (resolved against ``base`` when relative); see the module docstring.

    Raises ``ValueError`` only for text that cannot be parsed as a URL at all (e.g. a broken IPv6 host).
    """
    url = "".join(c for c in url.strip() if c not in INVISIBLE_CHARS)
    if base:
        base = "".join(c for c in base.strip() if c not in INVISIBLE_CHARS)
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        host = _host(parts.hostname)
        if ":" in host:
            host = f"[{host}]"
        try:
            port = parts.port
        except ValueError:
            port = None
            host = netloc.rpartition("@")[2].lower()
        if port is not None and port != _DEFAULT_PORTS.get(scheme):
            host = f"{host}:{port}"
        userinfo = netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{host}" if userinfo else host
    path = _normalize_percent(parts.path, _PATH_SAFE)
    if scheme in _HIERARCHICAL:
        path = _remove_dot_segments(path)
        if netloc and not path:
            path = "/"
    return urlunsplit((scheme, netloc, path, _query(parts.query), ""))


def article_id(url: str) -> str:
    """Stable article id: the model's hash of the canonical URL."""
    return article_id_for(canonicalize_url(url))


def _is_site_root(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def canonical_from_html(html: str | bytes, page_url: str) -> str | None:
    """Canonical URL declared by the page (``<link rel=canonical>``, else ``og:url``), canonicalised.

    Relative values resolve against ``<base href>`` or ``page_url``. A declaration pointing at the site
    root while the page is deeper is ignored: misconfigured CMS templates put the home page on every
    article, which would merge all articles into one id.
    """
    if not html:
        return None
    data = html.encode("utf-8") if isinstance(html, str) else html
    try:
        doc = lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    return canonical_from_tree(doc, page_url)


def canonical_from_tree(doc: lxml.html.HtmlElement, page_url: str) -> str | None:
    """``canonical_from_html`` on a page already parsed (extraction parses each page once)."""
    base = page_url
    for href in doc.xpath("//base/@href"):
        if href.strip():
            base = urljoin(page_url, href.strip())
            break
    candidates: list[str] = []
    for link in doc.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel", "").lower().split():
            candidates.append(link.get("href", ""))
    for meta in doc.xpath("//meta[@content]"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            candidates.append(meta.get("content", ""))
    page_is_root = _is_site_root(page_url)
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate or candidate.startswith(("#", "javascript:", "data:", "mailto:")):
            continue
        try:
            url = canonicalize_url(candidate, base)
        except ValueError:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if _is_site_root(url) and not page_is_root:
            continue
        return url
    return None
