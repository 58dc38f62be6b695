"""Reuse from data, not typing: risk points and loopholes of earlier, similar cases.

Similarity is a plain weighted overlap — shared violation types count most, then shared
disciplines, then the same field — so the clerk can see why a case was offered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mingjian.cases.models import Case, CaseAnalysis

W_VIOLATION, W_DISCIPLINE, W_FIELD = 3, 1, 2


@dataclass
class Suggestion:
    case: Case
    score: int
    reasons: list[str]
    risks: list[Any]
    loopholes: list[Any]


def _features(case: Case) -> tuple[set[int], set[str]]:
    types = list(case.violation_types.all())
    return {v.pk for v in types}, {v.discipline for v in types}


def score(case: Case, other: Case) -> tuple[int, list[str]]:
    mine_v, mine_d = _features(case)
    other_v, other_d = _features(other)
    shared_v, shared_d = mine_v & other_v, mine_d & other_d
    points = W_VIOLATION * len(shared_v) + W_DISCIPLINE * len(shared_d)
    reasons = [f"相同违纪行为 {len(shared_v)} 项"] if shared_v else []
    if case.unit.field == other.unit.field:
        points += W_FIELD
        reasons.append(f"同属{case.unit.get_field_display()}领域")
    return points, reasons


def suggestions_for(case: Case, user: Any, limit: int = 5) -> list[Suggestion]:
    analysed = (
        CaseAnalysis.objects.visible_to(user)
        .exclude(case=case)
        .select_related("case__unit")
        .prefetch_related("case__violation_types", "case__persons", "risks", "loopholes")
    )
    found = []
    for analysis in analysed:
        points, reasons = score(case, analysis.case)
        risks, holes = list(analysis.risks.all()), list(analysis.loopholes.all())
        if points and (risks or holes):
            found.append(Suggestion(analysis.case, points, reasons, risks, holes))
    return sorted(found, key=lambda s: (-s.score, -s.case.pk))[:limit]
