"""Home-page sections for 整改: what the unit must do, what its leaders must sign or submit, what
the assigning side must approve or verify, and what is red. Badges show the real totals."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, F, Func, Q
from django.db.models.lookups import In
from django.urls import reverse
from django.utils import timezone

from mingjian.lib.paging import walk_pays
from mingjian.lib.todos import TodoItem, TodoSection
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, Role, unit_scope_q
from mingjian.rectification.models import Light, RectificationPlan, Task, with_lights
from mingjian.rectification.models.problem import unit_ids_q
from mingjian.rectification.services.plans import can_approve

LIMIT = 8
OFFICE = frozenset({Role.INSPECTION_OFFICE})
WORKING = ["issued", "in_progress", "returned"]
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


def _section(
    title: str, tasks: Any, today: Any, empty: str, order: int, *, more: str = "", total: int | None = None
) -> TodoSection:
    """The first LIMIT rows (the caller loads their unit and problem, by a join or not) and the
    total (counted here unless the caller already has it)."""
    total = tasks.count() if total is None else total
    rows = with_lights(list(tasks[:LIMIT]), today) if total else []
    return TodoSection(title, [_item(t) for t in rows], empty, more, order, total=total)


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


def in_units(user: Any, roles: frozenset[str], *, walk: bool = False) -> Q:
    """Tasks of the units in the user's scope for `roles`, tested as in scope_with_inspection_q:
    from those units' indexes, or (`walk`) in a way no index serves, so a wide scope's first
    rows are read by walking an index in the section's order."""
    return unit_ids_q(unit_scope_q(user, roles=roles, prefix=""), walk=walk)


def _working(user: Any, today: Any, url: str) -> TodoSection:
    """待整改任务: the open work of the user's own units in list order (due_key, id)."""
    mine = Task.objects.visible_to(user).filter(in_units(user, UNIT_ROLES), status__in=WORKING)
    total = mine.count()
    if walk_pays(total):  # walk task_key in order: statuses and units tested without an index
        mine = Task.objects.visible_to(user, plan="walk").filter(in_units(user, UNIT_ROLES, walk=True))
        mine = mine.filter(In(_plain_status(), WORKING))
    rows = mine.by_deadline().select_related("problem").prefetch_related("unit")
    return _section("待整改任务", rows, today, "没有待整改任务", 30, more=url, total=total)


def _review_queue(user: Any, today: Any, url: str) -> TodoSection:
    """待审核销号: submitted tasks outside the user's own units, oldest submission first; a wide
    scope's first rows walk task_status_submitted (status, submitted_at, id) in order."""
    queue = Task.objects.visible_to(user).filter(status=Task.Status.SUBMITTED)
    queue = queue.exclude(in_units(user, UNIT_ROLES))
    total = queue.count()
    if walk_pays(total):
        queue = Task.objects.visible_to(user, plan="walk").filter(status=Task.Status.SUBMITTED)
        queue = queue.exclude(in_units(user, UNIT_ROLES, walk=True))
    rows = queue.order_by("submitted_at", "id").select_related("problem").prefetch_related("unit")
    return _section(
        "待审核销号", rows, today, "没有待审核的任务", 32, more=f"{url}?status=submitted", total=total
    )


def _plain_status() -> Func:
    return Func(F("status"), template="(%(expressions)s || '')", output_field=CharField())


def sections(user: Any) -> list[TodoSection]:
    today = timezone.localdate()
    visible = Task.objects.visible_to(user)
    url = reverse("rectification:task-list")
    found = []
    if permissions.is_unit_member(user):
        found.append(_working(user, today, url))
    signing = Task.objects.to_sign(user)
    if signing.exists():
        found.append(
            _section(
                "待我签认的整改任务",
                signing.select_related("unit", "problem"),
                today,
                "",
                31,
                more=reverse("rectification:sign"),
            )
        )
    plans = _plans_to_approve(user)
    if plans is not None:
        found.append(plans)
    submitted = visible.filter(status=Task.Status.SUBMITTED)
    if permissions.is_supervisor(user) or submitted.filter(problem__inspection__isnull=False).exists():
        found.append(_review_queue(user, today, url))
    if permissions.has_business_scope(user):
        found.append(overdue_section(user, today))
    return found


def overdue_section(user: Any, today: Any) -> TodoSection:
    """Counted from the viewer's units; the first rows sorted from there while they are few,
    else read by walking the deadline index (about LIMIT × all overdue / the viewer's overdue
    rows), so a county and the province both read a few thousand index entries at most."""
    red = Task.objects.visible_to(user).overdue(today).select_related("unit", "problem")
    total = red.count()
    if walk_pays(total):
        # No join on the unit either: it would let the planner start from the units again.
        red = Task.objects.overdue_walk(user, today)
        red = red.select_related("problem").prefetch_related("unit")
    rows = with_lights(list(red[:LIMIT]), today) if total else []
    url = reverse("rectification:task-list")
    items = [_item(t) for t in rows]
    return TodoSection("红灯（逾期）任务", items, "没有逾期任务", f"{url}?light=red", 33, total=total)
