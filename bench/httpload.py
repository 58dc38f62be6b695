"""The client side of the load harness (bench/load.py): a keep-alive loopback connection with
a cookie jar, the form login the login page expects (CSRF token and all), and latency samples.

Standard library only (http.client, threads): nothing to install, nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.server import HOST

_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_RETRYABLE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


def _parse_set_cookie(jar: dict[str, str], headers: list[str]) -> None:
    for header in headers:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        if "max-age=0" in attributes.lower().replace(" ", "") or not value:
            jar.pop(name, None)
        else:
            jar[name] = value


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float
    location: str = ""


@dataclass
class Connection:
    """One client's connection. The sync gunicorn worker closes after every answer, and
    http.client then opens a new one; a kept-alive connection the server dropped is retried once."""

    port: int
    timeout: float = 120.0
    _conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, jar: dict[str, str], body: bytes | None = None, form: bool = False
    ) -> Answer:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        for attempt in (1, 2):
            reused = self._conn is not None and self._conn.sock is not None
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self._conn.request(method, path, body, headers)
                response = self._conn.getresponse()
                data = response.read()
            except _RETRYABLE:
                self.close()
                if attempt == 2 or not reused:
                    raise
                start = time.perf_counter()
                continue
            _parse_set_cookie(jar, response.headers.get_all("Set-Cookie") or [])
            elapsed = time.perf_counter() - start
            return Answer(response.status, data, elapsed, response.getheader("Location") or "")
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def login(conn: Connection, username: str, password: str) -> dict[str, str]:
    """The login page's own form: GET for the CSRF cookie and token, POST, expect a redirect."""
    jar: dict[str, str] = {}
    page = conn.request("GET", "/login/", jar)
    match = _CSRF_INPUT.search(page.body)
    if page.status != 200 or match is None:
        raise RuntimeError(f"login page answered {page.status} without a CSRF token")
    form = {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()}
    answer = conn.request("POST", "/login/", jar, urllib.parse.urlencode(form).encode(), form=True)
    if answer.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login of {username} failed: {answer.status} {answer.body[:300]!r}")
    return jar


def post_form(conn: Connection, path: str, jar: dict[str, str], data: dict[str, str] | None = None) -> Answer:
    """A form POST with the CSRF token taken from the csrftoken cookie, as a browser form sends it."""
    fields = {"csrfmiddlewaretoken": jar.get("csrftoken", ""), **(data or {})}
    return conn.request("POST", path, jar, urllib.parse.urlencode(fields).encode(), form=True)


def percentile(samples: list[float], pct: int) -> float:
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


@dataclass
class Stats:
    """Latency samples (seconds) and error counts per page name; shared by many threads."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    first: float = field(default_factory=time.monotonic)
    last: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, ok: bool, note: str = "") -> None:
        with self._lock:
            self.samples.setdefault(page, []).append(seconds)
            self.last = max(self.last, time.monotonic())
            if not ok:
                self.errors[page] = self.errors.get(page, 0) + 1
                if len(self.examples) < 5 and note:
                    self.examples.append(f"{page}: {note}")

    @property
    def elapsed(self) -> float:
        return max(self.last - self.first, 1e-9)

    def rows(self) -> list[tuple[str, int, float, float, float, float, int]]:
        """(page, n, req/s, p50 ms, p95 ms, p99 ms, errors) per page, then "all"."""
        out = []
        everything: list[float] = []
        for page, samples in sorted(self.samples.items()):
            everything += samples
            out.append(self._row(page, samples, self.errors.get(page, 0)))
        out.append(self._row("all", everything, sum(self.errors.values())))
        return out

    def _row(
        self, page: str, samples: list[float], errors: int
    ) -> tuple[str, int, float, float, float, float, int]:
        ms = [s * 1000 for s in samples]
        rate = len(samples) / self.elapsed
        return (page, len(samples), rate, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), errors)
