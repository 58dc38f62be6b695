"""履责记实 fills itself from what the system already records: each kind of act lands on the
right holder's list, in its year, and only as far as the reader may see the record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from mingjian.cases.models import RecommendationReply
from mingjian.cases.tests.factories import RecommendationFactory
from mingjian.duties import services
from mingjian.duties.acts import Holding, acts_for, acts_of, all_acts
from mingjian.duties.documents import item_states
from mingjian.duties.models import DutyList, Talk
from mingjian.duties.progress import progress_of
from mingjian.duties.tests.factories import make_list, make_talk
from mingjian.duties.vocabulary import Kind, Source
from mingjian.education import services as education
from mingjian.education.models import Attendance
from mingjian.education.tests.factories import make_event
from mingjian.org.models import Person
from mingjian.rectification import services as rect
from mingjian.rectification.models import LeaderConfirmation, RectificationPlan, Task
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.workflow.services import move

from .conftest import Team

YEAR = timezone.localdate().year
S = Source


def _signed_task(org: Any, leader: Any, unit: Any = None) -> Task:
    task = TaskFactory(
        problem__unit=unit or org.bureau_a,
        problem__issuer=org.commission,
        leader=leader,
        status=Task.Status.IN_PROGRESS,
        progress="已完成第一轮比对。",
        measure="开展低保对象大数据比对",
    )
    rect.confirm_task(task, by=leader, comment="属实")
    return task


def _first(org: Any, team: Team) -> DutyList:
    return make_list(org.bureau_a, Kind.FIRST, person=team.secretary_person)


def _sources(dlist: DutyList, viewer: Any) -> dict[str, list[str]]:
    return {s: [a.text for a in acts] for s, acts in acts_of(dlist, viewer).items() if acts}


def test_a_signed_task_fills_the_leaders_own_list_only(org: Any, team: Team) -> None:
    _signed_task(org, team.secretary)
    first = _first(org, team)
    dual = make_list(org.bureau_a, Kind.DUAL, person=team.deputy_person)
    assert _sources(first, org.inspector) == {S.TASK_SIGN: ["签认整改任务“开展低保对象大数据比对”（第1轮）"]}
    assert _sources(dual, org.inspector) == {}


def test_the_item_with_that_source_is_done_by_itself(org: Any, team: Team) -> None:
    _signed_task(org, team.secretary)
    first = _first(org, team)
    first.items.create(seq=3, text="签认整改进展", source=S.TASK_SIGN)
    states = {s.item.text: s for s in item_states(first, acts_of(first, org.liaison))}
    assert states["签认整改进展"].done and states["签认整改进展"].label == "已履行（系统记实 1 项）"
    assert not states["完善制度、堵塞漏洞"].done
    assert progress_of(first, org.liaison).done == 1


def test_acts_on_records_the_reader_cannot_see_are_left_out(org: Any, team: Team) -> None:
    """The 书记 also signs a task of 测试市财政局: the 民政局's liaison does not see that task."""
    team.secretary.roles.create(role="unit_leader", unit=org.bureau_b)
    _signed_task(org, team.secretary)
    _signed_task(org, team.secretary, unit=org.bureau_b)
    first = _first(org, team)
    assert len(acts_of(first, org.inspector)[S.TASK_SIGN]) == 2
    assert len(acts_of(first, org.liaison)[S.TASK_SIGN]) == 1


def test_only_the_lists_year_counts(org: Any, team: Team) -> None:
    _signed_task(org, team.secretary)
    LeaderConfirmation.objects.update(confirmed_at=timezone.now() - timedelta(days=400))
    assert _sources(_first(org, team), org.inspector) == {}
    last_year = make_list(org.bureau_a, Kind.FIRST, person=team.secretary_person, year=YEAR - 1)
    assert S.TASK_SIGN in _sources(last_year, org.inspector)


def _reply(org: Any, team: Team, meeting: date) -> RecommendationReply:
    rec = RecommendationFactory(
        unit=org.bureau_a, issuer=org.commission, issued=True, number="测纪建〔2026〕9号"
    )
    return RecommendationReply.objects.create(
        recommendation=rec,
        text="回复",
        meeting_date=meeting,
        replied_by=team.secretary,
        replied_at=timezone.now(),
    )


def test_the_party_meeting_recorded_on_a_reply_fills_the_secretary_and_the_party_body(
    org: Any, team: Team
) -> None:
    _reply(org, team, date(YEAR, 3, 5))
    first = _sources(_first(org, team), org.inspector)
    assert first[S.MEETING] == ["主持召开党委（党组）会专题研究测纪建〔2026〕9号建议书（主送测试市民政局）"]
    assert first[S.REPLY] == ["报送测纪建〔2026〕9号建议书（主送测试市民政局）的书面回复"]
    main = _sources(make_list(org.bureau_a, Kind.MAIN), org.inspector)
    assert main[S.MEETING] == ["召开党委（党组）会专题研究测纪建〔2026〕9号建议书（主送测试市民政局）"]
    dual = _sources(make_list(org.bureau_a, Kind.DUAL, person=team.deputy_person), org.inspector)
    assert S.MEETING not in dual  # a 班子成员 does not chair the 党组会


def test_a_meeting_of_another_year_is_not_counted(org: Any, team: Team) -> None:
    _reply(org, team, date(YEAR - 1, 12, 30))
    assert S.MEETING not in _sources(_first(org, team), org.inspector)


def test_plans_submitted_and_approved_come_from_the_workflow_history(org: Any, team: Team) -> None:
    rec = RecommendationFactory(
        unit=org.bureau_a, issuer=org.group, issued=True, number="测纪驻建〔2026〕1号"
    )
    plan = RectificationPlan.objects.create(unit=org.bureau_a, issuer=org.group, recommendation=rec)
    with transaction.atomic():
        move(
            plan,
            to="submitted",
            by=team.secretary,
            action="submit",
            audit_action="rectification.plan.submitted",
        )
        move(
            plan, to="returned", by=org.stationed, action="return", audit_action="rectification.plan.returned"
        )
        move(
            plan,
            to="submitted",
            by=team.secretary,
            action="submit",
            audit_action="rectification.plan.submitted",
        )
        move(
            plan,
            to="approved",
            by=org.stationed,
            action="approve",
            audit_action="rectification.plan.approved",
        )
    label = "测试市民政局落实测纪驻建〔2026〕1号建议书的整改方案"
    assert _sources(_first(org, team), org.inspector)[S.PLAN_SUBMIT] == [f"报送{label}"] * 2
    body = make_list(org.group, Kind.SUPERVISION)
    assert _sources(body, org.inspector)[S.PLAN_APPROVE] == [f"审核通过{label}"]
    # The commission's own list does not count its 派驻组's work.
    assert S.PLAN_APPROVE not in _sources(make_list(org.commission, Kind.SUPERVISION), org.inspector)


def test_attending_warning_education_and_confirming_its_summary(org: Any, team: Team) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True, title="测试警示教育大会")
    Attendance.objects.filter(event=event, person=team.secretary_person).update(presence="present")
    Attendance.objects.filter(event=event, person=team.deputy_person).update(
        presence="made_up", made_up_on=timezone.localdate()
    )
    first = _sources(_first(org, team), org.liaison)
    assert first[S.EDUCATION_ATTEND] == ["参加警示教育：测试警示教育大会"]
    dual = _sources(make_list(org.bureau_a, Kind.DUAL, person=team.deputy_person), org.liaison)
    assert dual[S.EDUCATION_ATTEND] == ["补学警示教育：测试警示教育大会"]
    main = _sources(make_list(org.bureau_a, Kind.MAIN), org.liaison)
    assert main[S.EDUCATION_HELD] == ["组织开展警示教育大会：测试警示教育大会"]


def test_chairing_warning_education_fills_the_hosts_list_only(org: Any, team: Team) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, title="测试警示教育大会")
    education.hold_event(event, by=org.liaison, host=team.deputy_person)
    dual = _sources(make_list(org.bureau_a, Kind.DUAL, person=team.deputy_person), org.liaison)
    assert dual[S.EDUCATION_HOST] == ["主持警示教育大会：测试警示教育大会"]
    assert S.EDUCATION_HOST not in _sources(_first(org, team), org.liaison)


def test_a_talk_counts_for_its_talker_and_its_issuing_body(org: Any, team: Team) -> None:
    talk = make_talk(
        issuer=org.group,
        unit=org.bureau_a,
        by=org.stationed,
        subject=team.deputy_person,
        talker=team.zuzhang.person,
    )
    Talk.objects.filter(pk=talk.pk).update(status="done", held_on=timezone.localdate())
    body = _sources(make_list(org.group, Kind.SUPERVISION), org.inspector)
    assert body[S.TALK] == ["对测试市民政局李副局长进行谈话提醒"]
    holding = Holding(Kind.FIRST, org.group, team.zuzhang.person, YEAR, org.inspector)
    assert [a.text for a in acts_for(holding)[S.TALK]] == ["对测试市民政局李副局长进行谈话提醒"]
    assert S.TALK not in _sources(make_list(org.bureau_a, Kind.MAIN), org.inspector)  # not the 党组's talk


def test_a_cadre_without_an_account_still_has_the_acts_of_the_roster(org: Any, team: Team) -> None:
    person = Person.objects.create(unit=org.bureau_a, name="无账号", leadership="member")
    event = make_event(org.liaison, unit=org.bureau_a, held=True, title="警示教育片")
    Attendance.objects.filter(event=event, person=person).update(presence="present")
    found = _sources(make_list(org.bureau_a, Kind.DUAL, person=person), org.liaison)
    assert list(found) == [S.EDUCATION_ATTEND]


def test_all_acts_are_listed_by_date(org: Any, team: Team) -> None:
    _reply(org, team, date(YEAR, 1, 2))
    _signed_task(org, team.secretary)
    acts = all_acts(acts_of(_first(org, team), org.inspector))
    assert [a.on for a in acts] == sorted(a.on for a in acts)
    assert acts[0].source == S.MEETING and {a.source for a in acts} == {S.MEETING, S.REPLY, S.TASK_SIGN}


def test_generated_lists_fill_from_the_same_acts(org: Any, team: Team, templates: None) -> None:
    _signed_task(org, team.secretary)
    lists = services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison).created
    first = next(d for d in lists if d.kind == Kind.FIRST)
    signed = first.items.get(source=S.TASK_SIGN)
    state = next(s for s in item_states(first, acts_of(first, org.liaison)) if s.item == signed)
    assert state.done and not signed.checked  # filled, never asked for
