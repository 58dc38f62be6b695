from __future__ import annotations

import datetime as dt
from typing import Any

import chinese_calendar
import pytest
from django.core.exceptions import PermissionDenied

from mingjian.audit.models import AuditEvent
from mingjian.workdays import services
from mingjian.workdays.models import CalendarDay, CalendarYear
from mingjian.workdays.services import add_working_days, is_workday, working_days_between

D = dt.date


def test_every_day_of_the_covered_years_agrees_with_chinese_calendar() -> None:
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        info = is_workday(day)
        assert info.workday == chinese_calendar.is_workday(day), day
        assert not info.provisional
        day += dt.timedelta(days=1)


def test_seed_stores_only_days_that_differ_from_monday_to_friday() -> None:
    rows = CalendarDay.objects.filter(date__year=2026)
    assert rows.filter(is_workday=False).count() == 19
    assert sorted(rows.filter(is_workday=True).values_list("date", flat=True)) == [
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]
    assert all(r.date.weekday() < 5 for r in rows.filter(is_workday=False))
    assert all(r.date.weekday() >= 5 for r in rows.filter(is_workday=True))
    assert set(CalendarYear.objects.values_list("year", flat=True)) == set(range(2004, 2027))


def test_spring_festival_2026() -> None:
    # Checked against chinese-calendar itself, not only against our copy of it.
    for d in (D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)):
        assert not chinese_calendar.is_workday(d)
        assert not is_workday(d).workday
    assert chinese_calendar.is_workday(D(2026, 2, 14)) and chinese_calendar.is_workday(D(2026, 2, 28))
    assert is_workday(D(2026, 2, 16)) == services.DayInfo(False, False, "春节")
    assert is_workday(D(2026, 2, 14)) == services.DayInfo(True, False, "春节调休上班")
    # Friday 13th → the 调休 Saturday 14th → Tuesday 24th after nine days off.
    assert add_working_days(D(2026, 2, 12), 3) == services.Deadline(D(2026, 2, 24), False)
    assert add_working_days(D(2026, 2, 13), 1).date == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 27), 1).date == D(2026, 2, 28)
    assert add_working_days(D(2026, 2, 27), 2).date == D(2026, 3, 2)


def test_national_day_2026() -> None:
    for d in (D(2026, 10, 1) + dt.timedelta(days=i) for i in range(7)):
        assert not chinese_calendar.is_workday(d)
        assert not is_workday(d).workday
    assert chinese_calendar.is_workday(D(2026, 9, 20)) and chinese_calendar.is_workday(D(2026, 10, 10))
    assert add_working_days(D(2026, 9, 19), 1).date == D(2026, 9, 20)  # the 调休 Sunday
    assert add_working_days(D(2026, 9, 24), 1).date == D(2026, 9, 28)  # 中秋 Friday 25th off
    assert add_working_days(D(2026, 9, 30), 1).date == D(2026, 10, 8)
    assert add_working_days(D(2026, 9, 30), 3).date == D(2026, 10, 10)  # the 调休 Saturday


def test_zero_days_is_the_first_working_day_on_or_after_start() -> None:
    assert add_working_days(D(2026, 3, 2), 0).date == D(2026, 3, 2)
    assert add_working_days(D(2026, 2, 14), 0).date == D(2026, 2, 14)  # 调休 Saturday
    assert add_working_days(D(2026, 2, 15), 0).date == D(2026, 2, 24)
    assert add_working_days(D(2026, 3, 7), 0).date == D(2026, 3, 9)
    with pytest.raises(ValueError, match="n must be"):
        add_working_days(D(2026, 3, 2), -1)


def test_working_days_between_counts_after_a_up_to_b() -> None:
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2
    assert working_days_between(D(2026, 2, 24), D(2026, 2, 13)) == -2
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 8)) == 0
    for start in (D(2026, 1, 30), D(2026, 9, 18), D(2026, 12, 10)):
        for n in (1, 5, 15, 30):
            assert working_days_between(start, add_working_days(start, n).date) == n


def test_2027_falls_back_to_statutory_days_and_is_provisional() -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))
    deadline = add_working_days(D(2026, 12, 1), 30)
    assert deadline.provisional
    assert deadline.date == D(2027, 1, 13)  # 22 working days left in December, 元旦 Friday off
    assert add_working_days(D(2026, 12, 1), 5) == services.Deadline(D(2026, 12, 8), False)
    assert is_workday(D(2027, 2, 8)) == services.DayInfo(False, True, "春节")
    assert is_workday(D(2027, 2, 9)) == services.DayInfo(False, True, "春节（补假）")
    assert is_workday(D(2027, 3, 1)) == services.DayInfo(True, True, "")
    assert working_days_between(D(2026, 12, 31), D(2027, 1, 4)) == 1


def test_never_raises_from_1900_to_2100() -> None:
    for year in range(1900, 2101):
        assert is_workday(D(year, 6, 1)).provisional == (not 2004 <= year <= 2026)
        assert add_working_days(D(year, 12, 20), 20).date.year == year + 1
        assert working_days_between(D(year, 1, 1), D(year, 1, 31)) > 15


def test_each_year_is_read_once(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):  # the complete years, then 2026's exception days
        add_working_days(D(2026, 2, 12), 30)
    with django_assert_num_queries(0):
        add_working_days(D(2026, 2, 12), 30)
        is_workday(D(2026, 10, 1))


def test_datetimes_count_as_their_date() -> None:
    moment = dt.datetime(2026, 2, 16, 9, 30, tzinfo=dt.UTC)
    assert not is_workday(moment).workday
    assert add_working_days(moment, 0).date == D(2026, 2, 24)


def test_admin_edit_moves_a_deadline_at_once(org: Any) -> None:
    assert add_working_days(D(2026, 2, 27), 2).date == D(2026, 3, 2)  # cached now
    services.set_day(org.sysadmin, D(2026, 3, 2), is_workday=False, name="临时停工")
    assert add_working_days(D(2026, 2, 27), 2).date == D(2026, 3, 3)
    assert is_workday(D(2026, 3, 2)) == services.DayInfo(False, False, "临时停工")
    assert services.clear_day(org.sysadmin, D(2026, 3, 2))
    assert add_working_days(D(2026, 2, 27), 2).date == D(2026, 3, 2)
    assert not services.clear_day(org.sysadmin, D(2026, 3, 2))
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["workdays.day.set", "workdays.day.cleared"]


def test_set_day_overwrites_and_records_what_it_replaced(org: Any) -> None:
    services.set_day(org.sysadmin, D(2026, 2, 14), is_workday=False, name="春节")
    row = CalendarDay.objects.get(date=D(2026, 2, 14))
    assert (row.is_workday, row.source) == (False, CalendarDay.Source.ADMIN)
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.data["before"]["name"] == "春节调休上班"


def test_confirming_a_year_ends_provisional_and_stores_what_was_shown(org: Any) -> None:
    services.set_day(org.sysadmin, D(2027, 2, 20), is_workday=True, name="春节调休上班")
    assert add_working_days(D(2027, 2, 19), 1) == services.Deadline(D(2027, 2, 20), True)
    services.confirm_year(org.sysadmin, 2027, note="国办发明电〔2026〕X号")
    assert add_working_days(D(2027, 2, 19), 1) == services.Deadline(D(2027, 2, 20), False)
    assert is_workday(D(2027, 2, 9)) == services.DayInfo(False, False, "春节（补假）")
    stored = CalendarDay.objects.filter(date__year=2027)
    assert stored.get(date=D(2027, 2, 20)).source == CalendarDay.Source.ADMIN
    assert (
        stored.filter(source=CalendarDay.Source.FALLBACK).count() == 13
    )  # 元旦, 除夕, 春节 ×3, 清明, 劳动节 ×2, 端午, 中秋, 国庆 ×3
    assert CalendarYear.objects.get(year=2027).source == CalendarYear.Source.ADMIN
    assert AuditEvent.objects.filter(action="workdays.year.confirmed").count() == 1
    with pytest.raises(services.CalendarError):
        services.confirm_year(org.sysadmin, 2026)


def test_only_the_system_administrator_edits(org: Any) -> None:
    for user in (org.liaison, org.inspector, org.secadmin):
        with pytest.raises(PermissionDenied):
            services.set_day(user, D(2026, 3, 2), is_workday=False, name="x")
        with pytest.raises(PermissionDenied):
            services.clear_day(user, D(2026, 2, 16))
        with pytest.raises(PermissionDenied):
            services.confirm_year(user, 2027)
    assert not CalendarDay.objects.filter(date=D(2026, 3, 2)).exists()
    with pytest.raises(services.CalendarError):
        services.set_day(org.sysadmin, D(1899, 3, 2), is_workday=False)
