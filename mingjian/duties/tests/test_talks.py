"""谈话提醒 / 约谈 / 函询: whom and who from the 干部名册, why and what caused it, approved by
another account of the talking side, then recorded."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.duties import services
from mingjian.duties.models import Talk
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.workflow.services import TransitionError, history

from .conftest import Team


def _input(team: Team, **changes: Any) -> services.TalkInput:
    fields: dict[str, Any] = {
        "kind": Talk.Kind.INTERVIEW,
        "subject": team.secretary_person,
        "talker": team.zuzhang.person,
        "planned_on": timezone.localdate(),
        "reason": "整改任务逾期未签认",
    }
    return services.TalkInput(**(fields | changes))


def _drafted(org: Any, team: Team, **changes: Any) -> Talk:
    return services.create_talk(_input(team, **changes), by=org.stationed)


def test_a_stationed_group_interviews_a_leader_of_a_unit_it_supervises(org: Any, team: Team) -> None:
    task = TaskFactory(problem__unit=org.bureau_a, problem__issuer=org.group)
    talk = _drafted(org, team, task=task)
    assert (talk.issuer, talk.unit, talk.status, talk.task) == (org.group, org.bureau_a, "draft", task)
    event = AuditEvent.objects.get(action="duties.talk.created")
    assert event.data["task"] == task.pk and event.data["subject"] == team.secretary_person.pk


def test_whom_and_who_come_from_the_right_rosters(org: Any, team: Team) -> None:
    stranger = PersonFactory(unit=org.bureau_b, name="外单位干部")
    with pytest.raises(ValidationError) as e:
        _drafted(org, team, subject=stranger)
    assert "谈话对象须为" in str(e.value)
    with pytest.raises(ValidationError) as e:
        _drafted(org, team, talker=team.deputy_person)  # not of the 派驻组's roster
    assert "谈话人须为" in str(e.value)
    with pytest.raises(ValidationError) as e:
        services.create_talk(_input(team, subject=team.zuzhang.person), by=org.stationed)
    assert "不能是同一人" in str(e.value)


def test_an_inactive_cadre_is_not_offered(org: Any, team: Team) -> None:
    Person.objects.filter(pk=team.deputy_person.pk).update(is_active=False)
    assert team.deputy_person not in services.subjects_for(org.stationed)
    assert team.secretary_person in services.subjects_for(org.stationed)


def test_links_must_be_visible_to_the_drafter(org: Any, team: Team) -> None:
    elsewhere = TaskFactory(problem__unit=org.bureau_b, problem__issuer=org.commission)
    with pytest.raises(ValidationError) as e:
        _drafted(org, team, task=elsewhere)
    assert "task" in e.value.message_dict


def test_approval_is_by_another_account_of_the_talking_side(org: Any, team: Team) -> None:
    talk = services.submit_talk(_drafted(org, team), by=org.stationed)
    with pytest.raises(TransitionError, match="四眼原则"):
        services.approve_talk(talk, by=org.stationed)
    for user in (org.liaison, team.secretary, org.outsider):
        with pytest.raises(PermissionDenied):
            services.approve_talk(talk, by=user)
    talk = services.approve_talk(talk, by=team.zuzhang, comment="同意")
    assert (talk.status, talk.approved_by) == ("approved", team.zuzhang)


def test_whoever_edited_it_cannot_approve_it(org: Any, team: Team) -> None:
    talk = _drafted(org, team)
    talk = services.update_talk(talk, _input(team, reason="逾期且未签认"), by=team.zuzhang)
    talk = services.submit_talk(talk, by=org.stationed)
    with pytest.raises(TransitionError, match="四眼原则"):
        services.approve_talk(talk, by=team.zuzhang)


def test_the_record_completes_it(org: Any, team: Team, today: date) -> None:
    talk = services.approve_talk(services.submit_talk(_drafted(org, team), by=org.stationed), by=team.zuzhang)
    with pytest.raises(TransitionError, match="请填写"):
        services.complete_talk(talk, by=org.stationed, held_on=today, record_text=" ")
    with pytest.raises(TransitionError, match="晚于今天"):
        services.complete_talk(talk, by=org.stationed, held_on=today + timedelta(days=1), record_text="已谈")
    talk = services.complete_talk(talk, by=org.stationed, held_on=today, record_text="指出问题，当场表态整改")
    assert (talk.status, talk.held_on, talk.record) == ("done", today, "指出问题，当场表态整改")
    assert [h.action for h in history(talk)] == ["submit", "approve", "complete"]


def test_a_returned_record_goes_back_to_draft_with_the_reason(org: Any, team: Team) -> None:
    talk = services.submit_talk(_drafted(org, team), by=org.stationed)
    with pytest.raises(TransitionError, match="理由"):
        services.return_talk(talk, by=team.zuzhang, reason="")
    talk = services.return_talk(talk, by=team.zuzhang, reason="事由不具体")
    assert talk.status == "draft"
    talk = services.update_talk(talk, _input(team, reason="任务逾期6天未签认"), by=org.stationed)
    assert talk.reason == "任务逾期6天未签认"


def test_only_drafts_are_edited_and_cancelling_needs_a_reason(org: Any, team: Team) -> None:
    talk = services.submit_talk(_drafted(org, team), by=org.stationed)
    with pytest.raises(TransitionError, match="拟办"):
        services.update_talk(talk, _input(team), by=org.stationed)
    talk = services.approve_talk(talk, by=team.zuzhang)
    with pytest.raises(TransitionError, match="原因"):
        services.cancel_talk(talk, by=org.stationed, reason="")
    assert services.cancel_talk(talk, by=org.stationed, reason="对象已调离").status == "cancelled"


def test_a_party_body_reminds_its_own_cadres(org: Any, team: Team) -> None:
    """主体责任: the bureau's liaison drafts the 书记's 谈话提醒 of a 科长; a leader approves it."""
    chief = PersonFactory(unit=org.a_dept, name="科长甲", position="科长", leadership="head")
    data = _input(team, kind=Talk.Kind.REMINDER, subject=chief, talker=team.secretary_person)
    talk = services.submit_talk(services.create_talk(data, by=org.liaison), by=org.liaison)
    assert (talk.issuer, talk.unit) == (org.bureau_a, org.a_dept)
    with pytest.raises(PermissionDenied):  # a liaison never approves
        services.approve_talk(talk, by=org.liaison)
    assert services.approve_talk(talk, by=team.deputy).status == "approved"


def test_who_may_not_draft(org: Any, team: Team) -> None:
    for user in (org.leader, org.child, org.sysadmin):
        with pytest.raises(PermissionDenied):
            services.create_talk(_input(team), by=user)


def test_visible_to_the_unit_concerned_and_the_talking_side_only(org: Any, team: Team) -> None:
    talk = _drafted(org, team)
    for user in (org.liaison, org.parent, org.inspector, org.stationed, org.leader):
        assert Talk.objects.visible_to(user).filter(pk=talk.pk).exists()
    for user in (org.outsider, org.child, org.sysadmin, org.auditor):
        assert not Talk.objects.visible_to(user).filter(pk=talk.pk).exists()


def test_a_party_groups_talk_is_held_by_its_leaders_a_bodys_by_its_staff(org: Any, team: Team) -> None:
    clerk = PersonFactory(name="钱科员", unit=org.bureau_a)
    unit_side = services.talkers_for(team.secretary)
    assert team.secretary_person in unit_side and team.deputy_person in unit_side
    assert clerk not in unit_side  # a 科员 does not hold a 谈话提醒
    body_side = services.talkers_for(team.zuzhang)
    assert team.zuzhang.person in body_side and clerk not in body_side
