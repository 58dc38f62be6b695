"""Who hears about a task. Keys make every message idempotent.

- the unit: its liaisons and leaders (and the 责任人 if they have an account) — `leaders=True`;
- the 第一责任人: the unit's 书记 / 主要负责人 — `principals=True` (red, i.e. overdue);
- the assigning side: the 纪委监委 / 派驻组 over the unit, or for 巡察 feedback the 巡察机构 that
  gave it — `supervisors=True`.
"""

from __future__ import annotations

from typing import Any

from mingjian.notifications.services import notify
from mingjian.org.models import Role, User
from mingjian.org.permissions import SUPERVISING_ROLES, UNIT_ROLES, users_over
from mingjian.rectification.permissions import principals_of


def _assigning_side(task: Any) -> set[User]:
    batch = task.problem.inspection
    if batch is not None:
        return set(users_over(batch.issuer, frozenset({Role.INSPECTION_OFFICE})))
    return set(users_over(task.unit, SUPERVISING_ROLES))


def _handlers(task: Any) -> set[User]:
    found = set(users_over(task.unit, UNIT_ROLES))
    for r in task.responsibilities.select_related("leader", "person__account"):
        if r.leader:
            found.add(r.leader)
        account = getattr(r.person, "account", None) if r.person else None
        if account is not None and account.is_active:
            found.add(account)
    return found


def recipients(
    task: Any, *, leaders: bool = False, principals: bool = False, supervisors: bool = False
) -> set[User]:
    found: set[User] = set()
    if leaders:
        found |= _handlers(task)
    if principals:
        found |= set(principals_of(task.unit))
    if supervisors:
        found |= _assigning_side(task)
    return found


def notify_task(
    task: Any,
    event: str,
    title: str,
    *,
    leaders: bool = False,
    principals: bool = False,
    supervisors: bool = False,
    key: str | None = None,
    kind: str = "info",
) -> int:
    key = key or f"task:{task.pk}:{event}:{task.round}"
    sent = 0
    for user in recipients(task, leaders=leaders, principals=principals, supervisors=supervisors):
        sent += notify(user, key=key, title=title, url=task.get_absolute_url(), kind=kind)
    return sent
