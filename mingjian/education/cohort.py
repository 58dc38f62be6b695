"""The target cohort of an event, or of a coverage query: units (chosen units, with or without
their sub-units, optionally narrowed to one field) × 职级 × 岗位标签."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from mingjian.education.models import PersonTag, PostTag
from mingjian.org.models import Person, Unit


def resolve_units(targets: Iterable[Unit], *, include_subunits: bool, field: str = "") -> QuerySet[Unit]:
    chosen = list(targets)
    if not chosen:
        return Unit.objects.none()
    if include_subunits:
        units = Unit.objects.filter(reduce(or_, (Q(path__startswith=u.path) for u in chosen)))
    else:
        units = Unit.objects.filter(pk__in=[u.pk for u in chosen])
    if field:
        units = units.filter(field=field)
    return units.filter(is_active=True)


def cohort_people(
    units: QuerySet[Unit], *, levels: Iterable[str] = (), tags: Iterable[PostTag] = ()
) -> QuerySet[Person]:
    """Active cadres of `units` at one of `levels` holding one of `tags` (an empty filter: all)."""
    people = Person.objects.filter(unit__in=units, is_active=True)
    levels, tags = list(levels), list(tags)
    if levels:
        people = people.filter(level__in=levels)
    if tags:
        people = people.filter(pk__in=PersonTag.objects.filter(tag__in=tags).values("person"))
    return people
