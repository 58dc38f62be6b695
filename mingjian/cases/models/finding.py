"""监督发现: a problem the 纪委 found outside a typical case — a 问题线索 being checked (初核), daily
supervision (日常监督), an audit or inspection hand-over — that may itself ground a 建议书."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import SUPERVISING_ROLES, Unit, UnitScopedQuerySet, unit_scope_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class FindingQuerySet(UnitScopedQuerySet["SupervisionFinding"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The 纪委 / 派驻组 over the unit only: a 问题线索 is never shown to the unit itself."""
        return self.filter(unit_scope_q(user, roles=SUPERVISING_ROLES))


class SupervisionFinding(TimeStampedModel):
    class Source(models.TextChoices):
        CLUE = "clue", "问题线索处置（初核）"
        DAILY = "daily", "日常监督"
        HANDOVER = "handover", "审计、巡察等移交"
        OTHER = "other", "其他"

    unit = models.ForeignKey(Unit, verbose_name="涉及单位", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.DAILY)
    title = models.CharField("事由", max_length=200)
    facts = models.TextField("发现的问题")
    found_on = models.DateField("发现日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "监督发现"
        verbose_name_plural = "监督发现"
        ordering: ClassVar = ["-found_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:finding-detail", args=[self.pk])
