"""Status history shared by every workflow (analyses, recommendations, rectification tasks)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class StatusChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=30)
    to_status = models.CharField("新状态", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        ordering: ClassVar = ["created_at", "id"]
        indexes: ClassVar = [models.Index(fields=["content_type", "object_id"], name="workflow_target")]

    def __str__(self) -> str:
        return f"{self.from_label}→{self.to_label}"

    def _label(self, value: str) -> str:
        model = self.content_type.model_class()
        field = model._meta.get_field("status") if model else None
        choices = dict(getattr(field, "choices", None) or [])
        return str(choices.get(value, value))

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)
