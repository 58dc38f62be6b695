"""The one policy module: who sees which units, and who may do what.

Visibility is a set of unit-tree prefixes per user (`scope_paths`). Every list, detail, export,
count and API endpoint filters through `unit_scope_q`, usually via `visible_to(user)`, and
looks single objects up with `get_visible_or_404`, so what a user may not see is a 404.
Capabilities are plain `can_*` functions shared by views, API and management commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from mingjian.org.models import (
    ACTING_ROLES,
    BUSINESS_ROLES,
    SUPERVISING_ROLES,
    UNIT_ROLES,
    Role,
    RoleAssignment,
    Unit,
    User,
    forget_roles,
    has_role,
    path_in_scope,
    role_assignments,
    roles_of,
    scope_paths,
    unit_scope_q,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# The scope core lives beside RoleAssignment (org.models.scope); it is re-exported here so that
# the policy module stays the one place callers look.
__all__ = [
    "ACTING_ROLES",
    "BUSINESS_ROLES",
    "SUPERVISING_ROLES",
    "UNIT_ROLES",
    "forget_roles",
    "has_role",
    "role_assignments",
    "roles_of",
    "scope_paths",
    "unit_scope_q",
]


class _VisibleManager(Protocol):
    def visible_to(self, user: Any) -> Any: ...


M = TypeVar("M", bound=Model)


def get_visible_or_404(
    model: type[M], user: User | AnonymousUser, *, related: tuple[str, ...] = (), **lookup: Any
) -> M:
    """The object if the user may see it; otherwise 404, never revealing that it exists.
    `related`: what to read with it in the same query (select_related)."""
    manager: _VisibleManager = model._default_manager  # type: ignore[assignment]
    try:
        obj: M = manager.visible_to(user).select_related(*related).get(**lookup)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None
    return obj


def _units_with(user: User | AnonymousUser, roles: frozenset[str]) -> list[Unit]:
    return [a.unit for a in role_assignments(user) if a.role in roles]


# ---- capabilities -------------------------------------------------------------------------


def can_manage_units(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_users(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_roles(user: User | AnonymousUser) -> bool:
    """Grant and revoke roles, unlock accounts, reset passwords: the security administrator."""
    return has_role(user, Role.SECURITY_ADMIN)


def can_view_audit(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.AUDIT_ADMIN)


def can_read_org_tree(user: User | AnonymousUser) -> bool:
    """The unit pages: business users, and the administrators who keep units and roles (the
    审计管理员 reads the trail, not the organisation pages)."""
    return has_business_scope(user) or can_manage_units(user) or can_manage_roles(user)


def can_manage_people(user: User | AnonymousUser, unit: Unit) -> bool:
    """Keep the cadre roster of a unit: the system admin anywhere, a unit's liaison at home."""
    if has_role(user, Role.SYSTEM_ADMIN):
        return True
    return any(unit.is_within(u) for u in _units_with(user, frozenset({Role.UNIT_LIAISON})))


def has_business_scope(user: User | AnonymousUser) -> bool:
    """Sees some business content (cases, tasks…): any business role at any unit."""
    return bool(scope_paths(user))


def is_supervisor(user: User | AnonymousUser) -> bool:
    """Holds a 纪委监委 or 派驻纪检组 role somewhere: may record cases, issue work, set policy."""
    return bool(scope_paths(user, SUPERVISING_ROLES))


def is_unit_member(user: User | AnonymousUser) -> bool:
    """Is a liaison or leader of some unit (answers 建议书, works on tasks)."""
    return bool(scope_paths(user, UNIT_ROLES))


def is_unit_leader(user: User | AnonymousUser) -> bool:
    """Is a leader of some unit: signs progress as 责任领导 and the unit's replies."""
    return bool(scope_paths(user, frozenset({Role.UNIT_LEADER})))


def can_act_in(user: User | AnonymousUser, unit: Unit) -> bool:
    """May write business records of `unit` (not the read-only leader)."""
    return path_in_scope(user, unit.path, ACTING_ROLES)


def can_supervise(user: User | AnonymousUser, unit: Unit) -> bool:
    """纪委监委 or the 派驻纪检组 over `unit`: issues, reviews and verifies."""
    return can_supervise_path(user, unit.path)


def can_supervise_path(user: User | AnonymousUser, path: str) -> bool:
    """can_supervise for a unit known only by its tree path (rows read without Unit objects)."""
    return path_in_scope(user, path, SUPERVISING_ROLES)


def is_unit_side(user: User | AnonymousUser, unit: Unit) -> bool:
    """The unit's own liaison or leader (or one of a unit above it): the side that answers a
    建议书 and works on, proves and submits its rectification."""
    return path_in_scope(user, unit.path, UNIT_ROLES)


def users_over(unit: Unit, roles: frozenset[str]) -> QuerySet[User]:
    """Active users holding one of `roles` at the unit or a unit above it (for a 派驻组: over it)."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/")]
    q = Q(role__in=roles, unit_id__in=ancestors)
    if Role.STATIONED in roles:
        q |= Q(role=Role.STATIONED, unit__supervised_units__id__in=ancestors)
    holders = RoleAssignment.objects.filter(q).values("user_id")
    found: QuerySet[User] = User.objects.filter(pk__in=holders, is_active=True)
    return found
