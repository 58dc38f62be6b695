"""Who may record a speech or 方案 and who may break it into work.

Recording: anyone who acts for the body the work would be issued in the name of (the
rectification engine's issuer_for). Breaking into tasks: the same checks as 新增问题 — the
user's issuing body, and only units on which the user is the issuing side.
"""

from __future__ import annotations

from django.db.models import QuerySet

from mingjian.org import permissions
from mingjian.org.models import Person, Role, RoleAssignment, Unit, User
from mingjian.rectification.permissions import is_issuer_side, issuer_for


def recording_unit(user: User) -> Unit | None:
    """The unit an outline is recorded for, or None when the user may not record one."""
    issuer = issuer_for(user)
    return issuer if issuer is not None and permissions.can_act_in(user, issuer) else None


def issuable_units(user: User, issuer: Unit) -> QuerySet[Unit]:
    """Units the user may issue work to in the name of `issuer` (as on 新增问题)."""
    scope = Unit.objects.in_scope(user).filter(is_active=True)
    # is_issuer_side reads a unit's path only: a province tests 2,000 units per page view.
    return scope.filter(pk__in=[u.pk for u in scope.only("pk", "path") if is_issuer_side(user, u, issuer)])


def leaders_over(units: QuerySet[Unit]) -> QuerySet[User]:
    """Everyone who may be 责任领导 for at least one of `units` (rectification's leaders_of, for
    many units in one query); each plan is then checked against its own unit's leaders_of."""
    ids = {int(part) for unit in units for part in unit.path.strip("/").split("/")}
    holders = RoleAssignment.objects.filter(role=Role.UNIT_LEADER, unit_id__in=ids).values("user_id")
    liaisons = RoleAssignment.objects.filter(role=Role.UNIT_LIAISON).values("user_id")
    found: QuerySet[User] = (
        User.objects.filter(pk__in=holders, is_active=True, person__is_active=True)
        .exclude(person__leadership="")
        .exclude(pk__in=liaisons)
        .select_related("person")
        .order_by("username")
    )
    return found


def people_for(user: User) -> QuerySet[Person]:
    """The 干部名册 of every unit the user may issue a node's work to (the searched picker's
    scope "outlines.people"); nobody without an issuing body."""
    issuer = issuer_for(user)
    return people_over(issuable_units(user, issuer)) if issuer else Person.objects.none()


def people_over(units: QuerySet[Unit]) -> QuerySet[Person]:
    """The 干部名册 of `units`, where a node's 责任人 is chosen (each plan is then checked
    against its own unit's roster)."""
    return (
        Person.objects.filter(unit__in=units, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "name")
    )
