"""What cases feed into the register: 纳入风险库 in one click, 防控失效 when a case hits controls
already on record, and the push of a new risk to same-field units."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.cases import services as cases
from mingjian.cases.models import CaseAnalysis, IntegrityRisk
from mingjian.cases.tests.factories import AnalysisFactory, CaseFactory
from mingjian.notifications.models import Notification
from mingjian.org.models import Field
from mingjian.org.tests.factories import UnitFactory, leader_of, user_with_role
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.regulations.tests.factories import Loop, make_loop
from mingjian.risks import services
from mingjian.risks.models import ControlFailure, RiskPoint
from mingjian.risks.tests.factories import row
from mingjian.workflow.services import TransitionError

S = RiskPoint.Status


@pytest.fixture
def loop(org: Any) -> Loop:
    return make_loop(org)


def test_one_click_copies_the_risk_and_the_committed_measures(org: Any, loop: Loop) -> None:
    TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        problem__risk=loop.risk,
        measure="审核审批岗位分设。",
    )
    taken = services.take_from_analysis(loop.risk, by=org.liaison)
    made = taken.row
    assert made is not None and not taken.failures
    assert (made.unit, made.post, made.point, made.level) == (
        org.bureau_a,
        "低保审批权",
        loop.risk.description,
        "high",
    )
    assert (
        made.controls == "审核审批岗位分设"
        and made.source == RiskPoint.Source.ANALYSIS
        and made.source_risk == loop.risk
    )
    with pytest.raises(TransitionError, match="已纳入"):
        services.take_from_analysis(loop.risk, by=org.liaison)


def test_the_supervising_side_may_take_it_too_but_not_a_sibling(org: Any, loop: Loop) -> None:
    with pytest.raises(PermissionDenied):
        services.take_from_analysis(loop.risk, by=org.outsider)
    assert services.take_from_analysis(loop.risk, by=org.stationed).row is not None


def test_only_an_approved_analysis(org: Any, loop: Loop) -> None:
    CaseAnalysis.objects.filter(pk=loop.analysis.pk).update(status=CaseAnalysis.Status.SUBMITTED)
    with pytest.raises(TransitionError, match="已审定"):
        services.take_from_analysis(loop.risk, by=org.liaison)


def test_a_case_hitting_controls_on_record_flags_failure(org: Any, loop: Loop) -> None:
    existing = row(
        org.liaison, org.a_dept, loop.boss, post="低保审批权（社会救助科）", controls="审批由科长签字。"
    )
    unrelated = row(org.liaison, org.bureau_a, loop.boss, post="公车管理", point="公车私用")
    taken = services.take_from_analysis(loop.risk, by=org.liaison)
    assert taken.row is None
    (failure,) = taken.failures
    assert (
        failure.risk == existing
        and failure.case == loop.case
        and failure.status == ControlFailure.Status.OPEN
    )
    assert failure.controls_then == "审批由科长签字。"
    assert not unrelated.failures.exists()
    assert not RiskPoint.objects.filter(source_risk=loop.risk).exists()  # not registered twice


def test_approving_a_new_cases_analysis_flags_the_failure_by_itself(org: Any, loop: Loop) -> None:
    existing = row(org.liaison, org.a_dept, loop.boss, post="低保审批", controls="审批由科长签字。")
    analysis = AnalysisFactory(case__unit=org.a_dept, status=CaseAnalysis.Status.DRAFT)
    IntegrityRisk.objects.create(analysis=analysis, post="低保审批权", description="一人说了算")
    IntegrityRisk.objects.create(analysis=analysis, post="公车管理", description="公车私用")
    analysis = cases.submit_analysis(analysis, by=org.liaison)
    assert not existing.failures.exists()  # not before the 纪委 has approved the analysis
    analysis = cases.approve_analysis(analysis, by=org.inspector)
    (failure,) = ControlFailure.objects.all()
    assert (failure.risk, failure.case, failure.flagged_by) == (existing, analysis.case, org.inspector)
    # The 科室's row: told to its own liaison, the bureau's who keeps the register, and its 责任领导.
    told = Notification.objects.filter(url=existing.get_absolute_url(), key__startswith="risk-failure:")
    assert set(told.values_list("recipient", flat=True)) == {org.child.pk, org.liaison.pk, loop.boss.pk}
    analysis = cases.reopen_analysis(analysis, by=org.inspector)
    analysis = cases.submit_analysis(analysis, by=org.liaison)
    cases.approve_analysis(analysis, by=org.inspector)
    assert ControlFailure.objects.count() == 1  # approved again: flagged once


def test_a_case_never_fails_the_row_taken_from_its_own_analysis(org: Any, loop: Loop) -> None:
    taken = services.take_from_analysis(loop.risk, by=org.liaison).row
    assert taken is not None and taken.source_case == loop.case
    RiskPoint.objects.filter(pk=taken.pk).update(controls="审核审批分设。")
    IntegrityRisk.objects.create(analysis=loop.analysis, post="低保审批权", description="改写后的风险点")
    loop.risk.delete()  # the reopened analysis dropped the point the row came from
    services.flag_on_approval(loop.analysis, org.inspector)
    assert not ControlFailure.objects.exists()


def test_a_row_without_controls_cannot_fail(org: Any, loop: Loop) -> None:
    pushed = row(org.liaison, org.bureau_a, loop.boss)
    RiskPoint.objects.filter(pk=pushed.pk).update(controls="")
    assert services.take_from_analysis(loop.risk, by=org.liaison).row is not None


def test_resolving_a_failure_needs_new_controls(org: Any, loop: Loop) -> None:
    existing = row(org.liaison, org.bureau_a, loop.boss, controls="旧措施")
    (failure,) = services.take_from_analysis(loop.risk, by=org.liaison).failures
    with pytest.raises(TransitionError, match="不能与失效时相同"):
        services.resolve_failure(failure, by=org.liaison, controls="旧措施")
    with pytest.raises(PermissionDenied):
        services.resolve_failure(failure, by=org.inspector, controls="新措施")
    services.resolve_failure(failure, by=org.liaison, controls="审核审批分设，交叉复核。")
    existing.refresh_from_db()
    failure.refresh_from_db()
    assert (
        existing.controls == "审核审批分设，交叉复核。" and failure.status == ControlFailure.Status.RESOLVED
    )


def test_flag_by_hand_for_a_case_of_the_unit(org: Any, loop: Loop) -> None:
    existing = row(org.liaison, org.bureau_a, loop.boss, post="救助资金发放")
    other = CaseFactory(unit=org.bureau_b)
    with pytest.raises(TransitionError, match="不是测试市民政局的案例"):
        services.flag_failure(existing, by=org.inspector, case=other)
    services.flag_failure(existing, by=org.inspector, case=loop.case)
    with pytest.raises(TransitionError, match="已标记过"):
        services.flag_failure(existing, by=org.inspector, case=loop.case)


def test_push_goes_to_same_field_units_as_pending_once(org: Any, loop: Loop) -> None:
    made = services.take_from_analysis(loop.risk, by=org.liaison).row
    assert made is not None
    district = UnitFactory(name="东城区民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    finance = org.bureau_b  # 财政: another field
    clerk = user_with_role("unit_liaison", district, username="dc-clerk")
    with pytest.raises(PermissionDenied):
        services.push_risk(made, by=org.inspector, units=[finance])
    with pytest.raises(PermissionDenied):  # the unit itself does not push
        services.push_risk(made, by=org.liaison, units=[district])
    (copy,) = services.push_risk(made, by=org.inspector, units=[district])
    assert copy.status == S.PENDING and copy.unit == district and copy.controls == made.controls
    assert Notification.objects.filter(recipient=clerk, url=copy.get_absolute_url()).exists()
    assert services.push_risk(made, by=org.inspector, units=[district]) == []  # already there
    services.decline_risk(copy, by=clerk, reason="本单位无此权力事项")
    assert len(services.push_risk(made, by=org.inspector, units=[district])) == 1  # declined may be re-pushed


def test_leader_of_other_unit_is_refused(org: Any, loop: Loop) -> None:
    leader_b = leader_of(org.bureau_b, username="b-boss")
    with pytest.raises(ValidationError, match="班子成员"):
        row(org.liaison, org.bureau_a, leader_b)
