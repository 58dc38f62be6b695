"""整改方案 pages: the plan with its measures (and the tasks they became), the unit's editor after
a return, and the approve / return / submit actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import services
from mingjian.rectification.forms import ApplyAllForm, PlanChoices, ReasonForm
from mingjian.rectification.models import RectificationPlan
from mingjian.rectification.services.plans import can_approve, can_draft, can_submit, submittable
from mingjian.rectification.views import plan_editor
from mingjian.workflow.services import TransitionError, history, independent
from mingjian.workflow.views import run_transition


def _items(plan: RectificationPlan) -> list[Any]:
    if plan.recommendation_id is not None:
        return [i for i in plan.recommendation.items.all() if i.in_force]  # type: ignore[union-attr]
    return list(plan.inspection.items.all())  # type: ignore[union-attr]


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(RectificationPlan, request.user, pk=pk)
    user = request.user
    entries = plan.entries.select_related("recommendation_item", "inspection_item", "problem_type")
    return render(
        request,
        "rectification/plan_detail.html",
        {
            "plan": plan,
            "entries": entries.prefetch_related(
                "measures__leader", "measures__person", "measures__task", "measures__lead_unit"
            ),
            "history": history(plan),
            "can_edit": plan.is_editable and can_draft(user, plan),
            "can_submit": submittable(plan) and can_submit(user, plan),
            "can_approve": plan.status == plan.Status.SUBMITTED
            and can_approve(user, plan)
            and independent(user, plan),
            "reason_form": ReasonForm(),
        },
    )


@login_required
def plan_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(RectificationPlan, request.user, pk=pk)
    if not can_draft(request.user, plan):
        raise Http404
    if plan.recommendation_id is not None and plan.status == plan.Status.DRAFT:
        return redirect("rectification:answer", pk=plan.recommendation_id)  # drafted with the reply
    items, choices = _items(plan), PlanChoices.for_unit(plan.unit, request.user)
    data: QueryDict | None = request.POST if request.method == "POST" else None
    if data is not None and "apply_all" in data:
        data = plan_editor.apply_to_all(data, items, choices)
    rows = plan_editor.build(plan, items, data, choices)
    if data is not None and data.get("action") == "save" and plan_editor.valid(rows):
        try:
            services.save_plan(plan, by=request.user, entries=plan_editor.entry_inputs(rows, plan.unit))
        except TransitionError as e:
            messages.error(request, str(e))
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, "整改方案已保存。")
            return redirect(plan)
    return render(
        request,
        "rectification/plan_edit.html",
        {"plan": plan, "rows": rows, "apply_form": ApplyAllForm(prefix="all", choices=choices)},
    )


@require_POST
@login_required
def plan_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    plan = get_visible_or_404(RectificationPlan, request.user, pk=pk)
    user, post = request.user, request.POST
    calls: dict[str, tuple[Callable[[], object], str]] = {
        "approve": (
            lambda: services.approve_plan(plan, by=user, comment=post.get("comment", "")),
            "整改方案已批准，整改任务已生成并下发。",
        ),
        "return": (
            lambda: services.return_plan(plan, by=user, reason=post.get("reason", "")),
            "整改方案已退回修改。",
        ),
        "submit": (lambda: services.submit_plan(plan, by=user), "整改方案已报送审批。"),
    }
    if action not in calls:
        raise Http404
    call, done = calls[action]
    return run_transition(request, plan, call, done)
