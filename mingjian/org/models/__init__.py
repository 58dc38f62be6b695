"""Organisation: the unit tree, cadres (Person), accounts (User), per-unit roles and the scope
rule built on them."""

from .people import AccountManager, OrgDataQuerySet, Person, PersonQuerySet, User
from .roles import (
    ACTING_ROLES,
    ADMIN_ROLES,
    BUSINESS_ROLES,
    INSPECTION_ROLES,
    SUPERVISING_ROLES,
    UNIT_ROLES,
    Role,
    RoleAssignment,
)
from .scope import (
    UnitScopedQuerySet,
    forget_roles,
    has_role,
    path_in_scope,
    role_assignments,
    roles_of,
    scope_paths,
    unit_scope_q,
)
from .units import Field, Unit, UnitQuerySet, scope_is_whole_tree

__all__ = [
    "ACTING_ROLES",
    "ADMIN_ROLES",
    "BUSINESS_ROLES",
    "INSPECTION_ROLES",
    "SUPERVISING_ROLES",
    "UNIT_ROLES",
    "AccountManager",
    "Field",
    "OrgDataQuerySet",
    "Person",
    "PersonQuerySet",
    "Role",
    "RoleAssignment",
    "Unit",
    "UnitQuerySet",
    "UnitScopedQuerySet",
    "User",
    "forget_roles",
    "has_role",
    "path_in_scope",
    "role_assignments",
    "roles_of",
    "scope_is_whole_tree",
    "scope_paths",
    "unit_scope_q",
]
