"""The 销号 gate: a task whose problem came from a 制度漏洞 is not 销号 until a regulation in force
closes it — or the verifier agreed to the unit's reason why none is needed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services as rect
from mingjian.rectification.models import Task
from mingjian.rectification.services.tasks import acceptance_refusals
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.regulations import services
from mingjian.regulations.gate import loophole_states, missing_regulation
from mingjian.regulations.models import Waiver
from mingjian.regulations.tests.factories import Loop, draft, in_force, issue, make_loop
from mingjian.workflow.services import TransitionError


@pytest.fixture
def loop(org: Any) -> Loop:
    return make_loop(org)


def _accept(task: Task, by: Any) -> Task:
    return rect.accept_task(task, by=by, verification="written", note="核查制度文本")


def test_accept_is_refused_naming_the_loophole(org: Any, loop: Loop) -> None:
    with pytest.raises(TransitionError) as refused:
        _accept(loop.task, org.inspector)
    message = str(refused.value)
    assert "缺少经办人员近亲属申请低保备案和回避规定" in message
    assert "印发施行" in message and "无需制定制度" in message
    loop.task.refresh_from_db()
    assert loop.task.status == Task.Status.SUBMITTED


def test_a_regulation_in_force_on_the_loophole_opens_the_gate(org: Any, loop: Loop) -> None:
    reg = draft(org.liaison, org.bureau_a, loopholes=[loop.hole])
    assert "尚在“起草”" in missing_regulation(loop.task)  # drafting is not enough, and is named
    issue(reg, loop.boss)
    assert missing_regulation(loop.task) == ""
    assert _accept(loop.task, org.inspector).status == Task.Status.ACCEPTED


def test_a_rule_naming_the_problem_itself_opens_it(org: Any, loop: Loop) -> None:
    in_force(org, loop.boss, problems=[loop.task.problem])
    assert acceptance_refusals(loop.task) == []


def test_a_rule_of_a_unit_above_binds_its_subunit(org: Any) -> None:
    """A bureau's rule on the loophole closes the problem of its 科室; a sibling's rule does not."""
    loop = make_loop(org)
    dept_task = TaskFactory(
        problem__unit=org.a_dept,
        problem__issuer=org.commission,
        problem__loophole=loop.hole,
        status="submitted",
    )
    sibling_boss = leader_of(org.bureau_b, username="boss-b")
    sibling = draft(sibling_boss, org.bureau_b, title="财政局制度")
    sibling.loopholes.add(loop.hole)  # as if linked by someone who could see it
    issue(sibling, leader_of(org.bureau_b, username="boss-b2"))
    assert missing_regulation(dept_task) != ""
    in_force(org, loop.boss, loopholes=[loop.hole])
    assert missing_regulation(dept_task) == ""


def test_a_task_without_a_loophole_is_not_gated(org: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, status="submitted")
    assert missing_regulation(task) == ""
    assert _accept(task, org.inspector).status == Task.Status.ACCEPTED


def test_an_approved_reason_opens_it_and_its_writer_cannot_approve_it(org: Any, loop: Loop) -> None:
    waiver = services.explain_no_regulation(
        loop.task.problem,
        by=org.liaison,
        reason="《低保审核确认办法》第八条已规定回避，问题在执行，已通过培训和抽查整改。",
    )
    assert missing_regulation(loop.task) != ""  # pending is not approved
    with pytest.raises(PermissionDenied):  # the writer is the unit's side, never a verifier
        services.approve_waiver(waiver, by=org.liaison)
    services.approve_waiver(waiver, by=org.inspector, comment="同意")
    waiver.refresh_from_db()
    assert waiver.status == Waiver.Status.APPROVED and waiver.decided_by == org.inspector
    assert _accept(loop.task, org.inspector).status == Task.Status.ACCEPTED


def test_a_rejected_reason_keeps_it_closed_and_may_be_written_again(org: Any, loop: Loop) -> None:
    problem = loop.task.problem
    waiver = services.explain_no_regulation(problem, by=org.liaison, reason="现行制度已够用")
    with pytest.raises(TransitionError, match="已有待审核"):
        services.explain_no_regulation(problem, by=org.liaison, reason="再说一次")
    with pytest.raises(TransitionError, match="写明理由"):
        services.reject_waiver(waiver, by=org.inspector, reason=" ")
    services.reject_waiver(waiver, by=org.inspector, reason="现行制度未规定近亲属备案，须修订。")
    assert missing_regulation(loop.task) != ""
    assert services.explain_no_regulation(problem, by=org.liaison, reason="补充说明").status == "pending"


def test_only_the_unit_explains_and_only_the_verifier_decides(org: Any, loop: Loop) -> None:
    with pytest.raises(PermissionDenied):
        services.explain_no_regulation(loop.task.problem, by=org.inspector, reason="理由")
    waiver = services.explain_no_regulation(loop.task.problem, by=org.liaison, reason="理由")
    for unit_side in (org.parent, loop.boss):
        with pytest.raises(PermissionDenied):
            services.approve_waiver(waiver, by=unit_side)


def test_loophole_state_labels(org: Any, loop: Loop) -> None:
    (state,) = loophole_states([loop.hole], org.inspector)
    assert state.label == "未堵塞" and not state.closed
    reg = draft(org.liaison, org.bureau_a, title="低保审核确认办法（2026年修订）", loopholes=[loop.hole])
    (state,) = loophole_states([loop.hole], org.inspector)
    assert state.label == "未堵塞（《低保审核确认办法（2026年修订）》起草中）"
    reg = issue(reg, loop.boss)
    (state,) = loophole_states([loop.hole], org.inspector)
    effective = reg.effective_on
    assert effective is not None
    assert state.label == f"已堵塞（《低保审核确认办法（2026年修订）》，施行于 {effective:%Y-%m-%d}）"
    (hidden,) = loophole_states([loop.hole], org.outsider)  # the rule is invisible to bureau_b
    assert hidden.label == "未堵塞"
