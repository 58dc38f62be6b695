"""通报 → 案件剖析 → 纪检监察建议书 → 送达, through a real browser, each person in their own tab.

The 纪委监委 clerk (`inspector`, who also heads a 室) imports a 通报 with two numbered items,
checks the parsed 民政 case person by person and saves both, writes and submits the 案件剖析; the
分管领导 (`jw-deputy`) approves it — the clerk is not offered 审定 of their own work. The clerk
drafts the 建议书 from the analysis, adds a specific 建议 and sends it into the commission's chain:
承办部门负责人 (`jw-head`) → 分管领导 → 主要负责人 (`jw-principal`), each signing on the 建议书's
page in turn, found on their 工作台; the clerk, although a 室主任, is never offered a signature. The
signed document is numbered and served (送达, the 签收人 chosen from the unit's accounts) and lands
on the 工作台 of the 民政局's liaison, with the names masked.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mingjian.cases.models import ApprovalStep, Case, CaseAnalysis, Recommendation
from mingjian.cases.tests.factories import issuing_chain
from mingjian.org.models import Field, Person, Unit
from mingjian.org.tests.factories import PersonFactory, UnitFactory
from tests.browser.helpers import SLOW, alert, docx_text, go_home, log_in, log_out, todo_count, todo_section

pytestmark = pytest.mark.browser

__all__ = ["SLOW", "log_in", "log_out"]  # other browser tests import these from here

# A made-up 典型问题通报: every unit, person, date and amount here is invented for the test.
NOTICE = """测试市纪委监委关于2起群众身边不正之风和腐败典型问题的通报

近期，测试市纪委监委查处了一批发生在群众身边的不正之风和腐败问题。现将其中2起典型问题通报如下：

1.测试市民政局社会救助科原科长王大明违规审批低保问题。2023年至2025年，王大明在负责低保审核审批工作中，未按规定组织入户调查，违规为其亲属及不符合条件的人员审批低保，造成低保资金损失6.8万元。王大明受到党内严重警告、政务记大过处分，违规发放的低保资金已全部追缴。

2.测试市财政局预算科原副科长李小军违规收受礼金问题。2024年春节期间，李小军利用审核项目预算资金的职务便利，收受项目申报单位负责人所送礼金2万元。李小军受到党内警告处分，违纪所得已被收缴。

上述2起问题，有的发生在群众最关心最直接最现实的利益领域，有的顶风违反中央八项规定精神。各级党组织要切实扛起管党治党政治责任，深化以案促改，筑牢拒腐防变的思想防线。

测试市纪委监委
2026年3月18日
"""

RISK = "低保审核岗：入户调查流于形式"
LOOPHOLE_RULE = "低保审核审批办法"
LOOPHOLE_TEXT = "缺少近亲属备案回避规定"
IDEOLOGY = "理想信念动摇，把审批权当作谋取私利的工具"
OWN_ITEM = "对2023年以来审批的低保对象逐户复核，清退不符合条件对象并追回违规发放资金。"
OWN_PROBLEM = "违规为亲属及不符合条件人员审批低保，低保资金损失6.8万元"
CHAIN = ["承办部门负责人", "分管领导", "主要负责人"]


def set_up_signers(org: Any) -> dict[str, Any]:
    """The commission's chain (室主任, 副书记, 书记); the drafting clerk heads another 室, so only
    the four-eyes rule keeps them from signing the first step."""
    signers = issuing_chain(org)
    room = UnitFactory(
        name="第一监督检查室", parent=org.commission, kind=Unit.Kind.DEPARTMENT, field=Field.DISCIPLINE
    )
    org.inspector.person = PersonFactory(unit=room, name="周明", leadership=Person.Leadership.HEAD)
    org.inspector.save(update_fields=["person"])
    return signers


def import_notice(page: Any, live_server: Any, org: Any) -> None:
    """1. 通报导入 from the left nav: parse → one card per case, one row per person → save both."""
    page.locator("#mj-nav").get_by_role("link", name="通报导入").click()
    expect(page).to_have_url(f"{live_server.url}/cases/import/")
    page.get_by_label("通报文本").fill(NOTICE)
    page.get_by_test_id("parse").click()

    drafts = page.get_by_test_id("case-draft")
    expect(drafts).to_have_count(2, timeout=SLOW)
    first, second = drafts.nth(0), drafts.nth(1)
    expect(first.get_by_label("发案单位").locator("option:checked")).to_have_text("测试市民政局")
    expect(second.get_by_label("发案单位").locator("option:checked")).to_have_text("测试市财政局")
    # One row per person now (the blank row for an unrecognised person stays folded away).
    person = first.get_by_test_id("person-row").first
    expect(person.get_by_test_id("person-name")).to_have_value("王大明")
    expect(person.get_by_label("党纪处分", exact=True).locator("option:checked")).to_have_text("严重警告")
    expect(person.get_by_label("政务处分", exact=True).locator("option:checked")).to_have_text("记大过")
    expect(person.get_by_test_id("derived-form")).to_contain_text("第二种形态")
    expect(second.get_by_test_id("person-name").first).to_have_value("李小军")

    page.get_by_test_id("confirm").click()
    expect(page).to_have_url(f"{live_server.url}/cases/", timeout=SLOW)
    expect(alert(page, "已保存 2 个典型案例")).to_be_visible()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    mz_row = rows.filter(has_text="测试市民政局")
    expect(mz_row).to_have_count(1)
    mz_row.get_by_role("link").first.click()


def write_analysis(page: Any) -> str:
    """2. On the 民政 case: 开展剖析, fill, save, 提交审核 — and no 审定 for the one who wrote it."""
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("王大明")
    page.get_by_test_id("open-analysis").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/analysis/$"))
    analysis_url = str(page.url)
    page.get_by_label("廉政风险点").fill(RISK)
    page.get_by_label("制度漏洞").fill(f"《{LOOPHOLE_RULE}》：{LOOPHOLE_TEXT}")
    page.get_by_label("思想根源").fill(IDEOLOGY)
    page.get_by_test_id("analysis-save").click()
    expect(alert(page, "剖析已保存")).to_be_visible(timeout=SLOW)
    status = page.get_by_test_id("analysis-status")
    expect(status).to_have_text("起草中")
    expect(page.get_by_label("制度漏洞")).to_have_value(f"{LOOPHOLE_RULE}：{LOOPHOLE_TEXT}")

    page.get_by_test_id("analysis-submit").click()
    expect(alert(page, "剖析已提交纪委审核")).to_be_visible()
    expect(status).to_have_text("待审核")
    expect(page.get_by_test_id("analysis-approve"), "起草人不能审定本人的剖析").to_have_count(0)
    return analysis_url


def approve_analysis(page: Any, analysis_url: str) -> None:
    """3. Another 纪委 account finds it on the 工作台 and approves it."""
    expect(todo_count(page, "待审定的案件剖析")).to_have_text("1")
    todo_section(page, "待审定的案件剖析").get_by_role("link", name=re.compile("王大明")).click()
    expect(page).to_have_url(analysis_url)
    page.get_by_test_id("analysis-approve").click()
    expect(alert(page, "剖析已审定")).to_be_visible()
    expect(page.get_by_test_id("analysis-status")).to_have_text("已审定")
    expect(page.locator("main")).to_contain_text(LOOPHOLE_TEXT)


def draft_and_submit(page: Any, analysis_url: str) -> str:
    """4. The clerk drafts the 建议书 from the approved analysis, adds a 建议, sends it for approval."""
    page.goto(analysis_url)
    page.get_by_test_id("draft-recommendation").click()
    expect(page.get_by_role("heading", name="起草纪检监察建议书")).to_be_visible()
    expect(page.get_by_label("发文机关").locator("option:checked")).to_have_text("测试市纪委监委")
    page.get_by_test_id("create-draft").click()
    expect(page).to_have_url(re.compile(r"/cases/recommendations/\d+/edit/$"), timeout=SLOW)
    rec_url = str(page.url).removesuffix("edit/")
    rows = page.get_by_test_id("item-row")
    # Drafted from the analysis: the loophole and the risk point each become a 建议, then the two
    # stock items, then two spare rows.
    expect(rows).to_have_count(6)
    expect(rows.nth(0).get_by_label("建议内容")).to_have_value(re.compile(f"修订完善《{LOOPHOLE_RULE}》"))
    expect(rows.nth(1).get_by_label("建议内容")).to_have_value(re.compile("低保审核岗"))
    expect(rows.nth(2).get_by_label("类别").locator("option:checked")).to_have_text("警示教育")
    spare = rows.nth(4)
    spare.get_by_label("针对的问题").fill(OWN_PROBLEM)
    spare.get_by_label("建议内容").fill(OWN_ITEM)
    page.get_by_test_id("save-recommendation").click()
    expect(page).to_have_url(rec_url)
    expect(alert(page, "建议书已保存")).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("草稿")
    expect(page.get_by_test_id("rec-number")).to_have_text("（未编号）")
    items = page.get_by_test_id("rec-items").locator("> li")
    expect(items).to_have_count(5)
    expect(items.nth(4)).to_contain_text(OWN_ITEM)
    expect(items.nth(4)).to_contain_text(f"针对的问题：{OWN_PROBLEM}")
    chain = page.get_by_test_id("approval-chain").locator("li")
    expect(chain).to_have_text([f"{i}. {kind}" for i, kind in enumerate(CHAIN, 1)])

    page.get_by_test_id("rec-submit").click()
    expect(alert(page, "已提交审批")).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("审批中")
    expect(chain).to_have_text([f"{kind}：待签批" for kind in CHAIN])
    expect(page.get_by_test_id("rec-edit")).to_have_count(0)
    # The clerk heads a 室 (the first step's post) but drafted and submitted it: four eyes.
    expect(page.get_by_test_id("rec-approve"), "起草人不能签批本人起草的建议书").to_have_count(0)
    return rec_url


def sign_step(page: Any, rec_url: str, step: str, comment: str, signed: int) -> None:
    """5. A signer finds the 建议书 under 待我签批 (their own step named) and signs on its page."""
    page.reload()
    section = todo_section(page, "待我签批的建议书")
    expect(section).to_have_count(1)
    expect(section).to_contain_text(step)
    section.get_by_role("link", name=re.compile("测试市民政局")).click()
    expect(page).to_have_url(rec_url)
    approve = page.get_by_test_id("rec-approve")
    expect(approve).to_have_text(f"{step}签批同意")
    page.get_by_placeholder("签批意见").fill(comment)
    approve.click()
    expect(alert(page, "已签批同意")).to_be_visible()
    chain = page.get_by_test_id("approval-chain").locator("li")
    expect(chain.nth(signed - 1)).to_contain_text(f"{step}：")
    expect(chain.nth(signed - 1)).to_contain_text("同意")
    expect(chain.nth(signed - 1)).to_contain_text(comment)
    expect(page.get_by_test_id("rec-approve")).to_have_count(0)


def serve(page: Any, rec_url: str, receiver: str, artifacts_dir: Path) -> str:
    """6. The clerk numbers and serves the signed document; 送达 cannot be dated in the future."""
    today = timezone.localdate()
    page.goto(rec_url)
    expect(page.get_by_test_id("rec-status")).to_have_text("已签发")
    served_on = page.get_by_label("送达日期")
    expect(served_on, "送达日期应预填为今天").to_have_value(today.isoformat())
    served_on.fill((today + timedelta(days=1)).isoformat())
    page.get_by_label("签收人", exact=True).select_option(label=receiver)
    page.get_by_test_id("issue").click()
    expect(alert(page, "送达日期不能晚于今天")).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("已签发")

    page.get_by_label("送达日期").fill(today.isoformat())
    page.get_by_label("签收人", exact=True).select_option(label=receiver)
    page.get_by_test_id("issue").click()
    expect(alert(page, "建议书已编号送达")).to_be_visible(timeout=SLOW)
    number_el = page.get_by_test_id("rec-number")
    expect(number_el).to_have_text(re.compile(rf"^\S+〔{today.year}〕1号$"))
    number: str = number_el.inner_text().strip()
    expect(page.get_by_test_id("rec-status")).to_have_text("已送达")
    facts = page.locator("dl")
    expect(facts).to_contain_text(f"成文日期{today.isoformat()}")
    expect(facts).to_contain_text(f"签收人{receiver}")
    expect(facts).to_contain_text(f"截止 {(today + timedelta(days=30)).isoformat()}")

    with page.expect_download(timeout=SLOW) as info:
        page.get_by_test_id("download-docx").click()
    download = info.value
    assert number in download.suggested_filename, download.suggested_filename
    docx = artifacts_dir / "recommendation.docx"
    download.save_as(str(docx))
    body = docx_text(docx)
    assert number in body, body[:300]
    assert OWN_ITEM in body
    return number


def arrives_at_the_unit(page: Any, number: str, rec_url: str, artifacts_dir: Path) -> None:
    """7. The liaison finds it under 待回复 and may start the answer; names are masked."""
    page.reload()
    section = todo_section(page, "待回复的纪检监察建议书")
    expect(todo_count(page, "待回复的纪检监察建议书")).to_have_text("1")
    section.get_by_role("link", name=re.compile(re.escape(number))).click()
    expect(page).to_have_url(rec_url)
    expect(page.get_by_test_id("rec-status")).to_have_text("已送达")
    expect(page.get_by_test_id("answer")).to_have_text("回复并制定整改方案")
    expect(page.get_by_test_id("issue")).to_have_count(0)
    expect(page.get_by_test_id("rec-approve")).to_have_count(0)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "recommendation.png"), full_page=True)
    expect(page.locator("main"), "联络员页面不应出现涉案人员实名").not_to_contain_text("王大明")


def test_notice_to_served_recommendation_through_analysis_and_the_approval_chain(
    open_as: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    signers = set_up_signers(org)
    clerk = open_as("inspector")
    import_notice(clerk, live_server, org)
    analysis_url = write_analysis(clerk)
    go_home(clerk, live_server)
    expect(todo_count(clerk, "待审定的案件剖析"), "本人提交的剖析不列为本人待审定").to_have_text("0")

    deputy = open_as("jw-deputy")
    approve_analysis(deputy, analysis_url)

    rec_url = draft_and_submit(clerk, analysis_url)
    go_home(clerk, live_server)
    expect(todo_section(clerk, "待我签批的建议书")).to_have_count(0)
    # The 分管领导 signs the second step: nothing for them while the first is pending.
    deputy.goto(rec_url)
    expect(deputy.get_by_test_id("rec-approve")).to_have_count(0)

    for page, step, comment, signed in (
        (open_as("jw-head"), "承办部门负责人", "事实清楚，建议可行。", 1),
        (deputy, "分管领导", "同意。", 2),
        (open_as("jw-principal"), "主要负责人", "同意印发。", 3),
    ):
        go_home(page, live_server)
        sign_step(page, rec_url, step, comment, signed)

    number = serve(clerk, rec_url, org.liaison.display_name, artifacts_dir)
    arrives_at_the_unit(open_as("liaison"), number, rec_url, artifacts_dir)

    # The database agrees with what the pages showed.
    case = Case.objects.get(title__contains="王大明")
    analysis = CaseAnalysis.objects.get(case=case)
    assert analysis.status == CaseAnalysis.Status.APPROVED
    assert (analysis.author, analysis.approved_by) == (org.inspector, signers["deputy"])
    rec = Recommendation.objects.get(case=case)
    assert (rec.status, rec.number, rec.created_by) == (Recommendation.Status.ISSUED, number, org.inspector)
    assert rec.served_to_user == org.liaison
    steps = list(rec.approvals.order_by("seq"))
    assert [s.signer for s in steps] == [signers["head"], signers["deputy"], signers["principal"]]
    assert all(s.decision == ApprovalStep.Decision.APPROVED for s in steps)
    assert rec.issued_on == timezone.localdate()  # 成文日期: the day the last step signed


def test_import_refuses_liaison_and_non_notice_text(page: Any, live_server: Any, org: Any) -> None:
    log_in(page, live_server, "liaison")
    expect(page.locator("#mj-nav").get_by_role("link", name="通报导入")).to_have_count(0)
    response = page.goto(f"{live_server.url}/cases/import/")
    assert response is not None and response.status == 404, response and response.status
    page.goto(f"{live_server.url}/")
    log_out(page)

    log_in(page, live_server, "inspector")
    page.goto(f"{live_server.url}/cases/import/")
    page.get_by_label("通报文本").fill("今天天气很好")
    page.get_by_test_id("parse").click()
    expect(alert(page, "未能从文本中识别出通报内容")).to_be_visible()
    expect(page.get_by_test_id("case-draft")).to_have_count(0)
    # Nothing was saved, and the pasted text is still there to correct.
    expect(page.get_by_label("通报文本")).to_have_value("今天天气很好")
    page.goto(f"{live_server.url}/cases/")
    expect(page.locator("main table tbody")).to_contain_text("没有符合条件的案例")
