"""类案延伸: push a case, the unit answers its 自查表 (liaison writes, principal submits), the 纪委
reviews, "存在" rows become problems with tasks; the case page counts what the field found."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import CaseAnalysis, IntegrityRisk, SystemLoophole
from mingjian.cases.tests.factories import AnalysisFactory, CaseFactory
from mingjian.notifications.models import Notification
from mingjian.org.models import Person
from mingjian.org.tests.factories import UnitFactory, leader_of
from mingjian.rectification.models import Problem, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.selfcheck import services
from mingjian.selfcheck.models import Checklist, ChecklistRow
from mingjian.selfcheck.panel import field_outcome, field_panel
from mingjian.workflow.services import TransitionError

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=30)
A = ChecklistRow.Answer


@pytest.fixture
def case(org: Any) -> Any:
    """A 财政局 case whose approved analysis found one risk point and one loophole."""
    analysis = AnalysisFactory(case=CaseFactory(unit=org.bureau_b), status=CaseAnalysis.Status.APPROVED)
    IntegrityRisk.objects.create(
        analysis=analysis, post="资金拨付审核", description="拨付审核一人说了算", level="high"
    )
    SystemLoophole.objects.create(analysis=analysis, regulation="资金拨付办法", description="缺少复核环节")
    analysis.extend_to_units.set([org.bureau_a])
    return analysis.case


@pytest.fixture
def secretary(org: Any) -> Any:
    return leader_of(
        org.bureau_a, username="secretary", full_name="孙书记", leadership=Person.Leadership.SECRETARY
    )


def push(org: Any, case: Any, *units: Any) -> Checklist:
    made = services.push_case(case, by=org.inspector, units=list(units or [org.bureau_a]), due_date=LATER)
    return made.checklists.get(unit=org.bureau_a)


def answer(checklist: Checklist, secretary: Any) -> list[services.RowAnswer]:
    risk, loophole = checklist.rows.order_by("seq")
    found = services.RowAnswer(
        risk,
        A.EXISTS,
        manifestation="救助资金发放由一人审核",
        measure="实行双人审核",
        due_date=LATER,
        leader=secretary,
        person=clerk(checklist.unit),
    )
    absent = services.RowAnswer(loophole, A.ABSENT, scope_checked="查阅2025年以来拨付档案40份，均有复核签字")
    return [found, absent]


def test_a_push_makes_one_row_per_risk_point_and_loophole(org: Any, case: Any) -> None:
    checklist = push(org, case)
    assert [(r.source, r.point) for r in checklist.rows.all()] == [
        ("risk", "资金拨付审核：拨付审核一人说了算"),
        ("loophole", "资金拨付办法：缺少复核环节"),
    ]
    assert checklist.status == "pending"
    assert Notification.objects.filter(recipient=org.liaison, url=checklist.get_absolute_url()).exists()
    assert AuditEvent.objects.filter(action="selfcheck.push.created").count() == 1


def test_a_push_needs_an_approved_analysis_with_points(org: Any, case: Any) -> None:
    CaseAnalysis.objects.filter(case=case).update(status=CaseAnalysis.Status.SUBMITTED)
    with pytest.raises(TransitionError, match="审定后"):
        push(org, case)
    bare = AnalysisFactory(case=CaseFactory(unit=org.bureau_b), status=CaseAnalysis.Status.APPROVED)
    with pytest.raises(TransitionError, match="没有廉政风险点或制度漏洞"):
        push(org, bare.case)


def test_who_may_push_and_to_whom(org: Any, case: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.push_case(case, by=org.liaison, units=[org.bureau_a], due_date=LATER)
    # The 派驻组 supervises bureau_a only, not the case's unit (bureau_b).
    with pytest.raises(PermissionDenied):
        services.push_case(case, by=org.stationed, units=[org.bureau_a], due_date=LATER)
    with pytest.raises(TransitionError, match="案发单位"):
        services.push_case(case, by=org.inspector, units=[org.bureau_b], due_date=LATER)
    push(org, case)
    with pytest.raises(TransitionError, match="已推送过"):
        push(org, case)
    assert Checklist.objects.count() == 1


def test_the_unit_writes_and_only_its_principal_submits(org: Any, case: Any, secretary: Any) -> None:
    checklist = push(org, case)
    with pytest.raises(PermissionDenied):
        services.save_checklist(checklist, by=org.outsider, answers=[])
    checklist = services.save_checklist(checklist, by=org.liaison, answers=answer(checklist, secretary))
    with pytest.raises(PermissionDenied):
        services.submit_checklist(checklist, by=org.liaison)
    checklist = services.submit_checklist(checklist, by=secretary)
    assert (checklist.status, checklist.submitted_by, checklist.drafted_by) == (
        "submitted",
        secretary,
        org.liaison,
    )
    assert checklist.participants() >= {org.liaison.pk, secretary.pk}
    with pytest.raises(TransitionError):
        services.save_checklist(checklist, by=org.liaison, answers=[])


def test_incomplete_answers_are_named_row_by_row(org: Any, case: Any, secretary: Any) -> None:
    checklist = push(org, case)
    risk, loophole = checklist.rows.order_by("seq")
    rows = [
        services.RowAnswer(risk, A.EXISTS, manifestation="有"),
        services.RowAnswer(loophole, A.ABSENT, scope_checked="已查"),
    ]
    checklist = services.save_checklist(checklist, by=org.liaison, answers=rows)
    with pytest.raises(TransitionError) as e:
        services.submit_checklist(checklist, by=secretary)
    message = str(e.value)
    for part in (
        "第1项：请填写整改措施",
        "第1项：请填写完成时限",
        "第1项：责任领导",
        "第1项：请从",
        "第2项：选“不存在”须写明检查范围",
    ):
        assert part in message
    checklist.refresh_from_db()
    assert checklist.status == "pending"


def test_a_row_of_another_checklist_is_refused(org: Any, case: Any, secretary: Any) -> None:
    mine = push(org, case)
    other_unit = UnitFactory(name="测试市教育局", parent=org.city, field="civil_affairs")
    other = services.push_case(case, by=org.inspector, units=[other_unit], due_date=LATER).checklists.get()
    with pytest.raises(PermissionDenied):
        services.save_checklist(
            mine, by=org.liaison, answers=[services.RowAnswer(other.rows.first(), A.ABSENT)]
        )


def test_accepting_turns_existing_points_into_issued_tasks(org: Any, case: Any, secretary: Any) -> None:
    checklist = push(org, case)
    checklist = services.save_checklist(checklist, by=org.liaison, answers=answer(checklist, secretary))
    checklist = services.submit_checklist(checklist, by=secretary)
    with pytest.raises(PermissionDenied):
        services.accept_checklist(checklist, by=org.liaison)
    checklist = services.accept_checklist(checklist, by=org.inspector, comment="认可")
    assert checklist.status == "accepted"
    problem = Problem.objects.get()
    risk_row = checklist.rows.get(answer=A.EXISTS)
    assert risk_row.problem == problem
    assert (problem.source, problem.case, problem.risk, problem.unit) == (
        "self_inspection",
        case,
        risk_row.risk,
        org.bureau_a,
    )
    task = problem.tasks.get()
    assert (task.status, task.measure, task.due_date) == ("issued", "实行双人审核", LATER)
    assert task.responsibilities.get().leader == secretary


def test_a_return_needs_a_reason_and_the_unit_answers_again(org: Any, case: Any, secretary: Any) -> None:
    checklist = push(org, case)
    checklist = services.save_checklist(checklist, by=org.liaison, answers=answer(checklist, secretary))
    checklist = services.submit_checklist(checklist, by=secretary)
    with pytest.raises(TransitionError, match="理由"):
        services.return_checklist(checklist, by=org.inspector, reason=" ")
    checklist = services.return_checklist(checklist, by=org.inspector, reason="检查范围过于笼统")
    assert (checklist.status, checklist.return_reason) == ("returned", "检查范围过于笼统")
    checklist = services.save_checklist(checklist, by=org.liaison, answers=[])
    assert services.submit_checklist(checklist, by=secretary).status == "submitted"


def test_the_case_counts_what_the_field_found_for_what_the_viewer_sees(
    org: Any, case: Any, secretary: Any
) -> None:
    checklist = push(org, case)
    checklist = services.save_checklist(checklist, by=org.liaison, answers=answer(checklist, secretary))
    checklist = services.accept_checklist(
        services.submit_checklist(checklist, by=secretary), by=org.inspector
    )
    outcome, checklists = field_outcome(case, org.inspector)
    assert [c.unit for c in checklists] == [org.bureau_a]
    assert (outcome.units, outcome.inspected, outcome.found, outcome.problems, outcome.closed) == (
        1,
        1,
        1,
        1,
        0,
    )
    Task.objects.filter(problem__checklist_row__checklist=checklist).update(status=Task.Status.ACCEPTED)
    assert field_outcome(case, org.inspector)[0].closed == 1
    assert field_outcome(case, org.outsider)[0].units == 0


def test_the_case_page_names_the_extension_units_not_yet_pushed(org: Any, case: Any) -> None:
    other = UnitFactory(name="测试县财政局", code="xcz", parent=org.city, field="finance")
    CaseAnalysis.objects.get(case=case).extend_to_units.add(other)
    panel = field_panel(case, org.inspector)
    assert panel is not None and panel.context["unpushed"] == [org.bureau_a, other]
    push(org, case)
    assert field_panel(case, org.inspector).context["unpushed"] == [other]  # type: ignore[union-attr]
    answered = field_panel(case, org.liaison)  # the pushed unit sees its own 自查表, owes no push
    assert answered is not None and answered.context["unpushed"] == []


def test_the_pages_push_answer_and_review(client: Client, org: Any, case: Any, secretary: Any) -> None:
    client.force_login(org.inspector)
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="push-case"' in body
    form = client.get(reverse("selfcheck:push-create", args=[case.pk])).content.decode()
    assert f'value="{org.bureau_a.pk}" id="push-unit-{org.bureau_a.pk}" checked' in form  # the 类案延伸单位
    response = client.post(
        reverse("selfcheck:push-create", args=[case.pk]),
        {"units": [org.bureau_a.pk], "due_date": LATER.isoformat()},
    )
    checklist = Checklist.objects.get()
    assert response["Location"] == checklist.push.get_absolute_url()
    client.force_login(org.liaison)
    assert 'data-testid="push-case"' not in client.get(case.get_absolute_url()).content.decode()
    risk, loophole = checklist.rows.order_by("seq")
    data = {
        f"r{risk.pk}-answer": "exists",
        f"r{risk.pk}-manifestation": "一人审核",
        f"r{risk.pk}-measure": "双人审核",
        f"r{risk.pk}-due_date": LATER.isoformat(),
        f"r{risk.pk}-leader": secretary.pk,
        f"r{risk.pk}-person": clerk(org.bureau_a).pk,
        f"r{loophole.pk}-answer": "absent",
        f"r{loophole.pk}-scope_checked": "查阅2025年以来档案40份",
    }
    client.post(reverse("selfcheck:checklist-save", args=[checklist.pk]), data)
    assert checklist.rows.filter(answer="").count() == 0
    client.force_login(secretary)
    client.post(reverse("selfcheck:checklist-action", args=[checklist.pk, "submit"]))
    client.force_login(org.inspector)
    client.post(reverse("selfcheck:checklist-action", args=[checklist.pk, "accept"]), {"comment": "同意"})
    checklist.refresh_from_db()
    assert checklist.status == "accepted"
    assert 'data-testid="field-outcome"' in client.get(case.get_absolute_url()).content.decode()
    client.force_login(org.outsider)
    assert client.get(checklist.get_absolute_url()).status_code == 404


def test_the_api_lists_visible_checklists_and_runs_each_action(org: Any, case: Any, secretary: Any) -> None:
    api = APIClient()
    api.force_authenticate(org.inspector)
    made = api.post(
        "/api/selfcheck/pushes/",
        {"case": case.pk, "units": [org.bureau_a.pk], "due_date": LATER.isoformat()},
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["checklists"][0]["id"]
    checklist = Checklist.objects.get(pk=pk)
    risk, loophole = checklist.rows.order_by("seq")
    api.force_authenticate(org.liaison)
    answers = [
        {"row": risk.pk, "answer": "absent", "scope_checked": "查阅档案40份，抽查10户"},
        {"row": loophole.pk, "answer": "absent", "scope_checked": "查阅制度汇编和执行台账"},
    ]
    saved = api.post(f"/api/selfcheck/checklists/{pk}/save/", {"answers": answers}, format="json")
    assert saved.status_code == 200, saved.content
    assert api.post(f"/api/selfcheck/checklists/{pk}/submit/", {}, format="json").status_code == 404
    api.force_authenticate(secretary)
    assert (
        api.post(f"/api/selfcheck/checklists/{pk}/submit/", {}, format="json").json()["status"] == "submitted"
    )
    api.force_authenticate(org.inspector)
    assert (
        api.post(f"/api/selfcheck/checklists/{pk}/accept/", {}, format="json").json()["status"] == "accepted"
    )
    assert not Problem.objects.exists()  # nothing found, nothing to rectify
    api.force_authenticate(org.outsider)
    assert api.get("/api/selfcheck/checklists/").json()["count"] == 0
    assert api.get(f"/api/selfcheck/checklists/{pk}/").status_code == 404
