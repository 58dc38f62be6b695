"""纪检监察建议书 pages: draft from a case, edit, issue (送达), reply, implement, complete, Word."""

from __future__ import annotations

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
from mingjian.cases.documents import build_recommendation_docx
from mingjian.cases.forms import CommentForm, IssueForm, RecommendationForm, ReplyForm
from mingjian.cases.models import Case, Recommendation, ReplyAttachment
from mingjian.cases.permissions import can_issue_as, can_review, issuers_for
from mingjian.cases.reads import record_read
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.permissions import get_visible_or_404, is_unit_side
from mingjian.workflow.services import TransitionError, history
from mingjian.workflow.views import run_transition


@business_page
def recommendation_list(request: AuthedRequest) -> HttpResponse:
    recs = Recommendation.objects.visible_to(request.user).select_related("unit", "issuer")
    status = request.GET.get("status", "")
    if status == "overdue":
        recs = recs.overdue(timezone.localdate())
    elif status:
        recs = recs.filter(status=status)
    page = Paginator(recs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/recommendation_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Recommendation.Status.choices,
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
        messages.success(request, "已根据案件剖析起草建议书，请修改后送达。")
        return redirect("cases:recommendation-edit", pk=rec.pk)
    return render(request, "cases/recommendation_create.html", {"case": case, "issuers": issuers})


@login_required
def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    reviewer = can_review(user, rec.unit)
    record_read(user, rec, via="page")
    return render(
        request,
        "cases/recommendation_detail.html",
        {
            "rec": rec,
            "items": rec.items.all(),
            "history": history(rec),
            "reply": getattr(rec, "reply", None),
            "today": timezone.localdate(),
            "can_edit": reviewer and can_issue_as(user, rec.issuer) and rec.status == rec.Status.DRAFT,
            "can_review": reviewer,
            "can_reply": is_unit_side(user, rec.unit) and rec.status == rec.Status.ISSUED,
            "issue_form": IssueForm(initial={"served_on": timezone.localdate()}),
            "comment_form": CommentForm(),
        },
    )


@login_required
def recommendation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    if not (can_review(user, rec.unit) and can_issue_as(user, rec.issuer)) or rec.status != rec.Status.DRAFT:
        raise Http404
    items = "\n".join(i.text for i in rec.items.all())
    form = RecommendationForm(request.POST or None, instance=rec, initial={"items_text": items})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_recommendation(
                form.save(commit=False), by=user, items=form.cleaned_data["items_text"]
            )
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "建议书已保存。")
            return redirect(rec)
    return render(request, "cases/recommendation_edit.html", {"rec": rec, "form": form})


@require_POST
@login_required
def recommendation_issue(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "送达信息不完整：请填写送达日期和签收人。")
        return redirect(rec)
    return run_transition(
        request,
        rec,
        lambda: services.issue_recommendation(rec, by=user, **form.cleaned_data),
        "建议书已编号送达，回复期限已开始计算。",
    )


@login_required
def recommendation_reply(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    if not is_unit_side(user, rec.unit) or rec.status != rec.Status.ISSUED:
        raise Http404
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return run_transition(
            request,
            rec,
            lambda: services.reply_recommendation(
                rec,
                by=user,
                text=data["text"],
                adopted=data["adopted"],
                objection=data["objection"],
                files=data["attachments"],
            ),
            "已回复建议书。",
        )
    return render(
        request, "cases/recommendation_reply.html", {"rec": rec, "form": form, "items": rec.items.all()}
    )


@require_POST
@login_required
def recommendation_advance(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    comment = request.POST.get("comment", "")
    if action == "implement":
        return run_transition(
            request,
            rec,
            lambda: services.start_implementation(rec, by=user, comment=comment),
            "已确认回复，建议进入落实阶段。",
        )
    if action == "complete":
        return run_transition(
            request,
            rec,
            lambda: services.complete_recommendation(rec, by=user, comment=comment),
            "建议书已办结。",
        )
    raise Http404


@login_required
def recommendation_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    rec = get_visible_or_404(Recommendation, request.user, pk=pk)
    record(request.user, "cases.recommendation.exported", rec)
    name = f"{rec.number or '草稿'}-{rec.title}.docx".replace("/", "_")
    response = HttpResponse(
        build_recommendation_docx(rec),
        content_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def attachment_download(request: AuthedRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(ReplyAttachment.objects.select_related("reply__recommendation"), pk=pk)
    rec = get_visible_or_404(Recommendation, request.user, pk=attachment.reply.recommendation_id)
    record(request.user, "cases.attachment.downloaded", attachment, unit=rec.unit, sha256=attachment.sha256)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
