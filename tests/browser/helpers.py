"""What the loop's browser tests share: signing in, the 工作台 sections, flash messages, the
problem-type vocabulary, and a record of the pages one browser tab went through."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

from mingjian.org.tests.factories import PASSWORD
from mingjian.rectification.models import ProblemType
from mingjian.rectification.vocabulary import PROBLEM_TYPES

SLOW = 20_000  # ms: a page that writes several records in one transaction, on a cold database
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


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


def alert(page: Any, text: str) -> Any:
    """The flash message (or form error) that contains `text`."""
    return page.get_by_role("alert").filter(has_text=text)


def todo_section(page: Any, title: str) -> Any:
    """A 工作台 card by its exact title."""
    header = page.locator(".card-header > span:first-child", has_text=re.compile(rf"^{re.escape(title)}$"))
    return page.get_by_test_id("todo-section").filter(has=header)


def todo_count(page: Any, title: str) -> Any:
    return todo_section(page, title).get_by_test_id("todo-count")


def go_home(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def seed_problem_types() -> None:
    """The vocabulary migrations load; an earlier live_server test's flush may have emptied it."""
    for order, (category, name, field_, keywords) in enumerate(PROBLEM_TYPES):
        ProblemType.objects.update_or_create(
            name=name,
            defaults={"category": category, "field": field_, "keywords": keywords, "sort_order": order},
        )


def docx_text(path: Path) -> str:
    """All the text runs of a .docx body, joined (a number may be split over several runs)."""
    with zipfile.ZipFile(path) as z:
        assert "word/document.xml" in z.namelist(), z.namelist()
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))


@dataclass
class Navigations:
    """Every document the tab loaded (a POST answered by a redirect counts once, as it does for
    the person in front of it) while recording."""

    page: Any
    paths: list[str] = field(default_factory=list)
    recording: bool = False

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._seen)

    def _seen(self, frame: Any) -> None:
        if self.recording and frame == self.page.main_frame:
            self.paths.append(urlsplit(frame.url).path)

    def start(self) -> None:
        self.paths, self.recording = [], True

    def stop(self) -> list[str]:
        self.recording = False
        return self.paths

    @property
    def screens(self) -> list[str]:
        """The distinct pages, in the order first seen."""
        return list(dict.fromkeys(self.paths))
