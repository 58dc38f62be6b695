"""登记问题's units as one query (permissions.units_for_new_problem) are exactly the units in
scope that is_issuer_side accepts one by one, for every kind of account."""

from __future__ import annotations

from typing import Any

import pytest

from mingjian.org.models import Unit
from mingjian.rectification.permissions import is_issuer_side, issuer_for, units_for_new_problem

ACCOUNTS = ["liaison", "outsider", "child", "parent", "inspector", "stationed", "leader", "sysadmin"]


@pytest.mark.parametrize("name", ACCOUNTS)
def test_the_query_matches_the_rule_unit_by_unit(org: Any, name: str) -> None:
    user = getattr(org, name)
    issuer = issuer_for(user)
    expected = (
        {u for u in Unit.objects.in_scope(user) if is_issuer_side(user, u, issuer)} if issuer else set()
    )
    assert set(units_for_new_problem(user)) == expected


def test_the_rule_is_not_everything_in_scope(org: Any) -> None:
    # A read-only leader sees the city's records but gives no work; the 纪委 gives it everywhere.
    assert Unit.objects.in_scope(org.leader).exists()
    assert not units_for_new_problem(org.leader).exists()
    assert set(units_for_new_problem(org.inspector)) >= {org.bureau_a, org.bureau_b}
