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
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from mingjian.education.cohort import cohort_people
from mingjian.education.models import Attendance, PostTag
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

    The counts are grouped in the database and names are read only for the page's units: a
    province's cohort is 200,000 cadres, which neither a page nor a response can list."""
    since, until = window(today, months)
    people = cohort_people(units, levels=levels, tags=tags).filter(unit_scope_q(user))
    reached = Attendance.objects.reached_between(since, until)
    reached_ids = reached.filter(person__in=people.values("pk")).values("person_id")
    counts = (
        people.order_by()
        .values("unit_id")
        .annotate(cohort=Count("pk"), reached=Count("pk", filter=Q(pk__in=reached_ids)))
        .values_list("unit_id", "cohort", "reached")
    )
    by_unit = {unit_id: (cohort, n_reached) for unit_id, cohort, n_reached in counts}
    # Only ids for the ordering: building 2,000 Unit objects cost more than all the counting.
    ordered = list(Unit.objects.filter(pk__in=list(by_unit)).order_by("path").values_list("pk", flat=True))
    shown = Paginator(ordered, PAGE_UNITS).get_page(page)
    units_on_page = Unit.objects.in_bulk(list(shown))
    rows = [UnitCoverage(units_on_page[pk], *by_unit[pk]) for pk in shown]
    page_units = [row.unit.pk for row in rows]
    reached_here = reached.filter(person__unit_id__in=page_units).values("person_id")
    _fill_unreached(rows, people.filter(unit_id__in=page_units).exclude(pk__in=reached_here))
    return Coverage(
        since,
        until,
        cohort=sum(c for c, _ in by_unit.values()),
        reached=sum(r for _, r in by_unit.values()),
        rows=rows,
        page=shown,
    )


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
