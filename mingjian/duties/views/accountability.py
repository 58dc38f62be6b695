"""问责记录 pages: the list, drafting and editing a record, its page and its transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.duties import forms, services
from mingjian.duties import permissions as perms
from mingjian.duties.display import masked
from mingjian.duties.models import Accountability
from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.workflow.services import history
from mingjian.workflow.views import run_transition

from .talks import prefill

S = Accountability.Status


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def accountability_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    records = Accountability.objects.visible_to(user).select_related("issuer", "unit", "person")
    status = request.GET.get("status", "")
    if status in S.values:
        records = records.filter(status=status)
    page = Paginator(records.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": S.choices,
        "status": status,
        "can_create": perms.can_draft_accountability(user),
    }
    return render(request, "duties/accountability_list.html", context)


def _form(request: AuthedRequest, initial: dict[str, Any]) -> forms.AccountabilityForm:
    user = request.user
    return forms.AccountabilityForm(
        request.POST or None,
        user=user,
        units=Scope(user, "duties.accountable-units"),
        leaders=Scope(user, "duties.accountable-leaders"),
        initial=initial,
    )


def _save(
    request: AuthedRequest, form: forms.AccountabilityForm, rec: Accountability | None
) -> Accountability | None:
    if rec is None:
        return save_through(form, lambda: services.create_accountability(form.to_input(), by=request.user))
    return save_through(form, lambda: services.update_accountability(rec, form.to_input(), by=request.user))


@business_page
def accountability_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Accountability, user, pk=pk) if pk else None
    issuer = rec.issuer if rec else perms.issuer_of(user)
    if rec is None:
        _require(perms.can_draft_accountability(user))
        initial = {"target": Accountability.Target.LEADER, **prefill(request)}
        initial["deciding_body"] = issuer.issuing_names()[0] if issuer else ""
    else:
        _require(perms.can_edit_accountability(user, rec) and rec.status == S.DRAFT)
        initial = forms.accountability_initial(rec)
    form = _form(request, initial)
    if request.method == "POST" and form.is_valid() and (saved := _save(request, form, rec)):
        messages.success(request, "已保存。")
        return redirect(saved)
    return render(request, "duties/accountability_form.html", {"form": form, "rec": rec, "issuer": issuer})


@business_page
def accountability_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Accountability, user, pk=pk)
    context = {
        "rec": rec,
        "basis": masked(rec.basis, rec.case, user),
        "history": history(rec),
        "can_edit": perms.can_edit_accountability(user, rec),
        "can_decide": perms.can_decide_accountability(user, rec),
        "reason_form": forms.ReasonForm(),
        "decide_form": forms.DecideForm(
            initial={"decided_on": timezone.localdate(), "decision_number": rec.decision_number}
        ),
    }
    return render(request, "duties/accountability_detail.html", context)


@require_POST
@business_page
def accountability_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    rec = get_visible_or_404(Accountability, user, pk=pk)
    _require(action in ("submit", "decide", "return"))
    deciding = action != "submit"
    _require(
        perms.can_decide_accountability(user, rec) if deciding else perms.can_edit_accountability(user, rec)
    )
    if action == "submit":
        return run_transition(
            request, rec, lambda: services.submit_accountability(rec, by=user), "已提交决定。"
        )
    form: Any = forms.DecideForm(request.POST) if action == "decide" else forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(rec)
    d = form.cleaned_data
    if action == "decide":
        return run_transition(
            request,
            rec,
            lambda: services.decide_accountability(
                rec,
                by=user,
                decided_on=d["decided_on"],
                decision_number=d["decision_number"],
                comment=d["comment"],
            ),
            "已登记问责决定。",
        )
    return run_transition(
        request, rec, lambda: services.return_accountability(rec, by=user, reason=d["reason"]), "已退回。"
    )
