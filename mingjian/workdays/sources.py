"""The two outside sources of holidays, reduced to "days that differ from Monday–Friday".

chinese-calendar has the State Council notices (days off and 调休 workdays) for the years it
covers and raises NotImplementedError outside them. holidays.China knows the statutory days
(with 补假) for any year but the 调休 workdays only where its authors added them; it is the
fallback for years nobody has confirmed yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from chinese_calendar import constants as cc
from holidays import country_holidays

SATURDAY = 5


@dataclass(frozen=True)
class SourceDay:
    date: dt.date
    is_workday: bool
    name: str


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= SATURDAY


def official_years() -> range:
    """The years chinese-calendar covers (2004–2026 in 1.11.0)."""
    return range(min(cc.holidays).year, max(cc.holidays).year + 1)


def _chinese(value: str) -> str:
    return str(cc.Holiday(value).chinese)


def official_days(year: int) -> list[SourceDay]:
    """chinese-calendar's exceptions for `year`: its holidays that fall on a weekday, and its
    调休 weekend workdays. Holidays on a weekend need no row: the day is off anyway."""
    days = [
        SourceDay(day, False, _chinese(value))
        for day, value in cc.holidays.items()
        if day.year == year and not is_weekend(day)
    ]
    days += [
        SourceDay(day, True, f"{_chinese(value)}调休上班")
        for day, value in cc.workdays.items()
        if day.year == year and is_weekend(day)
    ]
    return sorted(days, key=lambda d: d.date)


@cache
def fallback_days(year: int) -> tuple[SourceDay, ...]:
    """holidays.China's statutory weekday days off for `year` (with its 补假) and whatever 调休
    workdays it knows — usually none for a year the State Council has not announced yet."""
    cn = country_holidays("CN", years=year, language="zh_CN")
    days = [
        SourceDay(day, False, str(name))
        for day, name in cn.items()
        if day.year == year and not is_weekend(day)
    ]
    days += [
        SourceDay(day, True, "调休上班")
        for day in cn.weekend_workdays
        if day.year == year and is_weekend(day)
    ]
    return tuple(sorted(days, key=lambda d: d.date))
