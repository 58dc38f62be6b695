"""案件剖析 workflow.

draft -submit-> submitted -approve-> approved
  ^                 |                    |
  +---- return -----+------ reopen ------+

The case unit's leadership or the 纪委 side writes it; only the supervising side approves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Case, CaseAnalysis, CauseItem, IntegrityRisk, SystemLoophole
from mingjian.cases.permissions import can_edit_analysis, can_review
from mingjian.org.models import Unit, User
from mingjian.workflow.services import TransitionError, lock, move, require_independent

S = CaseAnalysis.Status


@dataclass(frozen=True)
class RiskRow:
    description: str
    post: str = ""
    level: str = IntegrityRisk.Level.MEDIUM


@dataclass(frozen=True)
class LoopholeRow:
    description: str
    regulation: str = ""


def _sync_rows(manager: Any, model: type[models.Model], rows: list[dict[str, Any]], **owner: Any) -> None:
    """Update rows in place by position, add or drop the rest: risk points and loopholes keep
    their ids across edits, because regulations and later cases link to them."""
    existing = list(manager.order_by("sort_order", "id"))
    for order, (row, values) in enumerate(zip(existing, rows, strict=False)):
        for key, value in values.items():
            setattr(row, key, value)
        row.sort_order = order
        row.save()
    for order, values in enumerate(rows[len(existing) :], start=len(existing)):
        model._default_manager.create(sort_order=order, **owner, **values)
    for row in existing[len(rows) :]:
        row.delete()


@transaction.atomic
def save_analysis(
    case: Case,
    *,
    by: User,
    summary: str,
    causes: dict[str, list[str]],
    risks: list[RiskRow],
    loopholes: list[LoopholeRow],
    extend_to: list[Unit],
) -> CaseAnalysis:
    if not can_edit_analysis(by, case.unit):
        raise PermissionDenied
    found: tuple[CaseAnalysis, bool] = CaseAnalysis.objects.select_for_update().get_or_create(
        case=case, defaults={"author": by}
    )
    analysis, created = found
    if analysis.status != S.DRAFT:
        raise TransitionError(f"剖析当前为“{analysis.get_status_display()}”，需退回或重新打开后才能修改。")
    analysis.summary = summary
    analysis.save(update_fields=["summary", "updated_at"])
    for dimension, _ in CauseItem.Dimension.choices:
        _sync_rows(
            analysis.causes.filter(dimension=dimension),
            CauseItem,
            [{"text": t} for t in causes.get(dimension, [])],
            analysis=analysis,
            dimension=dimension,
        )
    _sync_rows(analysis.risks.all(), IntegrityRisk, [vars(r) for r in risks], analysis=analysis)
    _sync_rows(analysis.loopholes.all(), SystemLoophole, [vars(r) for r in loopholes], analysis=analysis)
    analysis.extend_to_units.set(extend_to)
    record(
        by,
        "cases.analysis.created" if created else "cases.analysis.updated",
        analysis,
        unit=case.unit,
        risks=len(risks),
        loopholes=len(loopholes),
        extend_to=[u.pk for u in extend_to],
    )
    return analysis


@transaction.atomic
def submit_analysis(analysis: CaseAnalysis, *, by: User) -> CaseAnalysis:
    analysis = lock(analysis)
    if not can_edit_analysis(by, analysis.unit):
        raise PermissionDenied
    if not (analysis.risks.exists() or analysis.loopholes.exists() or analysis.causes.exists()):
        raise TransitionError("剖析内容为空，至少填写一项原因、廉政风险点或制度漏洞后再提交。")
    move(analysis, to=S.SUBMITTED, by=by, action="submit", audit_action="cases.analysis.submitted")
    return analysis


# What other apps do when an analysis is approved, inside the same transaction (the risk
# register flags 防控失效 where the case hit controls already on record), so this module does
# not import them.
ApprovalHook = Callable[[CaseAnalysis, User], None]
_approval_hooks: list[ApprovalHook] = []


def register_approval_hook(hook: ApprovalHook) -> None:
    if hook not in _approval_hooks:
        _approval_hooks.append(hook)


@transaction.atomic
def approve_analysis(analysis: CaseAnalysis, *, by: User, comment: str = "") -> CaseAnalysis:
    analysis = lock(analysis)
    if not can_review(by, analysis.unit):
        raise PermissionDenied
    require_independent(by, analysis, "审定")
    analysis.approved_by, analysis.approved_at = by, timezone.now()
    move(
        analysis,
        to=S.APPROVED,
        by=by,
        action="approve",
        audit_action="cases.analysis.approved",
        comment=comment,
        fields=("approved_by", "approved_at"),
    )
    for hook in _approval_hooks:
        hook(analysis, by)
    return analysis


@transaction.atomic
def return_analysis(analysis: CaseAnalysis, *, by: User, comment: str) -> CaseAnalysis:
    analysis = lock(analysis)
    if not can_review(by, analysis.unit):
        raise PermissionDenied
    if analysis.status != S.SUBMITTED:
        raise TransitionError("只有待审核的剖析可以退回。")
    if not comment.strip():
        raise TransitionError("退回时须写明理由。")
    move(
        analysis, to=S.DRAFT, by=by, action="return", audit_action="cases.analysis.returned", comment=comment
    )
    return analysis


@transaction.atomic
def reopen_analysis(analysis: CaseAnalysis, *, by: User, comment: str = "") -> CaseAnalysis:
    analysis = lock(analysis)
    if not can_review(by, analysis.unit):
        raise PermissionDenied
    if analysis.status != S.APPROVED:
        raise TransitionError("只有已审定的剖析可以重新打开。")
    analysis.approved_by, analysis.approved_at = None, None
    move(
        analysis,
        to=S.DRAFT,
        by=by,
        action="reopen",
        audit_action="cases.analysis.reopened",
        comment=comment,
        fields=("approved_by", "approved_at"),
    )
    return analysis
