"""A small WebSub hub for the tests and benchmarks (beside the sample site it serves), following the W3C
Recommendation on loopback.

- Subscriber requests: ``POST /`` form-encoded ``hub.mode``, ``hub.topic``, ``hub.callback``, ``hub.secret``,
  ``hub.lease_seconds``; answered ``202 Accepted``, then the intent is verified asynchronously with a GET to
  the callback carrying ``hub.mode``, ``hub.topic``, ``hub.challenge`` and ``hub.lease_seconds``. The
  subscription stands only when the callback answers 2xx with the challenge as its body.
- Content distribution (``publish``): the topic's new content is POSTed to each verified, unexpired
  callback with ``Link: <hub>; rel="hub", <topic>; rel="self"`` and ``X-Hub-Signature: sha256=<HMAC of the
  body with that subscriber's secret>``.
Test knobs: ``lease`` (the lease the hub grants), ``refuse`` (answer subscriptions 403), ``deny`` (accept,
then send ``hub.mode=denied``). ``requests``/``verifications``/``deliveries`` record what happened.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import httpx


@dataclass
class HubSubscription:
    callback: str
    topic: str
    secret: str | None
    expires_at: float


@dataclass
class WebSubHub:
    host: str = "127.0.0.1"
    port: int = 0
    lease: int | None = None  # None: grant what was asked
    refuse: bool = False
    deny: bool = False
    subs: dict[tuple[str, str], HubSubscription] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)
    verifications: list[tuple[str, int, bool]] = field(default_factory=list)  # (mode, status, echoed)
    deliveries: list[tuple[str, int]] = field(default_factory=list)  # (callback, status)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> WebSubHub:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                status = hub._request(form)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((self.host, self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> WebSubHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # subscriber requests -----------------------------------------------------------------------

    def _request(self, form: dict[str, str]) -> int:
        self.requests.append(form)
        mode, topic, callback = form.get("hub.mode"), form.get("hub.topic"), form.get("hub.callback")
        if mode not in ("subscribe", "unsubscribe") or not topic or not callback:
            return 400
        if self.refuse:
            return 403
        threading.Thread(target=self._verify, args=(form,), daemon=True).start()
        return 202

    def _verify(self, form: dict[str, str]) -> None:
        mode, topic, callback = form["hub.mode"], form["hub.topic"], form["hub.callback"]
        if self.deny:
            self.get(callback, {"hub.mode": "denied", "hub.topic": topic, "hub.reason": "not allowed"})
            return
        asked = int(form.get("hub.lease_seconds") or 86400)
        lease = self.lease or asked
        challenge = secrets.token_urlsafe(12)
        status, body = self.get(callback, {"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge,
                                           "hub.lease_seconds": str(lease)})
        ok = 200 <= status < 300 and body == challenge
        self.verifications.append((mode, status, ok))
        if ok and mode == "subscribe":
            self.subs[(callback, topic)] = HubSubscription(callback, topic, form.get("hub.secret"),
                                                           time.time() + lease)
        elif ok:
            self.subs.pop((callback, topic), None)

    @staticmethod
    def get(callback: str, params: dict[str, str]) -> tuple[int, str]:
        """A GET to a callback (also used by tests to forge verifications)."""
        sep = "&" if "?" in callback else "?"
        try:
            response = httpx.get(callback + sep + urlencode(params), timeout=10)
        except httpx.HTTPError:
            return 0, ""
        return response.status_code, response.text

    # content distribution ----------------------------------------------------------------------

    def active(self, topic: str) -> list[HubSubscription]:
        now = time.time()
        return [s for s in self.subs.values() if s.topic == topic and s.expires_at > now]

    def publish(self, topic: str, body: bytes, content_type: str = "application/rss+xml",
                signature: str | None = "good") -> list[int]:
        """Distribute ``body`` to the topic's subscribers; ``signature`` "good", "bad", "sha1", "sha512" or
        None (no header). Returns the callbacks' status codes."""
        statuses = []
        for sub in self.active(topic):
            headers = {"Content-Type": content_type, "Link": f'<{self.url}>; rel="hub", <{topic}>; rel="self"'}
            if signature and sub.secret:
                method = signature if signature in ("sha1", "sha512") else "sha256"
                key = sub.secret if signature != "bad" else "not-the-secret"
                digest = hmac.new(key.encode(), body, getattr(hashlib, method)).hexdigest()
                headers["X-Hub-Signature"] = f"{method}={digest}"
            try:
                status = httpx.post(sub.callback, content=body, headers=headers, timeout=10).status_code
            except httpx.HTTPError:
                status = 0
            self.deliveries.append((sub.callback, status))
            statuses.append(status)
        return statuses
