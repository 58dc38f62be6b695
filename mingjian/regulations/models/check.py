"""After 施行: 制度执行检查 (is the rule applied?) and 回头看 (is the rule still right?).

scheduled -record-> done
    |
    +-cancel-> cancelled (the rule was repealed first)

An execution check is scheduled when the rule goes into force (six months on by default, set per
checking body) and is recorded by the supervising side as 执行到位 / 部分执行 / 未执行; anything
short of 执行到位 schedules a re-check, and 未执行 raises a problem through the 整改 engine. A
回头看 is scheduled on the same day at the review interval and looks at the rule's 科学性、精准度、
时效性; recording it schedules the next one while the rule stays in force.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from django.conf import settings
from django.db import models

from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.rectification.models import Problem

from .regulation import Regulation


class CheckQuerySet(UnitScopedQuerySet["RegulationCheck"]):
    unit_field = "regulation__unit"

    def scheduled(self) -> Self:
        return self.filter(status=RegulationCheck.Status.SCHEDULED)

    def overdue(self, today: date) -> Self:
        return self.scheduled().filter(due_on__lt=today)


class RegulationCheck(models.Model):
    class Kind(models.TextChoices):
        EXECUTION = "execution", "制度执行检查"
        REVIEW = "review", "制度回头看"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "待检查"
        DONE = "done", "已完成"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.SCHEDULED: frozenset({Status.DONE, Status.CANCELLED}),
    }

    class Result(models.TextChoices):
        FULL = "full", "执行到位"
        PARTIAL = "partial", "部分执行"
        NONE = "none", "未执行"

    class Conclusion(models.TextChoices):
        KEEP = "keep", "继续有效"
        REVISE = "revise", "需修订"
        REPEAL = "repeal", "需废止"

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    checker = models.ForeignKey(
        Unit, verbose_name="检查单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("计划检查日期")
    done_on = models.DateField("检查日期", null=True, blank=True)
    result = models.CharField("执行情况", max_length=20, choices=Result.choices, blank=True)
    findings = models.TextField("检查发现", blank=True)
    scientific = models.TextField("科学性", blank=True, help_text="制度内容是否符合实际、切实可行")
    precision = models.TextField("精准度", blank=True, help_text="是否对准漏洞、堵住风险点")
    timeliness = models.TextField("时效性", blank=True, help_text="是否与新的法规政策和工作要求相适应")
    conclusion = models.CharField("回头看结论", max_length=20, choices=Conclusion.choices, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="检查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name="交办的问题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regulation_checks",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = CheckQuerySet.as_manager()

    class Meta:
        verbose_name = "制度检查"
        verbose_name_plural = "制度检查"
        ordering: ClassVar = ["due_on", "id"]
        indexes: ClassVar = [models.Index(fields=["status", "due_on"], name="regulation_check_due")]

    def __str__(self) -> str:
        return f"{self.regulation}{self.get_kind_display()}（{self.due_on:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return f"{self.regulation.get_absolute_url()}#check-{self.pk}"

    @property
    def unit(self) -> Unit:
        return self.regulation.unit

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.SCHEDULED and self.due_on < today
