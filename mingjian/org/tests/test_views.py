from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.org.models import Role, User
from mingjian.org.tests.factories import PASSWORD, user_with_role


def _login(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_lands_on_home_with_unit_and_roles(client: Client, org: Any) -> None:
    response = _login(client, "liaison")
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "测试市民政局" in page
    assert "单位联络员" in page
    assert 'data-testid="watermark"' in page
    assert AuditEvent.objects.filter(action="auth.login", actor=org.liaison).exists()


def test_wrong_password_is_a_chinese_error_and_audited(client: Client, org: Any) -> None:
    response = _login(client, "liaison", "wrong")
    assert "用户名或密码错误" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.login_failed", data__username="liaison").exists()


def test_repeated_failures_lock_the_account(client: Client, org: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "liaison", "wrong")
    response = _login(client, "liaison")  # even the right password is refused while locked
    assert "锁定" in response.content.decode()
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="auth.locked", target_id=str(org.liaison.pk)).exists()


def test_security_admin_unlocks(client: Client, org: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 1
    _login(client, "liaison", "wrong")
    client.force_login(org.secadmin)
    client.post(reverse("org:user-unlock", args=[org.liaison.pk]))
    client.logout()
    assert _login(client, "liaison").status_code == 302


def test_watermark_can_be_switched_off(client: Client, org: Any, settings: Any) -> None:
    settings.MINGJIAN_WATERMARK = False
    client.force_login(org.liaison)
    assert 'data-testid="watermark"' not in client.get(reverse("home")).content.decode()


def test_anonymous_is_sent_to_login(client: Client, db: Any) -> None:
    response = client.get(reverse("org:unit-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_logout_needs_post_and_is_audited(client: Client, org: Any) -> None:
    client.force_login(org.liaison)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", actor=org.liaison).exists()


def test_open_redirect_after_login_is_refused(client: Client, org: Any) -> None:
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": "liaison", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_unit_list_only_lists_visible_units(client: Client, org: Any) -> None:
    client.force_login(org.liaison)
    page = client.get(reverse("org:unit-list")).content.decode()
    assert "测试市民政局" in page
    assert "测试市财政局" not in page


def test_system_admin_creates_user_with_policy(client: Client, org: Any) -> None:
    client.force_login(org.sysadmin)
    data = {"username": "newbie", "full_name": "新人", "unit": org.bureau_a.pk, "password": "short"}
    response = client.post(reverse("org:user-create"), data)
    assert "密码" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()
    data["password"] = "Str0ng-Passw0rd"
    assert client.post(reverse("org:user-create"), data).status_code == 302
    assert User.objects.get(username="newbie").check_password("Str0ng-Passw0rd")


def test_demo_password_is_refused_as_a_real_password(client: Client, org: Any, settings: Any) -> None:
    client.force_login(org.liaison)
    response = client.post(
        reverse("password-change"),
        {
            "old_password": PASSWORD,
            "password": settings.MINGJIAN_DEMO_PASSWORD,
            "password2": settings.MINGJIAN_DEMO_PASSWORD,
        },
    )
    assert "演示密码" in response.content.decode()


def test_change_password_clears_demo_flag(client: Client, org: Any) -> None:
    User.objects.filter(pk=org.liaison.pk).update(has_demo_password=True)
    client.force_login(org.liaison)
    response = client.post(
        reverse("password-change"),
        {"old_password": PASSWORD, "password": "N3w-Passw0rd!", "password2": "N3w-Passw0rd!"},
    )
    assert response.status_code == 302
    org.liaison.refresh_from_db()
    assert not org.liaison.has_demo_password


@pytest.mark.parametrize("name", ["org:user-list", "org:user-create"])
def test_user_admin_pages_are_admin_only(client: Client, org: Any, name: str) -> None:
    client.force_login(org.inspector)
    assert client.get(reverse(name)).status_code == 404
    client.force_login(org.sysadmin)
    assert client.get(reverse(name)).status_code == 200


def test_unit_page_names_only_visible_supervised_units_and_ancestors(client: Client, org: Any) -> None:
    """The 派驻组's own clerk sees the group's page, not the bureau it supervises nor the city."""
    clerk = user_with_role(Role.UNIT_LIAISON, org.group, username="group-clerk")
    client.force_login(clerk)
    page = client.get(reverse("org:unit-detail", args=[org.group.pk])).content.decode()
    assert org.group.name in page
    assert "测试市民政局" not in page
    assert org.city.name not in page
    client.force_login(org.stationed)  # the group itself sees what it supervises
    assert "测试市民政局" in client.get(reverse("org:unit-detail", args=[org.group.pk])).content.decode()
