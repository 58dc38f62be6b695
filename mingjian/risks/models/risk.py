"""廉政风险防控: each unit's register of 廉政风险点, one row per 岗位/权力事项 and risk, in the
customary columns (单位/科室, 岗位, 风险类别, 风险点, 表现形式, 风险等级, 防控措施, 科室负责人, 责任领导).

A row is registered by the unit (by hand, from an Excel sheet, or in one click from an approved
案件剖析), or pushed by the supervising side to same-field units, where it waits as 待确认 until
the unit confirms it (with its own controls) or declines it with a reason.

pending -confirm-> active -retire-> retired
   |
   +-decline-> declined

防控失效 (ControlFailure) is flagged when a new case hits a risk point whose controls were already
on the register: the controls did not hold. It stays open until the unit records better controls.

open -resolve-> resolved
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.cases.models import Case, IntegrityRisk
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Person, Unit, UnitScopedQuerySet


class RiskPointQuerySet(UnitScopedQuerySet["RiskPoint"]):
    pass


class RiskPoint(TimeStampedModel):
    class Category(models.TextChoices):
        IDEOLOGY = "ideology", "思想道德风险"
        POST = "post", "岗位职责风险"
        SYSTEM = "system", "制度机制风险"
        PROCESS = "process", "业务流程风险"
        EXTERNAL = "external", "外部环境风险"

    Level = IntegrityRisk.Level

    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        ACTIVE = "active", "在册"
        DECLINED = "declined", "不适用"
        RETIRED = "retired", "已撤销"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PENDING: frozenset({Status.ACTIVE, Status.DECLINED}),
        Status.ACTIVE: frozenset({Status.RETIRED}),
    }

    class Source(models.TextChoices):
        MANUAL = "manual", "本单位登记"
        IMPORTED = "imported", "表格导入"
        ANALYSIS = "analysis", "案件剖析"
        PUSHED = "pushed", "类案推送"

    unit = models.ForeignKey(Unit, verbose_name="单位/科室", on_delete=models.PROTECT, related_name="+")
    post = models.CharField("岗位（权力事项）", max_length=100)
    category = models.CharField("风险类别", max_length=20, choices=Category.choices, default=Category.POST)
    point = models.CharField("风险点", max_length=500)
    manifestation = models.TextField("表现形式", blank=True)
    level = models.CharField("风险等级", max_length=10, choices=Level.choices, default=Level.MEDIUM)
    controls = models.TextField("防控措施", blank=True)
    dept_head = models.ForeignKey(
        Person, verbose_name="科室负责人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_risk = models.ForeignKey(
        IntegrityRisk,
        verbose_name="剖析中的廉政风险点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_rows",
    )
    # The case whose analysis the row was taken from: that case never shows the row's controls
    # failed (kept apart from source_risk, which is cleared if the analysis drops the point).
    source_case = models.ForeignKey(
        Case,
        verbose_name="来源案例",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pushed_from = models.ForeignKey(
        "self",
        verbose_name="推送来源",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pushed_copies",
    )
    decline_reason = models.TextField("不适用理由", blank=True)
    reviewed_in = models.ForeignKey(
        "RiskScreening",
        verbose_name="最近复核于",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_rows",
    )
    reviewed_on = models.DateField("最近复核日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = RiskPointQuerySet.as_manager()

    class Meta:
        verbose_name = "廉政风险点"
        verbose_name_plural = "廉政风险防控台账"
        ordering: ClassVar = ["unit__path", "post", "id"]
        indexes: ClassVar = [models.Index(fields=["status", "level"], name="risk_status_level")]

    def __str__(self) -> str:
        return f"{self.post}：{self.point}"

    def get_absolute_url(self) -> str:
        return reverse("risks:risk-detail", args=[self.pk])


class FailureQuerySet(UnitScopedQuerySet["ControlFailure"]):
    unit_field = "risk__unit"


class ControlFailure(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "防控失效"
        RESOLVED = "resolved", "已完善防控措施"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {Status.OPEN: frozenset({Status.RESOLVED})}

    risk = models.ForeignKey(
        RiskPoint, verbose_name="风险点", on_delete=models.CASCADE, related_name="failures"
    )
    case = models.ForeignKey(Case, verbose_name="新发案例", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
    # The controls as they stood when the case hit them: what failed.
    controls_then = models.TextField("失效时的防控措施")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="标记人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    flagged_at = models.DateTimeField("标记时间", auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="完善人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField("完善时间", null=True, blank=True)

    objects = FailureQuerySet.as_manager()

    class Meta:
        verbose_name = "防控失效"
        verbose_name_plural = "防控失效"
        ordering: ClassVar = ["-flagged_at", "-id"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["risk", "case"], name="risk_failure_once")]

    def __str__(self) -> str:
        return f"{self.risk}·防控失效"

    def get_absolute_url(self) -> str:
        return self.risk.get_absolute_url()

    @property
    def unit(self) -> Unit:
        return self.risk.unit
