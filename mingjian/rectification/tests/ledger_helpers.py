"""Building ledgers the way clerks' files come, and driving the import pages, for the ledger tests."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from mingjian.documents.pdf import soffice_path
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


def soffice(data: bytes, suffix: str, target: str, workdir: Path) -> bytes:
    """`data` (a .`suffix` file) converted by LibreOffice Calc to `target` ("xls:MS Excel 97",
    "pdf" …), in its own profile, as a clerk's office software would save it."""
    soffice_bin = soffice_path()
    assert soffice_bin is not None
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"ledger.{suffix}"
    source.write_bytes(data)
    out = workdir / "out"
    subprocess.run(  # noqa: S603  (a fixed command line, no shell)
        [
            soffice_bin,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{workdir}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(workdir)},
    )
    (result,) = out.iterdir()
    return result.read_bytes()


def calc_available() -> bool:
    """LibreOffice with its spreadsheet component (Debian: libreoffice-calc-nogui)."""
    found = soffice_path()
    return found is not None and any(
        (Path(found).resolve().parent / name).exists() for name in ("libsclo.so", "../program/libsclo.so")
    )


@pytest.fixture(scope="session")
def calc() -> None:
    """Tests that need office software to write a file (a recalculated workbook, an .xls) or to
    print one. Under CI it is installed (.ci/run); elsewhere, without it, they are skipped."""
    if calc_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(
            "CI 下必须安装 LibreOffice Calc（libreoffice-calc-nogui）：台账的格式与打印测试不能跳过。"
        )
    pytest.skip(
        "未安装 LibreOffice Calc：sudo apt-get install --no-install-recommends libreoffice-calc-nogui"
    )
