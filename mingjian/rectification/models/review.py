"""回头看: months after 销号, a sample of closed tasks is checked again — 巩固 or 反弹."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet

from .problem import Campaign
from .task import Task


class FollowUpReview(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "待开展"
        DONE = "done", "已完成"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {Status.SCHEDULED: frozenset({Status.DONE})}

    unit = models.ForeignKey(Unit, verbose_name="回头看单位", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(Unit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="专项行动/专项治理",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    scheduled_for = models.DateField("计划时间")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    tasks = models.ManyToManyField(Task, verbose_name="抽查任务", blank=True, related_name="reviews")
    conducted_on = models.DateField("开展日期", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="检查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField("总体情况", blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "回头看"
        verbose_name_plural = "回头看"
        ordering: ClassVar = ["scheduled_for", "id"]

    def __str__(self) -> str:
        return f"{self.unit}回头看（{self.scheduled_for:%Y-%m}）"

    def get_absolute_url(self) -> str:
        return reverse("rectification:review-detail", args=[self.pk])


class ReviewFinding(models.Model):
    class Result(models.TextChoices):
        CONSOLIDATED = "consolidated", "巩固"
        REBOUND = "rebound", "反弹"

    review = models.ForeignKey(FollowUpReview, on_delete=models.CASCADE, related_name="findings")
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.PROTECT, related_name="findings")
    result = models.CharField("结论", max_length=20, choices=Result.choices)
    finding = models.TextField("检查发现", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "回头看结论"
        verbose_name_plural = "回头看结论"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["review", "task"], name="finding_once_per_review"),
        ]

    def __str__(self) -> str:
        return f"{self.task}：{self.get_result_display()}"
