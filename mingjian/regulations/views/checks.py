"""The page that records a 制度执行检查 (by the supervising side) or a 回头看 of a rule."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mingjian.lib.http import AuthedRequest
from mingjian.org.permissions import get_visible_or_404
from mingjian.regulations import forms, services
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import Regulation, RegulationCheck
from mingjian.workflow.services import TransitionError, independent

C = RegulationCheck


def _allowed(user: Any, item: RegulationCheck) -> bool:
    reg = item.regulation
    if item.kind == C.Kind.EXECUTION:
        return perms.can_check(user, reg) and independent(user, reg)
    return perms.can_review(user, reg)


def _record(item: RegulationCheck, user: Any, form: Any) -> RegulationCheck:
    data = form.cleaned_data
    if item.kind == C.Kind.EXECUTION:
        return services.record_execution(
            item,
            by=user,
            result=data["result"],
            findings=data["findings"],
            follow_up=form.follow_up(),
            checked_on=data["checked_on"],
        )
    return services.record_review(
        item,
        by=user,
        scientific=data["scientific"],
        precision=data["precision"],
        timeliness=data["timeliness"],
        conclusion=data["conclusion"],
        checked_on=data["checked_on"],
    )


@login_required
def check_record(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    item = get_object_or_404(C.objects.visible_to(user).select_related("regulation__unit"), pk=pk)
    reg = get_visible_or_404(Regulation, user, pk=item.regulation_id)
    if item.status != C.Status.SCHEDULED or not _allowed(user, item):
        raise Http404
    execution = item.kind == C.Kind.EXECUTION
    data = request.POST or None
    form = forms.ExecutionForm(data, unit=reg.unit, user=user) if execution else forms.ReviewForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            done = _record(item, user, form)
        except TransitionError as e:
            form.add_error(None, str(e))
        except PermissionDenied:
            raise Http404 from None
        else:
            raised = f"，已作为问题交办：{done.problem}" if done.problem_id else ""
            messages.success(request, f"已记录{item.get_kind_display()}{raised}。")
            return redirect(reg)
    return render(request, "regulations/check_form.html", {"item": item, "reg": reg, "form": form})
