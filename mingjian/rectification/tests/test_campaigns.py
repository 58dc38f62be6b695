"""专项行动 / 专项治理: templates, phases, target units, launch through the engine, the grid, the 总结."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases.tests.factories import AnalysisFactory, CaseFactory
from mingjian.education.models import Attendance, Event
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory, UnitFactory, leader_of
from mingjian.rectification import services
from mingjian.rectification.campaign_report import campaign_document, campaign_grid, campaign_summary
from mingjian.rectification.campaign_templates import BUILTIN_TEMPLATES, CASE_REFORM_QUARTER, WARNING_WEEK
from mingjian.rectification.models import (
    Campaign,
    CampaignPhase,
    CampaignTemplate,
    Cell,
    PhaseTask,
    Problem,
    ProblemType,
    Task,
)
from mingjian.rectification.tests.factories import TaskFactory, clerk
from mingjian.regulations.tests.factories import draft, in_force, issue
from mingjian.workflow.models import StatusChange
from mingjian.workflow.services import TransitionError

DAY = datetime.timedelta(days=1)


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(
        org.bureau_a, username="boss", full_name="钱局长", leadership=Person.Leadership.SECRETARY
    )


def template(spec: Any = CASE_REFORM_QUARTER) -> CampaignTemplate:
    return CampaignTemplate.objects.get(name=spec.name, issuer__isnull=True)


def new_campaign(org: Any, spec: Any = CASE_REFORM_QUARTER, start: datetime.date | None = None) -> Campaign:
    return services.create_campaign(
        by=org.inspector,
        issuer=org.commission,
        name="以案促改专项行动",
        start_date=start or timezone.localdate(),
        template=template(spec),
    )


def launched(org: Any, boss: Any, spec: Any = WARNING_WEEK) -> Campaign:
    campaign = new_campaign(org, spec)
    target = services.TargetInput(org.bureau_a, boss, clerk(org.bureau_a))
    services.add_targets(campaign, by=org.inspector, targets=[target])
    return services.launch_campaign(campaign, by=org.inspector)


def test_the_built_in_templates_ship_as_reference_data(db: Any) -> None:
    names = set(CampaignTemplate.objects.filter(issuer__isnull=True).values_list("name", flat=True))
    assert names == {t.name for t in BUILTIN_TEMPLATES}
    quarter = template()
    assert [p.name for p in quarter.phases.all()] == [
        "动员部署",
        "学习教育",
        "查摆剖析",
        "整改落实",
        "建章立制",
        "总结评估",
    ]
    assert (quarter.days, quarter.kind) == (90, "action")
    assert template(WARNING_WEEK).days == 7
    governance = {t.name for t in CampaignTemplate.objects.filter(kind="governance")}
    assert any("礼品礼金" in n for n in governance) and any("低保" in n and "特困" in n for n in governance)
    assert ProblemType.objects.get(name="专项行动阶段任务").category == ProblemType.Category.ACTION


def test_a_campaign_from_a_template_lays_its_phases_out_from_the_start(
    org: Any, today: datetime.date
) -> None:
    campaign = new_campaign(org)
    assert (campaign.kind, campaign.status) == ("action", "draft")
    assert campaign.end_date == today + 89 * DAY
    phases = list(campaign.phases.all())
    assert (phases[0].start_date, phases[0].end_date) == (today, today + 9 * DAY)
    assert phases[-1].end_date == campaign.end_date
    event = AuditEvent.objects.get(action="rectification.campaign.created", target_id=str(campaign.pk))
    assert event.data["phases"] == 6


def test_a_shorter_period_than_the_template_is_refused(org: Any, today: datetime.date) -> None:
    with pytest.raises(TransitionError, match="日期须在专项行动期间"):
        services.create_campaign(
            by=org.inspector,
            issuer=org.commission,
            name="短",
            start_date=today,
            end_date=today + 30 * DAY,
            template=template(),
        )
    assert not Campaign.objects.exists()


def test_create_campaign_without_a_template_still_works_as_before(org: Any, today: datetime.date) -> None:
    campaign = services.create_campaign(
        by=org.inspector, issuer=org.commission, name="礼品礼金", start_date=today
    )
    assert (campaign.kind, campaign.status, campaign.phases.count()) == ("governance", "draft", 0)
    with pytest.raises(PermissionDenied):
        services.create_campaign(by=org.liaison, issuer=org.commission, name="越权", start_date=today)


def test_phases_are_checked_and_only_the_issuer_edits_them_while_prepared(
    org: Any, today: datetime.date
) -> None:
    campaign = new_campaign(org, WARNING_WEEK)
    bad = [
        services.PhaseInput("动员部署", today + 2 * DAY, today + 3 * DAY, "部署"),
        services.PhaseInput("学习教育", today, today + 30 * DAY, ""),
    ]
    with pytest.raises(TransitionError) as e:
        services.save_phases(campaign, by=org.inspector, phases=bad)
    message = str(e.value)
    assert "请填写工作要求" in message and "日期须在专项行动期间" in message and "先后排列" in message
    with pytest.raises(PermissionDenied):
        services.save_phases(campaign, by=org.stationed, phases=bad[:1])
    good = [services.PhaseInput("集中学习", today, today + 6 * DAY, "学习通报")]
    services.save_phases(campaign, by=org.inspector, phases=good)
    assert [p.name for p in campaign.phases.all()] == ["集中学习"]


def test_a_unit_whose_leadership_has_no_account_is_refused_by_name(org: Any, boss: Any) -> None:
    campaign = new_campaign(org)
    with pytest.raises(TransitionError, match="测试市财政局没有班子成员账号"):
        services.add_targets(campaign, by=org.inspector, targets=[services.TargetInput(org.bureau_b, None)])
    with pytest.raises(TransitionError, match="责任领导须为测试市民政局班子成员"):
        services.add_targets(
            campaign, by=org.inspector, targets=[services.TargetInput(org.bureau_a, org.liaison)]
        )
    stranger = PersonFactory(unit=org.bureau_b)
    with pytest.raises(TransitionError, match="干部名册"):
        services.add_targets(
            campaign, by=org.inspector, targets=[services.TargetInput(org.bureau_a, boss, stranger)]
        )
    assert not campaign.targets.exists()


def test_only_units_in_the_issuers_scope_can_be_targets(org: Any, boss: Any, today: datetime.date) -> None:
    campaign = services.create_campaign(
        by=org.stationed, issuer=org.group, name="派驻组专项", start_date=today
    )
    services.save_phases(
        campaign, by=org.stationed, phases=[services.PhaseInput("自查", today, today, "自查")]
    )
    leader_b = leader_of(org.bureau_b, username="bboss")
    with pytest.raises(PermissionDenied):
        services.add_targets(
            campaign, by=org.stationed, targets=[services.TargetInput(org.bureau_b, leader_b)]
        )
    services.add_targets(campaign, by=org.stationed, targets=[services.TargetInput(org.bureau_a, boss)])
    assert campaign.targets.get().unit == org.bureau_a


def test_launch_gives_each_target_one_issued_task_per_phase(org: Any, boss: Any) -> None:
    campaign = launched(org, boss)
    assert campaign.status == "launched"
    phase_tasks = list(PhaseTask.objects.filter(target__campaign=campaign).select_related("task", "phase"))
    assert len(phase_tasks) == 5
    for pt in phase_tasks:
        task = pt.task
        assert (task.status, task.unit, task.due_date) == ("issued", org.bureau_a, pt.phase.end_date)
        assert (task.problem.source, task.problem.campaign, task.problem.issuer) == (
            "campaign",
            campaign,
            org.commission,
        )
        assert task.problem.problem_type.category == ProblemType.Category.ACTION
        lead = task.responsibilities.get()
        assert (lead.leader, lead.person) == (boss, clerk(org.bureau_a))
    change = StatusChange.objects.get(object_id=campaign.pk, action="launch")
    assert (change.from_status, change.to_status, change.actor) == ("draft", "launched", org.inspector)
    with pytest.raises(TransitionError):
        services.launch_campaign(campaign, by=org.inspector)


def test_launch_refuses_a_phase_that_has_ended_and_writes_nothing(
    org: Any, boss: Any, today: datetime.date
) -> None:
    campaign = new_campaign(org, WARNING_WEEK)
    services.add_targets(campaign, by=org.inspector, targets=[services.TargetInput(org.bureau_a, boss)])
    CampaignPhase.objects.filter(campaign=campaign, seq=1).update(
        start_date=today - 3 * DAY, end_date=today - DAY
    )
    Campaign.objects.filter(pk=campaign.pk).update(start_date=today - 3 * DAY)
    campaign.refresh_from_db()
    with pytest.raises(TransitionError, match="动员部署"):
        services.launch_campaign(campaign, by=org.inspector)
    assert not Task.objects.exists()
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    empty = services.create_campaign(by=org.inspector, issuer=org.commission, name="无阶段", start_date=today)
    with pytest.raises(TransitionError, match="请先设置"):
        services.launch_campaign(empty, by=org.inspector)


def test_a_unit_added_under_way_gets_only_the_phases_not_yet_ended(
    org: Any, boss: Any, today: datetime.date
) -> None:
    campaign = launched(org, boss)
    CampaignPhase.objects.filter(campaign=campaign, seq=1).update(
        end_date=today - DAY, start_date=today - DAY
    )
    dept_leader = leader_of(org.a_dept, username="dboss")  # a 科室 answers through its bureau's 班子
    with pytest.raises(TransitionError):
        services.add_targets(
            campaign, by=org.inspector, targets=[services.TargetInput(org.a_dept, dept_leader)]
        )
    later = UnitFactory(name="测试市社会福利院", parent=org.bureau_a, field="civil_affairs")
    head = leader_of(later, username="yuanzhang", leadership=Person.Leadership.HEAD)
    services.add_targets(campaign, by=org.inspector, targets=[services.TargetInput(later, head)])
    seqs = sorted(PhaseTask.objects.filter(target__unit=later).values_list("phase__seq", flat=True))
    assert seqs == [2, 3, 4, 5]
    row = next(r for r in campaign_grid(campaign, org.inspector).rows if r.target.unit == later)
    assert row.cells[0].state == Cell.NONE


def test_the_grid_derives_each_cell_from_the_phase_task(org: Any, boss: Any, today: datetime.date) -> None:
    campaign = launched(org, boss)
    tasks = {pt.phase.seq: pt.task for pt in PhaseTask.objects.filter(target__campaign=campaign)}
    Task.objects.filter(pk=tasks[1].pk).update(status=Task.Status.ACCEPTED)
    Task.objects.filter(pk=tasks[2].pk).update(due_date=today - DAY)
    services.start_task(tasks[3], by=org.liaison)
    cells = [c.state for c in campaign_grid(campaign, org.inspector).rows[0].cells]
    # 动员部署 (day 1, today) is running; 查摆剖析 has not begun but the unit started it.
    assert cells == [Cell.DONE, Cell.OVERDUE, Cell.IN_PROGRESS, Cell.NOT_STARTED, Cell.NOT_STARTED]
    Task.objects.filter(pk=tasks[1].pk).update(status=Task.Status.ISSUED)
    assert campaign_grid(campaign, org.inspector).rows[0].cells[0].state == Cell.IN_PROGRESS


def test_the_grid_shows_only_the_units_the_viewer_may_see(org: Any, boss: Any) -> None:
    campaign = launched(org, boss)
    assert len(campaign_grid(campaign, org.inspector).rows) == 1
    assert len(campaign_grid(campaign, org.liaison).rows) == 1
    assert campaign_grid(campaign, org.outsider).rows == []
    assert campaign_summary(campaign, org.outsider).units == []


def _found_problem(org: Any, boss: Any, campaign: Campaign) -> Task:
    plan = services.TaskPlan(
        title="低保审批缺少交叉复核",
        unit=org.bureau_a,
        problem_type=ProblemType.objects.get(name="审核把关不严"),
        measure="建立交叉复核制度",
        due_date=timezone.localdate() + 20 * DAY,
        leader=boss,
        person=clerk(org.bureau_a),
        links={"campaign": campaign},
    )
    return services.create_tasks(
        [plan], issuer=org.commission, source=Problem.Source.CAMPAIGN, by=org.inspector, issue_now=True
    )[0]


def _close(task: Task, org: Any, boss: Any, kind: str = "document", name: str = "整改说明") -> None:
    task = services.start_task(task, by=org.liaison)
    services.add_evidence(
        task, by=org.liaison, kind=kind, name=name, checked=check_upload(f"{name}.pdf", b"%PDF-1.4 x")
    )
    task = services.save_progress(task, by=org.liaison, progress=f"已完成{name}")
    services.confirm_task(task, by=boss)
    task = services.submit_task(task, by=org.liaison)
    services.accept_task(task, by=org.inspector, verification="written")


def test_the_summary_reads_problems_rules_and_reach_from_the_data(
    org: Any, boss: Any, today: datetime.date
) -> None:
    campaign = launched(org, boss)
    _close(
        PhaseTask.objects.get(target__campaign=campaign, phase__seq=1).task,
        org,
        boss,
        name="动员部署会议纪要",
    )
    _close(_found_problem(org, boss, campaign), org, boss, kind="regulation", name="低保交叉复核规定")
    _found_problem(org, boss, campaign)
    people = [clerk(org.bureau_a), PersonFactory(unit=org.bureau_a), PersonFactory(unit=org.a_dept)]
    event = Event.objects.create(
        unit=org.bureau_a, kind="conference", title="警示教育大会", held_on=today, status="held"
    )
    Attendance.objects.create(event=event, person=people[0], presence="present")
    Attendance.objects.create(event=event, person=people[2], presence="absent")
    summary = campaign_summary(campaign, org.inspector)
    # The phase tasks are work, not problems found: two problems, one closed.
    assert (summary.problems, summary.closed) == (2, 1)
    assert summary.rules == ["《低保交叉复核规定》"]
    roster = Person.objects.roster_of(org.bureau_a).count()
    assert (summary.roster, summary.reached) == (roster, 1)
    unit = summary.units[0]
    assert (unit.done, unit.work) == (1, [("动员部署", "已完成动员部署会议纪要")])


def test_the_summary_counts_the_rules_the_register_links_to_the_campaigns_problems(
    org: Any, boss: Any
) -> None:
    campaign = launched(org, boss)
    task = _found_problem(org, boss, campaign)
    linked = in_force(org, boss, title="低保交叉复核规定", problems=[task.problem])
    twin = in_force(org, boss, title="低保交叉复核规定", problems=[task.problem])  # another rule, same name
    draft(org.liaison, org.bureau_a, title="尚在起草的办法", problems=[task.problem])  # not made yet
    in_force(org, boss, title="与本次行动无关的制度")
    older = draft(org.liaison, org.bureau_a, title="行动前已施行的办法", problems=[task.problem])
    issue(older, boss, effective=campaign.start_date - 30 * DAY)
    # Proved with the rule's 文号 as the record reference: the same rule, not a second one.
    task = services.start_task(task, by=org.liaison)
    services.add_evidence(
        task,
        by=org.liaison,
        kind="regulation",
        name="关于印发低保交叉复核规定的通知",
        record_ref="测民发〔2026〕1号",
        checked=check_upload("制度.pdf", b"%PDF-1.4 x"),
    )
    services.add_evidence(
        task,
        by=org.liaison,
        kind="regulation",
        name="《救助资金公示办法》",
        checked=check_upload("b.pdf", b"%PDF-1.4 y"),
    )
    summary = campaign_summary(campaign, org.inspector)
    assert summary.rules == [linked.label, twin.label, "《救助资金公示办法》"]
    assert linked.label == "《低保交叉复核规定》（测民发〔2026〕1号）"
    assert campaign_summary(campaign, org.outsider).rules == []


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_conclude_needs_the_last_phase_begun_and_the_report_is_a_document(
    client: Client, org: Any, boss: Any, today: datetime.date
) -> None:
    campaign = launched(org, boss)
    with pytest.raises(TransitionError, match="总结评估"):
        services.conclude_campaign(campaign, by=org.inspector, report_to="中共测试市委员会")
    client.force_login(org.inspector)
    early = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-testid="conclude-later"' in early and 'data-testid="campaign-conclude"' not in early
    CampaignPhase.objects.filter(campaign=campaign, seq=5).update(start_date=today)
    assert 'data-testid="campaign-conclude"' in client.get(campaign.get_absolute_url()).content.decode()
    with pytest.raises(TransitionError, match="主送机关"):
        services.conclude_campaign(campaign, by=org.inspector, report_to=" ")
    campaign = services.conclude_campaign(
        campaign, by=org.inspector, report_to="中共测试市委员会", conclusion="持续巩固成效。"
    )
    doc = campaign_document(campaign, org.inspector)
    assert (doc.title, doc.addressees, doc.draft_mark) == (
        "关于以案促改专项行动开展情况的报告",
        "中共测试市委员会",
        "",
    )
    client.force_login(org.inspector)
    response = client.get(reverse("rectification:campaign-docx", args=[campaign.pk]))
    text = _docx_text(response.content)
    assert "测试市民政局" in text and "共发现问题0个" in text and "持续巩固成效" in text
    assert AuditEvent.objects.filter(
        action="rectification.campaign.exported", target_id=str(campaign.pk)
    ).exists()


def test_a_draft_report_is_marked_and_a_prepared_campaign_has_none(
    client: Client, org: Any, boss: Any
) -> None:
    client.force_login(org.inspector)
    draft = new_campaign(org)
    assert client.get(reverse("rectification:campaign-docx", args=[draft.pk])).status_code == 404
    campaign = launched(org, boss)
    assert campaign_document(campaign, org.inspector).draft_mark.startswith("（草稿")


def test_pages_create_choose_targets_from_an_analysis_and_launch(
    client: Client, org: Any, boss: Any, today: datetime.date
) -> None:
    analysis = AnalysisFactory(case=CaseFactory(unit=org.bureau_b), status="approved")
    analysis.extend_to_units.set([org.bureau_a])
    client.force_login(org.inspector)
    response = client.post(
        reverse("rectification:campaign-create"),
        {"template": template(WARNING_WEEK).pk, "name": "警示教育周", "start_date": today.isoformat()},
    )
    campaign = Campaign.objects.get(name="警示教育周")
    assert response["Location"] == campaign.get_absolute_url()
    page = client.get(reverse("rectification:campaign-targets", args=[campaign.pk]) + "?field=finance")
    assert "没有班子成员账号" in page.content.decode()  # 测试市财政局 has no 班子 account
    one_click = {"analysis": analysis.pk, "unit": org.bureau_a.pk, f"leader-{org.bureau_a.pk}": boss.pk}
    client.post(reverse("rectification:campaign-targets", args=[campaign.pk]), one_click)
    assert campaign.targets.get().leader == boss
    client.post(reverse("rectification:campaign-action", args=[campaign.pk, "launch"]))
    campaign.refresh_from_db()
    assert campaign.status == "launched"
    body = client.get(campaign.get_absolute_url()).content.decode()
    assert body.count('data-testid="grid-cell"') == 5
    client.force_login(org.outsider)
    outsider = client.get(campaign.get_absolute_url()).content.decode()
    assert "测试市民政局" not in outsider and 'data-testid="grid-cell"' not in outsider
    assert (
        client.post(reverse("rectification:campaign-action", args=[campaign.pk, "conclude"])).status_code
        == 404
    )


def test_a_unit_not_offered_on_the_targets_page_is_404(client: Client, org: Any, boss: Any) -> None:
    campaign = new_campaign(org)
    client.force_login(org.stationed)  # the 派驻组 does not run the 纪委's campaign
    assert client.get(reverse("rectification:campaign-targets", args=[campaign.pk])).status_code == 404
    client.force_login(org.inspector)
    data = {"unit": org.group.pk, f"leader-{org.group.pk}": boss.pk}  # a 派驻组 is never a target
    assert client.post(reverse("rectification:campaign-targets", args=[campaign.pk]), data).status_code == 404


def test_templates_are_copied_then_edited_and_built_ins_stay_as_shipped(client: Client, org: Any) -> None:
    builtin = template(WARNING_WEEK)
    client.force_login(org.inspector)
    assert client.get(reverse("rectification:template-edit", args=[builtin.pk])).status_code == 404
    response = client.post(reverse("rectification:template-copy", args=[builtin.pk]))
    copy = CampaignTemplate.objects.get(issuer=org.commission)
    assert response["Location"] == reverse("rectification:template-edit", args=[copy.pk])
    assert copy.phases.count() == builtin.phases.count()
    phases = [
        services.TemplatePhaseInput("集中学习", 1, 3, "学习"),
        services.TemplatePhaseInput("总结", 3, 4, "总结"),
    ]
    services.save_template(
        copy,
        by=org.inspector,
        name="三日学习",
        kind="action",
        field="",
        days=4,
        description="",
        phases=phases,
    )
    assert [p.name for p in copy.phases.all()] == ["集中学习", "总结"]
    with pytest.raises(TransitionError, match="第 1 至第 2 天"):
        services.save_template(
            copy, by=org.inspector, name="x", kind="action", field="", days=2, description="", phases=phases
        )
    with pytest.raises(PermissionDenied):
        services.save_template(
            builtin,
            by=org.inspector,
            name="改",
            kind="action",
            field="",
            days=7,
            description="",
            phases=phases,
        )
    assert template(WARNING_WEEK).phases.count() == 5


def test_a_target_is_removed_only_before_launch(org: Any, boss: Any) -> None:
    campaign = new_campaign(org)
    target = services.add_targets(
        campaign, by=org.inspector, targets=[services.TargetInput(org.bureau_a, boss)]
    )[0]
    services.remove_target(target, by=org.inspector)
    assert not campaign.targets.exists()
    campaign = launched(org, boss)
    with pytest.raises(TransitionError, match="不能移除"):
        services.remove_target(campaign.targets.get(), by=org.inspector)


def test_the_api_creates_launches_and_shows_only_visible_targets(
    org: Any, boss: Any, today: datetime.date
) -> None:
    api = APIClient()
    api.force_authenticate(org.inspector)
    created = api.post(
        "/api/campaigns/",
        {"template": template(WARNING_WEEK).pk, "name": "接口专项", "start_date": today.isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert len(created.json()["phases"]) == 5
    added = api.post(
        f"/api/campaigns/{pk}/targets/",
        {"targets": [{"unit": org.bureau_a.pk, "leader": boss.pk}]},
        format="json",
    )
    assert added.status_code == 200, added.content
    assert api.post(f"/api/campaigns/{pk}/launch/", {}, format="json").json()["status"] == "launched"
    assert api.post(f"/api/campaigns/{pk}/launch/", {}, format="json").status_code == 409
    detail = api.get(f"/api/campaigns/{pk}/").json()
    assert detail["targets"][0]["cells"][0]["state"] == "in_progress"
    api.force_authenticate(org.outsider)
    assert api.get(f"/api/campaigns/{pk}/").json()["targets"] == []
    assert api.post(f"/api/campaigns/{pk}/conclude/", {"report_to": "市委"}, format="json").status_code == 404
    assert (
        api.post(
            "/api/campaigns/", {"name": "越权", "start_date": today.isoformat()}, format="json"
        ).status_code
        == 404
    )


def test_tasks_carry_their_problems_source_and_campaign_and_the_list_filters_by_them(
    org: Any, boss: Any, today: datetime.date
) -> None:
    """The list's source and campaign filters read the task's own columns: every way a task is
    written (the bulk writer, the campaign launch, one by one) copies them from its problem."""
    campaign = launched(org, boss)
    found = _found_problem(org, boss, campaign)
    phase = PhaseTask.objects.filter(target__campaign=campaign).first().task  # type: ignore[union-attr]
    single = TaskFactory(problem__unit=org.bureau_a, problem__source=Problem.Source.INSPECTION)
    for task in (found, phase, single):
        task.refresh_from_db()
        assert (task.source, task.campaign_id) == (task.problem.source, task.problem.campaign_id)
    assert found.campaign_id == campaign.pk
    in_campaign = Task.objects.filtered({"campaign": str(campaign.pk)}, today)
    assert found in in_campaign and single not in in_campaign
    by_source = Task.objects.filtered({"source": Problem.Source.INSPECTION}, today)
    assert single in by_source and found not in by_source
