"""廉政风险防控台账 pages: the register (per unit, or every unit in scope), a row's page with its
history, pushes and 防控失效 flags, the form, the transitions, and the Excel export and import."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.cases.models import Case
from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.permissions import get_visible_or_404, has_business_scope
from mingjian.org.picker import UnitFilterForm
from mingjian.risks import forms, ledger, queries, services
from mingjian.risks import permissions as perms
from mingjian.risks.models import ControlFailure, RiskPoint
from mingjian.workflow.services import history
from mingjian.workflow.views import run_transition

SPOOL_BYTES = 4 * 1024 * 1024


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def risk_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    visible = RiskPoint.objects.visible_to(user).select_related("unit", "dept_head", "leader")
    rows = queries.with_flags(queries.filtered(visible, request.GET, user))
    page = Paginator(rows.order_by("unit__path", "post", "id"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unit_filter": UnitFilterForm(request.GET, user=user, label="单位/科室"),
        "params": request.GET,
        "levels": RiskPoint.Level.choices,
        "categories": RiskPoint.Category.choices,
        "statuses": RiskPoint.Status.choices,
        "can_keep": perms.can_keep_any(user),
        "can_launch": perms.can_launch_screenings(user),
    }
    return render(request, "risks/risk_list.html", context)


def _unit_from(request: AuthedRequest, units: Any, row: RiskPoint | None) -> Unit | None:
    """The unit whose 班子 and 干部名册 the people fields offer: the one posted, else the row's."""
    chosen = units.filter(pk=parse_id(request.POST.get("unit") or request.GET.get("unit")) or 0).first()
    return (
        chosen
        or (row.unit if row else None)
        or units.filter(pk=getattr(request.user.unit, "pk", None)).first()
    )


def _save(request: AuthedRequest, form: forms.RiskForm, row: RiskPoint | None) -> RiskPoint | None:
    refused = "无权为所选单位登记风险点。"
    if row is None:
        return save_through(form, lambda: services.create_risk(form.to_input(), by=request.user), refused)
    return save_through(form, lambda: services.update_risk(row, form.to_input(), by=request.user), refused)


@login_required
def risk_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    row = get_visible_or_404(RiskPoint, user, pk=pk) if pk else None
    if row is None:
        _require(perms.can_keep_any(user))
    else:
        _require(
            perms.keeps_register(user, row.unit)
            and row.status in (RiskPoint.Status.ACTIVE, RiskPoint.Status.PENDING)
        )
    units = perms.register_units(user)
    unit = _unit_from(request, units, row)
    complete = row is None or row.status == RiskPoint.Status.ACTIVE
    initial = forms.initial_for(row) if row else {"unit": unit}
    form = forms.RiskForm(
        request.POST or None, units=units, unit=unit, user=user, complete=complete, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, row)
        if saved is not None:
            messages.success(request, "风险点已保存。")
            return redirect(saved)
    return render(request, "risks/risk_form.html", {"form": form, "row": row})


def _cases_of(row: RiskPoint, user: Any) -> Any:
    home = row.unit.leadership_unit()
    return Case.objects.visible_to(user).filter(unit__path__startswith=home.path).prefetch_related("persons")


@login_required
def risk_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    row = get_visible_or_404(RiskPoint, user, pk=pk)
    keeps = perms.keeps_register(user, row.unit)
    can_push = perms.can_push(user, row) and row.status == RiskPoint.Status.ACTIVE
    copies = RiskPoint.objects.visible_to(user).filter(pushed_from=row).select_related("unit")
    context = {
        "row": row,
        "failures": row.failures.select_related("case__unit", "flagged_by", "resolved_by").prefetch_related(
            "case__persons"
        ),
        "visible_cases": set(Case.objects.visible_to(user).values_list("pk", flat=True)),
        "copies": copies,
        "history": history(row),
        "keeps": keeps,
        "can_push": can_push,
        "can_flag": perms.can_flag(user, row)
        and row.status == RiskPoint.Status.ACTIVE
        and bool(row.controls),
        "confirm_form": forms.ConfirmForm(unit=row.unit, user=user, initial={"controls": row.controls}),
        "reason_form": forms.ReasonForm(),
        "controls_form": forms.ControlsForm(initial={"controls": row.controls}),
        "push_form": forms.PushForm(units=perms.push_targets(user, row)) if can_push else None,
        "flag_form": forms.FlagForm(cases=_cases_of(row, user), user=user),
    }
    return render(request, "risks/risk_detail.html", context)


def _errors(form: Any) -> str:
    return "；".join(str(m) for errs in form.errors.values() for m in errs)


@require_POST
@login_required
def risk_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    row = get_visible_or_404(RiskPoint, user, pk=pk)
    if action == "push":
        return _push(request, row)
    if action == "flag":
        return _flag(request, row)
    if action not in ("confirm", "decline", "retire"):
        raise Http404
    _require(perms.keeps_register(user, row.unit))
    form = (
        forms.ConfirmForm(request.POST, unit=row.unit, user=user)
        if action == "confirm"
        else forms.ReasonForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(row)
    data = form.cleaned_data
    calls = {
        "confirm": (lambda: services.confirm_risk(row, by=user, **data), "已确认，纳入本单位风险库。"),
        "decline": (lambda: services.decline_risk(row, by=user, reason=data["reason"]), "已说明不适用。"),
        "retire": (lambda: services.retire_risk(row, by=user, reason=data["reason"]), "风险点已撤销。"),
    }
    call, done = calls[action]
    return run_transition(request, row, call, done)


def _push(request: AuthedRequest, row: RiskPoint) -> HttpResponse:
    user = request.user
    _require(perms.can_push(user, row))
    form = forms.PushForm(request.POST, units=perms.push_targets(user, row))
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(row)
    units = list(form.cleaned_data["units"])
    return run_transition(
        request,
        row,
        lambda: services.push_risk(row, by=user, units=units),
        f"已推送至 {len(units)} 个单位，待其确认。",
    )


def _flag(request: AuthedRequest, row: RiskPoint) -> HttpResponse:
    user = request.user
    _require(perms.can_flag(user, row))
    form = forms.FlagForm(request.POST, cases=_cases_of(row, user), user=user)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(row)
    case = form.cleaned_data["case"]
    return run_transition(
        request,
        row,
        lambda: services.flag_failure(row, by=user, case=case),
        "已标记防控失效，请完善防控措施。",
    )


@require_POST
@login_required
def failure_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    failure = get_visible_or_404(ControlFailure, user, pk=pk)
    row = failure.risk
    _require(perms.keeps_register(user, row.unit))
    form = forms.ControlsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(row)
    controls = form.cleaned_data["controls"]
    return run_transition(
        request,
        row,
        lambda: services.resolve_failure(failure, by=user, controls=controls),
        "防控措施已完善。",
    )


@login_required
def register_export(request: AuthedRequest) -> FileResponse:
    user = request.user
    if not has_business_scope(user):
        raise Http404
    visible = RiskPoint.objects.visible_to(user)
    template = bool(request.GET.get("template"))
    rows = visible.none() if template else queries.with_flags(queries.filtered(visible, request.GET, user))
    filters = "空白模板" if template else queries.describe(request.GET, user)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115  (FileResponse closes it)
    count = ledger.write_register(rows.order_by("unit__path", "post", "id"), out, user=user, filters=filters)
    out.seek(0)
    record(user, "risks.register.exported", None, unit=user.unit, text=filters, rows=count)
    return FileResponse(out, as_attachment=True, filename=ledger.filename())


@login_required
def register_import(request: AuthedRequest) -> HttpResponse:
    user = request.user
    _require(perms.can_keep_any(user))
    units = perms.register_units(user).exclude(kind=Unit.Kind.DEPARTMENT)
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, units=units, initial={"unit": user.unit}
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload, unit = form.cleaned_data["file"], form.cleaned_data["unit"]
        try:
            created, updated = ledger.import_register(
                upload.read(), user=user, register=unit, name=upload.name
            )
        except ledger.RowsError as e:
            errors = e.errors
        except ledger.SheetError as e:
            errors = [str(e)]
        except PermissionDenied:
            errors = ["无权导入该单位的风险防控台账。"]
        else:
            messages.success(request, f"已导入：新增 {created} 个风险点，更新 {updated} 个。")
            return redirect(f"{reverse('risks:risk-list')}?unit={unit.pk}")
    return render(request, "risks/register_import.html", {"form": form, "errors": errors})
