"""Test-only HTTP shim that lets the ``elasticsearch`` 8 client talk to the real local OpenSearch node.

No Elasticsearch server can run on these machines. The ES 8 client refuses any server that does not pass
its product check (an ``X-Elastic-Product: Elasticsearch`` header and an 8.x version on ``GET /``), and it
sends its versioned media type (``application/vnd.elasticsearch+json; compatible-with=8``), which OpenSearch
answers with 406. The shim fixes exactly those two things and forwards everything else unchanged: method,
path, query string, body bytes and the engine's status and reply. What the two engines *accept* differently
is not visible through it; README's "Elasticsearch 8 and OpenSearch 2" lists those and the adapter handles them.
One of them would stop every highlighted search here: the adapter bounds highlighting with Elasticsearch's
``highlight.max_analyzed_offset``, which OpenSearch spells ``max_analyzer_offset``; the shim renames that one
key in ``_search`` bodies, as the only body it touches.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

ES_VERSION = "8.15.3"
_VENDOR = re.compile(r"application/vnd\.elasticsearch\+(json|x-ndjson)(;\s*compatible-with=\d+)?")
_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "content-encoding"}


def _plain(media_type: str) -> str:
    return _VENDOR.sub(lambda m: f"application/{m.group(1)}", media_type)


class ES8Shim:
    """``with ES8Shim(upstream) as shim: shim.url`` — a thread serving on 127.0.0.1 (free port)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.requests: list[tuple[str, str]] = []  # (method, path) of every forwarded request
        self._client = httpx.Client(timeout=120)
        shim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: _plain(v) for k, v in self.headers.items() if k.lower() not in _HOP}
                if body and self.path.split("?")[0].endswith("/_search"):
                    body = _opensearch_highlight_key(body)
                shim.requests.append((self.command, self.path))
                reply = shim._client.request(self.command, shim.upstream + self.path, headers=headers,
                                             content=body)
                data = reply.content
                if self.command == "GET" and self.path.split("?")[0] == "/" and reply.status_code == 200:
                    data = _as_elasticsearch(data)
                self.send_response(reply.status_code)
                for key, value in reply.headers.items():
                    if key.lower() not in _HOP:
                        self.send_header(key, value)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward  # noqa: N815 - http.server's naming

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ES8Shim:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._client.close()


def _opensearch_highlight_key(body: bytes) -> bytes:
    """Elasticsearch's ``highlight.max_analyzed_offset`` under OpenSearch's name (see the module docstring)."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    highlight = data.get("highlight") if isinstance(data, dict) else None
    if not isinstance(highlight, dict) or "max_analyzed_offset" not in highlight:
        return body
    highlight["max_analyzer_offset"] = highlight.pop("max_analyzed_offset")
    return json.dumps(data, ensure_ascii=False).encode()


def _as_elasticsearch(data: bytes) -> bytes:
    """OpenSearch's ``GET /`` reply, reporting an Elasticsearch 8 version (all the product check reads)."""
    info = json.loads(data)
    info["version"] = {**info.get("version", {}), "number": ES_VERSION, "build_flavor": "default"}
    info["version"].pop("distribution", None)
    info["tagline"] = "You Know, for Search"
    return json.dumps(info).encode()
