from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.audit.models import AuditEvent
from mingjian.org import services
from mingjian.org.models import Role, RoleAssignment, Unit
from mingjian.org.tests.factories import UnitFactory, UserFactory


def test_three_admin_roles_never_share_an_account(org: Any) -> None:
    with pytest.raises(ValidationError, match="三员分立"):
        services.grant_role(org.sysadmin, by=org.secadmin, role=Role.AUDIT_ADMIN, unit=org.city)
    assert set(RoleAssignment.objects.filter(user=org.sysadmin).values_list("role", flat=True)) == {
        Role.SYSTEM_ADMIN
    }


def test_business_account_cannot_become_admin(org: Any) -> None:
    with pytest.raises(ValidationError, match="三员分立"):
        services.grant_role(org.liaison, by=org.secadmin, role=Role.SYSTEM_ADMIN, unit=org.city)


def test_admin_account_cannot_take_business_role(org: Any) -> None:
    with pytest.raises(ValidationError, match="不能兼任业务角色"):
        services.grant_role(org.auditor, by=org.secadmin, role=Role.COMMISSION, unit=org.city)


def test_only_the_security_admin_grants_roles(org: Any) -> None:
    fresh = UserFactory(unit=org.bureau_a)
    with pytest.raises(PermissionDenied):
        services.grant_role(fresh, by=org.sysadmin, role=Role.UNIT_LIAISON, unit=org.bureau_a)
    services.grant_role(fresh, by=org.secadmin, role=Role.UNIT_LIAISON, unit=org.bureau_a)
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None
    assert (event.action, event.target_id, event.data) == (
        "org.role.granted",
        str(fresh.pk),
        {"role": "unit_liaison"},
    )


def test_nobody_grants_themselves(org: Any) -> None:
    with pytest.raises((ValidationError, PermissionDenied)):
        services.grant_role(org.secadmin, by=org.secadmin, role=Role.SECURITY_ADMIN, unit=org.bureau_a)


def test_revoke_is_audited(org: Any) -> None:
    assignment = RoleAssignment.objects.get(user=org.liaison)
    services.revoke_role(assignment, by=org.secadmin)
    assert not RoleAssignment.objects.filter(user=org.liaison).exists()
    assert AuditEvent.objects.filter(action="org.role.revoked", target_id=str(org.liaison.pk)).exists()


def test_moving_a_unit_rewrites_the_subtree_paths(org: Any) -> None:
    grandchild = UnitFactory(parent=org.a_dept)
    org.bureau_a.parent = org.bureau_b
    services.save_unit(org.bureau_a, by=org.sysadmin)
    grandchild.refresh_from_db()
    org.a_dept.refresh_from_db()
    assert org.a_dept.path == f"{org.bureau_b.path}{org.bureau_a.pk}/{org.a_dept.pk}/"
    assert grandchild.path == f"{org.a_dept.path}{grandchild.pk}/"
    assert grandchild.depth == 4
    assert set(Unit.objects.subtree(org.bureau_b)) == {org.bureau_b, org.bureau_a, org.a_dept, grandchild}


def test_unit_cannot_move_under_itself(org: Any) -> None:
    org.bureau_a.parent = org.a_dept
    with pytest.raises(ValidationError):
        services.save_unit(org.bureau_a, by=org.sysadmin)
    org.bureau_a.refresh_from_db()
    assert org.bureau_a.parent == org.city


def test_only_system_admin_manages_units(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.save_unit(Unit(name="新单位", code="new", kind=Unit.Kind.PARTY_GOVT), by=org.inspector)
    assert not Unit.objects.filter(code="new").exists()


def test_deactivating_yourself_is_refused(org: Any) -> None:
    with pytest.raises(ValidationError):
        services.set_user_active(org.sysadmin, by=org.sysadmin, active=False)
