"""Attendance of an event: ticks on screen, a sign-in sheet, 补学, and 心得体会 from chosen people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mingjian.education import forms, roster, services, sheets
from mingjian.education import permissions as perms
from mingjian.education.models import Attendance, Event
from mingjian.education.views.events import render_detail
from mingjian.lib.http import AuthedRequest
from mingjian.org.permissions import get_visible_or_404
from mingjian.workflow.services import TransitionError


def _event(request: AuthedRequest, pk: int, allowed: Callable[[Any, Event], bool]) -> Event:
    event = get_visible_or_404(Event, request.user, pk=pk)
    if not allowed(request.user, event):
        raise Http404
    return event


def _errors(e: ValidationError) -> list[str]:
    return (
        [m for messages_ in e.message_dict.values() for m in messages_]
        if hasattr(e, "error_dict")
        else e.messages
    )


def _run(
    request: AuthedRequest, event: Event, call: Callable[[], Any], done: str, **extra: Any
) -> HttpResponse:
    """Run a write and go back to the event; refused input re-renders the page with its reasons."""
    try:
        call()
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
    except ValidationError as e:
        return render_detail(request, event, action_errors=_errors(e), **extra)
    else:
        messages.success(request, done)
    return redirect(event)


def _invalid(request: AuthedRequest, event: Event, form: Any, **extra: Any) -> HttpResponse:
    return render_detail(
        request, event, action_errors=[m for errs in form.errors.values() for m in errs], **extra
    )


@require_POST
@login_required
def attendance_save(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event(request, pk, perms.can_manage)
    rows = list(Attendance.objects.visible_to(user).filter(event=event).select_related("person"))
    form = forms.AttendanceForm(request.POST, rows=rows)
    if not form.is_valid():
        return _invalid(request, event, form, attendance_form=form)
    return _run(
        request,
        event,
        lambda: services.record_attendance(event, by=user, marks=form.marks()),
        "出勤情况已保存。",
        attendance_form=form,
    )


@require_POST
@login_required
def signin_import(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event(request, pk, perms.can_manage)
    form = forms.SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, event, form)
    upload = form.cleaned_data["file"]
    try:
        result = services.import_signin(event, by=user, data=upload.read(), filename=upload.name)
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
    except sheets.SheetError as e:
        return render_detail(request, event, signin_errors=[str(e)])
    except roster.RosterError as e:
        return render_detail(request, event, signin_errors=e.errors)
    else:
        outside = f"，其中 {result.outside} 人不在活动对象范围内（列席）" if result.outside else ""
        messages.success(request, f"签到表已导入：{result.present} 人记为出席{outside}。")
    return redirect(event)


@require_POST
@login_required
def makeup(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event(request, pk, perms.can_record_any)
    form = forms.MakeupForm(request.POST)
    if not form.is_valid():
        return _invalid(request, event, form)
    data = form.cleaned_data
    return _run(
        request,
        event,
        lambda: services.record_makeup(
            event, by=user, person_id=data["person"], made_up_on=data["made_up_on"], note=data["note"]
        ),
        "已登记补学。",
    )


@require_POST
@login_required
def reflections_request(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event(request, pk, perms.can_manage)
    rows = list(
        Attendance.objects.visible_to(user).filter(event=event).reached().select_related("person__unit")
    )
    form = forms.ReflectionRequestForm(request.POST, rows=rows)
    if not form.is_valid():
        return _invalid(request, event, form)
    people = form.cleaned_data["people"]
    return _run(
        request,
        event,
        lambda: services.request_reflections(event, by=user, person_ids=people),
        f"已请 {len(people)} 人撰写心得体会。" if people else "已取消心得体会要求。",
    )


@require_POST
@login_required
def reflection_write(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    event = _event(request, pk, perms.can_record_any)
    form = forms.ReflectionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, event, form)
    data = form.cleaned_data
    return _run(
        request,
        event,
        lambda: services.record_reflection(event, by=user, person_id=data["person"], text=data["text"]),
        "心得体会已登记。",
    )
