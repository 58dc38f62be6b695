"""警示教育覆盖率: the share of a cohort reached in the last 12 months by at least one event that
used a case of the cadre's own field, per unit, with the names of those not reached.

Counts only cadres in the viewer's own business scope, so a total never reveals other units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet

from mingjian.education.cohort import cohort_people
from mingjian.education.models import Attendance, PostTag
from mingjian.org.models import Unit, unit_scope_q

WINDOW_MONTHS = 12


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
    unreached: list[Cadre] = field(default_factory=list)

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
    rows: list[UnitCoverage]

    @property
    def cohort(self) -> int:
        return sum(r.cohort for r in self.rows)

    @property
    def reached(self) -> int:
        return sum(r.reached for r in self.rows)

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
) -> Coverage:
    since, until = window(today, months)
    people = cohort_people(units, levels=levels, tags=tags).filter(unit_scope_q(user))
    reached = set(
        Attendance.objects.filter(person__in=people.values("pk"))
        .reached_between(since, until)
        .values_list("person_id", flat=True)
        .distinct()
    )
    grouped: dict[int, list[Cadre]] = defaultdict(list)
    rows = people.order_by("unit__path", "id").values_list("pk", "name", "position", "level", "unit_id")
    for pk, name, position, level, unit_id in rows.iterator(chunk_size=2_000):
        grouped[unit_id].append(Cadre(pk, name, position, level))
    units_by_id = Unit.objects.in_bulk(list(grouped))
    found = []
    for unit_id, cadres in grouped.items():
        unreached = [c for c in cadres if c.pk not in reached]
        found.append(UnitCoverage(units_by_id[unit_id], len(cadres), len(cadres) - len(unreached), unreached))
    return Coverage(since, until, sorted(found, key=lambda r: r.unit.path))
