"""Names are masked for every reader outside the 纪委, on every surface that shows a case, and
search never confirms a real name to such a reader."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from mingjian.cases import services
from mingjian.cases.display import case_title, case_titles, recommendation_label
from mingjian.cases.models import Case, ViolationType, mask_names
from mingjian.cases.services import RiskRow
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory, RecommendationFactory
from mingjian.lib.todos import sections_for
from mingjian.org.models import Role, RoleAssignment

REAL, MASKED = "孙大明", "孙某某"
OTHER_REAL, OTHER_MASKED = "李小龙", "李某某"


def _case(unit: Any, name: str, **kwargs: Any) -> Case:
    case = CaseFactory(unit=unit, title=f"测试市民政局{name}违规审批低保问题", **kwargs)
    CasePersonFactory(case=case, name=name)
    return case


@pytest.fixture
def pair(org: Any) -> tuple[Case, Case]:
    """A case of bureau_a and an earlier, analysed, similar one whose risks are offered for reuse."""
    dibao = ViolationType.objects.get(name="在社会救助中优亲厚友")
    earlier = _case(org.bureau_a, OTHER_REAL)
    earlier.violation_types.set([dibao])
    services.save_analysis(
        earlier,
        by=org.inspector,
        summary="",
        causes={},
        risks=[RiskRow("入户调查流于形式", post="低保审核岗", level="high")],
        loopholes=[],
        extend_to=[],
    )
    case = _case(org.bureau_a, REAL, violation_notes=f"{REAL}违规为亲属办理低保")
    case.violation_types.set([dibao])
    return case, earlier


def _page(client: Client, user: Any, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("user_key", ["liaison", "parent", "leader"])
def test_analysis_editor_masks_title_breadcrumb_and_suggestions(
    client: Client, org: Any, pair: tuple[Case, Case], user_key: str
) -> None:
    case, _ = pair
    page = _page(client, getattr(org, user_key), reverse("cases:analysis-edit", args=[case.pk]))
    assert f"<title>案件剖析 · 测试市民政局{MASKED}" in page
    assert REAL not in page
    assert OTHER_REAL not in page
    if user_key == "liaison":  # the editable page offers the similar case
        assert f"测试市民政局{OTHER_MASKED}违规审批低保问题" in page


def test_the_commission_reads_real_names_in_the_editor(
    client: Client, org: Any, pair: tuple[Case, Case]
) -> None:
    case, _ = pair
    page = _page(client, org.inspector, reverse("cases:analysis-edit", args=[case.pk]))
    assert f"<title>案件剖析 · 测试市民政局{REAL}" in page
    assert f"测试市民政局{OTHER_REAL}违规审批低保问题" in page


@pytest.mark.parametrize("user_key", ["liaison", "leader"])
def test_case_page_masks_the_conduct_summary_and_title(
    client: Client, org: Any, pair: tuple[Case, Case], user_key: str
) -> None:
    case, _ = pair
    page = _page(client, getattr(org, user_key), case.get_absolute_url())
    assert f"{MASKED}违规为亲属办理低保" in page
    assert f"<title>测试市民政局{MASKED}" in page
    assert REAL not in page


def test_recommendation_page_masks_its_source_case(client: Client, org: Any, pair: tuple[Case, Case]) -> None:
    case, _ = pair
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, case=case, issued=True)
    page = _page(client, org.liaison, rec.get_absolute_url())
    assert f"测试市民政局{MASKED}" in page
    assert REAL not in page


def test_home_page_items_follow_the_viewer(org: Any) -> None:
    """A 派驻组 clerk who is also a leader of 财政局 reviews its analyses without supervising it."""
    case = _case(org.bureau_b, REAL)
    # Written and submitted by the unit, so both clerks may approve it (four eyes).
    analysis = services.save_analysis(
        case,
        by=org.outsider,
        summary="",
        causes={"ideology": ["侥幸"]},
        risks=[],
        loopholes=[],
        extend_to=[],
    )
    services.submit_analysis(analysis, by=org.outsider)
    RoleAssignment.objects.create(user=org.stationed, role=Role.UNIT_LEADER, unit=org.bureau_b)
    titles = {
        user.username: [i.title for s in sections_for(user) for i in s.items]
        for user in (org.inspector, org.stationed)
    }
    assert f"测试市民政局{REAL}违规审批低保问题" in titles["inspector"]
    assert f"测试市民政局{MASKED}违规审批低保问题" in titles["stationed"]
    assert REAL not in str(titles["stationed"])
    assert case_title(case, org.outsider) == f"测试市民政局{MASKED}违规审批低保问题"


def _found(client: Client, user: Any, q: str) -> list[int]:
    client.force_login(user)
    return [c.pk for c in client.get(reverse("cases:case-list"), {"q": q}).context["page"]]


@pytest.mark.parametrize("user_key", ["liaison", "parent", "leader"])
def test_search_matches_only_the_masked_text_outside_the_commission(
    client: Client, org: Any, pair: tuple[Case, Case], user_key: str
) -> None:
    case, _ = pair
    user = getattr(org, user_key)
    assert _found(client, user, REAL) == []
    assert _found(client, user, "大明") == []
    assert _found(client, user, "为亲属办理") == [case.pk]  # the summary they read
    assert case.pk in _found(client, user, MASKED)
    assert case.pk in _found(client, user, f"{MASKED}违规")
    assert _found(client, user, "违规审批") != []
    # The 通报 itself is not shown to them, so its words find nothing either.
    assert _found(client, user, "优亲厚友，违规为3户") == []


def test_the_commission_searches_names_and_the_notice(
    client: Client, org: Any, pair: tuple[Case, Case]
) -> None:
    case, _ = pair
    for user in (org.inspector, org.stationed):
        assert _found(client, user, REAL) == [case.pk]
        assert case.pk in _found(client, user, "优亲厚友，违规为3户")


def test_a_city_wide_case_is_masked_for_another_units_supervisor(client: Client, org: Any) -> None:
    """The 派驻组 over bureau_a reads a 财政 case shared city-wide, but does not supervise it."""
    case = _case(org.bureau_b, REAL, publicity=Case.Publicity.CITY)
    assert _found(client, org.stationed, REAL) == []
    assert _found(client, org.stationed, MASKED) == [case.pk]
    assert _found(client, org.inspector, REAL) == [case.pk]
    page = _page(client, org.stationed, case.get_absolute_url())
    assert REAL not in page


def test_api_fields_use_the_same_rule(org: Any, pair: tuple[Case, Case]) -> None:
    case, _ = pair
    api = APIClient()
    api.force_authenticate(org.leader)
    body = api.get(f"/api/cases/{case.pk}/").json()
    assert body["title"] == f"测试市民政局{MASKED}违规审批低保问题"
    assert [p["name"] for p in body["persons"]] == [MASKED]
    listed = api.get("/api/cases/").json()["results"]
    assert REAL not in str(listed) and OTHER_REAL not in str(listed)
    api.force_authenticate(org.inspector)
    assert api.get(f"/api/cases/{case.pk}/").json()["persons"][0]["name"] == REAL


def test_mask_names_takes_the_longest_name_first() -> None:
    assert mask_names("欧阳大明与欧阳大", ["欧阳大", "欧阳大明"]) == "欧某某与欧某某"
    assert mask_names("无人", []) == "无人"


def test_the_api_has_no_html_forms_that_name_cases(client: Client, org: Any) -> None:
    """DRF's browsable API listed every visible case by its real title in its filter forms."""
    case = _case(org.bureau_b, REAL, publicity=Case.Publicity.CITY)
    client.force_login(org.liaison)
    for url in ("/api/analyses/", "/api/recommendations/", "/api/cases/"):
        for accept in ("text/html", "text/html,application/xhtml+xml,*/*;q=0.8"):
            response = client.get(url, HTTP_ACCEPT=accept)
            assert REAL not in response.content.decode()
            assert response.status_code == 406 or response["Content-Type"] == "application/json"
    assert case.pk in [c["id"] for c in client.get("/api/cases/").json()["results"]]


def test_a_recommendation_named_by_its_case_is_masked_for_the_unit(client: Client, org: Any) -> None:
    case = _case(org.bureau_a, REAL)
    rec = RecommendationFactory(case=case, unit=org.bureau_a, issuer=org.commission, issued=True)
    waiting = [i.title for s in sections_for(org.liaison) for i in s.items if i.url == rec.get_absolute_url()]
    assert waiting and all(MASKED in t and REAL not in t for t in waiting)  # the 工作台's 待回复
    page = _page(client, org.liaison, reverse("rectification:answer", args=[rec.pk]))
    assert MASKED in page and REAL not in page
    assert REAL in recommendation_label(rec, org.inspector)


def test_the_finding_behind_a_recommendation_is_named_only_to_the_supervising_side(
    client: Client, org: Any
) -> None:
    finding = services.record_finding(
        by=org.inspector,
        unit=org.bureau_a,
        source="clue",
        title="养老补贴审核线索",
        facts="初核发现补贴重复发放",
        found_on=org.bureau_a.created_at.date(),
    )
    rec = RecommendationFactory(
        finding=finding, case=None, unit=org.bureau_a, issuer=org.commission, issued=True
    )
    for url in (rec.get_absolute_url(), reverse("cases:recommendation-list")):
        unit_page = _page(client, org.liaison, url)
        assert "监督发现" in unit_page and "养老补贴审核线索" not in unit_page
        assert finding.get_absolute_url() not in unit_page  # no link to a page that would 404
    assert "养老补贴审核线索" in _page(client, org.inspector, rec.get_absolute_url())


def test_case_titles_read_as_rows_mask_as_case_title_does(org: Any) -> None:
    case = _case(org.bureau_a, REAL)
    CasePersonFactory(case=case, name="测试市民政局党组", is_organization=True)
    for user in (org.inspector, org.liaison, org.parent):
        rows = case_titles(Case.objects.filter(pk=case.pk), user)
        assert rows == [(case.pk, case_title(case, user), "测试市民政局")]
    assert REAL in case_titles(Case.objects.filter(pk=case.pk), org.inspector)[0][1]
    masked = case_titles(Case.objects.filter(pk=case.pk), org.liaison)[0][1]
    assert MASKED in masked and REAL not in masked
