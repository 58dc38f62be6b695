"""The register rows: who keeps them, the people chosen (never typed), and the push lifecycle."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.org.tests.factories import leader_of
from mingjian.risks import services
from mingjian.risks.models import RiskPoint
from mingjian.risks.tests.factories import head_of, row
from mingjian.workflow.services import TransitionError

S = RiskPoint.Status


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss")


def test_the_unit_registers_its_own_rows(org: Any, boss: Any) -> None:
    made = row(org.liaison, org.a_dept, boss, dept_head=head_of(org.a_dept))
    assert made.status == S.ACTIVE and made.source == RiskPoint.Source.MANUAL and made.leader == boss
    with pytest.raises(PermissionDenied):  # the supervising side reads it, the unit keeps it
        row(org.inspector, org.bureau_a, boss)
    with pytest.raises(PermissionDenied):
        row(org.outsider, org.bureau_a, boss)


def test_people_come_from_the_roster_and_the_leadership(org: Any, boss: Any) -> None:
    with pytest.raises(ValidationError) as bad:
        row(org.liaison, org.bureau_a, org.liaison, dept_head=head_of(org.bureau_b))
    errors = bad.value.message_dict
    assert "班子成员" in errors["leader"][0] and "干部名册" in errors["dept_head"][0]


def test_a_row_in_force_names_controls_and_a_leader(org: Any, boss: Any) -> None:
    with pytest.raises(ValidationError) as bad:
        row(org.liaison, org.bureau_a, None, controls="")  # type: ignore[arg-type]
    assert set(bad.value.message_dict) == {"controls", "leader"}


def test_a_pushed_row_is_confirmed_with_own_controls_or_declined(org: Any, boss: Any) -> None:
    source = row(org.outsider, org.bureau_b, leader_of(org.bureau_b, username="b-boss"))
    group_units = [org.bureau_a]
    # The 纪委 pushes (same field is checked by push_targets; here the field is set to match).
    org.bureau_b.field = org.bureau_a.field
    org.bureau_b.save()
    (copy,) = services.push_risk(source, by=org.inspector, units=group_units)
    assert copy.status == S.PENDING and copy.pushed_from == source and copy.unit == org.bureau_a
    with pytest.raises(TransitionError, match="责任领导"):
        services.confirm_risk(copy, by=org.liaison, controls="本单位措施")
    confirmed = services.confirm_risk(copy, by=org.liaison, controls="本单位措施", leader=boss)
    assert confirmed.status == S.ACTIVE and confirmed.controls == "本单位措施"
    with pytest.raises(TransitionError):
        services.decline_risk(confirmed, by=org.liaison, reason="不适用")


def test_decline_and_retire_need_reasons(org: Any, boss: Any) -> None:
    made = row(org.liaison, org.bureau_a, boss)
    with pytest.raises(TransitionError, match="撤销的理由"):
        services.retire_risk(made, by=org.liaison, reason="")
    assert services.retire_risk(made, by=org.liaison, reason="职能已划转").status == S.RETIRED
    with pytest.raises(TransitionError):
        services.update_risk(made, services.RiskInput(org.bureau_a, "岗", "点"), by=org.liaison)
