"""The page shell through a real browser: sign-in, lockout, navigation, Chinese rendering,
the administrators' pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.org.tests.factories import PASSWORD

pytestmark = pytest.mark.browser

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def log_in(page: Any, live_server: Any, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录", exact=True).click()


def log_in_ok(page: Any, live_server: Any, username: str) -> None:
    log_in(page, live_server, username)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("user-menu")).to_be_visible()


def test_liaison_sees_own_unit_then_logs_out(page: Any, live_server: Any, org: Any) -> None:
    log_in_ok(page, live_server, "liaison")

    expect(page.get_by_test_id("user-unit")).to_contain_text("测试市民政局")
    expect(page.locator("header .badge", has_text="单位联络员")).to_be_visible()
    expect(page.get_by_test_id("watermark")).to_have_count(1)
    expect(page.get_by_test_id("watermark")).to_contain_text("liaison")  # an SVG pattern, no inline style

    page.locator("#mj-nav").get_by_role("link", name="组织机构").click()
    expect(page).to_have_url(f"{live_server.url}/org/units/")
    expect(page.get_by_role("heading", name="组织机构")).to_be_visible()
    table = page.locator("main table")
    expect(table).to_contain_text("测试市民政局")
    expect(table).not_to_contain_text("测试市财政局")
    expect(page.locator("#mj-nav .nav-link.active")).to_have_text(re.compile("组织机构"))

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.get_by_test_id("user-menu")).to_have_count(0)
    # Really signed out: the home page sends us back to the login page.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/"))


def test_wrong_password_then_lockout(page: Any, live_server: Any, org: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 5
    log_in(page, live_server, "liaison", "wrong-password")
    error = page.get_by_test_id("login-error")
    expect(error).to_contain_text("用户名或密码错误")
    expect(error).not_to_contain_text("锁定")
    expect(page.get_by_test_id("user-menu")).to_have_count(0)

    for _ in range(4):
        log_in(page, live_server, "liaison", "wrong-password")
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")

    # Locked: even the right password is refused now.
    log_in(page, live_server, "liaison", PASSWORD)
    expect(page.get_by_test_id("login-error")).to_contain_text("锁定")
    expect(page.get_by_test_id("user-menu")).to_have_count(0)
    org.liaison.refresh_from_db()
    assert org.liaison.locked_until is not None


# The pixels of one character drawn with the given font on a canvas, as a data URL.
GLYPH_JS = """([text, font]) => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d');
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 4, 32);
  const alpha = ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3);
  return {url: canvas.toDataURL(), inked: alpha.filter(a => a > 0).length,
          width: ctx.measureText(text).width};
}"""


def glyphs_render(page: Any, font: str) -> dict[str, Any]:
    return {ch: page.evaluate(GLYPH_JS, [ch, font]) for ch in ("明", "鉴", "\U0010fffd", "\U0010fffe")}


def assert_cjk_glyphs(g: dict[str, Any]) -> None:
    """Without a CJK font every Chinese character is drawn as the same missing-glyph box
    ("tofu"), identical to the box of a code point no font covers."""
    ming, jian, tofu = g["明"]["url"], g["鉴"]["url"], g["\U0010fffd"]["url"]
    assert g["明"]["inked"] > 50, g["明"]
    assert tofu not in (ming, jian), "中文字符被渲染成缺字方框：未安装中文字体（fonts-wqy-microhei）？"
    assert ming != jian, "两个不同的汉字渲染结果相同：中文字形缺失"


def test_home_screenshot_renders_chinese(page: Any, live_server: Any, org: Any, artifacts_dir: Path) -> None:
    log_in_ok(page, live_server, "liaison")
    page.evaluate("document.fonts.ready")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()

    # The page's own font stack must supply real glyphs for Chinese text.
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    g = glyphs_render(page, f"48px {family}")
    assert_cjk_glyphs(g)
    # The same missing-glyph box for every uncovered code point: the comparison above means something.
    assert g["\U0010fffd"]["url"] == g["\U0010fffe"]["url"]

    fc_list = shutil.which("fc-list")
    if fc_list:
        zh = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False).stdout  # noqa: S603
        assert zh.strip(), "fc-list :lang=zh 为空：系统没有中文字体（apt-get install fonts-wqy-microhei）"

    shot = artifacts_dir / "home.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 20_000, len(data)


def test_sysadmin_lists_users(page: Any, live_server: Any, org: Any) -> None:
    log_in_ok(page, live_server, "sysadmin")
    page.locator("#mj-nav").get_by_role("link", name="用户与授权").click()
    expect(page).to_have_url(f"{live_server.url}/org/users/")
    expect(page.get_by_role("heading", name="用户与授权")).to_be_visible()
    rows = page.locator("main table tbody tr")
    for username in ("liaison", "outsider", "inspector", "auditor", "sysadmin"):
        expect(rows.filter(has=page.get_by_role("link", name=username, exact=True))).to_have_count(1)
    expect(rows.filter(has_text="liaison").first).to_contain_text("单位联络员")


def test_auditor_sees_own_login_event(page: Any, live_server: Any, org: Any) -> None:
    log_in_ok(page, live_server, "auditor")
    page.locator("#mj-nav").get_by_role("link", name="审计日志").click()
    expect(page).to_have_url(f"{live_server.url}/audit/")
    expect(page.get_by_role("heading", name=re.compile("审计日志"))).to_be_visible()
    rows = page.locator("main table tbody tr")
    # Columns: 序号, 时间, 操作人, 操作, 对象类型, 对象编号, 对象, 单位, IP, 数据.
    login_rows = rows.filter(has=page.locator("td:nth-child(3)", has_text=org.auditor.display_name)).filter(
        has=page.locator("td:nth-child(4)", has_text=re.compile(r"^\s*登录\s*$"))
    )
    expect(login_rows).to_have_count(1)
    expect(login_rows.first.locator("td:nth-child(9)")).to_have_text("127.0.0.1")
