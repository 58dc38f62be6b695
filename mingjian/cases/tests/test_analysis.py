from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.cases import services
from mingjian.cases.models import CaseAnalysis, ViolationType
from mingjian.cases.services import LoopholeRow, RiskRow
from mingjian.cases.similarity import suggestions_for
from mingjian.cases.tests.factories import CaseFactory
from mingjian.workflow.models import StatusChange
from mingjian.workflow.services import TransitionError

CAUSES = {"ideology": ["纪法意识淡薄"], "supervision": ["科室内部监督缺位", "抽查复核流于形式"]}


def _save(case: Any, by: Any, **kwargs: Any) -> CaseAnalysis:
    data: dict[str, Any] = {
        "summary": "审核把关失守",
        "causes": CAUSES,
        "risks": [RiskRow("入户调查流于形式", post="低保审核岗", level="high")],
        "loopholes": [LoopholeRow("缺少近亲属备案回避规定", regulation="低保审核审批办法")],
        "extend_to": [],
    }
    data.update(kwargs)
    return services.save_analysis(case, by=by, **data)


def test_each_item_is_its_own_record(org: Any) -> None:
    analysis = _save(CaseFactory(unit=org.bureau_a), org.liaison)
    assert [c.text for c in analysis.causes.filter(dimension="supervision")] == [
        "科室内部监督缺位",
        "抽查复核流于形式",
    ]
    risk = analysis.risks.get()
    assert (risk.post, risk.description, risk.level) == ("低保审核岗", "入户调查流于形式", "high")
    assert analysis.loopholes.get().regulation == "低保审核审批办法"
    assert AuditEvent.objects.filter(action="cases.analysis.created", target_id=str(analysis.pk)).exists()


def test_risk_and_loophole_ids_survive_edits(org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    first = _save(case, org.liaison)
    risk_id, hole_id = first.risks.get().pk, first.loopholes.get().pk
    again = _save(
        case, org.liaison, risks=[RiskRow("入户调查走过场", post="低保审核岗"), RiskRow("资金发放")]
    )
    assert again.risks.order_by("sort_order").first().pk == risk_id  # type: ignore[union-attr]
    assert again.risks.count() == 2
    assert again.loopholes.get().pk == hole_id


def test_outsider_cannot_write_an_analysis(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        _save(CaseFactory(unit=org.bureau_a), org.outsider)
    with pytest.raises(PermissionDenied):
        _save(CaseFactory(unit=org.bureau_a), org.leader)  # read-only leader


def test_review_cycle_writes_history(org: Any) -> None:
    analysis = _save(CaseFactory(unit=org.bureau_a), org.liaison)
    analysis = services.submit_analysis(analysis, by=org.liaison)
    with pytest.raises(PermissionDenied):
        services.approve_analysis(analysis, by=org.liaison)  # the unit does not approve itself
    with pytest.raises(TransitionError, match="理由"):
        services.return_analysis(analysis, by=org.inspector, comment=" ")
    analysis = services.return_analysis(analysis, by=org.inspector, comment="风险点不具体")
    analysis = services.submit_analysis(analysis, by=org.liaison)
    analysis = services.approve_analysis(analysis, by=org.stationed)
    assert analysis.status == "approved"
    assert analysis.approved_by == org.stationed
    steps = list(StatusChange.objects.filter(object_id=analysis.pk).values_list("action", flat=True))
    assert steps == ["submit", "return", "submit", "approve"]


def test_submitted_analysis_is_not_editable_and_empty_one_not_submittable(org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    empty = _save(case, org.liaison, causes={}, risks=[], loopholes=[])
    with pytest.raises(TransitionError, match="为空"):
        services.submit_analysis(empty, by=org.liaison)
    filled = _save(case, org.liaison)
    services.submit_analysis(filled, by=org.liaison)
    with pytest.raises(TransitionError, match="退回或重新打开"):
        _save(case, org.liaison)


def test_stale_transition_is_refused(org: Any) -> None:
    analysis = _save(CaseFactory(unit=org.bureau_a), org.liaison)
    stale = CaseAnalysis.objects.get(pk=analysis.pk)
    services.submit_analysis(analysis, by=org.liaison)
    with pytest.raises(TransitionError, match="已被他人处理"):
        services.submit_analysis(stale, by=org.liaison)


def test_suggestions_come_from_similar_earlier_cases(org: Any) -> None:
    dibao = ViolationType.objects.get(name="在社会救助中优亲厚友")
    gifts = ViolationType.objects.get(name="违规收受礼品礼金")
    earlier = CaseFactory(unit=org.bureau_a, title="早前低保案")
    earlier.violation_types.set([dibao])
    _save(earlier, org.inspector)
    unrelated = CaseFactory(unit=org.bureau_b, title="礼金案")
    unrelated.violation_types.set([gifts])
    _save(unrelated, org.inspector)
    new = CaseFactory(unit=org.a_dept, title="新低保案")
    new.violation_types.set([dibao])
    found = suggestions_for(new, org.inspector)
    assert [s.case.title for s in found] == ["早前低保案"]
    assert "相同违纪行为 1 项" in found[0].reasons
    assert str(found[0].risks[0]) == "低保审核岗：入户调查流于形式"


def test_editor_saves_lines_as_items(client: Client, org: Any) -> None:
    case = CaseFactory(unit=org.bureau_a)
    client.force_login(org.liaison)
    response = client.post(
        reverse("cases:analysis-edit", args=[case.pk]),
        {
            "ideology": "纪法意识淡薄\n侥幸心理",
            "risks": "【高】低保审核岗：入户调查流于形式\n资金发放环节",
            "loopholes": "《低保审核审批办法》：缺少回避规定",
        },
    )
    assert response.status_code == 302
    analysis = CaseAnalysis.objects.get(case=case)
    assert analysis.causes.filter(dimension="ideology").count() == 2
    assert [(r.post, r.level) for r in analysis.risks.all()] == [("低保审核岗", "high"), ("", "medium")]
    assert analysis.loopholes.get().regulation == "低保审核审批办法"
    page = client.get(reverse("cases:analysis-edit", args=[case.pk])).content.decode()
    assert "【高】低保审核岗：入户调查流于形式" in page  # the editor shows what was saved


def test_field_wide_case_does_not_open_its_analysis(client: Client, org: Any) -> None:
    case = CaseFactory(unit=org.bureau_b, publicity="city")
    client.force_login(org.liaison)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="open-analysis"' not in page.content.decode()
    assert client.get(reverse("cases:analysis-edit", args=[case.pk])).status_code == 404
    client.force_login(org.inspector)
    assert 'data-testid="open-analysis"' in client.get(case.get_absolute_url()).content.decode()


def test_approval_is_offered_only_to_someone_who_did_not_write_it(client: Client, org: Any) -> None:
    """Four eyes on the page and the 工作台: the clerk who wrote and submitted the analysis is not
    offered 审定 (the service would refuse it); another 纪委 account is."""
    from mingjian.lib.todos import sections_for

    case = CaseFactory(unit=org.bureau_a, title="王某某违规审批低保问题")
    services.submit_analysis(_save(case, org.inspector), by=org.inspector)
    url = reverse("cases:analysis-edit", args=[case.pk])

    def todo(user: Any) -> tuple[int, list[str]]:
        found = next(s for s in sections_for(user) if s.title == "待审定的案件剖析")
        return found.count, [i.url for i in found.items]

    client.force_login(org.inspector)
    assert 'data-testid="analysis-approve"' not in client.get(url).content.decode()
    assert todo(org.inspector) == (0, [])
    client.force_login(org.stationed)
    assert 'data-testid="analysis-approve"' in client.get(url).content.decode()
    assert todo(org.stationed) == (1, [url])
