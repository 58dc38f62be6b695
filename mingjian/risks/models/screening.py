"""年度廉政风险排查: once a year each unit reviews its whole register — confirms or declines what
was pushed to it, re-checks every risk point and its controls, adds what is new. The work itself
is a 整改任务 (so it has a deadline, a 责任领导, lights, reminders and 销号 like any other), and it
cannot be 销号 while a row of the register is left unreviewed."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.org.models import Unit, UnitScopedQuerySet
from mingjian.rectification.models import Task


class RiskScreening(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="排查单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    task = models.OneToOneField(
        Task, verbose_name="排查任务", on_delete=models.PROTECT, related_name="risk_screening"
    )
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="部署人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("部署时间", auto_now_add=True)

    objects = UnitScopedQuerySet["RiskScreening"].as_manager()

    class Meta:
        verbose_name = "年度廉政风险排查"
        verbose_name_plural = "年度廉政风险排查"
        ordering: ClassVar = ["-year", "unit__path"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["unit", "year"], name="risk_screening_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度廉政风险排查"

    def get_absolute_url(self) -> str:
        return reverse("risks:screening-detail", args=[self.pk])
