"""Who was expected at an event and what became of each: present, absent (with the reason),
made up later (补学). `presence` is a record of fact filled in from a sign-in sheet or by hand,
not a workflow: it has no transitions and no sign-off, so it is not named `status`.

心得体会 are asked only of people chosen by name (`reflection_requested`), never of everyone.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from mingjian.org.models import Field, Person, UnitScopedQuerySet

from .event import COUNTED_STATUSES, Event


class AttendanceQuerySet(UnitScopedQuerySet["Attendance"]):
    """Rows follow the cadre's unit: a viewer sees the rows of the people in their own scope."""

    unit_field = "person__unit"

    def reached(self) -> Self:
        return self.filter(presence__in=[Attendance.Presence.PRESENT, Attendance.Presence.MADE_UP])

    def reached_between(self, since: date, until: date) -> Self:
        """Rows that count as "reached" in [since, until]: present at an event held then, or made
        up then, at an event that took place and used a case of the cadre's own field. A cadre of
        a 综合 unit has no field of their own; any event with a case counts for them."""
        when = Q(presence=Attendance.Presence.PRESENT, event__held_on__range=(since, until)) | Q(
            presence=Attendance.Presence.MADE_UP, made_up_on__range=(since, until)
        )
        same_field = Q(event__cases__unit__field=F("person__unit__field")) | Q(
            person__unit__field=Field.GENERAL, event__cases__isnull=False
        )
        return self.filter(when, same_field, event__status__in=COUNTED_STATUSES)


class Attendance(models.Model):
    class Presence(models.TextChoices):
        PENDING = "pending", "未记录"
        PRESENT = "present", "出席"
        ABSENT = "absent", "缺席"
        MADE_UP = "made_up", "已补学"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        Person, verbose_name="干部", on_delete=models.PROTECT, related_name="education_attendance"
    )
    # False for someone who signed in from a cohort unit without matching the 职级/岗位 rule.
    in_cohort = models.BooleanField("属活动对象", default=True)
    presence = models.CharField("出勤情况", max_length=20, choices=Presence.choices, default=Presence.PENDING)
    absence_reason = models.CharField("缺席原因", max_length=200, blank=True)
    made_up_on = models.DateField("补学日期", null=True, blank=True)
    made_up_note = models.CharField("补学方式", max_length=200, blank=True)
    reflection_requested = models.BooleanField("请其撰写心得体会", default=False)
    reflection = models.TextField("心得体会", blank=True)
    reflection_at = models.DateTimeField("心得体会提交时间", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = "参加情况"
        verbose_name_plural = "参加情况"
        ordering: ClassVar = ["person__unit__path", "person_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["event", "person"], name="education_attendance_once"),
        ]
        indexes: ClassVar = [models.Index(fields=["person", "presence"], name="education_att_person")]

    def __str__(self) -> str:
        return f"{self.person.name}·{self.get_presence_display()}"
