"""Checking an uploaded 台账 row by row, before anything is written.

A row without a 任务编号 is a new task (only the issuing side adds tasks): every column is
validated and the names resolved — 责任单位 among the units the importer may issue to, 责任领导
among the unit's 班子成员 with an account, 责任人 in its 干部名册 — as a TaskPlan.

A row with a 任务编号 is a task the importer can see, as it was exported: each cell is compared
with what the export writes for that task today, so an unchanged re-import changes nothing (and
an unchanged past deadline or a cell left blank is no error). A difference is either applied
through the service that owns it — 整改措施, 整改类别 and 完成时限 of a draft (update_draft_task,
by the issuing side), 整改进展 of a task in progress (save_progress, by the unit) — or, where
the task's state or the importer's role does not allow it, or the column is read-only (状态),
listed as not applied. Either way it is shown before the importer confirms.

Any bad row stops the whole file, with one Chinese reason per problem ("第 N 行：…").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from mingjian.org.models import Person, Unit, User
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.ledger.columns import (
    CATEGORY_BY_LABEL,
    COLUMNS,
    IGNORED,
    MAX_UPDATES,
    READ_ONLY,
    STATUS_LABELS,
    TASK_NUMBER,
)
from mingjian.rectification.ledger.errors import LedgerRowsError
from mingjian.rectification.ledger.export import ledger_rows
from mingjian.rectification.ledger.reading import LedgerFile, text
from mingjian.rectification.models import ProblemType, Responsibility, Task
from mingjian.rectification.services import TaskPlan

DATE_FORMATS = "2026-12-31、2026/12/31、2026.12.31 或 2026年12月31日"
_DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Excel's day numbers for 1954-10-03 … 2119-01-08: a plain number cell in that range is a date
# whose cell lost its date format (a copy-paste, a CSV round trip).
_SERIALS = range(20_000, 80_000)
_EXCEL_EPOCH = date(1899, 12, 30)
DRAFT_COLUMNS = {"整改措施": "measure", "整改类别": "category", "完成时限": "due_date"}
PROGRESS = "整改进展"
PROGRESS_EVERY = 200  # rows between progress reports
MAX_ID_DIGITS = 15


# ---- dates ----------------------------------------------------------------------------------


def _date_match(value: Any) -> tuple[int, int, int] | None:
    shown = text(value)
    m = _DATE_TEXT.match(shown) or _COMPACT_DATE.match(shown)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def parse_due(value: Any) -> date | None:
    """A date cell (also with a time), an Excel day number, or 2026-12-31 / 2026/12/31 /
    2026.12.31 / 2026年12月31日 / 20261231 text; None when it is not a date."""
    if isinstance(value, datetime):  # openpyxl and xlrd read date cells back as datetimes
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and int(value) in _SERIALS:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    parts = _date_match(value)
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def due_error(raw: Any) -> str:
    shown = text(raw.date() if isinstance(raw, datetime) else raw)
    if _date_match(raw) is not None:
        return f"完成时限“{shown}”不是有效日期"
    return f"完成时限“{shown}”无法识别，请写成 {DATE_FORMATS}"


def shown(value: Any) -> str:
    """How a cell reads, for comparing an uploaded row with the export and for listing changes."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return text(value)


# ---- new rows -------------------------------------------------------------------------------


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
        names = {text(r.get("责任单位")) for _, r in rows} - {""}
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
    name = text(raw)
    if not name:
        errors.append("缺少责任单位")
        return None
    found = lk.units.get(name, [])
    if len(found) != 1:
        errors.append(f"责任单位“{name}”不唯一，请联系管理员" if found else f"未知责任单位“{name}”")
        return None
    return found[0]


def _leader(raw: Any, unit: Unit | None, lk: _Lookups, errors: list[str]) -> User | None:
    name = text(raw)
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
    name = text(raw)
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
    if text(raw) == "":
        if category != Task.Category.LONG_TERM:
            errors.append("缺少完成时限")
        return None
    due = parse_due(raw)
    if due is None:
        errors.append(due_error(raw))
    elif due < today:
        errors.append(f"完成时限“{shown(due)}”早于今天")
    return due


def _category(raw: Any, errors: list[str]) -> str:
    label = text(raw)
    if not label:
        return Task.Category.DEADLINE
    if label not in CATEGORY_BY_LABEL:
        errors.append(f"整改类别“{label}”应为立行立改、限期整改或长期坚持")
    return CATEGORY_BY_LABEL.get(label, Task.Category.DEADLINE)


def _problem_type(raw: Any, words: str, unit: Unit | None, lk: _Lookups, errors: list[str]) -> ProblemType:
    name = text(raw)
    if name:
        found = next((t for t in lk.types if t.name == name), None)
        if found is not None:
            return found
        errors.append(f"未知问题类型“{name}”")
    if unit is None:
        return lk.types[0]  # the row is rejected anyway; any type keeps the types simple
    return services.guess_type(words, unit, lk.types)


def _plan(row: dict[str, Any], lk: _Lookups, today: date) -> tuple[TaskPlan | None, list[str]]:
    errors: list[str] = []
    title, measure = (text(row.get(c)) for c in ("问题", "整改措施"))
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


# ---- rows naming an existing task -----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One cell that differs from the export: applied when `note` is empty, else why not."""

    row: int
    task: int
    column: str
    before: str
    after: str
    note: str = ""


@dataclass
class Update:
    row: int
    task: Task
    draft: dict[str, Any] = field(default_factory=dict)
    progress: str | None = None


NOT_BY_IMPORT = "导入只更新整改措施、整改类别、完成时限（草稿）和整改进展（整改中），此列请在任务页面修改"


def _refusal(column: str, task: Task, user: User, after: str) -> str:
    """Why this change is not applied, or "" when it is."""
    if column in READ_ONLY:
        return "状态只随办理流程变更，导入不修改" if column == "状态" else "只读列，导入不修改"
    state = STATUS_LABELS.get(task.status, task.status)
    if column in DRAFT_COLUMNS:
        if task.status != Task.Status.DRAFT:
            return f"任务{state}，{column}不能再通过导入修改"
        return "" if perms.can_issue(user, task) else "草稿由交办单位修改"
    return _progress_refusal(task, user, after, state) if column == PROGRESS else NOT_BY_IMPORT


def _progress_refusal(task: Task, user: User, after: str, state: str) -> str:
    if task.status != Task.Status.IN_PROGRESS:
        return f"任务{state}，只有整改中的任务可以填写整改进展"
    if not perms.can_work_on(user, task):
        return "整改进展由责任单位填写"
    return "" if after else "整改进展不能清空"


def _draft_value(column: str, after: str, task: Task, today: date, errors: list[str]) -> dict[str, Any]:
    if column == "整改措施":
        if not after:
            errors.append("整改措施不能为空")
        return {"measure": after}
    if column == "整改类别":
        if after not in CATEGORY_BY_LABEL:
            errors.append(f"整改类别“{after}”应为立行立改、限期整改或长期坚持")
        return {"category": CATEGORY_BY_LABEL.get(after, task.category)}
    due = date.fromisoformat(after) if after else None
    if due is None and task.category != Task.Category.LONG_TERM:
        errors.append("缺少完成时限")
    elif due is not None and due < today:
        errors.append(f"完成时限“{after}”早于今天")
    return {"due_date": due, "due_working_days": None}  # a date replaces "N working days after issue"


@dataclass
class _Existing:
    """The importer's visible tasks named in the file, with their rows as the export writes them."""

    tasks: dict[int, Task]
    current: dict[int, dict[str, Any]]
    usernames: dict[int, str]

    @classmethod
    def load(cls, ids: set[int], user: User, today: date) -> _Existing:
        visible = Task.objects.visible_to(user).filter(pk__in=ids)
        tasks = {t.pk: t for t in visible.select_related("unit", "problem__inspection", "problem__issuer")}
        current = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in ledger_rows(visible, today)}
        leads = Responsibility.objects.filter(task_id__in=tasks, role=Responsibility.Role.LEAD).order_by(
            "-id"
        )
        usernames = dict(leads.values_list("task_id", "leader__username"))
        return cls(tasks, current, {k: v for k, v in usernames.items() if v})


def _compared(column: str, raw: Any, before: Any, errors: list[str]) -> str | None:
    """The cell as it now reads when it differs from the export, else None."""
    after = shown(raw)
    if column == "完成时限":
        due = parse_due(raw) if after else None
        if after and due is None:
            errors.append(due_error(raw))
            return None
        return None if due == before else shown(due)
    return None if after == shown(before) else after


def _diff(
    number: int, row: dict[str, Any], task: Task, *, ex: _Existing, user: User, today: date
) -> tuple[Update, list[Change], list[str]]:
    update = Update(number, task)
    changes: list[Change] = []
    errors: list[str] = []
    current = ex.current[task.pk]
    for column, raw in row.items():
        if column in IGNORED or column == TASK_NUMBER or column not in current:
            continue
        after = _compared(column, raw, current[column], errors)
        if after is None or (column == "责任领导" and after == ex.usernames.get(task.pk)):
            continue
        change = Change(number, task.pk, column, shown(current[column]), after)
        reason = _refusal(column, task, user, after)
        if reason:
            changes.append(replace(change, note=reason))
            continue
        if column == PROGRESS:
            update.progress = after
        else:
            update.draft.update(_draft_value(column, after, task, today, errors))
        changes.append(change)
    return update, changes, errors


# ---- the whole file -------------------------------------------------------------------------


@dataclass
class ImportPlan:
    sheet: str
    creates: list[tuple[int, TaskPlan]] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)  # to be applied
    notes: list[Change] = field(default_factory=list)  # differences that are not applied
    unchanged: int = 0
    has_task_numbers: bool = True

    def summary(self) -> dict[str, Any]:
        """What the confirm page lists (JSON), and what the apply step must find again."""
        return {
            "sheet": self.sheet,
            "creates": [
                {"row": n, "title": p.title, "unit": p.unit.name, "due": shown(p.due_date)}
                for n, p in self.creates
            ],
            "updated": len([u for u in self.updates if u.draft or u.progress is not None]),
            "changes": [asdict(c) for c in self.changes],
            "notes": [asdict(c) for c in self.notes],
            "unchanged": self.unchanged,
            "has_task_numbers": self.has_task_numbers,
        }


def _task_number(raw: Any) -> int | str | None:
    """The id in a 任务编号 cell, None when blank, or the error sentence."""
    value = text(raw)
    if not value:
        return None
    return (
        int(value)
        if value.isdigit() and len(value) <= MAX_ID_DIGITS
        else f"任务编号“{value[:20]}”无效（新增任务请留空）"
    )


def _numbers(rows: list[tuple[int, dict[str, Any]]], errors: list[str]) -> dict[int, int]:
    """row number → task id for rows naming a task; bad and repeated numbers go to `errors`."""
    found: dict[int, int] = {}
    first: dict[int, int] = {}
    for number, row in rows:
        pk = _task_number(row.get(TASK_NUMBER))
        if isinstance(pk, str):
            errors.append(f"第 {number} 行：{pk}")
            found[number] = 0  # neither a task nor a new row: only this error is reported
        elif pk is not None:
            if pk in first:
                errors.append(f"第 {number} 行：任务编号 {pk} 与第 {first[pk]} 行重复")
            first.setdefault(pk, number)
            found[number] = pk
    return found


def check_import(
    ledger: LedgerFile,
    *,
    user: User,
    issuer: Unit | None,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """The plan for the file, or LedgerRowsError listing every problem of every bad row.
    `issuer` is the body new tasks are issued for; None when the importer may only update."""
    rows = ledger.rows
    errors: list[str] = []
    numbers = _numbers(rows, errors)
    existing = _Existing.load(set(numbers.values()), user, today)
    new_rows = [(n, r) for n, r in rows if n not in numbers]
    lookups = _Lookups.load(user, issuer, new_rows) if issuer is not None and new_rows else None
    plan = ImportPlan(ledger.sheet, has_task_numbers=TASK_NUMBER in ledger.columns)
    for i, (number, row) in enumerate(rows, 1):
        row_errors = _check_row(
            number,
            row,
            numbers.get(number),
            existing=existing,
            lookups=lookups,
            plan=plan,
            user=user,
            today=today,
        )
        errors += [f"第 {number} 行：{e}" for e in row_errors]
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress(i, len(rows))
    if len(plan.updates) > MAX_UPDATES:
        errors.append(
            f"本表修改了 {len(plan.updates)} 项已有任务，一次最多修改 {MAX_UPDATES} 项，请分批导入。"
        )
    if errors:
        raise LedgerRowsError(errors)
    return plan


def _check_row(
    number: int,
    row: dict[str, Any],
    pk: int | None,
    *,
    existing: _Existing,
    lookups: _Lookups | None,
    plan: ImportPlan,
    user: User,
    today: date,
) -> list[str]:
    if pk == 0:
        return []
    if pk is not None:
        task = existing.tasks.get(pk)
        if task is None:
            return [f"任务编号 {pk} 不存在或无权查看"]
        update, changes, errors = _diff(number, row, task, ex=existing, user=user, today=today)
        plan.changes += [c for c in changes if not c.note]
        plan.notes += [c for c in changes if c.note]
        if update.draft or update.progress is not None:
            plan.updates.append(update)
        elif not changes:
            plan.unchanged += 1
        return list(errors)
    if lookups is None:
        return ["任务编号为空的行是新增任务，新增任务只能由纪委监委、派驻组导入"]
    new, errors = _plan(row, lookups, today)
    if new is not None:
        plan.creates.append((number, new))
    return errors


def check_rows(
    rows: list[tuple[int, dict[str, Any]]], *, user: User, issuer: Unit, today: date
) -> list[TaskPlan]:
    """A plan per new row (rows without a 任务编号), or LedgerRowsError listing every problem."""
    found = check_import(LedgerFile("", list(COLUMNS), rows), user=user, issuer=issuer, today=today)
    return [p for _, p in found.creates]
