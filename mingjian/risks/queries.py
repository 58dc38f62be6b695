"""The register's filters, shared by the page, the Excel export and the API: ids from the query
string go through the reader's scope, so an invisible unit answers like one that does not exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet

from mingjian.lib.http import parse_id
from mingjian.org.models import Unit
from mingjian.risks.models import ControlFailure, RiskPoint

OPEN = ControlFailure.Status.OPEN


def with_flags(rows: QuerySet[RiskPoint]) -> QuerySet[RiskPoint]:
    return rows.annotate(open_failures=Count("failures", filter=Q(failures__status=OPEN), distinct=True))


def filtered(rows: QuerySet[RiskPoint], params: Mapping[str, Any], user: Any) -> QuerySet[RiskPoint]:
    """Filters: unit (and its 科室), level, category, status (default: 在册 and 待确认), failed
    (open 防控失效), incomplete (no controls or no 责任领导), q (岗位、风险点)."""
    if params.get("unit"):
        unit = Unit.objects.in_scope(user).filter(pk=parse_id(params["unit"]) or 0).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    for name in ("level", "category"):
        if params.get(name):
            rows = rows.filter(**{name: params[name]})
    status = params.get("status") or ""
    if status == "all":
        pass
    elif status in RiskPoint.Status.values:
        rows = rows.filter(status=status)
    else:
        rows = rows.filter(status__in=[RiskPoint.Status.ACTIVE, RiskPoint.Status.PENDING])
    if params.get("failed"):
        rows = rows.filter(failures__status=OPEN).distinct()
    if params.get("incomplete"):
        rows = rows.filter(status=RiskPoint.Status.ACTIVE).filter(Q(controls="") | Q(leader__isnull=True))
    if params.get("q"):
        rows = rows.filter(Q(post__contains=params["q"]) | Q(point__contains=params["q"]))
    return rows


def describe(params: Mapping[str, Any], user: Any) -> str:
    """The filters in words, for the export's second row."""
    parts = []
    if params.get("unit"):
        unit = Unit.objects.in_scope(user).filter(pk=parse_id(params["unit"]) or 0).first()
        parts.append(f"单位：{unit.name if unit else '（无此项）'}")
    labels = (("level", RiskPoint.Level), ("category", RiskPoint.Category), ("status", RiskPoint.Status))
    for name, choices in labels:
        value = params.get(name)
        if value in choices.values:
            parts.append(str(dict(choices.choices)[value]))
    if params.get("failed"):
        parts.append("防控失效")
    if params.get("q"):
        parts.append(f"关键词：{params['q']}")
    return "；".join(parts) or "在册及待确认"
