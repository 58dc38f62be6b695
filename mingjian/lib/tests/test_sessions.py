"""The sliding idle timeout: expiry after SESSION_IDLE_MINUTES idle, at most one session write a minute."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mingjian.org.tests.factories import PASSWORD

T0 = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)


def _session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def _signed_in(client: Client) -> Client:
    response = client.post(reverse("login"), {"username": "liaison", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _home_status(client: Client) -> int:
    return client.get(reverse("home")).status_code


@pytest.fixture
def traveller() -> Any:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def test_session_ends_after_the_idle_minutes(client: Client, org: Any, settings: Any, traveller: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # SESSION_IDLE_MINUTES defaults to 30
    _signed_in(client)
    traveller.shift(datetime.timedelta(minutes=29, seconds=59))
    assert _home_status(client) == 200
    traveller.shift(datetime.timedelta(minutes=30, seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client: Client, org: Any, traveller: Any) -> None:
    _signed_in(client)
    for _ in range(12):  # two hours of a request every ten minutes
        traveller.shift(datetime.timedelta(minutes=10))
        assert _home_status(client) == 200


def test_idle_end_is_never_later_than_the_idle_minutes(client: Client, org: Any, traveller: Any) -> None:
    """A request just under a minute after a renewal writes nothing, so the session ends 30
    minutes after the renewal, not after that last request: early by under a minute, never late."""
    _signed_in(client)
    traveller.shift(datetime.timedelta(seconds=59))
    assert _home_status(client) == 200
    traveller.shift(datetime.timedelta(minutes=29, seconds=2))  # 30:01 after the renewal
    assert client.get(reverse("home")).status_code == 302


def test_requests_within_a_minute_do_not_write_the_session(client: Client, org: Any, traveller: Any) -> None:
    _signed_in(client)
    expiry = Session.objects.get().expire_date
    for _ in range(5):
        traveller.shift(datetime.timedelta(seconds=10))
        with CaptureQueriesContext(connection) as queries:
            assert _home_status(client) == 200
        assert _session_writes(queries) == []
    assert Session.objects.get().expire_date == expiry


def test_a_request_a_minute_after_the_renewal_writes_once(client: Client, org: Any, traveller: Any) -> None:
    _signed_in(client)
    before = Session.objects.get().expire_date
    traveller.shift(datetime.timedelta(seconds=60))
    with CaptureQueriesContext(connection) as queries:
        assert _home_status(client) == 200
    assert len(_session_writes(queries)) == 1
    assert Session.objects.get().expire_date == before + datetime.timedelta(seconds=60)


def test_anonymous_requests_create_no_session(client: Client, db: Any) -> None:
    client.get(reverse("login"))
    client.get(reverse("home"))
    assert Session.objects.count() == 0


def test_logout_is_not_undone_by_the_renewal(client: Client, org: Any, traveller: Any) -> None:
    _signed_in(client)
    traveller.shift(datetime.timedelta(minutes=5))  # the renewal is due on the logout request
    client.post(reverse("logout"))
    assert Session.objects.count() == 0
    assert client.get(reverse("home")).status_code == 302


def test_a_session_saved_elsewhere_is_not_written_again_within_the_minute(
    client: Client, org: Any, traveller: Any
) -> None:
    client.force_login(org.liaison)  # saved without passing through the middleware
    traveller.shift(datetime.timedelta(seconds=30))
    with CaptureQueriesContext(connection) as queries:
        assert _home_status(client) == 200
    assert _session_writes(queries) == []
