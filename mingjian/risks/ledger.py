"""廉政风险防控台账 in Excel: the register exported in the customary columns, and imported back.

Columns, in the customary order: 单位/科室, 岗位, 风险类别, 风险点, 表现形式, 风险等级, 防控措施,
科室负责人, 责任领导 (a 序号 first; 状态, 来源 and 防控失效 after, ignored on import). Every user-text
cell goes through lib.xlsx.safe_row, so a value that starts like a formula stays text.

Import is all-or-nothing: the archive's declared sizes are checked before openpyxl reads it, every
row is checked, and any bad row stops the whole file with one Chinese reason per problem
("第 N 行：…"). A row naming a risk point already in the register (same 单位/科室, 岗位 and 风险点)
updates it — so the yearly 排查 can be done by exporting, editing and importing the sheet.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from mingjian.audit.services import record
from mingjian.lib.office import check_office_archive
from mingjian.lib.xlsx import safe_row
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.permissions import leaders_of
from mingjian.risks import permissions as perms
from mingjian.risks.models import RiskPoint
from mingjian.risks.services.register import RiskInput, input_errors, mark_reviewed

SHEET = "廉政风险防控台账"
COLUMNS = (
    "单位/科室",
    "岗位",
    "风险类别",
    "风险点",
    "表现形式",
    "风险等级",
    "防控措施",
    "科室负责人",
    "责任领导",
)
EXTRA = ("状态", "来源", "防控失效")
WIDTHS = (6, 18, 18, 14, 36, 30, 8, 40, 10, 10, 8, 12, 12)
REQUIRED = ("单位/科室", "岗位", "风险点", "风险等级", "防控措施", "责任领导")
MAX_ROWS = 3_000
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 10
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024

CATEGORY_BY_LABEL = {label: value for value, label in RiskPoint.Category.choices}
LEVEL_BY_LABEL = {label: value for value, label in RiskPoint.Level.choices}


# ---- export ---------------------------------------------------------------------------------


def _row_values(row: RiskPoint) -> list[Any]:
    leader = row.leader.display_name if row.leader else ""
    failed = "是" if getattr(row, "open_failures", 0) else ""
    return [
        row.unit.name,
        row.post,
        row.get_category_display(),
        row.point,
        row.manifestation,
        row.get_level_display(),
        row.controls,
        row.dept_head.name if row.dept_head else "",
        leader,
        row.get_status_display(),
        row.get_source_display(),
        failed,
    ]


def rows_for_export(rows: Any) -> Iterator[list[Any]]:
    for seq, row in enumerate(rows.select_related("unit", "dept_head", "leader").iterator(chunk_size=500), 1):
        yield [seq, *_row_values(row)]


def write_register(rows: Any, out: IO[bytes], *, user: User, filters: str) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    dims = ws.column_dimensions  # write-only sheets take layout before the first row
    for i, width in enumerate(WIDTHS):
        dims[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A4"
    exported = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    ws.append(safe_row(ws, [f"{user.unit.name if user.unit else ''}廉政风险防控台账"]))
    ws.append(
        safe_row(
            ws, [f"导出人：{user.display_name}（{user.username}）  导出时间：{exported}  筛选：{filters}"]
        )
    )
    ws.append(["序号", *COLUMNS, *EXTRA])
    count = 0
    for values in rows_for_export(rows):
        ws.append(safe_row(ws, values))
        count += 1
    wb.save(out)
    return count


def filename() -> str:
    return f"廉政风险防控台账-{timezone.localdate():%Y%m%d}.xlsx"


# ---- import ---------------------------------------------------------------------------------


class SheetError(Exception):
    """The file as a whole cannot be read as a register; the message is Chinese."""


class RowsError(Exception):
    """Some rows are bad; nothing was imported. `errors` holds one sentence per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _open(data: bytes) -> Any:
    try:
        check_office_archive(data, max_member_bytes=MAX_MEMBER_BYTES, max_total_bytes=MAX_TOTAL_BYTES)
    except ValidationError as e:
        raise SheetError(f"无法读取文件：{''.join(e.messages)}") from e
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as e:
        raise SheetError("无法读取文件：请上传 Excel（.xlsx）格式的风险防控台账。") from e
    return book


def _header(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> dict[str, int]:
    for _, cells in islice(rows, HEADER_SEARCH_ROWS):
        names = [_text(c).replace(" ", "") for c in cells]
        if "岗位" in names and "风险点" in names:
            missing = [c for c in REQUIRED if c not in names]
            if missing:
                raise SheetError(f"表头缺少“{'”“'.join(missing)}”列，请使用导出的台账或模板。")
            return {name: i for i, name in enumerate(names) if name}
    raise SheetError("未找到表头（应包含“单位/科室”“岗位”“风险点”等列），请使用导出的台账或模板。")


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(Excel row number, column → text) for every non-empty row under the header."""
    book = _open(data)
    try:
        ws = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        ws.reset_dimensions()  # the declared dimension is the sender's claim: read within our bounds
        rows = enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1)
        columns = _header(rows)
        found: list[tuple[int, dict[str, str]]] = []
        for number, cells in rows:
            if number > MAX_SHEET_ROWS:
                raise SheetError(f"表格超过 {MAX_SHEET_ROWS} 行（含空行），请删去空行或分批导入。")
            values = {n: _text(cells[i]) if i < len(cells) else "" for n, i in columns.items()}
            if not any(values.get(c) for c in COLUMNS):
                continue
            if len(found) >= MAX_ROWS:
                raise SheetError(f"一次最多导入 {MAX_ROWS} 行，请分批导入。")
            found.append((number, values))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SheetError("文件已损坏，无法读取。") from e
    finally:
        book.close()
    if not found:
        raise SheetError("表格中没有风险点行。")
    return found


@dataclass
class _Lookups:
    """What rows refer to, loaded once per file."""

    register: Unit
    units: dict[str, list[Unit]]
    leaders: dict[int, list[User]]
    people: dict[int, list[Person]]

    @classmethod
    def load(cls, user: User, register: Unit) -> _Lookups:
        units: dict[str, list[Unit]] = {}
        for unit in perms.register_units(user).filter(path__startswith=register.path):
            units.setdefault(unit.name, []).append(unit)
        return cls(register, units, {}, {})

    def leaders_of(self, unit: Unit) -> list[User]:
        if unit.pk not in self.leaders:
            self.leaders[unit.pk] = list(leaders_of(unit))
        return self.leaders[unit.pk]

    def people_of(self, unit: Unit) -> list[Person]:
        if unit.pk not in self.people:
            self.people[unit.pk] = list(Person.objects.roster_of(unit))
        return self.people[unit.pk]


def _unit(name: str, lk: _Lookups, errors: list[str]) -> Unit | None:
    found = lk.units.get(name, [])
    if not name:
        errors.append("缺少单位/科室")
    elif len(found) != 1:
        errors.append(
            f"单位/科室“{name}”重名，请联系管理员" if found else f"“{name}”不是{lk.register.name}或其科室"
        )
    return found[0] if len(found) == 1 else None


def _leader(name: str, unit: Unit, lk: _Lookups, errors: list[str]) -> User | None:
    candidates = lk.leaders_of(unit)
    found = [u for u in candidates if u.username == name] or [u for u in candidates if u.full_name == name]
    if name and len(found) != 1:
        errors.append(
            f"责任领导“{name}”重名，请填写其用户名"
            if found
            else f"责任领导“{name[:20]}”不是{unit.leadership_unit().name}的班子成员（联络员不能担任）"
        )
    return found[0] if len(found) == 1 else None


def _dept_head(name: str, unit: Unit, lk: _Lookups, errors: list[str]) -> Person | None:
    found = [p for p in lk.people_of(unit) if p.name == name]
    if name and len(found) != 1:
        errors.append(
            f"科室负责人“{name}”在{unit.name}干部名册中重名"
            if found
            else f"科室负责人“{name[:20]}”不在{unit.name}干部名册中"
        )
    return found[0] if len(found) == 1 else None


def _row_input(row: dict[str, str], lk: _Lookups) -> tuple[RiskInput | None, list[str]]:
    errors: list[str] = []
    unit = _unit(row.get("单位/科室", ""), lk, errors)
    level_label, category_label = row.get("风险等级", ""), row.get("风险类别", "")
    if level_label not in LEVEL_BY_LABEL:
        errors.append(f"风险等级“{level_label[:10]}”应为高、中或低" if level_label else "缺少风险等级")
    if category_label and category_label not in CATEGORY_BY_LABEL:
        errors.append(f"风险类别“{category_label[:20]}”应为{'、'.join(CATEGORY_BY_LABEL)}之一")
    if unit is None:
        return None, errors
    data = RiskInput(
        unit=unit,
        post=row.get("岗位", ""),
        point=row.get("风险点", ""),
        level=LEVEL_BY_LABEL.get(level_label, RiskPoint.Level.MEDIUM),
        category=CATEGORY_BY_LABEL.get(category_label or "岗位职责风险", RiskPoint.Category.POST),
        manifestation=row.get("表现形式", ""),
        controls=row.get("防控措施", ""),
        dept_head=_dept_head(row.get("科室负责人", ""), unit, lk, errors),
        leader=_leader(row.get("责任领导", ""), unit, lk, errors),
    )
    # The people were looked up above in the unit's own lists (an unknown name is reported there).
    found = input_errors(data)
    found.pop("dept_head", None)
    if row.get("责任领导"):
        found.pop("leader", None)
    elif "leader" in found:
        found["leader"] = "缺少责任领导"
    errors += [message.rstrip("。") for message in found.values()]
    return (None if errors else data), errors


def _key(data: RiskInput) -> tuple[int, str, str]:
    return data.unit.pk, data.post.strip(), data.point.strip()


def check_rows(rows: list[tuple[int, dict[str, str]]], *, user: User, register: Unit) -> list[RiskInput]:
    lk = _Lookups.load(user, register)
    found: list[RiskInput] = []
    errors: list[str] = []
    seen: dict[tuple[int, str, str], int] = {}
    for number, row in rows:
        data, row_errors = _row_input(row, lk)
        if data is not None and _key(data) in seen:
            row_errors.append(f"与第 {seen[_key(data)]} 行重复")
        errors += [f"第 {number} 行：{e}" for e in row_errors]
        if data is not None and not row_errors:
            seen[_key(data)] = number
            found.append(data)
    if errors:
        raise RowsError(errors)
    return found


def _existing(register: Unit) -> dict[tuple[int, str, str], RiskPoint]:
    rows = RiskPoint.objects.filter(unit__path__startswith=register.path, status=RiskPoint.Status.ACTIVE)
    return {(r.unit_id, r.post.strip(), r.point.strip()): r for r in rows.select_for_update()}


@transaction.atomic
def import_register(data: bytes, *, user: User, register: Unit, name: str = "") -> tuple[int, int]:
    """(created, updated): every row checked first, then all written in one transaction, or none."""
    if not perms.keeps_register(user, register):
        raise PermissionDenied
    inputs = check_rows(read_rows(data), user=user, register=register)
    existing = _existing(register)
    created = updated = 0
    for item in inputs:
        row = existing.get(_key(item))
        if row is None:
            row = RiskPoint(status=RiskPoint.Status.ACTIVE, source=RiskPoint.Source.IMPORTED, created_by=user)
            created += 1
        else:
            updated += 1
        row.unit, row.post, row.point, row.level = (
            item.unit,
            item.post.strip(),
            item.point.strip(),
            item.level,
        )
        row.category, row.manifestation, row.controls = item.category, item.manifestation, item.controls
        row.dept_head, row.leader = item.dept_head, item.leader
        mark_reviewed(row)
        row.save()
    record(
        user,
        "risks.register.imported",
        None,
        unit=register,
        created=created,
        updated=updated,
        filename=name[:200],
    )
    return created, updated
