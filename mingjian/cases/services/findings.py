"""监督发现: recorded by the 纪委 side over a unit it supervises, then (optionally) a 建议书."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import SupervisionFinding
from mingjian.cases.permissions import can_record_case
from mingjian.org.models import Unit, User
from mingjian.workflow.services import TransitionError


@transaction.atomic
def record_finding(
    *, by: User, unit: Unit, source: str, title: str, facts: str, found_on: date
) -> SupervisionFinding:
    if not can_record_case(by, unit):
        raise PermissionDenied
    if found_on > timezone.localdate():
        raise TransitionError("发现日期不能晚于今天。")
    if not facts.strip() or not title.strip():
        raise TransitionError("请填写事由和发现的问题。")
    finding = SupervisionFinding.objects.create(
        unit=unit, source=source, title=title.strip(), facts=facts.strip(), found_on=found_on, recorded_by=by
    )
    record(by, "cases.finding.recorded", finding, source=source)
    return finding
