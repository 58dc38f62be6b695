"""A 5,000-row 台账 import runs while eight other users sign in and browse: no HTTP 500, no
"database is locked", on SQLite and on PostgreSQL.

Production's shape: gunicorn (2 workers × 2 threads) and a huey worker (`manage.py run_huey`)
on loopback, against a file SQLite database and, when the suite runs on PostgreSQL, against the
test database too. The 纪委 officer uploads the ledger, waits on the job page for the check,
confirms, and waits for the import; meanwhile each of eight liaisons loops sign-in → 工作台 →
任务清单 → 消息 → sign-out, first once round without an import (the baseline), then until the
import is done. Every answer is recorded; errors fail the test, times are printed beside the
baseline (timing targets belong to bench/, not to tests).
"""

from __future__ import annotations

import http.client
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bench.server import GUNICORN, HOST, ROOT, Server, server_env
from tests.faults.test_kill9 import VENDORS, _database_url, _run_json

ROWS = 5_000
WAIT = 900.0  # seconds for each step of the import on a loaded 2-core machine
PAGES = ("/", "/rectification/tasks/", "/notifications/")


class Session:
    """One browser: cookies and a keep-alive connection to the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | str | None = None, **headers: str) -> Any:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body, {"Cookie": cookie, **headers})
        response = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.headers, data

    def post_form(self, path: str, fields: dict[str, str]) -> Any:
        body = urlencode({**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
        return self.request("POST", path, body, **{"Content-Type": "application/x-www-form-urlencoded"})

    def login(self, username: str, password: str) -> int:
        self.request("GET", "/login/")
        status, _, _ = self.post_form("/login/", {"username": username, "password": password})
        return int(status)


@dataclass
class Browsing:
    port: int
    users: list[str]
    password: str
    stop: threading.Event = field(default_factory=threading.Event)
    phase: str = "before"  # "before" the upload (the baseline), then "import"
    answers: list[tuple[str, int, float, str]] = field(default_factory=list)  # what, status, s, phase
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _note(self, what: str, status: int, started: float, body: bytes = b"") -> None:
        with self._lock:
            self.answers.append((what, status, time.monotonic() - started, self.phase))
            if status >= 500 or b"database is locked" in body:
                self.errors.append(f"{what}: {status} {body[:300]!r}")

    def _browse(self, username: str) -> None:
        while True:
            session = Session(self.port)
            started = time.monotonic()
            status = session.login(username, self.password)
            self._note("login", status, started)
            if status != 302:
                with self._lock:
                    self.errors.append(f"login {username}: {status}")
            for page in PAGES:
                started = time.monotonic()
                status, _, body = session.request("GET", page)
                self._note(page, status, started, body)
            started = time.monotonic()
            status, _, body = session.post_form("/logout/", {})
            self._note("logout", status, started, body)
            if self.stop.is_set():
                return

    def times(self, phase: str, *whats: str) -> list[float]:
        with self._lock:
            return [s for what, _, s, p in self.answers if p == phase and what in whats]

    def baseline(self) -> None:
        """Browse without an import until every user has been round once: the figures to compare."""
        deadline = time.monotonic() + 300
        while len(self.times("before", "logout")) < len(self.users) and time.monotonic() < deadline:
            time.sleep(0.5)
        self.phase = "import"

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._browse, args=(u,), daemon=True) for u in self.users]
        for thread in threads:
            thread.start()
        return threads


def _multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _wait_for(session: Session, job: str, wanted: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < WAIT:
        status, _, body = session.request("GET", job)
        assert status == 200, (status, body[:500])
        shown = re.search(r'data-testid="job-status">([^<]+)<', body.decode())
        assert shown is not None
        if shown[1] == wanted:
            return time.monotonic() - started
        assert shown[1] != "未完成", re.sub(r"<[^>]+>", " ", body.decode())[-3000:]
        time.sleep(0.5)
    raise AssertionError(f"the import did not reach {wanted} within {WAIT:.0f} s")


def _import(port: int, username: str, password: str, ledger: bytes) -> dict[str, float]:
    session = Session(port)
    assert session.login(username, password) == 302
    session.request("GET", "/rectification/ledger/import/")
    fields = {"source": "self_inspection", "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    body, kind = _multipart(fields, "台账.xlsx", ledger)
    status, headers, answer = session.request(
        "POST", "/rectification/ledger/import/", body, **{"Content-Type": kind}
    )
    assert status == 302, answer[:1000]
    job = headers["Location"]
    checked = _wait_for(session, job, "待确认")
    status, _, answer = session.post_form(f"{job}confirm/", {})
    assert status == 302, answer[:500]
    return {"check": checked, "import": _wait_for(session, job, "已完成")}


def _huey(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "-w", "1", "-k", "thread"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=sink,
            start_new_session=True,
        )


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


@pytest.mark.faults
@pytest.mark.parametrize("vendor", VENDORS)
def test_a_large_import_leaves_other_users_working(
    vendor: str, transactional_db: Any, tmp_path: Path
) -> None:
    assert GUNICORN.exists()
    env = server_env(_database_url(vendor, tmp_path), tmp_path / "var", SECRET_KEY="load-test-" + "x" * 40)
    if vendor == "sqlite":
        _run_json(["manage.py", "migrate", "--noinput", "-v0"], env)
    _run_json(["manage.py", "collectstatic", "--noinput", "-v0"], env)  # DEBUG=0 serves hashed names
    ledger_file = tmp_path / "ledger.xlsx"
    seeded = _run_json(["-m", "tests.faults.ledger_scenario", "seed", str(ROWS), str(ledger_file)], env)
    worker = _huey(env, tmp_path / "huey.log")
    try:
        with Server(env, workers=2, threads=2, timeout=120, log=tmp_path / "gunicorn.log") as server:
            browsing = Browsing(server.port, seeded["browsers"], seeded["password"])
            threads = browsing.start()
            try:
                browsing.baseline()
                took = _import(server.port, seeded["importer"], seeded["password"], ledger_file.read_bytes())
            finally:
                browsing.stop.set()
                for thread in threads:
                    thread.join(timeout=120)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert not browsing.errors, browsing.errors[:5]
    logins, pages = browsing.times("import", "login"), browsing.times("import", *PAGES)
    assert len(logins) >= len(seeded["browsers"])
    before, before_pages = browsing.times("before", "login"), browsing.times("before", *PAGES)
    found = _run_json(["-m", "tests.faults.ledger_scenario", "check"], env)
    assert found["audit_ok"], found["audit_error"]
    assert found["tasks"] == found["created_events"] == ROWS
    print(
        f"\n{vendor}: check {took['check']:.1f} s, import {took['import']:.1f} s; "
        f"{len(logins)} logins (p50 {statistics.median(logins):.2f} s, p95 {_p95(logins):.2f} s, "
        f"max {max(logins):.2f} s), {len(pages)} pages (p95 {_p95(pages):.2f} s), 0 errors; "
        f"before the upload {len(before)} logins (p50 {statistics.median(before):.2f} s, "
        f"max {max(before):.2f} s), {len(before_pages)} pages (p95 {_p95(before_pages):.2f} s)"
    )
