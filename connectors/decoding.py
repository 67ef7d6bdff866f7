"""Bytes to text for fetched pages and feeds: bounded Content-Encoding decoding and charset detection.

Every decoder produces at most the fetcher's byte limit (gzip, deflate and brotli bombs stop there), and
``decode_html`` picks the declared charset, falling back to legacy Arabic code pages when the evidence
says so.
"""

from __future__ import annotations

import codecs
import re
import zlib

from pipeline.errors import RaqibError

try:  # brotli is optional; only a version that can bound its output is used (see BoundedDecoder)
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None


# Content-Encoding ---------------------------------------------------------------------------------

# Only a brotli that can cap its output buffer is safe against a brotli bomb (brotli >= 1.2).
_BROTLI_BOUNDED = brotli is not None and hasattr(brotli.Decompressor, "can_accept_more_data")
ACCEPT_ENCODING = "gzip, deflate, br" if _BROTLI_BOUNDED else "gzip, deflate"


class BodyTooLarge(RaqibError):
    """The decoded body went over the fetcher's byte limit."""


class BadEncoding(RaqibError):
    """The body is not valid for its Content-Encoding."""


class _Inflate:
    """gzip (several members allowed) or zlib/raw deflate, producing at most ``budget`` bytes per call."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._obj = self._new()
        self._first = True
        self._tail = b""  # input zlib could not consume within the last budget; fed again next time

    def _new(self):  # noqa: ANN202 - zlib's decompressobj type is private
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.kind == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes, budget: int) -> bytes:
        out: list[bytes] = []
        produced = 0
        data, self._tail = self._tail + data, b""
        while True:
            try:
                chunk = self._obj.decompress(data, max(1, budget - produced))
            except zlib.error as exc:
                if self.kind == "deflate" and self._first:  # servers send raw deflate despite RFC 9110
                    self._obj, self._first = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise BadEncoding(f"bad {self.kind} body: {exc}") from exc
            self._first = False
            out.append(chunk)
            produced += len(chunk)
            if produced >= budget:
                self._tail = self._obj.unconsumed_tail
                break
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data and self.kind == "gzip":
                data, self._obj = self._obj.unused_data, self._new()  # next gzip member
            else:
                break
        return b"".join(out)

    def finish(self, budget: int) -> bytes:
        return self._obj.flush(max(1, budget)) if not self._obj.eof else b""


class _Unbrotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, budget: int) -> bytes:
        out: list[bytes] = []
        produced = 0
        try:
            out.append(self._obj.process(data, output_buffer_limit=max(1, budget)))
            produced += len(out[-1])
            while produced < budget and not self._obj.can_accept_more_data():
                out.append(self._obj.process(b"", output_buffer_limit=max(1, budget - produced)))
                produced += len(out[-1])
        except brotli.error as exc:
            raise BadEncoding(f"bad br body: {exc}") from exc
        return b"".join(out)

    def finish(self, budget: int) -> bytes:
        return b""


class BoundedDecoder:
    """Undo ``Content-Encoding`` (gzip, deflate, br; several layers) without ever holding more than
    ``limit`` decoded bytes: a decompression bomb ends in ``BodyTooLarge`` after at most ``limit + 1``."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.layers: list[_Inflate | _Unbrotli] = []
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        for name in reversed(names):  # the last encoding applied is undone first
            if name in ("identity", "none"):
                continue
            if name in ("gzip", "x-gzip"):
                self.layers.append(_Inflate("gzip"))
            elif name == "deflate":
                self.layers.append(_Inflate("deflate"))
            elif name == "br" and _BROTLI_BOUNDED:
                self.layers.append(_Unbrotli())
            else:
                raise ValueError(f"unsupported Content-Encoding {name!r}")

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise BodyTooLarge(f"decoded body over {self.limit} bytes (compressed)")
        return data

    def feed(self, data: bytes) -> bytes:
        for layer in self.layers:
            data = layer.feed(data, self.limit + 1 - self.size)
        return self._count(data)

    def finish(self) -> bytes:
        data = b""
        for layer in self.layers:
            budget = self.limit + 1 - self.size
            data = layer.feed(data, budget) if data else b""
            data += layer.finish(budget)
        return self._count(data)


# Encodings ---------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
FALLBACK_ENCODINGS = ("utf-8", "windows-1256", "iso-8859-6")


def _norm_encoding(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def arabic_share(text: str) -> float:
    """Share of Arabic letters among non-ASCII letters (1.0 for clean Arabic, low for mojibake)."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0621" <= c <= "\u064a") / len(letters)


def declared_encodings(body: bytes, headers: dict[str, str] | None = None) -> list[str]:
    """Encodings the response claims: BOM, Content-Type header, then <meta>/<?xml?> in the first 4 KB."""
    found: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        found.append("utf-8")
    ctype = {k.lower(): v for k, v in (headers or {}).items()}.get("content-type", "")
    head = body[:4096]
    for match in [_HEADER_CHARSET.search(ctype), _META_CHARSET.search(head), _XML_ENCODING.search(head)]:
        if match:
            raw = match.group(1)
            name = _norm_encoding(raw.decode("ascii", "ignore") if isinstance(raw, bytes) else raw)
            if name and name not in found:
                found.append(name)
    return found


#: invalid sequences tolerated per valid non-ASCII character before a page stops counting as UTF-8
MAX_INVALID_UTF8_SHARE = 0.02


def mostly_utf8(body: bytes) -> str | None:
    """The page as UTF-8 with replacement characters when nearly all of it is valid UTF-8 (a truncated
    character, a stray byte pasted from elsewhere), else None.

    Arabic in windows-1256 or ISO-8859-6 almost never forms a valid multi-byte UTF-8 sequence, so a page
    with many valid ones and a few invalid bytes is UTF-8: reading it whole as a legacy code page turns
    every Arabic word into mojibake (``ط¹ظ†ظˆط§ظ†``) to save a handful of characters.
    """
    text = body.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode())
    valid = sum(1 for c in text if ord(c) > 127) - text.count("\ufffd")
    if invalid <= 0 or valid < 20 or invalid > MAX_INVALID_UTF8_SHARE * valid:
        return None
    return text.removeprefix("\ufeff")


def decode_html(body: bytes, headers: dict[str, str] | None = None) -> str:
    """Decode a page, trusting its declared charset only when the result looks like real text.

    Bytes that decode as strict UTF-8 are UTF-8, whatever is declared: Arabic in windows-1256 or
    ISO-8859-6 never forms valid UTF-8 sequences, while the reverse guess (any UTF-8 page read as
    windows-1256) gives Arabic-looking mojibake that the Arabic-share test below would prefer, e.g. for
    a Russian page.
    """
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    if (text := mostly_utf8(body)) is not None:
        return text
    declared = declared_encodings(body, headers)
    fallbacks = [_norm_encoding(e) or e for e in FALLBACK_ENCODINGS]
    candidates = declared + [e for e in fallbacks if e not in declared]
    best: tuple[float, str] | None = None
    for index, enc in enumerate(candidates):
        try:
            text = body.decode(enc or "utf-8")
        except (UnicodeDecodeError, LookupError):
            continue
        text = text.removeprefix("\ufeff")
        share = arabic_share(text)
        if index < len(declared) and share >= 0.9:
            return text  # declared and plausible
        if not any(ord(c) > 127 for c in text[:200000]):
            return text  # plain ASCII: every candidate agrees
        if best is None or share > best[0] + 0.05:
            best = (share, text)
    if best is not None:
        return best[1]
    return body.decode("utf-8", "replace")
