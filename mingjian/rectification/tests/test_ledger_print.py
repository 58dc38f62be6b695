"""The exported 台账 prints as a clerk needs it: checked on the saved workbook's print settings,
and on the PDF LibreOffice renders from it (landscape A4, one page wide, the title and header on
every page, page numbers)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from mingjian.lib.xlsx import A4_LANDSCAPE_UNITS, Column, fit_widths, row_height
from mingjian.org.tests.factories import leader_of
from mingjian.rectification import ledger
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.rectification.tests.ledger_helpers import calc, export, soffice

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
A4 = (595.0, 842.0)  # points
__all__ = ["calc"]


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def exported(client: Client, org: Any) -> bytes:
    boss = leader_of(org.bureau_a, username="boss", full_name="李局长")
    for i in range(45):
        TaskFactory(
            problem__unit=org.bureau_a,
            problem__issuer=org.commission,
            problem__title=f"第{i}个问题：低保审核把关不严，未严格执行入户调查和民主评议制度",
            measure="修订低保审核办法，建立近亲属备案和回避制度，开展全面排查" * 2,
            progress="已完成排查 120 户，清退不符合条件对象 8 户" if i % 2 else "",
            leader=boss,
        )
    return export(client, org.inspector, unit=str(org.bureau_a.pk))


def test_the_saved_workbook_carries_the_print_layout(exported: bytes) -> None:
    wb = load_workbook(io.BytesIO(exported))
    ws = wb[ledger.SHEET]
    last = ws.cell(row=3, column=len(ledger.COLUMNS)).column_letter
    assert ws["A1"].value == "测试市民政局整改台账" and ws["A1"].font.b and ws["A1"].font.sz == 16
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == f"A3:{last}{3 + 45}"
    assert ws.print_title_rows == "$1:$3"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    widths = [ws.column_dimensions[ws.cell(row=3, column=i).column_letter].width for i in range(1, 16)]
    assert sum(widths) <= A4_LANDSCAPE_UNITS + 1
    body = ws["E4"]  # 整改措施
    assert (
        body.alignment.wrap_text and body.border.left.style == "thin" and body.border.bottom.style == "thin"
    )
    assert ws["I4"].number_format == "yyyy-mm-dd"  # 完成时限, a real date
    assert ws.row_dimensions[4].height > 15  # tall enough for the wrapped text
    sheet_xml = zipfile.ZipFile(io.BytesIO(exported)).read("xl/worksheets/sheet1.xml").decode()
    assert '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0"' in sheet_xml


def test_widths_are_scaled_to_the_page_and_rows_to_their_text() -> None:
    wide = [Column("a", 100), Column("b", 200)]
    assert fit_widths(wide) == [50.0, 100.0]
    assert fit_widths([Column("a", 10)]) == [10.0]
    assert row_height(["短"], [10]) == row_height([None], [10])  # one line
    assert row_height(["整改" * 20], [10]) > row_height(["整改"], [10])
    assert row_height(["一\n二\n三"], [30]) == 3 * 13.5 + 3


def test_the_rendered_pdf_is_landscape_with_the_header_on_every_page(
    calc: None, exported: bytes, tmp_path: Path
) -> None:
    pdf = soffice(exported, "xlsx", "pdf", tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [(p.width, p.height, p.extract_text() or "") for p in doc.pages]
    assert len(pages) >= 2, "45 long rows should need more than one page"
    for number, (width, height, text) in enumerate(pages, 1):
        assert (round(width), round(height)) == (round(A4[1]), round(A4[0])), "landscape A4"
        flat = re.sub(r"\s+", "", text)
        assert "测试市民政局整改台账" in flat, f"title missing on page {number}"
        assert all(name in flat for name in ("任务编号", "整改措施", "完成时限", "预警")), (
            f"header (every column: one page wide) missing on page {number}"
        )
        assert f"第{number}页，共{len(pages)}页" in flat
