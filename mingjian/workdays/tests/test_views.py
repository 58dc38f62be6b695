from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mingjian.workdays.models import CalendarDay, CalendarYear
from mingjian.workdays.services import add_working_days


def test_year_list_shows_coverage(client: Client, org: Any) -> None:
    client.force_login(org.sysadmin)
    page = client.get(reverse("workdays:year-list")).content.decode()
    assert "国务院通知（chinese-calendar）" in page
    assert "未确认，暂按法定节假日推算" in page
    assert 'href="/workdays/2027/"' in page
    assert "工作日历" in page  # the nav entry


def test_year_page_shows_stored_and_estimated_days(client: Client, org: Any) -> None:
    client.force_login(org.sysadmin)
    page = client.get(reverse("workdays:year-detail", args=[2026])).content.decode()
    assert "春节调休上班" in page and 'data-testid="provisional"' not in page
    page = client.get(reverse("workdays:year-detail", args=[2027])).content.decode()
    assert "春节（补假）" in page and "法定节假日推算（未保存）" in page
    assert 'data-testid="provisional"' in page


def test_admin_sets_confirms_and_clears(client: Client, org: Any) -> None:
    client.force_login(org.sysadmin)
    url = reverse("workdays:year-detail", args=[2027])
    response = client.post(url, {"date": "2027-02-20", "is_workday": "1", "name": "春节调休上班"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=dt.date(2027, 2, 20)).is_workday
    assert add_working_days(dt.date(2027, 2, 19), 1).date == dt.date(2027, 2, 20)

    response = client.post(reverse("workdays:year-confirm", args=[2027]), {"note": "国办发明电"}, follow=True)
    assert "已确认 2027 年工作日历" in response.content.decode()
    assert CalendarYear.objects.get(year=2027).note == "国办发明电"
    assert not add_working_days(dt.date(2027, 2, 19), 1).provisional

    client.post(reverse("workdays:day-clear", args=[2027]), {"date": "2027-02-20"})
    assert not CalendarDay.objects.filter(date=dt.date(2027, 2, 20)).exists()
    assert add_working_days(dt.date(2027, 2, 19), 1).date == dt.date(2027, 2, 22)


def test_a_date_outside_the_page_year_is_refused(client: Client, org: Any) -> None:
    client.force_login(org.sysadmin)
    response = client.post(
        reverse("workdays:year-detail", args=[2027]), {"date": "2028-01-03", "is_workday": "0"}
    )
    assert response.status_code == 200
    assert "请选择 2027 年内的日期" in response.content.decode()
    assert not CalendarDay.objects.filter(date=dt.date(2028, 1, 3)).exists()


@pytest.mark.parametrize("user_key", ["liaison", "inspector", "secadmin", "auditor"])
def test_everyone_else_gets_404(client: Client, org: Any, user_key: str) -> None:
    client.force_login(getattr(org, user_key))
    assert client.get(reverse("workdays:year-list")).status_code == 404
    assert client.get(reverse("workdays:year-detail", args=[2026])).status_code == 404
    response = client.post(
        reverse("workdays:year-detail", args=[2026]), {"date": "2026-03-02", "is_workday": "0"}
    )
    assert response.status_code == 404
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 2)).exists()
    assert client.post(reverse("workdays:year-confirm", args=[2027])).status_code == 404


def test_years_out_of_range_and_anonymous(client: Client, org: Any) -> None:
    assert client.get(reverse("workdays:year-list")).status_code == 302
    client.force_login(org.sysadmin)
    assert client.get(reverse("workdays:year-detail", args=[1800])).status_code == 404
    assert client.get(reverse("workdays:year-confirm", args=[2027])).status_code == 405
