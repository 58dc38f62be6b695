"""The 台账 clerks really have: merged cells, dates typed every way, a cover sheet before the
ledger, formulas, passwords, .xls and .csv. Every file here is built by the test itself."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from mingjian.org.tests.factories import leader_of
from mingjian.rectification.models import LedgerJob, Task
from mingjian.rectification.tests.factories import clerk
from mingjian.rectification.tests.ledger_helpers import (
    calc,
    confirm,
    errors,
    row,
    save,
    sheet,
    soffice,
    upload,
)

NOW = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
HEADER = ("序号", "问题", "整改措施", "责任单位", "责任领导", "责任人", "完成时限")
__all__ = ["calc"]  # the fixture, used by name below


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def boss(org: Any) -> Any:
    clerk(org.bureau_a)
    return leader_of(org.bureau_a, username="boss", full_name="李局长")


def _imported(client: Client, org: Any, data: bytes, name: str = "台账.xlsx") -> list[Task]:
    job = upload(client, org.inspector, data, name)
    assert job.status == LedgerJob.Status.READY, job.result
    job = confirm(client, job)
    assert job.status == LedgerJob.Status.DONE, job.result
    return list(Task.objects.filter(created_by=org.inspector).order_by("pk"))


def _clerks_book() -> Workbook:
    """A hand-made ledger: a cover sheet first, a two-line title, 责任单位 merged over three rows,
    dates typed four ways, a trailing row with only its 序号."""
    wb = Workbook()
    cover = wb.active
    cover.title = "填表说明"
    cover.append(["请按下表填写，完成时限写到日。"])
    ws = wb.create_sheet("2026年台账")
    ws.append(["X市民政局以案促改问题整改台账"])
    ws.append(["填报单位（盖章）：", None, None, "填报日期：2026年11月"])
    ws.append(list(HEADER))
    ws.append([1, "低保审核把关不严", "修订审核办法", "测试市民政局", "李局长", "王科长", "2026.12.31"])
    ws.append([2, "近亲属备案不全", "建立备案台账", None, "李局长", "王科长", "2027年1月15日"])
    ws.append([3, "资金发放不及时", "按月发放", None, "boss", "王科长", 46418])  # an Excel day number
    ws.append(
        [
            4,
            "公示不到位",
            "张榜公示",
            "测试市民政局",
            "李局长",
            "王科长",
            datetime.datetime(2027, 2, 28, 17, 30),  # noqa: DTZ001  (openpyxl dates are naive)
        ]
    )
    ws.append([5])
    ws.merge_cells("D4:D6")
    return wb


def test_merged_cells_dates_cover_sheets_and_number_only_rows(client: Client, org: Any, boss: Any) -> None:
    tasks = _imported(client, org, save(_clerks_book()))
    assert [t.problem.title for t in tasks] == [
        "低保审核把关不严",
        "近亲属备案不全",
        "资金发放不及时",
        "公示不到位",
    ]
    assert {t.unit for t in tasks} == {org.bureau_a}  # the merged 责任单位 applies to each row
    assert [t.due_date for t in tasks] == [
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 15),
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
    ]


def test_the_sheet_is_named_in_the_summary(client: Client, org: Any, boss: Any) -> None:
    job = upload(client, org.inspector, save(_clerks_book()))
    assert job.result["sheet"] == "2026年台账"
    assert not job.result["has_task_numbers"]  # warned: every row becomes a new task


def test_a_month_first_date_is_refused_naming_the_formats(client: Client, org: Any, boss: Any) -> None:
    found = errors(upload(client, org.inspector, sheet(row(HEADER, 完成时限="12/31/2026"), header=HEADER)))
    assert found == [
        "第 4 行：完成时限“12/31/2026”无法识别，请写成 2026-12-31、2026/12/31、2026.12.31 或 2026年12月31日"
    ]


def _with_formula() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(HEADER))
    ws.append(
        [1, "低保审核把关不严", '="修订"&"审核办法"', "测试市民政局", "李局长", "王科长", "=DATE(2027,3,1)"]
    )
    return save(wb)  # openpyxl writes formulas without calculating them


def test_formulas_without_saved_values_are_named(client: Client, org: Any, boss: Any) -> None:
    assert errors(upload(client, org.inspector, _with_formula())) == [
        "第 2 行“整改措施”、第 2 行“完成时限”是公式，但文件中没有保存计算结果（多见于程序生成的表格）。"
        "请用 Excel 或 WPS 打开后保存一次再上传，或将公式粘贴为数值。"
    ]


def test_formulas_are_read_by_their_saved_values(
    calc: None, client: Client, org: Any, boss: Any, tmp_path: Path
) -> None:
    saved = soffice(_with_formula(), "xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path)  # calculates and saves
    (task,) = _imported(client, org, saved)
    assert (task.measure, task.due_date) == ("修订审核办法", datetime.date(2027, 3, 1))


def test_an_encrypted_workbook_is_refused_by_name(client: Client, org: Any, boss: Any) -> None:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(sheet(row()))).encrypt("Mima@2026", out)
    assert errors(upload(client, org.inspector, out.getvalue())) == ["文件已加密，请取消密码后上传。"]


def test_an_xls_file_is_read(calc: None, client: Client, org: Any, boss: Any, tmp_path: Path) -> None:
    xls = soffice(save(_clerks_book()), "xlsx", "xls:MS Excel 97", tmp_path)
    assert xls.startswith(b"\xd0\xcf\x11\xe0")  # the binary 97-2003 format
    tasks = _imported(client, org, xls, "台账.xls")
    assert len(tasks) == 4 and {t.unit for t in tasks} == {org.bureau_a}
    assert tasks[3].due_date == datetime.date(2027, 2, 28)


def _csv(encoding: str, bom: bool = False) -> bytes:
    lines = [
        ",".join(HEADER),
        "1,低保审核把关不严,修订审核办法,测试市民政局,李局长,王科长,2026年12月31日",
        '2,"近亲属备案不全，多次提醒",建立备案台账,测试市民政局,boss,王科长,2027.01.15',
        "3,,,,,,",
    ]
    return (b"\xef\xbb\xbf" if bom else b"") + "\r\n".join(lines).encode(encoding)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", True), ("utf-8", False), ("gbk", False)])
def test_csv_in_utf8_with_bom_and_in_gbk(
    client: Client, org: Any, boss: Any, encoding: str, bom: bool
) -> None:
    tasks = _imported(client, org, _csv(encoding, bom), "台账.csv")
    assert [t.problem.title for t in tasks] == ["低保审核把关不严", "近亲属备案不全，多次提醒"]
    assert [t.due_date for t in tasks] == [datetime.date(2026, 12, 31), datetime.date(2027, 1, 15)]
