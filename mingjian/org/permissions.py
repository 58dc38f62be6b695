"""The one policy module: who sees which units, and who may do what.

Visibility is a set of unit-tree prefixes per user (`scope_paths`). Every list, detail, export,
count and API endpoint filters through `unit_scope_q`, usually via `visible_to(user)`, and
looks single objects up with `get_visible_or_404`, so what a user may not see is a 404.
Capabilities are plain `can_*` functions shared by views, API and management commands.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from mingjian.org.models import Role, RoleAssignment, Unit, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

# Roles that see business content (cases, tasks…) within their scope.
BUSINESS_ROLES = frozenset(
    {Role.COMMISSION, Role.STATIONED, Role.UNIT_LEADER, Role.UNIT_LIAISON, Role.LEADER_READONLY}
)
# Roles that act (write) within their scope; the read-only leader only reads.
ACTING_ROLES = frozenset({Role.COMMISSION, Role.STATIONED, Role.UNIT_LEADER, Role.UNIT_LIAISON})
SUPERVISING_ROLES = frozenset({Role.COMMISSION, Role.STATIONED})
# The unit's own people: they answer 建议书, work on tasks and can be named 责任领导.
UNIT_ROLES = frozenset({Role.UNIT_LIAISON, Role.UNIT_LEADER})

_CACHE_ATTR = "_mingjian_role_cache"


def role_assignments(user: User | AnonymousUser) -> list[RoleAssignment]:
    """The user's role rows with units (and supervised units), loaded once per request."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[RoleAssignment] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user)
            .select_related("unit")
            .prefetch_related("unit__supervised_units")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: User) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user: User | AnonymousUser) -> set[str]:
    return {a.role for a in role_assignments(user)}


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def _minimal(paths: set[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix (fewer OR terms in every query)."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return sorted(kept)


def scope_paths(user: User | AnonymousUser, roles: frozenset[str] = BUSINESS_ROLES) -> list[str]:
    paths: set[str] = set()
    for a in role_assignments(user):
        if a.role not in roles:
            continue
        paths.add(a.unit.path)
        if a.role == Role.STATIONED:
            paths.update(u.path for u in a.unit.supervised_units.all())
    return _minimal(paths)


def unit_scope_q(user: User | AnonymousUser, *, prefix: str = "unit__", org_data: bool = False) -> Q:
    """Q for rows whose unit lies in the user's scope; matches nothing when the scope is empty.

    `prefix` is the lookup path to the owning Unit ("unit__" for a unit FK, "" for Unit itself).
    System and security administrators see the whole org tree, people and accounts (they manage
    them, `org_data=True`) but no business content.
    """
    if org_data and has_role(user, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        return Q()
    paths = scope_paths(user)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


class _VisibleManager(Protocol):
    def visible_to(self, user: Any) -> Any: ...


M = TypeVar("M", bound=Model)


def get_visible_or_404(model: type[M], user: User | AnonymousUser, **lookup: Any) -> M:
    """The object if the user may see it; otherwise 404, never revealing that it exists."""
    manager: _VisibleManager = model._default_manager  # type: ignore[assignment]
    try:
        obj: M = manager.visible_to(user).get(**lookup)
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


def can_manage_people(user: User | AnonymousUser, unit: Unit) -> bool:
    """Keep the cadre roster of a unit: the system admin anywhere, a unit's liaison at home."""
    if has_role(user, Role.SYSTEM_ADMIN):
        return True
    return any(unit.is_within(u) for u in _units_with(user, frozenset({Role.UNIT_LIAISON})))


def can_act_in(user: User | AnonymousUser, unit: Unit) -> bool:
    """May write business records of `unit` (not the read-only leader)."""
    return any(unit.path.startswith(p) for p in scope_paths(user, ACTING_ROLES))


def can_supervise(user: User | AnonymousUser, unit: Unit) -> bool:
    """纪委监委 or the 派驻纪检组 over `unit`: issues, reviews and verifies."""
    return any(unit.path.startswith(p) for p in scope_paths(user, SUPERVISING_ROLES))


def users_over(unit: Unit, roles: frozenset[str]) -> QuerySet[User]:
    """Active users holding one of `roles` at the unit or a unit above it (for a 派驻组: over it)."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/")]
    q = Q(role__in=roles, unit_id__in=ancestors)
    if Role.STATIONED in roles:
        q |= Q(role=Role.STATIONED, unit__supervised_units__id__in=ancestors)
    holders = RoleAssignment.objects.filter(q).values("user_id")
    found: QuerySet[User] = User.objects.filter(pk__in=holders, is_active=True)
    return found
