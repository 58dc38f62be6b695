"""The searched picker through a real browser: a 纪委 clerk registers a problem for a unit whose
roster is too long to list, types part of a name, picks the cadre among the matches and saves; the
task names them as 责任人. A liaison picks the organising unit of an event and adds a unit to its
audience the same way.

PICKER_MAX_OPTIONS is lowered so a handful of records already counts as "too many to list"
(the live server runs in the test's process, so the setting reaches it).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.education.models import Event
from mingjian.org.tests.factories import PersonFactory, leader_of
from mingjian.rectification.models import Task
from tests.browser.helpers import SLOW, alert, log_in, seed_problem_types

pytestmark = pytest.mark.browser


def test_type_a_name_pick_the_cadre_and_save(page: Any, live_server: Any, org: Any, settings: Any) -> None:
    settings.PICKER_MAX_OPTIONS = 2
    seed_problem_types()
    leader_of(org.bureau_a, username="mzfuju", full_name="钱副局长")
    wanted = PersonFactory(name="王建国", unit=org.a_dept, position="科长")
    PersonFactory(name="王建华", unit=org.bureau_a, position="科员")
    PersonFactory(name="赵敏", unit=org.bureau_a)
    PersonFactory(name="王建设", unit=org.bureau_b)  # another unit's cadre: never offered

    log_in(page, live_server, "inspector")
    page.goto(f"{live_server.url}/rectification/problems/new/?unit={org.bureau_a.pk}")
    page.select_option("#id_unit", str(org.bureau_a.pk))
    page.fill("#id_title", "低保审核把关不严")
    page.select_option("#id_problem_type", label="低保等救助对象认定不准")
    page.fill("#id_measure", "逐户复核在保对象")
    page.fill("#id_due_date", "2027-03-31")
    page.select_option("#id_leader", label="钱副局长")
    person = page.locator("#id_person")
    expect(person.locator("option")).to_have_count(1)  # only the hint: the roster is not listed

    page.get_by_test_id("id_person-search").fill("建")  # part of the given name, not the start
    results = page.locator("#id_person-results")
    expect(results.get_by_role("button")).to_have_count(2)
    expect(results).not_to_contain_text("王建设")
    results.get_by_role("button", name="王建国（科长） · 社会救助科").click()
    expect(person).to_have_value(str(wanted.pk))
    expect(results.get_by_role("button")).to_have_count(0)

    page.get_by_test_id("create-problem").click()
    expect(page).to_have_url(re.compile(r"/rectification/tasks/\d+/$"), timeout=SLOW)
    expect(alert(page, "已登记问题并生成整改任务")).to_be_visible()
    task = Task.objects.get(problem__title="低保审核把关不严")
    assert task.responsibilities.get().person == wanted


def test_search_units_for_an_event_and_add_one_to_its_audience(
    page: Any, live_server: Any, org: Any, settings: Any
) -> None:
    # The same picker for units: 民政局's liaison may act for 民政局 and its 社会救助科, two units
    # where one is already "too many to list". Searched, a unit is named with the ancestors the
    # viewer sees (here none above 民政局).
    settings.PICKER_MAX_OPTIONS = 1
    log_in(page, live_server, "liaison")
    page.goto(f"{live_server.url}/education/events/new/")
    page.get_by_label("形式").select_option(label="警示教育大会")
    page.get_by_label("活动名称").fill("社会救助科警示教育会")
    page.get_by_label("开展日期").fill("2026-11-30")
    organiser = page.locator("#id_unit")
    expect(organiser.locator("option")).to_have_text(["（在下方输入单位名称查找）", "测试市民政局"])
    page.get_by_test_id("id_unit-search").fill("救助")
    page.locator("#id_unit-results").get_by_role("button", name="社会救助科（测试市民政局）").click()
    expect(organiser).to_have_value(str(org.a_dept.pk))

    audience = page.locator("#id_target_units")
    expect(audience.locator("option:checked")).to_have_text(["测试市民政局"])
    page.get_by_test_id("id_target_units-search").fill("科")
    results = page.locator("#id_target_units-results")
    expect(results).not_to_contain_text("财政局")
    results.get_by_role("button", name="社会救助科（测试市民政局）").click()
    expect(audience.locator("option:checked")).to_have_text(["测试市民政局", "社会救助科（测试市民政局）"])

    page.get_by_test_id("event-save").click()
    expect(page).to_have_url(re.compile(r"/education/events/\d+/$"), timeout=SLOW)
    event = Event.objects.get(title="社会救助科警示教育会")
    assert event.unit == org.a_dept
    assert set(event.target_units.all()) == {org.bureau_a, org.a_dept}
