"""Writes to the organisation: units, people, accounts and roles.

Each function checks the capability, changes the rows and records the audit event in one
transaction. Views, the API and management commands all come through here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org import permissions
from mingjian.org.models import ADMIN_ROLES, Person, Role, RoleAssignment, Unit, User
from mingjian.org.tokens import revoke_tokens


def _changes(obj: Any, before: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {f: [str(before.get(f)), str(getattr(obj, f))] for f in fields if before.get(f) != getattr(obj, f)}


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


@transaction.atomic
def save_unit(unit: Unit, *, by: User, before: dict[str, Any] | None = None) -> Unit:
    """Create or update a unit from a validated form instance; a parent change moves the subtree."""
    if not permissions.can_manage_units(by):
        raise PermissionDenied
    if unit.pk is None:
        unit.save()
        record(by, "org.unit.created", unit, parent=unit.parent_id, kind=unit.kind, field=unit.field)
        return unit
    old = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.parent_id != old.parent_id:
        _move_subtree(unit, old)
    unit.save()
    fields = [
        "name",
        "short_name",
        "full_name",
        "code",
        "doc_code",
        "office_name",
        "kind",
        "field",
        "sort_order",
        "is_active",
    ]
    record(by, "org.unit.updated", unit, changes=_changes(unit, before or snapshot(old, fields), fields))
    return unit


def _move_subtree(unit: Unit, old: Unit) -> None:
    if unit.parent is not None and unit.parent.is_within(old):
        raise ValidationError({"parent": "不能把单位移到它自己或其下级单位之下。"})
    new_path, new_depth = unit.compute_path()
    shift = new_depth - old.depth
    # One UPDATE rewrites every descendant's path prefix (and depth) in place.
    Unit.objects.filter(path__startswith=old.path).update(
        path=Concat(Value(new_path), Substr("path", Length(Value(old.path)) + 1)),
        depth=F("depth") + shift,
    )
    unit.path, unit.depth = new_path, new_depth


@transaction.atomic
def save_person(person: Person, *, by: User) -> Person:
    if not permissions.can_manage_people(by, person.unit):
        raise PermissionDenied
    created = person.pk is None
    person.save()
    record(
        by,
        "org.person.created" if created else "org.person.updated",
        person,
        name=person.name,
        position=person.position,
        level=person.level,
    )
    return person


@transaction.atomic
def create_user(
    *, by: User, username: str, full_name: str, unit: Unit | None, password: str, **extra: Any
) -> User:
    if not permissions.can_manage_users(by):
        raise PermissionDenied
    user = User(username=username, full_name=full_name, unit=unit, **extra)
    user.set_password(password)
    user.save()
    record(by, "org.user.created", user, unit=unit, username=username)
    return user


@transaction.atomic
def save_user(user: User, *, by: User, changed: list[str]) -> User:
    if not permissions.can_manage_users(by):
        raise PermissionDenied
    user.save()
    record(by, "org.user.updated", user, unit=user.unit, fields=sorted(changed))
    return user


@transaction.atomic
def set_user_active(user: User, *, by: User, active: bool) -> User:
    if not permissions.can_manage_users(by):
        raise PermissionDenied
    if user.pk == by.pk and not active:
        raise ValidationError("不能停用自己的账号。")
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(by, "org.user.activated" if active else "org.user.deactivated", user, unit=user.unit)
    if not active:
        revoke_tokens(user, reason="deactivated", by=by)
    return user


def _check_separation(user: User, role: str) -> None:
    """三员分立: an administrator account holds exactly one role, and nothing else."""
    held = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    if not held:
        return
    if role in ADMIN_ROLES and held != {role}:
        labels = "、".join(Role(r).label for r in sorted(held))
        raise ValidationError(f"三员分立：该账号已有角色（{labels}），不能再授予{Role(role).label}。")
    if role not in ADMIN_ROLES and held & ADMIN_ROLES:
        admin = Role(next(iter(held & ADMIN_ROLES))).label
        raise ValidationError(f"三员分立：{admin}账号不能兼任业务角色。")
    # The liaison drafts and the leader signs: one account can never be both (a liaison is
    # never a 责任领导, and no one signs off their own work).
    if {role, *held} >= {Role.UNIT_LIAISON, Role.UNIT_LEADER}:
        raise ValidationError("单位联络员与单位领导须由不同账号担任，联络员不能兼任责任领导。")


@transaction.atomic
def grant_role(user: User, *, by: User, role: str, unit: Unit) -> RoleAssignment:
    if not permissions.can_manage_roles(by):
        raise PermissionDenied
    # Lock the account row so two grants cannot both pass the separation check.
    User.objects.select_for_update().get(pk=user.pk)
    if user.pk == by.pk:
        raise ValidationError("不能给自己授权。")
    _check_separation(user, role)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"granted_by": by}
    )
    if not created:
        raise ValidationError("该用户在此单位已有这个角色。")
    record(by, "org.role.granted", user, unit=unit, role=role)
    permissions.forget_roles(user)
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, by: User) -> None:
    if not permissions.can_manage_roles(by):
        raise PermissionDenied
    record(by, "org.role.revoked", assignment.user, unit=assignment.unit, role=assignment.role)
    assignment.delete()
    permissions.forget_roles(assignment.user)


@transaction.atomic
def unlock_user(user: User, *, by: User) -> User:
    if not permissions.can_manage_roles(by):
        raise PermissionDenied
    user.locked_until = None
    user.failed_login_count = 0
    user.save(update_fields=["locked_until", "failed_login_count"])
    record(by, "org.user.unlocked", user, unit=user.unit)
    return user


@transaction.atomic
def reset_password(user: User, *, by: User, password: str) -> User:
    if not permissions.can_manage_roles(by):
        raise PermissionDenied
    user.set_password(password)
    user.locked_until = None
    user.failed_login_count = 0
    user.save()
    record(by, "org.user.password_reset", user, unit=user.unit)
    revoke_tokens(user, reason="password_reset", by=by)
    return user


@transaction.atomic
def change_own_password(user: User, *, password: str) -> User:
    user.set_password(password)
    user.save(update_fields=["password", "has_demo_password", "password_changed_at"])
    record(user, "auth.password_changed", user, unit=user.unit, at=timezone.now())
    revoke_tokens(user, reason="password_changed", by=user)
    return user
