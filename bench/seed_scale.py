"""Generate a province-scale organisation and time the reads it is meant to stress.

    .venv/bin/python bench/seed_scale.py [--units 2000] [--people 200000] [--fresh]
                                         [--cases 3000] [--tasks 1000000]
                                         [--db-url postgres://…] [--runs 50]

With an organisation already present but no tasks, only the cases, problems and tasks are added.

By default it writes to its own SQLite file, var/bench/mingjian.sqlite3, never to the
developer's demo database. See bench/README.md for measured figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--units", type=int, default=2_000, help="units to create (default 2000)")
    parser.add_argument("--people", type=int, default=200_000, help="people to create (default 200000)")
    parser.add_argument("--db-url", help="DATABASE_URL to use instead of var/bench/mingjian.sqlite3")
    parser.add_argument("--fresh", action="store_true", help="delete a previous scale dataset first")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per read (default 50)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for names and flags")
    parser.add_argument("--cases", type=int, default=3_000, help="典型案例 to create (default 3000)")
    parser.add_argument(
        "--tasks", type=int, default=1_000_000, help="整改任务 to create, 0 for none (default 1000000)"
    )
    return parser.parse_args(argv)


def setup_django(db_url: str | None) -> None:
    """Point settings at the bench database before Django reads them, then migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if db_url:
        os.environ["DATABASE_URL"] = db_url
    else:
        # settings builds the SQLite path from the var dir; an inherited DATABASE_URL would win
        # over it and could point at a real database, so it is dropped here.
        os.environ.pop("DATABASE_URL", None)
        os.environ["MINGJIAN_VAR_DIR"] = str(ROOT / "var" / "bench")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """p50 and p95 in milliseconds over `runs` calls (after one warm-up), and the last result."""
    result = fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples), cuts[18], result


def report_load(units: int, units_s: float, people: int, people_s: float, cpu_s: float) -> None:
    total_s = units_s + people_s
    print(f"{'table':<8}{'rows':>10}{'seconds':>10}{'rows/s':>12}")
    for name, rows, secs in (("unit", units, units_s), ("person", people, people_s)):
        print(f"{name:<8}{rows:>10,}{secs:>10.2f}{rows / secs:>12,.0f}")
    print(f"{'total':<8}{units + people:>10,}{total_s:>10.2f}{(units + people) / total_s:>12,.0f}")
    # The machine is shared: this process's CPU time shows what contention did to wall clock.
    print(
        f"{'(cpu)':<8}{units + people:>10,}{cpu_s:>10.2f}{(units + people) / cpu_s:>12,.0f}  python CPU only"
    )


def load_work(cases: int, tasks: int, seed: int) -> None:
    from bench import scale

    cpu = time.process_time()
    work = scale.generate_work(cases, tasks, seed)
    cpu = time.process_time() - cpu
    rows = {"cases": work.cases, "problems": work.problems, "tasks": work.tasks}
    rows["responsibilities"] = work.tasks
    print(f"\n{'table':<18}{'rows':>10}{'seconds':>10}{'rows/s':>12}")
    for name, count in rows.items():
        secs = work.seconds[name]
        print(f"{name:<18}{count:>10,}{secs:>10.2f}{count / secs:>12,.0f}")
    total = sum(work.seconds.values())
    print(f"{'total':<18}{work.rows:>10,}{total:>10.2f}{work.rows / total:>12,.0f}")
    print(f"{'(cpu)':<18}{work.rows:>10,}{cpu:>10.2f}{work.rows / cpu:>12,.0f}  python CPU only")


def reads() -> list[tuple[str, Callable[[], object]]]:
    """The representative reads: subtree of a mid-level unit, and a liaison's visible people."""
    from bench import scale
    from mingjian.org.models import Person, Unit
    from mingjian.org.permissions import forget_roles

    units = scale.representative_units()
    city, county = units["city"], units["county"]
    user = scale.liaison(city)

    def visible_people() -> int:
        # A request loads the user's roles once; forget them so every run pays for that too.
        forget_roles(user)
        return Person.objects.visible_to(user).count()

    def visible_page() -> int:
        forget_roles(user)
        return len(list(Person.objects.visible_to(user)[:50]))  # default ordering: unit path, id

    return [
        (f"Unit.subtree(city {city.name}).count", lambda: Unit.objects.subtree(city).count()),
        (
            f"Person under city {city.name}.count",
            lambda: Person.objects.filter(unit__path__startswith=city.path).count(),
        ),
        (
            f"Person under county {county.name}.count",
            lambda: Person.objects.filter(unit__path__startswith=county.path).count(),
        ),
        ("Person.visible_to(city liaison).count", visible_people),
        ("Person.visible_to(city liaison)[:50]", visible_page),
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args.db_url)
    from django.db import connection

    from bench import scale

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.fresh:
        start = time.perf_counter()
        print(f"wiped {scale.wipe()} in {time.perf_counter() - start:.2f}s")
    if not scale.exists():
        cpu = time.process_time()
        done = scale.generate(args.units, args.people, args.seed)
        cpu = time.process_time() - cpu
        report_load(done.units, done.units_seconds, done.people, done.people_seconds, cpu)
    elif scale.work_exists() or not args.tasks:
        print("scale data already present: run with --fresh to replace it", file=sys.stderr)
        return 1
    if args.tasks:
        load_work(args.cases, args.tasks, args.seed)
    start = time.perf_counter()
    scale.analyze()
    print(f"ANALYZE {time.perf_counter() - start:.2f}s (not counted above)\n")
    print(f"{'read':<44}{'result':>9}{'p50 ms':>9}{'p95 ms':>9}   ({args.runs} runs)")
    for label, fn in reads():
        p50, p95, result = timed(fn, args.runs)
        print(f"{label:<44}{result!s:>9}{p50:>9.2f}{p95:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
