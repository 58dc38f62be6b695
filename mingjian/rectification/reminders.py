"""Daily reminders and escalation, in Beijing time, as field practice runs them (江津):

- green (≤ 20 days left by default): the unit — its liaisons, the 责任人 — is reminded;
- yellow (≤ 10 days): the 责任领导 as well;
- red (overdue): escalated to the unit's 主要负责人 (第一责任人) and the assigning side (纪委 /
  派驻组, or the 巡察机构 for 巡察 feedback).

Each message has a key made of the task, the level and the deadline, so a run repeated the same
day — or two overlapping runs — sends nothing twice, and a changed deadline earns a fresh one.
The same job ends the 集中整改期 of 巡察 batches whose date has passed.
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
from mingjian.rectification.models.task import DEFAULT_GREEN_DAYS
from mingjian.rectification.services.problems import end_concentrated_period

INSPECTION_WARNING_DAYS = 10

# light → (notification kind, title, who hears: leaders / principals / supervisors)
MESSAGES: dict[str, tuple[str, str, tuple[bool, bool, bool]]] = {
    Light.GREEN: ("reminder", "绿灯提醒：整改任务将于 {due} 到期：{task}", (True, False, False)),
    Light.YELLOW: (
        "escalation",
        "黄灯预警：整改任务临近期限（{due}），请责任领导督促落实：{task}",
        (True, False, False),
    ),
    Light.RED: (
        "overdue",
        "红灯：整改任务已逾期（期限 {due}），请主要负责人督办：{task}",
        (True, True, True),
    ),
}


def _due_soon(today: date) -> Any:
    widest = RectificationPolicy.objects.aggregate(m=Max("green_days"))["m"] or 0
    horizon = max(widest, DEFAULT_GREEN_DAYS)
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
    kind, template, (leaders, principals, supervisors) = MESSAGES[light]
    return notify_task(
        task,
        light,
        template.format(due=f"{task.due_date:%Y-%m-%d}", task=task),
        leaders=leaders,
        principals=principals,
        supervisors=supervisors,
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
    for batch in InspectionBatch.objects.filter(concentrated_until__lt=today):
        end_concentrated_period(batch)
    return sent + _remind_inspections(today)
