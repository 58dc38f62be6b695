"""工作日历 pages, for the system administrator only (everyone else gets 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org.models import User
from mingjian.org.permissions import can_manage_units
from mingjian.workdays import services
from mingjian.workdays.forms import ClearForm, ConfirmForm, DayForm
from mingjian.workdays.models import CalendarYear


def _admin(request: AuthedRequest, year: int | None = None) -> User:
    user = request.user
    if not can_manage_units(user):
        raise Http404
    if year is not None and not services.MIN_YEAR <= year <= services.MAX_YEAR:
        raise Http404
    return user


@login_required
def year_list(request: AuthedRequest) -> HttpResponse:
    _admin(request)
    summaries = services.year_summaries(timezone.localdate())
    return render(request, "workdays/year_list.html", {"years": summaries})


@login_required
def year_detail(request: AuthedRequest, year: int) -> HttpResponse:
    user = _admin(request, year)
    form = DayForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_day(user, data["date"], is_workday=data["is_workday"], name=data["name"])
        messages.success(request, f"已设置 {data['date']:%Y-%m-%d}。")
        return redirect("workdays:year-detail", year=year)
    context = {
        "year": year,
        "entry": CalendarYear.objects.filter(year=year).first(),
        "days": services.year_days(year),
        "form": form,
        "confirm_form": ConfirmForm(),
    }
    return render(request, "workdays/year_detail.html", context)


@require_POST
@login_required
def year_confirm(request: AuthedRequest, year: int) -> HttpResponse:
    user = _admin(request, year)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_year(user, year, note=form.cleaned_data["note"])
        except services.CalendarError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, f"已确认 {year} 年工作日历，相关期限不再标注“暂定”。")
    return redirect("workdays:year-detail", year=year)


@require_POST
@login_required
def day_clear(request: AuthedRequest, year: int) -> HttpResponse:
    user = _admin(request, year)
    form = ClearForm(request.POST)
    if form.is_valid() and services.clear_day(user, form.cleaned_data["date"]):
        messages.success(request, f"已删除 {form.cleaned_data['date']:%Y-%m-%d} 的设置。")
    else:
        messages.error(request, "没有找到要删除的日期。")
    return redirect("workdays:year-detail", year=year)
