"""责任体系 pages: units in scope with their 第一责任人 and this year's lists, one unit's register
(who holds what, read from the 班子 data), generating its lists, and a person's own 履责 page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.duties import forms, services
from mingjian.duties import permissions as perms
from mingjian.duties.models import DutyList
from mingjian.duties.progress import progress_of
from mingjian.duties.register import register_of
from mingjian.duties.vocabulary import Kind
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import Person, Unit


def business_unit(user: Any, pk: int) -> Unit:
    """A unit whose business records the user sees (the administrators' org view does not count)."""
    unit = Unit.objects.in_scope(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def _leadership_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.in_scope(user).filter(is_active=True).exclude(kind=Unit.Kind.DEPARTMENT)


@business_page
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = forms.ListFilterForm(request.GET or None, units=_leadership_units(user))
    units = _leadership_units(user)
    year = timezone.localdate().year
    if form.is_valid():
        if form.cleaned_data["unit"]:
            units = units.filter(path__startswith=form.cleaned_data["unit"].path)
        year = form.cleaned_data["year"] or year
    page = Paginator(units.order_by("path"), 30).get_page(request.GET.get("page"))
    ids = [u.pk for u in page]
    firsts: dict[int, Person] = {}
    for person in Person.objects.filter(
        unit_id__in=ids, is_active=True, leadership__in=["secretary", "head"]
    ).order_by("-leadership"):
        firsts[person.unit_id] = person  # the 书记 overwrites the 主要负责人 ("secretary" > "head")
    counts = {
        row["unit"]: row
        for row in DutyList.objects.visible_to(user)
        .filter(unit_id__in=ids, year=year)
        .values("unit")
        .annotate(n=Count("pk"), reported=Count("pk", filter=~Q(status=DutyList.Status.OPEN)))
    }
    rows = [(u, firsts.get(u.pk), counts.get(u.pk)) for u in page]
    return render(request, "duties/index.html", {"form": form, "page": page, "rows": rows, "year": year})


@business_page
def unit_register(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    unit = business_unit(user, pk)
    if unit.kind == Unit.Kind.DEPARTMENT:
        return redirect("duties:unit-register", unit.leadership_unit().pk)
    form = forms.YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    lists = list(DutyList.objects.visible_to(user).filter(unit=unit, year=year).select_related("person"))
    context = {
        "unit": unit,
        "register": register_of(unit),
        "year": year,
        "year_form": forms.YearForm(initial={"year": year}),
        "lists": [(d, progress_of(d, user)) for d in lists],
        "can_generate": perms.can_generate(user, unit),
    }
    return render(request, "duties/unit_register.html", context)


@require_POST
@business_page
def generate(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    unit = business_unit(user, pk)
    if not perms.can_generate(user, unit):
        raise Http404
    form = forms.YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择年度。")
        return redirect("duties:unit-register", unit.pk)
    year = form.cleaned_data["year"]
    try:
        result = services.generate_lists(unit, year=year, by=user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        done = f"已生成 {len(result.created)} 份{year}年度责任清单"
        if result.existing:
            done += f"，另有 {result.existing} 份此前已生成"
        messages.success(request, done + "。")
        if result.missing:
            names = "、".join(Kind(k).label for k in result.missing)
            messages.warning(request, f"上级纪委监委尚未制定{names}清单模板，相应清单未生成。")
    return redirect(f"{reverse('duties:unit-register', args=[unit.pk])}?year={year}")


def own_lists(user: Any) -> QuerySet[DutyList]:
    """The lists the user answers for: their own as a cadre, and the 党组's or body's they report."""
    person = getattr(user, "person", None)
    if person is None:
        return DutyList.objects.none()
    candidates = DutyList.objects.visible_to(user).filter(Q(person=person) | Q(person=None, unit=person.unit))
    keep = [d.pk for d in candidates if d.person_id == person.pk or perms.can_submit(user, d)]
    return DutyList.objects.filter(pk__in=keep).select_related("unit", "person")


@business_page
def mine(request: AuthedRequest) -> HttpResponse:
    user = request.user
    lists = list(own_lists(user).order_by("-year", "kind"))
    person = getattr(user, "person", None)
    home = person.unit.leadership_unit() if person else None
    context = {
        "person": person,
        "lists": [(d, progress_of(d, user)) for d in lists],
        "home": home if home and Unit.objects.in_scope(user).filter(pk=home.pk).exists() else None,
        "year": timezone.localdate().year,
    }
    return render(request, "duties/mine.html", context)
