from __future__ import annotations

import logging
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from mingjian.notifications import services
from mingjian.notifications.models import Notification
from mingjian.notifications.services import mark_all_read, mark_read, notify


@pytest.fixture
def smtp(settings: Any, org: Any) -> Any:
    settings.EMAIL_HOST = "smtp.example.org"
    org.liaison.email = "liaison@example.org"
    org.liaison.save(update_fields=["email"])
    return settings


def test_same_key_creates_one(org: Any) -> None:
    assert notify(org.liaison, key="task:1:red:2026-05-01", title="整改任务即将到期", kind="reminder")
    assert not notify(org.liaison, key="task:1:red:2026-05-01", title="整改任务即将到期", kind="reminder")
    assert Notification.objects.filter(recipient=org.liaison).count() == 1


def test_same_key_for_another_recipient_is_separate(org: Any) -> None:
    assert notify(org.liaison, key="k", title="甲")
    assert notify(org.outsider, key="k", title="甲")
    assert Notification.objects.count() == 2


def test_lost_race_is_tolerated_inside_the_callers_transaction(org: Any) -> None:
    """A concurrent sender inserted between our check and our insert: the unique constraint
    refuses ours, the savepoint absorbs it and the caller's transaction goes on."""
    notify(org.liaison, key="k", title="甲")
    with transaction.atomic(), mock.patch.object(QuerySet, "exists", side_effect=[False, True]):
        assert notify(org.liaison, key="k", title="甲") is False
    assert Notification.objects.filter(recipient=org.liaison, key="k").count() == 1


def test_inactive_recipient_gets_nothing(org: Any) -> None:
    org.liaison.is_active = False
    org.liaison.save(update_fields=["is_active"])
    assert notify(org.liaison, key="k", title="甲") is False
    assert not Notification.objects.exists()


def test_unknown_kind_and_empty_key_are_refused(org: Any) -> None:
    with pytest.raises(ValueError, match="kind"):
        notify(org.liaison, key="k", title="甲", kind="shout")
    with pytest.raises(ValueError, match="key"):
        notify(org.liaison, key="", title="甲")


def test_email_sent_once_after_commit(
    smtp: Any, org: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(org.liaison, key="k", title="整改任务已逾期", url="/tasks/1/", body="请尽快办理。")
        notify(org.liaison, key="k", title="整改任务已逾期", url="/tasks/1/", body="请尽快办理。")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "【明鉴】整改任务已逾期"
    assert mail.to == ["liaison@example.org"]
    assert "请尽快办理。" in mail.body
    assert "/tasks/1/" in mail.body
    assert Notification.objects.get().emailed_at is not None
    # Running the job again (a retry) never mails twice.
    assert services.send_email(Notification.objects.get().pk) is False
    assert len(mailoutbox) == 1


def test_no_email_before_commit_or_after_rollback(
    smtp: Any, org: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(org.liaison, key="k", title="甲")
                assert mailoutbox == []
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_no_email_without_smtp(
    settings: Any, org: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_HOST = ""
    org.liaison.email = "liaison@example.org"
    org.liaison.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify(org.liaison, key="k", title="甲")
    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.get().emailed_at is None


def test_no_email_for_recipient_without_address(
    settings: Any, org: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_HOST = "smtp.example.org"
    org.liaison.email = ""
    org.liaison.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(org.liaison, key="k", title="甲")
    assert mailoutbox == []


def test_email_failure_is_logged_not_raised(
    smtp: Any, org: Any, caplog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        mock.patch.object(services, "send_mail", side_effect=OSError("connection refused")),
        caplog.at_level(logging.ERROR, logger="mingjian.notifications.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notify(org.liaison, key="k", title="甲")
    assert "e-mail" in caplog.text
    # The claim is released, so a later retry may still send it.
    assert Notification.objects.get().emailed_at is None


def test_mark_read_only_by_recipient(org: Any) -> None:
    notify(org.liaison, key="k", title="甲")
    notification = Notification.objects.get()
    with pytest.raises(PermissionDenied):
        mark_read(notification, by=org.outsider)
    mark_read(notification, by=org.liaison)
    notification.refresh_from_db()
    assert notification.read_at is not None
    first = notification.read_at
    mark_read(notification, by=org.liaison)
    notification.refresh_from_db()
    assert notification.read_at == first


def test_mark_all_read_touches_own_unread_only(org: Any) -> None:
    for i in range(3):
        notify(org.liaison, key=f"k{i}", title="甲")
    notify(org.outsider, key="k0", title="乙")
    mark_read(Notification.objects.filter(recipient=org.liaison).first(), by=org.liaison)  # type: ignore[arg-type]
    assert mark_all_read(org.liaison) == 2
    assert not Notification.objects.filter(recipient=org.liaison).unread().exists()
    assert Notification.objects.filter(recipient=org.outsider).unread().count() == 1
