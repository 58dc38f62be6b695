"""Only services write workflow rows, under the row lock: issuing from a 建议书 is one atomic
step, a draft's edit cannot undo a concurrent issue, 回头看 leave history, and campaigns and
policies are written (and audited) by services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import RecommendationReply
from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services
from mingjian.rectification.models import (
    Campaign,
    FollowUpReview,
    Problem,
    ProblemType,
    RectificationPolicy,
    Task,
)
from mingjian.rectification.services import plans as plans_service
from mingjian.rectification.tests.factories import TaskFactory, clerk
from mingjian.workflow.services import TransitionError, history

FUTURE = timezone.localdate() + datetime.timedelta(days=60)
PAST = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss", full_name="钱局长")


def _issued_rec(org: Any) -> Any:
    return RecommendationFactory(
        unit=org.bureau_a,
        issuer=org.commission,
        case=CaseFactory(unit=org.bureau_a),
        issued=True,
        items=["修订完善《低保审核确认办法》。", "建立近亲属回避制度。"],
    )


def _submitted_plan(org: Any, boss: Any) -> Any:
    rec = _issued_rec(org)
    person = clerk(org.bureau_a)
    plan = services.plan_for(unit=rec.unit, issuer=rec.issuer, by=org.liaison, recommendation=rec)
    entries = [
        services.EntryInput(
            item=item,
            measures=[
                services.MeasureInput(
                    measure=f"措施{item.seq}",
                    lead_unit=org.bureau_a,
                    leader=boss,
                    person=person,
                    due_date=FUTURE,
                )
            ],
        )
        for item in rec.items.all()
    ]
    plan = services.save_plan(plan, by=org.liaison, entries=entries)
    return _reply_and_submit(rec, org, boss, plan)


def _reply_and_submit(rec: Any, org: Any, boss: Any, plan: Any) -> Any:
    secretary = leader_of(org.bureau_a, username="sec", leadership=Person.Leadership.SECRETARY)
    for item in rec.items.all():
        item.adopted = True
        item.save(update_fields=["adopted"])
    RecommendationReply.objects.create(
        recommendation=rec, text="全部采纳", meeting_date=timezone.localdate(), drafted_by=org.liaison
    )
    services.submit_answer(rec, by=secretary)
    plan.refresh_from_db()
    return plan


def test_approving_a_plan_creates_and_issues_its_tasks_in_one_transaction(
    org: Any, boss: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _submitted_plan(org, boss)
    real = plans_service.start_clock
    calls = {"n": 0}

    def fail_second(task: Task, *, by: Any) -> Task:
        calls["n"] += 1
        if calls["n"] == 2:
            raise TransitionError("完成时限不能早于今天。")
        return real(task, by=by)

    monkeypatch.setattr(plans_service, "start_clock", fail_second)
    with pytest.raises(TransitionError):
        services.approve_plan(plan, by=org.inspector)
    assert not Task.objects.exists()
    assert not Problem.objects.exists()
    plan.refresh_from_db()
    assert plan.status == plan.Status.SUBMITTED
    monkeypatch.setattr(plans_service, "start_clock", real)
    tasks = services.approve_plan(plan, by=org.inspector)
    assert [t.status for t in tasks] == [Task.Status.ISSUED, Task.Status.ISSUED]


def test_create_tasks_issue_now_is_all_or_nothing(org: Any, boss: Any) -> None:
    kinds = list(ProblemType.objects.all())
    plans = [
        services.TaskPlan(
            title=f"问题{i}",
            unit=org.bureau_a,
            problem_type=kinds[0],
            measure="措施",
            leader=boss,
            person=clerk(org.bureau_a),
            due_date=due,
        )
        for i, due in enumerate([FUTURE, PAST])
    ]
    with pytest.raises(TransitionError):
        services.create_tasks(
            plans, issuer=org.commission, source="self_inspection", by=org.inspector, issue_now=True
        )
    assert not Task.objects.exists()
    plans[1].due_date = FUTURE
    tasks = services.create_tasks(
        plans, issuer=org.commission, source="self_inspection", by=org.inspector, issue_now=True
    )
    assert [t.status for t in tasks] == [Task.Status.ISSUED, Task.Status.ISSUED]


def test_a_stale_draft_edit_cannot_undo_an_issue(org: Any, boss: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)
    stale = Task.objects.get(pk=task.pk)
    services.issue_task(task, by=org.inspector)
    with pytest.raises(TransitionError, match="已被他人处理"):
        services.update_draft_task(stale, by=org.inspector, changes={"measure": "改过的措施"})
    task.refresh_from_db()
    assert task.status == Task.Status.ISSUED
    assert task.issued_at is not None
    assert task.measure != "改过的措施"


def test_the_edit_page_writes_only_the_edited_columns(client: Client, org: Any, boss: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)
    client.force_login(org.inspector)
    data = {"measure": "新的整改措施", "category": "deadline", "due_date": FUTURE.isoformat()}
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("rectification:task-edit", args=[task.pk]), data)
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "rectification_task"')]
    assert len(updates) == 1
    assert '"status"' not in updates[0] and '"issued_at"' not in updates[0] and '"round"' not in updates[0]
    task.refresh_from_db()
    assert task.measure == "新的整改措施"
    assert AuditEvent.objects.filter(action="rectification.task.updated", target_id=str(task.pk)).exists()


def test_draft_edit_refuses_the_unit_side(org: Any, boss: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)
    with pytest.raises(PermissionDenied):
        services.update_draft_task(task, by=org.liaison, changes={"measure": "自己改"})


def test_a_follow_up_review_leaves_its_status_history(org: Any, boss: Any) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss)
    review = FollowUpReview.objects.create(unit=org.bureau_a, issuer=org.commission, scheduled_for=FUTURE)
    review.tasks.add(task)
    services.record_review(
        review,
        by=org.inspector,
        findings=[services.FindingInput(task=task, result="consolidated")],
        summary="巩固",
    )
    changes = list(history(review))
    assert [(c.from_status, c.to_status, c.actor) for c in changes] == [("scheduled", "done", org.inspector)]
    review.refresh_from_db()
    assert review.status == FollowUpReview.Status.DONE


def test_campaigns_are_created_by_the_service_and_audited(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    data = {"name": "农村低保专项治理", "field": "civil_affairs", "start_date": "2026-12-01"}
    client.post(reverse("rectification:campaign-create"), data)
    campaign = Campaign.objects.get()
    assert AuditEvent.objects.filter(
        action="rectification.campaign.created", target_id=str(campaign.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        services.create_campaign(by=org.liaison, issuer=org.commission, name="越权", start_date=FUTURE)
    with pytest.raises(ValidationError):
        services.create_campaign(
            by=org.inspector, issuer=campaign.issuer, name="倒序", start_date=FUTURE, end_date=PAST
        )


def test_policy_is_saved_by_the_service_with_its_rules(org: Any) -> None:
    issuer = org.commission
    with pytest.raises(ValidationError):
        services.save_policy(issuer, by=org.inspector, green_days=5, yellow_days=9, review_months=3)
    assert not RectificationPolicy.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_policy(issuer, by=org.liaison, green_days=20, yellow_days=10, review_months=3)
    services.save_policy(issuer, by=org.inspector, green_days=15, yellow_days=5, review_months=6)
    assert RectificationPolicy.for_issuer(issuer.pk).green_days == 15
    assert AuditEvent.objects.filter(action="rectification.policy.updated").count() == 1


def test_the_review_page_records_findings_through_its_forms(client: Client, org: Any, boss: Any) -> None:
    kept, rebounded, skipped = (
        TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss) for _ in range(3)
    )
    for task in (kept, rebounded, skipped):
        Task.objects.filter(pk=task.pk).update(status=Task.Status.ACCEPTED)  # closed earlier
    review = FollowUpReview.objects.create(unit=org.bureau_a, issuer=org.commission, scheduled_for=FUTURE)
    review.tasks.add(kept, rebounded, skipped)
    url = reverse("rectification:review-detail", args=[review.pk])
    client.force_login(org.inspector)
    data = {
        f"t{kept.pk}-result": "consolidated",
        f"t{kept.pk}-action": "reopen",
        f"t{rebounded.pk}-result": "rebound",
        f"t{rebounded.pk}-finding": "又有优亲厚友",
        f"t{rebounded.pk}-action": "new_problem",
        f"t{skipped.pk}-result": "",
        f"t{skipped.pk}-action": "reopen",
        "summary": "总体巩固，一项反弹",
    }
    bad = client.post(url, {**data, f"t{rebounded.pk}-finding": ""})
    assert "须写明检查发现" in bad.content.decode()
    assert not review.findings.exists()
    response = client.post(url, data, follow=True)
    assert "回头看结论已记录" in response.content.decode()
    assert {f.task_id: f.result for f in review.findings.all()} == {
        kept.pk: "consolidated",
        rebounded.pk: "rebound",
    }
    assert Problem.objects.filter(source=Problem.Source.FOLLOW_UP, finding__task=rebounded).exists()
    assert "待开展 → 已完成" in response.content.decode()  # the page shows its history
    client.force_login(org.liaison)  # the unit side reads the result but cannot record
    assert client.post(url, data).status_code == 404
