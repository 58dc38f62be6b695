"""Demo 警示教育 for X市: two past events with attendance and one coverage gap, plus a planned
节前廉政提醒 whose case does not fit its audience (the 层级错位 advice shows).

- 市民政局以案促改警示教育大会, 60 days ago, with the two 民政 cases: the sign-in sheet is imported,
  two cadres were absent (one made it up, one did not — the gap coverage shows), two were asked
  for 心得体会; the liaison's summary is confirmed by the bureau's leader (four eyes).
- 市财政局观看警示教育片, 20 days ago, with the 财政 case: ticked on screen, one absence made up; its
  summary is still to be written.
岗位标签 are set for a few cadres by each bureau's liaison. Everything goes through the services
the pages use. Only seed_demo calls this; it does nothing when the demo events are there.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from mingjian.cases.demo import SOURCE
from mingjian.cases.models import Case
from mingjian.education import services
from mingjian.education.models import Attendance, Event, PostTag
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit, User

P = Attendance.Presence
L = Person.Level
PDF = b"%PDF-1.4\n% demo material\n"
# (unit code, position) → tags, for the bureaus' liaisons to set.
TAGS = {
    ("x-mz", "党组书记、局长"): ("关键少数",),
    ("x-mz", "党组成员、副局长"): ("关键少数",),
    ("x-mz-d2", "科长"): ("重点岗位", "救助", "审批"),
    ("x-mz-flj", "财务科长"): ("财务",),
    ("x-cz", "党组书记、局长"): ("关键少数",),
    ("x-cz-d2", "科长"): ("重点岗位", "审批"),
    ("x-cz-d3", "科长"): ("财务",),
}


def _users() -> dict[str, User]:
    names = ["minzheng", "mzlingdao", "caizheng", "czlingdao"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _tag(users: dict[str, User]) -> None:
    by_name = {t.name: t.pk for t in PostTag.objects.all()}
    for (code, position), names in TAGS.items():
        unit = Unit.objects.get(code=code)
        liaison = users["minzheng" if code.startswith("x-mz") else "caizheng"]
        people = Person.objects.filter(unit=unit, position=position)
        services.save_unit_tags(unit, by=liaison, tags={p.pk: {by_name[n] for n in names} for p in people})


def _sheet(rows: list[Attendance]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101  (a new workbook always has its sheet)
    ws.append(["市民政局以案促改警示教育大会签到表"])
    ws.append(["序号", "姓名", "单位", "签名"])
    for i, row in enumerate(rows, 1):
        ws.append([i, row.person.name, row.person.unit.name, "（已签）"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _event(by: User, unit: Unit, cases: list[Case], days_ago: int, **fields: Any) -> Event:
    data = services.EventInput(
        unit=unit,
        target_units=[unit],
        cases=cases,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        **fields,
    )
    return services.create_event(data, by=by)


def _civil_affairs(users: dict[str, User], cases: list[Case]) -> Event:
    liaison = users["minzheng"]
    unit = Unit.objects.get(code="x-mz")
    event = _event(
        liaison,
        unit,
        [c for c in cases if c.unit.field == "civil_affairs" and c.persons.exists()][:2],
        60,
        kind=Event.Kind.CONFERENCE,
        title="市民政局以案促改警示教育大会",
        place="局机关五楼会议室",
        description="通报典型案例，观看警示教育片，局党组书记讲廉政党课。",
    )
    secretary = services.hosts_for(event).filter(leadership=Person.Leadership.SECRETARY).first()
    event = services.hold_event(event, by=liaison, host=secretary)
    rows = list(event.attendance.select_related("person__unit").order_by("person__unit__path", "person_id"))
    sick, away = rows[-1], rows[-2]
    services.import_signin(event, by=liaison, data=_sheet(rows[:-2]), filename="警示教育大会签到表.xlsx")
    services.record_attendance(
        event,
        by=liaison,
        marks=[
            services.Mark(sick.person_id, P.ABSENT, "病假"),
            services.Mark(away.person_id, P.ABSENT, "外出参加省厅培训"),
        ],
    )
    services.record_makeup(
        event,
        by=liaison,
        person_id=sick.person_id,
        made_up_on=event.held_on + timedelta(days=9),
        note="观看会议录像并自学案例通报",
    )
    asked = [r.person_id for r in rows if r.person.position in ("科长", "财务科长")][:2]
    services.request_reflections(event, by=liaison, person_ids=asked)
    services.record_reflection(
        event,
        by=liaison,
        person_id=asked[0],
        text="身边案例触目惊心，审核审批岗位更要守住底线，严格落实回避制度。",
    )
    services.add_material(event, by=liaison, checked=check_upload("警示教育大会议程.pdf", PDF + b"agenda"))
    event = services.submit_summary(
        event,
        by=liaison,
        summary="会议通报了本系统典型案例2起，观看警示教育片，局党组书记讲廉政党课；缺席2人，其中1人已补学。",
    )
    return services.confirm_summary(event, by=users["mzlingdao"], comment="同意，未补学人员限期补学。")


def _finance(users: dict[str, User], cases: list[Case]) -> Event:
    liaison = users["caizheng"]
    event = _event(
        liaison,
        Unit.objects.get(code="x-cz"),
        [c for c in cases if c.unit.field == "finance"][:1],
        20,
        kind=Event.Kind.FILM,
        title="市财政局观看警示教育片",
        place="局机关三楼报告厅",
    )
    member = services.hosts_for(event).filter(leadership=Person.Leadership.MEMBER).first()
    event = services.hold_event(event, by=liaison, host=member)
    rows = list(event.attendance.order_by("person__unit__path", "person_id"))
    absent = rows[0]
    marks = [services.Mark(r.person_id, P.PRESENT) for r in rows[1:]]
    services.record_attendance(
        event, by=liaison, marks=[*marks, services.Mark(absent.person_id, P.ABSENT, "公差")]
    )
    services.record_makeup(
        event,
        by=liaison,
        person_id=absent.person_id,
        made_up_on=event.held_on + timedelta(days=3),
        note="观看录像",
    )
    return event


def _reminder(users: dict[str, User], cases: list[Case]) -> Event:
    """Planned for the 关键少数 with a 科级 case: the page advises a case of their own level."""
    section_level = [
        c for c in cases if c.unit.field == "civil_affairs" and c.persons.filter(level="township").exists()
    ]
    return _event(
        users["minzheng"],
        Unit.objects.get(code="x-mz"),
        section_level[:1],
        -10,
        kind=Event.Kind.HOLIDAY_REMINDER,
        title="元旦春节前廉政提醒谈话",
        target_tags=list(PostTag.objects.filter(name="关键少数")),
    )


def seed() -> dict[str, Any]:
    cases = list(Case.objects.filter(notice_source=SOURCE).select_related("unit").order_by("id"))
    if Event.objects.exists() or not cases:
        return {"events_created": 0}
    users = _users()
    _tag(users)
    made = [_civil_affairs(users, cases), _finance(users, cases), _reminder(users, cases)]
    return {"events_created": len(made), "attendance": Attendance.objects.count()}
