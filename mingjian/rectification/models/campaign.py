"""专项行动 / 专项治理 in phases: templates, a campaign's phases, its target units and the one task
per target unit and phase that the engine runs.

A template (built in, or a 纪委's own) lists phases as day ranges (第1–7天 动员部署 …); creating
a campaign from it copies them as dated phases, editable while the campaign is prepared. Each
target unit names its 责任领导 (a 班子成员 with an account, from rectification.permissions
.leaders_of) and 责任人 (from the 干部名册); launching gives it one task per phase (PhaseTask),
due at the phase's end. The unit × phase grid reads those tasks: 完成 (销号), 逾期, 进行中, 未开始.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Field, Unit, UnitScopedQuerySet, unit_scope_q
from mingjian.org.permissions import has_business_scope

from .problem import Campaign
from .task import Task

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class CampaignTemplateQuerySet(models.QuerySet["CampaignTemplate"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The built-in templates for every business user; a body's own templates within its scope."""
        if not has_business_scope(user):
            return self.none()
        return self.filter(Q(issuer__isnull=True) | unit_scope_q(user, prefix="issuer__"))


class CampaignTemplate(TimeStampedModel):
    """The shape of a 专项行动 / 专项治理: its phases as day ranges and its default 工作要求.
    Built-in templates (no issuer) ship with the product as reference data and are copied, not
    edited; a 纪委 keeps its own (issuer set), edited by its staff."""

    name = models.CharField("模板名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=Campaign.Kind.choices)
    field = models.CharField(
        "适用领域", max_length=30, choices=Field.choices, blank=True, help_text="留空表示各领域通用"
    )
    days = models.PositiveSmallIntegerField("时长（天）")
    description = models.TextField("工作要求", blank=True)
    issuer = models.ForeignKey(
        Unit,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空为系统内置模板",
    )
    is_active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CampaignTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "专项行动模板"
        verbose_name_plural = "专项行动模板"
        ordering: ClassVar = ["issuer_id", "kind", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.issuer_id is None


class TemplatePhase(models.Model):
    template = models.ForeignKey(CampaignTemplate, on_delete=models.CASCADE, related_name="phases")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("阶段", max_length=30)
    start_day = models.PositiveSmallIntegerField("开始（第几天）")
    end_day = models.PositiveSmallIntegerField("结束（第几天）")
    requirement = models.TextField("工作要求")

    class Meta:
        verbose_name = "模板阶段"
        verbose_name_plural = "模板阶段"
        ordering: ClassVar = ["template", "seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["template", "seq"], name="template_phase_seq"),
            models.CheckConstraint(
                condition=Q(start_day__gte=1) & Q(end_day__gte=models.F("start_day")),
                name="template_phase_days",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignPhase(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("阶段", max_length=30)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    requirement = models.TextField("工作要求")

    class Meta:
        verbose_name = "专项行动阶段"
        verbose_name_plural = "专项行动阶段"
        ordering: ClassVar = ["campaign", "seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["campaign", "seq"], name="campaign_phase_seq"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="campaign_phase_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def started(self, today: date) -> bool:
        return self.start_date <= today


class CampaignTarget(models.Model):
    """A unit the campaign reaches, with who answers for its phase tasks (chosen, never typed)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, verbose_name="对象单位", on_delete=models.PROTECT, related_name="+")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任领导", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name="责任人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="添加人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("添加时间", auto_now_add=True)

    objects = UnitScopedQuerySet["CampaignTarget"].as_manager()

    class Meta:
        verbose_name = "专项行动对象单位"
        verbose_name_plural = "专项行动对象单位"
        ordering: ClassVar = ["unit__path"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_target_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}·{self.unit}"


class Cell(models.TextChoices):
    """A unit's state in one phase, derived from its phase task (never stored)."""

    DONE = "done", "完成"
    IN_PROGRESS = "in_progress", "进行中"
    OVERDUE = "overdue", "逾期"
    NOT_STARTED = "not_started", "未开始"
    NONE = "none", "—"  # joined after the phase had ended: no task


class PhaseTaskQuerySet(UnitScopedQuerySet["PhaseTask"]):
    unit_field = "target__unit"


class PhaseTask(models.Model):
    target = models.ForeignKey(CampaignTarget, on_delete=models.CASCADE, related_name="phase_tasks")
    phase = models.ForeignKey(CampaignPhase, on_delete=models.PROTECT, related_name="phase_tasks")
    task = models.OneToOneField(Task, on_delete=models.PROTECT, related_name="campaign_phase")

    objects = PhaseTaskQuerySet.as_manager()

    class Meta:
        verbose_name = "阶段任务"
        verbose_name_plural = "阶段任务"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["target", "phase"], name="phase_task_once"),
        ]

    def __str__(self) -> str:
        return f"{self.target.unit}·{self.phase}"

    def cell(self, today: date) -> str:
        task = self.task
        if task.status == Task.Status.ACCEPTED:
            return Cell.DONE
        if task.due_date is not None and task.due_date < today and task.status != Task.Status.DRAFT:
            return Cell.OVERDUE
        touched = task.status in (Task.Status.IN_PROGRESS, Task.Status.SUBMITTED, Task.Status.RETURNED)
        if touched or (task.status == Task.Status.ISSUED and self.phase.started(today)):
            return Cell.IN_PROGRESS
        return Cell.NOT_STARTED
