"""问责 records: a 党组织 or a leading cadre held to account under 《中国共产党问责条例》.

方式 are those of 问责条例第七条 — for a 党组织 检查、通报、改组; for a leader 通报、诫勉、组织调整
或者组织处理、纪律处分 — the same vocabulary the case record uses (cases.models.AccountabilityMethod),
never a copy. A record names its basis, the deciding body and what caused it: the overdue task,
the 建议书 refused or not answered, the case.

The 纪检 body that proposes it drafts the record; someone else there records the decision (four
eyes: the drafter does not decide).

draft -submit-> submitted -decide-> decided
                    |
                    +-return-> draft
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.cases.models import AccountabilityMethod, Case, Recommendation
from mingjian.duties.vocabulary import party_body
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Person, Unit
from mingjian.rectification.models import Task
from mingjian.workflow.services import actors

from .talks import LinkedQuerySet


class AccountabilityQuerySet(LinkedQuerySet["Accountability"]):
    pass


class Accountability(TimeStampedModel):
    class Target(models.TextChoices):
        ORGANISATION = "organisation", "党组织"
        LEADER = "leader", "领导干部"

    class Status(models.TextChoices):
        DRAFT = "draft", "起草"
        SUBMITTED = "submitted", "待决定"
        DECIDED = "decided", "已决定"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.DECIDED, Status.DRAFT}),
    }

    issuer = models.ForeignKey(Unit, verbose_name="提出机关", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name="问责对象单位", on_delete=models.PROTECT, related_name="+")
    target = models.CharField("问责对象", max_length=20, choices=Target.choices)
    person = models.ForeignKey(
        Person,
        verbose_name="被问责领导干部",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountabilities",
    )
    methods = models.JSONField("问责方式", default=list)
    basis = models.TextField("问责事实及依据")
    deciding_body = models.CharField("决定机关", max_length=100)
    decision_number = models.CharField("决定文号", max_length=50, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    task = models.ForeignKey(
        Task, verbose_name="相关整改任务", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name="相关建议书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        Case, verbose_name="相关案例", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("决定录入时间", null=True, blank=True)

    objects = AccountabilityQuerySet.as_manager()

    class Meta:
        verbose_name = "问责记录"
        verbose_name_plural = "问责记录"
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"问责·{self.target_name}"

    def get_absolute_url(self) -> str:
        return reverse("duties:accountability-detail", args=[self.pk])

    @property
    def target_name(self) -> str:
        if self.target == self.Target.LEADER and self.person is not None:
            return self.person.name
        return party_body(self.unit)

    @property
    def method_labels(self) -> list[str]:
        return [AccountabilityMethod(m).label for m in self.methods if m in AccountabilityMethod.values]

    def participants(self) -> set[int]:
        """Who drafted, edited or sent it: never whoever records the decision."""
        found = {self.drafted_by_id} if self.drafted_by_id else set()
        return found | editors(self, "duties.accountability.updated") | actors(self, "submit")
