"""The case page's "廉政风险防控" panel: each risk point of the approved analysis — in the register
(纳入风险库, one click), pushed to same-field units, or hitting a row whose controls were already on
record (防控失效, flagged on the register and shown here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mingjian.cases.models import CaseAnalysis, IntegrityRisk
from mingjian.cases.panels import Panel
from mingjian.risks import permissions as perms
from mingjian.risks.models import ControlFailure, RiskPoint
from mingjian.risks.services import matching_rows


@dataclass
class RiskLine:
    risk: IntegrityRisk
    rows: list[RiskPoint] = field(default_factory=list)
    copies: int = 0
    matches: list[RiskPoint] = field(default_factory=list)
    flagged: bool = False


def _line(risk: IntegrityRisk, visible: Any, flagged: set[int]) -> RiskLine:
    mine = [r for r in visible if r.source_risk_id == risk.pk]
    rows = [r for r in mine if r.source == RiskPoint.Source.ANALYSIS]
    copies = sum(1 for r in mine if r.source == RiskPoint.Source.PUSHED)
    ids = {r.pk for r in visible}
    matches = [] if rows else [r for r in matching_rows(risk) if r.pk in ids]
    return RiskLine(risk, rows, copies, matches, bool(matches) and all(m.pk in flagged for m in matches))


def risks_panel(case: Any, user: Any) -> Panel | None:
    analysis = CaseAnalysis.objects.visible_to(user).filter(case=case).first()
    if analysis is None:
        return None
    risks = list(analysis.risks.all())
    failures = list(
        ControlFailure.objects.visible_to(user).filter(case=case).select_related("risk__unit", "risk")
    )
    if not risks and not failures:
        return None
    home = case.unit.leadership_unit()
    visible = list(
        RiskPoint.objects.visible_to(user).filter(unit__path__startswith=home.path).select_related("unit")
    )
    visible += list(
        RiskPoint.objects.visible_to(user)
        .filter(source_risk__in=risks)
        .exclude(unit__path__startswith=home.path)
    )
    context = {
        "analysis": analysis,
        "lines": [_line(r, visible, {f.risk_id for f in failures}) for r in risks],
        "failures": failures,
        "approved": analysis.status == CaseAnalysis.Status.APPROVED,
        "can_take": perms.can_take(user, case.unit),
    }
    return Panel("廉政风险防控", "risks/_case_panel.html", context)
