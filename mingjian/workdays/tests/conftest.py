from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mingjian.workdays import services, sources
from mingjian.workdays.models import CalendarDay, CalendarYear


@pytest.fixture(autouse=True)
def calendar(db: Any) -> Iterator[None]:
    """The migration's seed, restored if a transactional test flushed it; a cold cache."""
    if not CalendarYear.objects.filter(source=CalendarYear.Source.OFFICIAL).exists():
        years = sources.official_years()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d.date, is_workday=d.is_workday, name=d.name, source="official")
            for year in years
            for d in sources.official_days(year)
        )
        CalendarYear.objects.bulk_create(CalendarYear(year=y, source="official") for y in years)
    services.clear_cache()
    yield
    services.clear_cache()
