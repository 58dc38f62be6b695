"""Home-page sections for 廉政风险防控: risks pushed to the viewer's unit that wait for its answer,
and 防控失效 flags on its register that wait for better controls."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mingjian.lib.todos import TodoItem, TodoSection, first_rows
from mingjian.org.models import UNIT_ROLES, unit_scope_q
from mingjian.risks import permissions as perms
from mingjian.risks.models import ControlFailure, RiskPoint


def sections(user: Any) -> list[TodoSection]:
    if not perms.can_keep_any(user):
        return []
    mine = unit_scope_q(user, roles=UNIT_ROLES)
    pending = (
        RiskPoint.objects.visible_to(user)
        .filter(mine, status=RiskPoint.Status.PENDING)
        .select_related("unit")
    )
    failures = (
        ControlFailure.objects.visible_to(user)
        .filter(
            unit_scope_q(user, roles=UNIT_ROLES, prefix="risk__unit__"), status=ControlFailure.Status.OPEN
        )
        .select_related("risk__unit")
    )
    more = reverse("risks:risk-list")
    found = []
    rows, total = first_rows(pending)
    if rows:
        items = [
            TodoItem(f"{r.unit.name}：{r.post}", r.get_absolute_url(), "推送待确认", "warning") for r in rows
        ]
        found.append(
            TodoSection("廉政风险：推送待确认", items, "", f"{more}?status=pending", 49, total=total)
        )
    rows, total = first_rows(failures)
    if rows:
        items = [
            TodoItem(
                f"{f.risk.unit.name}：{f.risk.post}",
                f.risk.get_absolute_url(),
                "防控失效，请完善防控措施",
                "danger",
            )
            for f in rows
        ]
        found.append(TodoSection("廉政风险：防控失效", items, "", f"{more}?failed=1", 50, total=total))
    return found
