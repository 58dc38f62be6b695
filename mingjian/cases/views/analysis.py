"""案件剖析 pages: one editor per case, with reuse suggestions from similar earlier cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mingjian.cases import services
from mingjian.cases.forms import AnalysisForm, CommentForm, analysis_initial
from mingjian.cases.models import Case, CaseAnalysis
from mingjian.cases.permissions import can_edit_analysis, can_review
from mingjian.cases.reads import record_read
from mingjian.cases.similarity import suggestions_for
from mingjian.lib.http import AuthedRequest
from mingjian.org.picker import Scope
from mingjian.workflow.services import TransitionError, history, independent
from mingjian.workflow.views import run_transition


def _analysis_of(case: Case) -> CaseAnalysis | None:
    return CaseAnalysis.objects.filter(case=case).first()


@login_required
def analysis_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    # A field-wide case is readable by many; its analysis only within the unit's scope.
    case = get_object_or_404(Case.objects.in_unit_scope(user), pk=pk)
    analysis = _analysis_of(case)
    editable = can_edit_analysis(user, case.unit) and (analysis is None or analysis.status == "draft")
    form = AnalysisForm(
        request.POST or None,
        initial=analysis_initial(analysis),
        units=Scope(user, "cases.extend-units", {"case": case.pk}),
    )
    if request.method != "POST" and analysis is not None:
        record_read(user, analysis, via="page")
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                services.save_analysis(
                    case,
                    by=user,
                    summary=form.cleaned_data["summary"],
                    causes=form.cleaned_causes(),
                    risks=form.cleaned_risks(),
                    loopholes=form.cleaned_loopholes(),
                    extend_to=list(form.cleaned_data["extend_to_units"]),
                )
            except TransitionError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, "剖析已保存。")
                return redirect("cases:analysis-edit", pk=case.pk)
    return render(
        request,
        "cases/analysis_edit.html",
        {
            "case": case,
            "analysis": analysis,
            "form": form,
            "editable": editable,
            "can_review": can_review(user, case.unit),
            # Four eyes: whoever wrote or submitted it is not offered 审定 (the service refuses it).
            "can_approve": analysis is not None
            and can_review(user, case.unit)
            and independent(user, analysis),
            "comment_form": CommentForm(),
            "suggestions": suggestions_for(case, user) if editable else [],
            "history": history(analysis) if analysis else [],
        },
    )


ACTIONS: dict[str, tuple[Callable[..., Any], str]] = {
    "submit": (services.submit_analysis, "剖析已提交纪委审核。"),
    "approve": (services.approve_analysis, "剖析已审定。"),
    "return": (services.return_analysis, "剖析已退回修改。"),
    "reopen": (services.reopen_analysis, "剖析已重新打开，可以修改。"),
}


@require_POST
@login_required
def analysis_transition(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    case = get_object_or_404(Case.objects.in_unit_scope(user), pk=pk)
    analysis = _analysis_of(case)
    if analysis is None or action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    kwargs = {} if action == "submit" else {"comment": request.POST.get("comment", "")}
    return run_transition(
        request,
        reverse("cases:analysis-edit", args=[case.pk]),
        lambda: service(analysis, by=user, **kwargs),
        done,
    )
