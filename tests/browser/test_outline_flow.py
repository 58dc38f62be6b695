"""讲话 → 提纲 → 整改任务 through a real browser.

The 纪委监委 clerk (`inspector`) opens 讲话/方案分解 from the navigation, pastes a speech (written
for this test) whose "三、" section holds three run-in points, sees the parsed tree, ticks the
three points, sets 责任单位, 完成时限, 责任领导 and 责任人 once for all of them and creates the
tasks in one step; each point then links to its issued task.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.org.tests.factories import leader_of
from mingjian.outlines.models import OutlineNode
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import clerk
from tests.browser.test_case_flow import SLOW, log_in
from tests.browser.test_rectification_flow import seed_problem_types

pytestmark = pytest.mark.browser

# Invented for the test: no real speech, unit or person.
SPEECH = """测试市纪委书记在全市以案促改推进会上的讲话
同志们：
今天召开全市以案促改推进会，主要任务是总结工作、部署任务。下面，我讲三点意见。
一、提高政治站位
以案促改是一体推进“三不腐”的重要抓手。
二、深化案件剖析
（一）找准问题根源。各单位要逐案剖析。
（二）查找制度漏洞。
三、狠抓整改落实
一要完善低保审核制度，建立经办人员近亲属备案回避规定。二要开展警示教育，组织观看警示教育片。三要建立整改台账，逐项对账销号。
同志们，以案促改永远在路上。
"""
POINTS = [
    "完善低保审核制度，建立经办人员近亲属备案回避规定",
    "开展警示教育，组织观看警示教育片",
    "建立整改台账，逐项对账销号",
]
PERSON = "王科长（科长） · 测试市民政局"  # as org.picker labels a cadre
LEADER = "林副局长"


def paste_and_parse(page: Any, live_server: Any) -> None:
    page.locator("#mj-nav").get_by_role("link", name="讲话/方案分解").click()
    expect(page).to_have_url(f"{live_server.url}/outlines/")
    page.get_by_test_id("outline-new").click()
    page.get_by_label(re.compile("^讲话或方案全文")).fill(SPEECH)
    page.get_by_test_id("parse").click()
    expect(page).to_have_url(re.compile(r"/outlines/\d+/$"), timeout=SLOW)
    expect(page.get_by_role("alert").filter(has_text="已识别 8 个标题")).to_be_visible()
    expect(page.get_by_test_id("outline-title")).to_have_text("测试市纪委书记在全市以案促改推进会上的讲话")
    nodes = page.get_by_test_id("node")
    expect(nodes).to_have_count(8)
    expect(nodes.nth(4)).to_contain_text("三、狠抓整改落实")
    for i, point in enumerate(POINTS, start=5):
        expect(nodes.nth(i)).to_contain_text(point)
        expect(nodes.nth(i)).to_have_attribute("data-level", "2")


def tick_and_create(page: Any, leader_name: str, due: date) -> None:
    for point in POINTS:
        page.get_by_label(point).check()
    batch = page.get_by_test_id("batch")
    batch.get_by_label("责任单位").select_option(label="测试市民政局")
    batch.get_by_label("完成时限").fill(due.isoformat())
    batch.get_by_label("责任领导").select_option(label=leader_name)
    batch.get_by_label("责任人", exact=True).select_option(label=PERSON)
    expect(page.get_by_label("生成后立即下发（开始计时）")).to_be_checked()
    page.get_by_test_id("create-tasks").click()
    expect(page.get_by_role("alert").filter(has_text="已生成 3 项整改任务并下发")).to_be_visible(timeout=SLOW)


def test_paste_a_speech_and_turn_its_third_section_points_into_tasks(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    seed_problem_types()
    # 责任领导 is a 班子成员 with a unit-leader account, 责任人 a cadre of the 干部名册: both chosen.
    leader = leader_of(org.bureau_a, username="mz-fuju", full_name=LEADER)
    person = clerk(org.bureau_a)
    due = date.today() + timedelta(days=45)  # noqa: DTZ011 - weeks of slack make the timezone irrelevant
    log_in(page, live_server, "inspector")
    paste_and_parse(page, live_server)
    tick_and_create(page, LEADER, due)

    links = page.get_by_test_id("node-task")
    expect(links).to_have_count(3)
    for i in range(3):
        expect(links.nth(i)).to_have_text(f"已下发 · {due.isoformat()}")
    expect(page.locator("input[type=checkbox][name$=picked]")).to_have_count(5)  # the others stay open
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / "outline.png"), full_page=True)
    links.nth(1).click()
    expect(page).to_have_url(re.compile(r"/rectification/tasks/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(POINTS[1])
    expect(page.get_by_test_id("task-status")).to_have_text("已下发")

    tasks = list(Task.objects.order_by("id"))
    assert [t.measure for t in tasks] == POINTS
    assert all(t.unit.name == "测试市民政局" and t.due_date == due for t in tasks)
    assert [n.heading for n in OutlineNode.objects.filter(task__isnull=False).order_by("order")] == POINTS
    assert all(r.leader == leader and r.person == person for t in tasks for r in t.responsibilities.all())
