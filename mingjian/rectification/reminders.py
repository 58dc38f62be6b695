"""Daily reminders and escalation, in Beijing time.

Yellow (≤ 20 days left by default) reminds the responsible unit and its 责任领导; red (≤ 10)
and overdue also escalate to the supervising 纪委监委 / 派驻组. Each message has a key made of
the task, the level and the deadline, so a run repeated the same day — or two overlapping
runs — sends nothing twice, and a changed deadline earns a fresh reminder.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from mingjian.notifications.services import notify
from mingjian.org.permissions import UNIT_ROLES, users_over
from mingjian.rectification.alerts import notify_task
from mingjian.rectification.models import InspectionBatch, Light, RectificationPolicy, Task

DEFAULT_YELLOW_DAYS = RectificationPolicy._meta.get_field("yellow_days").default
INSPECTION_WARNING_DAYS = 10

MESSAGES: dict[str, tuple[str, str]] = {
    Light.YELLOW: ("reminder", "整改任务临近期限（{due}）：{task}"),
    Light.RED: ("escalation", "整改任务即将到期（{due}），请督促落实：{task}"),
    Light.OVERDUE: ("overdue", "整改任务已逾期（期限 {due}）：{task}"),
}


def _due_soon(today: date) -> Any:
    widest = RectificationPolicy.objects.aggregate(m=Max("yellow_days"))["m"] or 0
    horizon = max(widest, DEFAULT_YELLOW_DAYS)
    return (
        Task.objects.open()
        .filter(due_date__isnull=False, due_date__lte=today + timedelta(days=horizon))
        .select_related("problem", "unit")
    )


def _remind_task(task: Task, today: date, policies: dict[int, RectificationPolicy]) -> int:
    policy = policies.setdefault(
        task.problem.issuer_id, RectificationPolicy.for_issuer(task.problem.issuer_id)
    )
    light = task.light(today, policy)
    if light not in MESSAGES:
        return 0
    kind, template = MESSAGES[light]
    return notify_task(
        task,
        light,
        template.format(due=f"{task.due_date:%Y-%m-%d}", task=task),
        leaders=True,
        supervisors=light != Light.YELLOW,
        key=f"task:{task.pk}:{light}:{task.due_date}",
        kind=kind,
    )


def _remind_inspections(today: date) -> int:
    sent = 0
    pending = InspectionBatch.objects.filter(
        reported_on__isnull=True, report_due__lte=today + timedelta(days=INSPECTION_WARNING_DAYS)
    )
    for batch in pending.select_related("unit"):
        late = batch.report_due < today
        title = f"巡察整改情况报告{'已逾期' if late else '即将到期'}（{batch.report_due:%Y-%m-%d}）：{batch.title}"
        for user in users_over(batch.unit, UNIT_ROLES):
            sent += notify(
                user,
                key=f"inspection:{batch.pk}:{'late' if late else 'soon'}",
                title=title,
                url=batch.get_absolute_url(),
                kind="overdue" if late else "reminder",
            )
    return sent


def send_due_reminders(now: datetime) -> int:
    """Send what is due on `now`'s Beijing date; returns how many notifications were created."""
    today = timezone.localtime(now).date()
    policies: dict[int, RectificationPolicy] = {}
    sent = 0
    for task in _due_soon(today).iterator(chunk_size=500):
        sent += _remind_task(task, today, policies)
    return sent + _remind_inspections(today)
