"""Who does what in 整改: the issuing side issues, verifies and closes; the responsible unit
works, proves and submits; the 责任领导 signs off with their own account."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.cases.permissions import issuers_for
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, Unit, User


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


def leaders_of(unit: Unit) -> QuerySet[User]:
    """Accounts that can be named 责任领导: leaders and liaisons of the unit or above it."""
    return permissions.users_over(unit, UNIT_ROLES).order_by("username")


def issuer_for(user: User) -> Unit | None:
    """Work is issued in the name of the user's 纪检监察 body, or else their own unit (a 牵头部门)."""
    bodies = issuers_for(user)
    return bodies[-1] if bodies else user.unit


def can_set_up_for(user: User, issuer: Unit) -> bool:
    """Campaigns and 整改时限设置 are kept by 纪委监委 / 派驻组 staff for the body they work for."""
    return permissions.is_supervisor(user) and issuer_for(user) == issuer
