"""The case page's "警醒一批干部" panel: the events that used the case, and how many of each
event's cohort it reached — counting only the cadres the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mingjian.cases.panels import Panel
from mingjian.education import permissions as perms
from mingjian.education.display import masked_text
from mingjian.education.models import Attendance, Event


@dataclass(frozen=True)
class EventLine:
    event: Event
    title: str
    cohort: int
    reached: int


def case_events(case: Any, user: Any) -> list[EventLine]:
    events = (
        Event.objects.visible_to(user)
        .filter(cases=case)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("unit")
        .prefetch_related("cases__persons", "cases__unit")
        .with_counts(user)
        .order_by("-held_on", "-id")
    )
    return [
        EventLine(e, masked_text(e.title, e.cases.all(), user), e.cohort_n, e.reached_n)  # type: ignore[attr-defined]
        for e in events
    ]


def education_panel(case: Any, user: Any) -> Panel | None:
    lines = case_events(case, user)
    reached = (
        Attendance.objects.visible_to(user)
        .reached()
        .filter(event__cases=case)
        .values("person")
        .distinct()
        .count()
    )
    context = {
        "lines": lines,
        "reached": reached,
        "case": case,
        "can_create": perms.can_create_events(user),
    }
    return Panel("警醒一批干部（警示教育）", "education/_case_panel.html", context)
