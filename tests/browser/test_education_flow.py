"""警示教育 end to end through a real browser, as the 民政局's liaison.

The liaison plans a 警示教育大会 for the bureau and its department, 乡科级 and 一般干部 only,
with the bureau's own 低保 case (its name masked on the liaison's pages); records it as held;
imports a sign-in sheet in which one name is not on the roster — nothing is imported and the
row is named — then the corrected sheet; records the one cadre who did not sign as absent with
a reason; and reads the coverage page: who was reached, who was not, and the share.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.education.models import Attendance, Event, PostTag
from mingjian.education.tests.factories import sheet
from mingjian.education.vocabulary import POST_TAGS
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory
from tests.browser.test_case_flow import SLOW, log_in

pytestmark = pytest.mark.browser

L = Person.Level
TITLE = "2026年测试市民政局以案促改警示教育大会"
UNMATCHED = "张三丰"


def seed_post_tags() -> None:
    """The vocabulary migration 0002 loads; an earlier live_server test's flush may have emptied it."""
    for order, (name, description) in enumerate(POST_TAGS):
        PostTag.objects.update_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )


def alert(page: Any, text: str) -> Any:
    return page.get_by_role("alert").filter(has_text=text)


def plan_event(page: Any, live_server: Any, case_pk: int, held_on: str, artifacts_dir: Path) -> None:
    """1. 警示教育 → 新建活动: kind, date, the case, the cohort (bureau + department × two 职级)."""
    page.locator("#mj-nav").get_by_role("link", name="警示教育").click()
    expect(page).to_have_url(f"{live_server.url}/education/events/")
    page.get_by_test_id("event-create").click()
    page.get_by_label("形式").select_option(label="警示教育大会")
    page.get_by_label("活动名称").fill(TITLE)
    page.get_by_label("开展日期").fill(held_on)
    page.get_by_label("地点").fill("局机关五楼会议室")
    expect(page.get_by_label("组织单位").locator("option:checked")).to_have_text("测试市民政局")
    cases = page.get_by_label("使用案例")
    expect(cases.locator("option")).to_have_text(["测试市民政局王某某违规审批低保问题（测试市民政局）"])
    cases.select_option(str(case_pk))
    expect(page.get_by_label("对象单位").locator("option:checked")).to_have_text(["测试市民政局"])
    expect(page.get_by_label("含下属单位")).to_be_checked()
    page.get_by_label("乡科级").check()
    page.get_by_label("一般干部").check()
    page.screenshot(path=str(artifacts_dir / "education-event-form.png"), full_page=True)
    page.get_by_test_id("event-save").click()

    expect(page).to_have_url(re.compile(r"/education/events/\d+/$"), timeout=SLOW)
    expect(alert(page, "已保存，活动对象共 3 人")).to_be_visible()
    expect(page.get_by_test_id("event-title")).to_have_text(TITLE)
    expect(page.get_by_test_id("event-status")).to_have_text("计划")
    expect(page.get_by_test_id("event-cases")).to_contain_text("王某某")
    expect(page.get_by_test_id("event-cases")).not_to_contain_text("王大明")
    expect(page.get_by_test_id("event-cohort")).to_contain_text(
        "测试市民政局（含下属单位）；职级：乡科级、一般干部"
    )
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("活动对象 3 人")
    # One 乡科级 case for 乡科级 and 一般干部: the page advises a case for the second band.
    expect(page.get_by_test_id("fit-warnings")).to_contain_text("层级错位：受众包括一般干部和村（社区）干部")


def import_sheets(page: Any, tmp_path: Path) -> None:
    """2. Held, chaired by the bureau's head (chosen from its 班子); a sheet with one name not on
    the roster imports nothing; the corrected one does."""
    page.get_by_label("主持人").select_option(label="李局长（局长）")
    page.get_by_test_id("event-hold").click()
    expect(alert(page, "已记录为已开展")).to_be_visible()
    expect(page.get_by_test_id("event-status")).to_have_text("已开展")
    expect(page.get_by_test_id("event-host")).to_have_text("李局长")

    bad = tmp_path / "签到表.xlsx"
    bad.write_bytes(sheet([[1, "王芳", "测试市民政局"], [2, UNMATCHED, "社会救助科"], [3, "赵科长", ""]]))
    page.get_by_label("签到表（.xlsx）").set_input_files(str(bad))
    page.get_by_test_id("signin-import").click()
    errors = page.get_by_test_id("signin-errors")
    expect(errors).to_be_visible(timeout=SLOW)
    expect(errors).to_contain_text("签到表未导入（全部不导入）")
    expect(errors.locator("li")).to_have_count(1)
    expect(errors.locator("li")).to_have_text(
        f"第 4 行：“{UNMATCHED}”不在本次活动对象单位的干部名册中（请核对姓名，或其是否已调离、未录入名册）"
    )
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("出席 0，缺席 0，补学 0，未登记 3")

    good = tmp_path / "签到表（更正）.xlsx"
    good.write_bytes(sheet([[1, "王芳", "测试市民政局"], [2, "赵科长", ""]]))
    page.get_by_label("签到表（.xlsx）").set_input_files(str(good))
    page.get_by_test_id("signin-import").click()
    expect(alert(page, "签到表已导入：2 人记为出席")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("signin-errors")).to_have_count(0)
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("出席 2，缺席 0，补学 0，未登记 1")
    expect(page.get_by_test_id("materials")).to_contain_text("签到表（更正）.xlsx")


def record_absence(page: Any, artifacts_dir: Path) -> None:
    """3. The cadre who did not sign: absent, with the reason."""
    page.get_by_label("钱科员出勤情况").select_option(label="缺席")
    page.get_by_label("钱科员缺席原因").fill("病假")
    page.get_by_test_id("attendance-save").click()
    expect(alert(page, "出勤情况已保存")).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("出席 2，缺席 1，补学 0，未登记 0")
    row = page.get_by_test_id("attendance-row").filter(has_text="钱科员")
    expect(row.get_by_label("钱科员缺席原因")).to_have_value("病假")
    expect(row.get_by_text("登记补学")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "education-event.png"), full_page=True)


def read_coverage(page: Any, live_server: Any, artifacts_dir: Path) -> None:
    """4. 教育覆盖: everyone in the liaison's scope, then the event's two 职级."""
    page.locator("#mj-nav").get_by_role("link", name="教育覆盖").click()
    expect(page).to_have_url(f"{live_server.url}/education/coverage/")
    total = page.get_by_test_id("coverage-total")
    expect(total).to_contain_text("对象 4 人，已覆盖 2 人，覆盖率 50%")
    rows = page.get_by_test_id("coverage-row")
    expect(rows).to_have_count(2)
    bureau = rows.filter(has_text="测试市民政局")
    expect(bureau.locator("td").nth(1)).to_have_text("2")
    expect(bureau.locator("td").nth(2)).to_have_text("1")
    expect(bureau.locator("td").nth(3)).to_have_text("50%")
    expect(bureau.get_by_test_id("unreached")).to_have_text(["李局长（局长）"])
    dept = rows.filter(has_text="社会救助科")
    expect(dept.get_by_test_id("unreached")).to_have_text(["钱科员（科员）"])

    page.get_by_label("乡科级").check()
    page.get_by_label("一般干部").check()
    page.get_by_role("button", name="统计").click()
    expect(total).to_contain_text("对象 3 人，已覆盖 2 人，覆盖率 67%")
    expect(page.get_by_test_id("unreached")).to_have_text(["钱科员（科员）"])
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "education-coverage.png"), full_page=True)


def test_event_for_a_cohort_sign_in_sheet_and_coverage(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path, tmp_path: Path
) -> None:
    seed_post_tags()
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明", level="township")
    PersonFactory(
        name="李局长", unit=org.bureau_a, level=L.COUNTY, position="局长", leadership=Person.Leadership.HEAD
    )
    PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL)
    PersonFactory(name="赵科长", unit=org.a_dept, level=L.TOWNSHIP, position="科长")
    PersonFactory(name="钱科员", unit=org.a_dept, level=L.GENERAL)
    held_on = (timezone.localdate() - timedelta(days=2)).isoformat()

    log_in(page, live_server, "liaison")
    plan_event(page, live_server, case.pk, held_on, artifacts_dir)
    import_sheets(page, tmp_path)
    record_absence(page, artifacts_dir)
    read_coverage(page, live_server, artifacts_dir)

    # The database agrees with what the pages showed.
    event = Event.objects.get(title=TITLE)
    assert event.status == Event.Status.HELD and event.created_by == org.liaison
    assert {a.person.name: a.presence for a in event.attendance.all()} == {
        "王芳": Attendance.Presence.PRESENT,
        "赵科长": Attendance.Presence.PRESENT,
        "钱科员": Attendance.Presence.ABSENT,
    }
    assert event.materials.count() == 1
