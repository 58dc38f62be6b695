"""Who hears about a task: its unit's liaisons and leaders, its 责任领导, and the supervisors
(纪委监委 / 派驻组) whose scope covers the unit. Keys make every message idempotent."""

from __future__ import annotations

from typing import Any

from mingjian.notifications.services import notify
from mingjian.org.models import User
from mingjian.org.permissions import SUPERVISING_ROLES, UNIT_ROLES, users_over


def recipients(task: Any, *, leaders: bool = False, supervisors: bool = False) -> set[User]:
    found: set[User] = set()
    if leaders:
        found |= set(users_over(task.unit, UNIT_ROLES))
        found |= {r.leader for r in task.responsibilities.select_related("leader") if r.leader}
    if supervisors:
        found |= set(users_over(task.unit, SUPERVISING_ROLES))
    return found


def notify_task(
    task: Any,
    event: str,
    title: str,
    *,
    leaders: bool = False,
    supervisors: bool = False,
    key: str | None = None,
    kind: str = "info",
) -> int:
    key = key or f"task:{task.pk}:{event}:{task.round}"
    sent = 0
    for user in recipients(task, leaders=leaders, supervisors=supervisors):
        sent += notify(user, key=key, title=title, url=task.get_absolute_url(), kind=kind)
    return sent
