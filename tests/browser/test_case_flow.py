"""以案促改 end to end through a real browser, with two accounts.

The 纪委监委 clerk (`inspector`) imports a 通报 with two numbered items, analyses the 民政 case,
approves the analysis, drafts a 纪检监察建议书 from it, numbers and serves it and downloads the
Word file; the 民政局's liaison (`liaison`) finds it on the 工作台 and replies with a PDF; the clerk
confirms the reply and the recommendation moves into 落实中.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.org.tests.factories import PASSWORD

pytestmark = pytest.mark.browser

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
LOOPHOLE = f"《{LOOPHOLE_RULE}》：{LOOPHOLE_TEXT}"
IDEOLOGY = "理想信念动摇，把审批权当作谋取私利的工具"
REPLY_TEXT = "我局完全采纳建议：已修订低保审核审批办法，增加近亲属备案回避条款，并组织全系统警示教育。"
PDF_NAME = "整改报告.pdf"
SLOW = 20_000  # ms: a page that writes several records in one transaction, on a cold database


def log_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/", timeout=SLOW)
    expect(page.get_by_test_id("user-menu")).to_be_visible()


def log_out(page: Any) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_test_id("user-menu")).to_have_count(0)


def docx_text(path: Path) -> str:
    """All the text runs of a .docx body, joined (a number may be split over several runs)."""
    with zipfile.ZipFile(path) as z:
        assert "word/document.xml" in z.namelist(), z.namelist()
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))


def import_notice(page: Any, live_server: Any, org: Any) -> None:
    """1. 通报导入 from the left nav: parse → two drafts to check → confirm → the case list."""
    page.locator("#mj-nav").get_by_role("link", name="通报导入").click()
    expect(page).to_have_url(f"{live_server.url}/cases/import/")
    expect(page.get_by_role("heading", name="通报导入")).to_be_visible()
    page.get_by_label("通报文本").fill(NOTICE)
    page.get_by_test_id("parse").click()

    drafts = page.get_by_test_id("case-draft")
    expect(drafts).to_have_count(2, timeout=SLOW)
    first = drafts.nth(0)
    unit_select = first.get_by_label("发案单位")
    expect(unit_select).to_have_value(str(org.bureau_a.pk))
    expect(unit_select.locator("option:checked")).to_have_text("测试市民政局")
    expect(first.get_by_test_id("person-name").first).to_have_value("王大明")
    expect(drafts.nth(1).get_by_test_id("person-name").first).to_have_value("李小军")
    expect(drafts.nth(1).get_by_label("发案单位").locator("option:checked")).to_have_text("测试市财政局")

    page.get_by_test_id("confirm").click()
    expect(page).to_have_url(f"{live_server.url}/cases/", timeout=SLOW)
    expect(page.get_by_role("alert").filter(has_text="已保存 2 个典型案例")).to_be_visible()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    mz_row = rows.filter(has=page.locator("td:nth-child(2)", has_text="测试市民政局"))
    expect(mz_row).to_have_count(1)
    expect(rows.filter(has=page.locator("td:nth-child(2)", has_text="测试市财政局"))).to_have_count(1)
    mz_row.get_by_role("link").first.click()


def analyse_case(page: Any) -> None:
    """2. On the 民政 case: 开展剖析, fill, save, 提交审核, 审定 (the inspector also reviews)."""
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("王大明")
    open_analysis = page.get_by_test_id("open-analysis")
    expect(open_analysis, "案例详情页应有“开展剖析”入口").to_be_visible()
    expect(open_analysis).to_have_text("开展剖析")
    open_analysis.click()
    expect(page).to_have_url(f"{case_url}analysis/")

    page.get_by_label("廉政风险点").fill(RISK)
    page.get_by_label("制度漏洞").fill(LOOPHOLE)
    page.get_by_label("思想根源").fill(IDEOLOGY)
    page.get_by_test_id("analysis-save").click()
    expect(page.get_by_role("alert").filter(has_text="剖析已保存")).to_be_visible(timeout=SLOW)
    status = page.get_by_test_id("analysis-status")
    expect(status).to_have_text("起草中")
    # The saved records come back into the editor line by line.
    expect(page.get_by_label("制度漏洞")).to_have_value(f"{LOOPHOLE_RULE}：{LOOPHOLE_TEXT}")

    page.get_by_test_id("analysis-submit").click()
    expect(page.get_by_role("alert").filter(has_text="剖析已提交纪委审核")).to_be_visible()
    expect(status).to_have_text("待审核")
    page.get_by_test_id("analysis-approve").click()
    expect(page.get_by_role("alert").filter(has_text="剖析已审定")).to_be_visible()
    expect(status).to_have_text("已审定")
    expect(page.locator("main")).to_contain_text(LOOPHOLE_TEXT)


def draft_and_issue(page: Any, artifacts_dir: Path) -> tuple[str, str]:
    """3. Draft the 建议书 from the approved analysis, save, number and serve it, download Word.

    Returns the document number and the detail page's address."""
    year = date.today().year  # noqa: DTZ011 - the server numbers documents by its local year
    page.get_by_test_id("draft-recommendation").click()
    expect(page.get_by_role("heading", name="起草纪检监察建议书")).to_be_visible()
    expect(page.get_by_label("发文机关").locator("option:checked")).to_have_text("测试市纪委监委")
    page.get_by_test_id("create-draft").click()
    expect(page).to_have_url(re.compile(r"/cases/recommendations/\d+/edit/$"), timeout=SLOW)
    rec_url = page.url.removesuffix("edit/")
    items = page.get_by_label("建议事项")
    # Items are drafted from the analysis: the loophole becomes a numbered suggestion.
    expect(items).to_have_value(re.compile(LOOPHOLE_TEXT))
    expect(items).to_have_value(re.compile(LOOPHOLE_RULE))
    page.get_by_test_id("save-recommendation").click()
    expect(page).to_have_url(rec_url)
    expect(page.get_by_role("alert").filter(has_text="建议书已保存")).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("草稿")
    expect(page.get_by_test_id("rec-number")).to_have_text("（草稿，未编号）")

    served_on = page.get_by_label("送达日期")
    # The 送达 date defaults to today; an <input type="date"> only takes an ISO value.
    expect(served_on, "送达日期应预填为今天").to_have_value(date.today().isoformat())  # noqa: DTZ011
    page.get_by_label("签收人").fill("赵文书")
    page.get_by_test_id("issue").click()
    expect(page.get_by_role("alert").filter(has_text="建议书已编号送达")).to_be_visible(timeout=SLOW)
    number_el = page.get_by_test_id("rec-number")
    expect(number_el).to_have_text(re.compile(rf"^\S+〔{year}〕1号$"))
    number = number_el.inner_text().strip()
    expect(page.get_by_test_id("rec-status")).to_have_text("已送达")
    expect(page.locator("main")).to_contain_text("赵文书")

    with page.expect_download(timeout=SLOW) as info:
        page.get_by_test_id("download-docx").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    assert number in download.suggested_filename, download.suggested_filename
    docx = artifacts_dir / "recommendation.docx"
    download.save_as(str(docx))
    assert zipfile.is_zipfile(docx), "下载的文件不是 zip（.docx）"
    body = docx_text(docx)
    assert number in body, body[:300]
    assert LOOPHOLE_TEXT in body
    return number, rec_url


def reply_as_liaison(page: Any, number: str, rec_url: str, artifacts_dir: Path, tmp_path: Path) -> None:
    """4. The liaison of 测试市民政局 finds it on the 工作台 and replies with a PDF."""
    section = page.get_by_test_id("todo-section").filter(has_text="待回复的纪检监察建议书")
    expect(section).to_have_count(1)
    link = section.get_by_role("link", name=re.compile(re.escape(number)))
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(rec_url)
    expect(page.get_by_test_id("rec-status")).to_have_text("已送达")
    page.get_by_test_id("reply").click()
    expect(page.get_by_role("heading", name=re.compile("^回复："))).to_be_visible()

    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.get_by_label("回复内容").fill(REPLY_TEXT)
    expect(page.get_by_label("采纳建议")).to_be_checked()
    page.get_by_label(re.compile("^附件")).set_input_files(str(pdf))
    page.get_by_test_id("submit-reply").click()
    expect(page).to_have_url(rec_url, timeout=SLOW)
    expect(page.get_by_role("alert").filter(has_text="已回复建议书")).to_be_visible()
    card = page.get_by_test_id("reply-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text(REPLY_TEXT)
    expect(card.get_by_role("link", name=PDF_NAME)).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("已回复")
    expect(page.get_by_test_id("reply")).to_have_count(0)
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "recommendation.png"), full_page=True)
    # Outside the 纪委 the person is 王某某 everywhere on the page (the facts already are).
    expect(page.locator("main"), "联络员页面不应出现涉案人员实名").not_to_contain_text("王大明")


def confirm_reply(page: Any, number: str, rec_url: str) -> None:
    """5. The clerk opens it from the list and confirms the reply: 落实中."""
    page.locator("#mj-nav").get_by_role("link", name="纪检监察建议书").click()
    rec_row = page.locator("main table tbody tr").filter(has=page.locator("td:nth-child(1)", has_text=number))
    expect(rec_row).to_have_count(1)
    expect(rec_row).to_contain_text("已回复")
    rec_row.get_by_role("link").first.click()
    expect(page).to_have_url(rec_url)
    expect(page.get_by_test_id("rec-status")).to_have_text("已回复")
    expect(page.get_by_test_id("reply-card")).to_contain_text(PDF_NAME)
    page.get_by_test_id("implement").click()
    expect(page.get_by_role("alert").filter(has_text="进入落实阶段")).to_be_visible()
    expect(page.get_by_test_id("rec-status")).to_have_text("落实中")
    expect(page.get_by_test_id("implement")).to_have_count(0)
    expect(page.get_by_test_id("complete")).to_be_visible()


def test_case_import_analysis_recommendation_reply_loop(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path, tmp_path: Path
) -> None:
    log_in(page, live_server, "inspector")
    import_notice(page, live_server, org)
    analyse_case(page)
    number, rec_url = draft_and_issue(page, artifacts_dir)
    log_out(page)

    log_in(page, live_server, "liaison")
    reply_as_liaison(page, number, rec_url, artifacts_dir, tmp_path)
    log_out(page)

    log_in(page, live_server, "inspector")
    confirm_reply(page, number, rec_url)


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
    expect(page.get_by_role("alert").filter(has_text="未能从文本中识别出通报内容")).to_be_visible()
    expect(page.get_by_test_id("case-draft")).to_have_count(0)
    # Nothing was saved, and the pasted text is still there to correct.
    expect(page.get_by_label("通报文本")).to_have_value("今天天气很好")
    page.goto(f"{live_server.url}/cases/")
    expect(page.locator("main table tbody")).to_contain_text("没有符合条件的案例")
