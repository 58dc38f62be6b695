"""The API's writes for the rectification engine: each calls the page's service (the record and
its audit event), refuses the wrong role with 404 and a bad body with 400 naming the field."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import Recommendation, ReplyAttachment
from mingjian.cases.tests.factories import RecommendationFactory
from mingjian.org.models import Person, Role, Unit
from mingjian.org.tests.factories import PersonFactory, UnitFactory, leader_of, user_with_role
from mingjian.rectification.models import (
    Campaign,
    Evidence,
    FollowUpReview,
    InspectionBatch,
    LeaderConfirmation,
    RectificationPlan,
    RectificationReport,
    Task,
)
from mingjian.rectification.tests.factories import TaskFactory, clerk
from mingjian.rectification.tests.ledger_helpers import row as _row
from mingjian.rectification.tests.ledger_helpers import sheet as _sheet

FUTURE = str(timezone.localdate() + datetime.timedelta(days=60))


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 proof", content_type="application/pdf")


def _api(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss", full_name="林副局长")


@pytest.fixture
def secretary(org: Any) -> Any:
    return leader_of(org.bureau_a, username="secretary", leadership=Person.Leadership.SECRETARY)


@pytest.fixture
def rec(org: Any, today: datetime.date) -> Recommendation:
    return RecommendationFactory(  # type: ignore[no-any-return]
        unit=org.bureau_a,
        issuer=org.commission,
        issued=True,
        served_on=today - datetime.timedelta(days=3),
        issued_on=today - datetime.timedelta(days=4),
        items=["修订低保审核办法。"],
    )


def _answer(rec: Recommendation, org: Any, boss: Any, **measure: Any) -> dict[str, Any]:
    row = {"measure": "修订办法", "leader": boss.pk, "person": clerk(org.bureau_a).pk, "due_date": FUTURE}
    items = [{"item": i.pk, "adopted": True, "measures": [{**row, **measure}]} for i in rec.items.all()]
    return {"text": "党组专题研究。", "meeting_date": str(timezone.localdate()), "items": items}


def test_the_unit_answers_attaches_and_replies(org: Any, boss: Any, secretary: Any, rec: Any) -> None:
    saved = _api(org.liaison).put(
        f"/api/recommendations/{rec.pk}/answer/", _answer(rec, org, boss), format="json"
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["plan"]["measures"][0]["leader"] == boss.pk
    assert _audited("cases.recommendation.reply_drafted")
    attached = _api(org.liaison).post(f"/api/recommendations/{rec.pk}/attachments/", {"files": [_pdf()]})
    assert attached.status_code == 201, attached.content
    assert ReplyAttachment.objects.get().name == "整改报告.pdf"
    assert (
        _api(org.liaison).post(f"/api/recommendations/{rec.pk}/reply/", {}, format="json").status_code == 404
    )
    replied = _api(secretary).post(f"/api/recommendations/{rec.pk}/reply/", {}, format="json")
    assert replied.status_code == 200, replied.content
    assert replied.json()["status"] == "replied"
    assert _audited("cases.recommendation.replied")


def test_answers_take_people_only_from_the_unit(org: Any, boss: Any, rec: Any) -> None:
    stranger = PersonFactory(unit=org.bureau_b)
    bad = _api(org.liaison).put(
        f"/api/recommendations/{rec.pk}/answer/", _answer(rec, org, boss, person=stranger.pk), format="json"
    )
    assert bad.status_code == 400
    assert "干部名册" in str(bad.json()["items"]["0"]["measures"]["0"]["person"])
    body = _answer(rec, org, boss, leader=org.liaison.pk)
    assert "班子成员" in str(
        _api(org.liaison).put(f"/api/recommendations/{rec.pk}/answer/", body, format="json").json()
    )
    outsider = _api(org.outsider).put(
        f"/api/recommendations/{rec.pk}/answer/", _answer(rec, org, boss), format="json"
    )
    assert outsider.status_code == 404
    exe = SimpleUploadedFile("a.exe", b"MZ")
    assert (
        _api(org.liaison).post(f"/api/recommendations/{rec.pk}/attachments/", {"files": [exe]}).status_code
        == 400
    )


def test_the_principal_authorises_a_leader(org: Any, boss: Any, secretary: Any, rec: Any) -> None:
    response = _api(secretary).post(
        f"/api/recommendations/{rec.pk}/authorise/", {"delegate": boss.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    rec.refresh_from_db()
    assert rec.reply_delegate == boss and _audited("cases.recommendation.reply_delegated")
    refused = _api(org.liaison).post(
        f"/api/recommendations/{rec.pk}/authorise/", {"delegate": boss.pk}, format="json"
    )
    assert refused.status_code == 404
    wrong = _api(secretary).post(
        f"/api/recommendations/{rec.pk}/authorise/", {"delegate": org.liaison.pk}, format="json"
    )
    assert wrong.status_code == 400 and "班子成员" in wrong.json()["delegate"][0]


def test_the_issuer_decides_objections_and_completion_is_checked(org: Any) -> None:
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True, status="objection")
    item = rec.items.first()
    item.adopted, item.objection = False, "不符合实际"
    item.save()
    body = {"decisions": [{"item": item.pk, "decision": "withdraw", "reason": "采纳异议"}]}
    assert (
        _api(org.liaison).post(f"/api/recommendations/{rec.pk}/objection/", body, format="json").status_code
        == 404
    )
    decided = _api(org.inspector).post(f"/api/recommendations/{rec.pk}/objection/", body, format="json")
    assert decided.status_code == 200, decided.content
    assert _audited("cases.recommendation.objection_resolved")
    no_rating = _api(org.inspector).post(f"/api/recommendations/{rec.pk}/complete/", {}, format="json")
    assert no_rating.status_code == 400 and "rating" in no_rating.json()
    early = _api(org.inspector).post(
        f"/api/recommendations/{rec.pk}/complete/", {"rating": "good"}, format="json"
    )
    assert early.status_code == 409 and "整改任务" in early.json()["detail"]


def test_plans_are_edited_through_the_api(org: Any, boss: Any, rec: Any) -> None:
    plan = RectificationPlan.objects.create(unit=rec.unit, issuer=rec.issuer, recommendation=rec)
    entry = {"item": rec.items.get().pk, "measures": [_answer(rec, org, boss)["items"][0]["measures"][0]]}
    assert (
        _api(org.outsider).put(f"/api/plans/{plan.pk}/", {"entries": [entry]}, format="json").status_code
        == 404
    )
    saved = _api(org.liaison).put(f"/api/plans/{plan.pk}/", {"entries": [entry]}, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["measures"][0]["measure"] == "修订办法"
    assert _audited("rectification.plan.saved")


@pytest.fixture
def office(org: Any) -> Any:
    xc = UnitFactory(name="市委巡察办", parent=org.city, kind=Unit.Kind.INSPECTION)
    return user_with_role(Role.INSPECTION_OFFICE, xc, username="xuncha")


def test_inspection_batches_items_plan_and_reports(
    org: Any, office: Any, secretary: Any, today: datetime.date
) -> None:
    xc = office.roles.get().unit
    body = {
        "issuer": xc.pk,
        "unit": org.bureau_a.pk,
        "title": "巡察反馈",
        "feedback_date": str(today),
        "items": ["主体责任不力"],
    }
    assert _api(org.inspector).post("/api/inspections/", body, format="json").status_code == 400
    created = _api(office).post("/api/inspections/", body, format="json")
    assert created.status_code == 201, created.content
    batch = InspectionBatch.objects.get()
    assert _audited("rectification.inspection.created")
    more = _api(office).post(
        f"/api/inspections/{batch.pk}/items/", {"items": ["资金审核不严"]}, format="json"
    )
    assert [i["text"] for i in more.json()["items"]] == ["主体责任不力", "资金审核不严"]
    assert (
        _api(org.inspector).post(f"/api/inspections/{batch.pk}/plan/", {}, format="json").status_code == 404
    )
    opened = _api(org.liaison).post(f"/api/inspections/{batch.pk}/plan/", {}, format="json")
    assert opened.status_code == 200 and RectificationPlan.objects.get(inspection=batch)
    drafted = _api(org.liaison).post(
        "/api/reports/", {"kind": "progress", "inspection": batch.pk}, format="json"
    )
    assert drafted.status_code == 200, drafted.content
    report = RectificationReport.objects.get()
    edited = _api(org.liaison).put(f"/api/reports/{report.pk}/", {"text": "整改进展如下。"}, format="json")
    assert edited.status_code == 200 and edited.json()["text"] == "整改进展如下。"
    assert _audited("rectification.report.drafted") and _audited("rectification.report.saved")
    assert (
        _api(org.outsider).put(f"/api/reports/{report.pk}/", {"text": "x"}, format="json").status_code == 404
    )
    assert _api(org.liaison).post(f"/api/reports/{report.pk}/submit/", {}, format="json").status_code == 404
    submitted = _api(secretary).post(f"/api/reports/{report.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    both = _api(org.liaison).post("/api/reports/", {"kind": "progress"}, format="json")
    assert both.status_code == 400 and "recommendation" in both.json()


def test_campaigns_are_created_by_the_commission_only(org: Any, today: datetime.date) -> None:
    body = {"name": "低保专项治理", "start_date": str(today)}
    assert _api(org.liaison).post("/api/campaigns/", body, format="json").status_code == 404
    created = _api(org.inspector).post("/api/campaigns/", body, format="json")
    assert created.status_code == 201, created.content
    assert Campaign.objects.get().issuer == org.commission and _audited("rectification.campaign.created")
    assert _api(org.inspector).post("/api/campaigns/", {"name": "x"}, format="json").json()["start_date"]


def test_a_new_problem_gets_its_first_draft_task(org: Any, boss: Any) -> None:
    body = {
        "source": "self_inspection",
        "unit": org.bureau_a.pk,
        "title": "低保审核把关不严",
        "problem_type": 1,
        "measure": "修订审核办法",
        "due_date": FUTURE,
        "leader": boss.pk,
        "person": clerk(org.bureau_a).pk,
    }
    from_outside = PersonFactory(unit=org.bureau_b)
    bad = _api(org.inspector).post("/api/problems/", {**body, "person": from_outside.pk}, format="json")
    assert bad.status_code == 400 and "干部名册" in bad.json()["person"][0]
    created = _api(org.inspector).post("/api/problems/", body, format="json")
    assert created.status_code == 201, created.content
    task = Task.objects.get(pk=created.json()["id"])
    assert task.status == "draft" and task.responsibilities.get().leader == boss
    assert _audited("rectification.problem.created")
    assert _api(org.outsider).post("/api/problems/", body, format="json").status_code == 400


def test_a_draft_task_is_edited_by_the_issuer_only(org: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    assert (
        _api(org.liaison).patch(f"/api/tasks/{task.pk}/", {"measure": "新措施"}, format="json").status_code
        == 404
    )
    bad = _api(org.inspector).patch(f"/api/tasks/{task.pk}/", {"category": "someday"}, format="json")
    assert bad.status_code == 400 and "category" in bad.json()
    edited = _api(org.inspector).patch(f"/api/tasks/{task.pk}/", {"measure": "新措施"}, format="json")
    assert edited.status_code == 200 and edited.json()["measure"] == "新措施"
    assert _audited("rectification.task.updated")


def _working(org: Any, boss: Any) -> Task:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)
    api = _api(org.inspector)
    assert api.post(f"/api/tasks/{task.pk}/issue/", {}, format="json").status_code == 200
    assert _api(org.liaison).post(f"/api/tasks/{task.pk}/start/", {}, format="json").status_code == 200
    return task


def test_evidence_is_uploaded_by_the_unit(org: Any, boss: Any) -> None:
    task = _working(org, boss)
    url = f"/api/tasks/{task.pk}/evidence/"
    assert _api(org.outsider).post(url, {"kind": "document", "file": _pdf()}).status_code == 404
    fake = SimpleUploadedFile("报告.pdf", b"not a pdf")
    bad = _api(org.liaison).post(url, {"kind": "document", "file": fake})
    assert bad.status_code == 400 and "不是有效的" in bad.json()["file"][0]
    added = _api(org.liaison).post(url, {"kind": "document", "file": _pdf()})
    assert added.status_code == 201, added.content
    assert Evidence.objects.get().name == "整改报告.pdf" and _audited("rectification.evidence.added")


def test_a_leader_signs_several_tasks_at_once(org: Any, boss: Any) -> None:
    tasks = [_working(org, boss) for _ in range(2)]
    for task in tasks:
        _api(org.liaison).post(f"/api/tasks/{task.pk}/progress/", {"progress": "已修订办法。"}, format="json")
    body = {"tasks": [t.pk for t in tasks], "comment": "属实"}
    refused = _api(org.liaison).post("/api/tasks/sign/", body, format="json")
    assert refused.status_code == 400 and "待签认的任务" in str(refused.json()["tasks"])
    signed = _api(boss).post("/api/tasks/sign/", body, format="json")
    assert signed.status_code == 200, signed.content
    assert LeaderConfirmation.objects.filter(leader=boss).count() == 2
    assert _audited("rectification.task.confirmed")


def test_a_review_is_recorded(org: Any, boss: Any, today: datetime.date) -> None:
    task = _working(org, boss)
    review = FollowUpReview.objects.create(unit=org.bureau_a, issuer=org.commission, scheduled_for=today)
    review.tasks.add(task)
    url = f"/api/reviews/{review.pk}/record/"
    rebound = {"task": task.pk, "result": "consolidated", "finding": "未见反弹"}
    assert _api(org.liaison).post(url, {"findings": [rebound]}, format="json").status_code == 404
    bad = _api(org.inspector).post(url, {"findings": [{"task": 999999, "result": "rebound"}]}, format="json")
    assert bad.status_code == 400 and "抽查的任务" in str(bad.json()["findings"])
    done = _api(org.inspector).post(url, {"findings": [rebound], "summary": "抽查1项"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done" and _audited("rectification.review.done")


def test_a_ledger_is_imported_whole_or_not_at_all(org: Any) -> None:
    clerk(org.bureau_a)
    leader_of(org.bureau_a, username="li", full_name="李局长")
    upload = SimpleUploadedFile("台账.xlsx", _sheet(_row()))
    assert (
        _api(org.liaison)
        .post("/api/tasks/import/", {"file": upload, "source": "self_inspection"})
        .status_code
        == 404
    )
    bad = SimpleUploadedFile("台账.xlsx", _sheet(_row(), _row(完成时限="2026-13-01")))
    refused = _api(org.inspector).post("/api/tasks/import/", {"file": bad, "source": "self_inspection"})
    assert refused.status_code == 400 and "第 5 行" in str(refused.json()["file"])
    assert not Task.objects.exists()
    upload.seek(0)
    done = _api(org.inspector).post("/api/tasks/import/", {"file": upload, "source": "self_inspection"})
    assert done.status_code == 201, done.content
    assert len(done.json()["tasks"]) == 1 and _audited("rectification.ledger.imported")


def test_the_rectification_policy_is_kept_by_the_commission(org: Any) -> None:
    url = "/api/policies/rectification/"
    assert _api(org.liaison).get(url).status_code == 404
    assert (
        _api(org.liaison)
        .put(url, {"green_days": 10, "yellow_days": 5, "review_months": 3}, format="json")
        .status_code
        == 404
    )
    bad = _api(org.inspector).put(
        url, {"green_days": -1, "yellow_days": 5, "review_months": 3}, format="json"
    )
    assert bad.status_code == 400 and "green_days" in bad.json()
    saved = _api(org.inspector).put(
        url, {"green_days": 12, "yellow_days": 4, "review_months": 6}, format="json"
    )
    assert saved.status_code == 200, saved.content
    assert _api(org.inspector).get(url).json()["review_months"] == 6
    assert _audited("rectification.policy.updated")
