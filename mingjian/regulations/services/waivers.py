"""无需建章立制说明: the unit explains why a loophole's problem needs no new rule; the verifier of
its tasks agrees or not (four eyes: never the one who wrote the reason).

pending -approve-> approved      (the 销号 gate opens)
   +-----reject-> rejected       (the unit may explain again, or make the rule)
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import User
from mingjian.rectification.models import Problem
from mingjian.regulations import permissions as perms
from mingjian.regulations.gate import loophole_of
from mingjian.regulations.models import Waiver
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

W = Waiver.Status
MAX_REASON = 2_000


@transaction.atomic
def explain_no_regulation(problem: Problem, *, by: User, reason: str) -> Waiver:
    if not perms.can_explain(by, problem):
        raise PermissionDenied
    if loophole_of(problem) is None:
        raise TransitionError("该问题不涉及制度漏洞，无需说明。")
    text = reason.strip()
    if not text:
        raise TransitionError("请写明无需制定或修订制度的理由（如现行制度已有规定、问题在于执行）。")
    if len(text) > MAX_REASON:
        raise TransitionError(f"理由过长（{len(text)} 字），上限 {MAX_REASON} 字。")
    if Waiver.objects.filter(problem=problem, status__in=[W.PENDING, W.APPROVED]).exists():
        raise TransitionError("该问题已有待审核或已同意的说明。")
    waiver = Waiver.objects.create(problem=problem, reason=text, submitted_by=by)
    record(by, "regulations.waiver.submitted", waiver, unit=problem.unit, problem=problem.pk)
    return waiver


def _decided(waiver: Waiver, by: User) -> Waiver:
    waiver = lock(waiver)
    if not perms.can_decide(by, waiver):
        raise PermissionDenied
    require_independent(by, waiver, "审核")
    return waiver


@transaction.atomic
def approve_waiver(waiver: Waiver, *, by: User, comment: str = "") -> Waiver:
    waiver = _decided(waiver, by)
    check(waiver, W.APPROVED)
    waiver.decided_by, waiver.decided_at = by, timezone.now()
    move(
        waiver,
        to=W.APPROVED,
        by=by,
        action="approve",
        audit_action="regulations.waiver.approved",
        comment=comment.strip(),
        fields=("decided_by", "decided_at"),
    )
    return waiver


@transaction.atomic
def reject_waiver(waiver: Waiver, *, by: User, reason: str) -> Waiver:
    waiver = _decided(waiver, by)
    check(waiver, W.REJECTED)
    if not reason.strip():
        raise TransitionError("不同意时须写明理由。")
    waiver.decided_by, waiver.decided_at = by, timezone.now()
    move(
        waiver,
        to=W.REJECTED,
        by=by,
        action="reject",
        audit_action="regulations.waiver.rejected",
        comment=reason.strip(),
        fields=("decided_by", "decided_at"),
    )
    return waiver
