"""Case capabilities, in the words of the org policy module."""

from __future__ import annotations

from typing import Any

from mingjian.cases.models.approval import ApprovalStepKind
from mingjian.org import permissions
from mingjian.org.models import Person, Unit


def can_record_case(user: Any, unit: Unit) -> bool:
    """Typical cases are entered by the 纪委监委 or the 派驻组 supervising the unit."""
    return permissions.can_supervise(user, unit)


def sees_real_names(user: Any, unit: Unit) -> bool:
    """Names appear in full only on the 纪委's own pages; everyone else reads 张某某."""
    return sees_real_names_at(user, unit.path)


def sees_real_names_at(user: Any, path: str) -> bool:
    """sees_real_names for a unit known by its tree path."""
    return permissions.can_supervise_path(user, path)


def can_edit_analysis(user: Any, unit: Unit) -> bool:
    """The 纪委 side, or the case unit's own leadership (not the read-only leader)."""
    return permissions.can_act_in(user, unit)


def can_review(user: Any, unit: Unit) -> bool:
    """Approving analyses, issuing and closing recommendations: the supervising side only."""
    return permissions.can_supervise(user, unit)


def can_issue_as(user: Any, issuer: Unit) -> bool:
    """Documents go out in the name of the 纪检监察 body the signed-in clerk works in."""
    home = getattr(user, "unit", None)
    return (
        issuer.kind in (Unit.Kind.COMMISSION, Unit.Kind.STATIONED)
        and permissions.has_role(user, *permissions.SUPERVISING_ROLES)
        and home is not None
        and home.is_within(issuer)
    )


def issuers_for(user: Any) -> list[Unit]:
    """The bodies the user may issue for: 纪检监察 units on the path from the root to their unit."""
    home = getattr(user, "unit", None)
    if home is None:
        return []
    chain = [*home.ancestors(), home]
    return [u for u in chain if can_issue_as(user, u)]


def can_sign_step(user: Any, rec: Any, kind: str) -> bool:
    """A step of a 建议书's approval chain is signed by the holder of that post in the issuing
    body: 承办部门负责人 = head of one of its 室; 分管领导 = a 班子成员; 主要负责人 = its 书记 or
    主要负责人. (Whether they also drafted it is the four-eyes rule, checked by the service.)"""
    if not (can_review(user, rec.unit) and can_issue_as(user, rec.issuer)):
        return False
    person: Person | None = getattr(user, "person", None)
    if person is None or not person.is_active:
        return False
    issuer: Unit = rec.issuer
    if kind == ApprovalStepKind.DEPARTMENT_HEAD:
        unit = person.unit
        return (
            person.leadership == Person.Leadership.HEAD
            and unit.kind == Unit.Kind.DEPARTMENT
            and (unit.is_within(issuer) and unit.pk != issuer.pk)
        )
    if person.unit_id != issuer.pk:
        return False
    if kind == ApprovalStepKind.DEPUTY:
        return person.leadership == Person.Leadership.MEMBER
    return kind == ApprovalStepKind.PRINCIPAL and person.is_principal
