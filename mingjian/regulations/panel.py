"""The case page's "建章立制" panel: each 制度漏洞 of the case's analysis, 已堵塞（《…》，施行于 …）
or 未堵塞, and the problems it raised with their 销号 condition."""

from __future__ import annotations

from typing import Any

from mingjian.cases.models import CaseAnalysis
from mingjian.cases.panels import Panel
from mingjian.rectification.models import Problem
from mingjian.regulations import permissions as perms
from mingjian.regulations.gate import approved_waiver, closing_regulations, loophole_states


def regulations_panel(case: Any, user: Any) -> Panel | None:
    analysis = CaseAnalysis.objects.visible_to(user).filter(case=case).first()
    if analysis is None:
        return None
    holes = list(analysis.loopholes.all())
    if not holes:
        return None
    problems = Problem.objects.visible_to(user).filter(loophole__in=holes).select_related("unit")
    by_hole: dict[int, list[tuple[Problem, bool]]] = {}
    for problem in problems:
        met = closing_regulations(problem).exists() or approved_waiver(problem) is not None
        by_hole.setdefault(problem.loophole_id or 0, []).append((problem, met))
    rows = [(state, by_hole.get(state.loophole.pk, [])) for state in loophole_states(holes, user)]
    context = {
        "rows": rows,
        "approved": analysis.status == CaseAnalysis.Status.APPROVED,
        "can_draft": perms.keeps_rules(user, case.unit.leadership_unit()),
    }
    return Panel("建章立制（制度漏洞堵塞情况）", "regulations/_case_panel.html", context)
