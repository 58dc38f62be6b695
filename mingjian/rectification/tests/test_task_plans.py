"""The query plans of Task.visible_to (issue 14) change how the database finds the rows, never
which rows: every plan, and the 工作台's overdue walk, answer the same tasks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from mingjian.rectification.models import Task
from mingjian.rectification.models.task import OPEN_STATUSES
from mingjian.rectification.tests.factories import ProblemFactory, TaskFactory
from mingjian.rectification.todos import overdue_section

TODAY = datetime.date(2026, 11, 20)
PAST, FUTURE = datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)


def _tasks(org: Any) -> None:
    """In bureau_a, its department and bureau_b: each status, past and future deadlines."""
    for unit in (org.bureau_a, org.a_dept, org.bureau_b):
        for i, status in enumerate([s.value for s in Task.Status]):
            problem = ProblemFactory(unit=unit, issuer=org.commission)
            TaskFactory(problem=problem, status=status, due_date=PAST - datetime.timedelta(days=i))
            TaskFactory(problem=problem, status=status, due_date=FUTURE)


def _ids(tasks: Any) -> list[int]:
    return list(tasks.values_list("id", flat=True))


@pytest.mark.parametrize("user_key", ["liaison", "child", "outsider", "inspector", "auditor"])
def test_every_plan_sees_the_same_tasks(org: Any, user_key: str) -> None:
    _tasks(org)
    user = getattr(org, user_key)
    seen = {
        plan: sorted(_ids(Task.objects.visible_to(user, plan=plan))) for plan in ("units", "join", "walk")
    }
    assert seen["units"] == seen["join"] == seen["walk"]
    expected = {"liaison": 24, "child": 12, "outsider": 12, "inspector": 36, "auditor": 0}
    assert len(seen["units"]) == expected[user_key]


@pytest.mark.parametrize("user_key", ["liaison", "child", "inspector"])
def test_the_overdue_walk_reads_the_overdue_tasks_in_deadline_order(org: Any, user_key: str) -> None:
    _tasks(org)
    user = getattr(org, user_key)
    walked = _ids(Task.objects.overdue_walk(user, TODAY))
    assert walked == _ids(Task.objects.visible_to(user).overdue(TODAY))
    rows = Task.objects.filter(id__in=walked)
    assert walked and all(t.status in OPEN_STATUSES and t.due_date < TODAY for t in rows)
    dates = [Task.objects.get(id=i).due_date for i in walked]
    assert dates == sorted(dates)


def test_the_overdue_section_reads_the_same_rows_either_way(org: Any, monkeypatch: Any) -> None:
    _tasks(org)
    sorted_items = overdue_section(org.inspector, TODAY)
    monkeypatch.setattr("mingjian.lib.paging.NARROW_SORT_LIMIT", 1)  # force the walk
    walked_items = overdue_section(org.inspector, TODAY)
    assert sorted_items.total == walked_items.total == 12
    assert [i.url for i in sorted_items.items] == [i.url for i in walked_items.items]
