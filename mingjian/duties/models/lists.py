"""责任清单: the templates a 纪委 maintains, and each holder's yearly list made from them.

A template (主体责任清单, 第一责任人清单, 一岗双责清单 or 监督责任清单) belongs to the 纪委监委
that keeps it. Each year a unit's lists are instantiated from the templates of the commission
over it — one for the 党组 (主体责任), one for its 书记 (第一责任人), one per other 班子成员
(一岗双责), and for a 纪检 body one for itself (监督责任) — copying the items, so a later change
to a template never rewrites a past year.

An item is done when the holder checked it (with a note or evidence), or by itself when the
system already holds acts of the item's source that year (see duties.acts): what was recorded
once is never asked for again.

open -submit-> submitted -accept-> reviewed
                   |
                   +-return-> open
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mingjian.duties.vocabulary import LIST_NAMES, Kind, Source
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Person, Role, Unit, UnitScopedQuerySet, unit_scope_q
from mingjian.workflow.services import actors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User

COMMISSION_ONLY = frozenset({Role.COMMISSION})


class TemplateQuerySet(models.QuerySet["DutyTemplate"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The 纪委监委's own reference data: its commission staff read and keep it."""
        return self.filter(unit_scope_q(user, roles=COMMISSION_ONLY, prefix="issuer__"))


class DutyTemplate(TimeStampedModel):
    issuer = models.ForeignKey(Unit, verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("清单类型", max_length=20, choices=Kind.choices)
    title = models.CharField("名称", max_length=100)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="制定人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = TemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "责任清单模板"
        verbose_name_plural = "责任清单模板"
        ordering: ClassVar = ["issuer__path", "kind"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["issuer", "kind"], name="duties_template_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("duties:template-detail", args=[self.pk])

    @property
    def unit(self) -> Unit:
        return self.issuer


class TemplateItemQuerySet(models.QuerySet["TemplateItem"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, roles=COMMISSION_ONLY, prefix="template__issuer__"))


class TemplateItem(models.Model):
    template = models.ForeignKey(DutyTemplate, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    section = models.CharField("类别", max_length=30, blank=True)
    text = models.CharField("责任事项", max_length=300)
    source = models.CharField(
        "自动记实来源",
        max_length=30,
        choices=Source.choices,
        blank=True,
        help_text="系统已记录的此类事项自动计入本项；留空则由责任人勾选",
    )

    objects = TemplateItemQuerySet.as_manager()

    class Meta:
        verbose_name = "清单模板事项"
        verbose_name_plural = "清单模板事项"
        ordering: ClassVar = ["seq", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def unit(self) -> Unit:
        return self.template.issuer


class DutyList(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "履责中"
        SUBMITTED = "submitted", "已报送"
        REVIEWED = "reviewed", "已审核"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.OPEN: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.REVIEWED, Status.OPEN}),
    }

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("责任类型", max_length=20, choices=Kind.choices)
    # The cadre for 第一责任人 and 一岗双责; none for a 党组's or a 纪检 body's own list.
    person = models.ForeignKey(
        Person,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_lists",
    )
    template = models.ForeignKey(
        DutyTemplate, verbose_name="模板", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField("名称", max_length=200)
    holder = models.CharField("责任主体", max_length=100, help_text="生成时的名称：某某局党组、姓名（职务）")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.OPEN)
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
    review_comment = models.TextField("审核意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = UnitScopedQuerySet["DutyList"].as_manager()

    class Meta:
        verbose_name = "责任清单"
        verbose_name_plural = "责任清单"
        ordering: ClassVar = ["-year", "unit__path", "kind", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "person"],
                condition=Q(person__isnull=False),
                name="duties_list_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "kind"],
                condition=Q(person__isnull=True),
                name="duties_list_once_per_body",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["year", "kind"], name="duties_list_year_kind")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("duties:list-detail", args=[self.pk])

    @property
    def list_name(self) -> str:
        return LIST_NAMES[Kind(self.kind)]

    def participants(self) -> set[int]:
        """Who reported it: never its reviewer."""
        found = {self.submitted_by_id} if self.submitted_by_id else set()
        return found | actors(self, "submit")


class DutyItemQuerySet(UnitScopedQuerySet["DutyItem"]):
    unit_field = "dlist__unit"


class DutyItem(models.Model):
    dlist = models.ForeignKey(DutyList, verbose_name="清单", on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveSmallIntegerField("序号")
    section = models.CharField("类别", max_length=30, blank=True)
    text = models.CharField("责任事项", max_length=300)
    source = models.CharField("自动记实来源", max_length=30, choices=Source.choices, blank=True)
    checked = models.BooleanField("已履行", default=False)
    note = models.TextField("履行情况", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="勾选人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField("勾选时间", null=True, blank=True)

    objects = DutyItemQuerySet.as_manager()

    class Meta:
        verbose_name = "清单事项"
        verbose_name_plural = "清单事项"
        ordering: ClassVar = ["seq", "id"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return f"{self.dlist.get_absolute_url()}#item-{self.pk}"

    @property
    def unit(self) -> Unit:
        return self.dlist.unit


def entry_path(instance: DutyEntry, filename: str) -> str:
    # Content-addressed, as for 整改 evidence: the same bytes stored once, never overwritten.
    return f"duties/{instance.sha256[:2]}/{instance.sha256}"


class DutyEntryQuerySet(UnitScopedQuerySet["DutyEntry"]):
    unit_field = "dlist__unit"


class DutyEntry(models.Model):
    """履责记实 written by hand: what the system could not know (optional, never required for
    what it already recorded), with an optional file as evidence."""

    dlist = models.ForeignKey(DutyList, verbose_name="清单", on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        DutyItem,
        verbose_name="对应事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    happened_on = models.DateField("日期")
    text = models.CharField("履责事项", max_length=500)
    name = models.CharField("佐证材料", max_length=200, blank=True)
    file = models.FileField("文件", upload_to=entry_path, max_length=200, blank=True)
    size = models.PositiveIntegerField("大小", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = DutyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "履责记实"
        verbose_name_plural = "履责记实"
        ordering: ClassVar = ["happened_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def unit(self) -> Unit:
        return self.dlist.unit
