"""Home-page section for 警示教育: events whose date has come (record them as held), events
whose attendance and summary are still open, and summaries waiting for the viewer's confirmation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mingjian.education import permissions as perms
from mingjian.education.models import Event
from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, candidates

S = Event.Status


def _items(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    events = (
        Event.objects.visible_to(user)
        .filter(status__in=[S.PLANNED, S.HELD, S.SUBMITTED])
        .select_related("unit")
        .order_by("held_on", "id")
    )
    items = []
    for event in candidates(events, LIMIT * 4):
        if event.status == S.PLANNED and event.held_on <= today and perms.can_manage(user, event):
            note, level = "已到开展日期，请记录开展情况", "warning"
        elif event.status == S.HELD and perms.can_manage(user, event):
            note, level = "登记出勤并提交总结", ""
        elif event.status == S.SUBMITTED and perms.can_confirm(user, event):
            note, level = "总结待您确认", "warning"
        else:
            continue
        title = f"{event.unit.name}：{event.get_kind_display()}（{event.held_on:%m-%d}）"
        items.append(TodoItem(title, event.get_absolute_url(), note, level))
    return items[:LIMIT]


def sections(user: Any) -> list[TodoSection]:
    if not perms.can_create_events(user):
        return []
    more = reverse("education:event-list")
    return [TodoSection("警示教育", _items(user), "没有待办的警示教育活动", more, 40)]
