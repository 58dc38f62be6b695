"""Sending and reading in-app notifications.

notify() is idempotent per (recipient, key): reminder jobs may run twice, overlap or retry and
the person still gets one message. When SMTP is configured (settings.EMAIL_HOST) the message is
also e-mailed, after the surrounding transaction commits, so a rolled-back change never mails.

    notify --> unread --mark_read / mark_all_read--> read
       \\--(SMTP set, recipient has e-mail, after commit)--> emailed_at
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from mingjian.notifications.models import Notification

if TYPE_CHECKING:
    from mingjian.org.models import User

logger = logging.getLogger(__name__)
SUBJECT_PREFIX = "【明鉴】"
_TITLE_MAX = Notification._meta.get_field("title").max_length or 200
_KEY_MAX = Notification._meta.get_field("key").max_length or 200


def notify(
    recipient: User, *, key: str, title: str, url: str = "", body: str = "", kind: str = "info"
) -> bool:
    """Create the notification unless this recipient already has one with `key`.

    Returns True only when this call created it. Inactive recipients get nothing.
    """
    if kind not in Notification.Kind.values:
        raise ValueError(f"unknown notification kind: {kind!r}")
    if not key or len(key) > _KEY_MAX:
        raise ValueError(f"notification key must be 1–{_KEY_MAX} characters")
    if not recipient.is_active:
        return False
    if Notification.objects.filter(recipient=recipient, key=key).exists():
        return False
    try:
        # The savepoint lets a concurrent sender's insert win without breaking our transaction.
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, key=key, title=title[:_TITLE_MAX], url=url, body=body, kind=kind
            )
    except IntegrityError:
        if Notification.objects.filter(recipient=recipient, key=key).exists():
            return False
        raise
    if settings.EMAIL_HOST and recipient.email:
        transaction.on_commit(partial(send_email, notification.pk), robust=True)
    return True


def _email_text(notification: Notification) -> str:
    lines = [notification.body] if notification.body else []
    if notification.url:
        site = getattr(settings, "MINGJIAN_SITE_URL", "").rstrip("/")
        lines.append(f"查看详情：{site}{notification.url}")
    return "\n\n".join(lines) or notification.title


def send_email(notification_id: int) -> bool:
    """E-mail one notification once; failures are logged, never raised."""
    # Claim first, so two callers never both send; release the claim if sending fails.
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        send_mail(
            SUBJECT_PREFIX + notification.title,
            _email_text(notification),
            None,
            [notification.recipient.email],
        )
    except Exception:
        logger.exception(
            "notification %s: e-mail to recipient %s failed", notification_id, notification.recipient_id
        )
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        return False
    return True


def mark_read(notification: Notification, *, by: User) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def mark_all_read(user: User) -> int:
    return Notification.objects.visible_to(user).unread().update(read_at=timezone.now())
