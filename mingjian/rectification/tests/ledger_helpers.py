"""Building ledgers the way clerks' files come, and driving the import pages, for the ledger tests."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from mingjian.rectification import ledger
from mingjian.rectification.models import LedgerJob

EXPORT = reverse("rectification:ledger-export")
IMPORT = reverse("rectification:ledger-import")


def sheet(*rows: list[Any], header: tuple[str, ...] = ledger.COLUMNS, before: int = 2) -> bytes:
    """A workbook with `before` rows above the header (title, exporter line) and `rows` below."""
    wb = Workbook()
    ws = wb.active
    ws.title = ledger.SHEET
    for i in range(before):
        ws.append(["整改台账" if i == 0 else "导出人：某某"])
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    return save(wb)


def save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row(columns: tuple[str, ...] = ledger.COLUMNS, **values: Any) -> list[Any]:
    base = {
        "问题": "低保审核把关不严",
        "整改措施": "修订审核办法",
        "责任单位": "测试市民政局",
        "责任领导": "李局长",
        "责任人": "王科长",
        "完成时限": "2026-12-31",
    }
    base.update(values)
    return [base.get(c) for c in columns]


def export(client: Client, user: Any, **params: str) -> bytes:
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def upload(client: Client, user: Any, data: bytes, name: str = "台账.xlsx", **fields: Any) -> LedgerJob:
    """Post the file; the check runs (inline or on huey's immediate mode) and the job page follows."""
    client.force_login(user)
    response = client.post(
        IMPORT, {"file": SimpleUploadedFile(name, data), "source": "self_inspection", **fields}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = LedgerJob.objects.filter(created_by=user).latest("pk")
    assert response["Location"] == reverse("rectification:ledger-job", args=[job.pk])
    return job


def confirm(client: Client, job: LedgerJob) -> LedgerJob:
    response = client.post(reverse("rectification:ledger-job-confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def errors(job: LedgerJob) -> list[str]:
    assert job.status == LedgerJob.Status.FAILED, (job.status, job.result)
    return list(job.result["errors"])
