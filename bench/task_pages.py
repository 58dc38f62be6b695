"""Time the task list and case pages' database work at province scale: p50/p95 over --runs runs.

    .venv/bin/python bench/task_pages.py [--runs 30] [--status in_progress] [--db-url postgres://…]

Needs the scale data with tasks (bench/seed_scale.py). For each page it times (1) the view's own
query code — the queryset, filters, paginator count and first page, the per-row work the view
does — and (2) just the SQL those issue, captured once with an execute wrapper and replayed on
a raw cursor (execute + fetchall), so ORM overhead and database time can be told apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed_scale import setup_django, timed


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per page (default 30)")
    parser.add_argument("--status", default="in_progress", help="task status filter (default in_progress)")
    parser.add_argument("--only", default="", help="time only the pages whose label contains this")
    parser.add_argument("--explain", action="store_true", help="print each page's query plans")
    parser.add_argument("--db-url", help="DATABASE_URL to use instead of var/bench/mingjian.sqlite3")
    return parser.parse_args(argv)


def task_list(user: Any, params: dict[str, str]) -> Callable[[], object]:
    """mingjian.rectification.views.tasks.task_list without the template. With `after` in
    params (a cursor) it reads the page after that row (the 下一页 link); with `page` an offset."""
    from django.utils import timezone

    from mingjian.lib.paging import KeysetPaginator
    from mingjian.org.permissions import forget_roles
    from mingjian.rectification.models import Task, with_lights

    def run() -> object:
        forget_roles(user)  # a request loads the roles once; every run pays for that too
        today = timezone.localdate()
        # The same calls the task list view makes.
        tasks, total = Task.objects.for_list(user, params, today)
        tasks = tasks.select_related(
            "unit", "problem__issuer", "problem__problem_type", "problem__recommendation_item"
        )
        page = KeysetPaginator(tasks, 50, total, key="due_key").get_page(params)
        with_lights(page.object_list, today)
        return page.summary.replace(" ", "").replace("超过", ">").replace("共", "").replace("条", "")

    return run


def deep_cursor(user: Any, params: dict[str, str], pages: int) -> dict[str, str]:
    """The query a user reaches by following 下一页 `pages` times (its after= cursor)."""
    from django.http import QueryDict
    from django.utils import timezone

    from mingjian.lib.paging import KeysetPaginator
    from mingjian.rectification.models import Task

    query = dict(params)
    for _ in range(pages):
        tasks, total = Task.objects.for_list(user, query, timezone.localdate())
        page = KeysetPaginator(tasks, 50, total, key="due_key").get_page(query)
        if not page.next_query:
            break
        query = QueryDict(page.next_query).dict()
    return query


def home_overdue(user: Any) -> Callable[[], object]:
    """The 工作台's 红灯（逾期）任务 section: mingjian.rectification.todos.overdue_section."""
    from django.utils import timezone

    from mingjian.org.permissions import forget_roles
    from mingjian.rectification.todos import overdue_section

    def run() -> object:
        forget_roles(user)
        return overdue_section(user, timezone.localdate()).total

    return run


def case_list(user: Any) -> Callable[[], object]:
    """mingjian.cases.views.cases.case_list without the form and template."""
    from django.core.paginator import Paginator

    from mingjian.cases.models import Case
    from mingjian.cases.permissions import sees_real_names
    from mingjian.org.permissions import forget_roles

    def run() -> object:
        forget_roles(user)
        cases = Case.objects.visible_to(user).select_related("unit").prefetch_related("persons")
        page = Paginator(cases, 30).get_page(1)
        for case in page:
            sees_real_names(user, case.unit)
            case.masked_title  # noqa: B018  (the list shows it: reads the prefetched persons)
        return page.paginator.count

    return run


def case_detail(user: Any, pk: int) -> Callable[[], object]:
    """mingjian.cases.views.cases.case_detail's reads (not its audit write, not the panels)."""
    from mingjian.cases.models import Case, CaseAnalysis, Recommendation
    from mingjian.org.permissions import forget_roles, get_visible_or_404

    def run() -> object:
        forget_roles(user)
        case = get_visible_or_404(Case, user, pk=pk)
        in_scope = Case.objects.in_unit_scope(user).filter(pk=case.pk).exists()
        list(case.persons.all())
        list(case.violation_types.all())
        _ = CaseAnalysis.objects.filter(case=case).first() if in_scope else None
        return len(list(Recommendation.objects.visible_to(user).filter(case=case)))

    return run


def captured_sql(fn: Callable[[], object]) -> list[tuple[str, Any]]:
    from django.db import connection

    seen: list[tuple[str, Any]] = []

    def keep(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        fn()
    return seen


def replay(queries: list[tuple[str, Any]]) -> Callable[[], object]:
    from django.db import connection

    def run() -> object:
        rows = 0
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                rows += len(cursor.fetchall())
        return rows

    return run


def explain(queries: list[tuple[str, Any]]) -> None:
    """The plan of each query that reads tasks (the others are the role look-ups)."""
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        for sql, params in queries:
            if "rectification_task" not in sql:
                continue
            cursor.execute(prefix + sql, params)
            print("  " + sql[:160])
            for row in cursor.fetchall():
                print("    " + " ".join(str(c) for c in row))


def pages(status: str) -> list[tuple[str, Callable[[], object]]]:
    from bench import scale
    from mingjian.cases.models import Case
    from mingjian.org.models import Role, RoleAssignment, Unit, User

    units = scale.representative_units()
    city, county = units["city"], units["county"]
    city_user, county_user = scale.liaison(city), scale.liaison(county)
    commission = Unit.objects.get(code=f"{scale.PREFIX}p-jw")
    inspector, _ = User.objects.get_or_create(
        username=f"{scale.PREFIX}inspector", defaults={"full_name": "省纪委", "unit": commission}
    )
    RoleAssignment.objects.get_or_create(user=inspector, role=Role.COMMISSION, unit=commission.parent)
    case = Case.objects.filter(unit__path__startswith=city.path).order_by("id").first()
    params = {"status": status}
    found = [
        ("工作台 overdue, county liaison", home_overdue(county_user)),
        ("工作台 overdue, city liaison", home_overdue(city_user)),
        ("工作台 overdue, province 纪委", home_overdue(inspector)),
        ("tasks county liaison, no filter", task_list(county_user, {})),
        ("tasks city liaison, no filter", task_list(city_user, {})),
        ("tasks province 纪委, no filter", task_list(inspector, {})),
        ("tasks city liaison light=red", task_list(city_user, {"light": "red"})),
        (f"tasks county liaison status={status}", task_list(county_user, params)),
        (f"tasks city liaison status={status}", task_list(city_user, params)),
        (f"tasks province 纪委 status={status}", task_list(inspector, params)),
        ("tasks city liaison, page 20 (offset)", task_list(city_user, {"page": "20"})),
        ("tasks province 纪委, page 200 (offset)", task_list(inspector, {"page": "200"})),
        ("tasks city liaison, 下一页 ×40 (cursor)", task_list(city_user, deep_cursor(city_user, {}, 40))),
        ("tasks province, 下一页 ×40 (cursor)", task_list(inspector, deep_cursor(inspector, {}, 40))),
        ("tasks county liaison light=red", task_list(county_user, {"light": "red"})),
        ("tasks province 纪委 light=yellow", task_list(inspector, {"light": "yellow"})),
        ("tasks city liaison source=campaign", task_list(city_user, {"source": "campaign"})),
        # Keyword search (mingjian.lib.search): a common word, a title phrase, one task's
        # number and a word no task holds, for a city and the province.
        ("tasks city liaison q=专项", task_list(city_user, {"q": "专项"})),
        ("tasks province 纪委 q=专项", task_list(inspector, {"q": "专项"})),
        ("tasks city liaison q=公车使用", task_list(city_user, {"q": "公车使用"})),
        ("tasks province 纪委 q=公车使用", task_list(inspector, {"q": "公车使用"})),
        ("tasks province 纪委 q=（654321）", task_list(inspector, {"q": "（654321）"})),
        ("tasks city liaison q=会议 (none)", task_list(city_user, {"q": "会议"})),
        ("tasks province 纪委 q=会议 (none)", task_list(inspector, {"q": "会议"})),
        ("cases city liaison list", case_list(city_user)),
    ]
    if case is not None:
        found.append(("case detail (city liaison)", case_detail(city_user, case.pk)))
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django(args.db_url)
    from django.db import connection

    from bench import scale
    from mingjian.rectification.models import Task

    if not scale.work_exists():
        print("no scale tasks: run bench/seed_scale.py first", file=sys.stderr)
        return 1
    total = Task.objects.count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {total:,} tasks")
    print(f"{'page':<40}{'result':>9}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'SQL p50':>9}{'SQL p95':>9}")
    for label, fn in pages(args.status):
        if args.only not in label:
            continue
        p50, p95, result = timed(fn, args.runs)
        queries = captured_sql(fn)
        if args.explain:
            explain(queries)
        s50, s95, _ = timed(replay(queries), args.runs)
        print(f"{label:<40}{result!s:>9}{len(queries):>8}{p50:>9.1f}{p95:>9.1f}{s50:>9.1f}{s95:>9.1f}")
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - start:.0f} s in all)")
    sys.exit(code)
