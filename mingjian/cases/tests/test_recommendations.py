from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases import services
from mingjian.cases.models import Recommendation
from mingjian.cases.services import LoopholeRow, RiskRow
from mingjian.cases.tests.factories import (
    CaseFactory,
    CasePersonFactory,
    RecommendationFactory,
    issuing_chain,
)
from mingjian.lib.uploads import check_upload
from mingjian.workflow.services import TransitionError, history

TODAY = datetime.date(2026, 11, 20)
PDF = b"%PDF-1.4 reply"


@pytest.fixture
def draft(org: Any) -> Recommendation:
    org.commission.doc_code = "测纪建"
    org.commission.save()
    case = CaseFactory(
        unit=org.bureau_a,
        title="违规审批低保问题",
        violation_notes="违规办理低保",
        notice_text="测试市民政局社会救助科原科长王大明违规审批低保问题。王大明受到党内严重警告处分。",
    )
    CasePersonFactory(case=case, name="王大明")
    services.save_analysis(
        case,
        by=org.inspector,
        summary="",
        causes={"ideology": ["纪法意识淡薄"]},
        risks=[RiskRow("入户调查流于形式", post="低保审核岗")],
        loopholes=[LoopholeRow("缺少近亲属回避规定", regulation="低保审核审批办法")],
        extend_to=[],
    )
    return services.draft_recommendation(case, by=org.inspector, issuer=org.commission)


def _issue(rec: Recommendation, by: Any) -> Recommendation:
    return services.issue_recommendation(rec, by=by, served_on=timezone.localdate(), served_to="张收")


def _approved(org: Any, **kw: Any) -> Recommendation:
    return RecommendationFactory(unit=org.bureau_a, issuer=org.commission, approved=True, **kw)  # type: ignore[no-any-return]


@pytest.fixture
def chain(org: Any) -> dict[str, Any]:
    return issuing_chain(org)


def test_draft_is_written_from_the_analysis_with_names_masked(draft: Recommendation) -> None:
    items = list(draft.items.all())
    texts = [i.text for i in items]
    assert any("《低保审核审批办法》" in t for t in texts)
    assert any("低保审核岗" in t for t in texts)
    # The 问题 each 建议 answers is the analysis's finding, kept apart from the 建议 text.
    assert items[0].problem_text == "低保审核审批办法：缺少近亲属回避规定"
    assert items[0].problem_text not in items[0].text
    assert [i.kind for i in items][-2:] == ["education", "self_inspection"]
    assert draft.facts.startswith("测试市民政局社会救助科原科长王某某")  # the 通报 paragraph, masked
    assert "王大明" not in draft.facts
    assert "思想根源：纪法意识淡薄" in draft.causes
    assert draft.status == "draft"
    assert draft.number == ""


def test_the_chain_is_signed_step_by_step_by_distinct_holders(
    org: Any, draft: Recommendation, chain: dict[str, Any]
) -> None:
    rec = services.submit_for_approval(draft, by=org.inspector)
    assert rec.status == rec.Status.APPROVING
    assert [s.kind for s in rec.approvals.all()] == ["department_head", "deputy", "principal"]
    with pytest.raises(PermissionDenied):  # the 书记 cannot sign the 室主任's step
        services.approve_step(rec, by=chain["principal"])
    with pytest.raises(TransitionError, match="须经审批签发后"):
        _issue(rec, org.inspector)  # no number, no 送达 before the chain is complete
    for key in ("head", "deputy"):
        rec = services.approve_step(rec, by=chain[key], comment="同意")
        assert rec.status == rec.Status.APPROVING
    rec = services.approve_step(rec, by=chain["principal"])
    assert (rec.status, rec.issued_on) == (rec.Status.APPROVED, timezone.localdate())  # 成文日期
    signers = [s.signer for s in rec.approvals.order_by("seq")]
    assert signers == [chain["head"], chain["deputy"], chain["principal"]]
    assert [c.action for c in history(rec)] == ["submit", "sign", "sign", "approve"]
    rec = _issue(rec, org.inspector)
    assert rec.number == "测纪建〔2026〕1号"


def test_nobody_signs_what_they_drafted(org: Any, draft: Recommendation, chain: dict[str, Any]) -> None:
    """Four eyes: the 室主任 edited the draft, so the chain cannot pass through them."""
    items = [services.ItemRow(text=i.text, kind=i.kind, item_id=i.pk) for i in draft.items.all()]
    services.save_recommendation(draft, by=chain["head"], items=items)
    rec = services.submit_for_approval(draft, by=org.inspector)
    with pytest.raises(TransitionError, match="四眼原则"):
        services.approve_step(rec, by=chain["head"])


def test_a_rejected_draft_starts_a_new_round(org: Any, draft: Recommendation, chain: dict[str, Any]) -> None:
    rec = services.submit_for_approval(draft, by=org.inspector)
    rec = services.approve_step(rec, by=chain["head"])
    with pytest.raises(TransitionError, match="理由"):
        services.reject_step(rec, by=chain["deputy"], comment=" ")
    rec = services.reject_step(rec, by=chain["deputy"], comment="第二条建议表述不具体")
    assert rec.status == rec.Status.DRAFT
    rec = services.submit_for_approval(rec, by=org.inspector)
    assert rec.approvals.filter(round=2).count() == 3
    assert rec.approvals.get(round=1, seq=2).decision == "rejected"


def test_stock_items_alone_cannot_be_sent(org: Any) -> None:
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, items=["开展警示教育。"])
    rec.items.update(kind="education")
    with pytest.raises(TransitionError, match="通用要求"):
        services.submit_for_approval(rec, by=org.inspector)


@time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False)
def test_issue_numbers_per_issuer_and_year_and_sets_the_deadline(org: Any) -> None:
    org.commission.doc_code = "测纪建"
    org.commission.save()
    first = _issue(_approved(org), org.inspector)
    assert first.number == "测纪建〔2026〕1号"
    assert first.reply_due == TODAY + datetime.timedelta(days=30)
    second = _issue(_approved(org), org.inspector)
    assert second.number == "测纪建〔2026〕2号"
    group_doc = _issue(
        RecommendationFactory(unit=org.bureau_a, issuer=org.group, approved=True), org.stationed
    )
    assert group_doc.seq == 1  # another issuing body counts on its own
    assert AuditEvent.objects.filter(action="cases.recommendation.issued", data__number=first.number).exists()


def test_issue_dates_make_sense(org: Any) -> None:
    rec = _approved(org, issued_on=timezone.localdate())
    with pytest.raises(TransitionError, match="不能晚于今天"):
        services.issue_recommendation(
            rec,
            by=org.inspector,
            served_on=timezone.localdate() + datetime.timedelta(days=1),
            served_to="张收",
        )
    with pytest.raises(TransitionError, match="不能早于成文日期"):
        services.issue_recommendation(
            rec,
            by=org.inspector,
            served_on=timezone.localdate() - datetime.timedelta(days=1),
            served_to="张收",
        )
    with pytest.raises(TransitionError, match="签收人"):
        services.issue_recommendation(
            rec, by=org.inspector, served_on=timezone.localdate(), served_to_user=org.outsider
        )
    rec = services.issue_recommendation(
        rec, by=org.inspector, served_on=timezone.localdate(), served_to_user=org.liaison
    )
    assert (rec.served_to, rec.served_to_user) == (org.liaison.display_name, org.liaison)


def test_only_the_supervising_side_issues(org: Any) -> None:
    rec = _approved(org)
    for user in (org.liaison, org.outsider, org.leader):
        with pytest.raises(PermissionDenied):
            _issue(rec, user)


def test_illegal_move_changes_nothing(org: Any, draft: Recommendation) -> None:
    with pytest.raises(TransitionError, match="不在审批中"):
        services.approve_step(draft, by=org.inspector)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_overdue_is_derived_from_the_deadline(org: Any) -> None:
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, issued=True)
    assert not rec.is_overdue(rec.reply_due)
    assert rec.is_overdue(rec.reply_due + datetime.timedelta(days=1))
    later = rec.reply_due + datetime.timedelta(days=1)
    assert list(Recommendation.objects.overdue(later)) == [rec]


def test_uploads_are_checked_by_content() -> None:
    with pytest.raises(ValidationError, match="不是有效的PDF"):
        check_upload("报告.pdf", b"MZ executable")
    with pytest.raises(ValidationError, match="不受支持"):
        check_upload("run.exe", b"MZ")
    with pytest.raises(ValidationError, match="超过上限"):
        check_upload("big.txt", b"a" * 2048, max_bytes=1024)


def test_word_download(client: Client, org: Any, draft: Recommendation) -> None:
    client.force_login(org.liaison)  # a draft is the issuer's own
    assert client.get(reverse("cases:recommendation-docx", args=[draft.pk])).status_code == 404
    client.force_login(org.inspector)
    response = client.get(reverse("cases:recommendation-docx", args=[draft.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_api_transitions(org: Any, draft: Recommendation, chain: dict[str, Any]) -> None:
    api = APIClient()
    api.force_authenticate(org.inspector)
    url = f"/api/recommendations/{draft.pk}/"
    bad = api.post(
        url + "issue/", {"served_on": str(timezone.localdate()), "served_to": "张收"}, format="json"
    )
    assert bad.status_code == 409
    assert "须经审批签发后" in bad.json()["detail"]
    assert api.post(url + "submit/", {}, format="json").json()["status"] == "approving"
    for key in ("head", "deputy", "principal"):
        api.force_authenticate(chain[key])
        assert api.post(url + "approve/", {"comment": "同意"}, format="json").status_code == 200
    api.force_authenticate(org.inspector)
    issued = api.post(
        url + "issue/", {"served_on": str(timezone.localdate()), "served_to": "张收"}, format="json"
    )
    assert issued.status_code == 200
    assert issued.json()["status"] == "issued"
    assert issued.json()["unit"] == org.bureau_a.pk
    api.force_authenticate(org.outsider)
    assert api.post(url + "submit/", {}, format="json").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_duplicates_or_skips(org: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("并发取号需要多个数据库连接并发写入，仅在 PostgreSQL 上运行（CI 中执行）")
    recs = [_approved(org) for _ in range(8)]
    errors: list[BaseException] = []

    def issue(rec: Recommendation) -> None:
        try:
            _issue(rec, org.inspector)
        except BaseException as e:
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(r,)) for r in recs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = sorted(Recommendation.objects.filter(pk__in=[r.pk for r in recs]).values_list("seq", flat=True))
    assert seqs == list(range(1, 9))


def test_date_pickers_render_iso_dates() -> None:
    """Browsers drop a type=date value that is not YYYY-MM-DD (zh-hans would print 2026/11/20)."""
    from mingjian.cases.forms import IssueForm

    html = str(IssueForm(initial={"served_on": TODAY})["served_on"])
    assert 'value="2026-11-20"' in html
    assert 'type="date"' in html


def test_a_draft_is_the_issuers_own_until_it_is_served(client: Client, org: Any) -> None:
    """Drafting, approval and signing are the 纪委's: the unit sees the 建议书 once it is 送达."""
    draft = RecommendationFactory(unit=org.bureau_a, issuer=org.commission)
    for status in Recommendation.ISSUER_STAGES:
        Recommendation.objects.filter(pk=draft.pk).update(status=status)
        assert not Recommendation.objects.visible_to(org.liaison).filter(pk=draft.pk).exists()
        assert Recommendation.objects.visible_to(org.inspector).filter(pk=draft.pk).exists()
    client.force_login(org.liaison)
    assert client.get(draft.get_absolute_url()).status_code == 404
    Recommendation.objects.filter(pk=draft.pk).update(status=Recommendation.Status.ISSUED)
    assert client.get(draft.get_absolute_url()).status_code == 200
    tabs = client.get(reverse("cases:recommendation-list")).content.decode()
    assert "status=issued" in tabs and "status=draft" not in tabs
