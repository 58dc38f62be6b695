"""The 建章立制 and 廉政风险防控 API: the pages' visibility and services, `id` and `unit` on every
record, each action its own operation (404 for what the caller may not see or do, 409 for a move
the status does not allow)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mingjian.org.models import Field
from mingjian.org.tests.factories import UnitFactory, leader_of, user_with_role
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import clerk
from mingjian.regulations.models import Regulation, RegulationCheck
from mingjian.regulations.tests.factories import Loop, days, draft, issue, make_loop
from mingjian.risks.models import RiskPoint
from mingjian.risks.tests.factories import row

C = RegulationCheck


@pytest.fixture
def loop(org: Any) -> Loop:
    return make_loop(org)


def api(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, name: str, pk: int | None = None, data: dict[str, Any] | None = None) -> Any:
    url = reverse(name, args=[pk] if pk is not None else [])
    return client.post(url, data or {}, content_type="application/json")


def test_create_list_filter_and_detail(org: Any, loop: Loop) -> None:
    unit = api(org.liaison)
    body = {"unit": org.bureau_a.pk, "title": "低保审核确认办法（修订）", "loopholes": [loop.hole.pk]}
    created = post(unit, "api-regulation-list", data=body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["unit"], data["status"], data["loopholes"]) == (org.bureau_a.pk, "drafting", [loop.hole.pk])
    listed = api(org.inspector).get(reverse("api-regulation-list"), {"case": loop.case.pk}).json()
    assert [r["id"] for r in listed["results"]] == [data["id"]]
    assert api(org.inspector).get(reverse("api-regulation-list"), {"field": "finance"}).json()["count"] == 0
    assert api(org.outsider).get(reverse("api-regulation-detail", args=[data["id"]])).status_code == 404
    refused = post(api(org.outsider), "api-regulation-list", data={**body, "loopholes": []})
    assert refused.status_code == 400  # another unit is not offered as 制定单位
    assert not Regulation.objects.filter(unit=org.bureau_b).exists()


def test_transitions_are_operations_with_four_eyes(org: Any, loop: Loop) -> None:
    reg = draft(org.liaison, org.bureau_a, loopholes=[loop.hole])
    unit = api(org.liaison)
    assert post(unit, "api-regulation-review", reg.pk).json()["status"] == "reviewing"
    body = {
        "number": "测民发〔2026〕9号",
        "issued_on": days(0).isoformat(),
        "effective_on": days(0).isoformat(),
    }
    assert post(unit, "api-regulation-issue", reg.pk, body).status_code == 404  # the drafter does not issue
    issued = post(api(loop.boss), "api-regulation-issue", reg.pk, body)
    assert issued.status_code == 200, issued.json()
    assert issued.json()["status"] == "in_force" and len(issued.json()["checks"]) == 2
    assert post(api(loop.boss), "api-regulation-review", reg.pk).status_code == 409


def test_a_failed_check_by_api_raises_a_problem(org: Any, loop: Loop) -> None:
    reg = issue(draft(org.liaison, org.bureau_a), loop.boss)
    item = reg.checks.get(kind=C.Kind.EXECUTION)
    body: dict[str, Any] = {"result": "none", "findings": "抽查未见备案记录。"}
    checker = api(org.stationed)
    assert post(checker, "api-regulation-check-record", item.pk, body).status_code == 409  # no follow-up
    assert post(api(org.liaison), "api-regulation-check-record", item.pk, body).status_code == 404
    body.update(
        measure="建立备案台账。",
        due_date=days(20).isoformat(),
        leader=loop.boss.pk,
        person=clerk(org.bureau_a).pk,
    )
    done = post(checker, "api-regulation-check-record", item.pk, body)
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "done" and done.json()["problem"] is not None
    assert Task.objects.get(problem_id=done.json()["problem"]).status == Task.Status.ISSUED


def test_risk_rows_take_push_confirm_by_api(org: Any, loop: Loop) -> None:
    made = row(org.liaison, org.bureau_a, loop.boss, post="救助资金发放", point="资金发放不经复核")
    listed = api(org.liaison).get(reverse("api-risk-list")).json()
    assert [(r["id"], r["unit"]) for r in listed["results"]] == [(made.pk, org.bureau_a.pk)]
    assert api(org.outsider).get(reverse("api-risk-detail", args=[made.pk])).status_code == 404

    taken = post(api(org.liaison), "api-risk-from-analysis", data={"risk": loop.risk.pk})
    assert taken.status_code == 200 and taken.json()["row"]["post"] == "低保审批权"
    again = post(api(org.liaison), "api-risk-from-analysis", data={"risk": loop.risk.pk})
    assert again.status_code == 409
    assert post(api(org.outsider), "api-risk-from-analysis", data={"risk": loop.risk.pk}).status_code == 404

    east = UnitFactory(name="东城区民政局", parent=org.city, field=Field.CIVIL_AFFAIRS)
    east_clerk = user_with_role("unit_liaison", east, username="east")
    assert post(api(org.inspector), "api-risk-push", made.pk, {"units": [org.bureau_b.pk]}).status_code == 404
    pushed = post(api(org.inspector), "api-risk-push", made.pk, {"units": [east.pk]})
    assert pushed.status_code == 200, pushed.json()
    copy = RiskPoint.objects.get(unit=east, pushed_from=made)
    assert copy.status == RiskPoint.Status.PENDING
    confirm = {"controls": "本单位双人复核。", "leader": leader_of(east, username="east-boss").pk}
    confirmed = post(api(east_clerk), "api-risk-confirm", copy.pk, confirm)
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "active"
    assert post(api(east_clerk), "api-risk-decline", copy.pk, {"reason": "不适用"}).status_code == 409


def test_an_id_too_large_for_the_database_is_a_400_not_a_500(org: Any) -> None:
    """Found by the fuzz: a unit id beyond 64 bits overflowed the query."""
    client = api(org.inspector)
    body = {"units": [2**70], "year": 2027, "due_date": "2027-03-31"}
    response = post(client, "api-risk-screening-list", data=body)
    assert response.status_code == 400, response.content
    assert "units" in response.json()
