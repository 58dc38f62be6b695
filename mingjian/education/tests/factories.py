"""Builders for 警示教育 tests: events made through the service, sign-in sheets as real .xlsx."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from mingjian.cases.models import Case
from mingjian.education import services
from mingjian.education.models import Event, PostTag
from mingjian.org.models import Unit, User


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def make_event(
    by: User,
    *,
    unit: Unit,
    targets: list[Unit] | None = None,
    cases: list[Case] | None = None,
    held: bool = False,
    **fields: Any,
) -> Event:
    data = services.EventInput(
        kind=fields.pop("kind", Event.Kind.CONFERENCE),
        title=fields.pop("title", "以案促改警示教育大会"),
        held_on=fields.pop("held_on", days_ago(1)),
        unit=unit,
        target_units=targets or [unit],
        cases=cases or [],
        **fields,
    )
    event = services.create_event(data, by=by)
    return services.hold_event(event, by=by) if held else event


def tag(name: str) -> PostTag:
    return PostTag.objects.get(name=name)


def sheet(rows: list[list[Any]], header: list[str] | None = None, *, title: str | None = "签到表") -> bytes:
    """An .xlsx sign-in sheet: an optional title row, the header, the rows."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
    ws.append(header or ["序号", "姓名", "单位"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
