"""In-app messages to one person: reminders, escalations, workflow outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """A notification belongs to its recipient alone."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)

    def unread_first(self) -> Self:
        is_read = models.Case(models.When(read_at__isnull=True, then=0), default=1)
        return self.order_by(is_read, "-created_at", "-id")


class Notification(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", "到期提醒"
        ESCALATION = "escalation", "升级督办"
        OVERDUE = "overdue", "逾期预警"
        RETURNED = "returned", "退回"
        ACCEPTED = "accepted", "验收通过"
        INFO = "info", "通知"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.INFO)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    # The sender's idempotency key, e.g. "task:12:red:2026-05-01": one notification per key.
    key = models.CharField("去重键", max_length=200)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "消息通知"
        verbose_name_plural = "消息通知"
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")
        ]
        indexes: ClassVar = [models.Index(fields=["recipient", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
