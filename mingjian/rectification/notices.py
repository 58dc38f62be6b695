"""Who hears about a task: its unit's liaisons and leaders, its 责任领导, and the supervisors
(纪委监委 / 派驻组) whose scope covers the unit. Keys make every message idempotent."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mingjian.org.models import Role, RoleAssignment, User
from mingjian.org.permissions import SUPERVISING_ROLES
from mingjian.rectification.permissions import UNIT_ROLES


def _covering(unit: Any, roles: frozenset[str]) -> Any:
    """Users holding one of `roles` at the unit or at a unit above it (or, for a 派驻组, over it)."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/")]
    q = Q(role__in=roles, unit_id__in=ancestors)
    if Role.STATIONED in roles:
        q |= Q(role=Role.STATIONED, unit__supervised_units__id__in=ancestors)
    user_ids = RoleAssignment.objects.filter(q).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True)


def recipients(task: Any, *, leaders: bool = False, supervisors: bool = False) -> set[User]:
    found: set[User] = set()
    if leaders:
        found |= set(_covering(task.unit, UNIT_ROLES))
        found |= {r.leader for r in task.responsibilities.select_related("leader") if r.leader}
    if supervisors:
        found |= set(_covering(task.unit, SUPERVISING_ROLES))
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
    from mingjian.notifications.services import notify

    key = key or f"task:{task.pk}:{event}:{task.round}"
    sent = 0
    for user in recipients(task, leaders=leaders, supervisors=supervisors):
        sent += notify(user, key=key, title=title, url=task.get_absolute_url(), kind=kind)
    return sent
