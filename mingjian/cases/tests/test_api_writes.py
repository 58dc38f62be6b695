"""The API's writes for cases, analyses, 监督发现 and 建议书 drafts: each calls the page's service
(the record and its audit event), refuses the wrong role with 404 and a bad body with 400 naming
the field in Chinese."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases.models import Case, CaseAnalysis, Recommendation, SupervisionFinding
from mingjian.cases.tests.factories import NOTICE, AnalysisFactory, CaseFactory, RecommendationFactory


def _api(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _audited(action: str) -> bool:
    return AuditEvent.objects.filter(action=action).exists()


PERSON = {"name": "王某某", "position": "科长", "party_sanction": "serious_warning"}


def _draft(org: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "王某某违规审批低保问题",
        "unit": org.bureau_a.pk,
        "notice_text": NOTICE,
        "persons": [PERSON],
        **extra,
    }


def test_parse_prefills_cases_and_stores_nothing(org: Any) -> None:
    response = _api(org.inspector).post("/api/cases/parse/", {"text": NOTICE}, format="json")
    assert response.status_code == 200, response.content
    found = response.json()["cases"]
    assert found and found[0]["persons"][0]["name"] == "王某某"
    assert found[0]["unit"] == org.bureau_a.pk
    assert not Case.objects.exists()


def test_parse_refuses_units_and_empty_text(org: Any) -> None:
    assert _api(org.liaison).post("/api/cases/parse/", {"text": NOTICE}, format="json").status_code == 404
    blank = _api(org.inspector).post("/api/cases/parse/", {"text": "  "}, format="json")
    assert blank.status_code == 400
    assert "请粘贴通报文本" in blank.json()["text"][0]


def test_import_saves_the_confirmed_cases_with_audit(org: Any) -> None:
    response = _api(org.stationed).post("/api/cases/", {"cases": [_draft(org)]}, format="json")
    assert response.status_code == 201, response.content
    case = Case.objects.get()
    assert case.unit == org.bureau_a and case.persons.get().name == "王某某"
    assert response.json()["cases"][0]["id"] == case.pk
    assert _audited("cases.case.imported")


def test_import_refuses_other_units_and_the_rules_of_the_confirm_page(org: Any) -> None:
    api = _api(org.stationed)  # supervises bureau_a only
    elsewhere = api.post("/api/cases/", {"cases": [_draft(org, unit=org.bureau_b.pk)]}, format="json")
    assert elsewhere.status_code == 400, elsewhere.json()
    assert "无此单位" in elsewhere.json()["cases"]["0"]["unit"][0]
    party = {"name": "某党支部", "is_organization": True, "party_sanction": "warning"}
    wrong = api.post("/api/cases/", {"cases": [_draft(org, persons=[party])]}, format="json")
    assert wrong.status_code == 400
    assert "党组织不受党纪" in str(wrong.json()["cases"]["0"]["persons"]["0"]["party_sanction"])
    dates = _draft(org, filed_on="2026-05-01", closed_on="2026-04-01")
    assert "审结日期不能早于立案日期" in str(
        api.post("/api/cases/", {"cases": [dates]}, format="json").json()
    )
    assert not Case.objects.exists()


ANALYSIS = {
    "summary": "审核把关层层失守。",
    "causes": {"ideology": ["宗旨意识淡薄"]},
    "risks": [{"post": "低保审批", "description": "一人说了算", "level": "high"}],
    "loopholes": [{"regulation": "低保审核办法", "description": "缺少回避规定"}],
    "extend_to_units": [],
}


def test_analysis_is_saved_then_submitted_and_approved(org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    saved = _api(org.liaison).put(f"/api/cases/{case.pk}/analysis/", ANALYSIS, format="json")
    assert saved.status_code == 200, saved.content
    analysis = CaseAnalysis.objects.get(case=case)
    assert analysis.risks.get().level == "high" and analysis.causes.get().text == "宗旨意识淡薄"
    assert _audited("cases.analysis.created")
    submitted = _api(org.liaison).post(f"/api/analyses/{analysis.pk}/submit/", {}, format="json")
    assert submitted.json()["status"] == "submitted"
    approved = _api(org.inspector).post(f"/api/analyses/{analysis.pk}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert _audited("cases.analysis.approved")


def test_analysis_refusals(org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    assert _api(org.leader).put(f"/api/cases/{case.pk}/analysis/", ANALYSIS, format="json").status_code == 404
    assert (
        _api(org.outsider).put(f"/api/cases/{case.pk}/analysis/", ANALYSIS, format="json").status_code == 404
    )
    bad = {**ANALYSIS, "risks": [{"description": "x", "level": "extreme"}]}
    response = _api(org.liaison).put(f"/api/cases/{case.pk}/analysis/", bad, format="json")
    assert response.status_code == 400 and "level" in response.json()["risks"]["0"]
    analysis = AnalysisFactory(case=CaseFactory(unit=org.bureau_a))
    no_reason = _api(org.inspector).post(f"/api/analyses/{analysis.pk}/return/", {}, format="json")
    assert no_reason.status_code == 400 and "comment" in no_reason.json()
    assert (
        _api(org.liaison).post(f"/api/analyses/{analysis.pk}/approve/", {}, format="json").status_code == 404
    )


def test_findings_are_recorded_and_drafted_into_a_recommendation(org: Any, today: datetime.date) -> None:
    body = {
        "unit": org.bureau_a.pk,
        "source": "daily",
        "title": "日常监督",
        "facts": "审核不严",
        "found_on": str(today),
    }
    created = _api(org.inspector).post("/api/findings/", body, format="json")
    assert created.status_code == 201, created.content
    finding = SupervisionFinding.objects.get()
    assert _audited("cases.finding.recorded")
    assert _api(org.liaison).get(f"/api/findings/{finding.pk}/").status_code == 404
    drafted = _api(org.inspector).post(
        f"/api/findings/{finding.pk}/recommend/", {"issuer": org.commission.pk}, format="json"
    )
    assert drafted.status_code == 201, drafted.content
    assert Recommendation.objects.get(finding=finding).status == "draft"
    assert _audited("cases.recommendation.drafted")


def test_findings_refuse_units_outside_the_callers_supervision(org: Any, today: datetime.date) -> None:
    body = {"unit": org.bureau_b.pk, "title": "日常监督", "facts": "审核不严", "found_on": str(today)}
    response = _api(org.stationed).post("/api/findings/", body, format="json")
    assert response.status_code == 400 and "无此单位" in response.json()["unit"][0]
    assert (
        _api(org.liaison).post("/api/findings/", {**body, "unit": org.bureau_a.pk}, format="json").status_code
        == 400
    )


def test_a_recommendation_is_drafted_from_a_case_and_edited(org: Any) -> None:
    case = AnalysisFactory(case__unit=org.bureau_a).case
    api = _api(org.inspector)
    assert (
        _api(org.outsider).post(f"/api/cases/{case.pk}/recommend/", {"issuer": org.commission.pk}).status_code
        == 404
    )
    drafted = api.post(f"/api/cases/{case.pk}/recommend/", {"issuer": org.commission.pk}, format="json")
    assert drafted.status_code == 201, drafted.content
    rec = Recommendation.objects.get(case=case)
    body = {
        "kind": "combined",
        "title": "关于测试市民政局深化以案促改工作的纪检监察建议",
        "reply_days": 20,
        "items": [{"text": "修订低保审核办法，建立回避制度。", "kind": "remedy"}],
    }
    edited = api.put(f"/api/recommendations/{rec.pk}/", body, format="json")
    assert edited.status_code == 200, edited.content
    rec.refresh_from_db()
    assert rec.reply_days == 20 and [i.text for i in rec.items.all()] == ["修订低保审核办法，建立回避制度。"]
    assert _audited("cases.recommendation.updated")


def test_recommendation_edits_are_checked(org: Any) -> None:
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission)
    body = {"kind": "combined", "title": "建议", "reply_days": 0, "items": [{"text": "整改。"}]}
    bad = _api(org.inspector).put(f"/api/recommendations/{rec.pk}/", body, format="json")
    assert bad.status_code == 400 and "reply_days" in bad.json()
    body["reply_days"] = 30
    assert _api(org.liaison).put(f"/api/recommendations/{rec.pk}/", body, format="json").status_code == 404
    issued = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True)
    late = _api(org.inspector).put(f"/api/recommendations/{issued.pk}/", body, format="json")
    assert late.status_code == 409 and "不能再修改" in late.json()["detail"]


@pytest.mark.parametrize("url", ["/api/findings/", "/api/cases/parse/"])
def test_new_operations_need_a_signed_in_caller(url: str) -> None:
    assert APIClient().post(url, {}, format="json").status_code == 401


def test_the_recommendation_policy_is_kept_by_the_issuing_body(org: Any) -> None:
    url = "/api/policies/recommendation/"
    body = {
        "steps": ["department_head", "principal"],
        "reply_days": 20,
        "objection_days": 10,
        "objection_suspends": True,
    }
    assert _api(org.liaison).put(url, body, format="json").status_code == 404
    bad = _api(org.inspector).put(url, {**body, "steps": ["deputy"]}, format="json")
    assert bad.status_code == 400 and "主要负责人" in bad.json()["steps"][0]
    saved = _api(org.inspector).put(url, body, format="json")
    assert saved.status_code == 200, saved.content
    assert _api(org.inspector).get(url).json()["steps"] == ["department_head", "principal"]
    assert _audited("cases.recommendation_policy.updated")
