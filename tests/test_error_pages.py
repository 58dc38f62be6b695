"""403/404/500 (and a refused CSRF token) answer in Chinese with a way back; the site has a favicon."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied, server_error

from mingjian.org.tests.factories import PASSWORD


def _way_back(page: str, *, home: str) -> None:
    assert 'data-testid="error-page"' in page
    assert "data-mj-back" in page and "返回上一页" in page
    assert f'href="{home}"' in page


def test_a_missing_page_answers_in_chinese_with_a_way_home(client: Client, org: Any) -> None:
    client.force_login(org.inspector)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "Not Found" not in page
    _way_back(page, home=reverse("home"))
    assert 'data-testid="user-menu"' in page  # the signed-in shell, menus included


def test_a_missing_page_offers_the_login_to_a_visitor(client: Client, db: Any) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _way_back(response.content.decode(), home=reverse("login"))


def test_a_refused_action_answers_in_chinese(org: Any) -> None:
    request = RequestFactory().get("/rectification/tasks/")
    request.user = org.liaison
    request.session = {}  # type: ignore[assignment]
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    page = response.content.decode()
    assert "无权进行此操作" in page and "403 Forbidden" not in page
    _way_back(page, home=reverse("home"))


def test_a_server_error_answers_in_chinese_without_touching_the_request(db: Any) -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "系统出错，本次操作未完成" in page and "Server Error" not in page
    _way_back(page, home=reverse("home"))
    assert "<script>" not in page and "style=" not in page  # the CSP forbids inline code


def test_a_stale_form_is_refused_in_chinese(org: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.login(username=org.inspector.username, password=PASSWORD)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期，本次提交未受理" in page and "CSRF" not in page
    _way_back(page, home=reverse("home"))


def test_every_page_names_the_favicon(client: Client, org: Any) -> None:
    assert finders.find("favicon.svg") is not None
    client.force_login(org.inspector)
    page = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in page and "favicon" in page
    assert 'rel="icon"' in client.get(reverse("login")).content.decode()
