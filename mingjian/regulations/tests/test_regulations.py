"""The regulation workflow: drafting to 印发施行 with four eyes, versions never overwritten, a 修订
repealing the rule it names, 补录 of rules already in force, and the checks scheduled on issue."""

from __future__ import annotations

from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.audit.models import AuditEvent
from mingjian.org.tests.factories import leader_of
from mingjian.regulations import services
from mingjian.regulations.models import Regulation, RegulationCheck, RegulationPolicy
from mingjian.regulations.tests.factories import days, draft, issue, make_loop, pdf
from mingjian.workflow.models import StatusChange
from mingjian.workflow.services import TransitionError

S = Regulation.Status
C = RegulationCheck


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss")


def test_drafting_to_in_force_with_history_and_audit(org: Any, boss: Any) -> None:
    reg = draft(org.liaison, org.bureau_a)
    reg = services.consult_regulation(reg, by=org.liaison)
    services.add_version(reg, by=org.liaison, checked=pdf("审议稿"), note="审议稿")
    reg = services.review_regulation(reg, by=org.liaison)
    reg = services.issue_regulation(
        reg, by=boss, number="测民发〔2026〕7号", issued_on=days(-3), effective_on=days(0)
    )
    assert reg.status == S.IN_FORCE and reg.number == "测民发〔2026〕7号" and reg.issued_by == boss
    moves = list(StatusChange.objects.filter(object_id=reg.pk).values_list("action", flat=True))
    assert moves == ["consult", "review", "issue"]
    assert AuditEvent.objects.filter(action="regulations.regulation.issued", target_id=str(reg.pk)).exists()
    assert [v.version for v in reg.versions.order_by("version")] == [1, 2]


def test_the_drafter_never_records_the_issue(org: Any) -> None:
    """Four eyes: a leader who drafted the rule cannot record it as issued."""
    boss = leader_of(org.bureau_a, username="boss")
    reg = services.review_regulation(draft(boss, org.bureau_a), by=boss)
    with pytest.raises(TransitionError, match="四眼"):
        services.issue_regulation(reg, by=boss, number="1号", issued_on=days(0), effective_on=days(0))
    with pytest.raises(PermissionDenied):  # a liaison drafts; a leader records 印发施行
        services.issue_regulation(reg, by=org.liaison, number="1号", issued_on=days(0), effective_on=days(0))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (("", 0, 0), "请填写文号"),
        (("1号", 5, 6), "印发日期不能晚于今天"),
        (("1号", 0, -1), "施行日期不能早于印发日期"),
    ],
)
def test_issue_needs_number_and_sane_dates(
    org: Any, boss: Any, given: tuple[str, int, int], message: str
) -> None:
    number, issued, effective = given
    reg = services.review_regulation(draft(org.liaison, org.bureau_a), by=org.liaison)
    with pytest.raises(TransitionError, match=message):
        services.issue_regulation(
            reg, by=boss, number=number, issued_on=days(issued), effective_on=days(effective)
        )


def test_no_text_no_review(org: Any) -> None:
    reg = services.create_regulation(
        services.RegulationInput(unit=org.bureau_a, title="无文本的制度"), by=org.liaison
    )
    with pytest.raises(TransitionError, match="请先上传制度文本"):
        services.review_regulation(reg, by=org.liaison)


def test_a_return_needs_reasons_and_goes_back_to_drafting(org: Any, boss: Any) -> None:
    reg = services.review_regulation(draft(org.liaison, org.bureau_a), by=org.liaison)
    with pytest.raises(TransitionError, match="审议意见"):
        services.return_regulation(reg, by=boss, reason="")
    reg = services.return_regulation(reg, by=boss, reason="第五条与上位法不一致，请修改。")
    assert reg.status == S.DRAFTING
    assert (
        services.update_regulation(
            reg, services.RegulationInput(unit=org.bureau_a, title="改后的办法"), by=org.liaison
        ).title
        == "改后的办法"
    )


def test_a_revision_in_force_repeals_the_rule_it_revises(org: Any, boss: Any) -> None:
    old = issue(draft(org.liaison, org.bureau_a, title="低保审核确认办法"), boss)
    new = draft(
        org.liaison, org.bureau_a, title="低保审核确认办法（2026年修订）", kind="revised", revises=old
    )
    new = issue(new, boss, effective=days(10))
    old.refresh_from_db()
    assert old.status == S.REPEALED and old.repealed_on == days(10)
    assert not old.checks.filter(status=C.Status.SCHEDULED).exists()  # its checks are called off
    assert set(old.checks.values_list("status", flat=True)) == {C.Status.CANCELLED}
    assert new.revises == old


def test_a_revision_must_name_a_rule_in_force_of_the_same_unit(org: Any, boss: Any) -> None:
    with pytest.raises(ValidationError) as missing:
        draft(org.liaison, org.bureau_a, kind="revised")
    assert "revises" in missing.value.message_dict
    other_boss = leader_of(org.bureau_b, username="boss-b")
    foreign = issue(
        draft(other_boss, org.bureau_b, title="财政局办法"), leader_of(org.bureau_b, username="b2")
    )
    with pytest.raises(ValidationError):
        draft(org.liaison, org.bureau_a, kind="revised", revises=foreign)


def test_versions_are_never_overwritten(org: Any) -> None:
    reg = draft(org.liaison, org.bureau_a)
    first = reg.versions.get()
    second = services.add_version(reg, by=org.liaison, checked=pdf("第二稿"), note="第二稿")
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.file.read().endswith("征求意见稿".encode()) and first.sha256 != second.sha256


def test_links_only_to_loopholes_the_drafter_may_read(org: Any) -> None:
    loop = make_loop(org)
    with pytest.raises(ValidationError) as refused:
        draft(org.outsider, org.bureau_b, title="财政局办法", loopholes=[loop.hole])
    assert "loopholes" in refused.value.message_dict
    with pytest.raises(ValidationError):  # problems of another unit
        draft(org.outsider, org.bureau_b, title="财政局办法", problems=[loop.task.problem])


def test_a_sibling_unit_cannot_draft_for_the_unit(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        draft(org.outsider, org.bureau_a)


def test_issue_schedules_the_execution_check_and_the_review_by_policy(org: Any, boss: Any) -> None:
    RegulationPolicy.objects.create(issuer=org.group, check_months=3, review_months=9)
    reg = issue(draft(org.liaison, org.bureau_a), boss, effective=days(2))
    execution = reg.checks.get(kind=C.Kind.EXECUTION)
    review = reg.checks.get(kind=C.Kind.REVIEW)
    # bureau_a is supervised by the 派驻组: its policy applies, and it does the checking.
    assert execution.checker == org.group and execution.due_on == days(2) + relativedelta(months=3)
    assert review.due_on == days(2) + relativedelta(months=9)
    other = issue(
        draft(leader_of(org.bureau_b, username="b1"), org.bureau_b, title="财政办法"),
        leader_of(org.bureau_b, username="b2"),
    )
    assert other.checks.get(kind=C.Kind.EXECUTION).checker == org.commission  # no 派驻组: the 纪委
    assert other.checks.get(kind=C.Kind.EXECUTION).due_on == other.effective_on + relativedelta(months=6)


def test_a_leader_enters_a_rule_already_in_force(org: Any, boss: Any) -> None:
    data = services.RegulationInput(
        unit=org.bureau_a,
        title="现行办法",
        number="测民发〔2019〕8号",
        issued_on=days(-900),
        effective_on=days(-890),
    )
    with pytest.raises(PermissionDenied):
        services.create_regulation(data, by=org.liaison, checked=pdf(), existing=True)
    with pytest.raises(ValidationError, match="印发稿"):
        services.create_regulation(data, by=boss, existing=True)
    reg = services.create_regulation(data, by=boss, checked=pdf(), existing=True)
    assert reg.status == S.IN_FORCE and reg.issued_by == boss
    assert reg.checks.get(kind=C.Kind.EXECUTION).due_on == days(0) + relativedelta(months=6)
    assert AuditEvent.objects.filter(action="regulations.regulation.registered").exists()


def test_repeal_needs_a_leader_and_a_reason(org: Any, boss: Any) -> None:
    reg = issue(draft(org.liaison, org.bureau_a), boss)
    with pytest.raises(PermissionDenied):
        services.repeal_regulation(reg, by=org.liaison, reason="过时")
    with pytest.raises(TransitionError, match="写明理由"):
        services.repeal_regulation(reg, by=boss, reason="")
    reg = services.repeal_regulation(reg, by=boss, reason="已被省级规定替代")
    assert reg.status == S.REPEALED


def test_two_people_acting_at_once_one_wins(org: Any, boss: Any) -> None:
    reg = services.review_regulation(draft(org.liaison, org.bureau_a), by=org.liaison)
    stale = Regulation.objects.get(pk=reg.pk)
    services.return_regulation(reg, by=boss, reason="请修改")
    with pytest.raises(TransitionError, match="已被他人处理"):
        services.issue_regulation(stale, by=boss, number="1号", issued_on=days(0), effective_on=days(0))
