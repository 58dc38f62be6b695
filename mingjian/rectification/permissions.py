"""Who does what in 整改: the issuing side issues, verifies and closes; the responsible unit
works, proves and submits; the 责任领导 signs off with their own account."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.cases.permissions import issuers_for
from mingjian.org import permissions
from mingjian.org.models import (
    ACTING_ROLES,
    SUPERVISING_ROLES,
    Person,
    Role,
    Unit,
    User,
    path_in_scope,
    unit_scope_q,
)


def _home(user: Any) -> Unit | None:
    return getattr(user, "unit", None)


def is_issuer_side(user: Any, unit: Unit, issuer: Unit) -> bool:
    """纪委监委 / 派驻组 over the unit, or acting staff of the issuing body (a 牵头部门) — and in
    every case only for a unit inside the user's own scope, never one elsewhere in the system."""
    if permissions.can_supervise(user, unit):
        return True
    home = _home(user)
    return home is not None and home.is_within(issuer) and permissions.can_act_in(user, unit)


def is_inspection_office(user: Any, batch: Any) -> bool:
    """The 巡察机构 that gave the feedback: it approves the unit's plan and verifies its tasks."""
    return path_in_scope(user, batch.issuer.path, frozenset({Role.INSPECTION_OFFICE}))


def can_issue(user: Any, task: Any) -> bool:
    """The side that assigned the work: for 巡察 feedback the 巡察机构, otherwise the issuer."""
    if task.problem.inspection_id is not None:
        return is_inspection_office(user, task.problem.inspection)
    return is_issuer_side(user, task.unit, task.problem.issuer)


def can_work_on(user: Any, task: Any) -> bool:
    return permissions.is_unit_side(user, task.unit)


def can_accept(user: Any, task: Any) -> bool:
    """验收销号 is 监督责任: the 纪委监委 / 派驻组 over the unit (or, for 巡察 feedback, the 巡察机构)
    — never an account of the responsible unit's own side (its liaisons, its 班子, a unit above
    it), even one that also holds a supervising role, and never one whose home is the unit. A
    牵头部门 that gave its own 科室 the work therefore cannot close it either."""
    home = _home(user)
    if home is not None and home.is_within(task.unit):
        return False
    if permissions.is_unit_side(user, task.unit):
        return False
    return can_issue(user, task)


def is_leader_of(user: Any, task: Any) -> bool:
    return bool(user.is_authenticated) and task.responsibilities.filter(leader_id=user.pk).exists()


def leaders_of(unit: Unit) -> QuerySet[User]:
    """Accounts that can be named 责任领导: 班子成员 of the responsible unit (its own 班子, or for a
    科室 its bureau's) signing in as unit leaders. A liaison is never offered."""
    return (
        permissions.users_over(unit, frozenset({Role.UNIT_LEADER}))
        .filter(person__in=Person.objects.leadership_of(unit))
        .exclude(roles__role=Role.UNIT_LIAISON)
        .select_related("person")
        .order_by("username")
    )


def principals_of(unit: Unit) -> QuerySet[User]:
    """The unit's 书记 and 主要负责人 with accounts: they answer for the unit (reply to a 建议书,
    submit its 整改方案 and reports); the 书记 is the 第一责任人 red and overdue tasks escalate to."""
    return leaders_of(unit).filter(
        person__leadership__in=[Person.Leadership.SECRETARY, Person.Leadership.HEAD]
    )


def issuer_for(user: User) -> Unit | None:
    """Work is issued in the name of the user's 纪检监察 body, or else their own unit (a 牵头部门)."""
    bodies = issuers_for(user)
    return bodies[-1] if bodies else user.unit


def units_for_new_problem(user: User) -> QuerySet[Unit]:
    """Units in scope the user may register a problem for (登记问题): is_issuer_side as one query,
    so that the picker's search can rebuild it per request (testing 2,000 units one by one in
    Python took ~60 ms for a province)."""
    issuer = issuer_for(user)
    if issuer is None:
        return Unit.objects.none()
    issuer_side = unit_scope_q(user, roles=SUPERVISING_ROLES, prefix="")
    home = _home(user)
    if home is not None and home.is_within(issuer):
        issuer_side |= unit_scope_q(user, roles=ACTING_ROLES, prefix="")
    return Unit.objects.in_scope(user).filter(issuer_side)


def can_set_up_for(user: User, issuer: Unit) -> bool:
    """Campaigns and 整改时限设置 are kept by 纪委监委 / 派驻组 staff for the body they work for."""
    return permissions.is_supervisor(user) and issuer_for(user) == issuer


def may_answer_for(user: Any, rec: Any) -> bool:
    """Who submits a unit's formal answer to a 建议书 (and its plan and 整改情况报告): the unit's
    书记/主要负责人, or the 班子成员 they authorised."""
    if not user.is_authenticated:
        return False
    if rec.reply_delegate_id is not None and rec.reply_delegate_id == user.pk:
        return True
    return principals_of(rec.unit).filter(pk=user.pk).exists()


def can_run_campaign(user: User, campaign: Any) -> bool:
    """Prepare, launch and conclude a 专项行动 / 专项治理: the staff of its 牵头单位, as for setting
    one up."""
    return can_set_up_for(user, campaign.issuer)


def can_edit_template(user: User, template: Any) -> bool:
    """A body's own templates are kept by its staff; the built-in ones are copied, never edited."""
    return template.issuer_id is not None and can_set_up_for(user, template.issuer)


def issuable_units(user: User, issuer: Unit) -> QuerySet[Unit]:
    """Active units in the user's scope to which the user may give work in `issuer`'s name."""
    scope = Unit.objects.in_scope(user).filter(is_active=True)
    # is_issuer_side reads a unit's path only: a province tests 2,000 units per page view.
    return scope.filter(pk__in=[u.pk for u in scope.only("pk", "path") if is_issuer_side(user, u, issuer)])
