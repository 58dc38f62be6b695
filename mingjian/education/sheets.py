"""Reading a name list from Excel (签到表, 岗位标签表), bounded before openpyxl sees it.

The archive's declared sizes are checked first (lib.office), so a small file that inflates to
gigabytes is refused in milliseconds. The header is the first row (of the first ten) naming a
姓名 column; a printed 签到表 often has two or three side-by-side blocks (序号 姓名 单位 | 序号 姓名
单位), so each 姓名 column starts a block with its own 单位 and other columns.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from mingjian.lib.office import check_office_archive

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
HEADER_SEARCH_ROWS = 10
MAX_NAME_LENGTH = 20
NAME = "姓名"
UNIT_COLUMNS = ("单位", "所在单位", "工作单位", "部门", "单位部门", "单位（部门）")
_SPACE = re.compile(r"\s+")


class SheetError(Exception):
    """The file as a whole cannot be read as a name list; the message is Chinese."""


@dataclass(frozen=True)
class SheetRow:
    line: int
    block: int  # 1 for the first 姓名 column, 2 for a second block on the same row …
    name: str
    unit: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def where(self, blocks: int) -> str:
        """The row as a clerk finds it in Excel: 第 5 行, or 第 5 行第 2 栏 on a two-block sheet."""
        return f"第 {self.line} 行第 {self.block} 栏" if blocks > 1 else f"第 {self.line} 行"


@dataclass(frozen=True)
class Sheet:
    rows: list[SheetRow]
    blocks: int


def squeeze(value: Any) -> str:
    """Cell text without any whitespace: "王  芳" (aligned by hand) is 王芳; "姓 名" is 姓名."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACE.sub("", str(value))


def _open(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise SheetError(f"文件过大（{len(data) // 1024} KB），上限为 {MAX_BYTES // 1048576} MB。")
    try:
        check_office_archive(data)
    except ValidationError as e:
        raise SheetError(e.messages[0]) from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as e:
        raise SheetError("无法读取文件：请上传 Excel（.xlsx）格式的表格。") from e


def _blocks(header: list[str], wanted: tuple[str, ...]) -> list[dict[str, int]]:
    """One column map per 姓名 column: the 单位 and `wanted` columns after it, up to the next 姓名."""
    starts = [i for i, name in enumerate(header) if name == NAME]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(header)
        cols = {NAME: start}
        for i in range(start + 1, end):
            label = header[i]
            if label in UNIT_COLUMNS and "单位" not in cols:
                cols["单位"] = i
            elif label in wanted and label not in cols:
                cols[label] = i
        blocks.append(cols)
    return blocks


def _cell(cells: tuple[Any, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    value = cells[index]
    return "" if value is None else str(value).strip()


def read_names(data: bytes, *, wanted: tuple[str, ...] = (), what: str = "表格") -> Sheet:
    """Every named row under the header; SheetError (Chinese) when the file cannot serve."""
    book = _open(data)
    try:
        ws = book.worksheets[0]
        rows = enumerate(ws.iter_rows(values_only=True), start=1)
        blocks: list[dict[str, int]] = []
        for _, cells in islice(rows, HEADER_SEARCH_ROWS):
            blocks = _blocks([squeeze(c) for c in cells], wanted)
            if blocks:
                break
        if not blocks:
            raise SheetError(f"未找到表头：{what}应有“姓名”列（可另有“单位”列）。")
        found: list[SheetRow] = []
        for line, cells in rows:
            for number, cols in enumerate(blocks, 1):
                name = squeeze(cells[cols[NAME]] if cols[NAME] < len(cells) else None)
                if not name:
                    continue
                if len(found) >= MAX_ROWS:
                    raise SheetError(f"一次最多导入 {MAX_ROWS} 人，请分批导入。")
                extra = {k: _cell(cells, i) for k, i in cols.items() if k not in (NAME, "单位")}
                found.append(SheetRow(line, number, name, _cell(cells, cols.get("单位")), extra))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SheetError("文件已损坏，无法读取。") from e
    finally:
        book.close()
    if not found:
        raise SheetError(f"{what}中没有填写姓名的行。")
    return Sheet(found, len(blocks))
