"""Who does what in 建章立制, in the words of the org policy module.

A unit makes its own rules (主体责任): its liaison drafts and sends a rule through 征求意见 and
审议; a leader of the unit records that it was issued (印发施行) or repealed — never whoever
drafted it (four eyes). A 纪检监察 body makes its own rules the same way. The supervising side
(纪委监委 / 派驻组 over the unit, not the unit's own people) records the 制度执行检查, and decides
a unit's reason why a loophole needs no new rule — as the verifier of the task it blocks.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.org import permissions
from mingjian.org.models import ACTING_ROLES, Role, Unit, path_in_scope
from mingjian.rectification import permissions as rect_perms


def _home(user: Any) -> Unit | None:
    return getattr(user, "unit", None)


def _own_body(user: Any) -> Unit | None:
    """The unit a 纪检 clerk works for (their 室's enclosing body): whose own rules they keep."""
    home = _home(user)
    return home.leadership_unit() if home is not None else None


def keeps_rules(user: Any, unit: Unit) -> bool:
    """Drafts and moves the unit's rules: the unit's own side, or staff of the body itself."""
    if not permissions.can_act_in(user, unit):
        return False
    return permissions.is_unit_side(user, unit) or _own_body(user) == unit


def can_draft_any(user: Any) -> bool:
    return drafting_units(user).exists()


def drafting_units(user: Any) -> QuerySet[Unit]:
    """Units whose rules the user may draft: where they are the unit side, and their own unit."""
    units = Unit.objects.in_scope(user, frozenset({Role.UNIT_LIAISON, Role.UNIT_LEADER}))
    body = _own_body(user)
    if body is not None and path_in_scope(user, body.path, ACTING_ROLES):
        units = units | Unit.objects.filter(pk=body.pk)
    return units.filter(is_active=True).exclude(kind=Unit.Kind.DEPARTMENT).distinct().order_by("path")


def can_issue(user: Any, regulation: Any) -> bool:
    """印发施行 and 废止 are recorded by a leader of the unit (or, for a 纪检 body's own rule, its
    staff) — the liaison drafts, the 党组 decides."""
    unit = regulation.unit
    if not keeps_rules(user, unit):
        return False
    if _own_body(user) == unit and permissions.is_supervisor(user):
        return True
    return path_in_scope(user, unit.path, frozenset({Role.UNIT_LEADER}))


def can_register_existing(user: Any) -> bool:
    """补录 a rule already in force is an issue record: offered to those who may record issues
    somewhere — a unit leader, or a 纪检 body's staff for its own rules (can_issue decides per unit)."""
    if _own_body(user) is not None and permissions.is_supervisor(user):
        return True
    return permissions.is_unit_leader(user)


def can_check(user: Any, regulation: Any) -> bool:
    """制度执行检查 is 监督: the 纪委监委 / 派驻组 over the unit, never the unit's own side."""
    unit = regulation.unit
    home = _home(user)
    if home is not None and home.is_within(unit):
        return False
    return permissions.can_supervise(user, unit) and not permissions.is_unit_side(user, unit)


def can_review(user: Any, regulation: Any) -> bool:
    """回头看 of a rule: the unit that made it, or the side that supervises it."""
    return keeps_rules(user, regulation.unit) or can_check(user, regulation)


def can_explain(user: Any, problem: Any) -> bool:
    """The unit that must fix the problem records why no rule is needed."""
    return permissions.is_unit_side(user, problem.unit) and permissions.can_act_in(user, problem.unit)


def can_decide(user: Any, waiver: Any) -> bool:
    """The verifier of the problem's tasks (销号 is 监督责任) decides the unit's reason."""
    return any(rect_perms.can_accept(user, task) for task in waiver.problem.tasks.all())


def can_set_policy(user: Any, issuer: Unit) -> bool:
    return rect_perms.can_set_up_for(user, issuer)
