"""案件剖析: why the case happened, in five dimensions, each an itemised list.

廉政风险点 (IntegrityRisk) and 制度漏洞 (SystemLoophole) are records of their own, because
regulations, risk registers and later cases link to them; the other three dimensions are
CauseItem rows."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.workflow.services import actors

from .case import Case


class AnalysisQuerySet(UnitScopedQuerySet["CaseAnalysis"]):
    # An analysis belongs to its case's unit; only that scope (and its supervisors) reads it,
    # whatever the case's publicity.
    unit_field = "case__unit"


class CaseAnalysis(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已审定"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.DRAFT}),
        Status.APPROVED: frozenset({Status.DRAFT}),
    }

    case = models.OneToOneField(Case, verbose_name="案例", on_delete=models.CASCADE, related_name="analysis")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField("剖析结论", blank=True)
    extend_to_units = models.ManyToManyField(
        Unit,
        verbose_name="类案延伸单位",
        blank=True,
        related_name="+",
        help_text="同领域中应对照自查、举一反三的单位",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)

    objects = AnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = "案件剖析"
        verbose_name_plural = "案件剖析"

    def __str__(self) -> str:
        return f"{self.case.title}·案件剖析"

    def get_absolute_url(self) -> str:
        return reverse("cases:analysis-edit", args=[self.case_id])

    @property
    def unit(self) -> Unit:
        return self.case.unit

    def participants(self) -> set[int]:
        """Who wrote it — its author, anyone who saved an edit, whoever submitted it: never its
        approver."""
        found = {self.author_id} if self.author_id else set()
        return (
            found | editors(self, "cases.analysis.created", "cases.analysis.updated") | actors(self, "submit")
        )


class CauseItem(models.Model):
    class Dimension(models.TextChoices):
        IDEOLOGY = "ideology", "思想根源"
        SUPERVISION = "supervision", "监督缺位"
        MAIN_RESPONSIBILITY = "main_responsibility", "主体责任落实"
        SUPERVISORY_RESPONSIBILITY = "supervisory_responsibility", "监督责任落实"

    analysis = models.ForeignKey(CaseAnalysis, on_delete=models.CASCADE, related_name="causes")
    dimension = models.CharField("维度", max_length=30, choices=Dimension.choices)
    text = models.CharField("内容", max_length=500)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "原因分析条目"
        verbose_name_plural = "原因分析条目"
        ordering: ClassVar = ["dimension", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text


class IntegrityRisk(models.Model):
    """廉政风险点: where power was misused, named by post or power item."""

    class Level(models.TextChoices):
        HIGH = "high", "高"
        MEDIUM = "medium", "中"
        LOW = "low", "低"

    analysis = models.ForeignKey(CaseAnalysis, on_delete=models.CASCADE, related_name="risks")
    post = models.CharField("岗位或权力事项", max_length=100, blank=True)
    description = models.CharField("风险描述", max_length=500)
    level = models.CharField("风险等级", max_length=10, choices=Level.choices, default=Level.MEDIUM)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "廉政风险点"
        verbose_name_plural = "廉政风险点"
        ordering: ClassVar = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.post}：{self.description}" if self.post else self.description


class SystemLoophole(models.Model):
    """制度漏洞: a rule missing, outdated, or not enforced."""

    analysis = models.ForeignKey(CaseAnalysis, on_delete=models.CASCADE, related_name="loopholes")
    regulation = models.CharField(
        "涉及制度", max_length=200, blank=True, help_text="现行制度名称；缺失则留空"
    )
    description = models.CharField("漏洞描述", max_length=500)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "制度漏洞"
        verbose_name_plural = "制度漏洞"
        ordering: ClassVar = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.regulation}：{self.description}" if self.regulation else self.description
