"""Recording a speech and breaking its points into tasks, on a speech written for these tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import PersonFactory, leader_of
from mingjian.outlines import services
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.rectification.models import Problem, ProblemType, Task
from mingjian.rectification.services import TaskPlan
from mingjian.workflow.services import TransitionError

SPEECH = """在局机关以案促改警示教育大会上的讲话
同志们：
一、提高思想认识
要深刻认识以案促改的重要意义。
二、抓好整改落实
一要修订审批制度。制度要管用。二要开展廉政谈话，做到全覆盖。
三、加强组织领导
"""


@pytest.fixture
def outline(org: Any) -> Outline:
    return services.record_outline(by=org.liaison, unit=org.bureau_a, text=SPEECH, source_name="讲话.txt")


@pytest.fixture(autouse=True)
def _bureau_people(org: Any) -> None:
    """The 民政局's 班子成员 (责任领导) and a cadre on its roster (责任人)."""
    org.boss = leader_of(org.bureau_a, username="boss")
    org.staff = PersonFactory(unit=org.bureau_a, name="王科长")


def _plan(org: Any, node: OutlineNode, unit: Any = None, **kw: Any) -> TaskPlan:
    return TaskPlan(
        title=node.heading,
        unit=unit or org.bureau_a,
        problem_type=ProblemType.objects.get(name="审核把关不严"),
        measure=node.heading,
        due_date=kw.pop("due_date", date.today() + timedelta(days=30)),  # noqa: DTZ011
        leader=org.boss,
        person=org.staff,
        **kw,
    )


def test_record_outline_keeps_text_title_and_nodes_in_order(org: Any, outline: Outline) -> None:
    assert outline.title == "在局机关以案促改警示教育大会上的讲话"
    assert outline.source_text == SPEECH
    assert outline.unit == org.bureau_a
    assert outline.created_by == org.liaison
    assert [(n.order, n.level, n.marker, n.heading) for n in outline.nodes.all()] == [
        (1, 1, "一、", "提高思想认识"),
        (2, 1, "二、", "抓好整改落实"),
        (3, 2, "一要", "修订审批制度"),
        (4, 2, "二要", "开展廉政谈话，做到全覆盖"),
        (5, 1, "三、", "加强组织领导"),
    ]
    event = AuditEvent.objects.get(action="outlines.outline.created")
    assert event.data["nodes"] == 5
    assert event.target_id == str(outline.pk)


def test_a_read_only_leader_cannot_record(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_outline(by=org.leader, unit=org.bureau_a, text=SPEECH)
    assert not Outline.objects.exists()


def test_ancestors_and_description_name_the_path_to_a_node(outline: Outline) -> None:
    nodes = list(outline.nodes.all())
    parents = services.ancestors(nodes)
    assert parents[nodes[3].pk] == [nodes[1]]
    assert parents[nodes[4].pk] == []
    text = services.describe(outline, nodes[3], parents[nodes[3].pk])
    assert (
        text
        == "来源：《在局机关以案促改警示教育大会上的讲话》 二、抓好整改落实 › 二要开展廉政谈话，做到全覆盖"
    )


def test_ticked_nodes_become_issued_tasks_linked_back_to_their_nodes(org: Any, outline: Outline) -> None:
    nodes = list(outline.nodes.all())
    points = [nodes[2], nodes[3]]
    tasks = services.tasks_from_nodes(
        outline, [(n, _plan(org, n)) for n in points], by=org.liaison, issuer=org.bureau_a, issue_now=True
    )
    assert [t.measure for t in tasks] == ["修订审批制度", "开展廉政谈话，做到全覆盖"]
    assert all(t.status == Task.Status.ISSUED for t in tasks)
    assert all(t.problem.source == Problem.Source.SELF_INSPECTION for t in tasks)
    for node, task in zip(points, tasks, strict=True):
        node.refresh_from_db()
        assert node.task == task
        assert task.outline_node == node
    event = AuditEvent.objects.get(action="outlines.outline.tasks_created")
    assert event.data == {"nodes": [n.pk for n in points], "tasks": [t.pk for t in tasks]}


def test_all_or_nothing_when_one_unit_is_out_of_reach(org: Any, outline: Outline) -> None:
    nodes = list(outline.nodes.all())
    plans = [(nodes[2], _plan(org, nodes[2])), (nodes[3], _plan(org, nodes[3], unit=org.bureau_b))]
    with pytest.raises(PermissionDenied):
        services.tasks_from_nodes(outline, plans, by=org.liaison, issuer=org.bureau_a)
    assert not Task.objects.exists()
    assert not OutlineNode.objects.filter(task__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="outlines.outline.tasks_created").exists()


def test_a_past_deadline_issued_at_once_leaves_nothing_behind(org: Any, outline: Outline) -> None:
    node = outline.nodes.get(order=3)
    plan = _plan(org, node, due_date=date(2020, 1, 1))
    with pytest.raises(TransitionError):
        services.tasks_from_nodes(
            outline, [(node, plan)], by=org.liaison, issuer=org.bureau_a, issue_now=True
        )
    assert not Task.objects.exists()
    node.refresh_from_db()
    assert node.task is None


def test_a_node_turned_into_a_task_is_not_turned_again(org: Any, outline: Outline) -> None:
    node = outline.nodes.get(order=3)
    services.tasks_from_nodes(outline, [(node, _plan(org, node))], by=org.liaison, issuer=org.bureau_a)
    stale = OutlineNode.objects.get(pk=node.pk)
    stale.task = None  # the page was read before the first clerk's submit
    with pytest.raises(TransitionError, match="已生成整改任务"):
        services.tasks_from_nodes(
            outline, [(stale, _plan(org, stale))], by=org.inspector, issuer=org.commission
        )
    assert Task.objects.count() == 1


def test_nodes_of_another_outline_and_empty_selections_are_refused(org: Any, outline: Outline) -> None:
    other = services.record_outline(by=org.liaison, unit=org.bureau_a, text="一、别的讲话\n")
    foreign = other.nodes.get()
    with pytest.raises(PermissionDenied):
        services.tasks_from_nodes(
            outline, [(foreign, _plan(org, foreign))], by=org.liaison, issuer=org.bureau_a
        )
    with pytest.raises(TransitionError, match="至少勾选"):
        services.tasks_from_nodes(outline, [], by=org.liaison, issuer=org.bureau_a)
    assert not Task.objects.exists()
