"""类案自查 workflow: push a case to units, the unit answers its 自查表, the pushing body reviews.

pending -submit-> submitted -accept-> accepted   ("存在" rows → problems with issued tasks)
                     |   ^
              return v   | submit
                  returned

Each transition locks the row, checks the capability and the table (workflow.move), writes the
history and audit event in the same transaction. Accepting creates the problems through the
rectification engine (create_tasks, issued at once): all rows or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Case, CaseAnalysis
from mingjian.notifications.services import notify
from mingjian.org.models import Person, Unit, User
from mingjian.org.permissions import UNIT_ROLES, can_supervise, users_over
from mingjian.rectification.models import Problem, ProblemType
from mingjian.rectification.permissions import leaders_of
from mingjian.rectification.services import TaskPlan, create_tasks, guess_type
from mingjian.selfcheck import permissions as perms
from mingjian.selfcheck.models import CasePush, Checklist, ChecklistRow
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = Checklist.Status
A = ChecklistRow.Answer
MIN_SCOPE = 6  # "不存在" needs the scope checked, in words: "已查" alone says nothing


def points_of(analysis: CaseAnalysis) -> list[dict[str, Any]]:
    """The 自查表's rows: every 廉政风险点, then every 制度漏洞, as the analysis states them."""
    rows: list[dict[str, Any]] = [
        {"source": ChecklistRow.Source.RISK, "risk": r, "point": str(r)} for r in analysis.risks.all()
    ]
    rows += [
        {"source": ChecklistRow.Source.LOOPHOLE, "loophole": h, "point": str(h)}
        for h in analysis.loopholes.all()
    ]
    return rows


def pushable(case: Case) -> tuple[CaseAnalysis | None, str]:
    """The case's analysis if a 自查表 can be made from it, else why not."""
    analysis = CaseAnalysis.objects.filter(case=case).first()
    if analysis is None or analysis.status != CaseAnalysis.Status.APPROVED:
        return None, "案件剖析审定后才能推送类案自查。"
    if not analysis.risks.exists() and not analysis.loopholes.exists():
        return None, "案件剖析中没有廉政风险点或制度漏洞，无法生成自查表。"
    return analysis, ""


def _check_units(case: Case, units: list[Unit], by: User) -> None:
    for unit in units:
        if not can_supervise(by, unit):
            raise PermissionDenied
    errors = []
    if not units:
        errors.append("请至少选择一个自查单位")
    if any(u.pk == case.unit_id for u in units):
        errors.append(f"{case.unit.name}是案发单位，按建议书整改，不需推送自查")
    taken = set(
        Checklist.objects.filter(push__case=case, unit__in=units).values_list("unit__name", flat=True)
    )
    errors += [f"{name}已推送过本案的自查表" for name in sorted(taken)]
    if len({u.pk for u in units}) != len(units):
        errors.append("同一单位选择了两次")
    if errors:
        raise TransitionError("；".join(errors) + "。")


@transaction.atomic
def push_case(case: Case, *, by: User, units: list[Unit], due_date: date, note: str = "") -> CasePush:
    """推送类案自查: one 自查表 per unit, one row per risk point and loophole of the analysis."""
    issuer = perms.push_issuer(by)
    if issuer is None or not perms.can_push(by, case):
        raise PermissionDenied
    analysis, why = pushable(case)
    if analysis is None:
        raise TransitionError(why)
    _check_units(case, units, by)
    if due_date < timezone.localdate():
        raise TransitionError("自查报送时限不能早于今天。")
    push = CasePush.objects.create(
        case=case, issuer=issuer, due_date=due_date, note=note.strip(), created_by=by
    )
    points = points_of(analysis)
    for unit in units:
        checklist = Checklist.objects.create(push=push, unit=unit)
        ChecklistRow.objects.bulk_create(
            ChecklistRow(checklist=checklist, seq=seq, **point) for seq, point in enumerate(points, 1)
        )
        for user in users_over(unit, UNIT_ROLES):
            notify(
                user,
                key=f"selfcheck:{checklist.pk}:pushed",
                title=f"请对照典型案例开展自查（{due_date:%m月%d日}前报送）",
                url=checklist.get_absolute_url(),
            )
    record(by, "selfcheck.push.created", push, unit=issuer, case=case.pk, units=[u.pk for u in units])
    return push


@dataclass
class RowAnswer:
    row: ChecklistRow
    answer: str = ""
    manifestation: str = ""
    measure: str = ""
    scope_checked: str = ""
    due_date: date | None = None
    leader: User | None = None
    person: Person | None = None


ANSWER_FIELDS = ("answer", "manifestation", "measure", "scope_checked", "due_date", "leader", "person")


@transaction.atomic
def save_checklist(checklist: Checklist, *, by: User, answers: list[RowAnswer]) -> Checklist:
    """Store the answers as typed (completeness is checked when it is submitted)."""
    checklist = lock(checklist)
    if not perms.can_draft(by, checklist):
        raise PermissionDenied
    if not checklist.is_editable:
        raise TransitionError(f"自查表{checklist.get_status_display()}，不能修改。")
    for a in answers:
        if a.row.checklist_id != checklist.pk:
            raise PermissionDenied  # a row of another 自查表: never on this one's page
        if a.answer not in ("", *A.values):
            raise TransitionError(f"第{a.row.seq}项：是否存在只能选“存在”或“不存在”。")
        for name in ANSWER_FIELDS:
            value = getattr(a, name)
            setattr(a.row, name, value.strip() if isinstance(value, str) else value)
        a.row.save(update_fields=list(ANSWER_FIELDS))
    if checklist.drafted_by_id is None:
        checklist.drafted_by = by
        checklist.save(update_fields=["drafted_by", "updated_at"])
    record(by, "selfcheck.checklist.saved", checklist, unit=checklist.unit, rows=len(answers))
    return checklist


def _row_errors(row: ChecklistRow, unit: Unit, today: date) -> list[str]:
    where = f"第{row.seq}项"
    if row.answer == A.ABSENT:
        if len(row.scope_checked.strip()) < MIN_SCOPE:
            return [f"{where}：选“不存在”须写明检查范围（查阅了哪些档案、抽查了哪些环节和数量）"]
        return []
    if row.answer != A.EXISTS:
        return [f"{where}：请选择是否存在"]
    errors = []
    if not row.manifestation.strip():
        errors.append(f"{where}：请填写具体表现")
    if not row.measure.strip():
        errors.append(f"{where}：请填写整改措施")
    if row.due_date is None or row.due_date < today:
        errors.append(f"{where}：请填写完成时限（不早于今天）")
    if row.leader_id is None or not leaders_of(unit).filter(pk=row.leader_id).exists():
        errors.append(f"{where}：责任领导须为{unit.leadership_unit().name}班子成员")
    if row.person_id is None or not Person.objects.roster_of(unit).filter(pk=row.person_id).exists():
        errors.append(f"{where}：请从{unit.name}干部名册中选择责任人")
    return errors


def check_complete(checklist: Checklist) -> None:
    today = timezone.localdate()
    errors = [e for row in checklist.rows.all() for e in _row_errors(row, checklist.unit, today)]
    if errors:
        raise TransitionError("；".join(errors) + "。")


@transaction.atomic
def submit_checklist(checklist: Checklist, *, by: User) -> Checklist:
    """The unit's 书记 or 主要负责人 sends its answers."""
    checklist = lock(checklist)
    if not perms.can_submit(by, checklist):
        raise PermissionDenied
    check(checklist, S.SUBMITTED)
    check_complete(checklist)
    checklist.submitted_by, checklist.submitted_at, checklist.return_reason = by, timezone.now(), ""
    found = checklist.rows.filter(answer=A.EXISTS).count()
    move(
        checklist,
        to=S.SUBMITTED,
        by=by,
        action="submit",
        audit_action="selfcheck.checklist.submitted",
        fields=("submitted_by", "submitted_at", "return_reason"),
        found=found,
    )
    creator = checklist.push.created_by
    if creator is not None:
        notify(
            creator,
            key=f"selfcheck:{checklist.pk}:submitted:{checklist.submitted_at:%Y%m%d%H%M%S}",
            title=f"{checklist.unit.name}报送了类案自查表（发现问题{found}项）",
            url=checklist.get_absolute_url(),
        )
    return checklist


@transaction.atomic
def return_checklist(checklist: Checklist, *, by: User, reason: str) -> Checklist:
    checklist = lock(checklist)
    if not perms.can_review(by, checklist):
        raise PermissionDenied
    check(checklist, S.RETURNED)
    require_independent(by, checklist, "退回")
    if not reason.strip():
        raise TransitionError("退回自查表须写明理由。")
    checklist.return_reason = reason.strip()
    move(
        checklist,
        to=S.RETURNED,
        by=by,
        action="return",
        audit_action="selfcheck.checklist.returned",
        comment=checklist.return_reason,
        fields=("return_reason",),
    )
    for user in users_over(checklist.unit, UNIT_ROLES):
        notify(
            user,
            key=f"selfcheck:{checklist.pk}:returned:{timezone.now():%Y%m%d%H%M%S}",
            title=f"类案自查表被退回：{checklist.return_reason[:40]}",
            url=checklist.get_absolute_url(),
        )
    return checklist


def _plan(row: ChecklistRow, checklist: Checklist, types: list[ProblemType]) -> TaskPlan:
    unit = checklist.unit
    return TaskPlan(
        title=row.manifestation[:300],
        unit=unit,
        problem_type=guess_type(f"{row.point} {row.manifestation}", unit, types),
        measure=row.measure,
        due_date=row.due_date,
        leader=row.leader,
        person=row.person,
        description=f"类案自查发现（对照{row.get_source_display()}：{row.point}）",
        links={"case": checklist.push.case, "risk": row.risk, "loophole": row.loophole},
    )


@transaction.atomic
def accept_checklist(checklist: Checklist, *, by: User, comment: str = "") -> Checklist:
    """审核通过: every "存在" row becomes a problem (自查自纠) with an issued task."""
    checklist = lock(checklist)
    if not perms.can_review(by, checklist):
        raise PermissionDenied
    check(checklist, S.ACCEPTED)
    require_independent(by, checklist, "审核")
    check_complete(checklist)
    rows = list(checklist.rows.filter(answer=A.EXISTS).select_related("risk", "loophole", "leader", "person"))
    types = list(ProblemType.objects.exclude(category=ProblemType.Category.ACTION))
    plans = [_plan(row, checklist, types) for row in rows]
    tasks = create_tasks(
        plans, issuer=checklist.push.issuer, source=Problem.Source.SELF_INSPECTION, by=by, issue_now=True
    )
    for row, task in zip(rows, tasks, strict=True):
        row.problem = task.problem
        row.save(update_fields=["problem"])
    checklist.reviewed_by, checklist.reviewed_at = by, timezone.now()
    move(
        checklist,
        to=S.ACCEPTED,
        by=by,
        action="accept",
        audit_action="selfcheck.checklist.accepted",
        comment=comment,
        fields=("reviewed_by", "reviewed_at"),
        problems=[t.problem_id for t in tasks],
    )
    return checklist
