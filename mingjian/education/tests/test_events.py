"""警示教育 events: the cohort rule, the status workflow with its four-eyes confirmation, and
who may plan what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.audit.models import AuditEvent
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.education import services
from mingjian.education.display import masked_text
from mingjian.education.models import Attendance, Event, PersonTag
from mingjian.education.tests.factories import days_ago, make_event, tag
from mingjian.org.models import Field, Person
from mingjian.org.tests.factories import PersonFactory, UnitFactory
from mingjian.workflow.models import StatusChange
from mingjian.workflow.services import TransitionError

L = Person.Level
S = Event.Status
P = Attendance.Presence


@pytest.fixture
def people(org: Any) -> dict[str, Person]:
    return {
        "chief": PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY, position="局长"),
        "clerk": PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL),
        "head": PersonFactory(name="赵科长", unit=org.a_dept, level=L.TOWNSHIP, position="科长"),
        "staff": PersonFactory(name="钱科员", unit=org.a_dept, level=L.GENERAL),
        "other": PersonFactory(name="孙会计", unit=org.bureau_b, level=L.GENERAL),
        "gone": PersonFactory(name="周调离", unit=org.bureau_a, level=L.GENERAL, is_active=False),
    }


def cohort(event: Event) -> set[str]:
    return set(event.attendance.filter(in_cohort=True).values_list("person__name", flat=True))


def test_cohort_is_the_units_subtree_of_active_cadres(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    assert cohort(event) == {"李局长", "王芳", "赵科长", "钱科员"}
    assert set(event.cohort_units.all()) == {org.bureau_a, org.a_dept}
    assert AuditEvent.objects.filter(action="education.event.created", target_id=str(event.pk)).exists()


def test_cohort_without_subunits_levels_and_tags(org: Any, people: dict[str, Person]) -> None:
    assert cohort(make_event(org.liaison, unit=org.bureau_a, include_subunits=False)) == {"李局长", "王芳"}
    leaders = make_event(org.liaison, unit=org.bureau_a, target_levels=[L.COUNTY, L.TOWNSHIP])
    assert cohort(leaders) == {"李局长", "赵科长"}
    PersonTag.objects.create(person=people["staff"], tag=tag("救助"))
    PersonTag.objects.create(person=people["clerk"], tag=tag("财务"))
    relief = make_event(org.liaison, unit=org.bureau_a, target_tags=[tag("救助"), tag("审批")])
    assert cohort(relief) == {"钱科员"}


def test_cohort_by_field_across_the_city(org: Any, people: dict[str, Person]) -> None:
    county = UnitFactory(name="测试县民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    PersonFactory(name="吴股长", unit=county, level=L.TOWNSHIP)
    event = make_event(
        org.inspector, unit=org.commission, targets=[org.city], target_field=Field.CIVIL_AFFAIRS
    )
    assert cohort(event) == {"李局长", "王芳", "赵科长", "钱科员", "吴股长"}
    assert "孙会计" not in cohort(event)


def test_targets_must_lie_where_the_planner_may_act(org: Any, people: dict[str, Person]) -> None:
    with pytest.raises(PermissionDenied):
        make_event(org.liaison, unit=org.bureau_a, targets=[org.bureau_b])
    with pytest.raises(PermissionDenied):
        make_event(org.leader, unit=org.city)  # the read-only leader plans nothing
    with pytest.raises(PermissionDenied):
        make_event(org.outsider, unit=org.bureau_a)
    assert not Event.objects.exists()


def test_bad_input_names_the_field(org: Any, people: dict[str, Person]) -> None:
    hidden = CaseFactory(unit=org.bureau_b)  # 仅本单位: the 民政 liaison may not see it
    with pytest.raises(ValidationError) as e:
        make_event(org.liaison, unit=org.bureau_a, cases=[hidden])
    assert e.value.message_dict == {"cases": ["无此案例。"]}
    with pytest.raises(ValidationError) as e:
        make_event(org.liaison, unit=org.bureau_a, target_field=Field.FINANCE)
    assert "没有该领域的单位" in e.value.message_dict["target_field"][0]
    with pytest.raises(ValidationError) as e:
        make_event(org.liaison, unit=org.bureau_a, title="  ")
    assert "title" in e.value.message_dict
    assert not Event.objects.exists()


def test_hold_refuses_a_future_date_and_takes_the_roster_of_the_day(
    org: Any, people: dict[str, Person]
) -> None:
    later = make_event(org.liaison, unit=org.bureau_a, held_on=days_ago(-3))
    with pytest.raises(TransitionError, match="晚于今天"):
        services.hold_event(later, by=org.liaison)
    event = make_event(org.liaison, unit=org.bureau_a)
    PersonFactory(name="新调入", unit=org.a_dept)
    people["clerk"].is_active = False
    people["clerk"].save()
    event = services.hold_event(event, by=org.liaison)
    assert event.status == S.HELD
    assert cohort(event) == {"李局长", "赵科长", "钱科员", "新调入"}
    change = StatusChange.objects.get(object_id=event.pk, action="hold")
    assert (change.from_status, change.to_status, change.actor) == (S.PLANNED, S.HELD, org.liaison)


def _all_present(event: Event, by: Any) -> None:
    marks = [services.Mark(a.person_id, P.PRESENT) for a in event.attendance.all()]
    services.record_attendance(event, by=by, marks=marks)


def test_summary_needs_every_cadre_recorded(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    with pytest.raises(TransitionError, match="尚有 4 名对象未登记"):
        services.submit_summary(event, by=org.liaison, summary="已开展。")
    _all_present(event, org.liaison)
    with pytest.raises(TransitionError, match="请填写"):
        services.submit_summary(event, by=org.liaison, summary=" ")
    event = services.submit_summary(event, by=org.liaison, summary="组织观看警示片并通报案例。")
    assert (event.status, event.summary_by, event.summary) == (
        S.SUBMITTED,
        org.liaison,
        "组织观看警示片并通报案例。",
    )


def test_four_eyes_on_the_summary(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    _all_present(event, org.liaison)
    event = services.submit_summary(event, by=org.stationed, summary="已开展。")
    for who in (org.liaison, org.stationed):  # the recorder, the summary's writer
        with pytest.raises(PermissionDenied):
            services.confirm_summary(event, by=who)
    with pytest.raises(PermissionDenied):
        services.confirm_summary(event, by=org.leader)  # read-only
    with pytest.raises(PermissionDenied):
        services.confirm_summary(event, by=org.outsider)
    event = services.confirm_summary(event, by=org.parent, comment="同意。")
    assert (event.status, event.confirmed_by) == (S.SUMMARISED, org.parent)
    assert AuditEvent.objects.filter(action="education.event.confirmed", actor=org.parent).exists()


def test_return_sends_the_summary_back(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    _all_present(event, org.liaison)
    event = services.submit_summary(event, by=org.liaison, summary="已开展。")
    with pytest.raises(TransitionError, match="理由"):
        services.return_summary(event, by=org.inspector, reason="")
    event = services.return_summary(event, by=org.inspector, reason="请补充警示片名称。")
    assert event.status == S.HELD
    event = services.submit_summary(event, by=org.liaison, summary="观看《蜕变》警示片。")
    assert event.status == S.SUBMITTED


def test_cancel_only_a_planned_event_with_a_reason(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    with pytest.raises(TransitionError):
        services.cancel_event(event, by=org.liaison, reason="")
    event = services.cancel_event(event, by=org.liaison, reason="与市委会议冲突，另行安排。")
    assert event.status == S.CANCELLED
    held = make_event(org.liaison, unit=org.bureau_a, held=True)
    with pytest.raises(TransitionError):
        services.cancel_event(held, by=org.liaison, reason="不办了")


def test_a_stale_page_loses_to_the_first_writer(org: Any, people: dict[str, Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    stale = Event.objects.get(pk=event.pk)
    services.hold_event(event, by=org.liaison)
    with pytest.raises(TransitionError, match="已被他人处理"):
        services.cancel_event(stale, by=org.parent, reason="重复")


def test_update_keeps_cases_the_editor_cannot_see(org: Any, people: dict[str, Person]) -> None:
    own = CaseFactory(unit=org.bureau_a)
    commission_only = CaseFactory(unit=org.commission)  # 仅本单位: the 民政 liaison cannot see it
    event = make_event(org.inspector, unit=org.bureau_a, cases=[own, commission_only])
    data = services.EventInput(
        kind=Event.Kind.FILM,
        title="观看警示教育片",
        held_on=days_ago(1),
        unit=org.bureau_a,
        target_units=[org.bureau_a],
        cases=[],
        target_levels=[L.COUNTY],
    )
    event = services.update_event(event, data, by=org.liaison)
    assert set(event.cases.all()) == {commission_only}
    assert cohort(event) == {"李局长"}
    event = services.hold_event(event, by=org.liaison)
    with pytest.raises(TransitionError, match="不能再修改"):
        services.update_event(event, data, by=org.liaison)


def test_case_people_masked_in_titles_outside_the_commission(org: Any, people: dict[str, Person]) -> None:
    case = CaseFactory(unit=org.bureau_a, title="测试市民政局王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明")
    event = make_event(org.inspector, unit=org.bureau_a, cases=[case], title="王大明案以案促改警示教育大会")
    assert masked_text(event.title, event.cases.all(), org.inspector) == "王大明案以案促改警示教育大会"
    assert masked_text(event.title, event.cases.all(), org.liaison) == "王某某案以案促改警示教育大会"


def test_hold_records_who_chaired_it_from_the_units_leadership(org: Any, people: dict[str, Person]) -> None:
    people["chief"].leadership = Person.Leadership.SECRETARY
    people["chief"].save()
    event = make_event(org.liaison, unit=org.bureau_a)
    assert list(services.hosts_for(event)) == [people["chief"]]
    with pytest.raises(TransitionError, match="班子成员"):
        services.hold_event(event, by=org.liaison, host=people["clerk"])  # on the roster, not 班子
    event.refresh_from_db()
    assert (event.status, event.host) == (S.PLANNED, None)
    event = services.hold_event(event, by=org.liaison, host=people["chief"])
    event.refresh_from_db()
    assert (event.status, event.host) == (S.HELD, people["chief"])
    audit = AuditEvent.objects.get(action="education.event.held", target_id=str(event.pk))
    assert audit.data["host"] == people["chief"].pk


def test_the_host_is_corrected_until_the_summary_is_confirmed(org: Any, people: dict[str, Person]) -> None:
    for key in ("chief", "head"):
        people[key].leadership, people[key].unit = Person.Leadership.MEMBER, org.bureau_a
        people[key].save()
    event = make_event(org.liaison, unit=org.bureau_a)
    event = services.hold_event(event, by=org.liaison, host=people["chief"])
    with pytest.raises(PermissionDenied):
        services.correct_host(event, by=org.outsider, host=people["head"])
    event = services.correct_host(event, by=org.liaison, host=people["head"])
    assert event.host == people["head"]
    audit = AuditEvent.objects.get(action="education.event.host_corrected")
    assert (audit.data["host"], audit.data["previous"]) == (people["head"].pk, people["chief"].pk)
    Event.objects.filter(pk=event.pk).update(status=S.SUMMARISED)
    event.refresh_from_db()
    with pytest.raises(TransitionError, match="总结尚未确认"):
        services.correct_host(event, by=org.liaison, host=people["chief"])
