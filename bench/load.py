"""HTTP load harness: the real server under the pages real users open, at province scale.

    .venv/bin/python bench/load.py [--db-url postgres://…] [--duration 20] [--clients 8,32,64]
                                   [--rate auto] [--workers 4] [--threads 1] [--timeout 30]
                                   [--single-runs 15] [--skip-single] [--skip-load]

Needs the scale data with tasks (bench/seed_scale.py). It starts gunicorn itself (`-w 4`, sync
workers, 30 s timeout: the README's production command), on 127.0.0.1 only, against the chosen
database (default var/bench/mingjian.sqlite3), and logs in distinct scale accounts over HTTP:
county liaisons, city liaisons and provincial 纪委 staff (bench/scale/accounts.py).

1. Single-user page table: for a county liaison, a city liaison and the province 纪委, each
   page's p50/p95 over HTTP (one client, sequential), beside the raw SQL floor: the page's SQL
   captured in-process (django.test.Client + connection.execute_wrapper) and its SELECTs replayed
   on a raw cursor (writes such as the case-view audit event are not replayed).
2. Closed loop at 8, 32 and 64 concurrent clients (each its own account and connection, no
   think time) for --duration seconds each: requests/s and p50/p95/p99 per page.
3. Open loop: Poisson arrivals at --rate requests/s (default: 75 % of the best closed-loop
   throughput) for --duration seconds; latency counts from the scheduled arrival, so time spent
   queueing is included.

The mix (weights in MIX) is the 工作台, the task list unfiltered and filtered, task detail, the
case library and a case (whose view is audited: a write), /api/tasks/ unfiltered and filtered,
and 接收任务 (POST start on an 已下发 task of the account's own unit: a transition with history
and audit). Each run consumes some 已下发 tasks.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.httpload import Connection, Stats, login, percentile, post_form
from bench.server import ROOT, Server, server_env

PASSWORD = "Bench-load-2026!"  # noqa: S105  (benchmark accounts in a benchmark database)
VAR_DIR = ROOT / "var" / "bench-load"  # the server's (and this process's) static files, key, media
DEFAULT_DB = ROOT / "var" / "bench" / "mingjian.sqlite3"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--db-url", help=f"DATABASE_URL (default sqlite:///{DEFAULT_DB})")
    p.add_argument("--duration", type=float, default=20, help="seconds per load phase (default 20)")
    p.add_argument(
        "--warmup", type=float, default=3, help="seconds before each phase not counted (default 3)"
    )
    p.add_argument("--clients", default="8,32,64", help="closed-loop client counts (default 8,32,64)")
    p.add_argument("--rate", default="auto", help="open-loop arrivals per second, or auto (default)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    p.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (default 1: sync)")
    p.add_argument("--timeout", type=int, default=30, help="gunicorn worker timeout, s (default 30)")
    p.add_argument("--single-runs", type=int, default=15, help="runs per page, single user (default 15)")
    p.add_argument("--single-budget", type=float, default=20, help="max seconds per page, single user")
    p.add_argument("--skip-single", action="store_true", help="no single-user page table")
    p.add_argument(
        "--core-pages", action="store_true", help="single-user table of the MIX pages only (no other lists)"
    )
    p.add_argument("--skip-load", action="store_true", help="no closed- or open-loop phases")
    p.add_argument("--json", type=Path, help="also write every figure to this file")
    p.add_argument("--seed", type=int, default=2026)
    return p.parse_args(argv)


def setup_django(db_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = db_url
    os.environ["MINGJIAN_VAR_DIR"] = str(VAR_DIR)
    os.environ.setdefault("HTTPS", "0")
    import django

    django.setup()


# ---- what each account can open --------------------------------------------------------------


@dataclass
class Targets:
    tasks: list[int]
    issued: list[int]  # 已下发 tasks of the account's own units, consumed by the start writes
    cases: list[int]
    problems: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_issued(self) -> int | None:
        with self.lock:
            return self.issued.pop() if self.issued else None


def targets_for(user: Any, writes: bool) -> Targets:
    from mingjian.cases.models import Case
    from mingjian.rectification.models import Problem, Task

    visible = Task.objects.visible_to(user).order_by("id")
    issued = (
        list(visible.filter(status=Task.Status.ISSUED).values_list("id", flat=True)[:400]) if writes else []
    )
    return Targets(
        tasks=list(visible.values_list("id", flat=True)[:500]),
        issued=issued,
        cases=list(Case.objects.visible_to(user).order_by("id").values_list("id", flat=True)[:100]),
        problems=list(Problem.objects.visible_to(user).order_by("id").values_list("id", flat=True)[:100]),
    )


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[Targets, random.Random], str | None]  # None: nothing to open for this account
    write: bool = False


def _pick(ids: list[int], rng: random.Random, fmt: str) -> str | None:
    return fmt.format(rng.choice(ids)) if ids else None


def _start(t: Targets, _rng: random.Random) -> str | None:
    pk = t.next_issued()
    return f"/rectification/tasks/{pk}/start/" if pk is not None else None


PAGES = {
    p.name: p
    for p in (
        Page("工作台 /", lambda t, r: "/"),
        Page("任务 全部", lambda t, r: "/rectification/tasks/"),
        Page("任务 整改中", lambda t, r: "/rectification/tasks/?status=in_progress"),
        Page("任务 第20页", lambda t, r: "/rectification/tasks/?page=20"),
        Page("任务详情", lambda t, r: _pick(t.tasks, r, "/rectification/tasks/{}/")),
        Page("案例库", lambda t, r: "/cases/"),
        Page("案例详情", lambda t, r: _pick(t.cases, r, "/cases/{}/")),
        Page("API 任务", lambda t, r: "/api/tasks/"),
        Page("API 任务 整改中", lambda t, r: "/api/tasks/?status=in_progress"),
        Page("写 接收任务", _start, write=True),
    )
}
# Single-user table only (not in the load MIX): every other list and detail page, and the
# other API lists. A page an account may not open (404) is reported as such and skipped.
EXTRA_PAGES = {
    p.name: p
    for p in (
        Page("任务 红灯", lambda t, r: "/rectification/tasks/?light=red"),
        Page("任务 第200页", lambda t, r: "/rectification/tasks/?page=200"),
        Page("任务 搜索", lambda t, r: "/rectification/tasks/?q=%E4%B8%93%E9%A1%B9"),  # 专项
        Page("任务 搜索 无结果", lambda t, r: "/rectification/tasks/?q=%E4%BC%9A%E8%AE%AE"),  # 会议
        Page("待我签认", lambda t, r: "/rectification/sign/"),
        Page("问题清单", lambda t, r: "/rectification/problems/"),
        Page("问题 第20页", lambda t, r: "/rectification/problems/?page=20"),
        Page("问题详情", lambda t, r: _pick(t.problems, r, "/rectification/problems/{}/")),
        Page("建议书", lambda t, r: "/cases/recommendations/"),
        Page("监督发现", lambda t, r: "/cases/findings/"),
        Page("巡察整改", lambda t, r: "/rectification/inspections/"),
        Page("专项治理", lambda t, r: "/rectification/campaigns/"),
        Page("回头看", lambda t, r: "/rectification/reviews/"),
        Page("讲话提纲", lambda t, r: "/outlines/"),
        Page("警示教育", lambda t, r: "/education/events/"),
        Page("通知", lambda t, r: "/notifications/"),
        Page("审计日志", lambda t, r: "/audit/"),
        Page("单位", lambda t, r: "/org/units/"),
        Page("API 问题", lambda t, r: "/api/problems/"),
        Page("API 任务 深页", lambda t, r: "/api/tasks/?offset=5000"),
        Page("API 案例", lambda t, r: "/api/cases/"),
        Page("API 建议书", lambda t, r: "/api/recommendations/"),
        Page("API 方案", lambda t, r: "/api/plans/"),
        Page("API 回头看", lambda t, r: "/api/reviews/"),
        Page("API 通知", lambda t, r: "/api/notifications/"),
        Page("API 单位", lambda t, r: "/api/units/"),
    )
}
MIX = {
    "工作台 /": 20,
    "任务 全部": 12,
    "任务 整改中": 12,
    "任务详情": 16,
    "案例库": 8,
    "案例详情": 6,
    "API 任务": 8,
    "API 任务 整改中": 8,
    "写 接收任务": 10,
}
SINGLE_PAGES = [name for name in PAGES if not PAGES[name].write]
ALL_PAGES = PAGES | EXTRA_PAGES


def single_pages(args: argparse.Namespace) -> list[str]:
    return SINGLE_PAGES if args.core_pages else SINGLE_PAGES + list(EXTRA_PAGES)


@dataclass
class Identity:
    kind: str
    username: str
    user: Any
    jar: dict[str, str]
    targets: Targets


def choose(identity: Identity, rng: random.Random) -> tuple[str, str, bool]:
    """(page name, path, is a write) by the MIX weights; a write with nothing left becomes a detail read."""
    name = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    path = PAGES[name].path(identity.targets, rng)
    if path is None:
        name = "任务详情"
        path = PAGES[name].path(identity.targets, rng) or "/"
    return name, path, PAGES[name].write


def hit(conn: Connection, identity: Identity, path: str, write: bool) -> tuple[bool, float, str]:
    try:
        answer = post_form(conn, path, identity.jar) if write else conn.request("GET", path, identity.jar)
    except OSError as e:
        return False, 0.0, f"{path}: {e}"
    # A write answers with a redirect to the task; a redirect to the login page is a failure.
    ok = answer.status == 302 and "/login/" not in answer.location if write else answer.status == 200
    return ok, answer.seconds, "" if ok else f"{path}: {answer.status} {answer.location}"


# ---- signing in --------------------------------------------------------------------------------


def sign_in_all(port: int, accounts: list[Any], writes: bool) -> tuple[list[Identity], list[float]]:
    """Log every account in over HTTP, 8 at a time (each login is a PBKDF2 check on the server)."""
    done: list[Identity | None] = [None] * len(accounts)
    seconds: list[float] = []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in range(len(accounts)):
        todo.put(i)

    def worker() -> None:
        conn = Connection(port)
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            account = accounts[i]
            start = time.perf_counter()
            jar = login(conn, account.username, PASSWORD)
            seconds.append(time.perf_counter() - start)
            targets = targets_for(account.user, writes and account.kind != "province")
            done[i] = Identity(account.kind, account.username, account.user, jar, targets)

    threads = [threading.Thread(target=worker) for _ in range(min(8, len(accounts)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(identity is None for identity in done):
        raise RuntimeError("some accounts did not sign in")
    return [identity for identity in done if identity is not None], seconds


def interleave(identities: list[Identity]) -> list[Identity]:
    """Mix the kinds in proportion, the first clients one of each kind (county, city, province)."""
    kinds: dict[str, list[Identity]] = {}
    for identity in identities:
        kinds.setdefault(identity.kind, []).append(identity)
    keyed = [
        (i / len(group), kind, identity) for kind, group in kinds.items() for i, identity in enumerate(group)
    ]
    return [identity for _, _, identity in sorted(keyed, key=lambda k: (k[0], k[1]))]


# ---- load phases ---------------------------------------------------------------------------------


def closed_loop(port: int, identities: list[Identity], clients: int, args: argparse.Namespace) -> Stats:
    """`clients` threads, each its own account and connection, back-to-back requests."""
    stats = Stats()
    begin = time.monotonic() + args.warmup
    stop = begin + args.duration

    def client(n: int) -> None:
        rng = random.Random(args.seed * 1000 + n)
        identity, conn = identities[n % len(identities)], Connection(port)
        while (now := time.monotonic()) < stop:
            name, path, write = choose(identity, rng)
            ok, seconds, note = hit(conn, identity, path, write)
            if now >= begin:
                stats.add(name, seconds, ok, note)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    stats.first = begin
    for thread in threads:
        thread.join()
    return stats


def open_loop(port: int, identities: list[Identity], rate: float, args: argparse.Namespace) -> Stats:
    """Poisson arrivals at `rate`/s, served by up to 128 connections; latency from the arrival."""
    stats, rng = Stats(), random.Random(args.seed)
    arrivals: queue.Queue[tuple[float, Identity, str, str, bool] | None] = queue.Queue()
    pool = 128

    def server_side() -> None:
        conn = Connection(port)
        while (job := arrivals.get()) is not None:
            due, identity, name, path, write = job
            ok, _, note = hit(conn, identity, path, write)
            stats.add(name, time.monotonic() - due, ok, note)
        conn.close()

    threads = [threading.Thread(target=server_side) for _ in range(pool)]
    for thread in threads:
        thread.start()
    start = time.monotonic()
    stats.first, at = start, start
    while at < start + args.duration:
        at += rng.expovariate(rate)
        time.sleep(max(0.0, at - time.monotonic()))
        identity = rng.choice(identities)
        name, path, write = choose(identity, rng)
        arrivals.put((at, identity, name, path, write))
    for _ in threads:
        arrivals.put(None)
    for thread in threads:
        thread.join()
    return stats


def print_stats(title: str, stats: Stats) -> list[Any]:
    rows = stats.rows()
    print(f"\n{title}")
    print(f"{pad('page', 18)}{'n':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for page, n, rate, p50, p95, p99, errors in rows:
        print(f"{pad(page, 18)}{n:>7}{rate:>8.2f}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}{errors:>8}")
    for example in stats.examples:
        print(f"  error: {example}")
    return rows


# ---- single user: page over HTTP beside its SQL floor ----------------------------------------------


def in_process_client(user: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def page_sql(client: Any, path: str) -> list[tuple[str, Any]]:
    """The SQL the page runs, captured in-process with the same code, user and database."""
    from django.db import connection

    seen: list[tuple[str, Any]] = []

    def keep(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        status = client.get(path).status_code
    if status != 200:
        raise RuntimeError(f"{path} answered {status} in-process")
    return seen


def sql_floor(queries: list[tuple[str, Any]], runs: int) -> tuple[float, float, int]:
    """p50/p95 ms of replaying the page's reads (execute + fetchall on a raw cursor)."""
    from django.db import connection

    reads = [(sql, params) for sql, params in queries if sql.lstrip()[:6].upper() in {"SELECT", "WITH"}]
    samples = []
    for n in range(runs + 1):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in reads:
                cursor.execute(sql, params)
                cursor.fetchall()
        if n:  # the first run warms the caches
            samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 50), percentile(samples, 95), len(reads)


def http_times(port: int, identity: Identity, path: str, args: argparse.Namespace) -> list[float] | None:
    """Latency samples in ms, or None when the page does not exist for this account (404)."""
    conn, samples = Connection(port), list[float]()
    if conn.request("GET", path, identity.jar).status == 404:  # warm-up
        conn.close()
        return None
    budget = time.monotonic() + args.single_budget
    while len(samples) < args.single_runs and (len(samples) < 5 or time.monotonic() < budget):
        answer = conn.request("GET", path, identity.jar)
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}")
        samples.append(answer.seconds * 1000)
    conn.close()
    return samples


def single_user(port: int, identities: list[Identity], args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    print("\nsingle user: page over HTTP (p50 / p95 ms) beside its SQL floor (SELECTs replayed)")
    print(
        f"{'who':<10}{pad('page', 18)}{'n':>4}{'p50':>8}{'p95':>8}{'SQL p50':>9}{'SQL p95':>9}{'reads':>6}{'×':>6}"
    )
    for kind in ("county", "city", "province"):
        identity = next(i for i in identities if i.kind == kind)
        client, rng = in_process_client(identity.user), random.Random(args.seed)
        for name in single_pages(args):
            path = ALL_PAGES[name].path(identity.targets, rng)
            if path is None:
                continue
            samples = http_times(port, identity, path, args)
            if samples is None:
                print(f"{kind:<10}{pad(name, 18)}   404 (not open to this account)")
                continue
            queries = page_sql(client, path)
            s50, s95, reads = sql_floor(queries, max(5, min(args.single_runs, len(samples))))
            p50, p95 = percentile(samples, 50), percentile(samples, 95)
            row = {"who": kind, "page": name, "path": path, "n": len(samples), "p50": p50, "p95": p95}
            row |= {"sql_p50": s50, "sql_p95": s95, "queries": len(queries), "reads": reads}
            rows.append(row)
            ratio = p95 / s95 if s95 > 0 else float("nan")
            print(
                f"{kind:<10}{pad(name, 18)}{len(samples):>4}{p50:>8.1f}{p95:>8.1f}{s50:>9.1f}{s95:>9.1f}"
                f"{reads:>6}{ratio:>6.1f}"
            )
    return rows


def pad(text: str, width: int) -> str:
    """Left-justify by display width (a Chinese character takes two columns)."""
    import unicodedata

    cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cells)


# ---- main ------------------------------------------------------------------------------------------


def describe_data() -> dict[str, Any]:
    from django.db import connection

    from mingjian.cases.models import Case
    from mingjian.org.models import Person, Unit
    from mingjian.rectification.models import Task

    return {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "cases": Case.objects.count(),
        "tasks": Task.objects.count(),
        "issued": Task.objects.filter(status=Task.Status.ISSUED).count(),
    }


def ensure_static(env: dict[str, str]) -> None:
    """Production serves hashed static names from a manifest: collected into VAR_DIR on every
    run (only changed files are copied), so a static file added since the last run is in it."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def accounts_for(clients: int) -> list[Any]:
    """About 60 % county liaisons, 30 % city liaisons and 10 % provincial 纪委, one per client."""
    from bench import scale

    county, city = round(clients * 0.6), round(clients * 0.3)
    return scale.bench_accounts(
        county=county, city=city, province=max(1, clients - county - city), password=PASSWORD
    )


def load_phases(port: int, identities: list[Identity], args: argparse.Namespace) -> dict[str, Any]:
    found: dict[str, Any] = {}
    mixed = interleave(identities)
    best = 0.0
    for clients in [int(c) for c in args.clients.split(",")]:
        stats = closed_loop(port, mixed, clients, args)
        title = f"closed loop: {clients} clients, {args.duration:.0f} s (after {args.warmup:.0f} s warm-up)"
        found[f"closed_{clients}"] = print_stats(title, stats)
        best = max(best, found[f"closed_{clients}"][-1][2])
    rate = 0.75 * best if args.rate == "auto" else float(args.rate)
    stats = open_loop(port, mixed, rate, args)
    found["open"] = print_stats(
        f"open loop: Poisson arrivals at {rate:.2f}/s for {args.duration:.0f} s", stats
    )
    found["open_rate"] = rate
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    db_url = args.db_url or f"sqlite:///{DEFAULT_DB}"
    setup_django(db_url)
    from bench import scale

    if not scale.work_exists():
        print("no scale tasks: run bench/seed_scale.py first", file=sys.stderr)
        return 1
    data = describe_data()
    print(f"data: {data}")
    clients = max(int(c) for c in args.clients.split(","))
    accounts = accounts_for(clients)
    # The accounts sign in once, before the single-user table, which can take longer than the
    # 30-minute idle timeout: idle accounts would be signed out before the load phases.
    env = server_env(db_url, VAR_DIR, SESSION_IDLE_MINUTES="600")
    ensure_static(env)
    server = Server(env, args.workers, args.threads, args.timeout, log=VAR_DIR / "gunicorn.log")
    print(f"server: {' '.join(server.args[1:])} (cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f})")
    results: dict[str, Any] = {"data": data, "server": server.args[1:], "date": time.strftime("%Y-%m-%d")}
    with server:
        identities, seconds = sign_in_all(server.port, accounts, writes=True)
        ms = [s * 1000 for s in seconds]
        print(
            f"signed in {len(identities)} accounts: p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms"
        )
        if not args.skip_single:
            results["single"] = single_user(server.port, identities, args)
        if not args.skip_load:
            results |= load_phases(server.port, identities, args)
        server_cpu = server.cpu_seconds()
    # The harness shares the machine with the server: its own CPU time is load the server did not get.
    own = resource.getrusage(resource.RUSAGE_SELF)
    results["cpu_seconds"] = {"harness": own.ru_utime + own.ru_stime, "server": server_cpu}
    print(
        f"\nCPU seconds: harness {own.ru_utime:.0f} user + {own.ru_stime:.0f} sys, gunicorn {server_cpu:.0f};"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
