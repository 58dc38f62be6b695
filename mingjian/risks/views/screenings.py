"""年度廉政风险排查: deployed by the supervising side, worked by the unit on its register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404
from mingjian.risks import forms, services
from mingjian.risks import permissions as perms
from mingjian.risks.models import RiskPoint, RiskScreening
from mingjian.workflow.services import TransitionError
from mingjian.workflow.views import run_transition


@business_page
def screening_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    visible = RiskScreening.objects.visible_to(user).select_related("unit", "task")
    found = services.with_counts(visible, user).order_by("-year", "unit__path")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    rows = [(s, s.unreviewed_count, s.unanswered_count) for s in page]
    context = {"page": page, "rows": rows, "can_launch": perms.can_launch_screenings(user)}
    return render(request, "risks/screening_list.html", context)


@login_required
def screening_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not perms.can_launch_screenings(user):
        raise Http404
    today = timezone.localdate()
    initial = {"year": today.year, "due_date": today.replace(month=12, day=31)}
    form = forms.ScreeningForm(request.POST or None, units=perms.screening_units(user), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.launch_screenings(
                by=user, units=list(data["units"]), year=data["year"], due_date=data["due_date"]
            )
        except TransitionError as e:
            form.add_error(None, str(e))
        except PermissionDenied:
            form.add_error("units", "只能向本机关监督的单位部署排查。")
        else:
            messages.success(
                request, f"已向 {len(found)} 个单位部署{data['year']}年度廉政风险排查，排查任务已下发。"
            )
            return redirect("risks:screening-list")
    return render(request, "risks/screening_form.html", {"form": form})


@login_required
def screening_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    screening = get_visible_or_404(RiskScreening, user, pk=pk)
    rows = RiskPoint.objects.visible_to(user).filter(
        unit__path__startswith=screening.unit.path,
        status__in=[RiskPoint.Status.ACTIVE, RiskPoint.Status.PENDING],
    )
    context = {
        "screening": screening,
        "rows": rows.select_related("unit", "leader", "dept_head").order_by("unit__path", "post", "id"),
        "left": services.unreviewed(screening).count(),
        "pending": services.unanswered(screening).count(),
        "gate": services.screening_gate(screening.task),
        "can_review": perms.keeps_register(user, screening.unit),
    }
    return render(request, "risks/screening_detail.html", context)


@require_POST
@login_required
def screening_review(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    screening = get_visible_or_404(RiskScreening, user, pk=pk)
    if not perms.keeps_register(user, screening.unit):
        raise Http404
    ids = [pk for pk in (parse_id(v) for v in request.POST.getlist("rows")) if pk is not None]
    rows = list(RiskPoint.objects.visible_to(user).filter(pk__in=ids))
    if not rows:
        messages.error(request, "请勾选已复核的风险点。")
        return redirect(screening)
    return run_transition(
        request,
        screening,
        lambda: services.review_rows(screening, by=user, rows=rows),
        f"已登记复核 {len(rows)} 个风险点。",
    )
