"""无需建章立制说明: the unit's recorded reason why a problem that came from a 制度漏洞 needs no new
or revised rule (the rule exists and the fault was in its execution, a higher-level rule now
covers it …), decided by the side that verifies the task — never by whoever wrote it.

pending -approve-> approved
   |
   +-reject-> rejected (the unit may record a new reason)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef

from mingjian.org.models import Unit
from mingjian.rectification.models import Problem

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class WaiverQuerySet(models.QuerySet["Waiver"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Whoever sees the problem (its unit's scope, and for 巡察 problems the 巡察 roles)."""
        # Per waiver (few) a look-up of its problem: `problem IN (every visible problem)` read
        # all 500,000 of a province's problems first (0.8 s on the 工作台, issue 14).
        return self.filter(Exists(Problem.objects.visible_to(user).filter(pk=OuterRef("problem_id"))))


class Waiver(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待验收人审核"
        APPROVED = "approved", "已同意"
        REJECTED = "rejected", "未同意"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED}),
    }

    problem = models.ForeignKey(
        Problem, verbose_name="问题", on_delete=models.CASCADE, related_name="regulation_waivers"
    )
    reason = models.TextField("无需制定或修订制度的理由")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="说明人", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = WaiverQuerySet.as_manager()

    class Meta:
        verbose_name = "无需建章立制说明"
        verbose_name_plural = "无需建章立制说明"
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.problem}·无需建章立制说明"

    def get_absolute_url(self) -> str:
        return f"{self.problem.get_absolute_url()}"

    @property
    def unit(self) -> Unit:
        return self.problem.unit

    def participants(self) -> set[int]:
        return {self.submitted_by_id}
