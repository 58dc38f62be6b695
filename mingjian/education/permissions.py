"""Who does what in 警示教育, in the words of the org policy module.

The organiser side (anyone who may act in the organiser unit) plans the event, records that it
took place, keeps attendance and writes the summary. The summary is confirmed by a leader of
the organiser unit or the supervising side — never by whoever recorded the event or wrote the
summary (four eyes). A cohort unit's own people record 补学 and 心得体会 for their cadres.
岗位标签 are kept by the unit liaison.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mingjian.org import permissions
from mingjian.org.models import ACTING_ROLES, Role, Unit, path_in_scope, scope_paths

CONFIRMING_ROLES = frozenset({Role.UNIT_LEADER, Role.COMMISSION, Role.STATIONED})
TAGGING_ROLES = frozenset({Role.UNIT_LIAISON})


def can_create_events(user: Any) -> bool:
    return bool(scope_paths(user, ACTING_ROLES))


def acting_units(user: Any) -> QuerySet[Unit]:
    """Units an event may be organised by or aimed at: where the user may act."""
    return Unit.objects.in_scope(user, ACTING_ROLES).filter(is_active=True)


def can_manage(user: Any, event: Any) -> bool:
    return permissions.can_act_in(user, event.unit)


def can_confirm(user: Any, event: Any) -> bool:
    if user.pk in (event.created_by_id, event.summary_by_id):
        return False
    return path_in_scope(user, event.unit.path, CONFIRMING_ROLES)


def can_record_for(user: Any, attendance: Any) -> bool:
    """补学 and 心得体会 of one cadre: the organiser side or the cadre's own unit."""
    return can_manage(user, attendance.event) or permissions.can_act_in(user, attendance.person.unit)


def can_record_any(user: Any, event: Any) -> bool:
    """Whether the user may record 补学 / 心得体会 for some cadre of the event."""
    if can_manage(user, event):
        return True
    return any(permissions.can_act_in(user, unit) for unit in event.cohort_units.all())


def can_tag(user: Any, unit: Unit) -> bool:
    return path_in_scope(user, unit.path, TAGGING_ROLES)


def taggable_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.in_scope(user, TAGGING_ROLES).filter(is_active=True)


def may_keep_tags(user: Any) -> bool:
    """Whether taggable_units holds any unit — asked by the navigation on every page, so
    answered from the role rows already loaded: a role's own unit lies in its scope, and the
    database is asked only when every such unit is inactive."""
    held = [a for a in permissions.role_assignments(user) if a.role in TAGGING_ROLES]
    return any(a.unit.is_active for a in held) or (bool(held) and taggable_units(user).exists())
