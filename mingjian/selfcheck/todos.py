"""Home-page sections: 自查表 the unit has to answer, and those the pushing body has to review."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, first_rows
from mingjian.org.models import UNIT_ROLES, unit_scope_q
from mingjian.selfcheck.models import Checklist
from mingjian.selfcheck.permissions import can_review


def _item(c: Checklist) -> TodoItem:
    return TodoItem(f"{c.unit.name}类案自查表", c.get_absolute_url(), f"{c.push.due_date:%m-%d} 前报送")


def sections(user: Any) -> list[TodoSection]:
    visible = Checklist.objects.visible_to(user).select_related("unit", "push")
    url = reverse("selfcheck:checklist-list")
    found = []
    mine = visible.filter(unit_scope_q(user, roles=UNIT_ROLES), status__in=["pending", "returned"])
    rows, total = first_rows(mine.order_by("push__due_date"))
    if rows:
        found.append(TodoSection("待填报的类案自查表", [_item(c) for c in rows], "", url, 33, total=total))
    to_review = [c for c in visible.filter(status=Checklist.Status.SUBMITTED) if can_review(user, c)]
    if to_review:
        items = [
            TodoItem(str(c), c.get_absolute_url(), f"{c.submitted_at:%m-%d} 报送") for c in to_review[:LIMIT]
        ]
        found.append(TodoSection("待审核的类案自查表", items, "", url, 34, total=len(to_review)))
    return found
