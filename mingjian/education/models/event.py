"""警示教育 events: what was held, where, by whom, with which cases, for which cohort.

planned -hold-> held -submit-> submitted -confirm-> summarised
   |                  ^            |
   +-cancel-> cancelled +- return -+

The cohort is a rule — target units (with or without their sub-units) × an optional field ×
职级 × 岗位标签 — resolved into `cohort_units` and one Attendance row per cadre, so that who was
expected stays on record after people move on. Visibility: the organiser unit's scope plus the
scopes of the cohort's units.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from mingjian.cases.models import Case
from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import Field, Person, Unit, UnitScopedQuerySet, unit_scope_q

from .tags import PostTag

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class EventQuerySet(UnitScopedQuerySet["Event"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The organiser unit's scope, plus everyone whose scope holds one of the cohort's units."""
        via_cohort = Event.objects.filter(unit_scope_q(user, prefix="cohort_units__")).values("pk")
        return self.filter(unit_scope_q(user, prefix="unit__") | Q(pk__in=via_cohort))

    def held(self) -> Self:
        return self.filter(status__in=COUNTED_STATUSES)

    def with_counts(self, user: User | AnonymousUser) -> Self:
        """`cohort_n` and `reached_n` per event, counting only the cadres the viewer may see."""
        seen = unit_scope_q(user, prefix="attendance__person__unit__")
        reached = Q(attendance__presence__in=["present", "made_up"])
        return self.annotate(
            cohort_n=Count("attendance", filter=seen & Q(attendance__in_cohort=True), distinct=True),
            reached_n=Count("attendance", filter=seen & reached, distinct=True),
        )


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", "警示教育大会"
        FILM = "film", "观看警示教育片"
        TRIAL = "trial", "旁听庭审"
        BASE_VISIT = "base_visit", "参观警示教育基地"
        CASE_LECTURE = "case_lecture", "以案说纪/以案四说"
        LIFE_MEETING = "life_meeting", "专题民主生活会/组织生活会"
        INTEGRITY_TALK = "integrity_talk", "廉政谈话"
        HOLIDAY_REMINDER = "holiday_reminder", "节前廉政提醒"
        CONFESSION_STUDY = "confession_study", "学习忏悔录/警示录"

    class Status(models.TextChoices):
        PLANNED = "planned", "计划"
        HELD = "held", "已开展"
        SUBMITTED = "submitted", "总结待确认"
        SUMMARISED = "summarised", "已总结"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PLANNED: frozenset({Status.HELD, Status.CANCELLED}),
        Status.HELD: frozenset({Status.SUBMITTED}),
        Status.SUBMITTED: frozenset({Status.SUMMARISED, Status.HELD}),
    }

    unit = models.ForeignKey(Unit, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("形式", max_length=20, choices=Kind.choices)
    title = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("开展日期")
    place = models.CharField("地点", max_length=200, blank=True)
    description = models.TextField("内容安排", blank=True)
    cases = models.ManyToManyField(Case, verbose_name="使用案例", blank=True, related_name="education_events")
    target_units = models.ManyToManyField(
        Unit, verbose_name="对象单位", related_name="education_targeted_events"
    )
    include_subunits = models.BooleanField("含下属单位", default=True)
    target_field = models.CharField(
        "限定领域", max_length=30, choices=Field.choices, blank=True, help_text="留空表示不限领域"
    )
    target_levels = models.JSONField("职级", default=list, blank=True, help_text="空表示不限职级")
    target_tags = models.ManyToManyField(
        PostTag, verbose_name="岗位标签", blank=True, related_name="+", help_text="不选表示不限岗位"
    )
    # The target rule resolved into units: what visibility and the cohort read.
    cohort_units = models.ManyToManyField(
        Unit, verbose_name="对象单位（展开）", blank=True, related_name="education_cohort_events"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Recorded when the event is held: chairing it is one of the 班子成员's 履责 acts.
    host = models.ForeignKey(
        Person,
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
        help_text="组织单位的班子成员",
    )
    summary = models.TextField("开展情况总结", blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="总结提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary_at = models.DateTimeField("总结提交时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="总结确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("总结确认时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "警示教育活动"
        verbose_name_plural = "警示教育活动"
        ordering: ClassVar = ["-held_on", "-id"]
        indexes: ClassVar = [models.Index(fields=["status", "held_on"], name="education_event_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:event-detail", args=[self.pk])

    @property
    def level_labels(self) -> list[str]:
        return [label for value, label in Person.Level.choices if value in self.target_levels]


# Events that took place: only these reach anyone.
COUNTED_STATUSES = (Event.Status.HELD, Event.Status.SUBMITTED, Event.Status.SUMMARISED)


def material_path(instance: Material, filename: str) -> str:
    # Content-addressed, as for 整改 evidence: the same bytes are stored once, never overwritten.
    return f"education/{instance.sha256[:2]}/{instance.sha256}"


class Material(models.Model):
    """A file used or produced by the event: the film, the 忏悔录, slides, the sign-in sheet …"""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("名称", max_length=200)
    file = models.FileField("文件", upload_to=material_path, max_length=200)
    size = models.PositiveIntegerField("大小", default=0)
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "警示教育材料"
        verbose_name_plural = "警示教育材料"
        ordering: ClassVar = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.event.unit
