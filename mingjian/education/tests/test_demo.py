"""The demo city's 警示教育: two past events with attendance, one coverage gap, and the
planned reminder whose case does not fit its audience; seeding twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mingjian.education.coverage import coverage
from mingjian.education.fit import warnings_for
from mingjian.education.models import Attendance, Event, PersonTag
from mingjian.org.models import Unit, User

P = Attendance.Presence


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_two_past_events_with_attendance(demo: None) -> None:
    past = Event.objects.filter(held_on__lt=timezone.localdate()).order_by("held_on")
    assert [(e.unit.code, e.status) for e in past] == [("x-mz", "summarised"), ("x-cz", "held")]
    civil, finance = past
    assert civil.confirmed_by.username == "mzlingdao" and civil.created_by.username == "minzheng"
    assert civil.attendance.filter(presence=P.ABSENT).count() == 1
    assert civil.attendance.filter(presence=P.MADE_UP).count() == 1
    assert civil.attendance.filter(reflection_requested=True).count() == 2
    assert civil.materials.filter(name__contains="签到表").exists()
    assert not finance.attendance.filter(presence=P.PENDING).exists()
    assert {c.unit.field for c in civil.cases.all()} == {"civil_affairs"}
    assert {c.unit.field for c in finance.cases.all()} == {"finance"}


def test_one_coverage_gap_in_the_civil_affairs_bureau(demo: None) -> None:
    minzheng = User.objects.get(username="minzheng")
    found = coverage(minzheng, units=Unit.objects.in_scope(minzheng), today=timezone.localdate())
    gaps = [(r.unit.name, [c.name for c in r.unreached]) for r in found.rows if r.unreached]
    assert len(gaps) == 1 and len(gaps[0][1]) == 1
    absent = Event.objects.get(unit__code="x-mz", status="summarised").attendance.get(presence=P.ABSENT)
    assert gaps[0][1] == [absent.person.name]
    caizheng = User.objects.get(username="caizheng")
    assert coverage(caizheng, units=Unit.objects.in_scope(caizheng), today=timezone.localdate()).share == 1.0


def test_the_planned_reminder_warns_of_a_level_mismatch(demo: None) -> None:
    reminder = Event.objects.get(status="planned")
    assert (
        reminder.attendance.count()
        == PersonTag.objects.filter(tag__name="关键少数", person__unit__code="x-mz").count()
    )
    assert [w.kind for w in warnings_for(reminder)] == ["level"]


def test_seeding_again_changes_nothing(demo: None) -> None:
    counts = (Event.objects.count(), Attendance.objects.count(), PersonTag.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Event.objects.count(), Attendance.objects.count(), PersonTag.objects.count()) == counts


def test_demo_pages_open_for_the_demo_accounts(demo: None) -> None:
    client = Client()
    for username in ("jiwei", "minzheng", "mzlingdao", "caizheng", "paizhu", "lingdao"):
        client.force_login(User.objects.get(username=username))
        for name in ("education:event-list", "education:coverage"):
            assert client.get(reverse(name)).status_code == 200
    client.force_login(User.objects.get(username="caizheng"))
    civil = Event.objects.get(unit__code="x-mz", status="summarised")
    assert client.get(civil.get_absolute_url()).status_code == 404
