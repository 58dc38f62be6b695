from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mingjian.audit.models import AuditEvent
from mingjian.cases import services
from mingjian.cases.models import Recommendation
from mingjian.cases.services import LoopholeRow, RiskRow
from mingjian.cases.tests.factories import CaseFactory, CasePersonFactory, RecommendationFactory
from mingjian.lib.uploads import check_upload
from mingjian.workflow.services import TransitionError

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


def test_draft_is_written_from_the_analysis_with_names_masked(draft: Recommendation) -> None:
    texts = [i.text for i in draft.items.all()]
    assert any("《低保审核审批办法》" in t for t in texts)
    assert any("低保审核岗" in t for t in texts)
    assert draft.facts.startswith("测试市民政局社会救助科原科长王某某")  # the 通报 paragraph, masked
    assert "王大明" not in draft.facts
    assert "思想根源：纪法意识淡薄" in draft.causes
    assert draft.status == "draft"
    assert draft.number == ""


@time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False)
def test_issue_numbers_per_issuer_and_year_and_sets_the_deadline(org: Any, draft: Recommendation) -> None:
    first = _issue(draft, org.inspector)
    assert first.number == "测纪建〔2026〕1号"
    assert first.reply_due == TODAY + datetime.timedelta(days=30)
    second = _issue(RecommendationFactory(unit=org.bureau_a, issuer=org.commission), org.inspector)
    assert second.number == "测纪建〔2026〕2号"
    group_doc = _issue(RecommendationFactory(unit=org.bureau_a, issuer=org.group), org.stationed)
    assert group_doc.seq == 1  # another issuing body counts on its own
    assert AuditEvent.objects.filter(action="cases.recommendation.issued", data__number=first.number).exists()


def test_issue_is_refused_without_items_or_with_a_future_date(org: Any) -> None:
    empty = RecommendationFactory(unit=org.bureau_a, issuer=org.commission, items=[])
    empty.items.all().delete()
    with pytest.raises(TransitionError, match="没有建议事项"):
        _issue(empty, org.inspector)
    rec = RecommendationFactory(unit=org.bureau_a, issuer=org.commission)
    with pytest.raises(TransitionError, match="送达日期"):
        services.issue_recommendation(
            rec,
            by=org.inspector,
            served_on=timezone.localdate() + datetime.timedelta(days=1),
            served_to="张收",
        )
    rec.refresh_from_db()
    assert (rec.status, rec.number) == ("draft", "")


def test_only_the_supervising_side_issues(org: Any, draft: Recommendation) -> None:
    for user in (org.liaison, org.outsider, org.leader):
        with pytest.raises(PermissionDenied):
            _issue(draft, user)


def test_illegal_move_changes_nothing(org: Any, draft: Recommendation) -> None:
    with pytest.raises(TransitionError, match="不能变更为"):
        services.start_implementation(draft, by=org.inspector)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_reply_with_attachment_then_implement_and_complete(org: Any, draft: Recommendation) -> None:
    rec = _issue(draft, org.inspector)
    with pytest.raises(PermissionDenied):
        services.reply_recommendation(rec, by=org.inspector, text="代答")  # the unit replies, not the 纪委
    checked = check_upload("整改报告.pdf", PDF)
    rec = services.reply_recommendation(rec, by=org.liaison, text="已采纳并整改", files=[checked])
    attachment = rec.reply.attachments.get()
    assert attachment.sha256 == checked.sha256
    assert attachment.file.read() == PDF
    rec = services.start_implementation(rec, by=org.stationed, comment="回复属实")
    rec = services.complete_recommendation(rec, by=org.inspector)
    assert rec.status == "done"


def test_not_adopting_requires_a_reason(org: Any, draft: Recommendation) -> None:
    rec = _issue(draft, org.inspector)
    with pytest.raises(TransitionError, match="异议"):
        services.reply_recommendation(rec, by=org.liaison, text="不同意", adopted=False)


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


def test_reply_page_uploads_files_and_rejects_fakes(client: Client, org: Any, draft: Recommendation) -> None:
    rec = _issue(draft, org.inspector)
    client.force_login(org.liaison)
    url = reverse("cases:recommendation-reply", args=[rec.pk])
    fake = SimpleUploadedFile("伪装.pdf", b"not a pdf")
    response = client.post(url, {"text": "已整改", "adopted": "on", "attachments": [fake]})
    assert "不是有效的PDF" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == "issued"
    good = SimpleUploadedFile("整改报告.pdf", PDF)
    assert client.post(url, {"text": "已整改", "adopted": "on", "attachments": [good]}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "replied"
    download = client.get(reverse("cases:attachment-download", args=[rec.reply.attachments.get().pk]))
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="cases.attachment.downloaded").exists()


def test_word_download(client: Client, org: Any, draft: Recommendation) -> None:
    client.force_login(org.liaison)
    response = client.get(reverse("cases:recommendation-docx", args=[draft.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_api_transitions(org: Any, draft: Recommendation) -> None:
    api = APIClient()
    api.force_authenticate(org.inspector)
    url = f"/api/recommendations/{draft.pk}/"
    bad = api.post(url + "implement/", {}, format="json")
    assert bad.status_code == 409
    assert "不能变更为" in bad.json()["detail"]
    issued = api.post(
        url + "issue/", {"served_on": str(timezone.localdate()), "served_to": "张收"}, format="json"
    )
    assert issued.status_code == 200
    assert issued.json()["status"] == "issued"
    assert issued.json()["unit"] == org.bureau_a.pk
    api.force_authenticate(org.outsider)
    assert api.post(url + "reply/", {"text": "x"}, format="json").status_code == 404
    api.force_authenticate(org.liaison)
    assert api.post(url + "reply/", {"text": "已整改"}, format="json").json()["status"] == "replied"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_duplicates_or_skips(org: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("并发取号需要多个数据库连接并发写入，仅在 PostgreSQL 上运行（CI 中执行）")
    recs = [RecommendationFactory(unit=org.bureau_a, issuer=org.commission) for _ in range(8)]
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
