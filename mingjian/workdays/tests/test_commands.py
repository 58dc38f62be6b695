from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from mingjian.audit.models import AuditEvent
from mingjian.workdays import services
from mingjian.workdays.models import CalendarDay, CalendarYear


def test_reloading_is_idempotent_and_keeps_admin_rows(org: Any) -> None:
    before = set(CalendarDay.objects.values_list("date", "is_workday", "name", "source"))
    assert len(before) == 407 + 150  # weekday holidays and weekend 调休 days, 2004–2026
    call_command("seed_work_calendar")
    call_command("seed_work_calendar", "--year", "2026")
    assert set(CalendarDay.objects.values_list("date", "is_workday", "name", "source")) == before

    services.set_day(org.sysadmin, dt.date(2026, 10, 8), is_workday=False, name="国庆节延长")
    call_command("seed_work_calendar", "--year", "2026")
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 8)).source == CalendarDay.Source.ADMIN
    assert AuditEvent.objects.filter(action="workdays.calendar.loaded").count() == 3


def test_reloading_a_confirmed_year_makes_it_official_again(org: Any) -> None:
    CalendarYear.objects.filter(year=2025).update(source=CalendarYear.Source.ADMIN, note="手工")
    CalendarDay.objects.filter(date__year=2025).delete()
    call_command("seed_work_calendar", "--year", "2025")
    assert CalendarYear.objects.get(year=2025).source == CalendarYear.Source.OFFICIAL
    assert not services.is_workday(dt.date(2025, 1, 28)).workday  # 春节 2025 (除夕)


def test_a_year_the_package_does_not_cover_is_refused() -> None:
    with pytest.raises(CommandError, match="2004–2026"):
        call_command("seed_work_calendar", "--year", "2027")
    assert not CalendarYear.objects.filter(year=2027).exists()
