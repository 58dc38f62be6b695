"""The 整改台账 export: the task list (scoped, filtered) as the customary ledger, ready to print.

Export streams: openpyxl's write-only workbook goes straight to a file the caller supplies, and
rows come from a values() iterator in chunks, so memory stays flat however many tasks there are.
The layout (title naming the export's scope, frozen and repeated header, borders, landscape A4,
page numbers) is lib.xlsx.PrintableSheet's, shared by every export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook

from mingjian.audit.services import record
from mingjian.lib.http import parse_id
from mingjian.lib.xlsx import PrintableSheet
from mingjian.org.models import Unit, User, scope_paths
from mingjian.rectification.ledger.columns import (
    CATEGORY_LABELS,
    CHUNK,
    COLUMNS,
    LIGHT_LABELS,
    SHEET,
    SOURCE_LABELS,
    SPEC,
    STATUS_LABELS,
)
from mingjian.rectification.models import LIGHT_FILTERS, Campaign, RectificationPolicy, Responsibility, Task

SCOPE_NAMES = 3  # units named in a title before "等"
FILTER_KEYS = ("status", "source", "unit", "campaign", "light", "q")
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


def export_scope(params: Any, user: User) -> str:
    """What the sheet covers, for its title: the unit and/or campaign filtered, else the units
    at the top of the viewer's scope (never simply the exporter's own unit, which for a 纪委
    officer is the 纪委 itself, not the units whose tasks are listed)."""
    parts = []
    if params.get("unit"):
        parts.append(_visible_name(Unit.objects.in_scope(user), params["unit"]))
    if params.get("campaign"):
        parts.append(_visible_name(Campaign.objects.visible_to(user), params["campaign"]))
    if parts:
        return "·".join(parts)
    roots = list(
        Unit.objects.filter(path__in=scope_paths(user)).order_by("path").values_list("name", flat=True)
    )
    return "、".join(roots[:SCOPE_NAMES]) + ("等" if len(roots) > SCOPE_NAMES else "")


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


def ledger_rows(tasks: Any, today: date) -> Iterator[list[Any]]:
    """The sheet's rows for `tasks`, in the order of COLUMNS (the import compares against these)."""
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
                pk,
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


def write_ledger(
    tasks: Any,
    out: IO[bytes],
    *,
    user: User,
    filters: str,
    today: date,
    scope: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `tasks` (already scoped and filtered) as the ledger into `out`; returns the row count.
    `scope` names what the tasks cover (export_scope); by default the viewer's whole scope.
    `progress` hears the row count every CHUNK rows."""
    wb = Workbook(write_only=True)
    exported_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    sheet = PrintableSheet(
        wb,
        name=SHEET,
        title=f"{export_scope({}, user) if scope is None else scope}整改台账",
        subtitle=f"导出人：{user.display_name}（{user.username}）  导出时间：{exported_at}  筛选：{filters}",
        columns=SPEC,
    )
    assert tuple(c.name for c in sheet.columns) == COLUMNS  # noqa: S101
    for row in ledger_rows(tasks, today):
        sheet.append(row)  # user text never becomes a live formula (lib/xlsx.py)
        if progress is not None and sheet.rows % CHUNK == 0:
            progress(sheet.rows)
    sheet.close()
    wb.save(out)
    return sheet.rows


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def ledger_filename(today: date, *, scope: str = "", filters: str = "") -> str:
    """整改台账-<scope>-<filters>-<date>.xlsx: the file says what it holds."""
    parts = ["整改台账", scope] + ([] if filters in ("", "全部") else [filters.replace("；", "-")])
    name = "-".join(_UNSAFE_NAME.sub("_", p).strip("_") for p in parts if p)
    return f"{name[:80]}-{today:%Y%m%d}.xlsx"


def record_export(user: User, *, params: Any, filters: str, rows: int) -> None:
    kept = {k: params.get(k) for k in FILTER_KEYS if params.get(k)}
    record(user, "rectification.ledger.exported", None, unit=user.unit, filters=kept, text=filters, rows=rows)
