"""Reading the 台账 clerks really have: .xlsx, .xls or .csv, the sheet found by its header.

Each format becomes the same thing — rows of raw values with their sheet row numbers, plus the
merged ranges — and one reader turns that into (row number, column → value):

- .xlsx (openpyxl, read-only, saved values of formulas): the archive's declared sizes are
  checked first (lib.office), the sheet XML is scanned once for merged ranges and for formulas
  that have no saved value (a file written by a program that never calculated it);
- .xls (xlrd 2, which reads only the old binary format; loaded from memory, one sheet at a time);
- .csv in UTF-8 (with or without the BOM Excel writes) or GBK/GB18030 (what WPS and Excel on
  Chinese Windows save by default);
- an encrypted workbook (an OLE container holding "EncryptedPackage") is refused by name.

A value merged over several rows (a 责任单位 for a block of problems) applies to each row it
covers; a row holding nothing but its 序号 is skipped. Bounds: MAX_SHEET_ROWS rows however far
apart they are numbered, the first MAX_COLUMNS columns, MAX_SHEETS sheets searched.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

import xlrd
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.utils.exceptions import InvalidFileException
from xlrd.biffh import XLRDError
from xlrd.compdoc import CompDocError

from mingjian.lib.office import check_office_archive
from mingjian.rectification.ledger.columns import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_IMPORT_ROWS,
    MAX_MEMBER_BYTES,
    MAX_MERGED_RANGES,
    MAX_SHEET_ROWS,
    MAX_SHEETS,
    MAX_TOTAL_BYTES,
    REQUIRED_COLUMNS,
    SHEET,
)
from mingjian.rectification.ledger.errors import LedgerFileError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = "文件已加密，请取消密码后上传。"
UNREADABLE = "无法读取文件：请上传 Excel（.xlsx、.xls）或 CSV 格式的整改台账。"
# Headers clerks write for the same columns.
ALIASES = {"整改时限": "完成时限", "完成时间": "完成时限", "责任部门": "责任单位", "整改情况": "整改进展"}
_HEADER_NOISE = re.compile(r"[\s*＊]")
CELLS_NAMED = 5  # cells an error message names before "等"


@dataclass
class Grid:
    """One sheet as rows of raw values (row numbers from 1, columns from 0)."""

    name: str
    rows: Iterator[tuple[int, list[Any]]]
    merged: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # top row → [(last row, col)]
    unsaved: set[tuple[int, int]] = field(default_factory=set)  # formula cells without a saved value


@dataclass
class LedgerFile:
    sheet: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def header_name(value: Any) -> str:
    name = _HEADER_NOISE.sub("", text(value))
    return ALIASES.get(name, name)


# ---- .xlsx ----------------------------------------------------------------------------------

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")


def _merged_ranges(xml: bytes) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {}
    for n, m in enumerate(_MERGE.finditer(xml)):
        if n >= MAX_MERGED_RANGES:
            raise LedgerFileError(f"表格中的合并单元格超过 {MAX_MERGED_RANGES} 处，请取消合并后重新上传。")
        top, bottom = int(m[2]), int(m[4])
        if bottom > top:
            found.setdefault(top, []).append((bottom, column_index_from_string(m[1].decode()) - 1))
    return found


def _unsaved_formulas(xml: bytes) -> set[tuple[int, int]]:
    """(row, column) of formula cells with no saved value; the full scan runs only when the
    sheet has formulas at all."""
    if not _FORMULA.search(xml):
        return set()
    found = set()
    for m in _CELL.finditer(xml):
        body = m[2] or b""
        if _FORMULA.search(body) and not _VALUE.search(body) and (ref := _REF.search(m[1])):
            found.add((int(ref[2]), column_index_from_string(ref[1].decode()) - 1))
            if len(found) > MAX_SHEET_ROWS:
                break
    return found


def _xlsx_grids(data: bytes) -> Iterator[Grid]:
    # Declared sizes first: a few KB of zip must not inflate into gigabytes inside openpyxl.
    try:
        archive = check_office_archive(
            data, max_member_bytes=MAX_MEMBER_BYTES, max_total_bytes=MAX_TOTAL_BYTES
        )
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError as e:
        raise LedgerFileError(f"无法读取文件：{''.join(e.messages)}") from e
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as e:
        raise LedgerFileError(UNREADABLE) from e
    sheets = sorted(wb.worksheets[:MAX_SHEETS], key=lambda ws: ws.title != SHEET)  # ours first
    ws: Any
    for ws in sheets:
        if not hasattr(ws, "reset_dimensions"):
            continue  # a chart sheet
        # The sheet's declared dimension is the sender's claim: ignore it (rows are bounded below).
        ws.reset_dimensions()
        xml = archive.read(ws._worksheet_path)
        rows = (
            (n, list(cells)) for n, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1)
        )
        yield Grid(ws.title, rows, _merged_ranges(xml), _unsaved_formulas(xml))


# ---- .xls -----------------------------------------------------------------------------------


def _xls_value(cell: Any, datemode: Literal[0, 1]) -> Any:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return cell.value


def _xls_rows(sheet: Any, datemode: Literal[0, 1]) -> Iterator[tuple[int, list[Any]]]:
    width = min(sheet.ncols, MAX_COLUMNS)
    for r in range(sheet.nrows):
        yield r + 1, [_xls_value(sheet.cell(r, c), datemode) for c in range(width)]


def _xls_grids(data: bytes) -> Iterator[Grid]:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except XLRDError as e:
        raise LedgerFileError(ENCRYPTED if "encrypt" in str(e).lower() else UNREADABLE) from e
    except (CompDocError, struct.error, ValueError, IndexError, KeyError, AssertionError, OverflowError) as e:
        raise LedgerFileError("文件已损坏，无法读取。") from e
    for index in range(min(book.nsheets, MAX_SHEETS)):
        try:
            sheet = book.sheet_by_index(index)
        except (XLRDError, CompDocError, struct.error, ValueError, IndexError, KeyError) as e:
            raise LedgerFileError("文件已损坏，无法读取。") from e
        merged: dict[int, list[tuple[int, int]]] = {}
        for rlo, rhi, clo, _ in sheet.merged_cells[:MAX_MERGED_RANGES]:
            if rhi - rlo > 1:
                merged.setdefault(rlo + 1, []).append((rhi, clo))
        yield Grid(sheet.name, _xls_rows(sheet, book.datemode), merged)
        book.unload_sheet(index)


# ---- .csv -----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "gb18030"):  # GB18030 reads every GBK file
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerFileError("无法识别 CSV 文件的编码，请另存为“CSV UTF-8”或 GBK 编码后上传。")


def _csv_grid(data: bytes) -> Grid:
    body = _decode(data)
    if "\x00" in body:
        raise LedgerFileError(UNREADABLE)
    try:
        dialect: Any = csv.Sniffer().sniff(body[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for n, cells in enumerate(csv.reader(io.StringIO(body), dialect), 1):
                yield n, [c if c.strip() else None for c in cells[:MAX_COLUMNS]]
        except csv.Error as e:
            raise LedgerFileError(f"CSV 文件格式有误：{e}") from e

    return Grid("CSV", rows())


# ---- any format -----------------------------------------------------------------------------


def _grids(data: bytes, filename: str) -> Iterator[Grid]:
    if data.startswith(b"PK"):
        yield from _xlsx_grids(data)
    elif data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise LedgerFileError(ENCRYPTED)
        yield from _xls_grids(data)
    elif filename.lower().endswith((".csv", ".txt")) or b"\x00" not in data[:4096]:
        yield _csv_grid(data)
    else:
        raise LedgerFileError(UNREADABLE)


def _header(grid: Grid) -> list[str] | None:
    """Column names from the first row (of the first few) that names 问题 and 整改措施."""
    for _, cells in islice(grid.rows, HEADER_SEARCH_ROWS):
        names = [header_name(c) for c in cells]
        if "问题" in names and "整改措施" in names:
            missing = [c for c in REQUIRED_COLUMNS if c not in names]
            if missing:
                raise LedgerFileError(f"表头缺少“{'”“'.join(missing)}”列，请使用导出的台账或模板。")
            return names
    return None


def _find_sheet(data: bytes, filename: str) -> tuple[Grid, list[str]]:
    for grid in _grids(data, filename):
        names = _header(grid)
        if names is not None:
            return grid, names
    raise LedgerFileError("未找到表头（应包含“问题”“整改措施”“责任单位”等列），请使用导出的台账或模板。")


class _Merges:
    """Carries a merged range's value down to every row the range covers."""

    def __init__(self, ranges: dict[int, list[tuple[int, int]]]) -> None:
        self.ranges = ranges
        self.open: dict[int, tuple[int, Any]] = {}  # column → (last row, value)

    def fill(self, number: int, cells: list[Any]) -> list[Any]:
        for col, (last, value) in list(self.open.items()):
            if number > last:
                del self.open[col]
            elif col < len(cells) and text(cells[col]) == "":
                cells[col] = value
            elif col >= len(cells):
                cells += [None] * (col - len(cells)) + [value]
        for last, col in self.ranges.get(number, ()):
            if col < len(cells):
                self.open[col] = (last, cells[col])
        return cells


def _unsaved_message(cells: list[tuple[int, str]]) -> str:
    named = cells[:CELLS_NAMED]
    where = "、".join(f"第 {n} 行“{name}”" for n, name in named) + ("等" if len(cells) > len(named) else "")
    return (
        f"{where}是公式，但文件中没有保存计算结果（多见于程序生成的表格）。"
        "请用 Excel 或 WPS 打开后保存一次再上传，或将公式粘贴为数值。"
    )


def _data_rows(grid: Grid, columns: dict[str, int]) -> list[tuple[int, dict[str, Any]]]:
    content = [i for name, i in columns.items() if name != "序号"]
    merges = _Merges(grid.merged)
    found: list[tuple[int, dict[str, Any]]] = []
    unsaved: list[tuple[int, str]] = []
    try:
        for number, raw in grid.rows:
            if number > MAX_SHEET_ROWS:
                raise LedgerFileError(f"表格超过 {MAX_SHEET_ROWS} 行（含空行），请删去空行或分批导入。")
            blank = all(i >= len(raw) or text(raw[i]) == "" for i in content)
            cells = merges.fill(number, raw)  # also on a blank row: a range may start there
            if blank:
                continue  # blank, or only a 序号 (merged values carried down do not count)
            if len(found) >= MAX_IMPORT_ROWS:
                raise LedgerFileError(f"一次最多导入 {MAX_IMPORT_ROWS} 行，请分批导入。")
            unsaved += [(number, name) for name, i in columns.items() if (number, i) in grid.unsaved]
            found.append((number, {n: cells[i] if i < len(cells) else None for n, i in columns.items()}))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise LedgerFileError("文件已损坏，无法读取。") from e
    if unsaved:
        raise LedgerFileError(_unsaved_message(unsaved))
    return found


def read_ledger(data: bytes, filename: str = "") -> LedgerFile:
    """The ledger sheet of the file, wherever it is, as (row number, column → raw value)."""
    grid, names = _find_sheet(data, filename)
    columns = {name: i for i, name in enumerate(names) if name}
    rows = _data_rows(grid, columns)
    if not rows:
        raise LedgerFileError("表格中没有整改任务行。")
    return LedgerFile(grid.name, [n for n in names if n], rows)


def read_rows(data: bytes, filename: str = "") -> list[tuple[int, dict[str, Any]]]:
    """(row number, column name → raw value) for every non-empty row under the header."""
    return read_ledger(data, filename).rows
