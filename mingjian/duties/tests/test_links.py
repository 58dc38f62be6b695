"""相关整改任务 (what a 约谈 or 问责 may be linked to): the same open, visible tasks in deadline
order whether the database collects the viewer's tasks or walks the deadline index."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mingjian.duties import permissions
from mingjian.org.picker import Scope
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory

S = Task.Status


def task(unit: Any, org: Any, status: str, due: date | None) -> Task:
    return TaskFactory(  # type: ignore[no-any-return]
        problem__unit=unit, problem__issuer=org.commission, status=status, due_date=due
    )


@pytest.mark.parametrize("walk_from", [10**9, 0])  # never walk / always walk
def test_linked_tasks_are_the_visible_open_ones_in_deadline_order(
    org: Any, walk_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(permissions, "NARROW_SORT_LIMIT", walk_from)
    late = task(org.bureau_a, org, S.IN_PROGRESS, date(2027, 3, 1))
    long_term = task(org.a_dept, org, S.ISSUED, None)
    soon = task(org.a_dept, org, S.SUBMITTED, date(2026, 12, 20))
    task(org.bureau_a, org, S.ACCEPTED, date(2026, 12, 1))  # 销号: not open
    task(org.bureau_a, org, S.DRAFT, date(2026, 12, 1))  # not issued yet
    theirs = task(org.bureau_b, org, S.IN_PROGRESS, date(2026, 12, 10))
    assert list(permissions.linkable_tasks(org.liaison)) == [soon, late, long_term]
    assert list(Scope(org.liaison, "duties.linked-tasks").queryset) == [soon, late, long_term]
    assert list(Scope(org.outsider, "duties.linked-tasks").queryset) == [theirs]
    assert list(Scope(org.inspector, "duties.linked-tasks").queryset) == [theirs, soon, late, long_term]
