"""Report pages: draft from the data, edit, submit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.cases.models import Recommendation
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.permissions import can_act_in, get_visible_or_404, is_unit_side
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.models import InspectionBatch, RectificationReport
from mingjian.workflow.services import TransitionError, history
from mingjian.workflow.views import run_transition


@require_POST
@login_required
def report_draft(request: AuthedRequest) -> HttpResponse:
    """Write (or rewrite, while a draft) a report from the data; then it opens for editing."""
    kind = request.POST.get("kind", "")
    if kind not in RectificationReport.Kind.values:
        raise Http404
    rec_id, batch_id = parse_id(request.POST.get("recommendation")), parse_id(request.POST.get("inspection"))
    source: Recommendation | InspectionBatch = (
        get_visible_or_404(Recommendation, request.user, pk=rec_id)
        if rec_id
        else get_visible_or_404(InspectionBatch, request.user, pk=batch_id)
    )
    try:
        report = services.draft_report(kind, source, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
        return redirect(source)
    messages.success(request, "已根据整改任务数据生成报告草稿，请核改后报送。")
    return redirect("rectification:report-detail", pk=report.pk)


@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(RectificationReport, request.user, pk=pk)
    user = request.user
    editable = (
        report.status == report.Status.DRAFT
        and is_unit_side(user, report.unit)
        and can_act_in(user, report.unit)
    )
    if request.method == "POST":
        if not editable:
            raise Http404
        try:
            services.save_report(report, by=user, text=request.POST.get("text", ""))
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "报告已保存。")
            return redirect("rectification:report-detail", pk=report.pk)
    rec = report.recommendation
    may_submit = (
        perms.may_answer_for(user, rec)
        if rec
        else perms.principals_of(report.unit).filter(pk=user.pk).exists()
    )
    return render(
        request,
        "rectification/report_detail.html",
        {
            "report": report,
            "editable": editable,
            "history": history(report),
            "can_submit": report.status == report.Status.DRAFT and may_submit,
            "source": rec or report.inspection,
        },
    )


@require_POST
@login_required
def report_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(RectificationReport, request.user, pk=pk)
    return run_transition(
        request,
        f"/rectification/reports/{report.pk}/",
        lambda: services.submit_report(report, by=request.user),
        "报告已报送。",
    )
