"""岗位标签 (post tags) of cadres, kept here rather than on org.Person: the vocabulary is the
education app's reference data, and a unit's liaison keeps the person ↔ tag rows."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from mingjian.org.models import Person, UnitScopedQuerySet


class PostTag(models.Model):
    name = models.CharField("岗位标签", max_length=30, unique=True)
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "岗位标签"
        verbose_name_plural = "岗位标签"
        ordering: ClassVar = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class PersonTagQuerySet(UnitScopedQuerySet["PersonTag"]):
    unit_field = "person__unit"


class PersonTag(models.Model):
    person = models.ForeignKey(
        Person, verbose_name="干部", on_delete=models.CASCADE, related_name="education_tags"
    )
    tag = models.ForeignKey(PostTag, verbose_name="岗位标签", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="标注人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("标注时间", auto_now_add=True)

    objects = PersonTagQuerySet.as_manager()

    class Meta:
        verbose_name = "干部岗位标签"
        verbose_name_plural = "干部岗位标签"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "tag"], name="education_person_tag_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}·{self.tag.name}"
