"""The scope core: which units' rows a user reaches, as tree-path prefixes.

Every list, detail, export, count and API endpoint filters through `unit_scope_q`, usually via a
`visible_to(user)` QuerySet method. A role's scope is the subtree of the unit it is held at; a
派驻纪检组's scope adds the subtrees of the units it supervises. It lives beside RoleAssignment
because the QuerySets of every model (Unit and Person included) are built on it.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Self, TypeVar

from django.db import models
from django.db.models import Q

from .roles import BUSINESS_ROLES, Role, RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .people import User

_CACHE_ATTR = "_mingjian_role_cache"
_PATHS_ATTR = "_mingjian_scope_paths"  # roles -> paths, beside the role rows they come from
ROOTS_ATTR = "_mingjian_root_paths"  # the tree's root paths (units.scope_is_whole_tree)


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
    for attr in (_CACHE_ATTR, _PATHS_ATTR, ROOTS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


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
    # Asked some sixty times per 工作台 (every section's visible_to and unit_scope_q): worked out
    # once per request and role set, like the role rows themselves.
    memo: dict[frozenset[str], list[str]] | None = getattr(user, _PATHS_ATTR, None)
    if memo is None:
        memo = {}
        if user.is_authenticated:
            setattr(user, _PATHS_ATTR, memo)
    if roles not in memo:
        paths: set[str] = set()
        for a in role_assignments(user):
            if a.role not in roles:
                continue
            paths.add(a.unit.path)
            if a.role == Role.STATIONED:
                paths.update(u.path for u in a.unit.supervised_units.all())
        memo[roles] = _minimal(paths)
    return list(memo[roles])


def path_in_scope(user: User | AnonymousUser, path: str, roles: frozenset[str] = BUSINESS_ROLES) -> bool:
    """Whether the unit at `path` lies in the user's scope for `roles`."""
    return any(path.startswith(p) for p in scope_paths(user, roles))


def unit_scope_q(
    user: User | AnonymousUser,
    *,
    roles: frozenset[str] = BUSINESS_ROLES,
    prefix: str = "unit__",
    org_data: bool = False,
) -> Q:
    """Q for rows whose unit lies in the user's scope for `roles`; matches nothing when empty.

    `prefix` is the lookup path to the owning Unit ("unit__" for a unit FK, "" for Unit itself).
    System and security administrators see the whole org tree, people and accounts (they manage
    them, `org_data=True`) but no business content.
    """
    if org_data and has_role(user, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        return Q()
    paths = scope_paths(user, roles)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in paths))


_M = TypeVar("_M", bound=models.Model)


class UnitScopedQuerySet(models.QuerySet[_M]):
    """Rows owned by a unit (a `unit` foreign key); visibility follows the org tree."""

    unit_field = "unit"

    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, prefix=f"{self.unit_field}__"))
