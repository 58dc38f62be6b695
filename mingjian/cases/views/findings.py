"""监督发现 pages: record what daily supervision or a checked 问题线索 found, and draft a 建议书
from it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.cases import services
from mingjian.cases.forms import FindingForm
from mingjian.cases.models import SupervisionFinding
from mingjian.cases.permissions import can_record_case, issuers_for
from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.workflow.services import TransitionError


@login_required
def finding_list(request: AuthedRequest) -> HttpResponse:
    if not permissions.is_supervisor(request.user):
        raise Http404  # 监督发现 are the supervising side's own working notes
    findings = SupervisionFinding.objects.visible_to(request.user).select_related("unit", "recorded_by")
    page = Paginator(findings, 30).get_page(request.GET.get("page"))
    return render(request, "cases/finding_list.html", {"page": page})


@login_required
def finding_create(request: AuthedRequest) -> HttpResponse:
    if not permissions.is_supervisor(request.user):
        raise Http404
    form = FindingForm(request.POST or None, units=Scope(request.user, "cases.recordable-units"))
    if request.method == "POST" and form.is_valid():
        try:
            finding = services.record_finding(by=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "监督发现已登记。")
            return redirect(finding)
    return render(request, "cases/finding_form.html", {"form": form})


@login_required
def finding_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    finding = get_visible_or_404(SupervisionFinding, request.user, pk=pk)
    can_draft = can_record_case(request.user, finding.unit) and bool(issuers_for(request.user))
    return render(
        request,
        "cases/finding_detail.html",
        {
            "finding": finding,
            "recs": finding.recommendations.all(),
            "can_draft": can_draft,
            "issuers": issuers_for(request.user),
        },
    )


@require_POST
@login_required
def finding_recommend(request: AuthedRequest, pk: int) -> HttpResponse:
    finding = get_visible_or_404(SupervisionFinding, request.user, pk=pk)
    issuer = next((u for u in issuers_for(request.user) if str(u.pk) == request.POST.get("issuer")), None)
    if issuer is None:
        messages.error(request, "请选择发文机关。")
        return redirect(finding)
    try:
        rec = services.draft_from_finding(finding, by=request.user, issuer=issuer)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, "已根据监督发现起草建议书，请修改后提交审批。")
    return redirect("cases:recommendation-edit", pk=rec.pk)
