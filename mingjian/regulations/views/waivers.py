"""A problem from a loophole, seen from 建章立制: the rules that close it, and the unit's reasons
why none is needed (无需建章立制说明) — written by the unit, decided by the verifier."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification.models import Problem
from mingjian.regulations import forms, services
from mingjian.regulations import permissions as perms
from mingjian.regulations.gate import approved_waiver, closing_regulations, loophole_of
from mingjian.regulations.models import Regulation, Waiver
from mingjian.workflow.services import TransitionError, independent
from mingjian.workflow.views import run_transition

LIVE = tuple(s for s in Regulation.Status.values if s != Regulation.Status.REPEALED)


def problem_url(problem: Problem) -> str:
    return reverse("regulations:problem-rules", args=[problem.pk])


@login_required
def problem_rules(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    problem = get_visible_or_404(Problem, user, pk=pk)
    hole = loophole_of(problem)
    if hole is None:
        raise Http404
    can_explain = perms.can_explain(user, problem)
    form = forms.WaiverForm(request.POST or None)
    if request.method == "POST":
        if not can_explain:
            raise Http404
        if form.is_valid():
            try:
                services.explain_no_regulation(problem, by=user, reason=form.cleaned_data["reason"])
            except TransitionError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, "说明已登记，待验收人审核。")
                return redirect(problem_url(problem))
    waivers = list(Waiver.objects.filter(problem=problem).select_related("submitted_by", "decided_by"))
    context = {
        "problem": problem,
        "loophole": hole,
        "regulations": Regulation.objects.visible_to(user).filter(
            pk__in=closing_regulations(problem, LIVE).values("pk")
        ),
        "closed": closing_regulations(problem).exists() or approved_waiver(problem) is not None,
        "waivers": [(w, perms.can_decide(user, w) and independent(user, w)) for w in waivers],
        "can_explain": can_explain and not any(w.status != Waiver.Status.REJECTED for w in waivers),
        "can_draft": perms.keeps_rules(user, problem.unit.leadership_unit()),
        "form": form,
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "regulations/problem_rules.html", context)


@require_POST
@login_required
def waiver_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    waiver = get_visible_or_404(Waiver, user, pk=pk)
    if action not in ("approve", "reject") or not perms.can_decide(user, waiver):
        raise Http404
    back = problem_url(waiver.problem)
    if action == "approve":
        form = forms.CommentForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        call = lambda: services.approve_waiver(waiver, by=user, comment=comment)  # noqa: E731
        return run_transition(request, back, call, "已同意，该问题的建章立制销号条件已满足。")
    reasons = forms.ReasonForm(request.POST)
    if not reasons.is_valid():
        messages.error(request, "不同意时须写明理由。")
        return redirect(back)
    reason = reasons.cleaned_data["reason"]
    return run_transition(
        request, back, lambda: services.reject_waiver(waiver, by=user, reason=reason), "已退回说明。"
    )
