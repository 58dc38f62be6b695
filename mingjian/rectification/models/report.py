"""Reports the unit owes, drafted from the task data (nothing typed twice) and submitted by it:
the 整改情况报告 that closes a 建议书, and for a 巡察 the 整改进展情况报告, the 主要负责人组织落实
情况报告 and the draft of the 整改进展情况公开."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.workflow.services import actors

from .problem import InspectionBatch


class RectificationReport(TimeStampedModel):
    class Kind(models.TextChoices):
        COMPLETION = "completion", "整改情况报告"
        PROGRESS = "progress", "整改进展情况报告"
        PRINCIPAL = "principal", "主要负责人组织落实情况报告"
        DISCLOSURE = "disclosure", "整改进展情况公开"

    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "已报送"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {Status.DRAFT: frozenset({Status.SUBMITTED})}

    kind = models.CharField("报告类型", max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Unit, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        "cases.Recommendation",
        verbose_name="纪检监察建议书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    inspection = models.ForeignKey(
        InspectionBatch,
        verbose_name="巡察反馈",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField("报告正文")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)

    objects = UnitScopedQuerySet["RectificationReport"].as_manager()

    class Meta:
        verbose_name = "整改报告"
        verbose_name_plural = "整改报告"
        ordering: ClassVar = ["kind", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["recommendation", "kind"], name="report_once_per_recommendation"),
            models.UniqueConstraint(fields=["inspection", "kind"], name="report_once_per_inspection"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}{self.get_kind_display()}"

    def participants(self) -> set[int]:
        return {u for u in (self.drafted_by_id, self.submitted_by_id) if u} | actors(self, "submit")
