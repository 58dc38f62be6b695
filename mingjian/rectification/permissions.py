"""Who does what in 整改: the issuing side issues, verifies and closes; the responsible unit
works, proves and submits; the 责任领导 signs off with their own account."""

from __future__ import annotations

from typing import Any

from mingjian.org import permissions
from mingjian.org.models import Unit


def _home(user: Any) -> Unit | None:
    return getattr(user, "unit", None)


def is_issuer_side(user: Any, unit: Unit, issuer: Unit) -> bool:
    """纪委监委 / 派驻组 over the unit, or acting staff of the issuing body (a 牵头部门) — and in
    every case only for a unit inside the user's own scope, never one elsewhere in the system."""
    if permissions.can_supervise(user, unit):
        return True
    home = _home(user)
    return home is not None and home.is_within(issuer) and permissions.can_act_in(user, unit)


def can_issue(user: Any, task: Any) -> bool:
    return is_issuer_side(user, task.unit, task.problem.issuer)


def can_work_on(user: Any, task: Any) -> bool:
    return permissions.is_unit_side(user, task.unit)


def can_accept(user: Any, task: Any) -> bool:
    """Verification is independent: nobody closes a task of their own unit."""
    home = _home(user)
    if home is not None and home.is_within(task.unit):
        return False
    return can_issue(user, task)


def is_leader_of(user: Any, task: Any) -> bool:
    return bool(user.is_authenticated) and task.responsibilities.filter(leader_id=user.pk).exists()
