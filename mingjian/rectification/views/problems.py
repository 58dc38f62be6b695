"""问题清单 pages and 巡察整改 batches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mingjian.lib.http import AuthedRequest
from mingjian.lib.paging import KeysetPaginator, is_deep
from mingjian.org import permissions
from mingjian.org.decorators import business_page
from mingjian.org.models import Role, Unit
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.forms import InspectionForm, InspectionItemsForm
from mingjian.rectification.models import InspectionBatch, Problem, RectificationReport, with_lights
from mingjian.workflow.services import TransitionError

OFFICE = frozenset({Role.INSPECTION_OFFICE})
REPORT = RectificationReport.Kind


@business_page
def problem_list(request: AuthedRequest) -> HttpResponse:
    source = request.GET.get("source", "")
    problems, total = Problem.objects.for_list(request.user, source, deep=is_deep(request.GET))
    problems = problems.select_related("unit", "issuer", "problem_type", "recommendation_item")
    paginator = KeysetPaginator(problems.prefetch_related("tasks"), 50, total, key="-created_at")
    page = paginator.get_page(request.GET)
    return render(
        request,
        "rectification/problem_list.html",
        {"page": page, "sources": Problem.Source.choices, "source": request.GET.get("source", "")},
    )


@login_required
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_visible_or_404(Problem, request.user, pk=pk)
    today = timezone.localdate()
    tasks = with_lights(list(problem.tasks.select_related("unit", "problem")), today)
    return render(request, "rectification/problem_detail.html", {"problem": problem, "tasks": tasks})


def _offices(user: object) -> list[Unit]:
    """The 巡察机构 the user issues feedback for."""
    return list(Unit.objects.in_scope(user, OFFICE).filter(kind=Unit.Kind.INSPECTION))  # type: ignore[arg-type]


@business_page
def inspection_list(request: AuthedRequest) -> HttpResponse:
    batches = InspectionBatch.objects.visible_to(request.user).select_related("unit", "issuer")
    return render(
        request,
        "rectification/inspection_list.html",
        {"batches": batches, "today": timezone.localdate(), "can_create": bool(_offices(request.user))},
    )


@login_required
def inspection_create(request: AuthedRequest) -> HttpResponse:
    """The 巡察机构 registers its feedback: the batch and its 反馈问题, one per line."""
    offices = _offices(request.user)
    if not offices:
        raise Http404
    form = InspectionForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = services.create_inspection(by=request.user, **data)
        except PermissionDenied:
            raise Http404 from None
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request, f"已登记巡察反馈，被巡察单位须于 {batch.report_due:%Y-%m-%d} 前报送整改情况报告。"
            )
            return redirect(batch)
    return render(request, "rectification/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    batch = get_visible_or_404(InspectionBatch, user, pk=pk)
    office = perms.is_inspection_office(user, batch)
    form = InspectionItemsForm(request.POST or None)
    if request.method == "POST":
        if not office:
            raise Http404
        if form.is_valid():
            try:
                services.add_inspection_items(batch, by=user, texts=form.cleaned_data["items"])
            except TransitionError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, "已添加反馈问题，待被巡察单位制定整改方案。")
                return redirect(batch)
    unit_side = permissions.is_unit_side(user, batch.unit) and permissions.can_act_in(user, batch.unit)
    return render(
        request,
        "rectification/inspection_detail.html",
        {
            "batch": batch,
            "items": batch.items.all(),
            "plan": getattr(batch, "plan", None),
            "reports": {r.kind: r for r in batch.reports.all()},
            "report_kinds": [RectificationReport.Kind.PROGRESS, RectificationReport.Kind.PRINCIPAL],
            "form": form,
            "office": office,
            "unit_side": unit_side,
            "today": timezone.localdate(),
        },
    )


def _report_rows(batch: InspectionBatch) -> list[tuple[str, str, RectificationReport | None]]:
    """(kind, label, report) for the two reports due, then the 公开 draft if one was written."""
    reports = {r.kind: r for r in batch.reports.all()}
    kinds = [REPORT.PROGRESS, REPORT.PRINCIPAL] + (
        [REPORT.DISCLOSURE] if REPORT.DISCLOSURE in reports else []
    )
    return [(k.value, k.label, reports.get(k)) for k in kinds]


@login_required
def inspection_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    """The unit opens (and so creates) its 整改方案 for the feedback, then edits it."""
    batch = get_visible_or_404(InspectionBatch, request.user, pk=pk)
    if not (
        permissions.is_unit_side(request.user, batch.unit)
        and permissions.can_act_in(request.user, batch.unit)
    ):
        raise Http404
    if request.method != "POST":
        return redirect(batch)
    plan = services.plan_for(unit=batch.unit, issuer=batch.issuer, by=request.user, inspection=batch)
    return redirect("rectification:plan-edit", pk=plan.pk)
