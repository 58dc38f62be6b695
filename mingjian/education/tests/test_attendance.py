"""Attendance: ticks (all or none), the sign-in sheet matched to the 干部名册 with row-level
reasons, 补学, and 心得体会 from chosen people only."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mingjian.audit.models import AuditEvent
from mingjian.education import roster, services, sheets
from mingjian.education.models import Attendance, Event
from mingjian.education.tests.factories import days_ago, make_event, sheet
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory
from mingjian.workflow.services import TransitionError

L = Person.Level
P = Attendance.Presence


@pytest.fixture
def event(org: Any) -> Event:
    PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY, position="局长")
    PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL)
    PersonFactory(name="赵科长", unit=org.a_dept, level=L.TOWNSHIP)
    PersonFactory(name="王芳", unit=org.a_dept, level=L.GENERAL)  # a namesake in the department
    PersonFactory(name="孙会计", unit=org.bureau_b)
    return make_event(org.liaison, unit=org.bureau_a, held=True)


def presence(event: Event) -> dict[tuple[str, str], str]:
    return {
        (a.person.name, a.person.unit.name): a.presence
        for a in event.attendance.select_related("person__unit")
    }


def row(event: Event, name: str, unit: Any) -> Attendance:
    return event.attendance.get(person__name=name, person__unit=unit)


def test_ticks_need_a_reason_for_absence_and_save_all_or_nothing(org: Any, event: Event) -> None:
    chief, head = row(event, "李局长", org.bureau_a), row(event, "赵科长", org.a_dept)
    with pytest.raises(ValidationError) as e:
        services.record_attendance(
            event,
            by=org.liaison,
            marks=[services.Mark(chief.person_id, P.PRESENT), services.Mark(head.person_id, P.ABSENT, " ")],
        )
    assert e.value.messages == ["“赵科长”记为缺席，请填写缺席原因"]
    assert set(presence(event).values()) == {P.PENDING}
    changed = services.record_attendance(
        event,
        by=org.liaison,
        marks=[
            services.Mark(chief.person_id, P.PRESENT),
            services.Mark(head.person_id, P.ABSENT, "外出学习"),
        ],
    )
    assert changed == 2
    head.refresh_from_db()
    assert (head.presence, head.absence_reason, head.recorded_by) == (P.ABSENT, "外出学习", org.liaison)
    audit = AuditEvent.objects.get(action="education.attendance.recorded")
    assert audit.data["counts"]["present"] == 1 and audit.data["changed"] == 2


def test_ticks_only_for_rows_the_recorder_sees_and_only_while_held(org: Any, event: Event) -> None:
    stranger = PersonFactory(unit=org.bureau_b)
    with pytest.raises(ValidationError, match="不是本次活动的参加人员"):
        services.record_attendance(event, by=org.liaison, marks=[services.Mark(stranger.pk, P.PRESENT)])
    with pytest.raises(PermissionDenied):
        services.record_attendance(
            event, by=org.child, marks=[]
        )  # a cohort unit's liaison, not the organiser
    planned = make_event(org.liaison, unit=org.bureau_a)
    with pytest.raises(TransitionError, match="已开展"):
        services.record_attendance(planned, by=org.liaison, marks=[])


def test_signin_marks_the_listed_people_present(org: Any, event: Event) -> None:
    data = sheet([[1, "李局长", "测试市民政局"], [2, "王 芳", "社会救助科"], [3, "赵科长", ""]])
    result = services.import_signin(event, by=org.liaison, data=data, filename="签到表.xlsx")
    assert (result.present, result.outside) == (3, 0)
    assert presence(event) == {
        ("李局长", "测试市民政局"): P.PRESENT,
        ("王芳", "测试市民政局"): P.PENDING,
        ("王芳", "社会救助科"): P.PRESENT,
        ("赵科长", "社会救助科"): P.PRESENT,
    }
    material = event.materials.get()
    assert material.name == "签到表.xlsx" and len(material.sha256) == 64
    assert AuditEvent.objects.filter(action="education.signin.imported", target_id=str(event.pk)).exists()


def test_signin_with_any_bad_row_imports_nothing_and_says_why(org: Any, event: Event) -> None:
    data = sheet(
        [
            [1, "李局长", ""],
            [2, "张三", "测试市民政局"],  # not on the roster
            [3, "王芳", ""],  # two 王芳 and no unit
            [4, "赵科长", "测试市财政局"],  # the unit does not fit
            [5, "李局长", ""],  # twice
            [6, "孙会计", ""],  # on the roster, but of a unit outside the cohort
        ]
    )
    with pytest.raises(roster.RosterError) as e:
        services.import_signin(event, by=org.liaison, data=data, filename="签到表.xlsx")
    assert e.value.errors == [
        "第 4 行：“张三”不在本次活动对象单位的干部名册中（请核对姓名，或其是否已调离、未录入名册）",
        "第 5 行：名册中有 2 名“王芳”（测试市民政局、社会救助科），请在“单位”列注明所在单位",
        "第 6 行：“赵科长”在名册中属于社会救助科，与所填单位“测试市财政局”不符",
        "第 7 行：“李局长”与第 3 行是同一人，重复填写",
        "第 8 行：“孙会计”不在本次活动对象单位的干部名册中（请核对姓名，或其是否已调离、未录入名册）",
    ]
    assert set(presence(event).values()) == {P.PENDING}
    assert not event.materials.exists()
    assert not AuditEvent.objects.filter(action="education.signin.imported").exists()


def test_signin_from_a_cohort_unit_outside_the_rule_is_recorded_as_attending(org: Any) -> None:
    PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY)
    PersonFactory(name="钱科员", unit=org.bureau_a, level=L.GENERAL)
    leaders = make_event(org.liaison, unit=org.bureau_a, target_levels=[L.COUNTY], held=True)
    result = services.import_signin(
        leaders, by=org.liaison, data=sheet([[1, "李局长"], [2, "钱科员"]]), filename="a.xlsx"
    )
    assert (result.present, result.outside) == (2, 1)
    extra = leaders.attendance.get(person__name="钱科员")
    assert (extra.in_cohort, extra.presence) == (False, P.PRESENT)


def test_two_block_sheet_and_its_row_labels(org: Any, event: Event) -> None:
    header = ["序号", "姓名", "单位", "序号", "姓名", "单位"]
    data = sheet([[1, "李局长", "", 2, "赵科长", ""], [3, "王芳", "民政局", 4, "某某", ""]], header)
    with pytest.raises(roster.RosterError) as e:
        services.import_signin(event, by=org.liaison, data=data, filename="签到表.xlsx")
    assert e.value.errors[0].startswith("第 4 行第 1 栏：")  # 民政局 fits both 王芳 (both under 市民政局)
    assert e.value.errors[1].startswith("第 4 行第 2 栏：“某某”不在")


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (25 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"not a zip at all", "签到表.xlsx", "无法作为压缩包打开"),
        (_bomb(), "签到表.xlsx", "解压后过大"),
        (sheet([[1, "李局长"]], ["序号", "名字"]), "签到表.xlsx", "未找到表头"),
        (sheet([[1, None, "测试市民政局"]]), "签到表.xlsx", "没有填写姓名"),
        (sheet([[1, "李局长"]]), "签到表.xls", ".xlsx"),
    ],
    ids=["not-zip", "bomb", "no-header", "no-names", "extension"],
)
def test_an_unreadable_sheet_is_refused_before_anything_is_saved(
    org: Any, event: Event, data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(sheets.SheetError, match=message):
        services.import_signin(event, by=org.liaison, data=data, filename=filename)
    assert set(presence(event).values()) == {P.PENDING}


def test_makeup_for_the_absent_only_within_dates(org: Any, event: Event) -> None:
    head = row(event, "赵科长", org.a_dept)
    with pytest.raises(TransitionError, match="不是缺席人员"):
        services.record_makeup(
            event, by=org.liaison, person_id=head.person_id, made_up_on=days_ago(0), note="看录像"
        )
    services.record_attendance(event, by=org.liaison, marks=[services.Mark(head.person_id, P.ABSENT, "病假")])
    with pytest.raises(ValidationError, match="补学日期"):
        services.record_makeup(
            event, by=org.liaison, person_id=head.person_id, made_up_on=days_ago(5), note="看录像"
        )
    with pytest.raises(ValidationError, match="补学方式"):
        services.record_makeup(
            event, by=org.liaison, person_id=head.person_id, made_up_on=days_ago(0), note=""
        )
    # The cadre's own unit records it: the department's liaison, who did not organise the event.
    done = services.record_makeup(
        event, by=org.child, person_id=head.person_id, made_up_on=days_ago(0), note="观看录像"
    )
    assert (done.presence, done.made_up_note, done.recorded_by) == (P.MADE_UP, "观看录像", org.child)
    with pytest.raises(ValidationError):  # 李局长 is not the child liaison's to see
        services.record_makeup(
            event,
            by=org.child,
            person_id=row(event, "李局长", org.bureau_a).person_id,
            made_up_on=days_ago(0),
            note="x",
        )


def test_reflections_from_chosen_people_never_from_everyone(org: Any, event: Event) -> None:
    everyone = [a.person_id for a in event.attendance.all()]
    services.record_attendance(event, by=org.liaison, marks=[services.Mark(p, P.PRESENT) for p in everyone])
    with pytest.raises(ValidationError, match="不能要求全体参加人员"):
        services.request_reflections(event, by=org.liaison, person_ids=everyone)
    chief = row(event, "李局长", org.bureau_a)
    assert services.request_reflections(event, by=org.liaison, person_ids=[chief.person_id]) == 1
    head = row(event, "赵科长", org.a_dept)
    with pytest.raises(TransitionError, match="只向选定人员收集"):
        services.record_reflection(event, by=org.liaison, person_id=head.person_id, text="深受教育")
    written = services.record_reflection(
        event, by=org.liaison, person_id=chief.person_id, text="深受教育，引以为戒。"
    )
    assert written.reflection == "深受教育，引以为戒。" and written.reflection_at is not None
    # Choosing others later keeps the one already written: still not everyone.
    others = [p for p in everyone if p != chief.person_id][:2]
    assert services.request_reflections(event, by=org.liaison, person_ids=others) == 3
    chief.refresh_from_db()
    assert chief.reflection_requested


def test_reflections_only_from_those_who_attended(org: Any, event: Event) -> None:
    chief = row(event, "李局长", org.bureau_a)
    with pytest.raises(ValidationError, match="出席或补学"):
        services.request_reflections(event, by=org.liaison, person_ids=[chief.person_id])
