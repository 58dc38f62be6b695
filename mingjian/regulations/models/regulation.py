"""建章立制: the rules a unit makes, revises, abolishes or clears up to close the 制度漏洞 its cases
exposed — each with its 文号, dates, file versions (never overwritten) and the earlier rule it
revises.

drafting -consult-> consulting -review-> reviewing -issue-> in_force -repeal-> repealed
    |                                       ^  |
    +---------------- review ---------------+  +- return -> drafting

A 修订 or 废止 that goes into force repeals the rule it names (same transaction). A regulation
links to the loopholes (SystemLoophole, from an analysis) and the problems it closes; a loophole
is 已堵塞 once a linked regulation is in force.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.cases.models import SystemLoophole
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.rectification.models import Problem
from mingjian.workflow.services import actors

DEFAULT_CHECK_MONTHS = 6
DEFAULT_REVIEW_MONTHS = 12
MAX_MONTHS = 36


class RegulationQuerySet(UnitScopedQuerySet["Regulation"]):
    def in_force(self) -> Self:
        return self.filter(status=Regulation.Status.IN_FORCE)


class Regulation(TimeStampedModel):
    class Kind(models.TextChoices):
        NEW = "new", "新制定"
        REVISED = "revised", "修订"
        REPEALING = "repealing", "废止"
        CLEANUP = "cleanup", "清理"

    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草"
        CONSULTING = "consulting", "征求意见"
        REVIEWING = "reviewing", "审议"
        IN_FORCE = "in_force", "印发施行"
        REPEALED = "repealed", "废止"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        # 征求意见 may be skipped for a rule that needs none (an internal 科室 procedure).
        Status.DRAFTING: frozenset({Status.CONSULTING, Status.REVIEWING}),
        Status.CONSULTING: frozenset({Status.REVIEWING}),
        Status.REVIEWING: frozenset({Status.IN_FORCE, Status.DRAFTING}),
        Status.IN_FORCE: frozenset({Status.REPEALED}),
    }
    # Kinds that name the rule they act on.
    NEEDS_TARGET = frozenset({Kind.REVISED, Kind.REPEALING})

    unit = models.ForeignKey(Unit, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=200)
    number = models.CharField("文号", max_length=100, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.NEW)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFTING)
    summary = models.TextField(
        "主要内容",
        blank=True,
        help_text="堵塞漏洞的关键条款，如“第十二条 经办人员近亲属申请低保须备案并回避”",
    )
    revises = models.ForeignKey(
        "self",
        verbose_name="修订（废止）的制度",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    issued_on = models.DateField("印发日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    loopholes = models.ManyToManyField(
        SystemLoophole, verbose_name="堵塞的制度漏洞", blank=True, related_name="regulations"
    )
    problems = models.ManyToManyField(
        Problem, verbose_name="解决的问题", blank=True, related_name="regulations"
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="印发登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = RegulationQuerySet.as_manager()

    class Meta:
        verbose_name = "制度"
        verbose_name_plural = "建章立制"
        ordering: ClassVar = ["-effective_on", "-id"]
        indexes: ClassVar = [models.Index(fields=["status", "effective_on"], name="regulation_status")]

    def __str__(self) -> str:
        return f"《{self.title.strip('《》')}》"

    def get_absolute_url(self) -> str:
        return reverse("regulations:regulation-detail", args=[self.pk])

    @property
    def label(self) -> str:
        """《名称》（文号）: how a 纪委 office names a rule."""
        return f"{self}（{self.number}）" if self.number else str(self)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFTING, self.Status.CONSULTING, self.Status.REVIEWING)

    def in_force_on(self, day: date) -> bool:
        return self.status == self.Status.IN_FORCE and (self.effective_on is None or self.effective_on <= day)

    def participants(self) -> set[int]:
        """Who wrote it — the drafter, anyone who saved an edit or sent it on: never the person
        who records it as issued, nor its execution checker."""
        found = {self.drafted_by_id} if self.drafted_by_id else set()
        found |= editors(self, "regulations.regulation.created", "regulations.regulation.updated")
        return found | actors(self, "consult", "review")


def version_path(instance: RegulationVersion, filename: str) -> str:
    # Content-addressed like 整改 evidence: the same bytes are stored once, never overwritten.
    return f"regulations/{instance.sha256[:2]}/{instance.sha256}"


class RegulationVersion(models.Model):
    """One version of the regulation's text (征求意见稿, 审议稿, 印发稿 …); a new upload adds a
    version, the earlier ones stay downloadable."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField("版本")
    name = models.CharField("名称", max_length=200)
    note = models.CharField("说明", max_length=200, blank=True, help_text="如：征求意见稿、印发稿")
    file = models.FileField("文件", upload_to=version_path, max_length=200)
    size = models.PositiveIntegerField("大小", default=0)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "制度文本"
        verbose_name_plural = "制度文本"
        ordering: ClassVar = ["-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["regulation", "version"], name="regulation_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def unit(self) -> Unit:
        return self.regulation.unit


class RegulationPolicy(models.Model):
    """Per 纪检监察 body: how long after 施行 its 制度执行检查 comes, and how often 回头看 follows."""

    issuer = models.OneToOneField(Unit, verbose_name="检查单位", on_delete=models.CASCADE, related_name="+")
    check_months = models.PositiveSmallIntegerField("施行后执行检查（月）", default=DEFAULT_CHECK_MONTHS)
    review_months = models.PositiveSmallIntegerField("制度回头看周期（月）", default=DEFAULT_REVIEW_MONTHS)

    class Meta:
        verbose_name = "建章立制设置"
        verbose_name_plural = "建章立制设置"

    def __str__(self) -> str:
        return f"{self.issuer}·建章立制设置"

    @classmethod
    def for_issuer(cls, issuer: Unit | None) -> RegulationPolicy:
        found = cls.objects.filter(issuer=issuer).first() if issuer is not None else None
        return found or cls(issuer=issuer)
