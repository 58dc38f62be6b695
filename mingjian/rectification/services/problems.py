"""Problems that the assigning side registers itself — 专项治理 findings, 自查自纠, 回头看 反弹,
a ledger import — with their first task, and 巡察 feedback batches.

A 建议书 or a 巡察's feedback does not go through here: the unit answers it with its own
整改方案 (services.plans), and the approved plan becomes the tasks. A TaskPlan draft is completed
(deadline, 责任领导, 责任人 from the 干部名册) and issued through services.tasks.issue_task, or
issued at once with create_tasks(..., issue_now=True).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.audit.services import append_events, prepare_events, record
from mingjian.lib.bulk import PreparedInsert, assign_ids, prepare_insert
from mingjian.lib.search import document_terms
from mingjian.org.models import Person, Role, Unit, User, path_in_scope
from mingjian.rectification import permissions as perms
from mingjian.rectification import report_texts
from mingjian.rectification.models import (
    InspectionBatch,
    InspectionItem,
    Problem,
    ProblemType,
    RectificationReport,
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
    person: Person | None = None
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


def _check_plans(plans: list[TaskPlan], *, issuer: Unit, by: User) -> None:
    """Every unit and 责任领导 is checked before the first row is written (once per unit)."""
    allowed: dict[int, bool] = {}
    leaders: dict[int, set[int]] = {}
    for plan in plans:
        unit = plan.unit
        if unit.pk not in allowed:
            allowed[unit.pk] = perms.is_issuer_side(by, unit, issuer)
        if not allowed[unit.pk]:
            raise PermissionDenied
        if plan.leader is None:
            continue
        if unit.pk not in leaders:
            leaders[unit.pk] = set(perms.leaders_of(unit).values_list("pk", flat=True))
        if plan.leader.pk not in leaders[unit.pk]:
            raise TransitionError(f"责任领导须为{unit.leadership_unit().name}班子成员（联络员不能担任）。")


@dataclass
class PreparedTasks:
    """New problems, tasks and responsibility rows with their ids and audit events, converted
    for the database but not yet written: `write()` then takes a fraction of a second for
    thousands of rows, so the one transaction that keeps them all-or-nothing is short."""

    tasks: list[Task]
    inserts: list[PreparedInsert]
    events: list[AuditEvent]

    def write(self) -> list[Task]:
        assert transaction.get_connection().in_atomic_block  # noqa: S101
        for insert in self.inserts:
            insert.execute()
        append_events(self.events)
        return self.tasks


def prepare_tasks(plans: list[TaskPlan], *, issuer: Unit, source: str, by: User) -> PreparedTasks:
    """Check every plan (units, 责任领导) and build its rows; call it before the transaction."""
    _check_plans(plans, issuer=issuer, by=by)
    problems = [
        Problem(
            unit=plan.unit,
            issuer=issuer,
            source=source,
            problem_type=plan.problem_type,
            title=plan.title[:300],
            description=plan.description,
            created_by=by,
            **plan.links,
        )
        for plan in plans
    ]
    assign_ids(problems)
    tasks = [
        Task(
            problem=problem,
            source=problem.source,
            campaign_id=problem.campaign_id,
            problem_title=problem.title,
            unit=plan.unit,
            measure=plan.measure,
            search_terms=document_terms(plan.measure, problem.title),
            category=plan.category,
            due_date=plan.due_date,
            due_working_days=plan.due_working_days,
            created_by=by,
        )
        for problem, plan in zip(problems, plans, strict=True)
    ]
    assign_ids(tasks)
    rows = []
    for task, plan in zip(tasks, plans, strict=True):
        lead = Responsibility.Role.LEAD
        rows.append(
            Responsibility(task=task, unit=plan.unit, role=lead, leader=plan.leader, person=plan.person)
        )
        rows += [
            Responsibility(task=task, unit=u, role=Responsibility.Role.ASSIST) for u in plan.assist_units
        ]
    assign_ids(rows)
    events = [(p, {"source": source, "task": t.pk}) for p, t in zip(problems, tasks, strict=True)]
    return PreparedTasks(
        tasks,
        [prepare_insert(problems), prepare_insert(tasks), prepare_insert(rows)],
        prepare_events(by, "rectification.problem.created", events),
    )


@transaction.atomic
def create_tasks(
    plans: list[TaskPlan], *, issuer: Unit, source: str, by: User, issue_now: bool = False
) -> list[Task]:
    """All plans or none: every unit is checked before the first row is written, and with
    `issue_now` each task is issued in the same transaction, so one refused issue (a past
    deadline, say) leaves nothing behind, neither drafts nor issued tasks."""
    return write_tasks(prepare_tasks(plans, issuer=issuer, source=source, by=by), by=by, issue_now=issue_now)


def write_tasks(prepared: PreparedTasks, *, by: User, issue_now: bool = False) -> list[Task]:
    """Write tasks prepared by prepare_tasks() (and issue them) inside the caller's transaction."""
    tasks = prepared.write()
    if issue_now:
        tasks = [issue_task(task, by=by) for task in tasks]
    return tasks


@transaction.atomic
def create_inspection(
    *,
    by: User,
    unit: Unit,
    issuer: Unit,
    title: str,
    feedback_date: date,
    concentrated_until: date | None = None,
    items: list[str] | None = None,
) -> InspectionBatch:
    """巡察反馈, by the 巡察机构: the unit reports within two months (the rule, not a setting); the
    集中整改期 defaults to the same two months."""
    if issuer.kind != Unit.Kind.INSPECTION or not path_in_scope(
        by, issuer.path, frozenset({Role.INSPECTION_OFFICE})
    ):
        raise PermissionDenied
    if feedback_date > timezone.localdate():
        raise TransitionError("反馈日期不能晚于今天。")
    due = feedback_date + relativedelta(months=InspectionBatch.REPORT_MONTHS)
    if concentrated_until is not None and concentrated_until < feedback_date:
        raise TransitionError("集中整改期截止日期不能早于反馈日期。")
    batch = InspectionBatch.objects.create(
        unit=unit,
        issuer=issuer,
        title=title,
        feedback_date=feedback_date,
        report_due=due,
        concentrated_until=concentrated_until or due,
        created_by=by,
    )
    add_inspection_items(batch, by=by, texts=items or [])
    record(by, "rectification.inspection.created", batch, report_due=batch.report_due)
    return batch


@transaction.atomic
def add_inspection_items(batch: InspectionBatch, *, by: User, texts: list[str]) -> list[InspectionItem]:
    """The 反馈问题, one per line as the 巡察 feedback states them."""
    if not perms.is_inspection_office(by, batch):
        raise PermissionDenied
    if hasattr(batch, "plan") and batch.plan.status == batch.plan.Status.APPROVED:
        raise TransitionError("整改方案已批准，新的反馈问题请另行登记。")
    start = batch.items.count()
    made = [
        InspectionItem.objects.create(batch=batch, seq=start + n, text=text.strip())
        for n, text in enumerate((t for t in texts if t.strip()), 1)
    ]
    if made:
        record(by, "rectification.inspection.items_added", batch, count=len(made))
    return made


@transaction.atomic
def end_concentrated_period(batch: InspectionBatch, *, by: User | None = None) -> int:
    """集中整改期 over: open long-term items continue as 常态化整改. Returns how many moved.
    Run by the daily job for every batch past its date (and idempotent: moved items stay moved)."""
    open_long = Task.objects.filter(
        problem__inspection=batch, category=Task.Category.LONG_TERM, normalized=False
    )
    open_long = open_long.exclude(status=Task.Status.ACCEPTED)
    moved = open_long.update(normalized=True)  # a scheduling flag, not a status: no transition
    if moved:
        record(by, "rectification.inspection.normalized", batch, unit=batch.unit, tasks=moved)
    # The draft of the 整改进展情况公开, for the unit to edit and publish.
    RectificationReport.objects.get_or_create(
        inspection=batch,
        kind=RectificationReport.Kind.DISCLOSURE,
        defaults={"unit": batch.unit, "text": report_texts.disclosure_text(batch)},
    )
    return moved
