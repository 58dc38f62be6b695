"""整改 end to end through a real browser, with two accounts.

The 纪委监委 clerk (`inspector`) breaks an issued 建议书 to 测试市民政局 into two 整改任务 and
issues them, naming the 民政局's liaison (`liaison`) as 责任领导. The liaison accepts the first
task, uploads a PDF, is refused the 销号 application until they sign with their own account, signs
and submits; the clerk returns it; the liaison resumes (a new round: the signature must be given
again), adds a 资金追缴 record without a file, signs and submits again; the clerk closes it
(实地核查) and exports the 整改台账 to Excel. The 工作台 of both accounts follows along.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
from mingjian.rectification.models import ProblemType, Task
from tests.browser.test_case_flow import SLOW, log_in, log_out

pytestmark = pytest.mark.browser

ITEMS = [
    "修订完善《低保审核确认办法》，建立经办人员近亲属备案回避制度。",
    "以案为鉴开展警示教育。",
]
PERSON = "王科长"
PDF_NAME = "低保审核确认办法（修订）.pdf"
RECORD_REF = "追缴凭证 财追〔2026〕8号"
RETURN_REASON = "修订后的办法尚未经局党组会审议印发，请补充印发文件及违规资金追缴凭证。"
PROGRESS_1 = "已修订《低保审核确认办法》，增设经办人员近亲属备案回避条款。"
PROGRESS_2 = "修订办法已经局党组会审议印发；违规发放的低保资金已全部追缴。"
LEDGER_HEADER = ["序号", "问题", "整改措施", "责任单位", "责任领导", "责任人", "完成时限", "整改进展", "状态"]


def seed_problem_types() -> None:
    """The vocabulary migration 0002 loads; an earlier live_server test's flush may have emptied it."""
    from mingjian.rectification.vocabulary import PROBLEM_TYPES

    for order, (category, name, field, keywords) in enumerate(PROBLEM_TYPES):
        ProblemType.objects.update_or_create(
            name=name,
            defaults={"category": category, "field": field, "keywords": keywords, "sort_order": order},
        )


def todo_section(page: Any, title: str) -> Any:
    header = page.locator(".card-header > span:first-child", has_text=re.compile(rf"^{re.escape(title)}$"))
    return page.get_by_test_id("todo-section").filter(has=header)


def todo_count(page: Any, title: str) -> Any:
    return todo_section(page, title).locator(".card-header .badge")


def alert(page: Any, text: str) -> Any:
    return page.get_by_role("alert").filter(has_text=text)


def break_down_and_issue(
    page: Any, live_server: Any, rec_pk: int, leader_name: str, dues: list[date]
) -> None:
    """1. 建议书 → 分解为整改任务: one plan card per item, measures prefilled; fill and issue."""
    page.goto(f"{live_server.url}/cases/recommendations/{rec_pk}/")
    page.get_by_test_id("to-tasks").click()
    expect(page).to_have_url(f"{live_server.url}/rectification/from-recommendation/{rec_pk}/")
    plans = page.get_by_test_id("plan")
    expect(plans).to_have_count(2)
    for plan, item, due in zip([plans.nth(0), plans.nth(1)], ITEMS, dues, strict=True):
        expect(plan.get_by_label("整改措施")).to_have_value(item)
        expect(plan.get_by_label("问题", exact=True)).to_have_value(item)
        plan.get_by_label("完成时限").fill(due.isoformat())
        leader = plan.get_by_label("责任领导")
        leader.select_option(label=leader_name)
        expect(leader.locator("option:checked")).to_have_text(leader_name)
        plan.get_by_label("责任人", exact=True).fill(PERSON)
    expect(page.get_by_label("生成后立即下发（开始计时）")).to_be_checked()
    page.get_by_test_id("create-tasks").click()

    expect(page).to_have_url(re.compile(r"/rectification/tasks/\?unit=\d+$"), timeout=SLOW)
    expect(alert(page, "已生成 2 项整改任务并下发")).to_be_visible()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    for row, item, due in zip([rows.nth(0), rows.nth(1)], ITEMS, dues, strict=True):
        expect(row.locator("td").nth(2)).to_contain_text(item[:20])
        expect(row.locator("td").nth(3)).to_have_text("测试市民政局")
        expect(row.locator("td").nth(5)).to_have_text(due.isoformat())
        expect(row.locator("td").nth(6)).to_have_text("已下发")


def upload_evidence(page: Any, kind: str, *, file: Path | None = None, record_ref: str = "") -> None:
    page.locator("summary", has_text="上传佐证材料").click()
    form = page.locator("form", has=page.get_by_test_id("evidence-upload"))
    form.get_by_label("佐证类型").select_option(label=kind)
    if file is not None:
        form.get_by_label(re.compile("^附件")).set_input_files(str(file))
    if record_ref:
        form.get_by_label("或关联记录").fill(record_ref)
    form.get_by_test_id("evidence-upload").click()
    expect(alert(page, "佐证材料已上传")).to_be_visible(timeout=SLOW)


def sign(page: Any, leader_name: str, comment: str) -> None:
    page.get_by_placeholder(re.compile("^签认意见")).fill(comment)
    page.get_by_test_id("task-confirm").click()
    expect(alert(page, "已签认")).to_be_visible()
    confirmations = page.get_by_test_id("confirmations")
    expect(confirmations).to_contain_text(leader_name)
    expect(confirmations).to_contain_text(f"签认：{comment}")
    expect(confirmations).not_to_contain_text("尚未签认")


def submit(page: Any, progress: str) -> None:
    page.get_by_label(re.compile("^整改进展和成效")).fill(progress)
    page.get_by_test_id("task-submit").click()
    expect(alert(page, "已提交，等待审核销号")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("task-status")).to_have_text("待审核")
    expect(page.get_by_test_id("task-submit")).to_have_count(0)


def first_round(page: Any, leader_name: str, tmp_path: Path) -> str:
    """2. The liaison accepts the first task, uploads a PDF, cannot submit unsigned, signs, submits."""
    section = todo_section(page, "待整改任务")
    expect(section).to_have_count(1)
    expect(todo_count(page, "待整改任务")).to_have_text("2")
    links = section.get_by_role("link", name=re.compile("^测试市民政局："))
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text(ITEMS[0][:20])  # the earlier deadline comes first
    links.nth(0).click()
    expect(page).to_have_url(re.compile(r"/rectification/tasks/\d+/$"))
    task_url = str(page.url)
    status = page.get_by_test_id("task-status")
    expect(status).to_have_text("已下发")
    expect(page.get_by_role("heading", level=1)).to_have_text(ITEMS[0])

    page.get_by_test_id("task-start").click()
    expect(alert(page, "已接收任务，开始整改")).to_be_visible()
    expect(status).to_have_text("整改中")

    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    upload_evidence(page, "制度文件", file=pdf)
    evidence = page.get_by_test_id("evidence-table").locator("tbody tr")
    expect(evidence).to_have_count(1)
    expect(evidence.nth(0)).to_contain_text(PDF_NAME)
    expect(evidence.nth(0)).to_contain_text("制度文件")
    expect(evidence.nth(0).get_by_role("link", name="下载")).to_be_visible()

    # 销号 needs the 责任领导's own signature first: refused, nothing changes.
    expect(page.get_by_test_id("confirmations")).to_contain_text("尚未签认")
    page.get_by_label(re.compile("^整改进展和成效")).fill(PROGRESS_1)
    page.get_by_test_id("task-submit").click()
    refused = page.locator(".alert-danger[role=alert]")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("责任领导")
    expect(status).to_have_text("整改中")
    expect(page.get_by_test_id("confirmations")).to_contain_text("尚未签认")

    sign(page, leader_name, "情况属实，同意提交")
    submit(page, PROGRESS_1)
    return task_url


def return_task(page: Any, task_url: str) -> None:
    """3. The clerk finds it under 待审核销号 and returns it with a reason."""
    section = todo_section(page, "待审核销号")
    expect(todo_count(page, "待审核销号")).to_have_text("1")
    section.get_by_role("link", name=re.compile(re.escape(ITEMS[0][:20]))).click()
    expect(page).to_have_url(task_url)
    expect(page.get_by_test_id("task-status")).to_have_text("待审核")
    expect(page.get_by_test_id("evidence-table")).to_contain_text(PDF_NAME)
    page.get_by_label(re.compile("^退回理由")).fill(RETURN_REASON)
    page.get_by_test_id("task-return").click()
    expect(alert(page, "已退回并通知责任单位")).to_be_visible()
    expect(page.get_by_test_id("task-status")).to_have_text("已退回")
    expect(page.get_by_test_id("task-accept")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(RETURN_REASON)  # in the 流转记录


def second_round(page: Any, task_url: str, leader_name: str) -> None:
    """4. The liaison resumes: a new round, a record without a file, a new signature, submit."""
    expect(todo_count(page, "待整改任务")).to_have_text("2")
    todo_section(page, "待整改任务").get_by_role("link", name=re.compile(re.escape(ITEMS[0][:20]))).click()
    expect(page).to_have_url(task_url)
    status = page.get_by_test_id("task-status")
    expect(status).to_have_text("已退回")
    page.get_by_test_id("task-resume").click()
    expect(status).to_have_text("整改中")
    expect(page.get_by_role("heading", name="责任领导签认（第 2 轮）")).to_be_visible()
    expect(page.get_by_test_id("confirmations")).to_contain_text("尚未签认")

    upload_evidence(page, "资金追缴", record_ref=RECORD_REF)
    evidence = page.get_by_test_id("evidence-table").locator("tbody tr")
    expect(evidence).to_have_count(2)
    expect(evidence.filter(has_text=RECORD_REF)).to_contain_text("资金追缴")
    expect(evidence.filter(has_text=RECORD_REF).get_by_role("link", name="下载")).to_have_count(0)
    expect(evidence.filter(has_text=PDF_NAME)).to_have_count(1)

    sign(page, leader_name, "追缴到位，同意提交")
    submit(page, PROGRESS_2)


def accept_and_export(
    page: Any, live_server: Any, task_url: str, *, leader_name: str, dues: list[date], artifacts_dir: Path
) -> None:
    """5. The clerk verifies on site and closes the task, then exports the 整改台账."""
    todo_section(page, "待审核销号").get_by_role("link", name=re.compile(re.escape(ITEMS[0][:20]))).click()
    expect(page).to_have_url(task_url)
    expect(page.get_by_test_id("task-status")).to_have_text("待审核")
    page.get_by_label(re.compile("^核查方式")).select_option(label="实地核查")
    page.get_by_label(re.compile("^核查情况")).fill("到局实地查阅印发文件和追缴凭证，情况属实。")
    page.get_by_test_id("task-accept").click()
    expect(alert(page, "已验收销号")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("task-status")).to_have_text("已销号")
    expect(page.get_by_test_id("light")).to_have_text("已销号")
    expect(page.locator("main")).to_contain_text("实地核查")
    expect(page.locator("main")).to_contain_text(PROGRESS_2)
    expect(page.get_by_test_id("task-accept")).to_have_count(0)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "task.png"), full_page=True)

    # The icon font glyph is part of the accessible name, so match the label as a substring.
    page.locator("#mj-nav").get_by_role("link", name="整改任务").click()
    expect(page).to_have_url(f"{live_server.url}/rectification/tasks/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=ITEMS[0][:20]).locator("td").nth(6)).to_have_text("已销号")
    expect(rows.filter(has_text=ITEMS[1]).locator("td").nth(6)).to_have_text("已下发")

    with page.expect_download(timeout=SLOW) as info:
        page.get_by_test_id("ledger-export").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    assert download.suggested_filename.startswith("整改台账"), download.suggested_filename
    xlsx = artifacts_dir / "ledger.xlsx"
    download.save_as(str(xlsx))

    wb = load_workbook(xlsx, read_only=True)
    assert "整改台账" in wb.sheetnames, wb.sheetnames
    sheet: list[list[Any]] = [list(r) for r in wb["整改台账"].iter_rows(values_only=True)]
    wb.close()
    header_at = next(i for i, r in enumerate(sheet) if r and r[0] == "序号")
    assert sheet[header_at][: len(LEDGER_HEADER)] == LEDGER_HEADER, sheet[header_at]
    body = [r for r in sheet[header_at + 1 :] if any(c is not None for c in r)]
    rows_data = [dict(zip(LEDGER_HEADER, r[: len(LEDGER_HEADER)], strict=True)) for r in body]
    assert len(rows_data) == 2, rows_data
    done = [r for r in rows_data if r["状态"] == "已销号"]
    assert len(done) == 1, rows_data
    assert done[0]["整改措施"] == ITEMS[0]
    assert done[0]["整改进展"] == PROGRESS_2
    other = next(r for r in rows_data if r is not done[0])
    assert other["整改措施"] == ITEMS[1] and other["状态"] == "已下发", other
    for r, due in zip(rows_data, dues, strict=True):  # ordered by 完成时限
        assert r["责任单位"] == "测试市民政局", r
        assert r["责任领导"] == leader_name, r
        assert r["责任人"] == PERSON, r
        assert r["完成时限"] is not None and r["完成时限"].date() == due, r
    assert [r["序号"] for r in rows_data] == [1, 2], rows_data


def test_recommendation_to_tasks_return_resubmit_accept_export(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path, tmp_path: Path
) -> None:
    seed_problem_types()
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局社会救助科原科长王大明违规审批低保问题")
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, case=case, issued=True, items=ITEMS)
    leader_name = org.liaison.display_name
    today = date.today()  # noqa: DTZ011 - a whole month of slack makes the server's timezone irrelevant
    dues = [today + timedelta(days=40), today + timedelta(days=45)]

    log_in(page, live_server, "inspector")
    break_down_and_issue(page, live_server, rec.pk, leader_name, dues)
    log_out(page)

    log_in(page, live_server, "liaison")
    task_url = first_round(page, leader_name, tmp_path)
    log_out(page)

    log_in(page, live_server, "inspector")
    return_task(page, task_url)
    log_out(page)

    log_in(page, live_server, "liaison")
    second_round(page, task_url, leader_name)
    log_out(page)

    log_in(page, live_server, "inspector")
    accept_and_export(
        page, live_server, task_url, leader_name=leader_name, dues=dues, artifacts_dir=artifacts_dir
    )
    page.goto(f"{live_server.url}/")
    pending = todo_section(page, "待审核销号")
    expect(pending).to_have_count(1)
    expect(todo_count(page, "待审核销号")).to_have_text("0")
    expect(pending).to_contain_text("没有待审核的任务")
    expect(pending.get_by_role("link", name=re.compile(re.escape(ITEMS[0][:20])))).to_have_count(0)
    log_out(page)

    log_in(page, live_server, "liaison")
    expect(todo_count(page, "待整改任务")).to_have_text("1")
    remaining = todo_section(page, "待整改任务").get_by_role("link", name=re.compile("^测试市民政局："))
    expect(remaining).to_have_count(1)
    expect(remaining).to_contain_text(ITEMS[1])

    # The database agrees with what the pages showed.
    task = Task.objects.get(measure=ITEMS[0])
    assert task.status == Task.Status.ACCEPTED
    assert task.round == 2
    assert task.verification == Task.Verification.ON_SITE
    assert task.accepted_by == org.inspector
    assert task.confirmations.filter(leader=org.liaison).count() == 2
    assert task.evidence.count() == 2
