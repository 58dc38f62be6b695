"""API tokens die: they expire, a new sign-in replaces them, sign-out and every account event
that should end access (password change or reset, lock, deactivation) revoke them; and one
address guessing across many accounts is throttled on the page and the API alike."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import PASSWORD

T0 = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
NEW_PASSWORD = "N3w-Passw0rd!"


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()  # DRF's per-minute throttle on the token endpoint counts in the cache


def _sign_in(username: str = "liaison", password: str = PASSWORD, ip: str = "10.0.0.1") -> Any:
    return APIClient(REMOTE_ADDR=ip).post(
        "/api/auth/token/", {"username": username, "password": password}, format="json"
    )


def _key(username: str = "liaison") -> str:
    response = _sign_in(username)
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def _me(key: str) -> Any:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/me/")


def test_the_default_lifetime_is_one_working_day(settings: Any) -> None:
    assert settings.API_TOKEN_HOURS == 8


def test_a_token_expires_after_its_lifetime(org: Any, settings: Any) -> None:
    settings.API_TOKEN_HOURS = 8
    with time_machine.travel(T0, tick=False):
        response = _sign_in()
        key = response.json()["token"]
        assert response.json()["expires_at"].startswith("2026-11-20T")
    with time_machine.travel(T0 + datetime.timedelta(hours=7, minutes=59), tick=False):
        assert _me(key).status_code == 200
    with time_machine.travel(T0 + datetime.timedelta(hours=8), tick=False):
        expired = _me(key)
        assert expired.status_code == 401
        assert "令牌已过期" in expired.json()["detail"]
    assert not Token.objects.filter(key=key).exists()


def test_each_sign_in_gives_a_new_token_and_ends_the_old(org: Any) -> None:
    first, second = _key(), _key()
    assert first != second
    assert _me(first).status_code == 401
    assert _me(second).status_code == 200


def test_logout_revokes_the_token(org: Any) -> None:
    key = _key()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post("/api/auth/logout/").status_code == 204
    assert _me(key).status_code == 401
    event = AuditEvent.objects.get(action="auth.token_revoked")
    assert (event.actor, event.data["reason"]) == (org.liaison, "logout")
    assert APIClient().post("/api/auth/logout/").status_code == 401


def test_changing_the_password_revokes_the_token(client: Client, org: Any) -> None:
    key = _key()
    client.force_login(org.liaison)
    client.post(
        reverse("password-change"),
        {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert _me(key).status_code == 401
    assert AuditEvent.objects.get(action="auth.token_revoked").data["reason"] == "password_changed"


def test_a_reset_by_the_security_admin_revokes_the_token(client: Client, org: Any) -> None:
    key = _key()
    client.force_login(org.secadmin)
    client.post(
        reverse("org:user-reset-password", args=[org.liaison.pk]),
        {"password": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert _me(key).status_code == 401
    event = AuditEvent.objects.get(action="auth.token_revoked")
    assert (event.actor, event.data["reason"]) == (org.secadmin, "password_reset")


def test_deactivation_revokes_the_token(client: Client, org: Any) -> None:
    key = _key()
    client.force_login(org.sysadmin)
    client.post(reverse("org:user-set-active", args=[org.liaison.pk]), {"active": "0"})
    assert not Token.objects.filter(user=org.liaison).exists()
    assert _me(key).status_code == 401


def test_a_lock_revokes_the_token(org: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    key = _key()
    for _ in range(3):
        _sign_in(password="wrong")
    assert _me(key).status_code == 401
    event = AuditEvent.objects.get(action="auth.token_revoked")
    assert (event.actor, event.actor_label, event.data["reason"]) == (None, "系统", "locked")


def test_a_locked_accounts_token_is_refused(org: Any) -> None:
    """Even one issued while an old lock was lifted by hand in the database."""
    key = _key()
    type(org.liaison).objects.filter(pk=org.liaison.pk).update(
        locked_until=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=5)
    )
    assert "锁定" in _me(key).json()["detail"]


# ---- per-address throttle -------------------------------------------------------------------


@pytest.fixture
def few(settings: Any) -> None:
    settings.LOGIN_ADDRESS_MAX_FAILURES = 3
    settings.LOGIN_MAX_FAILURES = 100  # the per-account lock stays out of the way


@pytest.mark.usefixtures("few")
def test_one_address_guessing_many_accounts_is_throttled_on_the_page(client: Client, org: Any) -> None:
    page = Client(REMOTE_ADDR="10.0.0.9")
    for name in ("outsider", "child", "nobody"):
        page.post(reverse("login"), {"username": name, "password": "guess"})
    refused = page.post(reverse("login"), {"username": "liaison", "password": PASSWORD})
    assert refused.status_code == 200
    assert "此地址登录失败次数过多" in refused.content.decode()
    elsewhere = Client(REMOTE_ADDR="10.0.0.10")
    assert elsewhere.post(reverse("login"), {"username": "liaison", "password": PASSWORD}).status_code == 302
    assert AuditEvent.objects.filter(action="auth.login_failed", data__reason="address").exists()


@pytest.mark.usefixtures("few")
def test_the_same_throttle_guards_the_token_endpoint(org: Any) -> None:
    for name in ("outsider", "child", "nobody"):
        _sign_in(name, "guess", ip="10.0.0.9")
    refused = _sign_in("liaison", ip="10.0.0.9")
    assert refused.status_code == 400
    assert "此地址登录失败次数过多" in refused.json()["detail"]
    assert _sign_in("liaison", ip="10.0.0.10").status_code == 200


@pytest.mark.usefixtures("few")
def test_the_throttle_window_passes(org: Any, settings: Any) -> None:
    settings.LOGIN_ADDRESS_WINDOW_MINUTES = 15
    with time_machine.travel(T0, tick=False):
        for name in ("outsider", "child", "nobody"):
            _sign_in(name, "guess", ip="10.0.0.9")
        assert _sign_in("liaison", ip="10.0.0.9").status_code == 400
    with time_machine.travel(T0 + datetime.timedelta(minutes=16), tick=False):
        assert _sign_in("liaison", ip="10.0.0.9").status_code == 200
