"""建章立制 and 廉政风险防控 through a real browser, with four accounts.

An approved 案件剖析 of 测试市民政局 named a 制度漏洞 and a 廉政风险点; the task answering the
loophole waits for 销号. The 纪委监委 clerk (`inspector`) is refused the 销号 (no rule in force).
The 民政局's liaison puts the risk point into the register from the case page in one click, then
drafts the rule from the loophole (prefilled) and sends it to 审议; a 班子成员 (`boss`) records it
印发施行. The clerk sees the loophole 已堵塞 on the case page, closes the task, then records the
execution check as 未执行 — and finds the new problem with its issued task.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.rectification.models import Problem, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.regulations.models import Regulation, RegulationCheck
from mingjian.regulations.tests.factories import make_loop
from mingjian.risks.models import RiskPoint
from tests.browser.test_case_flow import SLOW, log_in, log_out
from tests.browser.test_rectification_flow import alert, seed_problem_types

pytestmark = pytest.mark.browser

TITLE = "低保审核确认办法（修订）"
NUMBER = "测民发〔2026〕9号"
FINDINGS = "抽查 10 户低保审批档案，均未见经办人员近亲属备案记录。"
MEASURE = "建立近亲属备案台账，逐户补录。"


def field(page: Any, label: str) -> Any:
    """A form field by its label, with or without the required mark."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def refused_accept(page: Any, task_url: str) -> None:
    """1. The clerk tries to close the task: refused, naming the loophole."""
    page.goto(task_url)
    page.get_by_label(re.compile("^核查方式")).select_option(label="书面核查")
    page.get_by_label(re.compile("^核查情况")).fill("查阅整改报告。")
    page.get_by_test_id("task-accept").click()
    refused = page.locator(".alert-danger[role=alert]")
    expect(refused).to_contain_text("尚无关联的印发施行制度")
    expect(page.get_by_test_id("task-status")).to_have_text("待审核")


def take_risk_and_draft(page: Any, case_url: str, pdf: Path) -> str:
    """2. The liaison: 纳入风险库 in one click, then 制定制度 from the loophole, to 审议."""
    page.goto(case_url)
    panel = page.get_by_test_id("risks-panel")
    panel.get_by_test_id("take-risk").click()
    expect(alert(page, "已纳入测试市民政局廉政风险库")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("risk-title")).to_contain_text("低保审批权")
    expect(page.get_by_test_id("risk-status")).to_have_text("在册")

    page.goto(case_url)
    expect(page.get_by_test_id("risks-panel").get_by_test_id("taken-row")).to_be_visible()
    holes = page.get_by_test_id("regulations-panel")
    expect(holes.get_by_test_id("loophole-state")).to_have_text("未堵塞")
    holes.get_by_test_id("close-loophole").click()
    expect(field(page, "名称")).to_have_value("低保审核确认办法")
    expect(page.get_by_label(re.compile("^缺少经办人员近亲属"))).to_be_checked()
    field(page, "名称").fill(TITLE)
    field(page, "类型").select_option(label="新制定")
    field(page, "制度文本").set_input_files(str(pdf))
    page.get_by_test_id("regulation-save").click()
    expect(alert(page, "制度已保存")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("regulation-status")).to_have_text("起草")
    expect(page.get_by_test_id("versions")).to_contain_text(pdf.name)
    page.get_by_test_id("regulation-review").click()
    expect(page.get_by_test_id("regulation-status")).to_have_text("审议")
    return str(page.url)


def issue_rule(page: Any, reg_url: str) -> None:
    """3. A 班子成员 records the rule 印发施行 (not its drafter: four eyes)."""
    page.goto(reg_url)
    today = date.today().isoformat()  # noqa: DTZ011 - the server and the browser share the machine
    field(page, "文号").fill(NUMBER)
    field(page, "印发日期").fill(today)
    field(page, "施行日期").fill(today)
    page.get_by_test_id("regulation-issue").click()
    expect(page.get_by_test_id("regulation-status")).to_have_text("印发施行", timeout=SLOW)
    states = page.get_by_test_id("loophole-states")
    expect(states).to_contain_text("已堵塞")
    expect(page.get_by_test_id("check-row")).to_have_count(2)  # 执行检查 and 回头看, scheduled


def gate_open_then_check_fails(page: Any, case_url: str, task_url: str, reg_url: str) -> None:
    """4. The clerk: loophole 已堵塞 on the case page, 销号 now passes; the check finds 未执行."""
    page.goto(case_url)
    label = page.get_by_test_id("regulations-panel").get_by_test_id("loophole-label")
    expect(label).to_contain_text(f"已堵塞（《{TITLE}》，施行于 ")
    page.goto(task_url)
    page.get_by_label(re.compile("^核查方式")).select_option(label="书面核查")
    page.get_by_label(re.compile("^核查情况")).fill("查阅印发的制度文本，已增设回避条款。")
    page.get_by_test_id("task-accept").click()
    expect(alert(page, "已验收销号")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("task-status")).to_have_text("已销号")

    page.goto(reg_url)
    execution = page.get_by_test_id("check-row").filter(has_text="制度执行检查")
    execution.get_by_test_id("check-open").click()
    page.get_by_role("radio", name="未执行").check()
    field(page, "检查发现").fill(FINDINGS)
    field(page, "整改措施").fill(MEASURE)
    due = date.today() + timedelta(days=30)  # noqa: DTZ011 - a month of slack
    field(page, "完成时限").fill(due.isoformat())
    field(page, "责任领导").select_option(index=1)
    field(page, "责任人").select_option(index=1)
    page.get_by_test_id("check-save").click()
    expect(alert(page, "已作为问题交办")).to_be_visible(timeout=SLOW)
    done = page.get_by_test_id("check-row").filter(has=page.get_by_test_id("check-problem"))
    expect(done.get_by_test_id("check-result")).to_have_text("未执行")
    expect(done).to_contain_text(FINDINGS)
    done.get_by_test_id("check-problem").click()
    expect(page.locator("main")).to_contain_text(f"《{TITLE}》执行检查：未执行")


def test_risk_into_register_rule_closes_loophole_gate_opens_check_raises_problem(
    page: Any, live_server: Any, org: Any, tmp_path: Path
) -> None:
    seed_problem_types()
    loop = make_loop(org)
    clerk(org.bureau_a)
    case_url = f"{live_server.url}{loop.case.get_absolute_url()}"
    task_url = f"{live_server.url}{loop.task.get_absolute_url()}"
    pdf = tmp_path / f"{TITLE}.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

    log_in(page, live_server, "inspector")
    refused_accept(page, task_url)
    log_out(page)

    log_in(page, live_server, "liaison")
    reg_url = take_risk_and_draft(page, case_url, pdf)
    log_out(page)

    log_in(page, live_server, "boss")
    issue_rule(page, reg_url)
    log_out(page)

    log_in(page, live_server, "inspector")
    gate_open_then_check_fails(page, case_url, task_url, reg_url)

    # The database agrees with what the pages showed.
    assert RiskPoint.objects.get(source_risk=loop.risk).status == RiskPoint.Status.ACTIVE
    reg = Regulation.objects.get(title=TITLE)
    assert reg.status == Regulation.Status.IN_FORCE and list(reg.loopholes.all()) == [loop.hole]
    loop.task.refresh_from_db()
    assert loop.task.status == Task.Status.ACCEPTED
    failed = reg.checks.get(kind=RegulationCheck.Kind.EXECUTION, status=RegulationCheck.Status.DONE)
    assert failed.result == RegulationCheck.Result.NONE and failed.problem is not None
    assert failed.problem.source == Problem.Source.FOLLOW_UP
    assert Task.objects.get(problem=failed.problem).status == Task.Status.ISSUED
    assert reg.checks.filter(kind=RegulationCheck.Kind.EXECUTION, status="scheduled").count() == 1  # re-check
