"""Export N tasks (default 100,000) as the 整改台账 through the view's own function, and report
wall time and memory.

    .venv/bin/python bench/export_ledger.py [--rows 100000] [--db-url postgres://…]

Uses the scale bench database (var/bench/mingjian.sqlite3 unless --db-url): reuses the tasks
seed_scale.py made if there are enough, otherwise creates a small organisation and the tasks.
The ledger goes to a temporary file, as in the view. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed_scale import setup_django

if TYPE_CHECKING:
    from mingjian.org.models import User


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="tasks to export (default 100000)")
    parser.add_argument("--db-url", help="DATABASE_URL to use instead of var/bench/mingjian.sqlite3")
    return parser.parse_args(argv)


def ensure_tasks(rows: int) -> None:
    from bench import scale
    from mingjian.rectification.models import Task

    have = Task.objects.filter(unit__code__startswith=scale.PREFIX).count()
    if have >= rows:
        print(f"reusing {have:,} scale tasks")
        return
    start = time.perf_counter()
    if scale.exists():
        scale.wipe_work()
    else:
        scale.generate(units=2_000, people=20_000)
    scale.generate_work(cases=300, tasks=rows)
    scale.analyze()
    print(f"created {rows:,} tasks in {time.perf_counter() - start:.1f}s")


def exporter() -> User:
    """A 省纪委监委 account: its visible_to() covers every scale unit."""
    from bench.scale import PREFIX
    from mingjian.org.models import Role, RoleAssignment, Unit, User

    commission = Unit.objects.get(code=f"{PREFIX}p-jw")
    user: User
    user, _ = User.objects.get_or_create(
        username=f"{PREFIX}exporter", defaults={"full_name": "台账导出", "unit": commission}
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.COMMISSION, unit=commission.parent)
    return user


def export_once(tasks: object, user: User, *, trace: bool) -> tuple[int, int, float, int]:
    """(rows, file bytes, seconds, tracemalloc peak or 0): write_ledger into a temporary file."""
    from django.utils import timezone

    from mingjian.rectification import ledger

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        rows = ledger.write_ledger(tasks, out, user=user, filters="全部", today=timezone.localdate())
        size = out.tell()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    return rows, size, seconds, peak


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args.db_url)
    from django.db import connection

    from mingjian.rectification.models import Task

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    ensure_tasks(args.rows)
    user = exporter()
    visible = Task.objects.visible_to(user)
    # The first N visible tasks by id: the same scoped queryset the view builds, cut to size.
    last = visible.order_by("id").values_list("id", flat=True)[args.rows - 1]
    tasks = visible.filter(id__lte=last)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows, size, seconds, _ = export_once(tasks, user, trace=False)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"rows {rows:,}  file {size / 2**20:.1f} MB  {seconds:.1f} s  {rows / seconds:,.0f} rows/s")
    print(
        f"ru_maxrss {rss_before / 1024:.0f} -> {rss_after / 1024:.0f} MB (+{(rss_after - rss_before) / 1024:.0f} MB)"
    )
    _, _, traced_s, peak = export_once(tasks, user, trace=True)
    print(f"tracemalloc peak {peak / 2**20:.1f} MB (second run, {traced_s:.1f} s under tracemalloc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
