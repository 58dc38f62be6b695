"""岗位标签 in the navigation: shown exactly when the tags page opens, decided without a query
for the usual account (the navigation is drawn on every page)."""

from __future__ import annotations

from typing import Any

import pytest

from mingjian.education import permissions as perms
from mingjian.org import permissions
from mingjian.org.models import Unit
from mingjian.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_liaison_of_an_active_unit_tags_without_a_query(org: Any, django_assert_num_queries: Any) -> None:
    permissions.role_assignments(org.liaison)  # loaded once per request by the page shell
    with django_assert_num_queries(0):
        assert perms.may_keep_tags(org.liaison)
    assert perms.taggable_units(org.liaison).exists()


def test_only_tagging_roles_tag(org: Any) -> None:
    for user in (org.inspector, org.auditor, org.leader):
        assert not perms.may_keep_tags(user)
        assert not perms.taggable_units(user).exists()


def test_an_inactive_unit_still_tags_through_an_active_one_below_it(org: Any) -> None:
    UnitFactory(parent=org.bureau_a, name="下属中心")
    Unit.objects.filter(pk=org.bureau_a.pk).update(is_active=False)
    permissions.forget_roles(org.liaison)
    assert perms.may_keep_tags(org.liaison) and perms.taggable_units(org.liaison).exists()
    Unit.objects.filter(path__startswith=org.bureau_a.path).update(is_active=False)
    permissions.forget_roles(org.liaison)
    assert not perms.may_keep_tags(org.liaison) and not perms.taggable_units(org.liaison).exists()
