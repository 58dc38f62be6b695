"""The per-case scorecard: "解决一类问题" in numbers.

Counts only what the viewer may see (visible_to), so totals never reveal other units' work.
Recurrence counts problems of the same types raised after the case — in the case unit and in
other units of the same field — which is how a class of problem shows it is (not) solved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from mingjian.cases.panels import Panel
from mingjian.rectification.models import Problem, Task
from mingjian.workflow.models import StatusChange


@dataclass(frozen=True)
class Scorecard:
    problems: int
    tasks: int
    in_progress: int
    accepted: int
    reopened: int
    overdue: int
    recurrence_unit: int
    recurrence_field: int
    problem_types: list[str]


def case_scorecard(case: Any, user: Any) -> Scorecard:
    problems = Problem.objects.visible_to(user).filter(case=case)
    tasks = Task.objects.visible_to(user).filter(problem__case=case)
    counts = tasks.aggregate(
        total=Count("id"),
        accepted=Count("id", filter=Q(status=Task.Status.ACCEPTED)),
        in_progress=Count("id", filter=Q(status__in=["issued", "in_progress", "submitted", "returned"])),
    )
    reopened = (
        StatusChange.objects.filter(
            content_type__app_label="rectification",
            content_type__model="task",
            action="reopen",
            object_id__in=tasks.values("pk"),
        )
        .values("object_id")
        .distinct()
        .count()
    )
    type_ids = list(problems.values_list("problem_type", flat=True).distinct())
    later = Problem.objects.visible_to(user).filter(problem_type__in=type_ids, created_at__gt=case.created_at)
    later = later.exclude(case=case)
    return Scorecard(
        problems=problems.count(),
        tasks=counts["total"],
        in_progress=counts["in_progress"],
        accepted=counts["accepted"],
        reopened=reopened,
        overdue=tasks.overdue(timezone.localdate()).count(),
        recurrence_unit=later.filter(unit__path__startswith=case.unit.path).count(),
        recurrence_field=later.filter(unit__field=case.unit.field)
        .exclude(unit__path__startswith=case.unit.path)
        .count(),
        problem_types=sorted(set(problems.values_list("problem_type__name", flat=True))),
    )


def scorecard_panel(case: Any, user: Any) -> Panel | None:
    if not type(case).objects.in_unit_scope(user).filter(pk=case.pk).exists():
        return None
    return Panel("以案促改成效", "rectification/_scorecard.html", {"score": case_scorecard(case, user)})
