"""The Content-Security-Policy in a real browser: every page works with `default-src 'self'` and
no inline script or style, and Chromium reports no violation anywhere — the Swagger docs, the
watermark and our own page helpers included."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from mingjian.cases import services
from mingjian.cases.models import ViolationType
from mingjian.cases.services import RiskRow
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.rectification.tests.factories import TaskFactory
from tests.browser.test_login import log_in_ok
from tests.browser.test_rectification_flow import seed_problem_types

pytestmark = pytest.mark.browser

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _watched(page: Any) -> list[str]:
    messages: list[str] = []
    page.add_init_script(WATCH)
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    return messages


def _violations(page: Any, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__csp || []"), *console]


def _visit(page: Any, url: str, console: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    page.wait_for_load_state("networkidle")
    assert _violations(page, console) == [], url


def test_business_pages_run_under_the_policy(page: Any, live_server: Any, org: Any) -> None:
    # An earlier live_server test's flush may have emptied the vocabularies the migrations load.
    seed_problem_types()
    dibao, _ = ViolationType.objects.get_or_create(
        name="在社会救助中优亲厚友", defaults={"discipline": "mass"}
    )
    earlier = CaseFactory(unit=org.bureau_a, title="早前低保案")
    earlier.violation_types.set([dibao])
    services.save_analysis(
        earlier,
        by=org.inspector,
        summary="",
        causes={},
        risks=[RiskRow("入户调查流于形式", post="低保审核岗", level="high")],
        loopholes=[],
        extend_to=[],
    )
    case = CaseFactory(unit=org.bureau_a, title="孙大明违规案", violation_notes="违规办理低保")
    case.violation_types.set([dibao])
    CasePersonFactory(case=case, name="孙大明")
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.commission)
    console = _watched(page)
    log_in_ok(page, live_server, "inspector")
    expect(page.get_by_test_id("watermark")).to_contain_text("inspector")
    for path in (
        "/",
        "/cases/",
        case.get_absolute_url(),
        "/rectification/tasks/",
        task.get_absolute_url(),
        "/rectification/problems/",
        "/org/units/",
        "/notifications/",
    ):
        _visit(page, live_server.url + path, console)
    # Our own static script still works: a suggestion button appends its risk to the editor.
    _visit(page, f"{live_server.url}/cases/{case.pk}/analysis/", console)
    page.get_by_role("button", name="＋ 风险点：低保审核岗：入户调查流于形式").click()
    expect(page.locator("#id_risks")).to_have_value("低保审核岗：入户调查流于形式")
    assert _violations(page, console) == []


def test_swagger_docs_render_under_the_policy(page: Any, live_server: Any, org: Any) -> None:
    console = _watched(page)
    log_in_ok(page, live_server, "liaison")
    _visit(page, f"{live_server.url}/api/docs/", console)
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("明鉴 API")
    # Swagger UI renders only the tags in view: the first one's operations, then the last one's
    # once scrolled to the end.
    expect(page.locator(".opblock-summary-path", has_text="/api/analyses/").first).to_be_visible()
    page.mouse.wheel(0, 100_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/units/").first).to_be_visible()
    assert _violations(page, console) == []


def test_login_and_audit_pages_run_under_the_policy(page: Any, live_server: Any, org: Any) -> None:
    console = _watched(page)
    _visit(page, f"{live_server.url}/login/", console)
    log_in_ok(page, live_server, "auditor")
    _visit(page, f"{live_server.url}/audit/", console)


def test_an_error_page_leads_back_under_the_policy(page: Any, live_server: Any, org: Any) -> None:
    console = _watched(page)
    log_in_ok(page, live_server, "liaison")
    _visit(page, f"{live_server.url}/rectification/tasks/", console)
    response = page.goto(f"{live_server.url}/rectification/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_test_id("error-page")).to_contain_text("页面不存在")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert icon is not None and page.request.get(live_server.url + icon).status == 200
    page.get_by_test_id("error-back").click()  # our static script: one page back
    expect(page).to_have_url(f"{live_server.url}/rectification/tasks/")
    page.goto(f"{live_server.url}/no-such-page/")
    page.get_by_test_id("error-home").click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert _violations(page, console) == []
