"""警示教育 pages: the list, planning an event, its page, and its transitions and materials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import BoundField
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.cases.models import Case
from mingjian.education import fit, forms, services
from mingjian.education import permissions as perms
from mingjian.education.display import case_label, masked_text
from mingjian.education.models import Attendance, Event, Material
from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.workflow.services import history
from mingjian.workflow.views import run_transition

REACHED = [Attendance.Presence.PRESENT, Attendance.Presence.MADE_UP]


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def event_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    events = (
        Event.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related("cases__persons", "cases__unit")
    )
    form = forms.EventFilterForm(request.GET or None, units=Scope(user, "org.units-in-scope"))
    if form.is_valid():
        data = form.cleaned_data
        for name in ("kind", "status", "unit"):
            if data[name]:
                events = events.filter(**{name: data[name]})
        if data["year"]:
            events = events.filter(held_on__year=data["year"])
    page = Paginator(events.with_counts(user).order_by("-held_on", "-id"), 30).get_page(
        request.GET.get("page")
    )
    for event in page:
        event.shown_title = masked_text(event.title, event.cases.all(), user)  # type: ignore[attr-defined]
    return render(
        request,
        "education/event_list.html",
        {"form": form, "page": page, "can_create": perms.can_create_events(user)},
    )


def _save(request: AuthedRequest, form: forms.EventForm, event: Event | None) -> Event | None:
    refused = "无权为所选单位组织警示教育。"
    if event is None:
        return save_through(form, lambda: services.create_event(form.to_input(), by=request.user), refused)
    return save_through(form, lambda: services.update_event(event, form.to_input(), by=request.user), refused)


@login_required
def event_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    event = get_visible_or_404(Event, user, pk=pk) if pk else None
    if event is None:
        _require(perms.can_create_events(user))
    else:
        _require(perms.can_manage(user, event) and event.status == Event.Status.PLANNED)
    units = Scope(user, "education.acting-units")
    initial = (
        forms.initial_for(event)
        if event
        else {"unit": user.unit, "target_units": [user.unit] if user.unit else []}
    )
    if event is None and (case_id := parse_id(request.GET.get("case"))):
        initial["cases"] = list(Case.objects.visible_to(user).filter(pk=case_id))
    form = forms.EventForm(request.POST or None, user=user, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, event)
        if saved is not None:
            messages.success(
                request, f"已保存，活动对象共 {saved.attendance.filter(in_cohort=True).count()} 人。"
            )
            return redirect(saved)
    wide = ("description", "cases", "target_levels", "target_tags")
    return render(request, "education/event_form.html", {"form": form, "event": event, "wide": wide})


def _rows(event: Event, user: Any) -> list[Attendance]:
    rows = Attendance.objects.visible_to(user).filter(event=event).select_related("person__unit")
    return list(rows.order_by("-in_cohort", "person__unit__path", "person_id"))


def _counts(rows: list[Attendance]) -> dict[str, int]:
    counts = dict.fromkeys(Attendance.Presence.values, 0)
    for row in rows:
        counts[row.presence] += 1
    counts["cohort"] = sum(1 for r in rows if r.in_cohort)
    counts["outside"] = len(rows) - counts["cohort"]
    counts["reached"] = counts["present"] + counts["made_up"]
    return counts


def _actions(user: Any, event: Event) -> dict[str, bool]:
    return {
        "can_manage": perms.can_manage(user, event),
        "can_confirm": perms.can_confirm(user, event),
        "can_record_any": perms.can_record_any(user, event),
    }


@dataclass(frozen=True)
class Line:
    """An attendance row with its inputs, when the row can be edited on this page."""

    row: Attendance
    presence: BoundField | None = None
    reason: BoundField | None = None


def _lines(rows: list[Attendance], form: forms.AttendanceForm | None, editable: bool) -> list[Line]:
    """Inputs only where the attendance may still be recorded (held, by the organiser side):
    elsewhere the page shows what was recorded, not selects that would be refused."""
    if not editable:
        return [Line(row) for row in rows]
    form = form or forms.AttendanceForm(rows=rows)
    found = []
    for row in rows:
        key = f"p{row.person_id}"
        if key in form.fields:
            found.append(Line(row, form[key], form[f"r{row.person_id}"]))
        else:
            found.append(Line(row))
    return found


def render_detail(request: AuthedRequest, event: Event, **extra: Any) -> HttpResponse:
    """The event page; the attendance views render it too, with their form's errors."""
    user = request.user
    cases = list(event.cases.select_related("unit").prefetch_related("persons"))
    rows = _rows(event, user)
    reached = [r for r in rows if r.presence in REACHED]
    context = {
        "event": event,
        "title": masked_text(event.title, cases, user),
        "description": masked_text(event.description, cases, user),
        "summary": masked_text(event.summary, cases, user),
        "cases": [(c, case_label(c, user)) for c in cases],
        "warnings": fit.warnings_for(event),
        "rows": rows,
        "counts": _counts(rows),
        "materials": [
            (m, masked_text(m.name, cases, user)) for m in event.materials.select_related("uploaded_by")
        ],
        "history": history(event),
        "target_units": event.target_units.all(),
        "target_tags": event.target_tags.all(),
        "lines": _lines(
            rows,
            extra.pop("attendance_form", None),
            event.status == Event.Status.HELD and perms.can_manage(user, event),
        ),
        "sheet_form": forms.SheetForm(),
        "material_form": forms.MaterialForm(),
        "summary_form": forms.SummaryForm(initial={"summary": event.summary}),
        "reason_form": forms.ReasonForm(),
        "hold_form": forms.HoldForm(hosts=services.hosts_for(event), initial={"host": event.host_id}),
        "confirm_form": forms.ConfirmForm(),
        "request_form": forms.ReflectionRequestForm(
            rows=reached, initial={"people": [r.person_id for r in reached if r.reflection_requested]}
        ),
        **_actions(user, event),
        **extra,
    }
    return render(request, "education/event_detail.html", context)


@login_required
def event_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return render_detail(request, get_visible_or_404(Event, request.user, pk=pk))


@require_POST
@login_required
def event_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    event = get_visible_or_404(Event, user, pk=pk)
    deciding = action in ("confirm", "return")
    if action not in ("hold", "host", "cancel", "submit", "confirm", "return"):
        raise Http404
    _require(perms.can_confirm(user, event) if deciding else perms.can_manage(user, event))
    if action in ("hold", "host"):
        form: Any = forms.HoldForm(request.POST, hosts=services.hosts_for(event))
    else:
        form_class = {"submit": forms.SummaryForm, "confirm": forms.ConfirmForm}.get(action, forms.ReasonForm)
        form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(event)
    data = form.cleaned_data
    calls = {
        "hold": (
            lambda: services.hold_event(event, by=user, host=data["host"]),
            "已记录为已开展，请登记出勤。",
        ),
        "host": (lambda: services.correct_host(event, by=user, host=data["host"]), "已更正主持人。"),
        "cancel": (lambda: services.cancel_event(event, by=user, reason=data["reason"]), "活动已取消。"),
        "submit": (
            lambda: services.submit_summary(event, by=user, summary=data["summary"]),
            "总结已提交，待确认。",
        ),
        "confirm": (
            lambda: services.confirm_summary(event, by=user, comment=data["comment"]),
            "已确认总结。",
        ),
        "return": (lambda: services.return_summary(event, by=user, reason=data["reason"]), "已退回总结。"),
    }
    call, done = calls[action]
    return run_transition(request, event, call, done)


@require_POST
@login_required
def material_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = get_visible_or_404(Event, user, pk=pk)
    _require(perms.can_manage(user, event))
    form = forms.MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(event)
    data = form.cleaned_data
    return run_transition(
        request,
        event,
        lambda: services.add_material(event, by=user, checked=data["file"], name=data["name"]),
        "材料已上传。",
    )


@login_required
def material_download(request: AuthedRequest, pk: int) -> FileResponse:
    material = get_object_or_404(Material, pk=pk)
    event = get_visible_or_404(Event, request.user, pk=material.event_id)
    record(request.user, "education.material.downloaded", material, unit=event.unit, sha256=material.sha256)
    name = masked_text(material.name, event.cases.prefetch_related("persons"), request.user)
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=name)
