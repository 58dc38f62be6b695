"""问责 records, proposed by a 纪检 body and decided by someone else there.

draft -submit-> submitted -decide-> decided
                    |
                    +-return-> draft

方式 follow 问责条例第七条 through the case record's own vocabulary (cases.models.case): 检查、通报、
改组 for a 党组织; 通报、诫勉、组织调整或者组织处理、纪律处分 for a leading cadre.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import AccountabilityMethod, Case, Recommendation
from mingjian.cases.models.case import LEADER_METHODS, ORGANISATION_METHODS
from mingjian.duties import permissions as perms
from mingjian.duties.models import Accountability
from mingjian.org.models import SUPERVISING_ROLES, Person, Unit, User
from mingjian.rectification.models import Task
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = Accountability.Status
T = Accountability.Target
MAX_TEXT = 5000


@dataclass
class AccountabilityInput:
    target: str
    basis: str
    deciding_body: str
    methods: list[str] = field(default_factory=list)
    unit: Unit | None = None  # the 党组织's unit
    person: Person | None = None  # the leading cadre
    decision_number: str = ""
    task: Task | None = None
    recommendation: Recommendation | None = None
    case: Case | None = None


def method_errors(target: str, methods: list[str]) -> str:
    """'' or why the 方式 do not fit the target (问责条例第七条)."""
    if not methods:
        return "请选择问责方式。"
    if any(m not in AccountabilityMethod.values for m in methods):
        return "问责方式含有不在规定范围内的值。"
    allowed = ORGANISATION_METHODS if target == T.ORGANISATION else LEADER_METHODS
    wrong = [
        AccountabilityMethod(m).label
        for m in AccountabilityMethod.values
        if m in methods and m not in allowed
    ]
    if wrong:
        who = "党组织" if target == T.ORGANISATION else "领导干部"
        return f"对{who}问责不适用：{'、'.join(wrong)}（问责条例第七条）。"
    return ""


def units_for(user: User) -> QuerySet[Unit]:
    issuer = perms.issuer_of(user)
    if issuer is None:
        return Unit.objects.none()
    return perms.concerned_units(user, issuer, SUPERVISING_ROLES).exclude(kind=Unit.Kind.DEPARTMENT)


def leaders_for(user: User) -> QuerySet[Person]:
    """Leading cadres of the units the user's 纪检 body supervises (班子成员 and heads of 内设机构).
    A query, not a list: for a province it is chosen from, not loaded."""
    issuer = perms.issuer_of(user)
    if issuer is None:
        return Person.objects.none()
    paths = perms.concerned_units(user, issuer, SUPERVISING_ROLES).values_list("path", flat=True)
    people = Person.objects.roster_under(paths).exclude(leadership="").select_related("unit")
    return people.order_by("unit__path", "leadership", "id")


def _target_errors(data: AccountabilityInput, by: User) -> dict[str, str]:
    if data.target == T.ORGANISATION:
        if data.unit is None or not units_for(by).filter(pk=data.unit.pk).exists():
            return {"unit": "请选择被问责的党组织所在单位（本机关监督范围内）。"}
        return {}
    if data.target == T.LEADER:
        if data.person is None or not leaders_for(by).filter(pk=data.person.pk).exists():
            return {"person": "被问责领导干部须为本机关监督范围内的班子成员或部门负责人。"}
        return {}
    return {"target": "请选择问责对象。"}


def _check(data: AccountabilityInput, by: User) -> None:
    errors = _target_errors(data, by)
    if message := method_errors(data.target, data.methods):
        errors["methods"] = message
    if not data.basis.strip():
        errors["basis"] = "请写明问责事实及依据。"
    elif len(data.basis) > MAX_TEXT:
        errors["basis"] = f"问责事实及依据过长，上限 {MAX_TEXT} 字。"
    if not data.deciding_body.strip():
        errors["deciding_body"] = "请填写决定机关。"
    for name, model in (("task", Task), ("recommendation", Recommendation), ("case", Case)):
        obj = getattr(data, name)
        if obj is not None and not model.objects.visible_to(by).filter(pk=obj.pk).exists():
            errors[name] = "无此记录。"
    if errors:
        raise ValidationError(errors)


def _apply(rec: Accountability, data: AccountabilityInput) -> None:
    rec.target, rec.basis = data.target, data.basis.strip()
    rec.person = data.person if data.target == T.LEADER else None
    unit = data.person.unit if data.target == T.LEADER and data.person else data.unit
    assert unit is not None  # noqa: S101  (checked by _target_errors)
    rec.unit = unit
    rec.methods = [m for m in AccountabilityMethod.values if m in data.methods]
    rec.deciding_body, rec.decision_number = (
        data.deciding_body.strip()[:100],
        data.decision_number.strip()[:50],
    )
    rec.task, rec.recommendation, rec.case = data.task, data.recommendation, data.case


def _audit_data(rec: Accountability) -> dict[str, Any]:
    return {
        "target_kind": rec.target,
        "person": rec.person_id,
        "methods": rec.methods,
        "task": rec.task_id,
        "recommendation": rec.recommendation_id,
        "case": rec.case_id,
    }


@transaction.atomic
def create_accountability(data: AccountabilityInput, *, by: User) -> Accountability:
    issuer = perms.issuer_of(by)
    if issuer is None or not perms.can_draft_accountability(by):
        raise PermissionDenied
    _check(data, by)
    rec = Accountability(issuer=issuer, drafted_by=by)
    _apply(rec, data)
    rec.save()
    record(by, "duties.accountability.created", rec, **_audit_data(rec))
    return rec


def _locked(rec: Accountability, by: User) -> Accountability:
    rec = lock(rec)
    if not perms.can_edit_accountability(by, rec):
        raise PermissionDenied
    return rec


@transaction.atomic
def update_accountability(rec: Accountability, data: AccountabilityInput, *, by: User) -> Accountability:
    rec = _locked(rec, by)
    if perms.issuer_of(by) != rec.issuer:
        raise PermissionDenied
    if rec.status != S.DRAFT:
        raise TransitionError("只有起草中的问责记录可以修改。")
    _check(data, by)
    _apply(rec, data)
    rec.save()
    record(by, "duties.accountability.updated", rec, **_audit_data(rec))
    return rec


@transaction.atomic
def submit_accountability(rec: Accountability, *, by: User) -> Accountability:
    rec = _locked(rec, by)
    move(rec, to=S.SUBMITTED, by=by, action="submit", audit_action="duties.accountability.submitted")
    return rec


@transaction.atomic
def decide_accountability(
    rec: Accountability, *, by: User, decided_on: date, decision_number: str = "", comment: str = ""
) -> Accountability:
    """Record the decision: never by whoever drafted, edited or submitted the record."""
    rec = lock(rec)
    if not perms.can_decide_accountability(by, rec):
        raise PermissionDenied
    check(rec, S.DECIDED)
    require_independent(by, rec, "决定")
    if decided_on > timezone.localdate():
        raise TransitionError(f"决定日期 {decided_on:%Y-%m-%d} 晚于今天。")
    rec.decided_on, rec.decided_by, rec.decided_at = decided_on, by, timezone.now()
    rec.decision_number = decision_number.strip()[:50] or rec.decision_number
    move(
        rec,
        to=S.DECIDED,
        by=by,
        action="decide",
        audit_action="duties.accountability.decided",
        comment=comment.strip(),
        fields=("decided_on", "decided_by", "decided_at", "decision_number"),
        decided_on=decided_on,
    )
    return rec


@transaction.atomic
def return_accountability(rec: Accountability, *, by: User, reason: str) -> Accountability:
    rec = lock(rec)
    if not perms.can_decide_accountability(by, rec):
        raise PermissionDenied
    check(rec, S.DRAFT)
    if not reason.strip():
        raise TransitionError("退回须写明理由。")
    require_independent(by, rec, "退回")
    move(
        rec,
        to=S.DRAFT,
        by=by,
        action="return",
        audit_action="duties.accountability.returned",
        comment=reason.strip(),
    )
    return rec
