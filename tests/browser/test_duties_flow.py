"""两个责任 through a real browser: a leader reads their generated 履责情况报告.

The 民政局's 书记 signed an 整改 task this year. Logged in, they open 我的履责, find their
第一责任人清单 with that item already done from the record (nothing typed), check one item the
system cannot know with a note, download the Word report — written from those records — and
report the list, which then shows 已报送.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mingjian.duties import services
from mingjian.duties.vocabulary import Kind
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import services as rect
from mingjian.rectification.models import ProblemType, Task
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.rectification.vocabulary import PROBLEM_TYPES
from tests.browser.test_case_flow import SLOW, log_in

pytestmark = pytest.mark.browser

MEASURE = "建立低保近亲属备案制度"
NOTE = "在民主生活会上述责述廉"


def _seed_problem_types() -> None:
    """The vocabulary migrations load; an earlier live_server test's flush may have emptied it."""
    for order, (category, name, field_, keywords) in enumerate(PROBLEM_TYPES):
        ProblemType.objects.update_or_create(
            name=name,
            defaults={"category": category, "field": field_, "keywords": keywords, "sort_order": order},
        )


def _seed(org: Any) -> None:
    _seed_problem_types()
    secretary = leader_of(
        org.bureau_a, leadership=Person.Leadership.SECRETARY, username="shuji", full_name="张书记"
    )
    for kind in Kind.values:
        services.create_template(org.commission, kind=kind, by=org.inspector)
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        leader=secretary,
        status=Task.Status.IN_PROGRESS,
        progress="已完成",
        measure=MEASURE,
    )
    rect.confirm_task(task, by=secretary)
    services.generate_lists(org.bureau_a, year=timezone.localdate().year, by=org.liaison)


def test_a_leader_reads_their_generated_report(
    page: Any, live_server: Any, org: Any, artifacts_dir: Path
) -> None:
    _seed(org)
    year = timezone.localdate().year
    log_in(page, live_server, "shuji")
    page.goto(f"{live_server.url}/duties/mine/")
    expect(page.get_by_test_id("me")).to_contain_text("张书记")
    page.get_by_role("link", name=f"{year}年度张书记第一责任人清单").click()
    expect(page).to_have_url(re.compile(r"/duties/lists/\d+/$"), timeout=SLOW)

    signed = page.get_by_test_id("item-row").filter(has_text="用本人账号签认整改进展")
    expect(signed.get_by_test_id("item-state")).to_have_text("已履行（系统记实 1 项）")
    expect(signed.get_by_test_id("item-acts")).to_contain_text(f"签认整改任务“{MEASURE}”")

    manual = page.get_by_test_id("item-row").filter(has_text="年度述责述廉")
    manual.get_by_text("记为已履行").click()
    manual.get_by_role("textbox").fill(NOTE)
    manual.get_by_test_id("item-check").click()
    expect(page.get_by_role("alert").filter(has_text="已记为已履行")).to_be_visible(timeout=SLOW)
    page.screenshot(path=str(artifacts_dir / "duties-list.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_test_id("report-docx").click()
    data = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    title = f"张书记同志{year}年度履行全面从严治党第一责任人职责情况报告"
    assert title in text.replace("\n", "")  # the title breaks over two lines
    assert f"签认整改任务“{MEASURE}”" in text and NOTE in text

    page.get_by_test_id("list-submit").click()
    expect(page.get_by_test_id("list-status")).to_have_text("已报送", timeout=SLOW)
