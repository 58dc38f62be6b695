"""Creating problems and their draft tasks, from every source, without retyping.

A 纪检监察建议书 item becomes one problem with one draft task (the item's text is the measure);
an inspection batch or campaign adds problems the same way. Drafts are then completed
(deadline, 责任领导, 责任人) and issued through services.tasks.issue_task.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.org.permissions import is_unit_side
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import (
    InspectionBatch,
    Problem,
    ProblemType,
    RectificationPolicy,
    Responsibility,
    Task,
)
from mingjian.rectification.services.tasks import issue_task
from mingjian.workflow.services import TransitionError


@dataclass
class TaskPlan:
    """One problem with its first task and responsibility, as a form or an import row gives it."""

    title: str
    unit: Unit
    problem_type: ProblemType
    measure: str
    category: str = Task.Category.DEADLINE
    due_date: date | None = None
    due_working_days: int | None = None
    leader: User | None = None
    person: str = ""
    assist_units: list[Unit] = field(default_factory=list)
    description: str = ""
    links: dict[str, Any] = field(default_factory=dict)  # recommendation_item, case, risk, loophole …


def guess_type(text: str, unit: Unit, types: list[ProblemType]) -> ProblemType:
    """The type whose keywords the text mentions most (a same-field type wins a tie)."""

    def score(t: ProblemType) -> tuple[int, int]:
        hits = sum(1 for k in t.keywords.split("|") if k and k in text)
        return (hits, 1 if hits and t.field == unit.field else 0)

    best = max(types, key=score)
    return best if score(best)[0] else next(t for t in types if t.category == ProblemType.Category.OTHER)


def _create(plan: TaskPlan, *, issuer: Unit, source: str, by: User) -> Task:
    problem = Problem.objects.create(
        unit=plan.unit,
        issuer=issuer,
        source=source,
        problem_type=plan.problem_type,
        title=plan.title[:300],
        description=plan.description,
        created_by=by,
        **plan.links,
    )
    task = Task.objects.create(
        problem=problem,
        unit=plan.unit,
        measure=plan.measure,
        category=plan.category,
        due_date=plan.due_date,
        due_working_days=plan.due_working_days,
        created_by=by,
    )
    Responsibility.objects.create(
        task=task, unit=plan.unit, role=Responsibility.Role.LEAD, leader=plan.leader, person=plan.person
    )
    for unit in plan.assist_units:
        Responsibility.objects.create(task=task, unit=unit, role=Responsibility.Role.ASSIST)
    record(by, "rectification.problem.created", problem, source=source, task=task.pk)
    return task


@transaction.atomic
def create_tasks(
    plans: list[TaskPlan], *, issuer: Unit, source: str, by: User, issue_now: bool = False
) -> list[Task]:
    """All plans or none: every unit is checked before the first row is written, and with
    `issue_now` each task is issued in the same transaction, so one refused issue (a past
    deadline, say) leaves nothing behind, neither drafts nor issued tasks."""
    for plan in plans:
        if not perms.is_issuer_side(by, plan.unit, issuer):
            raise PermissionDenied
    tasks = [_create(plan, issuer=issuer, source=source, by=by) for plan in plans]
    if issue_now:
        tasks = [issue_task(task, by=by) for task in tasks]
    return tasks


def plans_from_recommendation(rec: Any, types: list[ProblemType]) -> list[TaskPlan]:
    """One plan per 建议 item not yet turned into a problem; the item text is the measure."""
    analysis = rec.analysis
    plans = []
    for item in rec.items.filter(problem__isnull=True):
        links: dict[str, Any] = {"recommendation_item": item, "case": rec.case}
        if analysis is not None:
            links.update(_linked_analysis_record(item.text, analysis))
        plans.append(
            TaskPlan(
                title=item.text[:300],
                unit=rec.unit,
                problem_type=guess_type(item.text, rec.unit, types),
                measure=item.text,
                description=f"来源：{rec.number or rec.title} 第{item.seq}条建议",
                links=links,
            )
        )
    return plans


def _linked_analysis_record(text: str, analysis: Any) -> dict[str, Any]:
    for hole in analysis.loopholes.all():
        if hole.description in text:
            return {"loophole": hole}
    for risk in analysis.risks.all():
        if risk.description in text:
            return {"risk": risk}
    return {}


@transaction.atomic
def tasks_from_recommendation(
    rec: Any, plans: list[TaskPlan], *, by: User, issue_now: bool = False
) -> list[Task]:
    if rec.status not in ("issued", "replied", "implementing"):
        raise TransitionError("建议书送达后才能分解为整改任务。")
    return create_tasks(
        plans, issuer=rec.issuer, source=Problem.Source.RECOMMENDATION, by=by, issue_now=issue_now
    )


@transaction.atomic
def create_inspection(
    *, by: User, unit: Unit, issuer: Unit, title: str, feedback_date: date
) -> InspectionBatch:
    """巡察反馈: the unit must report its overall rectification within N months (default 2)."""
    if not perms.is_issuer_side(by, unit, issuer):
        raise PermissionDenied
    months = RectificationPolicy.for_issuer(issuer.pk).inspection_report_months
    batch = InspectionBatch.objects.create(
        unit=unit,
        issuer=issuer,
        title=title,
        feedback_date=feedback_date,
        report_due=feedback_date + relativedelta(months=months),
        created_by=by,
    )
    record(by, "rectification.inspection.created", batch, report_due=batch.report_due)
    return batch


@transaction.atomic
def report_inspection(batch: InspectionBatch, *, by: User, reported_on: date) -> InspectionBatch:
    if not is_unit_side(by, batch.unit):
        raise PermissionDenied
    batch.reported_on = reported_on
    batch.save(update_fields=["reported_on", "updated_at"])
    record(by, "rectification.inspection.reported", batch, reported_on=reported_on)
    return batch
