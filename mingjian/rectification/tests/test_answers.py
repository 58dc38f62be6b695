"""The unit answers a 建议书 with its own plan (主体责任); the 纪委 decides objections, approves the
plan and closes the 建议书 only when everything is 整改到位 (监督责任); and 巡察 feedback runs the
same way with the 巡察机构 in the 纪委's place."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.cases.models import Recommendation, RecommendationReply
from mingjian.cases.tests.factories import RecommendationFactory
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Role, Unit
from mingjian.org.tests.factories import UnitFactory, leader_of, user_with_role
from mingjian.rectification import services
from mingjian.rectification.models import RectificationPlan, RectificationReport, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.workflow.services import TransitionError

FUTURE = timezone.localdate() + datetime.timedelta(days=60)
PDF = b"%PDF-1.4 proof"
S = Recommendation.Status


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss", full_name="林副局长")


@pytest.fixture
def secretary(org: Any) -> Any:
    return leader_of(
        org.bureau_a, username="secretary", full_name="钱书记", leadership=Person.Leadership.SECRETARY
    )


@pytest.fixture
def rec(org: Any) -> Recommendation:
    today = timezone.localdate()
    return RecommendationFactory(  # type: ignore[no-any-return]
        unit=org.bureau_a,
        issuer=org.commission,
        issued=True,
        served_on=today - datetime.timedelta(days=3),
        issued_on=today - datetime.timedelta(days=4),
        items=["修订低保审核办法。", "追回多发资金。"],
    )


def _answer(
    rec: Recommendation, org: Any, boss: Any, objected: dict[int, str] | None = None
) -> services.Answer:
    objected = objected or {}
    items = []
    for item in rec.items.all():
        measure = services.MeasureInput(
            measure=f"措施{item.seq}",
            lead_unit=org.bureau_a,
            leader=boss,
            person=clerk(org.bureau_a),
            due_date=FUTURE,
        )
        reason = objected.get(item.seq, "")
        items.append(
            services.ItemAnswer(
                entry=services.EntryInput(item=item, measures=[measure]), adopted=not reason, objection=reason
            )
        )
    return services.Answer(text="党组专题研究。", meeting_date=timezone.localdate(), items=items)


def _replied(rec: Recommendation, org: Any, boss: Any, secretary: Any, **kw: Any) -> Recommendation:
    services.save_answer(rec, by=org.liaison, answer=_answer(rec, org, boss, **kw))
    return services.submit_answer(rec, by=secretary)


def test_the_liaison_drafts_and_only_the_principal_replies(
    org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    services.save_answer(rec, by=org.liaison, answer=_answer(rec, org, boss))
    for user in (org.liaison, boss, org.inspector):
        with pytest.raises(PermissionDenied):
            services.submit_answer(rec, by=user)
    with pytest.raises(PermissionDenied):  # the 纪委 does not write the unit's plan
        services.save_answer(rec, by=org.inspector, answer=_answer(rec, org, boss))
    rec = services.submit_answer(rec, by=secretary)
    assert rec.status == S.REPLIED
    assert (rec.reply.drafted_by, rec.reply.replied_by) == (org.liaison, secretary)
    assert RectificationPlan.objects.get(recommendation=rec).status == RectificationPlan.Status.SUBMITTED


def test_an_authorised_leader_may_reply_instead(org: Any, boss: Any, secretary: Any, rec: Any) -> None:
    services.save_answer(rec, by=org.liaison, answer=_answer(rec, org, boss))
    with pytest.raises(PermissionDenied):
        services.authorise_reply(rec, by=boss, delegate=boss)  # only the principal authorises
    with pytest.raises(TransitionError, match="班子成员"):
        services.authorise_reply(rec, by=secretary, delegate=org.liaison)
    rec = services.authorise_reply(rec, by=secretary, delegate=boss)
    assert services.submit_answer(rec, by=boss).status == S.REPLIED


def test_the_reply_needs_the_party_meeting_and_complete_measures(
    org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    answer = _answer(rec, org, boss)
    answer.meeting_date = None
    services.save_answer(rec, by=org.liaison, answer=answer)
    with pytest.raises(TransitionError, match="党委（党组）会"):
        services.submit_answer(rec, by=secretary)
    answer = _answer(rec, org, boss)
    answer.items[1].entry.measures[0].person = None
    services.save_answer(rec, by=org.liaison, answer=answer)
    with pytest.raises(TransitionError, match="第2项措施1：请从测试市民政局干部名册中选择责任人"):
        services.submit_answer(rec, by=secretary)
    rec.refresh_from_db()
    assert rec.status == S.ISSUED


def test_an_objection_is_decided_before_the_items_go_on(
    org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    rec = _replied(rec, org, boss, secretary, objected={2: "资金已于去年追回"})
    assert rec.status == S.OBJECTION
    plan = RectificationPlan.objects.get(recommendation=rec)
    # 异议期间不停止执行 (the default): the adopted item's measure may go ahead meanwhile.
    tasks = services.approve_plan(plan, by=org.inspector)
    assert [t.measure for t in tasks] == ["措施1"]
    rec.refresh_from_db()
    assert rec.status == S.OBJECTION
    item = rec.items.get(seq=2)
    with pytest.raises(TransitionError, match="理由"):
        services.resolve_objection(rec, by=org.inspector, decisions=[services.Decision(item, "uphold", "")])
    rec = services.resolve_objection(
        rec,
        by=org.inspector,
        decisions=[services.Decision(item, "modify", "核实后部分属实", "追回尚未追回的资金。")],
    )
    assert rec.status == S.IMPLEMENTING  # tasks already run
    item.refresh_from_db()
    assert (item.text, item.in_force) == ("追回尚未追回的资金。", True)
    plan.refresh_from_db()
    assert plan.status == RectificationPlan.Status.RETURNED  # the unit adds measures for it


def test_objections_come_within_the_window(org: Any, boss: Any, secretary: Any, rec: Any) -> None:
    Recommendation.objects.filter(pk=rec.pk).update(
        served_on=timezone.localdate() - datetime.timedelta(days=20)
    )
    rec.refresh_from_db()
    services.save_answer(rec, by=org.liaison, answer=_answer(rec, org, boss, objected={1: "不同意"}))
    with pytest.raises(TransitionError, match="15日内"):
        services.submit_answer(rec, by=secretary)


def test_withdrawing_every_item_ends_the_recommendation(org: Any, boss: Any, secretary: Any) -> None:
    rec = RecommendationFactory(
        unit=org.bureau_a,
        issuer=org.commission,
        issued=True,
        served_on=timezone.localdate(),
        issued_on=timezone.localdate(),
        items=["只此一条。"],
    )
    rec = _replied(rec, org, boss, secretary, objected={1: "已整改完毕"})
    item = rec.items.get()
    rec = services.resolve_objection(
        rec, by=org.inspector, decisions=[services.Decision(item, "withdraw", "核实属实")]
    )
    assert rec.status == S.WITHDRAWN


def _all_closed(rec: Recommendation, org: Any, boss: Any) -> None:
    for issued in Task.objects.of_recommendation(rec):
        task = services.start_task(issued, by=org.liaison)
        services.add_evidence(
            task, by=org.liaison, kind="document", name="证明", checked=check_upload("a.pdf", PDF)
        )
        task = services.save_progress(task, by=org.liaison, progress="完成")
        services.confirm_task(task, by=boss)
        services.accept_task(
            services.submit_task(task, by=org.liaison), by=org.stationed, verification="written"
        )


def test_closure_needs_every_task_closed_the_report_and_an_evaluation(
    org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    rec = _replied(rec, org, boss, secretary)
    plan = RectificationPlan.objects.get(recommendation=rec)
    with pytest.raises(PermissionDenied):  # the unit never approves its own plan
        services.approve_plan(plan, by=secretary)
    services.approve_plan(plan, by=org.inspector)
    rec.refresh_from_db()
    with pytest.raises(TransitionError, match="未销号"):
        services.complete_recommendation(rec, by=org.inspector, rating="good")
    _all_closed(rec, org, boss)
    with pytest.raises(TransitionError, match="整改情况报告"):
        services.complete_recommendation(rec, by=org.inspector, rating="good")
    report = services.draft_report(RectificationReport.Kind.COMPLETION, rec, by=org.liaison)
    assert "措施1" in report.text and "已完成并验收销号2项" in report.text  # written from the data
    with pytest.raises(PermissionDenied):
        services.submit_report(report, by=org.liaison)
    services.submit_report(report, by=secretary)
    with pytest.raises(TransitionError, match="评估等次"):
        services.complete_recommendation(rec, by=org.inspector, rating="")
    Recommendation.objects.filter(pk=rec.pk).update(created_by=org.stationed)
    with pytest.raises(TransitionError, match="四眼原则"):  # its drafter does not close it
        services.complete_recommendation(rec, by=org.stationed, rating="good")
    rec = services.complete_recommendation(rec, by=org.inspector, rating="fair_good", remarks="整改到位")
    assert (rec.status, rec.rating, rec.evaluated_by) == (S.DONE, "fair_good", org.inspector)


def test_the_answer_page_checks_attachments_by_content(client: Client, org: Any, boss: Any, rec: Any) -> None:
    url = reverse("rectification:answer", args=[rec.pk])
    client.force_login(org.liaison)
    data = {"action": "save", "text": "已整改", "meeting_date": timezone.localdate().isoformat()}
    response = client.post(url, {**data, "attachments": [SimpleUploadedFile("伪装.pdf", b"not a pdf")]})
    assert "不是有效的PDF" in response.content.decode()
    assert not RecommendationReply.objects.filter(recommendation=rec).exists()
    client.post(url, {**data, "attachments": [SimpleUploadedFile("报告.pdf", PDF)]})
    rec.refresh_from_db()
    download = client.get(reverse("cases:attachment-download", args=[rec.reply.attachments.get().pk]))
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    client.force_login(org.outsider)
    assert client.get(url).status_code == 404


@pytest.fixture
def office(org: Any) -> Any:
    xc = UnitFactory(name="市委巡察办", parent=org.city, kind=Unit.Kind.INSPECTION)
    return user_with_role(Role.INSPECTION_OFFICE, xc, username="xuncha")


def test_inspection_feedback_runs_through_the_unit_plan(
    org: Any, boss: Any, secretary: Any, office: Any
) -> None:
    xc = office.roles.get().unit
    with pytest.raises(PermissionDenied):  # the 纪委 does not issue 巡察 feedback
        services.create_inspection(
            by=org.inspector, unit=org.bureau_a, issuer=xc, title="反馈", feedback_date=timezone.localdate()
        )
    batch = services.create_inspection(
        by=office,
        unit=org.bureau_a,
        issuer=xc,
        title="巡察反馈",
        feedback_date=timezone.localdate(),
        items=["主体责任不力", "资金审核不严"],
    )
    assert batch.report_due == timezone.localdate() + datetime.timedelta(days=0) + (
        batch.report_due - batch.feedback_date
    )
    assert (batch.report_due.month - batch.feedback_date.month) % 12 == 2  # two months: the rule
    plan = services.plan_for(unit=batch.unit, issuer=batch.issuer, by=org.liaison, inspection=batch)
    entries = [
        services.EntryInput(
            item=item,
            measures=[
                services.MeasureInput(
                    measure=f"整改{item.seq}",
                    lead_unit=org.bureau_a,
                    leader=boss,
                    person=clerk(org.bureau_a),
                    due_date=FUTURE if item.seq == 1 else None,
                    category="deadline" if item.seq == 1 else "long_term",
                )
            ],
        )
        for item in batch.items.all()
    ]
    plan = services.submit_plan(services.save_plan(plan, by=org.liaison, entries=entries), by=secretary)
    with pytest.raises(PermissionDenied):  # the 巡察机构 approves, not the 纪委
        services.approve_plan(plan, by=org.inspector)
    tasks = services.approve_plan(plan, by=office)
    assert all(t.problem.source == "inspection" for t in tasks)
    assert Task.objects.visible_to(office).count() == 2  # the office follows its own feedback
    assert Task.objects.visible_to(office).filter(problem__inspection__isnull=True).count() == 0
    for kind in (RectificationReport.Kind.PROGRESS, RectificationReport.Kind.PRINCIPAL):
        services.submit_report(services.draft_report(kind, batch, by=org.liaison), by=secretary)
    batch.refresh_from_db()
    assert batch.reported_on == timezone.localdate()
    assert services.end_concentrated_period(batch) == 1  # the long-term item goes on as 常态化
    assert Task.objects.get(pk=tasks[1].pk).normalized
    assert RectificationReport.objects.filter(inspection=batch, kind="disclosure", status="draft").exists()
