"""`raqib kibana import` sends what Kibana's saved-objects import API expects, checked by a local HTTP receiver.

The receiver plays Kibana's side of ``POST /api/saved_objects/_import``: it answers 400/401 the way Kibana does
when the ``kbn-xsrf`` header, ``overwrite=true``, the basic auth or the multipart ``file`` part is wrong, and
records each request so the test can compare the uploaded NDJSON with the shipped objects.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.errors import RaqibError
from pipeline.ops.deploy import kibana_import
from pipeline.resources import shipped

USER, PASSWORD = "elastic", "s3cret-kibana"


def _check(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict]:
    """Kibana's checks on an import request, in its order; (status, JSON reply)."""
    url = urlsplit(handler.path)
    if url.path != "/api/saved_objects/_import":
        return 404, {"statusCode": 404, "message": "Not Found"}
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    if handler.headers.get("Authorization") != expected:
        return 401, {"statusCode": 401, "error": "Unauthorized", "message": "[security_exception] cannot authenticate"}
    if handler.headers.get("kbn-xsrf") is None:
        return 400, {"statusCode": 400, "message": "Request must contain a kbn-xsrf header."}
    if parse_qs(url.query).get("overwrite") != ["true"]:
        return 400, {"statusCode": 400, "message": "overwrite must be true for raqib's objects"}
    ctype = handler.headers.get("Content-Type", "")
    if not ctype.startswith("multipart/form-data"):
        return 415, {"statusCode": 415, "message": "Unsupported Media Type"}
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
    parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
    if set(parts) != {"file"} or not parts["file"].get_filename("").endswith(".ndjson"):
        return 400, {"statusCode": 400, "message": "[request body.file]: expected value of type [Stream]"}
    lines = [json.loads(line) for line in parts["file"].get_payload(decode=True).splitlines() if line.strip()]
    handler.server.received.append({"filename": parts["file"].get_filename(), "objects": lines})  # type: ignore[attr-defined]
    return 200, {"success": True, "successCount": len(lines), "successResults": []}


class _Kibana(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        status, reply = _check(self, body)
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def kibana() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Kibana)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_import_sends_the_shipped_objects_as_kibana_expects(kibana: ThreadingHTTPServer) -> None:
    shipped_objects = [json.loads(line) for line in
                       shipped("schemas", "kibana", "raqib.ndjson").read_text(encoding="utf-8").splitlines() if line]
    result = kibana_import(_url(kibana), USER, PASSWORD)
    assert result == {"raqib.ndjson": len(shipped_objects)}
    (request,) = kibana.received  # type: ignore[attr-defined]
    assert request["filename"] == "raqib.ndjson" and request["objects"] == shipped_objects


def test_wrong_credentials_are_one_clear_error(kibana: ThreadingHTTPServer) -> None:
    with pytest.raises(RaqibError, match="HTTP 401"):
        kibana_import(_url(kibana), USER, "wrong")
    assert not kibana.received  # type: ignore[attr-defined]


def test_the_cli_imports_with_credentials_from_the_environment(kibana: ThreadingHTTPServer) -> None:
    """The compose one-shot's command, as it runs there: URL flag, KIBANA_USERNAME/KIBANA_PASSWORD from env."""
    env = {**os.environ, "KIBANA_USERNAME": USER, "KIBANA_PASSWORD": PASSWORD}
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "kibana", "import", "--url", _url(kibana)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "raqib.ndjson" in proc.stdout and len(kibana.received) == 1  # type: ignore[attr-defined]


def test_the_cli_refuses_the_placeholder_password(kibana: ThreadingHTTPServer) -> None:
    env = {**os.environ, "KIBANA_USERNAME": USER, "KIBANA_PASSWORD": "change-me-elastic", "COLUMNS": "300"}
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "kibana", "import", "--url", _url(kibana)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode != 0 and "placeholder" in proc.stderr + proc.stdout
    assert len((proc.stderr + proc.stdout).strip().splitlines()) == 1, proc.stderr
    assert not kibana.received  # type: ignore[attr-defined]
