"""Who does what in 廉政风险防控, in the words of the org policy module.

The register is the unit's own (主体责任): its liaison and leaders keep it — register, edit,
import, confirm or decline what was pushed, review it in the yearly 排查, and improve controls
that failed. The supervising side (纪委监委 / 派驻组 over the unit) reads it, pushes risks to
same-field units, deploys the yearly 排查 and flags 防控失效. Either side may put a risk point of
an approved 案件剖析 into the case unit's register in one click.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, Unit


def keeps_register(user: Any, unit: Unit) -> bool:
    return permissions.is_unit_side(user, unit) and permissions.can_act_in(user, unit)


def register_units(user: Any) -> QuerySet[Unit]:
    """Units (and 科室) whose register rows the user may write."""
    return Unit.objects.in_scope(user, UNIT_ROLES).filter(is_active=True).order_by("path")


def can_keep_any(user: Any) -> bool:
    # Every unit role acts, so each unit of register_units() passes keeps_register().
    return register_units(user).exists()


def can_take(user: Any, unit: Unit) -> bool:
    """纳入风险库 from an approved analysis of a case of `unit`."""
    return keeps_register(user, unit) or permissions.can_supervise(user, unit)


def can_push(user: Any, row: Any) -> bool:
    return permissions.can_supervise(user, row.unit)


def can_flag(user: Any, row: Any) -> bool:
    return permissions.can_supervise(user, row.unit) or keeps_register(user, row.unit)


def can_launch_screenings(user: Any) -> bool:
    return permissions.is_supervisor(user)


def push_targets(user: Any, row: Any) -> QuerySet[Unit]:
    """Same-field units the user supervises, outside the row's own unit: where a risk may go."""
    return (
        Unit.objects.in_scope(user, permissions.SUPERVISING_ROLES)
        .filter(field=row.unit.leadership_unit().field, is_active=True)
        .exclude(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.COMMISSION, Unit.Kind.STATIONED])
        .exclude(path__startswith=row.unit.leadership_unit().path)
        .order_by("path")
    )


def screening_units(user: Any) -> QuerySet[Unit]:
    """Units the yearly 排查 may be deployed to: those the user supervises (not 科室 or 纪检 bodies)."""
    return (
        Unit.objects.in_scope(user, permissions.SUPERVISING_ROLES)
        .filter(is_active=True)
        .exclude(
            kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.COMMISSION, Unit.Kind.STATIONED, Unit.Kind.INSPECTION]
        )
        .order_by("path")
    )
