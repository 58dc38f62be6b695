"""制度执行检查 and 回头看: who records them, what a failed check raises through the 整改 engine, and
what each result schedules next."""

from __future__ import annotations

from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied

from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification.models import Problem, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.regulations import services
from mingjian.regulations.models import Regulation, RegulationCheck
from mingjian.regulations.tests.factories import days, draft, issue
from mingjian.workflow.services import TransitionError

C = RegulationCheck


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss")


@pytest.fixture
def reg(org: Any, boss: Any) -> Regulation:
    return issue(draft(org.liaison, org.bureau_a, title="低保审核确认办法（修订）"), boss)


def _execution(reg: Regulation) -> RegulationCheck:
    return reg.checks.get(kind=C.Kind.EXECUTION, status=C.Status.SCHEDULED)


def _follow(boss: Any, unit: Any) -> services.FollowUp:
    return services.FollowUp("组织全员学习新办法，建立近亲属备案台账。", days(30), boss, clerk(unit))


def test_full_execution_closes_the_check_and_raises_nothing(org: Any, reg: Regulation) -> None:
    item = services.record_execution(
        _execution(reg), by=org.stationed, result=C.Result.FULL, findings="抽查 20 户，均按新办法备案回避。"
    )
    assert item.status == C.Status.DONE and item.problem is None and item.checked_by == org.stationed
    assert not reg.checks.filter(kind=C.Kind.EXECUTION, status=C.Status.SCHEDULED).exists()


def test_not_executed_raises_an_issued_task_through_the_engine(org: Any, reg: Regulation, boss: Any) -> None:
    item = services.record_execution(
        _execution(reg),
        by=org.inspector,
        result=C.Result.NONE,
        findings="社会救助科未建立备案台账，新办法未组织学习。",
        follow_up=_follow(boss, org.bureau_a),
    )
    problem = item.problem
    assert problem is not None and problem.unit == org.bureau_a and problem.source == Problem.Source.FOLLOW_UP
    assert problem.problem_type.name == "制度执行不到位"
    assert "未执行" in problem.title and problem.description.startswith("社会救助科")
    (task,) = problem.tasks.all()
    assert task.status == Task.Status.ISSUED and task.due_date == days(30)
    lead = task.responsibilities.get()
    assert lead.leader == boss and lead.person == clerk(org.bureau_a)
    # Not executed: a re-check comes after the policy's months.
    recheck = _execution(reg)
    assert recheck.due_on == item.done_on + relativedelta(months=6)


def test_not_executed_without_a_follow_up_is_refused(org: Any, reg: Regulation) -> None:
    with pytest.raises(TransitionError, match="须作为问题交办"):
        services.record_execution(_execution(reg), by=org.inspector, result=C.Result.NONE, findings="未执行")
    assert _execution(reg).status == C.Status.SCHEDULED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"measure": ""}, "整改措施"),
        ({"due_date": None}, "完成时限"),
        ({"leader": None}, "责任领导"),
        ({"person": "outsider"}, "干部名册"),
    ],
)
def test_the_follow_up_needs_measure_deadline_and_people(
    org: Any, reg: Regulation, boss: Any, change: dict[str, Any], message: str
) -> None:
    follow = _follow(boss, org.bureau_a)
    for name, value in change.items():
        setattr(follow, name, clerk(org.bureau_b) if value == "outsider" else value)
    with pytest.raises(TransitionError, match=message):
        services.record_execution(
            _execution(reg), by=org.inspector, result=C.Result.NONE, findings="未执行", follow_up=follow
        )
    assert not Problem.objects.filter(source=Problem.Source.FOLLOW_UP).exists()


def test_partial_raises_only_when_asked(org: Any, reg: Regulation, boss: Any) -> None:
    quiet = services.record_execution(
        _execution(reg), by=org.inspector, result=C.Result.PARTIAL, findings="部分科室未执行"
    )
    assert quiet.problem is None
    loud = services.record_execution(
        _execution(reg),
        by=org.inspector,
        result=C.Result.PARTIAL,
        findings="仍有科室未执行",
        follow_up=_follow(boss, org.bureau_a),
    )
    assert loud.problem is not None


def test_only_the_supervising_side_checks(org: Any, reg: Regulation, boss: Any) -> None:
    """The unit's own side (liaison, 班子, the leader above) never checks its own rules; nor does
    an account of a sibling unit."""
    for other in (org.liaison, org.parent, boss, org.outsider, org.leader):
        with pytest.raises(PermissionDenied):
            services.record_execution(_execution(reg), by=other, result=C.Result.FULL, findings="好")
    assert _execution(reg).status == C.Status.SCHEDULED


def test_review_keep_schedules_the_next_and_revise_opens_a_draft(org: Any, reg: Regulation) -> None:
    review = reg.checks.get(kind=C.Kind.REVIEW)
    with pytest.raises(TransitionError, match="科学性、精准度和时效性"):
        services.record_review(
            review, by=org.liaison, scientific="可行", precision="", timeliness="适应", conclusion="keep"
        )
    done = services.record_review(
        review,
        by=org.liaison,
        scientific="程序清晰可行",
        precision="对准近亲属回避漏洞",
        timeliness="符合新规",
        conclusion="keep",
    )
    nxt = reg.checks.get(kind=C.Kind.REVIEW, status=C.Status.SCHEDULED)
    assert nxt.due_on == done.done_on + relativedelta(months=12)
    services.record_review(
        nxt,
        by=org.inspector,
        scientific="部分条款难以操作",
        precision="未覆盖临时救助",
        timeliness="上位法已修订",
        conclusion="revise",
    )
    revision = Regulation.objects.get(revises=reg)
    assert revision.status == Regulation.Status.DRAFTING and revision.kind == Regulation.Kind.REVISED
    assert not reg.checks.filter(kind=C.Kind.REVIEW, status=C.Status.SCHEDULED).exists()


def test_a_check_of_the_wrong_kind_is_refused(org: Any, reg: Regulation) -> None:
    with pytest.raises(TransitionError, match="回头看"):
        services.record_execution(
            reg.checks.get(kind=C.Kind.REVIEW), by=org.inspector, result="full", findings="x"
        )
    with pytest.raises(TransitionError, match="执行检查"):
        services.record_review(
            _execution(reg),
            by=org.inspector,
            scientific="a",
            precision="b",
            timeliness="c",
            conclusion="keep",
        )


def test_people_of_the_follow_up_are_never_typed(org: Any, reg: Regulation) -> None:
    """The follow-up names accounts and roster entries; a liaison is not a 责任领导."""
    follow = services.FollowUp("措施", days(10), org.liaison, Person.objects.get(pk=clerk(org.bureau_a).pk))
    with pytest.raises(TransitionError, match="班子成员"):
        services.record_execution(
            _execution(reg), by=org.inspector, result="none", findings="未执行", follow_up=follow
        )
