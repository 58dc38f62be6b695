"""The unit's formal reply to a 建议书: studied at a 党委（党组）会, drafted by its liaison and
submitted by its 主要负责人 (or a leader authorised by them), with attachments checked by content."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mingjian.org.models import Unit

from .recommendation import Recommendation


class RecommendationReply(models.Model):
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField("回复内容")
    meeting_date = models.DateField("党委（党组）会研究日期", null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)

    class Meta:
        verbose_name = "建议书回复"
        verbose_name_plural = "建议书回复"

    def __str__(self) -> str:
        return f"{self.recommendation}·回复"

    @property
    def is_submitted(self) -> bool:
        return self.replied_at is not None


def reply_upload_path(instance: ReplyAttachment, filename: str) -> str:
    # Stored under the content hash: a file is never overwritten, and names from users never
    # reach the file system.
    return f"replies/{instance.sha256[:2]}/{instance.sha256}"


class ReplyAttachment(models.Model):
    reply = models.ForeignKey(RecommendationReply, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=reply_upload_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "回复附件"
        verbose_name_plural = "回复附件"

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.reply.recommendation.unit
