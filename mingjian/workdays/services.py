"""工作日历: is a day a working day, and deadlines counted in working days.

How a day in year Y is decided:

    CalendarDay row for the day?  ── yes ──> that row (official seed, admin edit, stored fallback)
            │ no
    Y in CalendarYear?  ── no ──> holidays.China statutory day off / known 调休 ("provisional")
            │ yes (or no such day)
    Monday–Friday work, Saturday and Sunday off

Every answer about a day in a year missing from CalendarYear is provisional: the State Council
publishes next year's 调休 around November, and until an administrator enters and confirms it
the deadline may move. Nothing here raises for a real date (1900–2100 are tested).

Each year's exceptions are read once per process (one query per year, plus one for the set of
complete years) and kept in `_cache`. The services below that edit the table drop the cache;
other worker processes drop theirs after CACHE_TTL seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

from mingjian.audit.services import record
from mingjian.org.models import User
from mingjian.org.permissions import can_manage_units
from mingjian.workdays import sources
from mingjian.workdays.models import CalendarDay, CalendarYear

ONE_DAY = dt.timedelta(days=1)
MIN_YEAR, MAX_YEAR = 1900, 2100
CACHE_TTL = 300.0
WEEKDAYS = "一二三四五六日"


class CalendarError(Exception):
    """A refused calendar edit; the message is shown to the administrator."""


@dataclass(frozen=True)
class DayInfo:
    workday: bool
    provisional: bool
    name: str


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    provisional: bool


@dataclass(frozen=True)
class _Year:
    complete: bool
    days: dict[dt.date, tuple[bool, str]]


class _Cache:
    """Per-process exception maps by year; cleared on edit and after CACHE_TTL."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.years: dict[int, _Year] = {}
        self.complete: frozenset[int] | None = None
        self.loaded_at = time.monotonic()

    def year(self, year: int) -> _Year:
        if time.monotonic() - self.loaded_at > CACHE_TTL:
            self.clear()
        if self.complete is None:
            self.complete = frozenset(CalendarYear.objects.values_list("year", flat=True))
        entry = self.years.get(year)
        if entry is None:
            entry = self.years[year] = _load_year(year, complete=year in self.complete)
        return entry


def _load_year(year: int, *, complete: bool) -> _Year:
    days: dict[dt.date, tuple[bool, str]] = {}
    if not complete:
        days.update((d.date, (d.is_workday, d.name)) for d in sources.fallback_days(year))
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday", "name")
    days.update((day, (workday, name)) for day, workday, name in rows)
    return _Year(complete, days)


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def _invalidate() -> None:
    # Now, for reads later in this transaction, and again after commit for reads in between.
    _cache.clear()
    transaction.on_commit(_cache.clear)


# ---- questions --------------------------------------------------------------------------


def _plain(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def is_workday(d: dt.date) -> DayInfo:
    """Whether people work on `d`, the holiday or 调休 name if any, and whether it may change."""
    d = _plain(d)
    entry = _cache.year(d.year)
    workday, name = entry.days.get(d, (not sources.is_weekend(d), ""))
    return DayInfo(workday, not entry.complete, name)


def add_working_days(start: dt.date, n: int) -> Deadline:
    """The n-th working day after `start`; `start` itself is never counted.

    n = 0 gives the first working day on or after `start` (a date that falls on a day off
    moves to the next working day). Provisional when any day looked at lies in a year that is
    not complete. A negative n is a programming error (ValueError).
    """
    if n < 0:
        raise ValueError("n must be ≥ 0")
    day = _plain(start)
    if n == 0:
        return add_working_days(day - ONE_DAY, 1)
    provisional, counted = False, 0
    while counted < n:
        day += ONE_DAY
        info = is_workday(day)
        provisional = provisional or info.provisional
        counted += info.workday
    return Deadline(day, provisional)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days after `a` up to and including `b`; negative when b is before a.

    So working_days_between(s, add_working_days(s, n).date) == n for every n ≥ 1."""
    a, b = _plain(a), _plain(b)
    if b < a:
        return -working_days_between(b, a)
    return sum(is_workday(a + ONE_DAY * i).workday for i in range(1, (b - a).days + 1))


# ---- what the administrator sees ----------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    date: dt.date
    is_workday: bool
    name: str
    source_label: str
    stored: bool

    @property
    def weekday(self) -> str:
        return f"周{WEEKDAYS[self.date.weekday()]}"


@dataclass(frozen=True)
class YearSummary:
    year: int
    complete: bool
    state: str
    note: str
    days_off: int
    workdays: int


def year_days(year: int) -> list[DayRow]:
    """The year's exception days as the deadlines see them: stored rows, plus for a year not
    yet complete the holidays.China days that no row overrides."""
    rows = {
        r.date: DayRow(r.date, r.is_workday, r.name, r.get_source_display(), stored=True)
        for r in CalendarDay.objects.filter(date__year=year)
    }
    if not CalendarYear.objects.filter(year=year).exists():
        for d in sources.fallback_days(year):
            rows.setdefault(d.date, DayRow(d.date, d.is_workday, d.name, "法定节假日推算（未保存）", False))
    return sorted(rows.values(), key=lambda r: r.date)


def _years_shown(today: dt.date, confirmed: Iterable[int], with_rows: Iterable[int]) -> list[int]:
    years = {*sources.official_years(), *confirmed, *with_rows, today.year, today.year + 1}
    return sorted((y for y in years if MIN_YEAR <= y <= MAX_YEAR), reverse=True)


def year_summaries(today: dt.date) -> list[YearSummary]:
    confirmed = {y.year: y for y in CalendarYear.objects.all()}
    counts: Counter[tuple[int, bool]] = Counter()
    per_year = (
        CalendarDay.objects.annotate(y=ExtractYear("date")).values("y", "is_workday").annotate(n=Count("id"))
    )
    for row in per_year:
        counts[row["y"], row["is_workday"]] = row["n"]
    summaries = []
    for year in _years_shown(today, confirmed, {y for y, _ in counts}):
        entry = confirmed.get(year)
        state = entry.get_source_display() if entry else "未确认，暂按法定节假日推算"
        summaries.append(
            YearSummary(
                year,
                entry is not None,
                state,
                entry.note if entry else "",
                counts[year, False],
                counts[year, True],
            )
        )
    return summaries


# ---- administrator edits ------------------------------------------------------------------


def _require_admin(by: User) -> None:
    if not can_manage_units(by):
        raise PermissionDenied


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarError(f"只能维护 {MIN_YEAR}–{MAX_YEAR} 年的工作日历。")


@transaction.atomic
def set_day(by: User, day: dt.date, *, is_workday: bool, name: str = "") -> CalendarDay:
    """Store the administrator's decision for one day (a holiday, or a 调休 working day)."""
    _require_admin(by)
    _check_year(day.year)
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    before = {"is_workday": row.is_workday, "name": row.name, "source": row.source} if row else None
    row = row or CalendarDay(date=day)
    row.is_workday, row.name, row.source = is_workday, name.strip(), CalendarDay.Source.ADMIN
    row.save()
    record(by, "workdays.day.set", row, date=day, is_workday=is_workday, name=row.name, before=before)
    _invalidate()
    return row


@transaction.atomic
def clear_day(by: User, day: dt.date) -> bool:
    """Remove the stored row: the day follows Monday–Friday (or, in a year not yet complete,
    holidays.China) again. False when there was nothing stored."""
    _require_admin(by)
    row = CalendarDay.objects.select_for_update().filter(date=day).first()
    if row is None:
        return False
    record(by, "workdays.day.cleared", row, date=day, is_workday=row.is_workday, name=row.name)
    row.delete()
    _invalidate()
    return True


@transaction.atomic
def confirm_year(by: User, year: int, *, note: str = "") -> CalendarYear:
    """Mark a year complete after the State Council notice. The holidays.China days the page
    showed and no row overrides are stored (source "fallback"), so what was confirmed is what
    was seen; from then on the year's answers are no longer provisional."""
    _require_admin(by)
    _check_year(year)
    if CalendarYear.objects.select_for_update().filter(year=year).exists():
        raise CalendarError(f"{year}年的工作日历已是完整数据，无需再次确认。")
    stored = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    added = [
        CalendarDay(date=d.date, is_workday=d.is_workday, name=d.name, source=CalendarDay.Source.FALLBACK)
        for d in sources.fallback_days(year)
        if d.date not in stored
    ]
    CalendarDay.objects.bulk_create(added)
    entry = CalendarYear.objects.create(year=year, source=CalendarYear.Source.ADMIN, note=note.strip())
    record(by, "workdays.year.confirmed", entry, note=entry.note, stored_fallback=[d.date for d in added])
    _invalidate()
    return entry


@transaction.atomic
def load_official(years: Iterable[int], *, actor_label: str = "seed_work_calendar") -> dict[int, int]:
    """(Re)load chinese-calendar's days for `years` it covers; administrator rows are kept.

    Idempotent: rows from earlier loads and stored fallback rows are replaced. Returns the
    number of rows stored per year."""
    covered = sources.official_years()
    loaded: dict[int, int] = {}
    for year in years:
        if year not in covered:
            raise CalendarError(
                f"chinese-calendar 只覆盖 {covered[0]}–{covered[-1]} 年，没有 {year} 年的数据。"
            )
        in_year = CalendarDay.objects.filter(date__year=year)
        kept = set(in_year.filter(source=CalendarDay.Source.ADMIN).values_list("date", flat=True))
        in_year.exclude(source=CalendarDay.Source.ADMIN).delete()
        rows = [
            CalendarDay(date=d.date, is_workday=d.is_workday, name=d.name, source=CalendarDay.Source.OFFICIAL)
            for d in sources.official_days(year)
            if d.date not in kept
        ]
        CalendarDay.objects.bulk_create(rows)
        CalendarYear.objects.update_or_create(year=year, defaults={"source": CalendarYear.Source.OFFICIAL})
        loaded[year] = len(rows)
    record(None, "workdays.calendar.loaded", actor_label=actor_label, rows=loaded)
    _invalidate()
    return loaded
