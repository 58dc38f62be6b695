"""Builders for 廉政风险防控 tests: register rows through the service, registers as real .xlsx."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from mingjian.org.models import Person, Unit, User
from mingjian.risks import services
from mingjian.risks.ledger import COLUMNS
from mingjian.risks.models import RiskPoint


def row(by: User, unit: Unit, leader: User, **fields: Any) -> RiskPoint:
    data = services.RiskInput(
        unit=unit,
        post=fields.pop("post", "低保审批权"),
        point=fields.pop("point", "一人审核一人审批，缺少交叉复核"),
        level=fields.pop("level", RiskPoint.Level.HIGH),
        controls=fields.pop("controls", "审核审批分设，季度抽查 10%。"),
        leader=leader,
        **fields,
    )
    return services.create_risk(data, by=by)


def head_of(unit: Unit, name: str = "赵科长") -> Person:
    return Person.objects.get_or_create(unit=unit, name=name, defaults={"position": "科长"})[0]


def sheet(rows: list[list[Any]], header: tuple[str, ...] = ("序号", *COLUMNS)) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["廉政风险防控台账"])
    ws.append(list(header))
    for values in rows:
        ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
