"""Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

No browser download: the system Chromium at /usr/bin/chromium is launched directly. Without it
the browser tests are skipped locally but fail under CI (CI=true), where they must run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import log_in

# Sync Playwright runs an asyncio event loop in the test thread; without this the ORM raises
# SynchronousOnlyOperation when a test (or a fixture) touches the database after launch.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Generator[Any, None, None]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI 环境缺少 {CHROMIUM}：浏览器测试在 CI 下不能跳过（apt-get install chromium）。")
        pytest.skip(f"未安装 Chromium（{CHROMIUM}），跳过浏览器测试：sudo apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _new_page(browser: Any) -> Any:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    return context.new_page()


def _shoot_if_failed(request: pytest.FixtureRequest, artifacts_dir: Path, pg: Any, suffix: str = "") -> None:
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + suffix
        try:
            pg.screenshot(path=str(artifacts_dir / f"FAILED-{name}.png"), full_page=True)
        except Exception as e:  # a crashed page must not hide the real failure
            print(f"截图失败：{e}")


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest, artifacts_dir: Path) -> Generator[Any, None, None]:
    pg = _new_page(browser)
    yield pg
    _shoot_if_failed(request, artifacts_dir, pg)
    pg.context.close()


@pytest.fixture
def open_as(
    browser: Any, live_server: Any, request: pytest.FixtureRequest, artifacts_dir: Path
) -> Generator[Callable[[str], Any], None, None]:
    """`open_as(username)`: a tab of its own (own cookies) signed in as that account, on the
    工作台 — several people working side by side, as they do."""
    pages: dict[str, Any] = {}

    def open_(username: str) -> Any:
        pg = _new_page(browser)
        pages[username] = pg
        log_in(pg, live_server, username)
        return pg

    yield open_
    for username, pg in pages.items():
        _shoot_if_failed(request, artifacts_dir, pg, f"-{username}")
        pg.context.close()
