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
from mingjian.org.models import Role
from mingjian.org.tests.factories import user_with_role
from mingjian.rectification import services
from mingjian.rectification.models import Problem, ProblemType, Task
from mingjian.rectification.scorecard import case_scorecard
from mingjian.rectification.tests.factories import TaskFactory

FUTURE = timezone.localdate() + datetime.timedelta(days=60)


@pytest.fixture
def boss(org: Any) -> Any:
    return user_with_role(Role.UNIT_LEADER, org.bureau_a, username="boss", full_name="钱局长")


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


def _plan_post(forms: int, boss: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"issue_now": "on"}
    for i in range(forms):
        data.update(
            {
                f"p{i}-title": f"问题{i}",
                f"p{i}-measure": f"措施{i}",
                f"p{i}-category": "deadline",
                f"p{i}-due_date": FUTURE.isoformat(),
                f"p{i}-leader": boss.pk,
                f"p{i}-person": "王科长",
                f"p{i}-problem_type": ProblemType.objects.get(name="制度缺失或不健全").pk,
            }
        )
    return data


def test_recommendation_items_become_issued_tasks(client: Client, org: Any, boss: Any, rec: Any) -> None:
    client.force_login(org.inspector)
    url = reverse("rectification:from-recommendation", args=[rec.pk])
    page = client.get(url)
    assert len(page.context["forms"]) == 2
    assert page.context["forms"][0].initial["measure"].startswith("修订完善《低保审核确认办法》")
    assert (
        page.context["forms"][0].initial["problem_type"]
        == ProblemType.objects.get(name="制度缺失或不健全").pk
    )
    assert client.post(url, _plan_post(2, boss)).status_code == 302
    tasks = Task.objects.filter(problem__recommendation_item__recommendation=rec)
    assert tasks.count() == 2
    assert set(tasks.values_list("status", flat=True)) == {"issued"}
    assert all(t.problem.case_id == rec.case_id for t in tasks)
    assert len(client.get(url).context["forms"]) == 0  # each item becomes a problem once


def test_plan_form_requires_leader_person_and_deadline(client: Client, org: Any, boss: Any, rec: Any) -> None:
    client.force_login(org.inspector)
    data = _plan_post(2, boss)
    del data["p1-leader"]
    data["p1-due_date"] = ""
    response = client.post(reverse("rectification:from-recommendation", args=[rec.pk]), data)
    assert response.status_code == 200
    assert Problem.objects.count() == 0
    assert "请指定责任领导" in response.content.decode()


def test_unit_works_the_task_through_the_pages(client: Client, org: Any, boss: Any) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss, due_date=FUTURE
    )
    task = services.issue_task(task, by=org.inspector)
    client.force_login(org.liaison)
    client.post(reverse("rectification:task-action", args=[task.pk, "start"]))
    upload = SimpleUploadedFile("新办法.pdf", b"%PDF-1.4 rules")
    client.post(reverse("rectification:evidence-add", args=[task.pk]), {"kind": "regulation", "file": upload})
    response = client.post(
        reverse("rectification:task-action", args=[task.pk, "submit"]), {"progress": "已印发"}, follow=True
    )
    assert "须由责任领导用本人账号签认" in response.content.decode()
    client.force_login(boss)
    client.post(reverse("rectification:task-action", args=[task.pk, "confirm"]), {"comment": "属实"})
    client.force_login(org.liaison)
    client.post(reverse("rectification:task-action", args=[task.pk, "submit"]), {"progress": "已印发"})
    client.force_login(org.inspector)
    client.post(reverse("rectification:task-action", args=[task.pk, "accept"]), {"verification": "written"})
    task.refresh_from_db()
    assert task.status == Task.Status.ACCEPTED
    evidence = task.evidence.get()
    download = client.get(reverse("rectification:evidence-download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 rules"  # type: ignore[attr-defined]


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
        "person": "王科长",
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
        reverse("rectification:policy"),
        {"yellow_days": 10, "red_days": 10, "review_months": 3, "inspection_report_months": 2},
    )
    assert "红灯天数应小于黄灯天数" in bad.content.decode()
    client.post(
        reverse("rectification:policy"),
        {"yellow_days": 15, "red_days": 5, "review_months": 6, "inspection_report_months": 2},
    )
    policy = RectificationPolicy.objects.get(issuer=org.commission)
    assert (policy.yellow_days, policy.red_days, policy.review_months) == (15, 5, 6)
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
