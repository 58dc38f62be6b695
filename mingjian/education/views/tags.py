"""岗位标签 of a unit's cadres, kept by its liaison: one page of checkboxes, or an Excel list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mingjian.education import forms, roster, services, sheets
from mingjian.education import permissions as perms
from mingjian.education.models import PersonTag, PostTag
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.models import Person, Unit

PEOPLE_PER_PAGE = 50


def _unit(request: AuthedRequest, value: Any) -> tuple[Any, Unit]:
    """The units the user keeps tags for, and the one asked for (a hidden or unknown id reads as
    no choice: the user's first unit)."""
    units = perms.taggable_units(request.user)
    unit = units.filter(pk=parse_id(value) or 0).first() or units.first()
    if unit is None:
        raise Http404
    return units, unit


def _page(request: AuthedRequest, units: Any, unit: Unit, **extra: Any) -> HttpResponse:
    # A page of cadres at a time: a city bureau's 460 cadres × every tag were 5,500 checkboxes
    # (380 KB, ~300 ms). Saving sets the tags of the cadres the page posted, and only theirs.
    roster = Person.objects.filter(unit=unit, is_active=True).order_by("id")
    page = Paginator(roster, PEOPLE_PER_PAGE).get_page(request.GET.get("page") or request.POST.get("page"))
    people = list(page)
    held: dict[int, set[int]] = {}
    for person_id, tag_id in PersonTag.objects.filter(person__in=people).values_list("person_id", "tag_id"):
        held.setdefault(person_id, set()).add(tag_id)
    tags = list(PostTag.objects.all())
    rows = [(p, [(t, t.pk in held.get(p.pk, set())) for t in tags]) for p in people]
    context = {
        "units": units,
        "unit": unit,
        "tags": tags,
        "rows": rows,
        "page": page,
        "sheet_form": forms.TagSheetForm(),
        **extra,
    }
    return render(request, "education/tags.html", context)


@login_required
def tags_page(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        units, unit = _unit(request, request.GET.get("unit"))
        return _page(request, units, unit)
    units, unit = _unit(request, request.POST.get("unit"))
    chosen = {}
    for value in request.POST.getlist("people"):
        if (pk := parse_id(value)) is not None:
            chosen[pk] = {t for t in map(parse_id, request.POST.getlist(f"t{pk}")) if t is not None}
    try:
        changed = services.save_unit_tags(unit, by=request.user, tags=chosen)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as e:
        return _page(request, units, unit, errors=e.messages)
    messages.success(request, f"已保存：{changed} 人的岗位标签有变化。")
    shown = parse_id(request.POST.get("page") or "") or 1
    return redirect(f"{reverse('education:tags')}?unit={unit.pk}&page={shown}")


@require_POST
@login_required
def tags_import(request: AuthedRequest) -> HttpResponse:
    units, unit = _unit(request, request.POST.get("unit"))
    form = forms.TagSheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, units, unit, errors=[m for errs in form.errors.values() for m in errs])
    upload = form.cleaned_data["file"]
    try:
        changed = services.import_tags(by=request.user, data=upload.read(), filename=upload.name, units=units)
    except sheets.SheetError as e:
        return _page(request, units, unit, errors=[str(e)])
    except roster.RosterError as e:
        return _page(request, units, unit, errors=e.errors)
    messages.success(request, f"岗位标签已导入：{changed} 人有变化。")
    shown = parse_id(request.POST.get("page") or "") or 1
    return redirect(f"{reverse('education:tags')}?unit={unit.pk}&page={shown}")
