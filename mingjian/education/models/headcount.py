"""Active cadres per unit and 职级, for the sizes of a coverage cohort.

A province's coverage page counted its 200,000 cadres on every visit (~110 ms of SQL on SQLite,
120–145 ms on PostgreSQL). These rows are the same counts kept up to date by database triggers
on the person table (mingjian.education.headcount), so every write path — a form, the admin, a
roster import, a bulk_create — keeps them right, and the page adds up at most a few rows per unit.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from mingjian.org.models import Unit, UnitScopedQuerySet


class HeadcountQuerySet(UnitScopedQuerySet["Headcount"]):
    pass


class Headcount(models.Model):
    # Written only by the triggers and by headcount.recount(); never by the ORM.
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    level = models.CharField("职级", max_length=20)
    n = models.IntegerField("在职干部数", default=0)

    objects = HeadcountQuerySet.as_manager()

    class Meta:
        verbose_name = "在职干部数"
        verbose_name_plural = "在职干部数"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["unit", "level"], name="education_headcount_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}·{self.level}·{self.n}"
