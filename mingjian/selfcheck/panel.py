"""The case page's "规范一个领域" outcome: the units the case was pushed to for 自查, how many have
self-inspected, what they found and what became of it — counting only 自查表 the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from mingjian.cases.panels import Panel
from mingjian.rectification.models import Task
from mingjian.selfcheck.models import Checklist, ChecklistRow
from mingjian.selfcheck.permissions import can_push
from mingjian.selfcheck.services import pushable


@dataclass(frozen=True)
class FieldOutcome:
    units: int
    inspected: int
    found: int
    problems: int
    closed: int


def field_outcome(case: Any, user: Any) -> tuple[FieldOutcome, list[Any]]:
    checklists: list[Any] = list(
        Checklist.objects.visible_to(user)
        .filter(push__case=case)
        .select_related("unit", "push")
        .annotate(found=Count("rows", filter=Q(rows__answer=ChecklistRow.Answer.EXISTS)))
        .order_by("push__created_at", "unit__path")
    )
    done = [c for c in checklists if c.is_done]
    problems = ChecklistRow.objects.filter(checklist__in=done, problem__isnull=False).values("problem")
    open_ = Task.objects.filter(problem__in=problems).exclude(status=Task.Status.ACCEPTED).values("problem")
    closed = ChecklistRow.objects.filter(checklist__in=done, problem__isnull=False).exclude(problem__in=open_)
    outcome = FieldOutcome(
        units=len(checklists),
        inspected=len(done),
        found=sum(c.found for c in done),
        problems=problems.count(),
        closed=closed.count(),
    )
    return outcome, checklists


def unpushed_extensions(case: Any, analysis: Any) -> list[Any]:
    """The analysis's 类案延伸单位 that have no 自查表 of this case yet: the pushes still owed
    (shown to whoever may push; the push form ticks them)."""
    if analysis is None:
        return []
    pushed = Checklist.objects.filter(push__case=case).values("unit")
    return list(analysis.extend_to_units.exclude(pk__in=pushed).order_by("path"))


def field_panel(case: Any, user: Any) -> Panel | None:
    outcome, checklists = field_outcome(case, user)
    may_push = can_push(user, case)
    if not checklists and not may_push:
        return None
    analysis, why = pushable(case) if may_push else (None, "")
    context = {
        "case": case,
        "outcome": outcome,
        "checklists": checklists,
        "may_push": may_push,
        "why": why,
        "unpushed": unpushed_extensions(case, analysis),
    }
    return Panel("规范一个领域：类案自查", "selfcheck/_field_panel.html", context)
