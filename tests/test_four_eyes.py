"""No single account — and no group of the responsible unit's own people — closes its own work.

A task of 社会救助科 (a 科室 of 测试市民政局) is walked through its whole lifecycle — issued,
received, progress written, evidence added, signed by the 责任领导, submitted, 销号 — by every
crew of one, two and three of the unit's own side: the bureau's liaison (who may give its own 科室
work, as a 牵头部门), the 科室's liaison, two 班子成员, the leader of the unit above, and an account
that holds both a 班子 seat and a 纪委 role. Each step is tried by each member of the crew in turn
(the services are the ones pages and API call). The task never reaches 已销号: 销号 needs an
account outside the unit's side that neither signed nor submitted. With a 纪委 clerk added to
any crew that can bring the task to 待审核, it closes — and the clerk is the one who closed it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import combinations
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from mingjian.org.models import Person, Role, RoleAssignment
from mingjian.org.tests.factories import PersonFactory, leader_of
from mingjian.rectification import services
from mingjian.rectification.models import Evidence, Problem, ProblemType, Task
from mingjian.rectification.permissions import leaders_of
from mingjian.workflow.services import TransitionError

S = Task.Status
UNIT_SIDE = ("liaison", "child", "boss", "secretary", "parent", "dual")


@pytest.fixture
def people(org: Any) -> dict[str, Any]:
    boss = leader_of(org.bureau_a, username="boss")
    secretary = leader_of(org.bureau_a, username="secretary", leadership=Person.Leadership.SECRETARY)
    # One account in the bureau's 班子 that also holds a 纪委 role over the city.
    dual = leader_of(org.bureau_a, username="dual")
    RoleAssignment.objects.create(user=dual, role=Role.COMMISSION, unit=org.city)
    PersonFactory(unit=org.a_dept, name="李科员")
    return {
        "liaison": org.liaison,
        "child": org.child,
        "boss": boss,
        "secretary": secretary,
        "parent": org.parent,
        "dual": dual,
        "inspector": org.inspector,
    }


def _plan(org: Any, leader: Any) -> services.TaskPlan:
    return services.TaskPlan(
        title="低保审核把关不严",
        unit=org.a_dept,
        problem_type=ProblemType.objects.get(name="审核把关不严"),
        measure="修订低保审核办法，建立近亲属回避制度",
        due_date=timezone.localdate() + timedelta(days=60),
        leader=leader,
        person=Person.objects.get(name="李科员"),
    )


def _create(org: Any, crew: list[Any]) -> Task:
    """Issued by the first member who may give the 科室 work (naming a 班子成员 of the crew as
    责任领导 when there is one), else by the 纪委 clerk with the bureau's first 班子成员."""
    leaders = set(leaders_of(org.a_dept).values_list("pk", flat=True))
    leader = next((u for u in crew if u.pk in leaders), None) or leaders_of(org.a_dept).first()
    for user in crew:
        issuer = user.unit if user.unit and user.unit.kind != user.unit.Kind.COMMISSION else org.commission
        try:
            plan = _plan(org, leader)
            return services.create_tasks(
                [plan], issuer=issuer, source=Problem.Source.SELF_INSPECTION, by=user, issue_now=True
            )[0]
        except (PermissionDenied, TransitionError):
            continue
    plan = _plan(org, leader)
    return services.create_tasks(
        [plan], issuer=org.commission, source=Problem.Source.SELF_INSPECTION, by=org.inspector, issue_now=True
    )[0]


STEPS: list[tuple[str, Callable[[Task, Any], Any]]] = [
    ("start", lambda t, u: services.start_task(t, by=u)),
    ("progress", lambda t, u: services.save_progress(t, by=u, progress="已修订审核办法，增设回避条款。")),
    (
        "evidence",
        lambda t, u: services.add_evidence(
            t, by=u, kind=Evidence.Kind.REGULATION, name="", record_ref="民发〔2026〕3号"
        ),
    ),
    ("confirm", lambda t, u: services.confirm_task(t, by=u)),
    ("submit", lambda t, u: services.submit_task(t, by=u)),
    ("accept", lambda t, u: services.accept_task(t, by=u, verification=Task.Verification.WRITTEN)),
]


def _walk(task: Task, crew: list[Any]) -> tuple[Task, dict[str, Any]]:
    """Each step by the first member of the crew the services let do it; who did what."""
    done: dict[str, Any] = {}
    for step, run in STEPS:
        for user in crew:
            try:
                run(Task.objects.get(pk=task.pk), user)
            except (PermissionDenied, TransitionError):
                continue
            done[step] = user
            break
    return Task.objects.get(pk=task.pk), done


CREWS = [c for n in (1, 2, 3) for c in combinations(UNIT_SIDE, n)]


@pytest.mark.parametrize("crew", CREWS, ids="+".join)
def test_the_units_own_side_never_closes_its_own_task(
    org: Any, people: dict[str, Any], crew: tuple[str, ...]
) -> None:
    members = [people[k] for k in crew]
    task, done = _walk(_create(org, members), members)
    assert task.status != S.ACCEPTED, f"{crew} closed their own task: {done}"
    assert "accept" not in done


@pytest.mark.parametrize("crew", [c for c in CREWS if len(c) >= 2], ids="+".join)
def test_a_clerk_outside_the_unit_closes_what_the_unit_brought_to_review(
    org: Any, people: dict[str, Any], crew: tuple[str, ...]
) -> None:
    members = [people[k] for k in crew]
    task, done = _walk(_create(org, members), members)
    if task.status != S.SUBMITTED:
        assert "submit" not in done  # e.g. no 班子成员 in the crew: nobody signed, nothing to verify
        return
    task, _ = _walk(task, [people["inspector"]])
    assert task.status == S.ACCEPTED
    assert task.accepted_by == people["inspector"]
    assert task.accepted_by_id not in task.participants()
    # The signer and the submitter were two different accounts of the unit's side.
    assert done["confirm"] != done["submit"]


def test_some_crews_do_bring_the_task_to_review(org: Any, people: dict[str, Any]) -> None:
    """The walk is not vacuous: a liaison and a 班子成员 get as far as 待审核."""
    members = [people["liaison"], people["boss"]]
    task, done = _walk(_create(org, members), members)
    assert task.status == S.SUBMITTED
    assert (done["confirm"], done["submit"]) == (people["boss"], people["liaison"])
