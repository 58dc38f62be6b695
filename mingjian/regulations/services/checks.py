"""制度执行检查 and 回头看 of regulations in force.

scheduled -record / conclude-> done
    +-cancel-> cancelled (the rule was repealed first)

When a rule goes into force its execution check is scheduled `check_months` after 施行 and its
回头看 `review_months` after, by the policy of the body that supervises the unit (its 派驻组, else
the 纪委监委 over it). The supervising side records the execution check; anything short of 执行到位
schedules a re-check, and 未执行 (or 部分执行, when the checker says so) raises a problem with its
task through the 整改 engine — issued at once, with its 责任领导 and 责任人. A 回头看 weighs the rule's
科学性、精准度、时效性: "继续有效" schedules the next one; "需修订" or "需废止" opens the draft of the
revision or repeal for the unit to complete, with its links carried over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import Person, Unit, User
from mingjian.rectification import services as rect
from mingjian.rectification.models import Problem, ProblemType, Task
from mingjian.rectification.permissions import issuer_for
from mingjian.regulations import permissions as perms
from mingjian.regulations.models import Regulation, RegulationCheck, RegulationPolicy
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

C = RegulationCheck
MAX_TEXT = 5_000
# The vocabulary's type for a rule on paper that is not applied.
EXECUTION_TYPE = "制度执行不到位"


def checking_body(unit: Unit) -> Unit | None:
    """Who supervises the unit day to day: the 派驻纪检组 over it (or over a unit above it), else
    the nearest 纪委监委 of its area."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/")]
    group = (
        Unit.objects.filter(kind=Unit.Kind.STATIONED, supervised_units__id__in=ancestors, is_active=True)
        .order_by("-depth", "id")
        .first()
    )
    if group is not None:
        return group
    return (
        Unit.objects.filter(kind=Unit.Kind.COMMISSION, parent_id__in=ancestors, is_active=True)
        .order_by("-depth", "id")
        .first()
    )


def _schedule(reg: Regulation, kind: str, due: date, checker: Unit | None) -> RegulationCheck:
    return RegulationCheck.objects.create(regulation=reg, kind=kind, due_on=due, checker=checker)


def schedule_after_issue(reg: Regulation, *, start: date | None = None) -> list[RegulationCheck]:
    """A rule in force gets its execution check and its first 回头看, counted from 施行 (or from
    `start`); a 废止 or 清理 decision, which is carried out once, gets neither."""
    if reg.kind not in (Regulation.Kind.NEW, Regulation.Kind.REVISED):
        return []
    start = start or reg.effective_on or timezone.localdate()
    checker = checking_body(reg.unit)
    policy = RegulationPolicy.for_issuer(checker)
    return [
        _schedule(reg, C.Kind.EXECUTION, start + relativedelta(months=policy.check_months), checker),
        _schedule(reg, C.Kind.REVIEW, start + relativedelta(months=policy.review_months), reg.unit),
    ]


def cancel_checks(reg: Regulation, *, by: User, reason: str) -> int:
    """The rule is repealed: its scheduled checks are called off (history kept)."""
    pending = list(reg.checks.filter(status=C.Status.SCHEDULED))
    for item in pending:
        move(
            item,
            to=C.Status.CANCELLED,
            by=by,
            action="cancel",
            audit_action="regulations.check.cancelled",
            comment=reason,
        )
    return len(pending)


@dataclass
class FollowUp:
    """The problem a failed check raises: the measure, deadline and people — chosen from the
    unit's 班子 (责任领导) and 干部名册 (责任人), never typed."""

    measure: str
    due_date: date | None
    leader: User | None
    person: Person | None


def _texts_ok(*texts: str) -> None:
    for text in texts:
        if len(text) > MAX_TEXT:
            raise TransitionError(f"检查情况过长（{len(text)} 字），上限 {MAX_TEXT} 字。")


def _problem_type() -> ProblemType:
    found = ProblemType.objects.filter(name=EXECUTION_TYPE).first()
    return found or ProblemType.objects.get(category=ProblemType.Category.OTHER)


def _raise_problem(item: RegulationCheck, by: User, follow: FollowUp) -> Task:
    reg = item.regulation
    if not follow.measure.strip():
        raise TransitionError("检查发现制度未执行到位，须写明整改措施，作为问题交办。")
    if follow.due_date is None:
        raise TransitionError("请填写整改完成时限。")
    if follow.leader is None:
        raise TransitionError(f"请从{reg.unit.leadership_unit().name}班子成员中选择责任领导。")
    if follow.person is None or not follow.person.unit.is_within(reg.unit):
        raise TransitionError(f"请从{reg.unit.name}干部名册中选择责任人。")
    hole = reg.loopholes.select_related("analysis__case").first()
    plan = rect.TaskPlan(
        title=f"{reg}执行检查：{item.get_result_display()}",
        unit=reg.unit,
        problem_type=_problem_type(),
        measure=follow.measure.strip(),
        due_date=follow.due_date,
        leader=follow.leader,
        person=follow.person,
        description=item.findings,
        links={"case": hole.analysis.case} if hole is not None else {},
    )
    issuer = issuer_for(by) or item.checker or reg.unit
    # 回头看发现 is the engine's source for what a later check finds; the check links back to it.
    return rect.create_tasks([plan], issuer=issuer, source=Problem.Source.FOLLOW_UP, by=by, issue_now=True)[0]


@transaction.atomic
def record_execution(
    item: RegulationCheck,
    *,
    by: User,
    result: str,
    findings: str,
    follow_up: FollowUp | None = None,
    checked_on: date | None = None,
) -> RegulationCheck:
    """Record a 制度执行检查; 未执行 (or 部分执行 with a follow-up) raises a problem with its task."""
    item = lock(item)
    reg = item.regulation
    if item.kind != C.Kind.EXECUTION:
        raise TransitionError("这是制度回头看，请填写科学性、精准度、时效性。")
    if not perms.can_check(by, reg):
        raise PermissionDenied
    check(item, C.Status.DONE)
    require_independent(by, reg, "检查")
    if result not in C.Result.values:
        raise TransitionError("请选择执行情况（执行到位、部分执行或未执行）。")
    if not findings.strip():
        raise TransitionError("请写明检查发现（查阅了哪些台账、抽查了多少事项、发现什么问题）。")
    _texts_ok(findings)
    if result == C.Result.NONE and follow_up is None:
        raise TransitionError("制度未执行，须作为问题交办：请填写整改措施、完成时限、责任领导和责任人。")
    item.result, item.findings = result, findings.strip()
    item.done_on, item.checked_by = checked_on or timezone.localdate(), by
    if follow_up is not None and result != C.Result.FULL:
        item.problem = _raise_problem(item, by, follow_up).problem
    move(
        item,
        to=C.Status.DONE,
        by=by,
        action="record",
        audit_action="regulations.check.recorded",
        fields=("result", "findings", "done_on", "checked_by", "problem"),
        result=result,
        problem=item.problem_id,
    )
    if result != C.Result.FULL and reg.status == Regulation.Status.IN_FORCE:
        months = RegulationPolicy.for_issuer(item.checker).check_months
        _schedule(reg, C.Kind.EXECUTION, item.done_on + relativedelta(months=months), item.checker)
    return item


def _draft_follow_on(reg: Regulation, by: User, kind: str) -> Regulation:
    """需修订 / 需废止: the draft of the revision or repeal, carrying the links, for the unit."""
    draft = Regulation.objects.create(
        unit=reg.unit, title=reg.title, kind=kind, revises=reg, summary="", drafted_by=by
    )
    draft.loopholes.set(reg.loopholes.all())
    draft.problems.set(reg.problems.all())
    record(by, "regulations.regulation.created", draft, kind=kind, revises=reg.pk, from_review=True)
    return draft


@transaction.atomic
def record_review(
    item: RegulationCheck,
    *,
    by: User,
    scientific: str,
    precision: str,
    timeliness: str,
    conclusion: str,
    checked_on: date | None = None,
) -> RegulationCheck:
    """Record a 回头看; returns the check (a draft revision or repeal opens when it is asked for)."""
    item = lock(item)
    reg = item.regulation
    if item.kind != C.Kind.REVIEW:
        raise TransitionError("这是制度执行检查，请填写执行情况。")
    if not perms.can_review(by, reg):
        raise PermissionDenied
    check(item, C.Status.DONE)
    if conclusion not in C.Conclusion.values:
        raise TransitionError("请选择回头看结论（继续有效、需修订或需废止）。")
    texts = [t.strip() for t in (scientific, precision, timeliness)]
    if not all(texts):
        raise TransitionError("请分别写明制度的科学性、精准度和时效性情况。")
    _texts_ok(*texts)
    item.scientific, item.precision, item.timeliness = texts
    item.conclusion, item.done_on, item.checked_by = conclusion, checked_on or timezone.localdate(), by
    move(
        item,
        to=C.Status.DONE,
        by=by,
        action="conclude",
        audit_action="regulations.check.reviewed",
        fields=("scientific", "precision", "timeliness", "conclusion", "done_on", "checked_by"),
        conclusion=conclusion,
    )
    if reg.status != Regulation.Status.IN_FORCE:
        return item
    if conclusion == C.Conclusion.KEEP:
        months = RegulationPolicy.for_issuer(checking_body(reg.unit)).review_months
        _schedule(reg, C.Kind.REVIEW, item.done_on + relativedelta(months=months), reg.unit)
    else:
        kind = Regulation.Kind.REVISED if conclusion == C.Conclusion.REVISE else Regulation.Kind.REPEALING
        _draft_follow_on(reg, by, kind)
    return item
