"""The 警示教育 API: the same visibility, masking and services as the pages; each action its own
documented operation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.education.models import Attendance, Event
from mingjian.education.tests.factories import days_ago, make_event, sheet
from mingjian.org.models import Person
from mingjian.org.tests.factories import PersonFactory

L = Person.Level
P = Attendance.Presence


@pytest.fixture
def case(org: Any) -> Any:
    case = CaseFactory(unit=org.bureau_a, publicity="city", title="测试市民政局王大明违规审批低保问题")
    CasePersonFactory(case=case, name="王大明", level="county")
    return case


@pytest.fixture
def cadres(org: Any) -> list[Person]:
    return [
        PersonFactory(name="李局长", unit=org.bureau_a, level=L.COUNTY),
        PersonFactory(name="王芳", unit=org.bureau_a, level=L.GENERAL),
    ]


def api(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def post(client: Client, name: str, pk: int, data: dict[str, Any] | None = None) -> Any:
    return client.post(reverse(name, args=[pk]), data or {}, content_type="application/json")


def test_create_list_and_detail(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    api(client, org.inspector)
    body = {
        "kind": "conference",
        "title": "王大明案警示教育大会",
        "held_on": days_ago(1).isoformat(),
        "unit": org.bureau_a.pk,
        "cases": [case.pk],
        "target_units": [org.bureau_a.pk],
        "target_levels": ["county"],
    }
    created = client.post(reverse("api-education-event-list"), body, content_type="application/json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["unit"], data["status"], data["cohort_size"], data["reached"]) == (
        org.bureau_a.pk,
        "planned",
        1,
        0,
    )
    assert data["warnings"] == []
    detail = api(client, org.liaison).get(reverse("api-education-event-detail", args=[data["id"]])).json()
    assert detail["id"] == data["id"] and detail["title"] == "王某某案警示教育大会"
    assert detail["cases"] == [
        {"id": case.pk, "unit": org.bureau_a.pk, "title": "测试市民政局王某某违规审批低保问题"}
    ]
    listed = client.get(reverse("api-education-event-list"), {"case": case.pk}).json()
    assert [e["id"] for e in listed["results"]] == [data["id"]]
    assert (
        api(client, org.outsider).get(reverse("api-education-event-detail", args=[data["id"]])).status_code
        == 404
    )
    assert client.get(reverse("api-education-event-list")).json()["count"] == 0


def test_create_refuses_what_the_caller_may_not_use(client: Client, org: Any, cadres: list[Person]) -> None:
    hidden = CaseFactory(unit=org.bureau_b)
    body = {
        "kind": "film",
        "title": "观看警示片",
        "held_on": days_ago(1).isoformat(),
        "unit": org.bureau_a.pk,
        "target_units": [org.bureau_b.pk],
        "cases": [hidden.pk],
    }
    response = api(client, org.liaison).post(
        reverse("api-education-event-list"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"target_units", "cases"}
    assert not Event.objects.exists()


def test_actions_run_the_services(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    api(client, org.liaison)
    assert post(client, "api-education-event-submit", event.pk, {"summary": "x"}).status_code == 409
    assert post(client, "api-education-event-hold", event.pk).json()["status"] == "held"
    marks = {
        "marks": [
            {"person": cadres[0].pk, "presence": "present"},
            {"person": cadres[1].pk, "presence": "absent"},
        ]
    }
    refused = post(client, "api-education-event-attendance", event.pk, marks)
    assert refused.status_code == 400 and "缺席原因" in str(refused.json())
    marks["marks"][1]["reason"] = "病假"
    assert post(client, "api-education-event-attendance", event.pk, marks).json()["reached"] == 1
    makeup = {"person": cadres[1].pk, "made_up_on": days_ago(0).isoformat(), "note": "观看录像"}
    assert post(client, "api-education-event-makeup", event.pk, makeup).json()["reached"] == 2
    everyone = {"people": [p.pk for p in cadres]}
    assert post(client, "api-education-event-reflections", event.pk, everyone).status_code == 400
    assert (
        post(client, "api-education-event-reflections", event.pk, {"people": [cadres[0].pk]}).status_code
        == 200
    )
    written = {"person": cadres[0].pk, "text": "深受触动。"}
    assert post(client, "api-education-event-reflection", event.pk, written).status_code == 200
    assert (
        post(client, "api-education-event-submit", event.pk, {"summary": "已开展"}).json()["status"]
        == "submitted"
    )
    assert post(client, "api-education-event-confirm", event.pk).status_code == 404  # the recorder
    api(client, org.parent)
    assert post(client, "api-education-event-return", event.pk, {"reason": "补充"}).json()["status"] == "held"
    api(client, org.liaison)
    post(client, "api-education-event-submit", event.pk, {"summary": "已开展，补学 1 人"})
    api(client, org.inspector)
    assert (
        post(client, "api-education-event-confirm", event.pk, {"comment": "同意"}).json()["status"]
        == "summarised"
    )


def test_signin_upload_with_row_reasons(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, held=True)
    api(client, org.liaison)
    url = reverse("api-education-event-signin", args=[event.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("s.xlsx", sheet([[1, "李局长"], [2, "张三"]]))})
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        "第 4 行：“张三”不在本次活动对象单位的干部名册中（请核对姓名，或其是否已调离、未录入名册）"
    ]
    good = client.post(url, {"file": SimpleUploadedFile("s.xlsx", sheet([[1, "李局长"]]))})
    assert good.status_code == 200 and good.json()["reached"] == 1


def test_cancel_from_planned_only(client: Client, org: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a)
    api(client, org.liaison)
    assert post(client, "api-education-event-cancel", event.pk, {}).status_code == 400
    assert (
        post(client, "api-education-event-cancel", event.pk, {"reason": "改期"}).json()["status"]
        == "cancelled"
    )
    assert post(client, "api-education-event-cancel", event.pk, {"reason": "改期"}).status_code == 409


def test_coverage_endpoint(client: Client, org: Any, case: Any, cadres: list[Person]) -> None:
    event = make_event(org.liaison, unit=org.bureau_a, cases=[case], held=True)
    post(
        api(client, org.liaison),
        "api-education-event-attendance",
        event.pk,
        {"marks": [{"person": cadres[0].pk, "presence": "present"}]},
    )
    data = api(client, org.inspector).get(reverse("api-education-coverage"), {"unit": org.bureau_a.pk}).json()
    assert (data["cohort"], data["reached"]) == (2, 1)
    assert (data["unit_count"], data["page"], data["pages"], data["units"][0]["unreached_count"]) == (
        1,
        1,
        1,
        1,
    )
    assert data["units"][0]["unreached"] == [
        {"id": cadres[1].pk, "name": "王芳", "position": "科员", "level": "general"}
    ]
    leaders = client.get(reverse("api-education-coverage"), {"level": "county"}).json()
    assert (leaders["cohort"], leaders["reached"]) == (1, 1)
    hidden = api(client, org.outsider).get(reverse("api-education-coverage"), {"unit": org.bureau_a.pk})
    assert hidden.status_code == 400 and hidden.json() == {"unit": ["无此单位。"]}


def test_every_action_is_its_own_documented_operation(client: Client, org: Any) -> None:
    schema = api(client, org.inspector).get(reverse("api-schema"), {"format": "json"}).json()
    paths = schema["paths"]
    bodies = {}
    for action in (
        "hold",
        "host",
        "cancel",
        "attendance",
        "signin",
        "makeup",
        "reflections",
        "reflection",
        "submit",
        "confirm",
        "return",
    ):
        operation = paths[f"/api/education/events/{{id}}/{action}/"]["post"]
        content = operation["requestBody"]["content"] if "requestBody" in operation else {}
        bodies[action] = next(iter(content.values()))["schema"]["$ref"] if content else None
    assert len({b for b in bodies.values() if b}) == len([b for b in bodies.values() if b])
    assert bodies["submit"].endswith("/SummaryInput") and bodies["makeup"].endswith("/MakeupInput")
    assert (
        "multipart/form-data" in paths["/api/education/events/{id}/signin/"]["post"]["requestBody"]["content"]
    )
    assert "post" in paths["/api/education/events/"] and "get" in paths["/api/education/coverage/"]


def test_api_edits_a_planned_event_and_uploads_material(org: Any) -> None:
    event = make_event(
        org.liaison, unit=org.bureau_a, held_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    api = APIClient()
    api.force_authenticate(org.liaison)
    body = {
        "kind": "conference",
        "title": "以案促改警示教育大会（改期）",
        "held_on": str(timezone.localdate() + datetime.timedelta(days=5)),
        "unit": org.bureau_a.pk,
        "target_units": [org.bureau_a.pk],
    }
    edited = api.put(f"/api/education/events/{event.pk}/", body, format="json")
    assert edited.status_code == 200, edited.content
    assert edited.json()["title"] == "以案促改警示教育大会（改期）"
    assert AuditEvent.objects.filter(action="education.event.updated").exists()
    assert (
        api.put(f"/api/education/events/{event.pk}/", {**body, "kind": "x"}, format="json").status_code == 400
    )
    pdf = SimpleUploadedFile("课件.pdf", b"%PDF-1.4 x")
    added = api.post(f"/api/education/events/{event.pk}/materials/", {"file": pdf})
    assert added.status_code == 200, added.content
    assert AuditEvent.objects.filter(action="education.material.added").exists()
    outsider = APIClient()
    outsider.force_authenticate(org.outsider)
    assert outsider.put(f"/api/education/events/{event.pk}/", body, format="json").status_code == 404


def test_hold_takes_the_host_from_the_units_leadership(
    client: Client, org: Any, cadres: list[Person]
) -> None:
    chief, clerk = cadres
    chief.leadership = Person.Leadership.HEAD
    chief.save()
    outside = PersonFactory(name="外单位书记", unit=org.bureau_b, leadership=Person.Leadership.SECRETARY)
    event = make_event(org.liaison, unit=org.bureau_a)
    api(client, org.liaison)
    for wrong in (clerk.pk, outside.pk, 99_999):
        refused = post(client, "api-education-event-hold", event.pk, {"host": wrong})
        assert refused.status_code == 400 and "无此主持人" in str(refused.json()["host"])
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED
    assert (
        post(client, "api-education-event-host", event.pk, {"host": chief.pk}).status_code == 409
    )  # planned
    held = post(client, "api-education-event-hold", event.pk, {"host": chief.pk}).json()
    assert (held["status"], held["host"], held["host_name"]) == ("held", chief.pk, "李局长")
    corrected = post(client, "api-education-event-host", event.pk, {"host": None}).json()
    assert (corrected["status"], corrected["host"]) == ("held", None)
    refused = post(client, "api-education-event-host", event.pk, {"host": clerk.pk})
    assert refused.status_code == 400 and "无此主持人" in str(refused.json()["host"])
