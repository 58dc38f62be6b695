"""Home-page sections for 整改: what the unit must do, what the leader must sign, what the
issuing side must verify, and what is red or overdue."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mingjian.lib.todos import TodoItem, TodoSection
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, unit_scope_q
from mingjian.rectification.models import Light, Task, with_lights

LIMIT = 8
LEVEL: dict[str, str] = {Light.OVERDUE: "danger", Light.RED: "danger", Light.YELLOW: "warning"}


def _item(task: Task, today: Any, note: str = "") -> TodoItem:
    light = task.light_now  # type: ignore[attr-defined]
    label = Light(light).label if light in LEVEL else ""
    return TodoItem(
        f"{task.unit.name}：{task.measure[:40]}",
        task.get_absolute_url(),
        note or (f"{label} {task.due_date:%m-%d}" if task.due_date and label else ""),
        LEVEL.get(light, ""),
    )


def _section(title: str, tasks: Any, today: Any, empty: str, order: int, *, more: str = "") -> TodoSection:
    rows = with_lights(list(tasks.select_related("unit", "problem")[:LIMIT]), today)
    return TodoSection(title, [_item(t, today) for t in rows], empty, more, order)


def sections(user: Any) -> list[TodoSection]:
    today = timezone.localdate()
    visible = Task.objects.visible_to(user)
    url = reverse("rectification:task-list")
    found = []
    if permissions.is_unit_member(user):
        mine = visible.filter(unit_scope_q(user, roles=UNIT_ROLES))
        found.append(
            _section(
                "待整改任务",
                mine.filter(status__in=["issued", "in_progress", "returned"]).by_deadline(),
                today,
                "没有待整改任务",
                30,
                more=url,
            )
        )
    to_sign = visible.filter(status=Task.Status.IN_PROGRESS, responsibilities__leader=user).distinct()
    if to_sign.exists():
        found.append(_section("待我签认的整改任务", to_sign, today, "", 31))
    if permissions.is_supervisor(user):
        found.append(
            _section(
                "待审核销号",
                visible.filter(status=Task.Status.SUBMITTED).order_by("submitted_at"),
                today,
                "没有待审核的任务",
                32,
                more=f"{url}?status=submitted",
            )
        )
    if permissions.has_business_scope(user):
        found.append(
            _section(
                "逾期整改任务",
                visible.overdue(today).by_deadline(),
                today,
                "没有逾期任务",
                33,
                more=f"{url}?light=overdue",
            )
        )
    return found
