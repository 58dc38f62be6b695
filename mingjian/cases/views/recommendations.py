"""纪检监察建议书 pages: draft (from a case or a 监督发现), edit, the approval chain, 送达, Word and
PDF. What the unit does with it afterwards (reply, plan, closure) is shown by panels the
rectification app registers, and handled on its pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.cases import services
from mingjian.cases.documents import build_recommendation_docx, build_recommendation_pdf
from mingjian.cases.forms import (
    CommentForm,
    IssueForm,
    ItemForm,
    RecommendationForm,
    RecommendationPolicyForm,
    item_forms,
)
from mingjian.cases.models import ApprovalStep, Case, Recommendation, RecommendationPolicy, ReplyAttachment
from mingjian.cases.panels import panels_for
from mingjian.cases.permissions import can_issue_as, can_review, can_sign_step, issuers_for
from mingjian.cases.reads import record_read
from mingjian.documents.pdf import PdfError, pdf_available
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.permissions import get_visible_or_404, is_supervisor
from mingjian.workflow.services import TransitionError, history, independent
from mingjian.workflow.views import run_transition


def _statuses(user: Any) -> list[tuple[str, str]]:
    if is_supervisor(user):
        return list(Recommendation.Status.choices)
    return [(v, label) for v, label in Recommendation.Status.choices if v not in Recommendation.ISSUER_STAGES]


@business_page
def recommendation_list(request: AuthedRequest) -> HttpResponse:
    recs = Recommendation.objects.visible_to(request.user).select_related("unit", "issuer", "case", "finding")
    recs = recs.prefetch_related("case__persons")
    status = request.GET.get("status", "")
    if status == "overdue":
        recs = recs.overdue(timezone.localdate())
    elif status in Recommendation.Status.values:
        recs = recs.filter(status=status)
    page = Paginator(recs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/recommendation_list.html",
        {
            "page": page,
            "status": status,
            "statuses": _statuses(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def recommendation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    case = get_object_or_404(Case.objects.in_unit_scope(user), pk=pk)
    issuers = issuers_for(user)
    if not (can_review(user, case.unit) and issuers):
        raise Http404
    if request.method == "POST":
        issuer = get_object_or_404(Unit, pk=request.POST.get("issuer"))
        try:
            rec = services.draft_recommendation(case, by=user, issuer=issuer)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "已根据案件剖析起草建议书，请修改后提交审批。")
        return redirect("cases:recommendation-edit", pk=rec.pk)
    return render(request, "cases/recommendation_create.html", {"case": case, "issuers": issuers})


def _pending(rec: Recommendation) -> ApprovalStep | None:
    if rec.status != rec.Status.APPROVING:
        return None
    return rec.approvals.filter(decision=ApprovalStep.Decision.PENDING).order_by("round", "seq").first()


@login_required
def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    issuing = can_review(user, rec.unit) and can_issue_as(user, rec.issuer)
    pending = _pending(rec)
    last_round = rec.approvals.order_by("-round").values_list("round", flat=True).first()
    record_read(user, rec, via="page")
    return render(
        request,
        "cases/recommendation_detail.html",
        {
            "rec": rec,
            "items": rec.items.select_related("risk", "loophole"),
            "history": history(rec),
            "approvals": rec.approvals.filter(round=last_round or 0).select_related("signer"),
            "pending": pending,
            "can_sign": pending is not None
            and can_sign_step(user, rec, pending.kind)
            and independent(user, rec),
            "reply": getattr(rec, "reply", None),
            "today": timezone.localdate(),
            "can_edit": issuing and rec.status == rec.Status.DRAFT,
            "can_issue": issuing and rec.status == rec.Status.APPROVED,
            "issue_form": IssueForm(initial={"served_on": timezone.localdate()}, unit=rec.unit),
            "comment_form": CommentForm(),
            "can_pdf": pdf_available(),
            "panels": panels_for(rec, user, page="recommendation"),
            "policy": RecommendationPolicy.for_issuer(rec.issuer),
        },
    )


def _item_rows(forms: list[ItemForm]) -> list[services.ItemRow]:
    return [
        services.ItemRow(
            text=f.cleaned_data["text"].strip(),
            kind=f.cleaned_data["kind"],
            problem_statement=f.cleaned_data["problem_statement"].strip(),
            item_id=f.cleaned_data["item_id"],
        )
        for f in forms
        if f.cleaned_data.get("text", "").strip()
    ]


@login_required
def recommendation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    if not (can_review(user, rec.unit) and can_issue_as(user, rec.issuer)) or rec.status != rec.Status.DRAFT:
        raise Http404
    form = RecommendationForm(request.POST or None, instance=rec)
    items = item_forms(request.POST or None, rec)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in items):
        try:
            services.save_recommendation(form.save(commit=False), by=user, items=_item_rows(items))
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "建议书已保存。")
            return redirect(rec)
    return render(request, "cases/recommendation_edit.html", {"rec": rec, "form": form, "items": items})


@require_POST
@login_required
def recommendation_issue(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    form = IssueForm(request.POST, unit=rec.unit)
    if not form.is_valid():
        messages.error(request, "送达信息不完整：请填写送达日期，选择或填写签收人。")
        return redirect(rec)
    return run_transition(
        request,
        rec,
        lambda: services.issue_recommendation(rec, by=user, **form.cleaned_data),
        "建议书已编号送达，回复期限已开始计算。",
    )


@require_POST
@login_required
def recommendation_advance(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    comment = request.POST.get("comment", "")
    calls = {
        "submit": (lambda: services.submit_for_approval(rec, by=user), "已提交审批。"),
        "approve": (lambda: services.approve_step(rec, by=user, comment=comment), "已签批同意。"),
        "reject": (lambda: services.reject_step(rec, by=user, comment=comment), "已退回起草人修改。"),
    }
    if action not in calls:
        raise Http404
    call, done = calls[action]
    return run_transition(request, rec, call, done)


def _attachment(rec: Recommendation, data: bytes, suffix: str, content_type: str) -> HttpResponse:
    name = f"{rec.number or '草稿'}-{rec.title}.{suffix}".replace("/", "_")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def recommendation_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_visible_or_404(Recommendation, request.user, pk=pk)
    record(request.user, "cases.recommendation.exported", rec)
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _attachment(rec, build_recommendation_docx(rec), "docx", docx)


@login_required
def recommendation_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_visible_or_404(Recommendation, request.user, pk=pk)
    if not pdf_available():  # the link is hidden then; a typed URL is told why, not an error
        messages.info(request, "服务器未安装 LibreOffice，暂不能生成 PDF，请下载 Word 版。")
        return redirect(rec)
    try:
        data = build_recommendation_pdf(rec)
    except PdfError as e:
        messages.error(request, str(e))
        return redirect(rec)
    record(request.user, "cases.recommendation.exported", rec, format="pdf")
    return _attachment(rec, data, "pdf", "application/pdf")


@login_required
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(ReplyAttachment.objects.select_related("reply__recommendation"), pk=pk)
    rec = get_visible_or_404(Recommendation, request.user, pk=attachment.reply.recommendation_id)
    record(request.user, "cases.attachment.downloaded", attachment, unit=rec.unit, sha256=attachment.sha256)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def recommendation_policy(request: AuthedRequest) -> HttpResponse:
    """建议书审批设置 of the body the clerk works for: approval chain, reply and objection rules."""
    bodies = issuers_for(request.user)
    if not bodies:
        raise Http404
    issuer = bodies[-1]
    form = RecommendationPolicyForm(request.POST or None, instance=RecommendationPolicy.for_issuer(issuer))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_recommendation_policy(issuer, by=request.user, **data)
        messages.success(request, "建议书审批设置已保存。")
        return redirect("cases:recommendation-policy")
    return render(request, "cases/recommendation_policy.html", {"form": form, "issuer": issuer})
