"""建章立制 pages: the lists and their filters, the form prefilled from a loophole, transitions as
small POST forms, the check page, the reasons page, the case panel and the settings."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.audit.models import AuditEvent
from mingjian.rectification.models import Problem, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.regulations.models import Regulation, RegulationCheck, RegulationPolicy, Waiver
from mingjian.regulations.tests.factories import Loop, days, draft, issue, make_loop

C = RegulationCheck


@pytest.fixture
def loop(org: Any) -> Loop:
    return make_loop(org)


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_list_shows_the_units_rules_and_their_check_status(client: Client, org: Any, loop: Loop) -> None:
    reg = issue(
        draft(org.liaison, org.bureau_a, title="低保审核确认办法（修订）", loopholes=[loop.hole]), loop.boss
    )
    draft(org.liaison, org.bureau_a, title="数据比对规程")
    page = _login(client, org.liaison).get(reverse("regulations:regulation-list")).content.decode()
    assert "《低保审核确认办法（修订）》" in page and "《数据比对规程》" in page
    due = reg.checks.get(kind=C.Kind.EXECUTION).due_on
    assert f"下次检查 {due:%Y-%m-%d}" in page
    assert (
        "《低保审核确认办法（修订）》"
        not in _login(Client(), org.outsider).get(reverse("regulations:regulation-list")).content.decode()
    )


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"status": "in_force"}, {"修订办法"}),
        ({"kind": "revised"}, {"修订办法"}),
        ({"check": "due"}, {"修订办法"}),
        ({"check": "none"}, set()),
        ({"field": "finance"}, set()),
        ({"field": "civil_affairs"}, {"修订办法", "草稿规程"}),
        ({"q": "规程"}, {"草稿规程"}),
    ],
)
def test_the_city_wide_list_filters(
    client: Client, org: Any, loop: Loop, query: dict[str, str], shown: set[str]
) -> None:
    old = issue(draft(org.liaison, org.bureau_a, title="旧办法"), loop.boss)
    issue(draft(org.liaison, org.bureau_a, title="修订办法", kind="revised", revises=old), loop.boss)
    draft(org.liaison, org.bureau_a, title="草稿规程")
    page = _login(client, org.inspector).get(reverse("regulations:regulation-list"), query).content.decode()
    assert {t for t in ("修订办法", "草稿规程") if f"《{t}》" in page} == shown


def test_soon_lists_the_rules_whose_check_the_home_page_shows(client: Client, org: Any, loop: Loop) -> None:
    reg = issue(draft(org.liaison, org.bureau_a, title="近期检查办法"), loop.boss)
    later = issue(draft(org.liaison, org.bureau_a, title="半年后检查办法"), loop.boss)
    today = timezone.localdate()
    reg.checks.filter(kind=C.Kind.EXECUTION).update(due_on=today + datetime.timedelta(days=10))
    later.checks.update(due_on=today + datetime.timedelta(days=180))
    page = _login(client, org.inspector).get(reverse("regulations:regulation-list"), {"check": "soon"})
    text = page.content.decode()
    assert "《近期检查办法》" in text and "《半年后检查办法》" not in text


def test_filter_by_the_case_whose_loophole_it_closes(client: Client, org: Any, loop: Loop) -> None:
    draft(org.liaison, org.bureau_a, title="堵漏办法", loopholes=[loop.hole])
    draft(org.liaison, org.bureau_a, title="无关办法")
    url = reverse("regulations:regulation-list")
    page = _login(client, org.inspector).get(url, {"case": loop.case.pk}).content.decode()
    assert "《堵漏办法》" in page and "《无关办法》" not in page
    hidden = _login(Client(), org.outsider).get(url, {"case": loop.case.pk}).content.decode()
    assert "暂无制度" in hidden


def test_the_form_is_prefilled_from_the_loophole_and_saves_a_draft(
    client: Client, org: Any, loop: Loop
) -> None:
    _login(client, org.liaison)
    url = reverse("regulations:regulation-create")
    form = client.get(url, {"loophole": loop.hole.pk}).content.decode()
    assert f'value="{loop.hole.pk}" checked' in form.replace("\n", " ") or f'value="{loop.hole.pk}"' in form
    assert 'value="低保审核确认办法"' in form  # the 涉及制度 the analysis named
    data = {
        "unit": org.bureau_a.pk,
        "title": "低保审核确认办法（修订）",
        "kind": "new",
        "loopholes": [loop.hole.pk],
        "file": SimpleUploadedFile("征求意见稿.pdf", b"%PDF-1.4 draft"),
        "note": "征求意见稿",
    }
    response = client.post(url, data)
    reg = Regulation.objects.get()
    assert response.status_code == 302 and response["Location"] == reg.get_absolute_url()
    assert list(reg.loopholes.all()) == [loop.hole] and reg.versions.count() == 1


def test_transitions_from_the_page_with_four_eyes(client: Client, org: Any, loop: Loop) -> None:
    reg = draft(org.liaison, org.bureau_a)
    _login(client, org.liaison)
    client.post(reverse("regulations:regulation-action", args=[reg.pk, "review"]))
    assert client.post(reverse("regulations:regulation-action", args=[reg.pk, "issue"])).status_code == 404
    leader = _login(Client(), loop.boss)
    page = leader.get(reg.get_absolute_url()).content.decode()
    assert 'data-testid="regulation-issue"' in page
    data = {
        "number": "测民发〔2026〕9号",
        "issued_on": days(0).isoformat(),
        "effective_on": days(0).isoformat(),
    }
    leader.post(reverse("regulations:regulation-action", args=[reg.pk, "issue"]), data)
    reg.refresh_from_db()
    assert reg.status == Regulation.Status.IN_FORCE and reg.number == "测民发〔2026〕9号"


def test_the_case_page_lists_the_loopholes_and_their_state(client: Client, org: Any, loop: Loop) -> None:
    _login(client, org.inspector)
    page = client.get(loop.case.get_absolute_url()).content.decode()
    assert 'data-testid="regulations-panel"' in page and "未堵塞" in page and "待建章立制" in page
    reg = issue(
        draft(org.liaison, org.bureau_a, title="低保审核确认办法（修订）", loopholes=[loop.hole]), loop.boss
    )
    page = client.get(loop.case.get_absolute_url()).content.decode()
    assert f"已堵塞（《低保审核确认办法（修订）》，施行于 {reg.effective_on:%Y-%m-%d}）" in page
    assert "可销号" in page


def test_the_reasons_page_unit_writes_verifier_decides(client: Client, org: Any, loop: Loop) -> None:
    problem = loop.task.problem
    url = reverse("regulations:problem-rules", args=[problem.pk])
    unit = _login(client, org.liaison)
    assert "未满足" in unit.get(url).content.decode()
    unit.post(url, {"reason": "《低保审核确认办法》第八条已规定回避。"})
    waiver = Waiver.objects.get(problem=problem)
    assert (
        _login(Client(), org.inspector).get(url).content.decode().count('data-testid="waiver-approve"') == 1
    )
    assert 'data-testid="waiver-approve"' not in unit.get(url).content.decode()
    verifier = _login(Client(), org.inspector)
    verifier.post(reverse("regulations:waiver-action", args=[waiver.pk, "approve"]), {"comment": "同意"})
    waiver.refresh_from_db()
    assert waiver.status == Waiver.Status.APPROVED
    assert "已满足" in verifier.get(url).content.decode()


def test_the_check_page_raises_the_problem(client: Client, org: Any, loop: Loop) -> None:
    reg = issue(draft(org.liaison, org.bureau_a), loop.boss)
    item = reg.checks.get(kind=C.Kind.EXECUTION)
    url = reverse("regulations:check-record", args=[item.pk])
    assert _login(Client(), org.liaison).get(url).status_code == 404  # the unit does not check itself
    _login(client, org.stationed)
    data = {
        "result": "none",
        "findings": "抽查 10 户未见备案记录。",
        "measure": "建立备案台账。",
        "due_date": days(20).isoformat(),
        "leader": loop.boss.pk,
        "person": clerk(org.bureau_a).pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == C.Status.DONE and item.problem is not None
    assert Task.objects.get(problem=item.problem).status == Task.Status.ISSUED
    assert "已交办问题" in client.get(reg.get_absolute_url()).content.decode()


def test_a_refused_check_keeps_the_form_with_the_reason(client: Client, org: Any, loop: Loop) -> None:
    reg = issue(draft(org.liaison, org.bureau_a), loop.boss)
    item = reg.checks.get(kind=C.Kind.EXECUTION)
    page = _login(client, org.inspector).post(
        reverse("regulations:check-record", args=[item.pk]), {"result": "none", "findings": "未执行"}
    )
    assert page.status_code == 200 and "须写明整改措施，作为问题交办" in page.content.decode()
    assert not Problem.objects.filter(source=Problem.Source.FOLLOW_UP).exists()
    item.refresh_from_db()
    assert item.status == C.Status.SCHEDULED


def test_downloading_a_version_is_audited(client: Client, org: Any) -> None:
    version = draft(org.liaison, org.bureau_a).versions.get()
    response = _login(client, org.inspector).get(reverse("regulations:version-download", args=[version.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="regulations.version.downloaded", actor=org.inspector).exists()


def test_the_supervisor_sets_the_months(client: Client, org: Any) -> None:
    _login(client, org.stationed)
    client.post(reverse("regulations:policy"), {"check_months": 4, "review_months": 18})
    policy = RegulationPolicy.objects.get(issuer=org.group)
    assert (policy.check_months, policy.review_months) == (4, 18)
    page = client.post(reverse("regulations:policy"), {"check_months": 0, "review_months": 99})
    assert page.status_code == 200
    assert _login(Client(), org.liaison).get(reverse("regulations:policy")).status_code == 404


def test_the_loophole_overview_filters_by_state(client: Client, org: Any, loop: Loop) -> None:
    url = reverse("regulations:loophole-list")
    _login(client, org.inspector)
    assert loop.hole.description in client.get(url, {"state": "open"}).content.decode()
    issue(draft(org.liaison, org.bureau_a, loopholes=[loop.hole]), loop.boss)
    assert loop.hole.description not in client.get(url, {"state": "open"}).content.decode()
    assert loop.hole.description in client.get(url, {"state": "closed"}).content.decode()


def test_only_a_leader_is_offered_to_register_a_rule_in_force(client: Client, org: Any, loop: Loop) -> None:
    offer = "补录已印发施行的现行制度"
    assert (
        offer
        not in _login(client, org.liaison).get(reverse("regulations:regulation-create")).content.decode()
    )
    assert offer in _login(Client(), loop.boss).get(reverse("regulations:regulation-create")).content.decode()
