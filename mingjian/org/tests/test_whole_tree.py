"""A scope that holds every unit walks with no unit test (scope_is_whole_tree): it must hold
every root, or a second tree's rows would leak into its lists."""

from __future__ import annotations

from typing import Any

import pytest

from mingjian.org import permissions
from mingjian.org.models import Role, scope_is_whole_tree
from mingjian.org.tests.factories import UnitFactory, user_with_role
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def _walked(user: Any) -> set[int]:
    return set(Task.objects.visible_to(user, plan="walk").values_list("pk", flat=True))


def test_only_a_scope_over_every_root_is_the_whole_tree(org: Any, django_assert_num_queries: Any) -> None:
    province = user_with_role(Role.COMMISSION, org.city, username="province")
    assert scope_is_whole_tree(province)
    assert not scope_is_whole_tree(org.liaison)
    permissions.role_assignments(org.liaison)
    with django_assert_num_queries(0):  # no root in the scope: decided without the database
        assert not scope_is_whole_tree(org.liaison)

    other = UnitFactory(name="另一市", code="other")
    permissions.forget_roles(province)
    assert not scope_is_whole_tree(province)
    both = user_with_role(Role.COMMISSION, other, username="both")
    both.roles.create(role=Role.COMMISSION, unit=org.city)
    permissions.forget_roles(both)
    assert scope_is_whole_tree(both)


def test_a_walk_over_one_of_two_trees_still_tests_the_unit(org: Any) -> None:
    here = TaskFactory(problem__unit=org.bureau_a)
    elsewhere = TaskFactory(problem__unit=UnitFactory(name="另一市", code="other"))
    province = user_with_role(Role.COMMISSION, org.city, username="province")
    assert _walked(province) == {here.pk}
    assert elsewhere.pk not in _walked(province)
    both = user_with_role(Role.COMMISSION, elsewhere.unit, username="both")
    both.roles.create(role=Role.COMMISSION, unit=org.city)
    permissions.forget_roles(both)
    assert _walked(both) == {here.pk, elsewhere.pk}
