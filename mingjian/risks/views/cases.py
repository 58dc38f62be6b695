"""纳入风险库: one click on the case page puts an approved analysis's risk point into the case
unit's register — or flags 防控失效 on the row the case hit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mingjian.cases.models import CaseAnalysis
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.permissions import get_visible_or_404
from mingjian.risks import permissions as perms
from mingjian.risks import services
from mingjian.workflow.services import TransitionError


@require_POST
@login_required
def take_risk(request: AuthedRequest, pk: int) -> HttpResponse:
    """POST risk=<IntegrityRisk id> of the analysis `pk` (ids of other analyses are refused)."""
    user = request.user
    analysis = get_visible_or_404(CaseAnalysis, user, pk=pk)
    case = analysis.case
    if not perms.can_take(user, case.unit):
        raise Http404
    risk = analysis.risks.filter(pk=parse_id(request.POST.get("risk")) or 0).first()
    if risk is None:
        messages.error(request, "请选择剖析中的廉政风险点。")
        return redirect(case)
    try:
        taken = services.take_from_analysis(risk, by=user)
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
        return redirect(case)
    if taken.row is not None:
        messages.success(request, f"已纳入{taken.row.unit.name}廉政风险库：{taken.row.post}。")
        return redirect(taken.row)
    names = "、".join(f"{f.risk.unit.name}“{f.risk.post}”" for f in taken.failures)
    messages.warning(
        request, f"风险库中已有该风险点且有防控措施（{names}），已标记防控失效，请完善防控措施。"
    )
    return redirect(case)
