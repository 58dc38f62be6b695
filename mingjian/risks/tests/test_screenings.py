"""年度廉政风险排查 through the 整改 engine: one issued task per unit and year, worked on the
register, and a 销号 gate that holds until every row is reviewed and every push answered."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services as rect
from mingjian.rectification.models import Problem, Task
from mingjian.regulations.tests.factories import days
from mingjian.risks import services
from mingjian.risks.models import RiskPoint, RiskScreening
from mingjian.risks.tests.factories import row
from mingjian.workflow.services import TransitionError


@pytest.fixture
def leaders(org: Any) -> dict[str, Any]:
    return {
        "secretary": leader_of(org.bureau_a, username="secretary", leadership=Person.Leadership.SECRETARY),
        "boss": leader_of(org.bureau_a, username="boss"),
    }


def _launch(org: Any, **kwargs: Any) -> RiskScreening:
    (screening,) = services.launch_screenings(
        by=org.stationed, units=[org.bureau_a], year=2026, due_date=days(40), **kwargs
    )
    return screening


def test_deploying_issues_one_task_led_by_the_principal(org: Any, leaders: dict[str, Any]) -> None:
    screening = _launch(org)
    task = screening.task
    assert task.status == Task.Status.ISSUED and task.unit == org.bureau_a and task.due_date == days(40)
    assert (
        task.problem.source == Problem.Source.SELF_INSPECTION
        and "2026年度廉政风险点排查" in task.problem.title
    )
    assert task.responsibilities.get().leader == leaders["secretary"]
    with pytest.raises(TransitionError, match="已部署2026年度排查：测试市民政局"):
        _launch(org)


def test_only_the_supervising_side_deploys_to_units_it_supervises(org: Any, leaders: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.launch_screenings(by=org.liaison, units=[org.bureau_a], year=2026, due_date=days(10))
    with pytest.raises(PermissionDenied):  # the 派驻组 does not supervise 财政局 here
        services.launch_screenings(by=org.stationed, units=[org.bureau_b], year=2026, due_date=days(10))


def test_a_unit_without_a_leader_account_stops_all(org: Any) -> None:
    with pytest.raises(TransitionError, match="没有可担任责任领导的班子成员账号"):
        services.launch_screenings(
            by=org.inspector, units=[org.bureau_a, org.bureau_b], year=2026, due_date=days(10)
        )
    assert not RiskScreening.objects.exists() and not Task.objects.exists()


def _to_submitted(task: Task, org: Any, leader: Any) -> Task:
    task = rect.start_task(task, by=org.liaison)
    rect.add_evidence(
        task,
        by=org.liaison,
        kind="document",
        name="排查报告",
        checked=check_upload("报告.pdf", b"%PDF-1.4 x"),
    )
    task = rect.save_progress(task, by=org.liaison, progress="已逐项复核风险点。")
    rect.confirm_task(task, by=leader)
    return rect.submit_task(task, by=org.liaison)


def test_the_gate_holds_until_every_row_is_reviewed_and_every_push_answered(
    org: Any, leaders: dict[str, Any]
) -> None:
    boss = leaders["boss"]
    first = row(org.liaison, org.bureau_a, boss)
    second = row(org.liaison, org.a_dept, boss, post="临时救助", point="标准随意")
    pending = RiskPoint.objects.create(
        unit=org.bureau_a, post="推送", point="推送的风险点", status=RiskPoint.Status.PENDING
    )
    screening = _launch(org)
    task = _to_submitted(screening.task, org, leaders["secretary"])
    with pytest.raises(TransitionError) as refused:
        rect.accept_task(task, by=org.inspector, verification="written")
    assert "2 个风险点尚未复核、1 个推送的风险点尚未确认" in str(refused.value)
    task = rect.return_task(task, by=org.inspector, reason="请完成排查")
    assert services.review_rows(screening, by=org.liaison, rows=[first]) == 1
    services.update_risk(
        second,
        services.RiskInput(org.a_dept, "临时救助", "标准随意", controls="分档", leader=boss),
        by=org.liaison,
    )
    services.decline_risk(pending, by=org.liaison, reason="不适用")
    assert services.screening_gate(task) == ""
    task = rect.start_task(task, by=org.liaison)
    task = _to_submitted_again(task, org, leaders["secretary"])
    assert rect.accept_task(task, by=org.inspector, verification="written").status == Task.Status.ACCEPTED


def _to_submitted_again(task: Task, org: Any, leader: Any) -> Task:
    task = rect.save_progress(task, by=org.liaison, progress="已逐项复核全部风险点，推送的风险点已说明。")
    rect.confirm_task(task, by=leader)
    return rect.submit_task(task, by=org.liaison)


def test_review_marks_only_rows_of_the_register_and_not_after_submission(
    org: Any, leaders: dict[str, Any]
) -> None:
    screening = _launch(org)
    foreign = row(org.outsider, org.bureau_b, leader_of(org.bureau_b, username="b-boss"))
    with pytest.raises(TransitionError, match="只能复核本单位风险库"):
        services.review_rows(screening, by=org.liaison, rows=[foreign])
    with pytest.raises(PermissionDenied):
        services.review_rows(screening, by=org.inspector, rows=[])
