"""From a 建议书 to tasks without retyping, the pages' transitions, and the case scorecard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services
from mingjian.rectification.models import Problem, ProblemType, RectificationPlan, Task
from mingjian.rectification.scorecard import case_scorecard
from mingjian.rectification.tests.factories import TaskFactory, clerk

FUTURE = timezone.localdate() + datetime.timedelta(days=60)


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss", full_name="钱局长")


@pytest.fixture
def rec(org: Any) -> Any:
    case = CaseFactory(unit=org.bureau_a)
    return RecommendationFactory(
        unit=org.bureau_a,
        issuer=org.commission,
        case=case,
        issued=True,
        items=["修订完善《低保审核确认办法》，堵塞制度漏洞。", "以案为鉴开展警示教育。"],
    )


@pytest.fixture
def secretary(org: Any) -> Any:
    """The bureau's 党组书记: who answers a 建议书 formally."""
    return leader_of(
        org.bureau_a, username="secretary", full_name="孙书记", leadership=Person.Leadership.SECRETARY
    )


def _answer_post(rec: Any, boss: Any, action: str, **extra: str) -> dict[str, Any]:
    person = clerk(rec.unit)
    data: dict[str, Any] = {
        "action": action,
        "text": "党组专题研究，全部采纳。",
        "meeting_date": timezone.localdate().isoformat(),
    }
    for item in rec.items.all():
        p = f"i{item.pk}"
        data.update(
            {
                f"{p}-adopted": "1",
                f"{p}-rows": "1",
                f"{p}-m0-measure": f"措施{item.seq}",
                f"{p}-m0-category": "deadline",
                f"{p}-m0-due_date": FUTURE.isoformat(),
                f"{p}-m0-lead_unit": rec.unit_id,
                f"{p}-m0-leader": boss.pk,
                f"{p}-m0-person": person.pk,
            }
        )
    data.update(extra)
    return data


def test_the_unit_answers_and_the_commission_approves_its_plan(
    client: Client, org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    url = reverse("rectification:answer", args=[rec.pk])
    client.force_login(org.liaison)
    page = client.get(url)
    assert [r.item for r in page.context["rows"]] == list(rec.items.all())
    assert 'data-testid="answer-submit"' not in page.content.decode()  # the liaison drafts only
    assert client.post(url, _answer_post(rec, boss, "save")).status_code == 302
    rec.refresh_from_db()
    assert rec.status == rec.Status.ISSUED
    client.force_login(secretary)
    response = client.post(url, _answer_post(rec, boss, "submit"), follow=True)
    assert "已正式回复建议书" in response.content.decode()
    rec.refresh_from_db()
    plan = rec.plan
    assert (rec.status, plan.status, plan.submitted_by) == (
        rec.Status.REPLIED,
        plan.Status.SUBMITTED,
        secretary,
    )
    client.force_login(org.inspector)
    client.post(reverse("rectification:plan-action", args=[plan.pk, "approve"]))
    tasks = Task.objects.of_recommendation(rec)
    assert tasks.count() == 2
    assert set(tasks.values_list("status", flat=True)) == {"issued"}
    rec.refresh_from_db()
    assert rec.status == rec.Status.IMPLEMENTING
    first = tasks.order_by("id").first()
    assert first is not None
    # 问题 (from the analysis / the item), 建议 (the 纪委's) and 整改措施 (the unit's) stay distinct.
    assert first.measure == "措施1" and first.problem.recommendation_item.text != first.measure


def test_a_liaison_is_never_offered_as_leader_and_the_plan_names_people(
    client: Client, org: Any, boss: Any, secretary: Any, rec: Any
) -> None:
    client.force_login(org.liaison)
    page = client.get(reverse("rectification:answer", args=[rec.pk]))
    leaders = list(page.context["rows"][0].rows[0].fields["leader"].queryset)
    assert boss in leaders and secretary in leaders and org.liaison not in leaders
    data = _answer_post(rec, boss, "save")
    data[f"i{rec.items.first().pk}-m0-leader"] = org.liaison.pk
    response = client.post(reverse("rectification:answer", args=[rec.pk]), data)
    assert response.status_code == 200  # the choice is refused by the form
    assert not RectificationPlan.objects.filter(recommendation=rec).exists()


def test_unit_works_the_task_through_the_pages(client: Client, org: Any, boss: Any) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss, due_date=FUTURE
    )
    task = services.issue_task(task, by=org.inspector)
    client.force_login(org.liaison)
    client.post(reverse("rectification:task-action", args=[task.pk, "start"]))
    upload = SimpleUploadedFile("新办法.pdf", b"%PDF-1.4 rules")
    client.post(reverse("rectification:evidence-add", args=[task.pk]), {"kind": "regulation", "file": upload})
    client.post(reverse("rectification:task-action", args=[task.pk, "progress"]), {"progress": "已印发"})
    response = client.post(reverse("rectification:task-action", args=[task.pk, "submit"]), follow=True)
    assert "须由责任领导用本人账号" in response.content.decode()
    client.force_login(boss)
    client.post(reverse("rectification:sign"), {"task": [task.pk], "comment": "属实"})
    client.force_login(org.liaison)
    client.post(reverse("rectification:task-action", args=[task.pk, "submit"]))
    client.force_login(org.inspector)
    client.post(reverse("rectification:task-action", args=[task.pk, "accept"]), {"verification": "written"})
    task.refresh_from_db()
    assert task.status == Task.Status.ACCEPTED
    evidence = task.evidence.get()
    download = client.get(reverse("rectification:evidence-download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 rules"  # type: ignore[attr-defined]


def test_the_task_page_offers_signing_once_and_submitting_not_to_the_signer(
    client: Client, org: Any, boss: Any
) -> None:
    """Once the 责任领导 has signed this round's progress, the page no longer offers them 本人签认
    (it would be refused) nor 提交销号申请 (the signer does not submit); the liaison still submits."""
    task = TaskFactory(
        problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss, due_date=FUTURE
    )
    task = services.start_task(services.issue_task(task, by=org.inspector), by=org.liaison)
    task = services.save_progress(task, by=org.liaison, progress="已印发")
    url = reverse("rectification:task-detail", args=[task.pk])
    client.force_login(boss)
    before = client.get(url).content.decode()
    assert 'data-testid="task-confirm"' in before and 'data-testid="task-submit"' in before
    services.confirm_task(task, by=boss)
    after = client.get(url).content.decode()
    assert 'data-testid="task-confirm"' not in after and 'data-testid="task-submit"' not in after
    client.force_login(org.liaison)
    assert 'data-testid="task-submit"' in client.get(url).content.decode()
    services.save_progress(task, by=org.liaison, progress="已印发并执行（改过的文字）")
    client.force_login(boss)  # an edit voids the sign-off: signing is offered again
    assert 'data-testid="task-confirm"' in client.get(url).content.decode()


def test_scorecard_counts_closed_reopened_and_recurrence(org: Any, boss: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    own = TaskFactory(
        problem__unit=org.bureau_a, problem__issuer=org.commission, problem__case=case, leader=boss
    )
    Task.objects.filter(pk=own.pk).update(status=Task.Status.ACCEPTED)
    TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission, problem__case=case)
    sibling_civil = TaskFactory(problem__unit=org.a_dept, problem__issuer=org.commission)  # same type, later
    TaskFactory(
        problem__unit=org.bureau_b,
        problem__issuer=org.commission,
        problem__problem_type=ProblemType.objects.get(name="违规收受礼品礼金"),
    )
    score = case_scorecard(case, org.inspector)
    assert (score.problems, score.tasks, score.accepted) == (2, 2, 1)
    assert score.recurrence_unit == 1  # a_dept lies under the case unit
    assert sibling_civil.problem.problem_type.name in score.problem_types
    assert case_scorecard(case, org.outsider).problems == 0  # totals respect visibility


def test_case_page_shows_the_scorecard_in_scope_only(client: Client, org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a, publicity="city")
    client.force_login(org.inspector)
    assert 'data-testid="scorecard"' in client.get(case.get_absolute_url()).content.decode()
    client.force_login(org.outsider)
    assert 'data-testid="scorecard"' not in client.get(case.get_absolute_url()).content.decode()


def test_campaign_and_self_inspection_problems(client: Client, org: Any, boss: Any) -> None:
    from mingjian.rectification.models import Campaign

    client.force_login(org.inspector)
    client.post(
        reverse("rectification:campaign-create"),
        {"name": "礼品礼金专项治理", "field": "", "start_date": "2026-11-01"},
    )
    campaign = Campaign.objects.get(name="礼品礼金专项治理")
    assert campaign.issuer == org.commission
    data = {
        "source": "campaign",
        "campaign": campaign.pk,
        "unit": org.bureau_a.pk,
        "title": "节日收受礼品",
        "problem_type": ProblemType.objects.get(name="违规收受礼品礼金").pk,
        "measure": "开展自查清退",
        "category": "immediate",
        "due_date": FUTURE.isoformat(),
        "leader": boss.pk,
        "person": clerk(org.bureau_a).pk,
    }
    assert client.post(reverse("rectification:problem-create"), data).status_code == 302
    problem = Problem.objects.get(title="节日收受礼品")
    assert (problem.source, problem.campaign, problem.issuer) == ("campaign", campaign, org.commission)
    client.force_login(org.outsider)
    assert client.get(reverse("rectification:campaign-create")).status_code == 404


def test_policy_page_sets_thresholds_for_the_issuer(client: Client, org: Any) -> None:
    from mingjian.rectification.models import RectificationPolicy

    client.force_login(org.inspector)
    bad = client.post(
        reverse("rectification:policy"), {"green_days": 10, "yellow_days": 10, "review_months": 3}
    )
    assert "黄灯天数应小于绿灯天数" in bad.content.decode()
    client.post(reverse("rectification:policy"), {"green_days": 15, "yellow_days": 5, "review_months": 6})
    policy = RectificationPolicy.objects.get(issuer=org.commission)
    assert (policy.green_days, policy.yellow_days, policy.review_months) == (15, 5, 6)
    client.force_login(org.liaison)
    assert client.get(reverse("rectification:policy")).status_code == 404


def test_a_lead_department_issues_only_inside_its_scope(org: Any) -> None:
    from mingjian.org.tests.factories import UnitFactory
    from mingjian.rectification.permissions import is_issuer_side

    below = UnitFactory(parent=org.bureau_b, name="区财政局")
    assert is_issuer_side(org.outsider, below, org.bureau_b)  # 财政局 leading work in its own subtree
    assert not is_issuer_side(org.outsider, org.bureau_a, org.bureau_b)  # never into another bureau


def test_task_list_queries_do_not_grow_with_rows(client: Client, org: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    client.force_login(org.inspector)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("rectification:task-list"))
    for _ in range(12):
        TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("rectification:task-list"))
    assert len(many) == len(few)


def test_campaign_counts_only_what_the_viewer_sees(client: Client, org: Any, boss: Any) -> None:
    from mingjian.rectification.models import Campaign

    campaign = Campaign.objects.create(
        name="礼品礼金专项治理", issuer=org.commission, start_date="2026-11-01"
    )
    for status in ("issued", "in_progress", "accepted"):
        task = TaskFactory(
            problem__unit=org.bureau_a,
            problem__issuer=org.commission,
            problem__campaign=campaign,
            leader=boss,
        )
        Task.objects.filter(pk=task.pk).update(status=status)
    counts = {}
    for user in (org.inspector, org.outsider):
        client.force_login(user)
        row = client.get(reverse("rectification:campaign-list")).context["campaigns"].get(pk=campaign.pk)
        counts[user.username] = (row.problem_count, row.open_count)
    assert counts == {"inspector": (3, 2), "outsider": (0, 0)}
