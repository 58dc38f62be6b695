"""警示教育覆盖率 per unit, for a cohort chosen by unit (subtree), field, 职级 and 岗位标签 — or
the cohort rule of one event, from its page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mingjian.education import forms
from mingjian.education.cohort import resolve_units
from mingjian.education.coverage import WINDOW_MONTHS, coverage
from mingjian.education.display import masked_text
from mingjian.education.models import Event
from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit


def _cohort(data: dict[str, Any], scope: QuerySet[Unit]) -> dict[str, Any]:
    """units / levels / tags for coverage(): the event's own rule, or the filters."""
    event: Event | None = data.get("event")
    if event is not None:
        return {
            "units": event.cohort_units.all(),
            "levels": event.target_levels,
            "tags": event.target_tags.all(),
        }
    root = data.get("unit")
    units = resolve_units([root], include_subunits=True) if root else scope
    if data.get("field"):
        units = units.filter(field=data["field"])
    return {"units": units, "levels": data.get("levels", []), "tags": data.get("tags", [])}


@business_page
def coverage_page(request: AuthedRequest) -> HttpResponse:
    user = request.user
    scope = Unit.objects.in_scope(user)
    events = Event.objects.visible_to(user).prefetch_related("cases__persons")
    form = forms.CoverageForm(request.GET or None, user=user, events=events)
    result, event_title = None, ""
    if permissions.has_business_scope(user) and (form.is_valid() or not request.GET):
        data = form.cleaned_data if form.is_bound else {}
        result = coverage(
            user, today=timezone.localdate(), page=request.GET.get("page", 1), **_cohort(data, scope)
        )
        if data.get("event"):
            event_title = masked_text(data["event"].title, data["event"].cases.all(), user)
    context = {"form": form, "result": result, "months": WINDOW_MONTHS, "event_title": event_title}
    return render(request, "education/coverage.html", context)
