"""问责 records: 方式 by 问责条例第七条 in the case record's own vocabulary, the basis and deciding
body, what caused it, and a decision recorded by someone other than the drafter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.cases.models import AccountabilityMethod
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory, RecommendationFactory
from mingjian.duties import services
from mingjian.duties.display import masked
from mingjian.duties.forms import TalkForm
from mingjian.duties.models import Accountability
from mingjian.org.models import Person
from mingjian.workflow.services import TransitionError

from .conftest import Team

T = Accountability.Target


def _leader(team: Team, **changes: Any) -> services.AccountabilityInput:
    fields: dict[str, Any] = {
        "target": T.LEADER,
        "person": team.deputy_person,
        "methods": ["admonishment"],
        "basis": "分管科室发生违规审批低保问题，负有主要领导责任",
        "deciding_body": "中共测试市纪律检查委员会",
    }
    return services.AccountabilityInput(**(fields | changes))


@pytest.mark.parametrize(
    ("target", "methods", "message"),
    [
        (T.ORGANISATION, ["admonishment"], "对党组织问责不适用：诫勉（问责条例第七条）"),
        (T.LEADER, ["reorganisation", "examination"], "对领导干部问责不适用：检查、改组"),
        (T.LEADER, [], "请选择问责方式"),
        (T.LEADER, ["fine"], "不在规定范围内"),
    ],
)
def test_methods_follow_article_seven(target: str, methods: list[str], message: str) -> None:
    assert message in services.method_errors(target, methods)


def test_the_methods_are_the_case_records_vocabulary() -> None:
    assert {m for m in AccountabilityMethod.values if not services.method_errors(T.ORGANISATION, [m])} == {
        "examination",
        "circulation",
        "reorganisation",
    }
    assert {m for m in AccountabilityMethod.values if not services.method_errors(T.LEADER, [m])} == {
        "circulation",
        "admonishment",
        "org_adjustment",
        "disciplinary",
    }


def test_a_leader_held_to_account_over_a_case(org: Any, team: Team) -> None:
    case = CaseFactory(unit=org.bureau_a)
    rec = services.create_accountability(_leader(team, case=case), by=org.inspector)
    assert (rec.issuer, rec.unit, rec.person, rec.case) == (
        org.commission,
        org.bureau_a,
        team.deputy_person,
        case,
    )
    assert rec.method_labels == ["诫勉"] and rec.target_name == "李副局长"


def test_a_party_body_held_to_account_over_a_refused_recommendation(org: Any, team: Team) -> None:
    refused = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True)
    data = _leader(
        team,
        target=T.ORGANISATION,
        unit=org.bureau_a,
        person=None,
        methods=["circulation"],
        recommendation=refused,
    )
    rec = services.create_accountability(data, by=org.inspector)
    assert (rec.target_name, rec.person, rec.recommendation) == ("测试市民政局党组", None, refused)


def test_the_target_must_lie_in_the_bodys_supervision(org: Any, team: Team) -> None:
    with pytest.raises(ValidationError) as e:
        services.create_accountability(
            _leader(team, target=T.ORGANISATION, unit=org.bureau_b, person=None, methods=["circulation"]),
            by=org.stationed,  # the 派驻组 supervises bureau_a, not bureau_b
        )
    assert "unit" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.create_accountability(_leader(team, basis=" ", deciding_body=""), by=org.inspector)
    assert set(e.value.message_dict) == {"basis", "deciding_body"}


def test_only_a_supervising_body_drafts(org: Any, team: Team) -> None:
    for user in (org.liaison, team.secretary, org.parent, org.leader):
        with pytest.raises(PermissionDenied):
            services.create_accountability(_leader(team), by=user)


def test_the_drafter_never_records_the_decision(org: Any, team: Team, today: date) -> None:
    rec = services.submit_accountability(
        services.create_accountability(_leader(team), by=org.inspector), by=org.inspector
    )
    with pytest.raises(TransitionError, match="四眼原则"):
        services.decide_accountability(rec, by=org.inspector, decided_on=today)
    for user in (org.stationed, org.liaison):  # not staff of the proposing commission
        with pytest.raises(PermissionDenied):
            services.decide_accountability(rec, by=user, decided_on=today)
    with pytest.raises(TransitionError, match="晚于今天"):
        services.decide_accountability(rec, by=team.commissioner, decided_on=today + timedelta(days=1))
    rec = services.decide_accountability(
        rec, by=team.commissioner, decided_on=today, decision_number="测纪问〔2026〕1号"
    )
    assert (rec.status, rec.decided_by, rec.decision_number) == (
        "decided",
        team.commissioner,
        "测纪问〔2026〕1号",
    )


def test_an_editor_counts_as_a_drafter(org: Any, team: Team, today: date) -> None:
    rec = services.create_accountability(_leader(team), by=org.inspector)
    rec = services.update_accountability(rec, _leader(team, methods=["circulation"]), by=team.commissioner)
    rec = services.submit_accountability(rec, by=org.inspector)
    with pytest.raises(TransitionError, match="四眼原则"):
        services.decide_accountability(rec, by=team.commissioner, decided_on=today)


def test_return_needs_a_reason_and_reopens_the_draft(org: Any, team: Team) -> None:
    rec = services.submit_accountability(
        services.create_accountability(_leader(team), by=org.inspector), by=org.inspector
    )
    with pytest.raises(TransitionError, match="理由"):
        services.return_accountability(rec, by=team.commissioner, reason="")
    rec = services.return_accountability(rec, by=team.commissioner, reason="依据条款不准确")
    assert rec.status == "draft"
    with pytest.raises(TransitionError, match="起草中"):
        services.update_accountability(
            services.submit_accountability(rec, by=org.inspector), _leader(team), by=org.inspector
        )


def test_the_basis_reads_masked_outside_the_commission(org: Any, team: Team) -> None:
    case = CaseFactory(unit=org.bureau_a)
    CasePersonFactory(case=case, name="王大明")
    rec = services.create_accountability(
        _leader(team, case=case, basis="对王大明违规审批问题失察"), by=org.inspector
    )
    assert masked(rec.basis, rec.case, org.inspector) == "对王大明违规审批问题失察"
    assert masked(rec.basis, rec.case, org.liaison) == "对王某某违规审批问题失察"


def test_the_case_choices_read_masked_outside_the_commission(org: Any) -> None:
    # The form's links are read as rows (duties.forms._CaseRows), not as cases: the rows must
    # mask exactly as the case pages do.
    case = CaseFactory(unit=org.bureau_a, title="王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明")
    none = Person.objects.none()
    for user, title in ((org.inspector, "王大明违规审批低保问题"), (org.liaison, "王某某违规审批低保问题")):
        html = str(TalkForm(user=user, subjects=none, talkers=none)["case"])
        assert f'<option value="{case.pk}">{title}（测试市民政局）</option>' in html
        assert (user == org.inspector) == ("王大明" in html)
