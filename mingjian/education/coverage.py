"""警示教育覆盖率: the share of a cohort reached in the last 12 months by at least one event that
used a case of the cadre's own field, per unit, with the names of those not reached.

Counts only cadres in the viewer's own business scope, so a total never reveals other units.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber

from mingjian.education.cohort import cohort_people
from mingjian.education.models import Attendance, Headcount, PersonTag, PostTag
from mingjian.org.models import Person, Unit, unit_scope_q

WINDOW_MONTHS = 12
PAGE_UNITS = 50  # units per page of the table
NAMES_PER_UNIT = 30  # names of cadres not reached shown per unit; the rest are counted


@dataclass(frozen=True)
class Cadre:
    pk: int
    name: str
    position: str
    level: str


@dataclass
class UnitCoverage:
    unit: Unit
    cohort: int = 0
    reached: int = 0
    # At most NAMES_PER_UNIT names, filled only for the units of the page being shown.
    unreached: list[Cadre] = field(default_factory=list)

    @property
    def unreached_count(self) -> int:
        return self.cohort - self.reached

    @property
    def share(self) -> float:
        return self.reached / self.cohort if self.cohort else 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class Coverage:
    since: date
    until: date
    cohort: int
    reached: int
    rows: list[UnitCoverage]  # the units of `page`, in tree order
    page: Page[int]  # of the ids of every unit with a cohort

    @property
    def share(self) -> float:
        return self.reached / self.cohort if self.cohort else 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)


def window(today: date, months: int = WINDOW_MONTHS) -> tuple[date, date]:
    return today - relativedelta(months=months), today


def coverage(
    user: Any,
    *,
    units: QuerySet[Unit],
    levels: Iterable[str] = (),
    tags: Iterable[PostTag] = (),
    today: date,
    months: int = WINDOW_MONTHS,
    page: int | str = 1,
) -> Coverage:
    """Totals over the whole cohort and one page of units with the names not reached.

    The cohort sizes are the kept per-unit headcounts, the reached are counted from the window's
    attendance, and names are read only for the page's units: a province's cohort is 200,000
    cadres, which neither a page nor a response can list (nor, on every visit, count)."""
    since, until = window(today, months)
    levels, tags = list(levels), list(tags)
    by_unit = _counts(user, units, levels=levels, tags=tags, since=since, until=until)
    # Only ids for the ordering: building 2,000 Unit objects cost more than all the counting, and
    # naming 2,000 ids in an `IN` took Django longer than reading the viewer's units in order.
    in_order = (
        Unit.objects.filter(unit_scope_q(user, prefix="")).order_by("path").values_list("pk", flat=True)
    )
    ordered = [pk for pk in in_order if pk in by_unit]
    shown = Paginator(ordered, PAGE_UNITS).get_page(page)
    units_on_page = Unit.objects.in_bulk(list(shown))
    rows = [UnitCoverage(units_on_page[pk], *by_unit[pk]) for pk in shown]
    # The page's units were counted within `units` and the viewer's scope: their ids alone say so.
    page_units = [row.unit.pk for row in rows]
    people = Person.objects.filter(_cohort_q("", levels, tags), unit_id__in=page_units)
    reached_here = Attendance.objects.reached_between(since, until).filter(person__unit_id__in=page_units)
    _fill_unreached(rows, people.exclude(pk__in=reached_here.values("person_id")))
    return Coverage(
        since,
        until,
        cohort=sum(c for c, _ in by_unit.values()),
        reached=sum(r for _, r in by_unit.values()),
        rows=rows,
        page=shown,
    )


def _counts(
    user: Any, units: QuerySet[Unit], *, levels: list[str], tags: list[PostTag], since: date, until: date
) -> dict[int, tuple[int, int]]:
    """unit id -> (cohort, reached) for every unit with a cohort, counting only what the viewer
    sees. The cohort sizes come from the kept `Headcount` rows (a few per unit) unless 岗位标签
    narrow it; the reached from the attendance rows of the window (never from the whole roster)."""
    cohort: Iterable[tuple[int, int]]
    if tags:
        cohort = (
            cohort_people(units, levels=levels, tags=tags)
            .filter(unit_scope_q(user))
            .order_by()
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
    else:
        kept = Headcount.objects.filter(unit__in=units, n__gt=0).filter(unit_scope_q(user))
        if levels:
            kept = kept.filter(level__in=levels)
        cohort = kept.order_by().values("unit_id").annotate(total=Sum("n")).values_list("unit_id", "total")
    sizes = {unit_id: n for unit_id, n in cohort if n}
    if not sizes:
        return {}
    reached = (
        Attendance.objects.reached_between(since, until)
        .filter(
            _cohort_q("person__", levels, tags),
            unit_scope_q(user, prefix="person__unit__"),
            person__unit__in=units,
        )
        .order_by()
        .values("person__unit_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("person__unit_id", "n")
    )
    counted = dict(reached)
    return {unit_id: (n, counted.get(unit_id, 0)) for unit_id, n in sizes.items()}


def _cohort_q(prefix: str, levels: list[str], tags: list[PostTag]) -> Q:
    """cohort_people's rule but the units, as a condition on the person or a relation to it
    (joined, not `IN` 200,000 ids)."""
    q = Q(**{f"{prefix}is_active": True})
    if levels:
        q &= Q(**{f"{prefix}level__in": levels})
    if tags:
        q &= Q(**{f"{prefix}pk__in": PersonTag.objects.filter(tag__in=tags).values("person")})
    return q


def _fill_unreached(rows: list[UnitCoverage], unreached: QuerySet[Person]) -> None:
    """The first NAMES_PER_UNIT cadres not reached of each row's unit, in one query."""
    by_unit = {row.unit.pk: row for row in rows}
    ranked = (
        unreached.annotate(rank=Window(RowNumber(), partition_by=[F("unit_id")], order_by=[F("id").asc()]))
        .filter(rank__lte=NAMES_PER_UNIT)
        .order_by("unit_id", "id")
        .values_list("pk", "name", "position", "level", "unit_id")
    )
    for pk, name, position, level, unit_id in ranked:
        by_unit[unit_id].unreached.append(Cadre(pk, name, position, level))
