from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from mingjian.audit.display import HIDDEN, mask_value
from mingjian.audit.services import record
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.rectification.tests.factories import TaskFactory


def test_auditor_sees_events_with_chinese_labels(client: Client, org: Any) -> None:
    record(org.sysadmin, "org.unit.updated", org.bureau_a)
    client.force_login(org.auditor)
    response = client.get(reverse("audit:event-list"))
    assert response.status_code == 200
    assert "修改单位" in response.content.decode()


def test_audit_filter_by_action(client: Client, org: Any) -> None:
    record(org.sysadmin, "org.unit.updated", org.bureau_a)
    record(org.sysadmin, "org.unit.created", org.bureau_b)
    client.force_login(org.auditor)
    page = client.get(reverse("audit:event-list"), {"action": "org.unit.created"}).context["page"]
    assert [e.action for e in page] == ["org.unit.created"]


def test_only_the_audit_admin_reads_the_trail(client: Client, org: Any) -> None:
    for user in (org.sysadmin, org.secadmin, org.inspector, org.liaison):
        client.force_login(user)
        assert client.get(reverse("audit:event-list")).status_code == 404


def _auditor_page(client: Client, org: Any, **params: Any) -> str:
    client.force_login(org.auditor)
    response = client.get(reverse("audit:event-list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_auditor_reads_actions_not_case_content(client: Client, org: Any) -> None:
    """三员分立: kind, id, actor, action, unit, time and IP — never titles, names or reasons."""
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局孙大明违规审批低保问题")
    CasePersonFactory(case=case, name="孙大明")
    client.force_login(org.inspector)
    assert client.get(case.get_absolute_url()).status_code == 200  # writes cases.case.viewed
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, measure="约谈孙大明")
    record(
        org.inspector,
        "rectification.task.returned",
        task,
        from_status="submitted",
        to_status="returned",
        comment="孙大明的谈话记录缺失",
        measure=task.measure,
        round=2,
    )
    page = _auditor_page(client, org)
    assert "孙大明" not in page
    assert "约谈" not in page and "谈话记录" not in page and "违规审批低保" not in page
    assert "查阅典型案例" in page and "退回整改任务" in page  # the action
    assert "典型案例" in page and "整改任务" in page  # the object's kind
    assert f"<td>{case.pk}</td>" in page and f"<td>{task.pk}</td>" in page  # and its id
    assert "inspector" in page or org.inspector.display_name in page  # the actor
    assert "测试市民政局" in page  # the unit
    assert "127.0.0.1" in page  # the address
    assert "原状态：待审核；新状态：已退回" in page  # codes read in the pages' words
    assert "轮次：2" in page


def test_administration_events_stay_whole_for_the_auditor(client: Client, org: Any) -> None:
    record(org.sysadmin, "org.unit.updated", org.bureau_a, changes={"name": ["民政局", "测试市民政局"]})
    record(org.secadmin, "org.role.granted", org.liaison, unit=org.bureau_a, role="unit_liaison")
    page = _auditor_page(client, org)
    assert "修改：名称 民政局、测试市民政局" in page
    assert str(org.liaison) in page and "角色：单位联络员" in page


def test_mask_value_keeps_codes_and_hides_prose() -> None:
    data = {"status": "in_progress", "at": "2026-11-02T08:00:00.000+08:00", "n": 3, "ok": True}
    assert mask_value(data) == data
    assert mask_value({"reason": "材料不全", "items": ["a b", "x"], "deep": {"t": "孙某"}}) == {
        "reason": HIDDEN,
        "items": [HIDDEN, "x"],
        "deep": {"t": HIDDEN},
    }
