"""问题清单 pages, turning a 建议书 into tasks, and 巡察整改 batches."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.cases.models import Recommendation
from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.forms import InspectionForm, TaskPlanForm
from mingjian.rectification.models import InspectionBatch, Problem, ProblemType, with_lights
from mingjian.workflow.services import TransitionError


@business_page
def problem_list(request: AuthedRequest) -> HttpResponse:
    problems = Problem.objects.visible_to(request.user).select_related("unit", "issuer", "problem_type")
    if request.GET.get("source"):
        problems = problems.filter(source=request.GET["source"])
    page = Paginator(problems.prefetch_related("tasks"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rectification/problem_list.html",
        {"page": page, "sources": Problem.Source.choices, "source": request.GET.get("source", "")},
    )


@login_required
def problem_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    problem = get_visible_or_404(Problem, request.user, pk=pk)
    today = timezone.localdate()
    tasks = with_lights(list(problem.tasks.select_related("unit", "problem")), today)
    return render(request, "rectification/problem_detail.html", {"problem": problem, "tasks": tasks})


def _plan_forms(request: HttpRequest, plans: list[Any], leaders: Any) -> list[TaskPlanForm]:
    forms = []
    for i, plan in enumerate(plans):
        initial = {"title": plan.title, "problem_type": plan.problem_type.pk, "measure": plan.measure}
        forms.append(TaskPlanForm(request.POST or None, prefix=f"p{i}", initial=initial, leaders=leaders))
    return forms


@login_required
def from_recommendation(request: AuthedRequest, pk: int) -> HttpResponse:
    """Each 建议 item becomes a problem and a draft task; the clerk adds deadline and 责任."""
    user = request.user
    rec = get_visible_or_404(Recommendation, user, pk=pk)
    if not perms.is_issuer_side(user, rec.unit, rec.issuer):
        raise Http404
    plans = services.plans_from_recommendation(rec, list(ProblemType.objects.all()))
    forms = _plan_forms(request, plans, perms.leaders_of(rec.unit))
    if request.method == "POST" and forms and all(f.is_valid() for f in forms):
        for plan, form in zip(plans, forms, strict=True):
            for key, value in form.cleaned_data.items():
                setattr(plan, key, value)
        issue_now = bool(request.POST.get("issue_now"))
        try:
            tasks = services.tasks_from_recommendation(rec, plans, by=user, issue_now=issue_now)
        except TransitionError as e:
            messages.error(request, str(e))
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, f"已生成 {len(tasks)} 项整改任务{'并下发' if issue_now else ''}。")
            return redirect(f"/rectification/tasks/?unit={rec.unit_id}")
    return render(request, "rectification/from_recommendation.html", {"rec": rec, "forms": forms})


@business_page
def inspection_list(request: AuthedRequest) -> HttpResponse:
    batches = InspectionBatch.objects.visible_to(request.user).select_related("unit", "issuer")
    can_create = permissions.is_supervisor(request.user)
    return render(
        request,
        "rectification/inspection_list.html",
        {"batches": batches, "today": timezone.localdate(), "can_create": can_create},
    )


@login_required
def inspection_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    issuer = user.unit
    if not permissions.is_supervisor(user) or issuer is None:
        raise Http404
    form = InspectionForm(request.POST or None)
    form.fields["unit"].queryset = Unit.objects.in_scope(user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_inspection(by=user, issuer=issuer, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, f"已登记，整改情况报告须于 {batch.report_due:%Y-%m-%d} 前报送。")
        return redirect(batch)
    return render(request, "rectification/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    batch = get_visible_or_404(InspectionBatch, user, pk=pk)
    issuer_side = perms.is_issuer_side(user, batch.unit, batch.issuer)
    form = TaskPlanForm(request.POST or None, leaders=perms.leaders_of(batch.unit))
    if request.method == "POST":
        if not issuer_side:
            raise Http404
        if form.is_valid():
            plan = services.TaskPlan(unit=batch.unit, links={"inspection": batch}, **form.cleaned_data)
            services.create_tasks([plan], issuer=batch.issuer, source="inspection", by=user)
            messages.success(request, "已添加反馈问题及整改任务（草稿），核对后下发。")
            return redirect(batch)
    return render(
        request,
        "rectification/inspection_detail.html",
        {
            "batch": batch,
            "problems": batch.problems.prefetch_related("tasks"),
            "form": form,
            "issuer_side": issuer_side,
            "unit_side": permissions.is_unit_side(user, batch.unit),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def inspection_report(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    batch = get_visible_or_404(InspectionBatch, user, pk=pk)
    try:
        services.report_inspection(batch, by=user, reported_on=timezone.localdate())
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, "已报送整改情况报告。")
    return redirect(batch)
