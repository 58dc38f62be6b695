"""The 审计管理员's read-only view of the audit trail (business content masked: audit/display.py)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mingjian.audit.display import row_for
from mingjian.audit.forms import AuditFilterForm
from mingjian.audit.models import AuditEvent
from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions


def _day_start(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@login_required
def event_list(request: AuthedRequest) -> HttpResponse:
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
    rows = [row_for(event) for event in page]
    return render(request, "audit/event_list.html", {"form": form, "page": page, "rows": rows})
