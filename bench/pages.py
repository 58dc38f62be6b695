"""Time every page and API list that takes no id, in-process, for a county liaison, a city liaison
and the province 纪委 on the scale data: p50 / p95 ms over --runs runs, the number of queries and
the time those queries took, slowest first.

    .venv/bin/python bench/pages.py [--runs 5] [--only education] [--over 100] [--db-url postgres://…]

Needs the scale data (bench/seed_scale.py). Each request goes through the whole stack
(middleware, view, template) with django.test.Client, so it is what one user waits for minus the
network and the WSGI server. Exports (a file or a job) are timed like any page: for them it is the
time to start the work, not to finish it.
"""

from __future__ import annotations

import argparse
import logging
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed_scale import setup_django

# Pages that are not about any unit's data, or that end the session.
SKIP = {"login", "logout", "api-token", "api-schema", "api-docs", "password_change"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page and viewer (default 5)")
    parser.add_argument("--only", default="", help="time only the URLs whose name contains this")
    parser.add_argument("--exclude", default="", help="skip the URLs whose name contains one of these (a,b)")
    parser.add_argument("--over", type=float, default=0, help="print only rows whose p95 exceeds this (ms)")
    parser.add_argument("--viewers", default="county,city,province", help="which viewers (default all three)")
    parser.add_argument("--db-url", help="DATABASE_URL to use instead of var/bench/mingjian.sqlite3")
    return parser.parse_args(argv)


def list_urls(only: str, exclude: str = "") -> list[str]:
    """Every named URL without a path converter, as a path."""
    from django.urls import URLPattern, URLResolver, get_resolver, reverse

    def walk(resolver: Any, namespace: str) -> list[str]:
        names: list[str] = []
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                names += walk(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
                names.append(f"{namespace}{entry.name}")
        return names

    skipped = [part for part in exclude.split(",") if part]
    names = sorted(
        n
        for n in set(walk(get_resolver(), ""))
        if n not in SKIP and only in n and not any(part in n for part in skipped)
    )
    return [reverse(name) for name in names]


def viewers(kinds: list[str]) -> dict[str, Any]:
    from bench.scale.accounts import bench_accounts

    # Signed in with force_login: the password only has to exist.
    accounts = bench_accounts(county=1, city=1, province=1, password=secrets.token_urlsafe(16))
    return {a.kind: a.user for a in accounts if a.kind in kinds}


def time_page(client: Any, path: str, runs: int) -> tuple[int, list[float], int, float]:
    """Status, wall times (ms), queries and their summed time (ms) in the last run."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    samples: list[float] = []
    status = 0
    for _ in range(runs + 1):  # the first is a warm-up
        reset_queries()  # the log keeps 9,000 queries; a full one reads as no queries at all
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path, secure=True)
            if response.streaming:
                b"".join(response.streaming_content)
            samples.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    return status, samples[1:], len(captured.captured_queries), sql_ms


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    setup_django(args.db_url)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # pages link the hashed names
    logging.disable(logging.WARNING)  # 404/405 answers are expected for some viewers
    from django.test import Client

    users = viewers(args.viewers.split(","))
    paths = list_urls(args.only, args.exclude)
    rows = []
    for kind, user in users.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for path in paths:
            status, samples, queries, sql_ms = time_page(client, path, args.runs)
            p50 = statistics.median(samples)
            p95 = sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]
            rows.append((p95, p50, kind, path, status, queries, sql_ms))
    rows.sort(reverse=True)
    print(f"{'p95':>8} {'p50':>8}  {'viewer':8} {'status':>6} {'queries':>7} {'SQL ms':>8}  page")
    for p95, p50, kind, path, status, queries, sql_ms in rows:
        if p95 > args.over:
            print(f"{p95:8.1f} {p50:8.1f}  {kind:8} {status:6} {queries:7} {sql_ms:8.1f}  {path}")


if __name__ == "__main__":
    main()
