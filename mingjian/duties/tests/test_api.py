"""The 两个责任 API: the pages' visibility, capabilities and masking; each action its own
documented operation with its own body."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory
from mingjian.duties import api, services
from mingjian.duties.models import Accountability, DutyList, Talk
from mingjian.duties.tests.factories import make_accountability, make_talk
from mingjian.duties.vocabulary import Kind
from mingjian.rectification import services as rect
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory

from .conftest import Team

YEAR = timezone.localdate().year


def client_for(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _generated(org: Any) -> dict[str, DutyList]:
    return {d.kind: d for d in services.generate_lists(org.bureau_a, year=YEAR, by=org.liaison).created}


def test_generating_and_reading_lists(org: Any, team: Team, templates: None) -> None:
    response = client_for(org.liaison).post(
        "/api/duties/lists/", {"unit": org.bureau_a.pk, "year": YEAR}, format="json"
    )
    assert response.status_code == 201
    assert {row["kind"] for row in response.json()["created"]} == {"main", "first", "dual"}
    again = client_for(org.liaison).post("/api/duties/lists/", {"unit": org.bureau_a.pk, "year": YEAR})
    assert again.json() == {"created": [], "existing": 3, "missing": []}
    listed = (
        client_for(org.inspector).get("/api/duties/lists/", {"unit": org.bureau_a.pk, "kind": "first"}).json()
    )
    assert [row["person"] for row in listed["results"]] == [team.secretary_person.pk]
    assert client_for(org.outsider).get("/api/duties/lists/").json()["count"] == 0


def test_generating_for_an_invisible_unit_answers_like_a_missing_one(
    org: Any, team: Team, templates: None
) -> None:
    outsider = client_for(org.outsider)
    hidden = outsider.post("/api/duties/lists/", {"unit": org.bureau_a.pk, "year": YEAR}, format="json")
    missing = outsider.post("/api/duties/lists/", {"unit": 987654321, "year": YEAR}, format="json")
    assert hidden.status_code == missing.status_code == 400 and hidden.json() == missing.json()


def test_a_list_carries_its_items_with_their_acts(org: Any, team: Team, templates: None) -> None:
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        leader=team.secretary,
        status=Task.Status.IN_PROGRESS,
        progress="已完成",
    )
    rect.confirm_task(task, by=team.secretary)
    first = _generated(org)[Kind.FIRST]
    data = client_for(team.secretary).get(reverse("api-duty-list-detail", args=[first.pk])).json()
    assert (data["id"], data["unit"], data["status"]) == (first.pk, org.bureau_a.pk, "open")
    signed = next(i for i in data["items"] if i["auto_source"] == "task_sign")
    assert signed["done"] and signed["state"] == "已履行（系统记实 1 项）"
    assert signed["acts"][0]["kind"] == "task_sign" and "签认整改任务" in signed["acts"][0]["text"]
    assert data["done"] == 1 and [r["kind"] for r in data["records"]] == ["task_sign"]


def test_list_transitions_are_separate_operations(org: Any, team: Team, templates: None) -> None:
    first = _generated(org)[Kind.FIRST]
    item = first.items.filter(source="").first()
    assert item is not None
    liaison = client_for(org.liaison)
    checked = liaison.post(
        reverse("api-duty-item-check", args=[item.pk]), {"note": "已述责述廉"}, format="json"
    )
    assert checked.status_code == 200 and checked.json()["checked"] is True
    entry = liaison.post(
        reverse("api-duty-list-entries", args=[first.pk]),
        {"happened_on": timezone.localdate().isoformat(), "text": "带头讲廉政党课", "item": item.pk},
        format="json",
    )
    assert entry.status_code == 200 and entry.json()["entries"][0]["text"] == "带头讲廉政党课"
    assert client_for(org.liaison).post(reverse("api-duty-list-submit", args=[first.pk])).status_code == 404
    assert (
        client_for(team.secretary).post(reverse("api-duty-list-submit", args=[first.pk])).status_code == 200
    )
    early = client_for(team.secretary).post(reverse("api-duty-list-submit", args=[first.pk]))
    assert early.status_code == 409 and "不能变更" in early.json()["detail"]
    accepted = client_for(org.stationed).post(
        reverse("api-duty-list-accept", args=[first.pk]), {"comment": "好"}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "reviewed"


def test_an_entry_on_an_item_of_another_list_is_refused(org: Any, team: Team, templates: None) -> None:
    lists = _generated(org)
    other = lists[Kind.MAIN].items.first()
    assert other is not None
    response = client_for(org.liaison).post(
        reverse("api-duty-list-entries", args=[lists[Kind.FIRST].pk]),
        {"happened_on": timezone.localdate().isoformat(), "text": "记实", "item": other.pk},
        format="json",
    )
    assert response.status_code == 409 and "不属于本清单" in response.json()["detail"]


def test_the_register_endpoint(org: Any, team: Team) -> None:
    data = client_for(org.liaison).get("/api/duties/register/", {"unit": org.bureau_a.pk}).json()
    assert data["unit"] == org.bureau_a.pk
    kinds = [(h["kind"], h["name"]) for h in data["holders"]]
    assert kinds[:3] == [
        ("main", "测试市民政局党组"),
        ("first", "张书记（班子成员）"),
        ("dual", "李副局长（班子成员）"),
    ]
    assert data["holders"][2]["oversees"] == [org.a_dept.pk]
    assert data["departments"] == [
        {"unit": org.a_dept.pk, "name": "社会救助科", "overseers": [team.deputy_person.pk]}
    ]
    own = client_for(org.liaison).get("/api/duties/register/").json()
    assert own["unit"] == org.bureau_a.pk  # without ?unit=, the caller's own unit
    assert client_for(org.sysadmin).get("/api/duties/register/").status_code == 404


def test_creating_a_talk_through_the_api(org: Any, team: Team) -> None:
    body = {
        "kind": "reminder",
        "subject": team.deputy_person.pk,
        "talker": team.zuzhang.person.pk,  # type: ignore[union-attr]
        "planned_on": timezone.localdate().isoformat(),
        "reason": "分管科室整改进度滞后",
    }
    created = client_for(org.stationed).post("/api/duties/talks/", body, format="json")
    assert created.status_code == 201 and created.json()["unit"] == org.bureau_a.pk
    outsider = client_for(org.outsider).post("/api/duties/talks/", body, format="json")
    assert outsider.status_code == 400  # not a cadre it may address: refused like a missing id
    assert outsider.json()["subject"] == ["无此谈话对象（或无权选择）。"]
    missing = client_for(org.outsider).post("/api/duties/talks/", {**body, "subject": 987654}, format="json")
    assert missing.json()["subject"] == outsider.json()["subject"]
    talk = Talk.objects.get()
    assert client_for(org.stationed).post(reverse("api-talk-submit", args=[talk.pk])).status_code == 200
    refused = client_for(org.stationed).post(reverse("api-talk-approve", args=[talk.pk]))
    assert refused.status_code == 409 and "四眼原则" in refused.json()["detail"]
    assert client_for(team.zuzhang).post(reverse("api-talk-approve", args=[talk.pk])).status_code == 200
    done = client_for(org.stationed).post(
        reverse("api-talk-complete", args=[talk.pk]),
        {"held_on": timezone.localdate().isoformat(), "record": "已谈话提醒"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["status"] == "done"


def test_accountability_through_the_api_masks_case_names_outside_the_commission(org: Any, team: Team) -> None:
    case = CaseFactory(unit=org.bureau_a)
    CasePersonFactory(case=case, name="王大明")
    body = {
        "target": "leader",
        "person": team.deputy_person.pk,
        "methods": ["admonishment"],
        "basis": "对王大明违规审批问题失察",
        "deciding_body": "中共测试市纪律检查委员会",
        "case": case.pk,
    }
    assert (
        client_for(org.inspector).post("/api/duties/accountability/", body, format="json").status_code == 201
    )
    wrong = client_for(org.inspector).post(
        "/api/duties/accountability/", body | {"methods": ["reorganisation"]}, format="json"
    )
    assert wrong.status_code == 400 and "问责条例第七条" in str(wrong.json())
    rec = Accountability.objects.get()
    assert (
        client_for(org.liaison).get(reverse("api-accountability-detail", args=[rec.pk])).json()["basis"]
        == "对王某某违规审批问题失察"
    )
    assert (
        client_for(org.inspector).get(reverse("api-accountability-detail", args=[rec.pk])).json()["basis"]
        == "对王大明违规审批问题失察"
    )


def test_decide_needs_another_account(org: Any, team: Team) -> None:
    rec = make_accountability(issuer=org.commission, unit=org.bureau_a, by=org.inspector)
    assert (
        client_for(org.inspector).post(reverse("api-accountability-submit", args=[rec.pk])).status_code == 200
    )
    day = {"decided_on": timezone.localdate().isoformat()}
    assert (
        client_for(org.inspector)
        .post(reverse("api-accountability-decide", args=[rec.pk]), day, format="json")
        .status_code
        == 409
    )
    decided = client_for(team.commissioner).post(
        reverse("api-accountability-decide", args=[rec.pk]), day, format="json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "decided"


def test_invisible_talks_are_404(org: Any, team: Team) -> None:
    talk = make_talk(issuer=org.group, unit=org.bureau_a, by=org.stationed)
    assert client_for(org.outsider).get(reverse("api-talk-detail", args=[talk.pk])).status_code == 404
    assert client_for(org.outsider).post(reverse("api-talk-submit", args=[talk.pk])).status_code == 404


@pytest.fixture
def schema(org: Any) -> dict[str, Any]:
    response = client_for(org.inspector).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_each_action_is_its_own_documented_operation(schema: dict[str, Any]) -> None:
    for patterns, prefix in (
        (api.LIST_PATHS, "/api/duties/lists"),
        (api.ITEM_PATHS, "/api/duties/items"),
        (api.TALK_PATHS, "/api/duties/talks"),
        (api.ACCOUNTABILITY_PATHS, "/api/duties/accountability"),
    ):
        ids = set()
        for pattern in patterns:
            action = str(pattern.name).rsplit("-", 1)[-1]
            operation = schema["paths"][f"{prefix}/{{id}}/{action}/"]["post"]
            assert operation["summary"] and {"200", "404", "409"} <= set(operation["responses"])
            ids.add(operation["operationId"])
        assert len(ids) == len(patterns)
    complete = schema["paths"]["/api/duties/talks/{id}/complete/"]["post"]
    assert complete["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/TalkCompleteInput"
    )


def test_a_department_answers_with_its_bureaus_register_only_for_those_who_see_the_bureau(
    org: Any, team: Team
) -> None:
    data = client_for(org.liaison).get("/api/duties/register/", {"unit": org.a_dept.pk}).json()
    assert data["unit"] == org.bureau_a.pk
    child = client_for(org.child)  # works in the department, sees nothing of the bureau above it
    assert child.get("/api/duties/register/").status_code == 404
    hidden = child.get("/api/duties/register/", {"unit": org.a_dept.pk})
    missing = child.get("/api/duties/register/", {"unit": 987654321})
    assert hidden.status_code == missing.status_code == 400 and hidden.json() == missing.json()
