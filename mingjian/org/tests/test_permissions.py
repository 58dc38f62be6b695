from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from mingjian.org import permissions
from mingjian.org.models import Person, Unit
from mingjian.org.tests.factories import PersonFactory


def _names(user: Any) -> set[str]:
    return set(Unit.objects.visible_to(user).values_list("name", flat=True))


def test_liaison_sees_own_subtree_only(org: Any) -> None:
    assert _names(org.liaison) == {"测试市民政局", "社会救助科"}


def test_child_unit_does_not_see_its_parent(org: Any) -> None:
    assert _names(org.child) == {"社会救助科"}


def test_commission_sees_its_whole_jurisdiction(org: Any) -> None:
    assert _names(org.inspector) == set(Unit.objects.values_list("name", flat=True))


def test_stationed_group_sees_itself_and_supervised_units(org: Any) -> None:
    assert _names(org.stationed) == {"派驻第一纪检监察组", "测试市民政局", "社会救助科"}


def test_admins_see_the_org_tree_but_no_business_scope(org: Any) -> None:
    assert _names(org.sysadmin) == set(Unit.objects.values_list("name", flat=True))
    assert permissions.scope_paths(org.sysadmin) == []
    assert _names(org.auditor) == set()


def test_people_follow_unit_visibility(org: Any) -> None:
    PersonFactory(unit=org.bureau_a, name="甲")
    PersonFactory(unit=org.bureau_b, name="乙")
    visible = set(Person.objects.visible_to(org.liaison).values_list("name", flat=True))
    assert visible == {"甲"}


def test_get_visible_or_404_hides_existence(org: Any) -> None:
    with pytest.raises(Http404):
        permissions.get_visible_or_404(Unit, org.outsider, pk=org.bureau_a.pk)
    assert permissions.get_visible_or_404(Unit, org.liaison, pk=org.bureau_a.pk) == org.bureau_a


def test_scope_paths_collapse_nested_prefixes(org: Any) -> None:
    from mingjian.org.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=org.liaison, role=Role.UNIT_LEADER, unit=org.a_dept)
    permissions.forget_roles(org.liaison)
    assert permissions.scope_paths(org.liaison) == [org.bureau_a.path]


def test_capabilities(org: Any) -> None:
    assert permissions.can_act_in(org.liaison, org.a_dept)
    assert not permissions.can_act_in(org.leader, org.bureau_a)  # read-only leader
    assert not permissions.can_act_in(org.outsider, org.bureau_a)
    assert permissions.can_supervise(org.stationed, org.bureau_a)
    assert not permissions.can_supervise(org.stationed, org.bureau_b)
    assert not permissions.can_supervise(org.liaison, org.bureau_a)
    assert permissions.can_manage_people(org.liaison, org.a_dept)
    assert not permissions.can_manage_people(org.child, org.bureau_a)


def test_inactive_user_sees_nothing(org: Any) -> None:
    org.inspector.is_active = False
    assert _names(org.inspector) == set()
