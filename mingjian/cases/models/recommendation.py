"""纪检监察建议书: drafted from an analysis, numbered on issue, served, replied to, implemented.

draft -issue-> issued -reply-> replied -implement-> implementing -complete-> done
Overdue is derived: issued, not replied, and the reply deadline has passed."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet

from .analysis import CaseAnalysis
from .case import Case

DEFAULT_REPLY_DAYS = 30
DEFAULT_REQUIREMENTS = (
    "请你单位认真研究落实本建议，自收到之日起{days}日内将采纳情况和整改落实情况书面回复{us}。"
    "对本建议有异议的，可在收到之日起15日内书面提出，异议期间不停止执行。"
    "无正当理由拒不采纳的，将依规依纪依法追究相关人员责任。"
)


class RecommendationQuerySet(UnitScopedQuerySet["Recommendation"]):
    def overdue(self, today: date) -> Self:
        return self.filter(status=Recommendation.Status.ISSUED, reply_due__lt=today)

    def awaiting_reply(self) -> Self:
        return self.filter(status=Recommendation.Status.ISSUED)


class Recommendation(TimeStampedModel):
    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", "纪律检查建议"
        SUPERVISION = "supervision", "监察建议"
        COMBINED = "combined", "纪检监察建议"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已送达"
        REPLIED = "replied", "已回复"
        IMPLEMENTING = "implementing", "落实中"
        DONE = "done", "已办结"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.ISSUED}),
        Status.ISSUED: frozenset({Status.REPLIED}),
        Status.REPLIED: frozenset({Status.IMPLEMENTING}),
        Status.IMPLEMENTING: frozenset({Status.DONE}),
    }

    case = models.ForeignKey(
        Case,
        verbose_name="案例",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    analysis = models.ForeignKey(
        CaseAnalysis,
        verbose_name="案件剖析",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="主送单位", on_delete=models.PROTECT, related_name="recommendations"
    )
    issuer = models.ForeignKey(Unit, verbose_name="发文机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("建议类型", max_length=20, choices=Kind.choices, default=Kind.COMBINED)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("发文字号", max_length=50, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    facts = models.TextField("问题来源及事实")
    problems = models.TextField("存在的问题", blank=True)
    causes = models.TextField("原因分析", blank=True)
    requirements = models.TextField("回复及异议要求", blank=True)
    reply_days = models.PositiveSmallIntegerField("回复期限（日）", default=DEFAULT_REPLY_DAYS)
    cc_units = models.CharField("抄送", max_length=200, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    served_to = models.CharField("签收人", max_length=50, blank=True)
    reply_due = models.DateField("回复截止日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "纪检监察建议书"
        verbose_name_plural = "纪检监察建议书"
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["issuer", "year", "seq"], name="rec_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:recommendation-detail", args=[self.pk])

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.ISSUED and self.reply_due is not None and self.reply_due < today

    def requirements_text(self) -> str:
        us = "我组" if self.issuer.kind == Unit.Kind.STATIONED else "我委"
        return self.requirements or DEFAULT_REQUIREMENTS.format(days=self.reply_days, us=us)


class RecommendationItem(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    text = models.TextField("建议内容")

    class Meta:
        verbose_name = "建议事项"
        verbose_name_plural = "建议事项"
        ordering: ClassVar = ["seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["recommendation", "seq"], name="rec_item_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.text[:30]}"


class DocumentSequence(models.Model):
    """The last number used per issuing body and year; locked while a number is taken."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "发文序号"
        verbose_name_plural = "发文序号"
        constraints: ClassVar = [models.UniqueConstraint(fields=["issuer", "year"], name="docseq_unique")]

    def __str__(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.last}"


class RecommendationReply(models.Model):
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField("回复内容")
    adopted = models.BooleanField("采纳建议", default=True)
    objection = models.TextField("异议及理由", blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="回复人", on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField("回复时间", auto_now_add=True)

    class Meta:
        verbose_name = "建议书回复"
        verbose_name_plural = "建议书回复"

    def __str__(self) -> str:
        return f"{self.recommendation}·回复"


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
