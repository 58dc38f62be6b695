"""Home-page sections for 整改: what the unit must do, what its leaders must sign or submit, what
the assigning side must approve or verify, and what is red. Badges show the real totals."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, F, Func, Q
from django.db.models.lookups import In
from django.urls import reverse
from django.utils import timezone

from mingjian.lib import paging
from mingjian.lib.paging import bounded_count, walk_pays
from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, candidates, first_rows
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, Role, scope_is_whole_tree, unit_scope_q
from mingjian.rectification.models import Light, RectificationPlan, Task, with_lights
from mingjian.rectification.models.problem import unit_ids_q
from mingjian.rectification.services.plans import can_approve

OFFICE = frozenset({Role.INSPECTION_OFFICE})
PLANS_READ = 200  # submitted 整改方案 read to find those this account approves (as cases._to_sign)
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
    title: str,
    tasks: Any,
    today: Any,
    empty: str,
    order: int,
    *,
    more: str = "",
    total: int | None = None,
    rows: list[Task] | None = None,
) -> TodoSection:
    """The first LIMIT rows (or `rows`, read by the caller) and the total (counted here unless
    the caller already has it)."""
    total = tasks.count() if total is None else total
    if rows is None:
        rows = list(tasks[:LIMIT]) if total else []
    with_lights(rows, today)
    return _capped(TodoSection(title, [_item(t) for t in rows], empty, more, order, total=total))


def _capped(section: TodoSection) -> TodoSection:
    """A total from bounded_count: past COUNT_LIMIT the badge says "10,000+"."""
    if section.total is not None and section.total > paging.COUNT_LIMIT:
        section.total, section.capped = paging.COUNT_LIMIT, True
    return section


def _first(tasks: Any, order: tuple[str, ...], *, walked: bool) -> list[Task]:
    """The first LIMIT rows in `order`. Walked, the database stops after them. Otherwise their
    ids come first, sorted from index entries alone ((unit, status, due_key, id)), then the
    rows: sorting whole rows made PostgreSQL fetch every match from the table (a county's 待整改
    walk read 58,000 entries: the oldest deadlines are mostly 已销号)."""
    ordered = tasks.order_by(*order)
    if walked:
        return list(ordered[:LIMIT])
    ids = list(ordered.values_list("pk", flat=True)[:LIMIT])
    return list(ordered.filter(pk__in=ids)) if ids else []


def _plans_to_approve(user: Any) -> TodoSection | None:
    submitted = (
        RectificationPlan.objects.filter(status=RectificationPlan.Status.SUBMITTED)
        .filter(unit_scope_q(user) | unit_scope_q(user, roles=OFFICE, prefix="issuer__"))
        .select_related("unit", "recommendation__issuer", "inspection__issuer")
    )
    plans = [p for p in candidates(submitted, PLANS_READ) if can_approve(user, p)]
    if not plans:
        return None
    items = [TodoItem(str(p), p.get_absolute_url(), f"{p.submitted_at:%m-%d} 报送") for p in plans[:LIMIT]]
    return TodoSection("待审批的整改方案", items, "", order=29, total=len(plans))


def in_units(user: Any, roles: frozenset[str], *, walk: bool = False) -> Q:
    """Tasks of the units in the user's scope for `roles`, tested as in scope_with_inspection_q:
    from those units' indexes, or (`walk`) in a way no index serves, so a wide scope's first
    rows are read by walking an index in the section's order."""
    whole_tree = walk and scope_is_whole_tree(user, roles)
    return unit_ids_q(unit_scope_q(user, roles=roles, prefix=""), walk=walk, whole_tree=whole_tree)


def _working(user: Any, today: Any, url: str) -> TodoSection:
    """待整改任务: the open work of the user's own units in list order (due_key, id)."""
    mine = Task.objects.visible_to(user).filter(in_units(user, UNIT_ROLES), status__in=WORKING)
    total = bounded_count(mine)
    walked = walk_pays(total, narrow=True)
    if walked:  # walk task_key in order: statuses and units tested without an index
        mine = Task.objects.visible_to(user, plan="walk").filter(in_units(user, UNIT_ROLES, walk=True))
        mine = mine.filter(In(_plain_status(), WORKING))
    rows = _first(mine.select_related("problem").prefetch_related("unit"), ("due_key", "id"), walked=walked)
    return _section("待整改任务", mine, today, "没有待整改任务", 30, more=url, total=total, rows=rows)


def _review_queue(user: Any, today: Any, url: str) -> TodoSection:
    """待审核销号: submitted tasks outside the user's own units, oldest submission first; a wide
    scope's first rows walk task_status_submitted (status, submitted_at, id) in order."""
    queue = Task.objects.visible_to(user).filter(status=Task.Status.SUBMITTED)
    queue = queue.exclude(in_units(user, UNIT_ROLES))
    total = bounded_count(queue)
    walked = walk_pays(total)
    if walked:
        queue = Task.objects.visible_to(user, plan="walk").filter(status=Task.Status.SUBMITTED)
        queue = queue.exclude(in_units(user, UNIT_ROLES, walk=True))
    loaded = queue.select_related("problem").prefetch_related("unit")
    rows = _first(loaded, ("submitted_at", "id"), walked=walked)
    more = f"{url}?status=submitted"
    return _section("待审核销号", queue, today, "没有待审核的任务", 32, more=more, total=total, rows=rows)


def _plain_status() -> Func:
    return Func(F("status"), template="(%(expressions)s || '')", output_field=CharField())


def sections(user: Any) -> list[TodoSection]:
    today = timezone.localdate()
    url = reverse("rectification:task-list")
    found = []
    if permissions.is_unit_member(user):
        found.append(_working(user, today, url))
    signing = Task.objects.to_sign(user).select_related("unit", "problem")
    rows, total = first_rows(signing)
    if rows:
        more = reverse("rectification:sign")
        found.append(
            _section("待我签认的整改任务", signing, today, "", 31, more=more, total=total, rows=rows)
        )
    plans = _plans_to_approve(user)
    if plans is not None:
        found.append(plans)
    # Who verifies: the 纪委/派驻组, or a 巡察机构 for its own feedback. Decided from the roles,
    # not by looking for a submitted 巡察 task: that search read every submitted task in a
    # liaison's scope on each visit to the 工作台 (27–34 ms for a city at 1M tasks).
    if permissions.is_supervisor(user) or permissions.has_role(user, Role.INSPECTION_OFFICE):
        found.append(_review_queue(user, today, url))
    if permissions.has_business_scope(user):
        found.append(overdue_section(user, today))
    return found


def overdue_section(user: Any, today: Any) -> TodoSection:
    """Counted from the viewer's units; the first rows sorted from their index entries while
    they are not too many (_first), else read by walking the deadline index (about LIMIT × all
    overdue / the viewer's overdue rows), so a county and the province both read a few thousand
    index entries at most."""
    red = Task.objects.visible_to(user).overdue(today)
    total = bounded_count(red)
    walked = walk_pays(total, narrow=True)
    if walked:
        # No join on the unit either: it would let the planner start from the units again.
        red = Task.objects.overdue_walk(user, today)
    loaded = red.select_related("problem").prefetch_related("unit")
    rows = _first(loaded, ("due_key", "id"), walked=walked) if total else []
    url = reverse("rectification:task-list")
    items = [_item(t) for t in with_lights(rows, today)]
    return _capped(
        TodoSection("红灯（逾期）任务", items, "没有逾期任务", f"{url}?light=red", 33, total=total)
    )
