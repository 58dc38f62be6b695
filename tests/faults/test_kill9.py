"""kill -9 on the serving processes in the middle of a stream of writes loses nothing that was
acknowledged, leaves no half-done write, and leaves a sound database and audit chain.

The real server (gunicorn from the venv, 2 workers × 2 threads on 127.0.0.1) runs against a file
SQLite database and, when the suite runs on PostgreSQL, against the test database as well.
Four clients start 已下发 tasks through the API (token login, then POST /api/tasks/{id}/start/:
a status change, a history row and an audit event in one transaction) until 40 are
acknowledged; then every gunicorn process gets SIGKILL while requests are in flight. The server
is started again and takes 20 more writes (no lock or broken state was left behind), is
stopped, and the database is checked.
"""

from __future__ import annotations

import http.client
import json
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from bench.server import HOST, ROOT, Server, server_env

# The database the suite runs on: CI runs the whole suite once per database, so the SQLite server
# is killed in the SQLite run and the PostgreSQL one in the PostgreSQL run, each once.
VENDORS = ["postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"]
CLIENTS = 4
FIRST_ACKS, LATER_ACKS = 40, 20


def _run_json(args: list[str], env: dict[str, str]) -> Any:
    done = subprocess.run(  # noqa: S603  (our own interpreter and modules)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None


def _database_url(vendor: str, tmp_path: Path) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'fault.sqlite3'}"
    db = settings.DATABASES["default"]  # the test database (NAME is test_… by now)
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _token(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    body = json.dumps({"username": username, "password": password})
    conn.request("POST", "/api/auth/token/", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    assert response.status == 200, response.read()[:500]
    return str(json.loads(response.read())["token"])


@dataclass
class WriteStream:
    """CLIENTS threads starting tasks from a shared queue, one keep-alive connection each."""

    port: int
    token: str
    todo: queue.SimpleQueue[int]
    acked: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # HTTP answers other than 2xx
    interrupted: int = 0  # requests cut off without an answer (the kill)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def _client(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
        headers = {"Authorization": f"Token {self.token}", "Content-Type": "application/json"}
        while True:
            try:
                pk = self.todo.get_nowait()
            except queue.Empty:
                return
            try:
                conn.request("POST", f"/api/tasks/{pk}/start/", "{}", headers)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                with self._lock:
                    self.interrupted += 1
                return
            with self._lock:
                if 200 <= response.status < 300:
                    self.acked.append(pk)
                else:
                    self.errors.append(f"{pk}: {response.status} {body[:200]!r}")

    def start(self) -> WriteStream:
        self._threads = [threading.Thread(target=self._client, daemon=True) for _ in range(CLIENTS)]
        for thread in self._threads:
            thread.start()
        return self

    def wait_for(self, acks: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acked) < acks and time.monotonic() < deadline and not self.errors:
            time.sleep(0.005)
        assert not self.errors, self.errors[:5]
        assert len(self.acked) >= acks, f"only {len(self.acked)} writes acknowledged in {timeout} s"

    def join(self) -> None:
        for thread in self._threads:
            thread.join(timeout=15)


def _integrity(vendor: str, tmp_path: Path) -> str:
    if vendor != "sqlite":
        return "ok"  # PostgreSQL itself was not killed; the check below reads every table
    with sqlite3.connect(tmp_path / "fault.sqlite3") as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.faults
@pytest.mark.parametrize("vendor", VENDORS)
def test_kill_9_mid_stream_loses_no_acknowledged_write(
    vendor: str, transactional_db: Any, tmp_path: Path
) -> None:
    env = server_env(_database_url(vendor, tmp_path), tmp_path / "var", SECRET_KEY="fault-test-" + "x" * 40)
    if vendor == "sqlite":
        _run_json(["manage.py", "migrate", "--noinput", "-v0"], env)
    seeded = _run_json(["-m", "tests.faults.scenario", "seed", "200"], env)
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for pk in seeded["tasks"]:
        todo.put(pk)
    log = tmp_path / "gunicorn.log"
    server = Server(env, workers=2, threads=2, timeout=20, log=log).start()
    try:
        token = _token(server.port, seeded["username"], seeded["password"])
        first = WriteStream(server.port, token, todo).start()
        first.wait_for(FIRST_ACKS)
    finally:
        server.kill()  # mid-stream: the clients have requests in flight
    first.join()
    assert first.interrupted >= 1, "the kill did not interrupt any request"
    with Server(env, workers=2, threads=2, timeout=20, port=server.port, log=log) as again:
        later = WriteStream(again.port, token, todo).start()
        later.wait_for(LATER_ACKS)
        while not todo.empty():  # the clients run dry; then the server stops normally
            todo.get_nowait()
        later.join()
    assert not later.errors, later.errors[:5]

    assert _integrity(vendor, tmp_path) == "ok"
    found = _run_json(["-m", "tests.faults.scenario", "check"], env)
    assert found["audit_ok"], found["audit_error"]
    status = {int(pk): s for pk, s in found["status"].items()}
    started = {int(pk): n for pk, n in found["started"].items()}
    acked = set(first.acked) | set(later.acked)
    assert len(acked) >= FIRST_ACKS + LATER_ACKS
    lost = sorted(pk for pk in acked if status[pk] != "in_progress")
    assert not lost, f"acknowledged but not in the database: {lost}"
    # All or nothing: a task is in progress exactly when its one audit event exists.
    in_progress = {pk for pk, s in status.items() if s == "in_progress"}
    assert set(started) == in_progress
    assert set(started.values()) == {1}
    assert found["tokens"] == 1  # the login, also an acknowledged write
    print(
        f"acked {len(acked)}, interrupted {first.interrupted}, committed unanswered {len(in_progress - acked)}"
    )
