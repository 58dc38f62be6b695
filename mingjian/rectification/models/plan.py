"""整改方案: the unit's own plan (主体责任) answering a 建议书 or a 巡察's feedback.

Its liaison drafts it; its 主要负责人 (or the leader authorised by them) submits it — for a 建议书
together with the formal reply; the issuing side (纪委 / 派驻组, or the 巡察机构) approves it or
returns it with reasons. Only an approved plan becomes tasks, all in one transaction.

draft -submit-> submitted -approve-> approved
                    |   ^                 |
             return v   | submit          | reopen (an objection upheld or modified: add measures)
                  returned <--------------+
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Person, Unit, UnitScopedQuerySet
from mingjian.workflow.services import actors

from .problem import InspectionBatch, InspectionItem, Problem, ProblemType
from .task import Task


class RectificationPlan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "待审批"
        APPROVED = "approved", "已批准"
        RETURNED = "returned", "已退回"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.SUBMITTED}),
        Status.APPROVED: frozenset({Status.RETURNED}),
    }

    unit = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(Unit, verbose_name="审批单位", on_delete=models.PROTECT, related_name="+")
    recommendation = models.OneToOneField(
        "cases.Recommendation",
        verbose_name="纪检监察建议书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan",
    )
    inspection = models.OneToOneField(
        InspectionBatch,
        verbose_name="巡察反馈",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan",
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
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
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)

    objects = UnitScopedQuerySet["RectificationPlan"].as_manager()

    class Meta:
        verbose_name = "整改方案"
        verbose_name_plural = "整改方案"
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(recommendation__isnull=False) | models.Q(inspection__isnull=False),
                name="plan_has_a_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}整改方案"

    def get_absolute_url(self) -> str:
        return reverse("rectification:plan-detail", args=[self.pk])

    def participants(self) -> set[int]:
        """The unit side who wrote and sent it: never its approver."""
        found = {u for u in (self.drafted_by_id, self.submitted_by_id) if u}
        return found | actors(self, "submit")

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class PlanEntry(models.Model):
    """The plan's answer to one 建议 or 反馈问题: the problem's type (so a class of problem can be
    counted) and one or more measures."""

    plan = models.ForeignKey(RectificationPlan, on_delete=models.CASCADE, related_name="entries")
    recommendation_item = models.OneToOneField(
        "cases.RecommendationItem",
        verbose_name="建议事项",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_entry",
    )
    inspection_item = models.OneToOneField(
        InspectionItem,
        verbose_name="反馈问题",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_entry",
    )
    problem_type = models.ForeignKey(
        ProblemType,
        verbose_name="问题类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    problem = models.OneToOneField(
        Problem,
        verbose_name="问题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_entry",
    )

    class Meta:
        verbose_name = "方案条目"
        verbose_name_plural = "方案条目"
        ordering: ClassVar = ["id"]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def item(self) -> object:
        return self.recommendation_item or self.inspection_item


class PlanMeasure(models.Model):
    """整改措施: what the unit commits to do, by when, and who answers for it — people chosen from
    the 干部名册, never typed. On approval it becomes a task (`task`)."""

    entry = models.ForeignKey(PlanEntry, on_delete=models.CASCADE, related_name="measures")
    seq = models.PositiveSmallIntegerField("序号", default=1)
    measure = models.TextField("整改措施")
    category = models.CharField(
        "整改类别", max_length=20, choices=Task.Category.choices, default=Task.Category.DEADLINE
    )
    due_date = models.DateField("完成时限", null=True, blank=True)
    due_working_days = models.PositiveSmallIntegerField("或批准后工作日数", null=True, blank=True)
    lead_unit = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+")
    assist_units = models.ManyToManyField(Unit, verbose_name="配合单位", blank=True, related_name="+")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name="责任人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    task = models.OneToOneField(
        Task,
        verbose_name="整改任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_measure",
    )

    class Meta:
        verbose_name = "整改措施"
        verbose_name_plural = "整改措施"
        ordering: ClassVar = ["entry_id", "seq", "id"]

    def __str__(self) -> str:
        return self.measure[:60]
