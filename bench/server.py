"""Start and stop a real gunicorn on loopback, as production runs it (README: `-w 4`), for the
load harness (bench/load.py) and the kill -9 test (tests/faults).

The server runs in its own process group, so `kill()` can SIGKILL the master and every worker
at once, the way a power cut or the OOM killer would end them, while `stop()` is the ordinary
SIGTERM shutdown.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    """A production-like environment: DEBUG off, plain http on loopback, not "under pytest"."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "PYTEST_CURRENT_TEST"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "MINGJIAN_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "HTTPS": "0",  # no TLS proxy in front: cookies must work over http://127.0.0.1
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
    }
    return env | extra


@dataclass
class Server:
    env: dict[str, str]
    workers: int = 4
    threads: int = 1
    timeout: int = 30
    port: int = field(default_factory=free_port)
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    _log_file: IO[bytes] | None = None

    @property
    def args(self) -> list[str]:
        return [
            str(GUNICORN),
            "config.wsgi",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            f"--timeout={self.timeout}",
            "--graceful-timeout=5",
            "--backlog=2048",
            "--no-control-socket",  # gunicorn 27 otherwise shares ~/.gunicorn/gunicorn.ctl between servers
        ]

    def start(self, wait: float = 30.0) -> Server:
        self._log_file = self.log.open("ab") if self.log else None
        sink = self._log_file or subprocess.DEVNULL
        self.process = subprocess.Popen(  # noqa: S603  (our own venv's gunicorn, fixed arguments)
            self.args, cwd=ROOT, env=self.env, stdout=sink, stderr=sink, start_new_session=True
        )
        self._wait_ready(wait)
        return self

    def _wait_ready(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/api/me/")  # no template, so no static files needed
                if conn.getresponse().status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn not answering on {HOST}:{self.port} after {wait:.0f} s; see {self.log}")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the master and its workers so far, read from /proc; the
        master's counters for reaped children cover workers it has restarted."""
        if self.process is None:
            return 0.0
        tick, total = os.sysconf("SC_CLK_TCK"), 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            if int(fields[2]) == self.process.pid:  # its process group
                total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        return total / tick

    def kill(self) -> None:
        """SIGKILL the whole process group: no worker gets to finish or roll back anything."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._close_log()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self._close_log()
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
        self._close_log()

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
