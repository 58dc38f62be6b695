"""The register itself: rows registered, edited, confirmed or declined after a push, retired.

pending -confirm-> active -retire-> retired
   +-----decline-> declined

A row in force (在册) names its 防控措施 and its 责任领导 (a 班子成员, from leaders_of), and may
name its 科室负责人 (from the 干部名册) — people are chosen, never typed. Rows written while the
unit's yearly 排查 is open count as reviewed in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import Task
from mingjian.rectification.permissions import leaders_of
from mingjian.risks import permissions as perms
from mingjian.risks.models import RiskPoint, RiskScreening
from mingjian.workflow.services import TransitionError, check, lock, move

S = RiskPoint.Status
MAX_TEXT = 2_000


@dataclass
class RiskInput:
    """One register row as the page's form, the API or an Excel row gives it."""

    unit: Unit
    post: str
    point: str
    level: str = RiskPoint.Level.MEDIUM
    category: str = RiskPoint.Category.POST
    manifestation: str = ""
    controls: str = ""
    dept_head: Person | None = None
    leader: User | None = None


def people_errors(unit: Unit, dept_head: Person | None, leader: User | None) -> dict[str, str]:
    errors = {}
    if dept_head is not None and not Person.objects.roster_of(unit).filter(pk=dept_head.pk).exists():
        errors["dept_head"] = f"科室负责人须从{unit.name}干部名册中选择。"
    if leader is not None and not leaders_of(unit).filter(pk=leader.pk).exists():
        errors["leader"] = f"责任领导须为{unit.leadership_unit().name}班子成员（联络员不能担任）。"
    return errors


def input_errors(data: RiskInput, *, complete: bool = True) -> dict[str, str]:
    """Field → Chinese reason. `complete`: a row in force names its controls and 责任领导."""
    errors = people_errors(data.unit, data.dept_head, data.leader)
    if not data.post.strip():
        errors["post"] = "请填写岗位（权力事项）。"
    if not data.point.strip():
        errors["point"] = "请填写风险点。"
    if data.level not in RiskPoint.Level.values:
        errors["level"] = "风险等级应为高、中或低。"
    if data.category not in RiskPoint.Category.values:
        errors["category"] = "无此风险类别。"
    if complete and not data.controls.strip():
        errors["controls"] = "请填写防控措施。"
    if complete and data.leader is None:
        errors.setdefault("leader", "请选择责任领导。")
    for name in ("point", "manifestation", "controls"):
        if len(getattr(data, name)) > MAX_TEXT:
            errors[name] = f"内容过长，上限 {MAX_TEXT} 字。"
    return errors


def open_screening(unit: Unit) -> RiskScreening | None:
    """The yearly 排查 now under way for the unit (or the unit it belongs to), if any."""
    ids = [int(x) for x in unit.path.strip("/").split("/")]
    return (
        RiskScreening.objects.filter(unit_id__in=ids)
        .exclude(task__status__in=[Task.Status.ACCEPTED, Task.Status.DRAFT])
        .order_by("-year", "-id")
        .first()
    )


def mark_reviewed(row: RiskPoint) -> None:
    screening = open_screening(row.unit)
    if screening is not None:
        row.reviewed_in, row.reviewed_on = screening, timezone.localdate()


def _apply(row: RiskPoint, data: RiskInput) -> None:
    row.unit, row.post, row.point = data.unit, data.post.strip()[:100], data.point.strip()[:500]
    row.level, row.category = data.level, data.category
    row.manifestation, row.controls = data.manifestation.strip(), data.controls.strip()
    row.dept_head, row.leader = data.dept_head, data.leader


@transaction.atomic
def create_risk(data: RiskInput, *, by: User, source: str = RiskPoint.Source.MANUAL) -> RiskPoint:
    if not perms.keeps_register(by, data.unit):
        raise PermissionDenied
    errors = input_errors(data)
    if errors:
        raise ValidationError(errors)
    row = RiskPoint(status=S.ACTIVE, source=source, created_by=by)
    _apply(row, data)
    mark_reviewed(row)
    row.save()
    record(by, "risks.risk.created", row, source=source, level=row.level)
    return row


@transaction.atomic
def update_risk(row: RiskPoint, data: RiskInput, *, by: User) -> RiskPoint:
    row = lock(row)
    if not (perms.keeps_register(by, row.unit) and perms.keeps_register(by, data.unit)):
        raise PermissionDenied
    if row.status not in (S.ACTIVE, S.PENDING):
        raise TransitionError(f"风险点{row.get_status_display()}，不能修改。")
    errors = input_errors(data, complete=row.status == S.ACTIVE)
    if errors:
        raise ValidationError(errors)
    _apply(row, data)
    mark_reviewed(row)
    row.save()
    record(by, "risks.risk.updated", row, level=row.level)
    return row


def _kept(row: RiskPoint, by: User) -> RiskPoint:
    row = lock(row)
    if not perms.keeps_register(by, row.unit):
        raise PermissionDenied
    return row


@transaction.atomic
def confirm_risk(
    row: RiskPoint,
    *,
    by: User,
    controls: str = "",
    leader: User | None = None,
    dept_head: Person | None = None,
) -> RiskPoint:
    """A pushed risk applies here: the unit states its own controls and who answers for them."""
    row = _kept(row, by)
    check(row, S.ACTIVE)
    row.controls = controls.strip() or row.controls
    row.leader, row.dept_head = leader or row.leader, dept_head or row.dept_head
    data = RiskInput(row.unit, row.post, row.point, row.level, row.category, row.manifestation, row.controls)
    data.dept_head, data.leader = row.dept_head, row.leader
    errors = input_errors(data)
    if errors:
        raise TransitionError("；".join(errors.values()))
    mark_reviewed(row)
    move(
        row,
        to=S.ACTIVE,
        by=by,
        action="confirm",
        audit_action="risks.risk.confirmed",
        fields=("controls", "leader", "dept_head", "reviewed_in", "reviewed_on"),
    )
    return row


@transaction.atomic
def decline_risk(row: RiskPoint, *, by: User, reason: str) -> RiskPoint:
    row = _kept(row, by)
    check(row, S.DECLINED)
    if not reason.strip():
        raise TransitionError("请写明不适用的理由（如本单位无此岗位或权力事项）。")
    row.decline_reason = reason.strip()[:MAX_TEXT]
    move(
        row,
        to=S.DECLINED,
        by=by,
        action="decline",
        audit_action="risks.risk.declined",
        comment=row.decline_reason,
        fields=("decline_reason",),
    )
    return row


@transaction.atomic
def retire_risk(row: RiskPoint, *, by: User, reason: str) -> RiskPoint:
    """The post or power item is gone (机构改革, 职能划转): the row leaves the register, with its history."""
    row = _kept(row, by)
    check(row, S.RETIRED)
    if not reason.strip():
        raise TransitionError("请写明撤销的理由（如职能已划转）。")
    move(row, to=S.RETIRED, by=by, action="retire", audit_action="risks.risk.retired", comment=reason.strip())
    return row
