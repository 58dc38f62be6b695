"""A 建议书's objection and its closure (办结), through a real browser.

The 民政局's 书记 answers a served 建议书 himself on the answer page: the first 建议 adopted with a
measure, the second not adopted — refused until the objection's reasons are written. The 纪委
finds the objection on its 工作台, withdraws the item with reasons on the 异议处理 page (so the
建议书 is 已回复 with one item in force) and approves the plan, which issues one task only. With
that task closed (through the services: test_rectification_flow drives those pages), the 纪委 may
not close the 建议书 before the unit's 整改情况报告: the liaison drafts it from the task data and
edits it, the 书记 submits it, and the 纪委 rates the work and closes the 建议书.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mingjian.cases.models import Recommendation
from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services
from mingjian.rectification.models import RectificationReport, Task
from mingjian.rectification.tests.factories import clerk
from tests.browser.helpers import PDF, SLOW, alert, go_home, seed_problem_types, todo_count, todo_section

pytestmark = pytest.mark.browser

ITEMS = [
    "修订完善《低保审核确认办法》，建立经办人员近亲属备案回避制度。",
    "对近三年拨付的低保资金开展全面复核，追回多拨资金。",
]
MEASURE = "修订《低保审核确认办法》，增设近亲属备案回避条款，经局党组会审议后印发。"
OBJECTION = "经核查，近三年多拨资金已于2025年12月全部追回，相关凭证附后，建议撤回本项。"
WITHDRAW_REASON = "经核对追缴凭证，多拨资金确已全部追回，同意撤回本项建议。"
REPORT_NOTE = "附件：修订后的《低保审核确认办法》。"
PRINCIPAL, LEADER, PERSON = "钱书记", "林副局长", "王科长（科长） · 测试市民政局"  # org.picker labels


def served(org: Any) -> Recommendation:
    today = timezone.localdate()
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局社会救助科原科长王大明违规审批低保问题")
    return RecommendationFactory(  # type: ignore[no-any-return]
        unit=org.bureau_a,
        issuer=org.commission,
        case=case,
        issued=True,
        items=ITEMS,
        issued_on=today - timedelta(days=3),
        served_on=today - timedelta(days=2),
        reply_due=today + timedelta(days=28),
    )


def answer_with_an_objection(page: Any, rec: Recommendation) -> None:
    """1. The 书记 drafts and submits at once; 不采纳 needs the objection's reasons."""
    todo_section(page, "待回复的纪检监察建议书").get_by_role(
        "link", name=re.compile(re.escape(rec.number))
    ).click()
    page.get_by_test_id("answer").click()
    page.get_by_label(re.compile("^回复内容")).fill("我局党组专题研究，采纳第一项建议，对第二项提出异议。")
    page.get_by_label(re.compile("^党委（党组）会研究日期")).fill(timezone.localdate().isoformat())
    first, second = page.get_by_test_id("plan-item").nth(0), page.get_by_test_id("plan-item").nth(1)
    first.get_by_label("整改措施1").fill(MEASURE)
    first.get_by_label("完成时限").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    first.get_by_label("责任领导（班子成员）").select_option(label=LEADER)
    first.get_by_label("责任人（干部名册）").select_option(label=PERSON)
    second.get_by_label("是否采纳").select_option(label="不采纳（提出异议）")
    page.get_by_test_id("answer-submit").click()
    expect(alert(page, "不采纳的建议须写明异议及理由")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("rec-status")).to_have_text("已送达")

    page.get_by_test_id("answer").click()  # the draft was kept: only the reasons are missing
    second = page.get_by_test_id("plan-item").nth(1)
    expect(second.get_by_label("是否采纳").locator("option:checked")).to_have_text("不采纳（提出异议）")
    expect(page.get_by_test_id("plan-item").nth(0).get_by_label("整改措施1")).to_have_value(MEASURE)
    second.get_by_label("异议及理由").fill(OBJECTION)
    page.get_by_test_id("answer-submit").click()
    expect(alert(page, "已正式回复建议书并报送整改方案")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("rec-status")).to_have_text("异议处理")
    expect(page.get_by_test_id("rec-items")).to_contain_text(f"单位异议：{OBJECTION}")


def withdraw_and_approve(page: Any, live_server: Any, rec: Recommendation) -> None:
    """2. The 纪委 decides the objection (撤回, with reasons) and approves the plan."""
    expect(todo_count(page, "异议待处理的建议书")).to_have_text("1")
    todo_section(page, "异议待处理的建议书").get_by_role(
        "link", name=re.compile(re.escape(rec.number))
    ).click()
    page.get_by_test_id("resolve-objection").click()
    cards = page.get_by_test_id("objection-item")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(ITEMS[1])
    expect(cards).to_contain_text(OBJECTION)
    page.get_by_test_id("objection-resolve").click()  # no decision yet: refused
    expect(alert(page, "请对每一项异议作出维持、修改或撤回的决定")).to_be_visible()
    cards.get_by_label("处理决定").select_option(label="撤回")
    cards.get_by_label("理由").fill(WITHDRAW_REASON)
    page.get_by_test_id("objection-resolve").click()
    expect(alert(page, "异议处理决定已记录")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("rec-status")).to_have_text("已回复")
    expect(page.get_by_test_id("rec-items")).to_contain_text(f"处理：撤回（{WITHDRAW_REASON}）")

    page.get_by_test_id("rec-plan").click()
    page.get_by_test_id("plan-approve").click()
    expect(alert(page, "整改方案已批准")).to_be_visible(timeout=SLOW)
    expect(page.locator("main table").get_by_role("link", name="已下发")).to_have_count(1)  # item 1 only
    go_home(page, live_server)
    expect(todo_count(page, "异议待处理的建议书")).to_have_text("0")


def close_the_task(org: Any, leader: Any) -> None:
    """The task's own pages are test_rectification_flow's; here it is worked and closed directly."""
    task = Task.objects.get()
    task = services.start_task(task, by=org.liaison)
    services.add_evidence(
        task, by=org.liaison, kind="regulation", name="", checked=check_upload("办法.pdf", PDF)
    )
    task = services.save_progress(task, by=org.liaison, progress="修订办法已印发执行。")
    services.confirm_task(task, by=leader, comment="属实")
    task = services.submit_task(task, by=org.liaison)
    services.accept_task(task, by=org.inspector, verification="written")


def refused_before_the_report(page: Any, rec: Recommendation, live_server: Any) -> None:
    """3. 办结 is not offered while the unit's 整改情况报告 is missing: the page says why."""
    page.goto(f"{live_server.url}{rec.get_absolute_url()}")
    expect(page.get_by_test_id("rec-status")).to_have_text("整改中")
    expect(page.get_by_test_id("rec-panel")).to_contain_text("整改任务：1 / 1 项已销号")
    page.get_by_test_id("to-complete").click()
    expect(page.locator("main")).to_contain_text("被建议单位尚未起草整改情况报告")
    expect(page.get_by_test_id("complete-refusals")).to_contain_text("被建议单位尚未报送整改情况报告")
    expect(page.get_by_test_id("rec-complete")).to_have_count(0)


def draft_report(page: Any, rec: Recommendation, live_server: Any) -> str:
    """4. The liaison drafts the report from the task data and edits it; only the 书记 submits."""
    page.goto(f"{live_server.url}{rec.get_absolute_url()}")
    page.get_by_test_id("draft-report").click()
    expect(alert(page, "已根据整改任务数据生成报告草稿")).to_be_visible(timeout=SLOW)
    text = page.get_by_test_id("report-text")
    expect(text).to_have_value(re.compile(re.escape(f"（{rec.number}）整改情况的报告")))
    expect(text).to_have_value(re.compile(re.escape(MEASURE)))
    expect(text).not_to_have_value(re.compile(re.escape(ITEMS[1].rstrip("。"))))  # withdrawn
    text.fill(text.input_value() + "\n" + REPORT_NOTE)
    page.get_by_test_id("report-save").click()
    expect(alert(page, "报告已保存")).to_be_visible()
    expect(page.get_by_test_id("report-status")).to_have_text("起草中")
    expect(page.get_by_test_id("report-submit"), "联络员不能报送").to_have_count(0)
    return str(page.url)


def submit_report(page: Any, report_url: str) -> None:
    page.goto(report_url)
    expect(page.get_by_test_id("report-text")).to_have_value(re.compile(re.escape(REPORT_NOTE)))
    page.get_by_test_id("report-submit").click()
    expect(alert(page, "报告已报送")).to_be_visible()
    expect(page.get_by_test_id("report-status")).to_have_text("已报送")
    expect(page.get_by_test_id("report-text")).to_have_count(0)  # no longer editable


def complete(page: Any, rec: Recommendation, live_server: Any, artifacts_dir: Path) -> None:
    """5. The 纪委 reads the report, rates the work and closes the 建议书."""
    page.goto(f"{live_server.url}{rec.get_absolute_url()}")
    page.get_by_test_id("to-complete").click()
    expect(page.locator("main")).to_contain_text("整改情况报告 · 已报送")
    expect(page.locator("main")).to_contain_text(REPORT_NOTE)
    page.get_by_label("评估等次").select_option(label="较好")
    page.get_by_label("评估意见").fill("整改措施具体，制度已修订，建议持续抓好执行。")
    page.get_by_test_id("rec-complete").click()
    expect(alert(page, "建议书已办结")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("rec-status")).to_have_text("已办结")
    expect(page.locator("dl")).to_contain_text("整改评估较好")
    expect(page.get_by_test_id("to-complete")).to_have_count(0)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "recommendation-done.png"), full_page=True)


def test_objection_withdrawn_then_report_and_closure(
    open_as: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    seed_problem_types()
    rec = served(org)
    leader_of(org.bureau_a, username="mz-shuji", full_name=PRINCIPAL, leadership=Person.Leadership.SECRETARY)
    leader = leader_of(org.bureau_a, username="mz-fuju", full_name=LEADER)
    clerk(org.bureau_a)

    principal = open_as("mz-shuji")
    answer_with_an_objection(principal, rec)
    inspector = open_as("inspector")
    withdraw_and_approve(inspector, live_server, rec)
    close_the_task(org, leader)
    refused_before_the_report(inspector, rec, live_server)
    report_url = draft_report(open_as("liaison"), rec, live_server)
    submit_report(principal, report_url)
    complete(inspector, rec, live_server, artifacts_dir)

    rec.refresh_from_db()
    assert (rec.status, rec.rating, rec.evaluated_by) == (
        Recommendation.Status.DONE,
        "fair_good",
        org.inspector,
    )
    assert [(i.adopted, i.decision) for i in rec.items.all()] == [(True, ""), (False, "withdraw")]
    report = RectificationReport.objects.get(recommendation=rec)
    assert (report.drafted_by, report.submitted_by.username) == (org.liaison, "mz-shuji")  # type: ignore[union-attr]
