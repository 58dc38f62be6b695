"""The 警示教育 pages: HTTP concerns, what each viewer reads, and that every form reaches its service."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.education import services
from mingjian.education.models import Attendance, Event, PersonTag
from mingjian.education.tests.factories import days_ago, make_event, sheet, tag
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory

L = Person.Level
P = Attendance.Presence


@pytest.fixture
def case(org: Any) -> Any:
    case = CaseFactory(unit=org.bureau_a, publicity="city", title="测试市民政局王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明", level="township")
    return case


@pytest.fixture
def cadres(org: Any) -> list[Person]:
    return [
        PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY, position="局长"),
        PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL),
        PersonFactory(name="赵科长", unit=org.a_dept, level=L.TOWNSHIP),
    ]


def as_user(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_create_an_event_for_a_cohort(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    as_user(client, org.inspector)
    page = client.get(reverse("education:event-create"), {"case": case.pk})
    assert page.status_code == 200
    assert re.search(rf'<option value="{case.pk}" selected>', page.content.decode())
    response = client.post(
        reverse("education:event-create"),
        {
            "kind": "conference",
            "title": "王大明案以案促改警示教育大会",
            "held_on": days_ago(1).isoformat(),
            "place": "局三楼会议室",
            "unit": org.bureau_a.pk,
            "cases": [case.pk],
            "target_units": [org.bureau_a.pk],
            "include_subunits": "on",
            "target_levels": [L.COUNTY, L.TOWNSHIP],
        },
        follow=True,
    )
    event = Event.objects.get()
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert "活动对象共 2 人" in text(response)
    assert event.created_by == org.inspector and list(event.cases.all()) == [case]


def test_form_errors_come_back_under_their_fields(client: Client, org: Any, cadres: list[Person]) -> None:
    as_user(client, org.liaison)
    response = client.post(
        reverse("education:event-create"),
        {
            "kind": "film",
            "title": "观看警示片",
            "held_on": days_ago(1).isoformat(),
            "unit": org.bureau_a.pk,
            "target_units": [org.bureau_a.pk],
            "target_field": "finance",
        },
    )
    assert response.status_code == 200
    assert "所选对象单位中没有该领域的单位" in text(response)
    assert not Event.objects.exists()
    assert (
        client.post(reverse("education:event-create"), {"target_units": [org.bureau_b.pk]}).status_code == 200
    )
    assert not Event.objects.exists()


def test_names_are_masked_outside_the_commission(
    client: Client, org: Any, case: Any, cadres: list[Person]
) -> None:
    event = make_event(org.inspector, unit=org.bureau_a, cases=[case], title="王大明案警示教育大会")
    commission = text(as_user(client, org.inspector).get(event.get_absolute_url()))
    assert "王大明案警示教育大会" in commission and "测试市民政局王大明违规审批低保问题" in commission
    unit_side = text(as_user(client, org.liaison).get(event.get_absolute_url()))
    assert "王大明" not in unit_side
    assert "王某某案警示教育大会" in unit_side and "测试市民政局王某某违规审批低保问题" in unit_side
    listing = text(client.get(reverse("education:event-list")))
    assert "王某某案警示教育大会" in listing and "王大明" not in listing


def test_detail_shows_counts_and_the_level_advice(
    client: Client, org: Any, case: Any, cadres: list[Person]
) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case], target_levels=[L.COUNTY])
    page = text(as_user(client, org.liaison).get(event.get_absolute_url()))
    assert "活动对象 1 人" in page
    assert "层级错位：受众包括县处级以上领导干部" in page


def test_hold_then_import_a_sheet_with_an_unmatched_name(
    client: Client, org: Any, case: Any, cadres: list[Person]
) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case])
    as_user(client, org.liaison)
    client.post(reverse("education:event-action", args=[event.pk, "hold"]))
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    bad = SimpleUploadedFile("签到表.xlsx", sheet([[1, "李局长"], [2, "张三"]]))
    response = client.post(reverse("education:signin-import", args=[event.pk]), {"file": bad})
    assert response.status_code == 200
    assert "第 4 行：“张三”不在本次活动对象单位的干部名册中" in text(response)
    assert not event.attendance.exclude(presence=P.PENDING).exists()
    good = SimpleUploadedFile("签到表.xlsx", sheet([[1, "李局长"], [2, "赵科长"]]))
    response = client.post(reverse("education:signin-import", args=[event.pk]), {"file": good}, follow=True)
    assert "签到表已导入：2 人记为出席" in text(response)
    assert set(event.attendance.filter(presence=P.PRESENT).values_list("person__name", flat=True)) == {
        "李局长",
        "赵科长",
    }


def test_ticks_keep_what_was_typed_when_refused(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    chief, clerk = cadres[0], cadres[1]
    as_user(client, org.liaison)
    url = reverse("education:attendance-save", args=[event.pk])
    response = client.post(url, {f"p{chief.pk}": "present", f"p{clerk.pk}": "absent", f"r{clerk.pk}": ""})
    assert response.status_code == 200
    assert "“王芳”记为缺席，请填写缺席原因" in text(response)
    assert re.search(r'<option value="present" selected>出席</option>', response.content.decode())
    assert not event.attendance.exclude(presence=P.PENDING).exists()
    response = client.post(url, {f"p{chief.pk}": "present", f"p{clerk.pk}": "absent", f"r{clerk.pk}": "病假"})
    assert response.status_code == 302
    assert event.attendance.get(person=clerk).absence_reason == "病假"


def test_makeup_reflections_summary_and_confirmation(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    marks = [services.Mark(p.pk, P.PRESENT) for p in cadres[:2]] + [
        services.Mark(cadres[2].pk, P.ABSENT, "出差")
    ]
    services.record_attendance(event, by=org.liaison, marks=marks)
    as_user(client, org.liaison)
    client.post(
        reverse("education:makeup", args=[event.pk]),
        {"person": cadres[2].pk, "made_up_on": days_ago(0).isoformat(), "note": "观看会议录像"},
    )
    assert event.attendance.get(person=cadres[2]).presence == P.MADE_UP
    everyone = [p.pk for p in cadres]
    refused = client.post(reverse("education:reflections-request", args=[event.pk]), {"people": everyone})
    assert "不能要求全体参加人员提交" in text(refused)
    client.post(reverse("education:reflections-request", args=[event.pk]), {"people": [cadres[0].pk]})
    client.post(
        reverse("education:reflection-write", args=[event.pk]), {"person": cadres[0].pk, "text": "引以为戒。"}
    )
    assert event.attendance.get(person=cadres[0]).reflection == "引以为戒。"
    client.post(
        reverse("education:event-action", args=[event.pk, "submit"]), {"summary": "会议通报案例 1 起。"}
    )
    event.refresh_from_db()
    assert event.status == Event.Status.SUBMITTED
    # The liaison recorded it: their confirmation is no page at all; the leader above confirms.
    assert client.post(reverse("education:event-action", args=[event.pk, "confirm"])).status_code == 404
    as_user(client, org.parent)
    page = text(client.get(event.get_absolute_url()))
    assert "确认总结" in page
    client.post(reverse("education:event-action", args=[event.pk, "confirm"]), {"comment": "同意"})
    event.refresh_from_db()
    assert (event.status, event.confirmed_by) == (Event.Status.SUMMARISED, org.parent)


def test_edit_only_while_planned(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    as_user(client, org.liaison)
    assert client.get(reverse("education:event-edit", args=[event.pk])).status_code == 200
    services.hold_event(event, by=org.liaison)
    assert client.get(reverse("education:event-edit", args=[event.pk])).status_code == 404
    as_user(client, org.leader)  # sees, never edits
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get(reverse("education:event-edit", args=[event.pk])).status_code == 404


def test_materials_upload_and_audited_download(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    as_user(client, org.liaison)
    upload = SimpleUploadedFile("警示教育片.pdf", b"%PDF-1.4 film notes")
    client.post(
        reverse("education:material-add", args=[event.pk]), {"file": upload, "name": "警示片观看提纲"}
    )
    material = event.materials.get()
    assert material.name == "警示片观看提纲.pdf"
    fake = SimpleUploadedFile("病毒.pdf", b"MZ not a pdf")
    response = client.post(reverse("education:material-add", args=[event.pk]), {"file": fake}, follow=True)
    assert "不是有效的PDF 文档" in text(response)
    assert event.materials.count() == 1
    as_user(client, org.stationed)
    download = client.get(reverse("education:material-download", args=[material.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 film notes"
    assert AuditEvent.objects.filter(action="education.material.downloaded", actor=org.stationed).exists()


def test_coverage_page_names_who_was_not_reached(
    client: Client, org: Any, case: Any, cadres: list[Person]
) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case], held=True)
    services.record_attendance(event, by=org.liaison, marks=[services.Mark(cadres[0].pk, P.PRESENT)])
    page = text(as_user(client, org.inspector).get(reverse("education:coverage")))
    assert "对象 3 人，已覆盖 1 人，覆盖率 <strong>33%</strong>" in page
    assert "王芳" in page and "赵科长" in page
    assert "测试市民政局" not in text(as_user(client, org.outsider).get(reverse("education:coverage")))
    filtered = text(as_user(client, org.inspector).get(reverse("education:coverage"), {"levels": [L.COUNTY]}))
    assert "对象 1 人，已覆盖 1 人，覆盖率 <strong>100%</strong>" in filtered


def test_coverage_rows_name_cadres_escaped_count_the_rest_and_say_when_all_were_reached(
    client: Client, org: Any, case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mingjian.education import coverage as module

    monkeypatch.setattr(module, "NAMES_PER_UNIT", 1)
    PersonFactory(name="<b>甲</b>", unit=org.bureau_a, position="科长")
    PersonFactory(name="乙", unit=org.bureau_a)
    reached = PersonFactory(name="丙", unit=org.a_dept)
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case], held=True)
    services.record_attendance(event, by=org.liaison, marks=[services.Mark(reached.pk, P.PRESENT)])
    page = text(as_user(client, org.inspector).get(reverse("education:coverage")))
    assert '<span class="me-2" data-testid="unreached">&lt;b&gt;甲&lt;/b&gt;（科长）</span>等 2 人' in page
    assert "乙" not in page
    assert '<td class="small"><span class="text-success">全部覆盖</span></td>' in page


def test_coverage_unit_filter_is_searched_past_the_picker_limit_and_lists_only_the_scope(
    client: Client, org: Any, cadres: list[Person], settings: Any
) -> None:
    settings.PICKER_MAX_OPTIONS = 1
    page = text(as_user(client, org.liaison).get(reverse("education:coverage")))
    assert 'data-testid="id_unit-search"' in page
    assert "测试市财政局" not in page
    narrowed = text(client.get(reverse("education:coverage"), {"unit": org.a_dept.pk}))
    assert "对象 1 人" in narrowed and "赵科长" in narrowed and "王芳" not in narrowed
    outside = text(client.get(reverse("education:coverage"), {"unit": org.bureau_b.pk}))
    assert "不在可选范围内" in outside and "coverage-total" not in outside
    settings.PICKER_MAX_OPTIONS = 200
    listed = text(client.get(reverse("education:coverage")))
    assert "社会救助科" in listed and "测试市财政局" not in listed and "id_unit-search" not in listed


def test_coverage_pages_keep_every_filter(
    client: Client, org: Any, cadres: list[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mingjian.education import coverage as module

    monkeypatch.setattr(module, "PAGE_UNITS", 1)
    PersonFactory(name="孙会计", unit=org.bureau_b, level=L.GENERAL)
    query = {"levels": [L.COUNTY, L.GENERAL]}
    first = text(as_user(client, org.inspector).get(reverse("education:coverage"), query))
    assert "对象 3 人" in first and "第 1 / 2 页" in first and "孙会计" not in first
    assert "?levels=county&amp;levels=general&amp;page=2" in first
    second = text(client.get(reverse("education:coverage"), {**query, "page": 2}))
    assert "对象 3 人" in second and "第 2 / 2 页" in second and "孙会计" in second


def test_the_liaison_keeps_post_tags(client: Client, org: Any, cadres: list[Person]) -> None:
    as_user(client, org.liaison)
    page = client.get(reverse("education:tags"))
    assert page.status_code == 200 and "李局长" in text(page)
    chief = cadres[0]
    client.post(
        reverse("education:tags"),
        {"unit": org.bureau_a.pk, "people": [chief.pk, cadres[1].pk], f"t{chief.pk}": [tag("关键少数").pk]},
    )
    assert list(PersonTag.objects.values_list("person__name", "tag__name")) == [("李局长", "关键少数")]
    bad = SimpleUploadedFile("标签.xlsx", sheet([["王芳", "财务、会计"]], ["姓名", "岗位标签"], title=None))
    response = client.post(reverse("education:tags-import"), {"unit": org.bureau_a.pk, "file": bad})
    assert "岗位标签“会计”不在标签目录中" in text(response)
    good = SimpleUploadedFile(
        "标签.xlsx", sheet([["王芳", "财务、审批"], ["李局长", ""]], ["姓名", "岗位标签"], title=None)
    )
    client.post(reverse("education:tags-import"), {"unit": org.bureau_a.pk, "file": good})
    assert set(PersonTag.objects.values_list("person__name", "tag__name")) == {
        ("王芳", "财务"),
        ("王芳", "审批"),
    }
    assert AuditEvent.objects.filter(action="education.tags.imported").exists()
    for user in (org.inspector, org.parent, org.sysadmin):  # only the unit's liaison keeps them
        assert as_user(client, user).get(reverse("education:tags")).status_code == 404


def test_post_tags_come_a_page_of_cadres_at_a_time_and_saving_touches_only_that_page(
    client: Client, org: Any, cadres: list[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mingjian.education.views import tags as module

    monkeypatch.setattr(module, "PEOPLE_PER_PAGE", 1)
    chief, clerk = cadres[0], cadres[1]  # 民政局's two cadres, in id order
    PersonTag.objects.create(person=chief, tag=tag("关键少数"))
    as_user(client, org.liaison)
    first = text(client.get(reverse("education:tags"), {"unit": org.bureau_a.pk}))
    assert "李局长" in first and "王芳" not in first and "第 1 / 2 页" in first
    second = text(client.get(reverse("education:tags"), {"unit": org.bureau_a.pk, "page": 2}))
    assert "王芳" in second and "李局长" not in second
    saved = client.post(
        reverse("education:tags"),
        {"unit": org.bureau_a.pk, "page": 2, "people": [clerk.pk], f"t{clerk.pk}": [tag("财务").pk]},
    )
    assert saved["Location"] == f"{reverse('education:tags')}?unit={org.bureau_a.pk}&page=2"
    assert set(PersonTag.objects.values_list("person__name", "tag__name")) == {
        ("李局长", "关键少数"),
        ("王芳", "财务"),
    }


def test_case_page_and_home_page(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case])
    as_user(client, org.liaison)
    page = text(client.get(case.get_absolute_url()))
    assert "警醒一批干部" in page and "0 / 3" in page
    home = text(client.get(reverse("home")))
    assert "已到开展日期，请记录开展情况" in home and event.get_absolute_url() in home
    nav = text(client.get(reverse("education:event-list")))
    for label in ("警示教育", "教育覆盖", "岗位标签"):
        assert label in nav


def test_coverage_of_one_events_cohort(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case], target_levels=[L.COUNTY], held=True)
    services.record_attendance(event, by=org.liaison, marks=[services.Mark(cadres[0].pk, P.PRESENT)])
    as_user(client, org.liaison)
    assert f"{reverse('education:coverage')}?event={event.pk}" in text(client.get(event.get_absolute_url()))
    page = text(client.get(reverse("education:coverage"), {"event": event.pk}))
    assert "对象 1 人，已覆盖 1 人，覆盖率 <strong>100%</strong>" in page
    assert "活动对象：以案促改警示教育大会" in page
    hidden = text(as_user(client, org.outsider).get(reverse("education:coverage"), {"event": event.pk}))
    missing = text(client.get(reverse("education:coverage"), {"event": 987654321}))
    assert "coverage-total" not in hidden and "coverage-total" not in missing
    assert "以案促改警示教育大会" not in hidden


def test_material_names_are_masked_too(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    event = make_event(org.inspector, unit=org.bureau_a, cases=[case])
    upload = SimpleUploadedFile("王大明忏悔录.pdf", b"%PDF-1.4 confession")
    as_user(client, org.inspector).post(reverse("education:material-add", args=[event.pk]), {"file": upload})
    material = event.materials.get()
    assert "王大明忏悔录.pdf" in text(client.get(event.get_absolute_url()))
    as_user(client, org.liaison)
    page = text(client.get(event.get_absolute_url()))
    assert "王某某忏悔录.pdf" in page and "王大明" not in page
    download = client.get(reverse("education:material-download", args=[material.pk]))
    assert "%E7%8E%8B%E6%9F%90%E6%9F%90" in download["Content-Disposition"]  # 王某某, percent-encoded


def test_hold_form_offers_only_the_leadership_and_records_the_host(
    client: Client, org: Any, cadres: list[Person]
) -> None:
    chief, clerk = cadres[0], cadres[1]
    Person.objects.filter(pk=chief.pk).update(leadership=Person.Leadership.SECRETARY, position="局党组书记")
    event = make_event(org.liaison, unit=org.bureau_a)
    page = text(as_user(client, org.liaison).get(event.get_absolute_url()))
    assert "李局长（局党组书记）" in page and f'value="{clerk.pk}"' not in page
    url = reverse("education:event-action", args=[event.pk, "hold"])
    response = client.post(url, {"host": clerk.pk}, follow=True)
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED and "主持人须为组织单位的班子成员" in text(response)
    client.post(url, {"host": chief.pk})
    event.refresh_from_db()
    assert (event.status, event.host_id) == (Event.Status.HELD, chief.pk)
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<span data-testid="event-host">李局长</span>' in page
    client.post(reverse("education:event-action", args=[event.pk, "host"]), {"host": ""})
    event.refresh_from_db()
    assert event.host is None  # corrected: none recorded
    assert AuditEvent.objects.filter(
        action="education.event.host_corrected", target_id=str(event.pk)
    ).exists()


def test_attendance_inputs_only_while_it_may_be_recorded(
    client: Client, org: Any, cadres: list[Person]
) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    selects = 'aria-label="李局长出勤情况"'
    assert selects not in text(as_user(client, org.liaison).get(event.get_absolute_url()))  # planned
    services.hold_event(event, by=org.liaison)
    assert selects in client.get(event.get_absolute_url()).content.decode()
    as_user(client, org.leader)  # a read-only leader sees what was recorded, not inputs
    assert selects not in client.get(event.get_absolute_url()).content.decode()
