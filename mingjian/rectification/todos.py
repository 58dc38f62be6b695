"""Home-page sections for 整改: what the unit must do, what its leaders must sign or submit, what
the assigning side must approve or verify, and what is red. Badges show the real totals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mingjian.lib.todos import TodoItem, TodoSection
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, Role, unit_scope_q
from mingjian.rectification.models import Light, RectificationPlan, Task, with_lights
from mingjian.rectification.models.task import SORT_LIMIT
from mingjian.rectification.services.plans import can_approve

LIMIT = 8
OFFICE = frozenset({Role.INSPECTION_OFFICE})
LEVEL: dict[str, str] = {Light.RED: "danger", Light.YELLOW: "warning", Light.GREEN: "success"}


def _item(task: Task) -> TodoItem:
    light = task.light_now  # type: ignore[attr-defined]
    label = Light(light).label if light in LEVEL else ""
    return TodoItem(
        f"{task.unit.name}：{task.measure[:40]}",
        task.get_absolute_url(),
        f"{label} {task.due_date:%m-%d}" if task.due_date and label else "",
        LEVEL.get(light, ""),
    )


def _section(title: str, tasks: Any, today: Any, empty: str, order: int, *, more: str = "") -> TodoSection:
    rows = with_lights(list(tasks.select_related("unit", "problem")[:LIMIT]), today)
    return TodoSection(title, [_item(t) for t in rows], empty, more, order, total=tasks.count())


def _plans_to_approve(user: Any) -> TodoSection | None:
    plans = [
        p
        for p in RectificationPlan.objects.filter(status=RectificationPlan.Status.SUBMITTED)
        .filter(unit_scope_q(user) | unit_scope_q(user, roles=OFFICE, prefix="issuer__"))
        .select_related("unit", "recommendation__issuer", "inspection__issuer")
        if can_approve(user, p)
    ]
    if not plans:
        return None
    items = [TodoItem(str(p), p.get_absolute_url(), f"{p.submitted_at:%m-%d} 报送") for p in plans[:LIMIT]]
    return TodoSection("待审批的整改方案", items, "", order=29, total=len(plans))


def sections(user: Any) -> list[TodoSection]:
    today = timezone.localdate()
    visible = Task.objects.visible_to(user)
    url = reverse("rectification:task-list")
    found = []
    if permissions.is_unit_member(user):
        mine = visible.filter(unit_scope_q(user, roles=UNIT_ROLES))
        working = mine.filter(status__in=["issued", "in_progress", "returned"]).by_deadline()
        found.append(_section("待整改任务", working, today, "没有待整改任务", 30, more=url))
    signing = Task.objects.to_sign(user)
    if signing.exists():
        found.append(
            _section("待我签认的整改任务", signing, today, "", 31, more=reverse("rectification:sign"))
        )
    plans = _plans_to_approve(user)
    if plans is not None:
        found.append(plans)
    submitted = visible.filter(status=Task.Status.SUBMITTED)
    if permissions.is_supervisor(user) or submitted.filter(problem__inspection__isnull=False).exists():
        queue = submitted.exclude(unit_scope_q(user, roles=UNIT_ROLES)).order_by("submitted_at")
        found.append(
            _section("待审核销号", queue, today, "没有待审核的任务", 32, more=f"{url}?status=submitted")
        )
    if permissions.has_business_scope(user):
        found.append(overdue_section(user, today))
    return found


def overdue_section(user: Any, today: Any) -> TodoSection:
    """Counted from the viewer's units; the first rows sorted from there while they are few,
    else read by walking the deadline index (about LIMIT × all overdue / the viewer's overdue
    rows), so a county and the province both read a few thousand index entries at most."""
    red = Task.objects.visible_to(user).overdue(today).select_related("unit", "problem")
    total = red.count()
    if total > SORT_LIMIT:
        # No join on the unit either: it would let the planner start from the units again.
        red = Task.objects.overdue_walk(user, today)
        red = red.select_related("problem").prefetch_related("unit")
    rows = with_lights(list(red[:LIMIT]), today) if total else []
    url = reverse("rectification:task-list")
    items = [_item(t) for t in rows]
    return TodoSection("红灯（逾期）任务", items, "没有逾期任务", f"{url}?light=red", 33, total=total)
