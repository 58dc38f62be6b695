"""整改方案: written by the unit, approved by the side that assigned the work, turned into tasks.

A plan answers either a 建议书 (its items) or a 巡察's feedback (its items). The unit's liaison
saves it as often as needed (`save_plan`); its 主要负责人, or a leader they authorised, submits it
(for a 建议书 together with the formal reply — see answers.submit_answer); the 纪委 / 派驻组 (for a
巡察: the 巡察机构) approves it or returns it with reasons. Approval creates one problem per item —
the 问题 as the analysis or the 巡察 found it — and one task per measure, already issued, all in
one transaction; measures that already have a task are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Recommendation, RecommendationItem, RecommendationPolicy
from mingjian.cases.permissions import can_issue_as, can_review
from mingjian.org.models import Person, Unit, User
from mingjian.org.permissions import can_act_in, is_unit_side
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import (
    PlanEntry,
    PlanMeasure,
    Problem,
    ProblemType,
    RectificationPlan,
    Responsibility,
    Task,
)
from mingjian.rectification.services.problems import guess_type
from mingjian.rectification.services.tasks import start_clock
from mingjian.workflow.services import TransitionError, lock, move, require_independent

P = RectificationPlan.Status


@dataclass
class MeasureInput:
    measure: str
    lead_unit: Unit
    category: str = Task.Category.DEADLINE
    due_date: date | None = None
    due_working_days: int | None = None
    leader: User | None = None
    person: Person | None = None
    assist_units: list[Unit] = field(default_factory=list)


@dataclass
class EntryInput:
    """The plan's answer to one item (a RecommendationItem or an InspectionItem)."""

    item: Any
    measures: list[MeasureInput] = field(default_factory=list)
    problem_type: ProblemType | None = None


def plan_for(*, unit: Unit, issuer: Unit, by: User, **source: Any) -> RectificationPlan:
    """The plan of a 建议书 or a 巡察 batch, created as an empty draft on first use."""
    plan, _ = RectificationPlan.objects.get_or_create(
        **source, defaults={"unit": unit, "issuer": issuer, "drafted_by": by}
    )
    return plan


def can_draft(user: User, plan: RectificationPlan) -> bool:
    """The unit's own people write its plan (主体责任); never the read-only leader."""
    return is_unit_side(user, plan.unit) and can_act_in(user, plan.unit)


def can_submit(user: User, plan: RectificationPlan) -> bool:
    """Its 书记/主要负责人 — or the 班子成员 they authorised to reply to the 建议书 — submits it."""
    rec = plan.recommendation
    if rec is not None:
        return perms.may_answer_for(user, rec)
    return perms.principals_of(plan.unit).filter(pk=user.pk).exists()


def can_approve(user: User, plan: RectificationPlan) -> bool:
    if plan.inspection_id is not None:
        return perms.is_inspection_office(user, plan.inspection)
    rec = plan.recommendation
    return rec is not None and can_review(user, rec.unit) and can_issue_as(user, rec.issuer)


def _check_measure(m: MeasureInput, plan: RectificationPlan, where: str) -> list[str]:
    errors = []
    if not m.measure.strip():
        errors.append(f"{where}：请填写整改措施")
    if not m.lead_unit.is_within(plan.unit):
        errors.append(f"{where}：牵头单位须为{plan.unit.name}或其下属单位")
    if m.category != Task.Category.LONG_TERM and not (m.due_date or m.due_working_days):
        errors.append(f"{where}：请填写完成时限（日期或批准后工作日数）")
    if m.due_date and m.due_date < timezone.localdate():
        errors.append(f"{where}：完成时限不能早于今天")
    if m.leader is None or not perms.leaders_of(m.lead_unit).filter(pk=m.leader.pk).exists():
        errors.append(f"{where}：责任领导须为{m.lead_unit.leadership_unit().name}班子成员（联络员不能担任）")
    if m.person is None or not m.person.unit.is_within(plan.unit):
        errors.append(f"{where}：请从{plan.unit.name}干部名册中选择责任人")
    return errors


def check_complete(plan: RectificationPlan) -> None:
    """Every item still in force has at least one complete measure; errors name item and measure."""
    errors: list[str] = []
    for entry in plan.entries.select_related("recommendation_item", "inspection_item"):
        item: Any = entry.item
        if isinstance(item, RecommendationItem) and not item.in_force:
            continue
        measures = list(entry.measures.all())
        if not measures:
            errors.append(f"第{item.seq}项：请至少填写一项整改措施")
        for m in measures:
            mi = MeasureInput(
                m.measure, m.lead_unit, m.category, m.due_date, m.due_working_days, m.leader, m.person
            )
            errors += _check_measure(mi, plan, f"第{item.seq}项措施{m.seq}") if m.task_id is None else []
    if errors:
        raise TransitionError("；".join(errors) + "。")


def _save_entry(plan: RectificationPlan, entry_input: EntryInput) -> None:
    item = entry_input.item
    key: dict[str, Any] = (
        {"recommendation_item": item} if isinstance(item, RecommendationItem) else {"inspection_item": item}
    )
    entry, _ = PlanEntry.objects.get_or_create(plan=plan, **key)
    if entry_input.problem_type is not None:
        entry.problem_type = entry_input.problem_type
        entry.save(update_fields=["problem_type"])
    entry.measures.filter(task__isnull=True).delete()  # measures already tasks are fixed
    start = entry.measures.count()
    for seq, m in enumerate(entry_input.measures, start + 1):
        row = PlanMeasure.objects.create(
            entry=entry,
            seq=seq,
            measure=m.measure.strip(),
            category=m.category,
            due_date=m.due_date,
            due_working_days=m.due_working_days,
            lead_unit=m.lead_unit,
            leader=m.leader,
            person=m.person,
        )
        row.assist_units.set(m.assist_units)


@transaction.atomic
def save_plan(plan: RectificationPlan, *, by: User, entries: list[EntryInput]) -> RectificationPlan:
    """Store the draft as typed (incomplete rows are kept; completeness is checked on submit)."""
    plan = lock(plan)
    if not can_draft(by, plan):
        raise PermissionDenied
    if not plan.is_editable:
        raise TransitionError(f"整改方案{plan.get_status_display()}，不能修改。")
    for entry in entries:
        _save_entry(plan, entry)
    record(by, "rectification.plan.saved", plan, unit=plan.unit, entries=len(entries))
    return plan


def mark_submitted(plan: RectificationPlan, *, by: User) -> None:
    """Move a checked, locked plan to 待审批 (its caller checked who may submit)."""
    check_complete(plan)
    plan.submitted_by, plan.submitted_at, plan.return_reason = by, timezone.now(), ""
    move(
        plan,
        to=P.SUBMITTED,
        by=by,
        action="submit",
        audit_action="rectification.plan.submitted",
        fields=("submitted_by", "submitted_at", "return_reason"),
    )


def submittable(plan: RectificationPlan) -> bool:
    """Sent on its own: a 巡察 plan, or a 建议书's plan once the reply is in (the first time it
    goes with the formal reply)."""
    if not plan.is_editable:
        return False
    rec = plan.recommendation
    reply = getattr(rec, "reply", None) if rec is not None else None
    return rec is None or (reply is not None and reply.is_submitted)


@transaction.atomic
def submit_plan(plan: RectificationPlan, *, by: User) -> RectificationPlan:
    """Send the plan (again) for approval: a 巡察 plan, or a 建议书's plan after a return."""
    plan = lock(plan)
    if not can_submit(by, plan):
        raise PermissionDenied
    if not submittable(plan):
        raise TransitionError("建议书的整改方案随正式回复一并报送，请在回复页面提交。")
    mark_submitted(plan, by=by)
    return plan


@transaction.atomic
def return_plan(plan: RectificationPlan, *, by: User, reason: str) -> RectificationPlan:
    plan = lock(plan)
    if not can_approve(by, plan):
        raise PermissionDenied
    if plan.status != P.SUBMITTED:
        raise TransitionError("只有待审批的整改方案可以退回。")
    return reopen_plan(plan, by=by, reason=reason, action="return")


def reopen_plan(
    plan: RectificationPlan, *, by: User, reason: str, action: str = "reopen"
) -> RectificationPlan:
    """Back to the unit to amend (returned, or reopened after an objection was decided)."""
    if not reason.strip():
        raise TransitionError("退回整改方案须写明理由。")
    plan.return_reason = reason.strip()
    move(
        plan,
        to=P.RETURNED,
        by=by,
        action=action,
        audit_action=f"rectification.plan.{'returned' if action == 'return' else 'reopened'}",
        comment=plan.return_reason,
        fields=("return_reason",),
    )
    return plan


# Stock 建议 become work items of these action types, never counted as a class of problem.
STOCK_TYPES: dict[str, str] = {
    RecommendationItem.Kind.EDUCATION: "警示教育",
    RecommendationItem.Kind.SELF_INSPECTION: "举一反三自查自纠",
}


def _problem_type(entry: PlanEntry, item: Any, text: str, unit: Unit) -> ProblemType:
    if isinstance(item, RecommendationItem) and item.is_stock:
        return ProblemType.objects.get(name=STOCK_TYPES[item.kind])
    if entry.problem_type is not None:
        return entry.problem_type
    return guess_type(text, unit, list(ProblemType.objects.exclude(category=ProblemType.Category.ACTION)))


def _problem_for(entry: PlanEntry, plan: RectificationPlan, by: User) -> Problem:
    """The entry's 问题: what the analysis (or the 巡察) found — never the 建议 or the measure."""
    if entry.problem is not None:
        return entry.problem
    item: Any = entry.item
    text = item.problem_text or item.text
    links: dict[str, Any]
    if isinstance(item, RecommendationItem):
        rec = item.recommendation
        links = {"recommendation_item": item, "case": rec.case, "risk": item.risk, "loophole": item.loophole}
        source = Problem.Source.RECOMMENDATION
    else:
        links, source = {"inspection": item.batch}, Problem.Source.INSPECTION
    problem = Problem.objects.create(
        unit=plan.unit,
        issuer=plan.issuer,
        source=source,
        problem_type=_problem_type(entry, item, text, plan.unit),
        title=text[:300],
        description=text,
        created_by=by,
        **links,
    )
    entry.problem = problem
    entry.save(update_fields=["problem"])
    record(by, "rectification.problem.created", problem, source=source, plan=plan.pk)
    return problem


def _task_for(measure: PlanMeasure, problem: Problem, by: User) -> Task:
    task = Task.objects.create(
        problem=problem,
        unit=measure.lead_unit,
        measure=measure.measure,
        category=measure.category,
        due_date=measure.due_date,
        due_working_days=measure.due_working_days,
        created_by=by,
    )
    Responsibility.objects.create(
        task=task,
        unit=measure.lead_unit,
        role=Responsibility.Role.LEAD,
        leader=measure.leader,
        person=measure.person,
    )
    for unit in measure.assist_units.all():
        Responsibility.objects.create(task=task, unit=unit, role=Responsibility.Role.ASSIST)
    measure.task = task
    measure.save(update_fields=["task"])
    return start_clock(task, by=by)


def _objection_holds(plan: RectificationPlan) -> bool:
    rec = plan.recommendation
    if rec is None or rec.status != Recommendation.Status.OBJECTION:
        return False
    return RecommendationPolicy.for_issuer(rec.issuer).objection_suspends


@transaction.atomic
def approve_plan(plan: RectificationPlan, *, by: User, comment: str = "") -> list[Task]:
    """Approve the unit's plan: every new measure becomes an issued task, in this transaction."""
    plan = lock(plan)
    if not can_approve(by, plan):
        raise PermissionDenied
    require_independent(by, plan, "审批")
    if _objection_holds(plan):
        raise TransitionError("异议处理期间暂停执行（见建议书审批设置），请先处理异议。")
    check_complete(plan)
    tasks = []
    for entry in plan.entries.select_related("recommendation_item", "inspection_item", "problem"):
        item: Any = entry.item
        if isinstance(item, RecommendationItem) and not item.in_force:
            continue
        measures = list(entry.measures.filter(task__isnull=True))
        if measures:
            problem = _problem_for(entry, plan, by)
            tasks += [_task_for(m, problem, by) for m in measures]
    plan.approved_by, plan.approved_at = by, timezone.now()
    move(
        plan,
        to=P.APPROVED,
        by=by,
        action="approve",
        audit_action="rectification.plan.approved",
        comment=comment,
        fields=("approved_by", "approved_at"),
        tasks=len(tasks),
    )
    rec = plan.recommendation
    if rec is not None and rec.status == Recommendation.Status.REPLIED:
        rec = lock(rec)
        move(
            rec,
            to=Recommendation.Status.IMPLEMENTING,
            by=by,
            action="implement",
            audit_action="cases.recommendation.implementing",
            comment="整改方案已批准",
        )
    return tasks
