"""The demo's 专项行动 and 类案自查 (one seeding serves both stories, which share the demo units):
a 7-day 警示教育专项行动 in progress, a 3-month 以案促改专项行动 at 整改落实, a 农村低保 专项治理,
and the 低保 case pushed to three 民政 units with one 自查 answered; seeding twice changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from mingjian.org.models import User
from mingjian.rectification.campaign_report import campaign_grid, campaign_summary
from mingjian.rectification.models import Campaign, Cell
from mingjian.selfcheck.models import CasePush, Checklist


@pytest.fixture
def demo(db: Any) -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _current(campaign: Campaign, today: date) -> str:
    return campaign.phases.get(start_date__lte=today, end_date__gte=today).name


def test_the_demo_campaigns_are_where_the_story_says(demo: None, today: date) -> None:
    jiwei = User.objects.get(username="jiwei")
    week = Campaign.objects.get(template__name="警示教育专项行动（7日）")
    assert (week.status, week.start_date < today < week.end_date) == ("launched", True)
    rows = {r.target.unit.code: [c.state for c in r.cells] for r in campaign_grid(week, jiwei).rows}
    assert set(rows) == {"x-mz", "x-cz"}
    assert rows["x-mz"][:2] == [Cell.DONE, Cell.DONE] and Cell.OVERDUE in rows["x-cz"]
    quarter = Campaign.objects.get(template__name="以案促改专项行动（3个月）")
    assert (quarter.status, _current(quarter, today)) == ("launched", "整改落实")
    summary = campaign_summary(quarter, jiwei)
    assert (summary.problems, summary.closed, len(summary.rules)) == (2, 1, 1)
    assert 0 < summary.reached <= summary.roster
    rural = Campaign.objects.get(template__name__startswith="农村低保专项治理")
    assert (rural.kind, rural.issuer.code, rural.field) == ("governance", "x-pz1", "civil_affairs")


def test_the_case_is_pushed_to_three_units_and_one_has_answered(demo: None) -> None:
    push = CasePush.objects.get()
    assert push.case.unit.code == "x-mz"
    states = {c.unit.code: c.status for c in push.checklists.all()}
    assert states == {"dc-mz": "pending", "xs-mz": "accepted", "nh-mz": "pending"}
    answered = Checklist.objects.get(unit__code="xs-mz")
    assert answered.rows.filter(answer="exists", problem__isnull=False).count() == 1
    assert not answered.rows.filter(answer="absent", scope_checked="").exists()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (CasePush.objects.count(), Campaign.objects.count()) == (1, 4)
