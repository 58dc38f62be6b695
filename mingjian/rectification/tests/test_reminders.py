from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from mingjian.notifications.models import Notification
from mingjian.org.models import Person
from mingjian.org.tests.factories import leader_of
from mingjian.rectification.models import InspectionBatch, Task
from mingjian.rectification.reminders import send_due_reminders
from mingjian.rectification.tests.factories import TaskFactory

DUE = datetime.date(2026, 12, 31)
BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


@pytest.fixture
def boss(org: Any) -> Any:
    return leader_of(org.bureau_a, username="boss")


@pytest.fixture
def task(org: Any, boss: Any) -> Task:
    task: Task = TaskFactory(
        problem__unit=org.bureau_a, problem__issuer=org.commission, leader=boss, due_date=DUE
    )
    Task.objects.filter(pk=task.pk).update(status=Task.Status.IN_PROGRESS)
    return task


def _kinds(user: Any) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_nothing_before_the_green_threshold(org: Any, task: Task) -> None:
    assert send_due_reminders(at(DUE - datetime.timedelta(days=21))) == 0


def test_levels_escalate_as_field_practice_and_each_is_sent_once(org: Any, boss: Any, task: Task) -> None:
    """江津: green at 20 days left to the unit, yellow at 10 with the 责任领导 (the unit side), red
    once overdue up to the 主要负责人 and the 纪委 / 派驻组."""
    secretary = leader_of(org.bureau_a, username="secretary", leadership=Person.Leadership.SECRETARY)
    green = at(DUE - datetime.timedelta(days=15))
    assert send_due_reminders(green) > 0
    assert send_due_reminders(green) == 0  # the same run twice: nothing new
    assert _kinds(boss) == ["reminder"]
    assert _kinds(org.liaison) == ["reminder"]
    assert _kinds(org.inspector) == []  # green and yellow stay with the unit
    send_due_reminders(at(DUE - datetime.timedelta(days=5)))
    assert _kinds(boss) == ["escalation", "reminder"]
    assert _kinds(org.inspector) == []
    send_due_reminders(at(DUE + datetime.timedelta(days=1)))
    send_due_reminders(at(DUE + datetime.timedelta(days=2)))
    assert _kinds(org.inspector) == ["overdue"]
    assert _kinds(org.stationed) == ["overdue"]  # the 派驻组 over the unit hears too
    assert "overdue" in _kinds(secretary)  # the 第一责任人
    assert _kinds(org.outsider) == []


def test_the_day_is_taken_in_beijing_time(org: Any, boss: Any, task: Task) -> None:
    # 2026-12-21 23:30 UTC is already 12-22 in Beijing: 9 days left, yellow.
    late_utc = datetime.datetime(2026, 12, 21, 23, 30, tzinfo=datetime.UTC)
    send_due_reminders(late_utc)
    assert _kinds(boss) == ["escalation"]


def test_accepted_tasks_are_left_alone(org: Any, task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(status=Task.Status.ACCEPTED)
    assert send_due_reminders(at(DUE + datetime.timedelta(days=3))) == 0


def test_a_new_deadline_earns_a_new_reminder(org: Any, boss: Any, task: Task) -> None:
    send_due_reminders(at(DUE - datetime.timedelta(days=15)))
    Task.objects.filter(pk=task.pk).update(due_date=DUE + datetime.timedelta(days=10))
    send_due_reminders(at(DUE - datetime.timedelta(days=5)))  # 15 days left of the new deadline
    assert _kinds(boss) == ["reminder", "reminder"]


def test_inspection_report_deadline(org: Any) -> None:
    InspectionBatch.objects.create(
        unit=org.bureau_a,
        issuer=org.commission,
        title="巡察反馈",
        feedback_date=datetime.date(2026, 10, 1),
        report_due=datetime.date(2026, 12, 1),
    )
    send_due_reminders(at(datetime.date(2026, 11, 25)))
    send_due_reminders(at(datetime.date(2026, 12, 2)))
    assert _kinds(org.liaison) == ["overdue", "reminder"]


@time_machine.travel(datetime.datetime(2026, 12, 25, 0, 30, tzinfo=datetime.UTC), tick=False)
def test_command_runs_the_same_function(org: Any, task: Task) -> None:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "已发送" in out.getvalue()
    assert "北京时间" in out.getvalue()
    assert _kinds(org.inspector) == []
    call_command("send_reminders", "--now", "2027-01-02T08:00", stdout=out)
    assert _kinds(org.inspector) == ["overdue"]


def test_the_huey_job_calls_the_same_function(org: Any, task: Task) -> None:
    from mingjian.rectification.jobs import daily_reminders

    with time_machine.travel(at(DUE + datetime.timedelta(days=5)), tick=False):
        assert daily_reminders.call_local() > 0
    assert _kinds(org.inspector) == ["overdue"]
