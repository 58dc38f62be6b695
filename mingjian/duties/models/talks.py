"""谈话提醒, 约谈 and 函询: who talks to whom (both from the 干部名册), when, why, and what caused
it — an overdue task, a 建议书 not adopted or not answered, a case.

The talking side is a 党委（党组） (主体责任: the 书记 reminds a 班子成员) or a 纪检 body (监督责任:
the 纪检组长 interviews a unit's 主要负责人). Its staff draft the record; someone else on that
side approves it (four eyes); the talk is then held and its record written.

draft -submit-> submitted -approve-> approved -complete-> done
  |                 |                    |
  |     return <----+                    +-cancel-> cancelled
  +-cancel-> cancelled
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.cases.models import Case, Recommendation
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Person, Unit, UnitScopedQuerySet, unit_scope_q
from mingjian.rectification.models import Task
from mingjian.workflow.services import actors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


_M = TypeVar("_M", bound=models.Model)


class LinkedQuerySet(UnitScopedQuerySet[_M]):
    """Records between two units: the scope of the unit concerned and of the issuing side."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, prefix="unit__") | unit_scope_q(user, prefix="issuer__"))


class TalkQuerySet(LinkedQuerySet["Talk"]):
    pass


class Talk(TimeStampedModel):
    class Kind(models.TextChoices):
        REMINDER = "reminder", "谈话提醒"
        INTERVIEW = "interview", "约谈"
        LETTER = "letter", "函询"

    class Status(models.TextChoices):
        DRAFT = "draft", "拟办"
        SUBMITTED = "submitted", "待审批"
        APPROVED = "approved", "已批准"
        DONE = "done", "已完成"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED, Status.CANCELLED}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.DRAFT}),
        Status.APPROVED: frozenset({Status.DONE, Status.CANCELLED}),
    }

    issuer = models.ForeignKey(Unit, verbose_name="谈话单位", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name="谈话对象单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("方式", max_length=20, choices=Kind.choices)
    subject = models.ForeignKey(
        Person, verbose_name="谈话对象", on_delete=models.PROTECT, related_name="talks_received"
    )
    talker = models.ForeignKey(
        Person, verbose_name="谈话人", on_delete=models.PROTECT, related_name="talks_given"
    )
    planned_on = models.DateField("拟定日期")
    held_on = models.DateField("谈话（函询）日期", null=True, blank=True)
    reason = models.TextField("事由")
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
    record = models.TextField("谈话情况（函询回复）", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="拟办人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        verbose_name = "谈话函询"
        verbose_name_plural = "谈话函询"
        ordering: ClassVar = ["-planned_on", "-id"]
        indexes: ClassVar = [models.Index(fields=["status", "held_on"], name="duties_talk_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}·{self.subject.name}"

    def get_absolute_url(self) -> str:
        return reverse("duties:talk-detail", args=[self.pk])

    def participants(self) -> set[int]:
        """Who wrote, edited or sent it: never its approver."""
        found = {self.drafted_by_id} if self.drafted_by_id else set()
        return found | editors(self, "duties.talk.updated") | actors(self, "submit")
