"""Reports the unit owes: drafted from the task data, edited by its liaison, submitted by its
主要负责人 (or the leader authorised to reply to the 建议书).

draft -submit-> submitted
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Recommendation
from mingjian.org.models import User
from mingjian.org.permissions import can_act_in, is_unit_side
from mingjian.rectification import permissions as perms
from mingjian.rectification import report_texts
from mingjian.rectification.models import InspectionBatch, RectificationReport
from mingjian.workflow.services import TransitionError, lock, move

K = RectificationReport.Kind
R = RectificationReport.Status


def _text(kind: str, source: Recommendation | InspectionBatch, by: User) -> str:
    if isinstance(source, Recommendation):
        return report_texts.completion_text(source)
    principal = perms.principals_of(source.unit).first()
    writers: dict[str, Callable[[], str]] = {
        K.PROGRESS: lambda: report_texts.progress_text(source),
        K.PRINCIPAL: lambda: report_texts.principal_text(source, str(principal or "（主要负责人）")),
        K.DISCLOSURE: lambda: report_texts.disclosure_text(source),
    }
    return writers[kind]()


def _key(source: Recommendation | InspectionBatch) -> dict[str, Any]:
    return {"recommendation": source} if isinstance(source, Recommendation) else {"inspection": source}


@transaction.atomic
def draft_report(kind: str, source: Recommendation | InspectionBatch, *, by: User) -> RectificationReport:
    """The report's draft written from the data (rewritten from fresh data while still a draft)."""
    if not (is_unit_side(by, source.unit) and can_act_in(by, source.unit)):
        raise PermissionDenied
    if isinstance(source, Recommendation):
        source.refresh_from_db(fields=["status"])  # the caller's copy may predate the plan's approval
    if isinstance(source, Recommendation) and source.status != Recommendation.Status.IMPLEMENTING:
        raise TransitionError("建议书进入整改阶段后才能起草整改情况报告。")
    report, _ = RectificationReport.objects.get_or_create(
        kind=kind, **_key(source), defaults={"unit": source.unit, "text": "", "drafted_by": by}
    )
    report = lock(report)
    if report.status != R.DRAFT:
        raise TransitionError("报告已报送。")
    report.text, report.drafted_by = _text(kind, source, by), by
    report.save(update_fields=["text", "drafted_by", "updated_at"])
    record(by, "rectification.report.drafted", report, unit=source.unit, kind=kind)
    return report


@transaction.atomic
def save_report(report: RectificationReport, *, by: User, text: str) -> RectificationReport:
    report = lock(report)
    if not (is_unit_side(by, report.unit) and can_act_in(by, report.unit)):
        raise PermissionDenied
    if report.status != R.DRAFT:
        raise TransitionError("报告已报送，不能修改。")
    if not text.strip():
        raise TransitionError("报告正文不能为空。")
    report.text = text.strip()
    report.save(update_fields=["text", "updated_at"])
    record(by, "rectification.report.saved", report, unit=report.unit)
    return report


def _may_submit(by: User, report: RectificationReport) -> bool:
    rec = report.recommendation
    if rec is not None:
        return perms.may_answer_for(by, rec)
    return perms.principals_of(report.unit).filter(pk=by.pk).exists()


@transaction.atomic
def submit_report(report: RectificationReport, *, by: User) -> RectificationReport:
    report = lock(report)
    if not _may_submit(by, report):
        raise PermissionDenied
    report.submitted_by, report.submitted_at = by, timezone.now()
    move(
        report,
        to=R.SUBMITTED,
        by=by,
        action="submit",
        audit_action="rectification.report.submitted",
        fields=("submitted_by", "submitted_at"),
        kind=report.kind,
    )
    batch = report.inspection
    if batch is not None and _both_reports_in(batch):
        batch.reported_on = timezone.localdate()
        batch.save(update_fields=["reported_on", "updated_at"])
    return report


def _both_reports_in(batch: InspectionBatch) -> bool:
    sent = set(batch.reports.filter(status=R.SUBMITTED).values_list("kind", flat=True))
    return {K.PROGRESS, K.PRINCIPAL} <= sent
