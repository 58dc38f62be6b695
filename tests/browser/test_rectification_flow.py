"""整改 end to end through a real browser, each person in their own tab.

A 建议书 of the 测试市纪委监委 has been served on 测试市民政局. The unit answers it: its liaison drafts
the reply and the 整改方案 on one page — 责任领导 chosen from the 班子 (a liaison is never offered),
责任人 from the 干部名册 — and saves; a liaison cannot submit it, even by forging the form. The
unit's 书记 reviews the draft and submits it. The 纪委 (`inspector`) approves the plan, which issues
one task per measure. On the first task the liaison accepts the work, uploads a PDF and writes the
progress; the 责任领导 (林副局长) signs it on 待我签认; the liaison submits for 销号 — all on at most
three screens. The 纪委 returns it with a reason; the liaison resumes (a new round: the earlier
signature no longer counts and submitting is refused), adds a 资金追缴 record without a file and
new progress; the leader signs on the task page and is not offered submitting it himself; the liaison submits
again; the 派驻组 (`stationed`) verifies on site and closes it, and the 整改台账 is exported to
Excel. The 工作台 of every account follows along.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from mingjian.cases.models import Recommendation, RecommendationItem
from mingjian.cases.tests.factories import CaseFactory, RecommendationFactory
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification.models import RectificationPlan, Task
from mingjian.rectification.tests.factories import clerk
from tests.browser.helpers import (
    PDF,
    SLOW,
    Navigations,
    alert,
    go_home,
    seed_problem_types,
    todo_count,
    todo_section,
)

pytestmark = pytest.mark.browser

__all__ = ["seed_problem_types"]  # other browser tests import it from here

ITEMS = [
    "修订完善《低保审核确认办法》，建立经办人员近亲属备案回避制度。",
    "以案为鉴开展警示教育，组织党员干部深入剖析反思。",
]
PROBLEM = "低保审核审批办法缺少近亲属备案回避规定"
MEASURES = [
    "修订《低保审核确认办法》，增设经办人员近亲属申请低保备案和回避条款，经局党组会审议后印发。",
    "召开以案促改专题警示教育大会，组织全系统干部观看警示教育片。",
]
REPLY = "我局党组专题研究，完全采纳建议，制定整改方案如下，逐项明确责任领导、责任人和完成时限。"
MINUTES = "党组会议纪要.pdf"
PDF_NAME = "低保审核确认办法（修订）.pdf"
RECORD_REF = "追缴凭证 财追〔2026〕8号"
RETURN_REASON = "修订后的办法尚未经局党组会审议印发，请补充印发文件及违规资金追缴凭证。"
PROGRESS_1 = "已修订《低保审核确认办法》，增设经办人员近亲属备案回避条款。"
PROGRESS_2 = "修订办法已经局党组会审议印发；违规发放的低保资金已全部追缴。"
LEDGER_HEADER = [
    "序号",
    "任务编号",
    "问题",
    "建议",
    "整改措施",
    "责任单位",
    "责任领导",
    "责任人",
    "完成时限",
    "整改进展",
    "状态",
]
PRINCIPAL, LEADER, PERSON = "钱书记", "林副局长", "王科长（科长） · 测试市民政局"  # org.picker labels


def served_recommendation(org: Any) -> Recommendation:
    """Served three days ago; item 1 answers a problem the analysis found, item 2 is stock."""
    today = timezone.localdate()
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局社会救助科原科长王大明违规审批低保问题")
    rec: Recommendation = RecommendationFactory(
        unit=org.bureau_a,
        issuer=org.commission,
        case=case,
        issued=True,
        items=ITEMS,
        issued_on=today - timedelta(days=4),
        served_on=today - timedelta(days=3),
        reply_due=today + timedelta(days=27),
    )
    rec.items.filter(seq=1).update(problem_statement=PROBLEM)
    rec.items.filter(seq=2).update(kind=RecommendationItem.Kind.EDUCATION)
    return rec


def draft_answer(page: Any, live_server: Any, rec: Recommendation, dues: list[Any], tmp_path: Path) -> str:
    """1. The liaison opens the 建议书 from the 工作台 and drafts the reply and the plan."""
    expect(todo_count(page, "待回复的纪检监察建议书")).to_have_text("1")
    todo_section(page, "待回复的纪检监察建议书").get_by_role(
        "link", name=re.compile(re.escape(rec.number))
    ).click()
    page.get_by_test_id("answer").click()
    expect(page).to_have_url(f"{live_server.url}/rectification/recommendations/{rec.pk}/answer/")
    answer_url = str(page.url)
    expect(page.get_by_test_id("answer-submit"), "联络员不能正式回复").to_have_count(0)

    page.get_by_label(re.compile("^回复内容")).fill(REPLY)
    page.get_by_label(re.compile("^党委（党组）会研究日期")).fill(
        (timezone.localdate() - timedelta(days=1)).isoformat()
    )
    items = page.get_by_test_id("plan-item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(f"问题：{PROBLEM}")
    expect(items.nth(1)).to_contain_text("警示教育")
    expect(items.nth(1).get_by_label("问题类型")).to_have_count(0)  # stock: an action, not a problem
    items.nth(0).get_by_label("问题类型").select_option(label="审核把关不严")
    for item, measure, due in zip([items.nth(0), items.nth(1)], MEASURES, dues, strict=True):
        expect(item.get_by_label("是否采纳").locator("option:checked")).to_have_text("采纳")
        item.get_by_label("整改措施1").fill(measure)
        item.get_by_label("完成时限").fill(due.isoformat())
        # 责任领导 only from the unit's 班子 with accounts: never the liaison.
        expect(item.get_by_label("责任领导（班子成员）").locator("option")).to_have_text(
            ["---------", LEADER, PRINCIPAL]
        )

    batch = page.locator(".card").filter(has=page.locator(".card-header", has_text="批量填写"))
    batch.get_by_label("责任领导").select_option(label=LEADER)
    batch.get_by_label("责任人").select_option(label=PERSON)
    page.get_by_test_id("apply-all").click()
    for item, measure in zip([items.nth(0), items.nth(1)], MEASURES, strict=True):
        expect(item.get_by_label("整改措施1")).to_have_value(measure)
        expect(item.get_by_label("责任领导（班子成员）").locator("option:checked")).to_have_text(LEADER)
        expect(item.get_by_label("责任人（干部名册）").locator("option:checked")).to_have_text(PERSON)

    minutes = tmp_path / MINUTES
    minutes.write_bytes(PDF)
    page.get_by_label(re.compile("^附件")).set_input_files(str(minutes))
    page.get_by_test_id("answer-save").click()
    expect(alert(page, "已保存回复和整改方案草稿")).to_be_visible(timeout=SLOW)
    expect(page).to_have_url(answer_url)
    expect(page.get_by_label(re.compile("^回复内容"))).to_have_value(REPLY)
    expect(page.locator("main")).to_contain_text(f"已上传：{MINUTES}")
    expect(items.nth(1).get_by_label("整改措施1")).to_have_value(MEASURES[1])

    # Forging the submit button changes nothing: the liaison does not answer for the unit.
    with page.expect_navigation() as forged:
        page.evaluate(
            """() => { const form = document.querySelector('[data-testid=answer-save]').form;
            const action = document.createElement('input');
            action.type = 'hidden'; action.name = 'action'; action.value = 'submit';
            form.appendChild(action); form.submit(); }"""
        )
    assert forged.value is not None and forged.value.status == 404, forged.value
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.ISSUED and not rec.reply.is_submitted  # type: ignore[union-attr]
    return answer_url


def submit_answer(page: Any, rec: Recommendation, answer_url: str) -> None:
    """2. The 书记 reads the liaison's draft and sends the formal reply with the plan."""
    expect(todo_count(page, "待回复的纪检监察建议书")).to_have_text("1")
    todo_section(page, "待回复的纪检监察建议书").get_by_role(
        "link", name=re.compile(re.escape(rec.number))
    ).click()
    page.get_by_test_id("answer").click()
    expect(page).to_have_url(answer_url)
    items = page.get_by_test_id("plan-item")
    expect(page.get_by_label(re.compile("^回复内容"))).to_have_value(REPLY)
    expect(items.nth(0).get_by_label("整改措施1")).to_have_value(MEASURES[0])
    expect(items.nth(0).get_by_label("问题类型").locator("option:checked")).to_have_text("审核把关不严")
    page.get_by_test_id("answer-submit").click()
    expect(alert(page, "已正式回复建议书并报送整改方案")).to_be_visible(timeout=SLOW)
    expect(page).to_have_url(re.compile(rf"/cases/recommendations/{rec.pk}/$"))
    expect(page.get_by_test_id("rec-status")).to_have_text("已回复")
    card = page.get_by_test_id("reply-card")
    expect(card).to_contain_text(PRINCIPAL)
    expect(card).to_contain_text(REPLY)
    expect(card.get_by_role("link", name=MINUTES)).to_be_visible()
    expect(page.get_by_test_id("rec-plan")).to_have_text("待审批")


def approve_plan(page: Any, live_server: Any, rec: Recommendation) -> None:
    """3. The 纪委 approves the plan from its 工作台: every measure becomes an issued task."""
    expect(todo_count(page, "待审批的整改方案")).to_have_text("1")
    todo_section(page, "待审批的整改方案").get_by_role("link", name="测试市民政局整改方案").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("待审批")
    table = page.locator("main table")
    for measure in MEASURES:
        row = table.locator("tr", has_text=measure)
        expect(row).to_contain_text(LEADER)
        expect(row).to_contain_text("王科长")
    page.get_by_test_id("plan-approve").click()
    expect(alert(page, "整改方案已批准，整改任务已生成并下发")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("plan-status")).to_have_text("已批准")
    expect(table.get_by_role("link", name="已下发")).to_have_count(2)
    page.goto(f"{live_server.url}{rec.get_absolute_url()}")
    expect(page.get_by_test_id("rec-status")).to_have_text("整改中")
    expect(page.get_by_test_id("rec-panel")).to_contain_text("整改任务：0 / 2 项已销号")
    go_home(page, live_server)
    expect(todo_section(page, "待审批的整改方案")).to_have_count(0)


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


def save_progress(page: Any, progress: str) -> None:
    page.get_by_label(re.compile("^整改进展和成效")).fill(progress)
    page.get_by_test_id("task-progress").click()
    expect(alert(page, "整改进展已保存，请责任领导签认")).to_be_visible()
    expect(page.locator("dl")).to_contain_text(progress)


def submit(page: Any) -> None:
    page.get_by_test_id("task-submit").click()
    expect(alert(page, "已提交，等待审核销号")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("task-status")).to_have_text("待审核")
    expect(page.get_by_test_id("task-submit")).to_have_count(0)
    expect(page.get_by_test_id("task-accept"), "本单位不能为本单位任务销号").to_have_count(0)


def first_round_work(page: Any, tmp_path: Path) -> str:
    """4. The liaison takes the first task from the 工作台: accept, evidence, progress."""
    expect(todo_count(page, "待整改任务")).to_have_text("2")
    links = todo_section(page, "待整改任务").get_by_role("link", name=re.compile("^测试市民政局："))
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text(MEASURES[0][:20])  # the earlier deadline comes first
    links.nth(0).click()
    expect(page).to_have_url(re.compile(r"/rectification/tasks/\d+/$"))
    task_url = str(page.url)
    status = page.get_by_test_id("task-status")
    expect(status).to_have_text("已下发")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEASURES[0])
    page.get_by_test_id("task-start").click()
    expect(alert(page, "已接收任务，开始整改")).to_be_visible()
    expect(status).to_have_text("整改中")

    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(PDF)
    upload_evidence(page, "制度文件", file=pdf)
    evidence = page.get_by_test_id("evidence-table").locator("tbody tr")
    expect(evidence).to_have_count(1)
    expect(evidence.nth(0)).to_contain_text(PDF_NAME)
    expect(evidence.nth(0).get_by_role("link", name="下载")).to_be_visible()
    save_progress(page, PROGRESS_1)
    expect(page.get_by_test_id("confirmations")).to_contain_text("尚未签认")
    return task_url


def sign_on_the_sign_page(page: Any, live_server: Any) -> None:
    """5. The 责任领导 finds the task under 待我签认, reads the progress, ticks it and signs."""
    go_home(page, live_server)
    expect(todo_count(page, "待我签认的整改任务")).to_have_text("1")
    todo_section(page, "待我签认的整改任务").get_by_role("link", name="查看全部").click()
    expect(page).to_have_url(f"{live_server.url}/rectification/sign/")
    row = page.locator("main table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(MEASURES[0][:20])
    expect(row).to_contain_text(PROGRESS_1)  # what the signature attests
    row.get_by_label("签认").check()
    page.get_by_placeholder(re.compile("^签认意见")).fill("情况属实，同意提交")
    page.get_by_test_id("sign-selected").click()
    expect(alert(page, "已签认 1 项整改任务")).to_be_visible()
    expect(page.locator("main")).to_contain_text("没有待签认的任务")


def return_task(page: Any, live_server: Any, task_url: str) -> None:
    """6. The 纪委 finds it under 待审核销号 and returns it with a reason."""
    go_home(page, live_server)
    expect(todo_count(page, "待审核销号")).to_have_text("1")
    todo_section(page, "待审核销号").get_by_role("link", name=re.compile(re.escape(MEASURES[0][:20]))).click()
    expect(page).to_have_url(task_url)
    expect(page.get_by_test_id("evidence-table")).to_contain_text(PDF_NAME)
    expect(page.get_by_test_id("confirmations")).to_contain_text(f"{LEADER} 于")
    page.get_by_label(re.compile("^退回理由")).fill(RETURN_REASON)
    page.get_by_test_id("task-return").click()
    expect(alert(page, "已退回并通知责任单位")).to_be_visible()
    expect(page.get_by_test_id("task-status")).to_have_text("已退回")
    expect(page.get_by_test_id("task-accept")).to_have_count(0)
    expect(page.locator("main")).to_contain_text(RETURN_REASON)  # in the 流转记录
    go_home(page, live_server)
    expect(todo_count(page, "待审核销号")).to_have_text("0")


def second_round_work(page: Any, live_server: Any, task_url: str) -> None:
    """7. The liaison resumes: a new round, so the first signature no longer counts."""
    go_home(page, live_server)
    expect(todo_count(page, "待整改任务")).to_have_text("2")
    todo_section(page, "待整改任务").get_by_role("link", name=re.compile(re.escape(MEASURES[0][:20]))).click()
    expect(page).to_have_url(task_url)
    status = page.get_by_test_id("task-status")
    expect(status).to_have_text("已退回")
    page.get_by_test_id("task-resume").click()
    expect(status).to_have_text("整改中")
    expect(page.get_by_role("heading", name=re.compile("^责任领导签认（第 2 轮"))).to_be_visible()
    expect(page.get_by_test_id("confirmations")).to_contain_text("尚未签认")
    page.get_by_test_id("task-submit").click()
    expect(alert(page, "须由责任领导用本人账号对当前整改进展签认后才能提交")).to_be_visible()
    expect(status).to_have_text("整改中")

    upload_evidence(page, "资金追缴", record_ref=RECORD_REF)
    evidence = page.get_by_test_id("evidence-table").locator("tbody tr")
    expect(evidence).to_have_count(2)
    expect(evidence.filter(has_text=RECORD_REF)).to_contain_text("资金追缴")
    expect(evidence.filter(has_text=RECORD_REF).get_by_role("link", name="下载")).to_have_count(0)
    save_progress(page, PROGRESS_2)


def sign_on_the_task_page(page: Any, live_server: Any, task_url: str) -> None:
    """8. The leader signs the new progress on the task page; the signer is not offered submitting."""
    go_home(page, live_server)
    expect(todo_count(page, "待我签认的整改任务")).to_have_text("1")
    todo_section(page, "待我签认的整改任务").get_by_role(
        "link", name=re.compile(re.escape(MEASURES[0][:20]))
    ).click()
    expect(page).to_have_url(task_url)
    page.get_by_placeholder(re.compile("^签认意见")).fill("追缴到位，同意提交")
    page.get_by_test_id("task-confirm").click()
    expect(alert(page, "已签认")).to_be_visible()
    confirmations = page.get_by_test_id("confirmations")
    expect(confirmations).to_contain_text(LEADER)
    expect(confirmations).to_contain_text("追缴到位，同意提交")
    expect(page.get_by_test_id("task-confirm"), "本轮已签认，不再提供签认").to_have_count(0)
    expect(page.get_by_test_id("task-submit"), "签认的责任领导不能本人提交").to_have_count(0)
    expect(page.get_by_test_id("task-status")).to_have_text("整改中")


def accept(page: Any, live_server: Any, task_url: str, artifacts_dir: Path) -> None:
    """9. The 派驻组 verifies on site and closes the task (销号)."""
    go_home(page, live_server)
    expect(todo_count(page, "待审核销号")).to_have_text("1")
    todo_section(page, "待审核销号").get_by_role("link", name=re.compile(re.escape(MEASURES[0][:20]))).click()
    expect(page).to_have_url(task_url)
    page.get_by_label(re.compile("^核查方式")).select_option(label="实地核查")
    page.get_by_label(re.compile("^核查情况")).fill("到局实地查阅印发文件和追缴凭证，情况属实。")
    page.get_by_test_id("task-accept").click()
    expect(alert(page, "已验收销号")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("task-status")).to_have_text("已销号")
    expect(page.get_by_test_id("light")).to_have_text("已销号")
    expect(page.locator("main")).to_contain_text("实地核查")
    expect(page.locator("main")).to_contain_text(PROGRESS_2)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "task.png"), full_page=True)


def export_ledger(page: Any, live_server: Any, dues: list[Any], artifacts_dir: Path) -> None:
    """10. The 整改台账 from 整改任务: the header row and the closed task's row."""
    page.locator("#mj-nav").get_by_role("link", name="整改任务").click()
    expect(page).to_have_url(f"{live_server.url}/rectification/tasks/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=MEASURES[0][:20]).locator("td").nth(7)).to_have_text("已销号")
    expect(rows.filter(has_text=MEASURES[1][:20]).locator("td").nth(7)).to_have_text("已下发")
    with page.expect_download(timeout=SLOW) as info:
        page.get_by_test_id("ledger-export").click()
    download = info.value
    assert download.suggested_filename.startswith("整改台账"), download.suggested_filename
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    xlsx = artifacts_dir / "ledger.xlsx"
    download.save_as(str(xlsx))

    wb = load_workbook(xlsx, read_only=True)
    sheet: list[list[Any]] = [list(r) for r in wb["整改台账"].iter_rows(values_only=True)]
    wb.close()
    header_at = next(i for i, r in enumerate(sheet) if r and r[0] == "序号")
    assert sheet[header_at][: len(LEDGER_HEADER)] == LEDGER_HEADER, sheet[header_at]
    body = [dict(zip(LEDGER_HEADER, r, strict=False)) for r in sheet[header_at + 1 :] if any(r)]
    assert len(body) == 2, body
    done, other = body  # ordered by 完成时限
    assert done == {
        "序号": 1,
        "任务编号": done["任务编号"],
        "问题": PROBLEM,
        "建议": ITEMS[0],
        "整改措施": MEASURES[0],
        "责任单位": "测试市民政局",
        "责任领导": LEADER,
        "责任人": "王科长",
        "完成时限": done["完成时限"],
        "整改进展": PROGRESS_2,
        "状态": "已销号",
    }, done
    assert done["完成时限"].date() == dues[0], done
    assert (other["序号"], other["整改措施"], other["状态"]) == (2, MEASURES[1], "已下发"), other


MAX_SCREENS = 3  # the liaison's part of one task: 工作台 → task page, and nothing else


def liaisons_first_round(open_as: Any, liaison: Any, live_server: Any, tmp_path: Path) -> tuple[str, Any]:
    """The liaison's part of one task, from the 工作台 to 提交销号, counted page by page; the
    leader signs in their own tab meanwhile. Returns the task's address and the leader's tab."""
    navigations = Navigations(liaison)
    navigations.start()
    go_home(liaison, live_server)
    expect(todo_count(liaison, "待回复的纪检监察建议书")).to_have_text("0")
    task_url = first_round_work(liaison, tmp_path)
    progress_saved_at = len(navigations.paths)
    leader = open_as("mz-fuju")
    sign_on_the_sign_page(leader, live_server)
    liaison.reload()  # back to the task page the liaison left open
    expect(liaison.get_by_test_id("confirmations")).to_contain_text(f"{LEADER} 于")
    submit(liaison)
    paths = navigations.stop()
    to_submit = len(paths) - progress_saved_at + 1  # the progress save, the return, the submit
    print(
        f"联络员一项任务：{len(paths)} 次页面跳转，{len(navigations.screens)} 个页面：{navigations.screens}"
    )
    assert len(navigations.screens) <= MAX_SCREENS, navigations.screens
    assert to_submit <= MAX_SCREENS, paths
    return task_url, leader


def database_agrees(rec: Recommendation, org: Any) -> None:
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.IMPLEMENTING
    assert (rec.reply.drafted_by, rec.reply.replied_by.username) == (org.liaison, "mz-shuji")  # type: ignore[union-attr]
    plan = RectificationPlan.objects.get(recommendation=rec)
    assert (plan.status, plan.approved_by) == (RectificationPlan.Status.APPROVED, org.inspector)
    task = Task.objects.get(measure=MEASURES[0])
    assert (task.status, task.round, task.accepted_by) == (Task.Status.ACCEPTED, 2, org.stationed)
    assert task.verification == Task.Verification.ON_SITE
    assert [c.round for c in task.confirmations.order_by("round")] == [1, 2]
    assert {c.leader.username for c in task.confirmations.all()} == {"mz-fuju"}
    assert task.submitted_by == org.liaison
    assert task.problem.problem_type.name == "审核把关不严"
    assert Task.objects.get(measure=MEASURES[1]).problem.problem_type.name == "警示教育"


def test_answer_plan_tasks_sign_return_resubmit_accept_export(
    open_as: Any, live_server: Any, org: Any, artifacts_dir: Path, tmp_path: Path
) -> None:
    seed_problem_types()
    rec = served_recommendation(org)
    leader_of(org.bureau_a, username="mz-shuji", full_name=PRINCIPAL, leadership=Person.Leadership.SECRETARY)
    leader_of(org.bureau_a, username="mz-fuju", full_name=LEADER)
    clerk(org.bureau_a)  # 王科长（科长） in the 干部名册
    today = timezone.localdate()
    dues = [today + timedelta(days=40), today + timedelta(days=50)]

    liaison = open_as("liaison")
    answer_url = draft_answer(liaison, live_server, rec, dues, tmp_path)
    principal = open_as("mz-shuji")
    submit_answer(principal, rec, answer_url)
    go_home(principal, live_server)
    expect(todo_count(principal, "待回复的纪检监察建议书")).to_have_text("0")

    inspector = open_as("inspector")
    approve_plan(inspector, live_server, rec)
    expect(todo_count(inspector, "待审核销号")).to_have_text("0")
    task_url, leader = liaisons_first_round(open_as, liaison, live_server, tmp_path)

    return_task(inspector, live_server, task_url)
    second_round_work(liaison, live_server, task_url)
    sign_on_the_task_page(leader, live_server, task_url)
    liaison.reload()
    submit(liaison)
    expect(todo_section(inspector, "待审核销号")).to_have_count(1)

    stationed = open_as("stationed")
    accept(stationed, live_server, task_url, artifacts_dir)
    export_ledger(stationed, live_server, dues, artifacts_dir)

    # Both sides' 工作台 after the 销号.
    go_home(stationed, live_server)
    expect(todo_count(stationed, "待审核销号")).to_have_text("0")
    expect(todo_section(stationed, "待审核销号")).to_contain_text("没有待审核的任务")
    go_home(liaison, live_server)
    expect(todo_count(liaison, "待整改任务")).to_have_text("1")
    remaining = todo_section(liaison, "待整改任务").get_by_role("link", name=re.compile("^测试市民政局："))
    expect(remaining).to_have_text([f"测试市民政局：{MEASURES[1][:40]}"])
    go_home(leader, live_server)
    expect(todo_section(leader, "待我签认的整改任务")).to_have_count(0)
    database_agrees(rec, org)
