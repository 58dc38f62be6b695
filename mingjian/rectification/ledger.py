"""整改台账 in Excel: export the task list as the customary ledger, import a ledger as draft tasks.

Export streams: openpyxl's write-only workbook goes straight to a file the caller supplies, and
rows come from a values() iterator in chunks, so memory stays flat however many tasks there are.

Import is all-or-nothing: every row is checked first and any bad row stops the whole file, with
one Chinese reason per problem ("第 N 行：…"); only a clean file reaches create_tasks().
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from mingjian.audit.services import record
from mingjian.lib.http import parse_id
from mingjian.lib.office import check_office_archive
from mingjian.lib.xlsx import safe_row
from mingjian.org.models import Person, Unit, User
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.models import (
    LIGHT_FILTERS,
    Campaign,
    Light,
    Problem,
    ProblemType,
    RectificationPolicy,
    Responsibility,
    Task,
)
from mingjian.rectification.services import TaskPlan

SHEET = "整改台账"
# The customary columns first; the last four help sorting in Excel and are optional on import.
# 问题 (what was found), 建议 (what the 纪委 recommended) and 整改措施 (what the unit committed to)
# are three different things, each in its own column.
COLUMNS = (
    "序号",
    "问题",
    "建议",
    "整改措施",
    "责任单位",
    "责任领导",
    "责任人",
    "完成时限",
    "整改进展",
    "状态",
    "问题来源",
    "问题类型",
    "整改类别",
    "预警",
)
WIDTHS = (6, 36, 36, 44, 22, 12, 12, 12, 40, 10, 14, 16, 10, 8)
REQUIRED_COLUMNS = ("问题", "整改措施", "责任单位", "责任领导", "责任人", "完成时限")
CHUNK = 2_000
MAX_IMPORT_ROWS = 5_000
HEADER_SEARCH_ROWS = 10  # the title and the exporter line come before the header
# Bounds on what an uploaded ledger may make the server do (see read_rows).
MAX_SHEET_ROWS = 2 * MAX_IMPORT_ROWS
MAX_COLUMNS = 50
# 5,000 rows of long Chinese text stay well inside these; parsing runs at ~25 MB/s, so a file
# at the caps costs a couple of seconds (bench/ledger_import.py).
MAX_MEMBER_BYTES = 40 * 1024 * 1024
MAX_TOTAL_BYTES = 80 * 1024 * 1024

STATUS_LABELS = dict(Task.Status.choices)
SOURCE_LABELS = dict(Problem.Source.choices)
CATEGORY_LABELS = dict(Task.Category.choices)
CATEGORY_BY_LABEL = {label: value for value, label in Task.Category.choices}
LIGHT_LABELS = dict(Light.choices)


# ---- export ---------------------------------------------------------------------------------

TASK_FIELDS = (
    "pk",
    "problem__title",
    "problem__recommendation_item__text",
    "measure",
    "unit__name",
    "due_date",
    "progress",
    "status",
    "problem__source",
    "problem__problem_type__name",
    "category",
    "problem__issuer_id",
)


def _visible_name(queryset: Any, value: Any) -> str:
    """The name of the record the id points at, if the viewer may see it; one answer for an
    invisible id and a nonexistent one, so the export names nothing outside the viewer's scope."""
    found = queryset.filter(pk=parse_id(value)).values_list("name", flat=True).first()
    return found or "（无此项）"


def describe_filters(params: Any, user: User) -> str:
    """The list page's filters in words, for the second row of the sheet and the audit event."""
    parts = []
    if params.get("status"):
        parts.append(f"状态：{STATUS_LABELS.get(params['status'], params['status'])}")
    if params.get("source"):
        parts.append(f"来源：{SOURCE_LABELS.get(params['source'], params['source'])}")
    if params.get("unit"):
        parts.append(f"责任单位：{_visible_name(Unit.objects.in_scope(user), params['unit'])}")
    if params.get("campaign"):
        parts.append(f"专项治理：{_visible_name(Campaign.objects.visible_to(user), params['campaign'])}")
    if params.get("light"):
        parts.append(f"预警：{LIGHT_FILTERS.get(params['light'], params['light'])}")
    if params.get("q"):
        parts.append(f"关键词：{params['q']}")
    return "；".join(parts) or "全部"


def _lead_responsibilities(task_ids: list[int]) -> dict[int, tuple[str, str]]:
    """task id → (责任领导, 责任人) of the first 牵头 row: one query per chunk, not per task."""
    rows = (
        Responsibility.objects.filter(task_id__in=task_ids, role=Responsibility.Role.LEAD)
        .order_by("-id")  # the dict keeps the last write: the lowest id wins, as in the list page
        .values_list("task_id", "leader__full_name", "leader__username", "person__name")
    )
    return {task_id: (full or username or "", person or "") for task_id, full, username, person in rows}


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class _Lights:
    """The traffic light per row, with each issuer's thresholds loaded once."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.policies: dict[int, RectificationPolicy] = {}

    def __call__(self, status: str, due: date | None, issuer_id: int) -> str:
        if issuer_id not in self.policies:
            self.policies[issuer_id] = RectificationPolicy.for_issuer(issuer_id)
        # An unsaved Task keeps Task.light() the single definition of the colours.
        light = Task(status=status, due_date=due).light(self.today, self.policies[issuer_id])
        return LIGHT_LABELS.get(light, light)


def _ledger_rows(tasks: Any, today: date) -> Iterator[list[Any]]:
    lights = _Lights(today)
    values = tasks.by_deadline().values_list(*TASK_FIELDS).iterator(chunk_size=CHUNK)
    seq = 0
    for chunk in _chunks(values, CHUNK):
        leads = _lead_responsibilities([row[0] for row in chunk])
        for pk, title, advice, measure, unit, due, progress, status, source, ptype, cat, issuer_id in chunk:
            seq += 1
            leader, person = leads.get(pk, ("", ""))
            yield [
                seq,
                title,
                advice or "",
                measure,
                unit,
                leader,
                person,
                due,
                progress,
                STATUS_LABELS.get(status, status),
                SOURCE_LABELS.get(source, source),
                ptype,
                CATEGORY_LABELS.get(cat, cat),
                lights(status, due, issuer_id),
            ]


def _prepare_sheet(wb: Workbook) -> WriteOnlyWorksheet:
    ws: WriteOnlyWorksheet = wb.create_sheet(SHEET)
    # Write-only sheets take layout only before the first row is written.
    dims = ws.column_dimensions  # type: ignore[attr-defined]  # exists at runtime, not in the stubs
    for i, width in enumerate(WIDTHS):
        dims[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A4"
    return ws


def write_ledger(tasks: Any, out: IO[bytes], *, user: User, filters: str, today: date) -> int:
    """Write `tasks` (already scoped and filtered) as the ledger into `out`; returns the row count."""
    wb = Workbook(write_only=True)
    ws = _prepare_sheet(wb)
    title = f"{user.unit.name if user.unit else ''}整改台账"
    exported_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    ws.append(safe_row(ws, [title]))
    ws.append(
        safe_row(
            ws, [f"导出人：{user.display_name}（{user.username}）  导出时间：{exported_at}  筛选：{filters}"]
        )
    )
    ws.append(list(COLUMNS))
    count = 0
    for row in _ledger_rows(tasks, today):
        # Titles, measures, progress and names are user text: never a live formula (lib/xlsx.py).
        ws.append(safe_row(ws, row))
        count += 1
    wb.save(out)
    return count


def ledger_filename(today: date) -> str:
    return f"整改台账-{today:%Y%m%d}.xlsx"


def record_export(user: User, *, params: Any, filters: str, rows: int) -> None:
    kept = {k: params.get(k) for k in ("status", "source", "unit", "campaign", "light", "q") if params.get(k)}
    record(user, "rectification.ledger.exported", None, unit=user.unit, filters=kept, text=filters, rows=rows)


# ---- import ---------------------------------------------------------------------------------


class LedgerFileError(Exception):
    """The file as a whole cannot be read as a ledger (not xlsx, corrupt, wrong header)."""


class LedgerRowsError(Exception):
    """Some rows are bad; nothing was imported. `errors` holds one sentence per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


def _open_sheet(data: bytes) -> Any:
    # Declared sizes first: a few KB of zip must not inflate into gigabytes inside openpyxl.
    try:
        check_office_archive(data, max_member_bytes=MAX_MEMBER_BYTES, max_total_bytes=MAX_TOTAL_BYTES)
    except ValidationError as e:
        raise LedgerFileError(f"无法读取文件：{''.join(e.messages)}") from e
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as e:
        raise LedgerFileError("无法读取文件：请上传 Excel（.xlsx）格式的整改台账。") from e
    return wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]


def _header(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> dict[str, int]:
    """Column name → index, from the first row that names the 问题 and 整改措施 columns."""
    for _, cells in islice(rows, HEADER_SEARCH_ROWS):
        names = [_text(c) for c in cells]
        if "问题" in names and "整改措施" in names:
            missing = [c for c in REQUIRED_COLUMNS if c not in names]
            if missing:
                raise LedgerFileError(f"表头缺少“{'”“'.join(missing)}”列，请使用导出的台账或模板。")
            return {name: i for i, name in enumerate(names) if name}
    raise LedgerFileError("未找到表头（应包含“问题”“整改措施”“责任单位”等列），请使用导出的台账或模板。")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(Excel row number, column name → raw value) for every non-empty row under the header."""
    ws = _open_sheet(data)
    # The sheet's declared dimension is the sender's claim: ignore it, read at most MAX_COLUMNS
    # columns, and stop at MAX_SHEET_ROWS however far apart the rows are numbered.
    ws.reset_dimensions()
    try:
        rows = enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1)
        columns = _header(rows)
        found: list[tuple[int, dict[str, Any]]] = []
        for number, cells in rows:
            if number > MAX_SHEET_ROWS:
                raise LedgerFileError(f"表格超过 {MAX_SHEET_ROWS} 行（含空行），请删去空行或分批导入。")
            if all(_text(c) == "" for c in cells):
                continue
            if len(found) >= MAX_IMPORT_ROWS:
                raise LedgerFileError(f"一次最多导入 {MAX_IMPORT_ROWS} 行，请分批导入。")
            found.append((number, {n: cells[i] if i < len(cells) else None for n, i in columns.items()}))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise LedgerFileError("文件已损坏，无法读取。") from e
    if not found:
        raise LedgerFileError("表格中没有整改任务行。")
    return found


_DATE_TEXT = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def parse_due(value: Any) -> date | None:
    """A date cell, or YYYY-MM-DD / YYYY/MM/DD / YYYY年M月D日 text; None when it is not a date."""
    if isinstance(value, datetime):  # openpyxl reads every date cell back as a datetime
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in _DATE_TEXT:
        if m := pattern.match(text):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


@dataclass
class _Lookups:
    """What the rows refer to, loaded once per file rather than once per row."""

    user: User
    issuer: Unit
    units: dict[str, list[Unit]]
    types: list[ProblemType]
    leaders: dict[int, list[User]] = field(default_factory=dict)
    people: dict[int, list[Person]] = field(default_factory=dict)

    @classmethod
    def load(cls, user: User, issuer: Unit, rows: list[tuple[int, dict[str, Any]]]) -> _Lookups:
        names = {_text(r.get("责任单位")) for _, r in rows} - {""}
        units: dict[str, list[Unit]] = {}
        # is_issuer_side alone lets staff of the issuing body name any unit at all (the 牵头部门
        # branch), so the unit must also lie in the importer's own business scope.
        for unit in Unit.objects.in_scope(user).filter(name__in=names, is_active=True):
            if perms.is_issuer_side(user, unit, issuer):
                units.setdefault(unit.name, []).append(unit)
        return cls(user, issuer, units, list(ProblemType.objects.all()))

    def leaders_of(self, unit: Unit) -> list[User]:
        if unit.pk not in self.leaders:
            self.leaders[unit.pk] = list(perms.leaders_of(unit))
        return self.leaders[unit.pk]

    def people_of(self, unit: Unit) -> list[Person]:
        """The unit's 干部名册 (its subtree), where a 责任人 named in the sheet must be found."""
        if unit.pk not in self.people:
            self.people[unit.pk] = list(Person.objects.roster_of(unit))
        return self.people[unit.pk]


def _unit(raw: Any, lk: _Lookups, errors: list[str]) -> Unit | None:
    name = _text(raw)
    if not name:
        errors.append("缺少责任单位")
        return None
    found = lk.units.get(name, [])
    if len(found) != 1:
        errors.append(f"责任单位“{name}”不唯一，请联系管理员" if found else f"未知责任单位“{name}”")
        return None
    return found[0]


def _leader(raw: Any, unit: Unit | None, lk: _Lookups, errors: list[str]) -> User | None:
    name = _text(raw)
    if not name:
        errors.append("缺少责任领导")
        return None
    if unit is None:
        return None
    candidates = lk.leaders_of(unit)
    by_username = [u for u in candidates if u.username == name]
    found = by_username or [u for u in candidates if u.full_name == name]
    if len(found) != 1:
        errors.append(
            f"责任领导“{name}”重名，请填写其用户名"
            if found
            else f"责任领导“{name}”不是{unit.leadership_unit().name}的班子成员（联络员不能担任）"
        )
        return None
    return found[0]


def _person(raw: Any, unit: Unit | None, lk: _Lookups, errors: list[str]) -> Person | None:
    name = _text(raw)
    if not name:
        errors.append("缺少责任人")
        return None
    if unit is None:
        return None
    found = [p for p in lk.people_of(unit) if p.name == name]
    if len(found) != 1:
        errors.append(
            f"责任人“{name}”在{unit.name}干部名册中重名，请先在名册中区分"
            if found
            else f"责任人“{name[:20]}”不在{unit.name}干部名册中"
        )
        return None
    return found[0]


def _due(raw: Any, category: str, today: date, errors: list[str]) -> date | None:
    if _text(raw) == "":
        if category != Task.Category.LONG_TERM:
            errors.append("缺少完成时限")
        return None
    due = parse_due(raw)
    shown = _text(raw.date() if isinstance(raw, datetime) else raw)
    if due is None:
        errors.append(f"完成时限“{shown}”不是有效日期")
    elif due < today:
        errors.append(f"完成时限“{shown}”早于今天")
    return due


def _category(raw: Any, errors: list[str]) -> str:
    label = _text(raw)
    if not label:
        return Task.Category.DEADLINE
    if label not in CATEGORY_BY_LABEL:
        errors.append(f"整改类别“{label}”应为立行立改、限期整改或长期坚持")
    return CATEGORY_BY_LABEL.get(label, Task.Category.DEADLINE)


def _problem_type(raw: Any, text: str, unit: Unit | None, lk: _Lookups, errors: list[str]) -> ProblemType:
    name = _text(raw)
    if name:
        found = next((t for t in lk.types if t.name == name), None)
        if found is not None:
            return found
        errors.append(f"未知问题类型“{name}”")
    if unit is None:
        return lk.types[0]  # the row is rejected anyway; any type keeps the types simple
    return services.guess_type(text, unit, lk.types)


def _plan(row: dict[str, Any], lk: _Lookups, today: date) -> tuple[TaskPlan | None, list[str]]:
    errors: list[str] = []
    title, measure = (_text(row.get(c)) for c in ("问题", "整改措施"))
    if not title:
        errors.append("缺少问题")
    if not measure:
        errors.append("缺少整改措施")
    unit = _unit(row.get("责任单位"), lk, errors)
    leader = _leader(row.get("责任领导"), unit, lk, errors)
    person = _person(row.get("责任人"), unit, lk, errors)
    category = _category(row.get("整改类别"), errors)
    due = _due(row.get("完成时限"), category, today, errors)
    ptype = _problem_type(row.get("问题类型"), f"{title} {measure}", unit, lk, errors)
    if errors or unit is None:
        return None, errors
    plan = TaskPlan(title=title, unit=unit, problem_type=ptype, measure=measure, category=category)
    plan.due_date, plan.leader, plan.person = due, leader, person
    return plan, []


def check_rows(
    rows: list[tuple[int, dict[str, Any]]], *, user: User, issuer: Unit, today: date
) -> list[TaskPlan]:
    """A plan per row, or LedgerRowsError listing every problem of every bad row."""
    lk = _Lookups.load(user, issuer, rows)
    plans, errors = [], []
    for number, row in rows:
        plan, row_errors = _plan(row, lk, today)
        errors += [f"第 {number} 行：{e}" for e in row_errors]
        if plan is not None:
            plans.append(plan)
    if errors:
        raise LedgerRowsError(errors)
    return plans


@transaction.atomic
def import_ledger(
    data: bytes, *, user: User, issuer: Unit, source: str, issue_now: bool = False, filename: str = ""
) -> list[Task]:
    """Check every row, then create all the tasks (and issue them) in one transaction, or none."""
    today = timezone.localdate()
    plans = check_rows(read_rows(data), user=user, issuer=issuer, today=today)
    tasks = services.create_tasks(plans, issuer=issuer, source=source, by=user, issue_now=issue_now)
    record(
        user,
        "rectification.ledger.imported",
        None,
        unit=issuer,
        count=len(tasks),
        source=source,
        issued=issue_now,
        filename=filename[:200],
    )
    return tasks
