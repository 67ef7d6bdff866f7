"""Alerts end to end on real services: three outlets reporting Khafaji's statement give one alert that
lists them all, delivered to a signed webhook; a sports "withdrawal" gives none."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.alerts.delivery import SIGNATURE_HEADER, verify
from tests.conftest import SEEDS
from tests.conftest import run_raqib as raqib

pytestmark = pytest.mark.integration

SPORT = ("انسحاب نادي الزوراء من البطولة الآسيوية\n"
         'وقال رئيس نادي الزوراء في مؤتمر صحفي إن "قرار انسحاب الفريق من بطولة الأندية الآسيوية كان صعبا '
         'بسبب الأزمة المالية"، مضيفا أن اللاعبين سيعودون إلى بغداد بعد المباراة الأخيرة في الدوري.\n')


class Receiver(BaseHTTPRequestHandler):
    calls: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.calls.append({"body": json.loads(body),
                               "signed": verify(body, self.headers.get(SIGNATURE_HEADER), "integration-secret"),
                               "key": self.headers.get("Idempotency-Key")})
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_one_alert_per_statement_across_outlets_and_none_for_sport(services_env, worker, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        added = raqib("rules", "add", "withdrawal-hook", "--query", "", "--subject", "military_withdrawal",
                      "--statements-only", "--webhook", hook, "--secret-env", "RAQIB_WEBHOOK_SECRET_TEST",
                      env=services_env)
        assert added.returncode == 0, added.stdout + added.stderr
        sport = tmp_path / "sport.txt"
        sport.write_text(SPORT, encoding="utf-8")
        for name, outlet in [("002_53bfce609cf075d0.txt", "وكالة الرافدين"), ("003_3ef7dfa2a7074a0e.txt", "إيلاف"),
                             ("004_d06fec6805e27b95.txt", "السومرية")]:
            assert raqib("ingest", str(SEEDS / name), "--outlet", outlet, env=services_env).returncode == 0
        assert raqib("ingest", str(sport), "--outlet", "الرياضية", env=services_env).returncode == 0

        def khafaji_alerts() -> list[dict]:
            proc = raqib("alerts", "--json", "--size", "100", env=services_env)
            if proc.returncode != 0:
                return []
            alerts = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
            return [a for a in alerts if a["rule"] == "withdrawal-hook"
                    and "الخفاجي" in ((a.get("speaker") or {}).get("canonical") or "")]

        deadline = time.monotonic() + 120
        alerts: list[dict] = []
        while time.monotonic() < deadline:
            alerts = khafaji_alerts()
            if alerts and len({a["url"] for a in alerts[0]["articles"]}) >= 3:
                break
            time.sleep(1)
        log = Path(services_env["RAQIB_HOME"]) / "logs" / "worker.log"
        assert len(alerts) == 1, (f"expected one Khafaji alert, got {len(alerts)}\n--- worker log ---\n"
                                  + (log.read_text(errors="replace")[-3000:] if log.exists() else "(none)"))
        urls = {a["url"] for a in alerts[0]["articles"]}
        assert {(SEEDS / n).resolve().as_uri() for n in
                ("002_53bfce609cf075d0.txt", "003_3ef7dfa2a7074a0e.txt", "004_d06fec6805e27b95.txt")} <= urls
        assert {a["outlet"] for a in alerts[0]["articles"]} >= {"وكالة الرافدين", "إيلاف", "السومرية"}

        all_alerts = [json.loads(line) for line in
                      raqib("alerts", "--json", "--size", "200", env=services_env).stdout.splitlines() if line]
        assert not [a for a in all_alerts if any(x["url"] == sport.resolve().as_uri() for x in a["articles"])]

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not Receiver.calls:
            time.sleep(0.5)
        assert Receiver.calls, "the webhook was never called"
        assert all(call["signed"] for call in Receiver.calls)
        assert all(call["key"] for call in Receiver.calls)
    finally:
        server.shutdown()
        raqib("rules", "remove", "withdrawal-hook", env=services_env)
