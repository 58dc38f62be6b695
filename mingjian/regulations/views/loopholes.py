"""制度漏洞堵塞情况: every loophole of an approved analysis the reader may see, 已堵塞 or 未堵塞,
with the problems it raised — the "完善一套制度" view of the loop."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from mingjian.cases.models import CaseAnalysis, SystemLoophole
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.picker import UnitFilterForm
from mingjian.rectification.models import Problem
from mingjian.regulations.gate import loophole_states
from mingjian.regulations.models import Regulation


@business_page
def loophole_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    analyses = CaseAnalysis.objects.visible_to(user).filter(status=CaseAnalysis.Status.APPROVED)
    holes = SystemLoophole.objects.filter(analysis__in=analyses).select_related("analysis__case__unit")
    units = Unit.objects.in_scope(user).exclude(kind=Unit.Kind.DEPARTMENT)
    unit = units.filter(pk=parse_id(request.GET.get("unit")) or 0).first()
    if request.GET.get("unit"):
        holes = holes.filter(analysis__case__unit__path__startswith=unit.path) if unit else holes.none()
    closing = Regulation.objects.filter(status=Regulation.Status.IN_FORCE).values("loopholes")
    state = request.GET.get("state")
    if state == "closed":
        holes = holes.filter(pk__in=closing)
    elif state == "open":
        holes = holes.exclude(pk__in=closing)
    page = Paginator(holes.order_by("-analysis__approved_at", "sort_order", "id"), 30).get_page(
        request.GET.get("page")
    )
    problems = Problem.objects.visible_to(user).filter(loophole__in=list(page)).select_related("unit")
    by_hole: dict[int, list[Problem]] = {}
    for problem in problems:
        by_hole.setdefault(problem.loophole_id or 0, []).append(problem)
    rows = [(s, by_hole.get(s.loophole.pk, [])) for s in loophole_states(page, user)]
    unit_filter = UnitFilterForm(
        request.GET, user=user, label="发案单位", scope="duties.list-units", auto_id="%s"
    )
    context = {"page": page, "rows": rows, "unit_filter": unit_filter, "unit": unit, "state": state or ""}
    return render(request, "regulations/loophole_list.html", context)
