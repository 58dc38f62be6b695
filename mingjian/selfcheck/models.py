"""类案延伸: a typical case pushed to units of the same field for 自查 ("规范一个领域").

The 纪委 (or 派驻组) pushes an analysed case to chosen units (CasePush); each unit gets a 自查表
(Checklist) with one row per 廉政风险点 and 制度漏洞 of the case's analysis. The unit answers every
row — 是否存在, 具体表现, 整改措施 — and for a point it did not find, the scope it checked. Its
liaison (or any of its acting people) drafts, its 书记/主要负责人 submits; the pushing body reviews
it (never someone who drafted or submitted it) and either returns it with reasons or accepts it,
and acceptance turns every "存在" row into a problem (source 自查自纠) with an issued task.

pending -submit-> submitted -accept-> accepted
                     |   ^
              return v   | submit
                  returned
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.urls import reverse

from mingjian.audit.models import editors
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Unit, UnitScopedQuerySet, unit_scope_q
from mingjian.workflow.services import actors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class CasePushQuerySet(models.QuerySet["CasePush"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The pushing body's scope (its staff, and those above it): the findings of all units."""
        return self.filter(unit_scope_q(user, prefix="issuer__"))


class CasePush(TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case", verbose_name="案例", on_delete=models.PROTECT, related_name="pushes"
    )
    issuer = models.ForeignKey(Unit, verbose_name="推送单位", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField("自查报送时限")
    note = models.TextField("自查要求", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="推送人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CasePushQuerySet.as_manager()

    class Meta:
        verbose_name = "类案推送"
        verbose_name_plural = "类案推送"
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"类案自查（{self.created_at:%Y-%m-%d}）" if self.created_at else "类案自查"

    def get_absolute_url(self) -> str:
        return reverse("selfcheck:push-detail", args=[self.pk])


class Checklist(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "待自查"
        SUBMITTED = "submitted", "待审核"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已审核"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PENDING: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.RETURNED}),
        Status.RETURNED: frozenset({Status.SUBMITTED}),
    }

    push = models.ForeignKey(CasePush, on_delete=models.CASCADE, related_name="checklists")
    unit = models.ForeignKey(Unit, verbose_name="自查单位", on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
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
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)

    objects = UnitScopedQuerySet["Checklist"].as_manager()

    class Meta:
        verbose_name = "自查表"
        verbose_name_plural = "自查表"
        ordering: ClassVar = ["push", "unit__path"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["push", "unit"], name="checklist_once")]

    def __str__(self) -> str:
        return f"{self.unit}类案自查表"

    def get_absolute_url(self) -> str:
        return reverse("selfcheck:checklist-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RETURNED)

    @property
    def is_done(self) -> bool:
        """The unit has self-inspected: it submitted its answers (whatever the review says)."""
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    def participants(self) -> set[int]:
        """The unit side who wrote and sent it: never its reviewer."""
        found = {u for u in (self.drafted_by_id, self.submitted_by_id) if u}
        return found | editors(self, "selfcheck.checklist.saved") | actors(self, "submit")


class ChecklistRow(models.Model):
    class Source(models.TextChoices):
        RISK = "risk", "廉政风险点"
        LOOPHOLE = "loophole", "制度漏洞"

    class Answer(models.TextChoices):
        EXISTS = "exists", "存在"
        ABSENT = "absent", "不存在"

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="rows")
    seq = models.PositiveSmallIntegerField("序号")
    source = models.CharField("类别", max_length=10, choices=Source.choices)
    risk = models.ForeignKey(
        "cases.IntegrityRisk", null=True, blank=True, on_delete=models.SET_NULL, related_name="checklist_rows"
    )
    loophole = models.ForeignKey(
        "cases.SystemLoophole",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklist_rows",
    )
    # The point as the case's analysis stated it when pushed (kept if the analysis changes later).
    point = models.CharField("自查内容", max_length=700)
    answer = models.CharField("是否存在", max_length=10, choices=Answer.choices, blank=True)
    manifestation = models.TextField("具体表现", blank=True)
    measure = models.TextField("整改措施", blank=True)
    scope_checked = models.TextField(
        "检查范围", blank=True, help_text="不存在时写明查了什么：档案、环节、时段、抽查数量"
    )
    due_date = models.DateField("完成时限", null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "org.Person", verbose_name="责任人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    problem = models.OneToOneField(
        "rectification.Problem",
        verbose_name="问题",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checklist_row",
    )

    class Meta:
        verbose_name = "自查表条目"
        verbose_name_plural = "自查表条目"
        ordering: ClassVar = ["checklist", "seq"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["checklist", "seq"], name="checklist_row_seq")
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.point[:30]}"
