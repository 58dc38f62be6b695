"""The 建议书 as PDF: a download next to the Word one, audited, shown only when LibreOffice is
installed; and the demo's 建议书 laid out as GB/T 9704 wants, measured on the rendered pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from mingjian.audit.models import AuditEvent
from mingjian.cases.documents import recommendation_document
from mingjian.cases.models import Recommendation
from mingjian.cases.tests.factories import RecommendationFactory
from mingjian.documents.pdf import render
from mingjian.documents.tests import checks
from mingjian.documents.tests.fixtures import libreoffice
from mingjian.documents.tests.measure import measure
from mingjian.documents.text import format_date
from mingjian.documents.titles import split_title

__all__ = ["libreoffice"]


@pytest.fixture
def rec(org: Any) -> Recommendation:
    rec = RecommendationFactory(
        issuer=org.commission,
        unit=org.bureau_a,
        title="关于测试市民政局深化以案促改工作的纪检监察建议",
        facts="事实。",
        issued=True,  # served: the unit reads and downloads it
    )
    return rec


def _fake_soffice(tmp_path: Path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_pdf_download_is_audited(client: Client, org: Any, rec: Recommendation, libreoffice: None) -> None:
    client.force_login(org.liaison)
    detail = client.get(reverse("cases:recommendation-detail", args=[rec.pk])).content.decode()
    assert 'data-testid="download-pdf"' in detail
    response = client.get(reverse("cases:recommendation-pdf", args=[rec.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="cases.recommendation.exported")
    assert event.data.get("format") == "pdf"


def test_without_libreoffice_the_link_is_hidden_and_the_url_explains(
    client: Client, org: Any, rec: Recommendation, tmp_path: Path
) -> None:
    client.force_login(org.liaison)
    with override_settings(MINGJIAN_SOFFICE=str(tmp_path / "missing")):
        detail = client.get(reverse("cases:recommendation-detail", args=[rec.pk])).content.decode()
        assert 'data-testid="download-pdf"' not in detail and 'data-testid="download-docx"' in detail
        response = client.get(reverse("cases:recommendation-pdf", args=[rec.pk]), follow=True)
    assert response.redirect_chain[-1][0] == rec.get_absolute_url()
    assert "未安装 LibreOffice" in response.content.decode()
    assert not AuditEvent.objects.filter(action="cases.recommendation.exported").exists()


def test_a_failed_conversion_is_a_message_not_an_error(
    client: Client, org: Any, rec: Recommendation, tmp_path: Path
) -> None:
    client.force_login(org.liaison)
    with override_settings(MINGJIAN_SOFFICE=_fake_soffice(tmp_path, "exit 5\n")):
        response = client.get(reverse("cases:recommendation-pdf", args=[rec.pk]), follow=True)
    assert response.status_code == 200 and "LibreOffice 转换失败" in response.content.decode()


def test_invisible_recommendation_is_404(client: Client, org: Any, rec: Recommendation) -> None:
    client.force_login(org.outsider)
    assert client.get(reverse("cases:recommendation-pdf", args=[rec.pk])).status_code == 404


@pytest.mark.django_db
def test_the_demo_recommendations_as_printed(libreoffice: None) -> None:
    """Every 建议书 seed_demo writes, rendered and measured: page numbers odd right / even left,
    the 版记 at the foot of an even last page, 22 lines on full pages, 28 characters a line, the
    title broken between words, the 署名 with text, the issuer's full names."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recs = list(Recommendation.objects.select_related("issuer", "unit").order_by("pk"))
    assert len(recs) >= 3
    for rec in recs:
        doc = recommendation_document(rec)
        data, plan = render(doc)
        pages = measure(data)
        dated = format_date(doc.dated)
        if rec.issuer.code == "x-jw":
            assert doc.issuers == ("中共X市纪律检查委员会", "X市监察委员会")
            assert doc.printed_by == "中共X市纪律检查委员会办公室"
        else:  # the 派驻组 signs in its own name
            assert doc.issuers == rec.issuer.issuing_names() and "派驻第一纪检监察组" in doc.issuers[0]
        sig = checks.signature_page(pages, dated)
        gap = pages[-1].number - sig.number
        checks.check_page_numbers(pages, unnumbered={sig.number + 1, pages[-1].number} if gap == 2 else set())
        checks.check_colophon(pages, with_cc=bool(rec.cc_units.strip()))
        checks.check_signature_has_text(pages, dated, "".join(doc.issuers))
        checks.check_title(pages, split_title(rec.title, keep=doc.keep_words + doc.issuers))
        checks.check_full_pages(pages, dated, last_moved=plan.keep_last)
        checks.check_28_per_line(pages)
