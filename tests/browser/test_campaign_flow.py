"""类案延伸 and 专项行动 through a real browser.

1. The 纪委 clerk pushes an analysed 民政 case to two units from the case page (the analysis's
   类案延伸单位 is ticked already; the other unit is marked as having no principal's account); the
   民政局's liaison finds the 自查表 on the 工作台 and answers it — one point found, with measure,
   deadline, 责任领导 and 责任人, one not found with the scope checked; its 书记 submits it; the
   clerk accepts it and the case page counts what the field found.
2. The clerk makes a 警示教育专项行动 from the 7-day template, picks the 民政 units (the one with
   no 班子 account is shown and cannot be ticked), launches it and reads the unit × phase grid.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mingjian.cases.models import CaseAnalysis, IntegrityRisk, SystemLoophole
from mingjian.cases.tests.factories import AnalysisFactory, CaseFactory
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory, UnitFactory, leader_of
from mingjian.rectification.campaign_templates import load_builtins
from mingjian.rectification.models import CampaignTemplate, Problem, ProblemType, TemplatePhase
from mingjian.selfcheck.models import Checklist
from tests.browser.helpers import SLOW, log_in, log_out, seed_problem_types, todo_section

pytestmark = pytest.mark.browser

CASE_TITLE = "测试区民政局原副局长赵某违规审批临时救助问题"
FOUND = "临时救助审批由经办人一人完成，未经集体研究"
MEASURE = "临时救助一律经局务会集体研究，建立审批台账"
SCOPE = "查阅2025年以来低保审批档案50份，均有入户调查记录和两人签字"


def alert(page: Any, text: str) -> Any:
    return page.get_by_role("alert").filter(has_text=text)


def _analysed_case(org: Any) -> Any:
    """A case of a third 民政 unit whose approved analysis names bureau_a for 类案延伸."""
    district = UnitFactory(name="测试区民政局", code="dmz", parent=org.city, field="civil_affairs")
    analysis = AnalysisFactory(
        case=CaseFactory(unit=district, title=CASE_TITLE, publicity="city"),
        status=CaseAnalysis.Status.APPROVED,
    )
    IntegrityRisk.objects.create(
        analysis=analysis, post="临时救助审批", description="经办人一人说了算", level="high"
    )
    SystemLoophole.objects.create(
        analysis=analysis, regulation="低保审核确认办法", description="缺少入户调查复核"
    )
    analysis.extend_to_units.set([org.bureau_a])
    return analysis.case


def push_the_case(page: Any, live_server: Any, case: Any, artifacts_dir: Path) -> None:
    log_in(page, live_server, "inspector")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    expect(page.get_by_test_id("unpushed-extensions")).to_contain_text("测试市民政局")
    page.get_by_test_id("push-case").click()
    expect(page.get_by_test_id("push-points").locator("li")).to_have_count(2)
    units = page.get_by_test_id("push-units")
    expect(units.get_by_label("测试市民政局")).to_be_checked()
    county = units.locator("tr").filter(has_text="测试县民政局")
    expect(county.get_by_test_id("no-principal")).to_contain_text("未开通书记或主要负责人账号")
    units.get_by_label("测试县民政局").check()
    page.screenshot(path=str(artifacts_dir / "selfcheck-push.png"), full_page=True)
    page.get_by_test_id("push-save").click()
    expect(alert(page, "已向 2 个单位推送类案自查表")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("push-checklists").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("push-checklists")).to_contain_text("待自查")
    log_out(page)


def answer_it(page: Any, live_server: Any, due: str) -> None:
    log_in(page, live_server, "liaison")
    section = todo_section(page, "待填报的类案自查表")
    section.get_by_role("link", name="测试市民政局类案自查表").click()
    expect(page.get_by_test_id("checklist-status")).to_have_text("待自查")
    first, second = page.get_by_test_id("checklist-row").nth(0), page.get_by_test_id("checklist-row").nth(1)
    expect(first).to_contain_text("廉政风险点：临时救助审批：经办人一人说了算")
    first.get_by_label("存在", exact=True).check()
    first.get_by_label("具体表现（第1项）").fill(FOUND)
    first.get_by_label("整改措施（第1项）").fill(MEASURE)
    first.get_by_label("完成时限（第1项）").fill(due)
    first.get_by_label("责任领导（第1项）").select_option(label="孙书记")
    first.get_by_label("责任人（第1项）").select_option(label="王科长（科长） · 测试市民政局")
    second.get_by_label("不存在", exact=True).check()
    second.get_by_label("检查范围（不存在时必填）（第2项）").fill(SCOPE)
    page.get_by_test_id("checklist-save").click()
    expect(alert(page, "自查表已保存")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("checklist-submit")).to_have_count(0)  # the liaison does not submit
    log_out(page)

    log_in(page, live_server, "secretary")
    page.goto(f"{live_server.url}{Checklist.objects.get(unit__name='测试市民政局').get_absolute_url()}")
    page.get_by_test_id("checklist-submit").click()
    expect(alert(page, "已报送自查表")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("checklist-status")).to_have_text("待审核")
    log_out(page)


def accept_it(page: Any, live_server: Any, case: Any, artifacts_dir: Path) -> None:
    log_in(page, live_server, "inspector")
    section = todo_section(page, "待审核的类案自查表")
    section.get_by_role("link", name="测试市民政局类案自查表").click()
    page.get_by_test_id("checklist-accept").click()
    expect(alert(page, "已审核通过")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("checklist-status")).to_have_text("已审核")
    expect(page.get_by_test_id("checklist-row").nth(0)).to_contain_text("已转为整改任务")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    outcome = page.get_by_test_id("field-outcome")
    expect(page.get_by_test_id("unpushed-extensions")).to_have_count(0)  # the 类案延伸单位 got its 自查表
    for value, label in (
        ("2", "推送单位"),
        ("1", "已自查"),
        ("1", "查找出问题"),
        ("1", "转为整改"),
        ("0", "已销号"),
    ):
        expect(outcome.locator("div.border").filter(has_text=label)).to_contain_text(value)
    page.screenshot(path=str(artifacts_dir / "selfcheck-case-outcome.png"), full_page=True)
    log_out(page)


def test_push_a_case_to_two_units_and_answer_one(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    seed_problem_types()
    case = _analysed_case(org)
    UnitFactory(name="测试县民政局", code="xmz", parent=org.city, field="civil_affairs")
    leader_of(org.bureau_a, username="secretary", full_name="孙书记", leadership=Person.Leadership.SECRETARY)
    PersonFactory(unit=org.bureau_a, name="王科长", position="科长")
    due = (timezone.localdate() + timedelta(days=40)).isoformat()

    push_the_case(page, live_server, case, artifacts_dir)
    answer_it(page, live_server, due)
    accept_it(page, live_server, case, artifacts_dir)

    problem = Problem.objects.get()
    assert (problem.source, problem.unit, problem.case, problem.title) == (
        "self_inspection",
        org.bureau_a,
        case,
        FOUND,
    )
    task = problem.tasks.get()
    assert (task.status, task.measure, task.due_date.isoformat()) == ("issued", MEASURE, due)
    assert ProblemType.objects.filter(pk=problem.problem_type_id).exists()
    assert Checklist.objects.get(unit__name="测试县民政局").status == "pending"


def test_a_warning_week_from_its_template_launched_over_the_field(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    seed_problem_types()
    load_builtins(CampaignTemplate, TemplatePhase)  # a flushed database lost the migration's rows
    leader_of(org.bureau_a, username="secretary", full_name="孙书记", leadership=Person.Leadership.SECRETARY)
    UnitFactory(name="测试县民政局", code="xmz2", parent=org.city, field="civil_affairs")
    log_in(page, live_server, "inspector")
    page.locator("#mj-nav").get_by_role("link", name="专项行动/治理").click()
    page.get_by_test_id("campaign-create").click()
    page.get_by_label("模板").select_option(label="警示教育专项行动（7日）")
    page.get_by_label("名称").fill("测试市民政系统警示教育周")
    page.get_by_label("开始日期").fill(timezone.localdate().isoformat())
    page.get_by_test_id("campaign-save").click()
    expect(page).to_have_url(re.compile(r"/rectification/campaigns/\d+/$"), timeout=SLOW)
    expect(page.get_by_test_id("phase-table").locator("tbody tr")).to_have_count(5)
    expect(page.get_by_test_id("campaign-status")).to_have_text("筹备中")

    page.get_by_test_id("campaign-targets").click()
    page.get_by_label("按领域").select_option(label="民政")
    page.get_by_test_id("by-field").click()
    candidates = page.get_by_test_id("candidates")
    expect(
        candidates.locator("tr").filter(has_text="测试县民政局").get_by_test_id("no-leader")
    ).to_be_visible()
    expect(candidates.get_by_label("测试县民政局")).to_have_count(0)  # no checkbox to tick
    candidates.get_by_label("测试市民政局", exact=True).check()
    expect(candidates.get_by_label("测试市民政局责任领导").locator("option:checked")).to_contain_text(
        "孙书记"
    )
    page.get_by_test_id("targets-add").click()
    expect(alert(page, "已添加 1 个对象单位")).to_be_visible(timeout=SLOW)

    page.get_by_test_id("campaign-launch").click()
    expect(alert(page, "已部署")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("campaign-status")).to_have_text("进行中")
    row = page.get_by_test_id("grid-row").filter(has_text="测试市民政局")
    expect(row.get_by_test_id("grid-cell")).to_have_text(["进行中", "未开始", "未开始", "未开始", "未开始"])
    expect(row).to_contain_text("孙书记")
    expect(page.get_by_test_id("campaign-docx")).to_contain_text("总结报告（草稿）")
    page.screenshot(path=str(artifacts_dir / "campaign-grid.png"), full_page=True)
