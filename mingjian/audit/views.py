"""The 审计管理员's read-only view of the audit trail."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mingjian.audit.labels import ACTION_LABELS
from mingjian.audit.models import AuditEvent
from mingjian.lib.forms import DateInput, StyledForm
from mingjian.org import permissions
from mingjian.org.models import Role, Unit


class AuditFilterForm(StyledForm, forms.Form):
    actor = forms.CharField(label="操作人", required=False)
    action = forms.ChoiceField(label="操作", required=False)
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.all(), required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput())
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = [a.unit.path for a in permissions.role_assignments(user) if a.role == Role.AUDIT_ADMIN]
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            reduce(or_, (Q(path__startswith=p) for p in scope), Q(pk__in=[]))
        )
        choices = sorted(ACTION_LABELS.items(), key=lambda kv: kv[0])
        self.fields["action"].choices = [("", "全部"), *[(k, f"{v}（{k}）") for k, v in choices]]  # type: ignore[attr-defined]


def _day_start(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_audit(request.user):
        raise Http404
    events = AuditEvent.objects.visible_to(request.user).select_related("unit", "actor")
    form = AuditFilterForm(request.GET or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor_label__contains=data["actor"]) | events.filter(
                actor__username=data["actor"]
            )
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["unit"]:
            events = events.filter(unit__path__startswith=data["unit"].path)
        if data["date_from"]:
            events = events.filter(created_at__gte=_day_start(data["date_from"]))
        if data["date_to"]:
            events = events.filter(created_at__lte=_day_start(data["date_to"], end=True))
    page = Paginator(events.order_by("-seq"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/event_list.html", {"form": form, "page": page})
