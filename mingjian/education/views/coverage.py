"""警示教育覆盖率 per unit, for a cohort chosen by unit (subtree), field, 职级 and 岗位标签."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mingjian.education import forms
from mingjian.education.cohort import resolve_units
from mingjian.education.coverage import WINDOW_MONTHS, coverage
from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.models import Unit


@login_required
def coverage_page(request: AuthedRequest) -> HttpResponse:
    user = request.user
    scope = Unit.objects.in_scope(user)
    form = forms.CoverageForm(request.GET or None, units=scope)
    result = None
    if permissions.has_business_scope(user) and (form.is_valid() or not request.GET):
        data = form.cleaned_data if form.is_bound else {}
        root = data.get("unit")
        units = resolve_units([root], include_subunits=True, field=data.get("field", "")) if root else scope
        if not root and data.get("field"):
            units = units.filter(field=data["field"])
        result = coverage(
            user,
            units=units,
            levels=data.get("levels", []),
            tags=data.get("tags", []),
            today=timezone.localdate(),
        )
    return render(
        request, "education/coverage.html", {"form": form, "result": result, "months": WINDOW_MONTHS}
    )
