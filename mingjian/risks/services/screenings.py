"""年度廉政风险排查 through the 整改 engine.

The supervising side deploys it for the units it supervises: each unit gets one 整改任务 (issued at
once, its 书记/主要负责人 as 责任领导) and one RiskScreening row keyed by unit and year. The unit
works the task like any other; on the screening's page it marks each row of its register as
reviewed (editing or confirming a row counts too) and settles every pushed risk. The task cannot
be 销号 while a row is left unreviewed or a push unanswered (the gate below, registered with the
engine's accept gates).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Func, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.rectification import services as rect
from mingjian.rectification.models import Problem, ProblemType, Task
from mingjian.rectification.permissions import issuer_for, leaders_of, principals_of
from mingjian.risks import permissions as perms
from mingjian.risks.models import RiskPoint, RiskScreening
from mingjian.workflow.services import TransitionError

S = RiskPoint.Status
SCREENING_TYPE = "权力运行风险防控不力"
MEASURE = (
    "对照本单位廉政风险防控台账，逐岗位、逐权力事项开展排查：复核每个风险点的表现形式、风险等级和防控措施，"
    "补充新发现的风险点，确认或说明上级推送的风险点，落实科室负责人和责任领导。"
)


def _leader(unit: Unit) -> User:
    leader = principals_of(unit).first() or leaders_of(unit).first()
    if leader is None:
        raise TransitionError(f"{unit.name}没有可担任责任领导的班子成员账号，无法部署排查。")
    return leader


def _problem_type() -> ProblemType:
    found = ProblemType.objects.filter(name=SCREENING_TYPE).first()
    return found or ProblemType.objects.get(category=ProblemType.Category.OTHER)


@transaction.atomic
def launch_screenings(*, by: User, units: list[Unit], year: int, due_date: date) -> list[RiskScreening]:
    """All the units or none: a unit already screened this year, or without a 班子 account, stops all."""
    if not perms.can_launch_screenings(by):
        raise PermissionDenied
    allowed = set(perms.screening_units(by).values_list("pk", flat=True))
    if not units:
        raise TransitionError("请选择排查单位。")
    if any(u.pk not in allowed for u in units):
        raise PermissionDenied
    done = RiskScreening.objects.filter(year=year, unit__in=units).select_related("unit")
    if done:
        raise TransitionError(f"以下单位已部署{year}年度排查：{'、'.join(s.unit.name for s in done)}。")
    if due_date < timezone.localdate():
        raise TransitionError("完成时限不能早于今天。")
    plans = [
        rect.TaskPlan(
            title=f"{year}年度廉政风险点排查",
            unit=unit,
            problem_type=_problem_type(),
            measure=MEASURE,
            due_date=due_date,
            leader=_leader(unit),
            description=f"依据廉政风险防控工作要求，{unit.name}于{due_date:%Y年%m月%d日}前完成本年度风险点排查。",
        )
        for unit in units
    ]
    issuer = issuer_for(by) or by.unit
    if issuer is None:
        raise PermissionDenied
    tasks = rect.create_tasks(
        plans, issuer=issuer, source=Problem.Source.SELF_INSPECTION, by=by, issue_now=True
    )
    found = [RiskScreening.objects.create(unit=t.unit, year=year, task=t, launched_by=by) for t in tasks]
    record(by, "risks.screening.launched", None, unit=issuer, year=year, units=[u.pk for u in units])
    return found


def register_of(screening: RiskScreening) -> QuerySet[RiskPoint]:
    return RiskPoint.objects.filter(unit__path__startswith=screening.unit.path)


def unreviewed(screening: RiskScreening) -> QuerySet[RiskPoint]:
    """Rows in force not yet reviewed in this 排查."""
    return register_of(screening).filter(status=S.ACTIVE).exclude(reviewed_in=screening)


def unanswered(screening: RiskScreening) -> QuerySet[RiskPoint]:
    return register_of(screening).filter(status=S.PENDING)


def with_counts(screenings: QuerySet[RiskScreening], user: User | AnonymousUser) -> QuerySet[Any]:
    """unreviewed() and unanswered() counted in the list's own query (unreviewed_count,
    unanswered_count) instead of two queries per screening. Counted over the viewer's visible
    rows: whoever sees a screening sees its unit's subtree, hence its whole register. (Any: the
    two counts are annotations, not model fields.)"""
    register = RiskPoint.objects.visible_to(user).filter(unit__path__startswith=OuterRef("unit__path"))
    left = register.filter(status=S.ACTIVE).exclude(reviewed_in=OuterRef("pk"))
    pending = register.filter(status=S.PENDING)
    return screenings.annotate(unreviewed_count=_count(left), unanswered_count=_count(pending))


def _count(rows: QuerySet[RiskPoint]) -> Subquery:
    # COUNT as a plain function, not an aggregate: no GROUP BY, so always one row (0 if none).
    counted = rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


@transaction.atomic
def review_rows(screening: RiskScreening, *, by: User, rows: list[RiskPoint]) -> int:
    """Mark rows as reviewed (their controls still hold); returns how many."""
    if not perms.keeps_register(by, screening.unit):
        raise PermissionDenied
    if screening.task.status in (Task.Status.ACCEPTED, Task.Status.SUBMITTED):
        raise TransitionError("排查任务已提交或已销号，不能再登记复核。")
    ids = [r.pk for r in rows]
    found = register_of(screening).filter(pk__in=ids, status=S.ACTIVE)
    if found.count() != len(set(ids)):
        raise TransitionError("只能复核本单位风险库中在册的风险点。")
    # Review marks are bookkeeping on the rows, not a status: the audit event records them.
    count = found.update(reviewed_in=screening, reviewed_on=timezone.localdate())
    record(by, "risks.screening.reviewed", screening, unit=screening.unit, rows=ids)
    return count


def screening_gate(task: Task) -> str:
    """The 销号 gate of a 排查 task: every row reviewed, every push answered."""
    screening = RiskScreening.objects.filter(task=task).select_related("unit").first()
    if screening is None:
        return ""
    left, pending = unreviewed(screening).count(), unanswered(screening).count()
    if not (left or pending):
        return ""
    parts = [
        f"{left} 个风险点尚未复核" if left else "",
        f"{pending} 个推送的风险点尚未确认" if pending else "",
    ]
    return f"{screening}中{'、'.join(p for p in parts if p)}，排查完成后才能销号。"
