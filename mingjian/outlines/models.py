"""讲话/方案提纲: a speech or 工作方案 kept with the heading tree the parser found in it.

An Outline belongs to the body that recorded it (the issuer of the work it is broken into) and
is visible like every unit-owned record. Its nodes are the headings in text order; a node ticked
as a 部署 (a piece of work) becomes one problem with one task through the rectification engine,
and keeps the link (node.task, task.outline_node) so either side shows the other — or a phase
of a 专项行动 (node.phase).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet


class Outline(TimeStampedModel):
    unit = models.ForeignKey(Unit, verbose_name="录入单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=300, blank=True)
    source_text = models.TextField("原文")
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "讲话/方案提纲"
        verbose_name_plural = "讲话/方案提纲"
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or f"未命名讲话/方案（{self.pk}）"

    def get_absolute_url(self) -> str:
        return reverse("outlines:outline-detail", args=[self.pk])


class OutlineNodeQuerySet(UnitScopedQuerySet["OutlineNode"]):
    unit_field = "outline__unit"


class OutlineNode(models.Model):
    outline = models.ForeignKey(Outline, verbose_name="提纲", on_delete=models.CASCADE, related_name="nodes")
    order = models.PositiveIntegerField("顺序")
    level = models.PositiveSmallIntegerField("层级")
    marker = models.CharField("序号", max_length=20)
    heading = models.TextField("标题")
    task = models.OneToOneField(
        "rectification.Task",
        verbose_name="整改任务",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outline_node",
    )
    # Or the node became a phase of a 专项行动 (the speech or 方案 announcing it).
    phase = models.OneToOneField(
        "rectification.CampaignPhase",
        verbose_name="专项行动阶段",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outline_node",
    )

    objects = OutlineNodeQuerySet.as_manager()

    class Meta:
        verbose_name = "提纲节点"
        verbose_name_plural = "提纲节点"
        ordering: ClassVar = ["outline", "order"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["outline", "order"], name="outline_node_order"),
        ]

    def __str__(self) -> str:
        return f"{self.marker}{self.heading}"
