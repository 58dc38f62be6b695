"""Ticked nodes of a speech or 方案, in one step, as the phases of a 专项行动."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mingjian.outlines import services
from mingjian.outlines.models import Outline
from mingjian.rectification import services as rectification
from mingjian.rectification.models import Campaign
from mingjian.workflow.services import TransitionError

SPEECH = "关于开展专项行动的讲话\n一、动员部署，统一思想\n二、查摆问题\n三、整改落实，建章立制\n"


@pytest.fixture
def outline(org: Any) -> Outline:
    return services.record_outline(by=org.inspector, unit=org.commission, text=SPEECH)


def _tick(outline: Outline, **phase: Any) -> dict[str, Any]:
    data: dict[str, Any] = {f"n{n.pk}-picked": "on" for n in outline.nodes.all()}
    data.update({f"phase-{k}": v for k, v in phase.items()})
    return data


def test_a_new_campaign_gets_the_nodes_as_phases_across_its_period(
    org: Any, outline: Outline, today: date
) -> None:
    client = Client()
    client.force_login(org.inspector)
    end = today + timedelta(days=89)
    data = _tick(
        outline, name="专项行动", kind="action", start_date=today.isoformat(), end_date=end.isoformat()
    )
    response = client.post(reverse("outlines:outline-phases", args=[outline.pk]), data)
    campaign = Campaign.objects.get(name="专项行动")
    assert response["Location"] == campaign.get_absolute_url()
    phases = list(campaign.phases.order_by("seq"))
    assert [p.name for p in phases] == ["动员部署", "查摆问题", "整改落实"]
    assert [(p.start_date, p.end_date) for p in phases] == [
        (today, today + timedelta(days=29)),
        (today + timedelta(days=30), today + timedelta(days=59)),
        (today + timedelta(days=60), end),
    ]
    assert phases[0].requirement.startswith("动员部署，统一思想\n来源：《关于开展专项行动的讲话》")
    assert [n.phase for n in outline.nodes.order_by("order")] == phases
    page = client.get(outline.get_absolute_url()).content.decode()
    assert page.count('data-testid="node-phase"') == 3
    with pytest.raises(TransitionError, match="已生成任务或阶段"):
        services.phases_from_nodes(outline, list(outline.nodes.all()), by=org.inspector, campaign=campaign)


def test_phases_follow_those_a_prepared_campaign_already_has(org: Any, outline: Outline, today: date) -> None:
    campaign = rectification.create_campaign(
        by=org.inspector,
        issuer=org.commission,
        name="已有",
        start_date=today,
        end_date=today + timedelta(days=9),
    )
    rectification.save_phases(
        campaign,
        by=org.inspector,
        phases=[rectification.PhaseInput("动员", today, today + timedelta(days=3), "部署")],
    )
    nodes = list(outline.nodes.order_by("order"))[1:]
    made = services.phases_from_nodes(outline, nodes, by=org.inspector, campaign=campaign)
    assert [(p.seq, p.start_date) for p in made] == [
        (2, today + timedelta(days=4)),
        (3, today + timedelta(days=7)),
    ]
    assert campaign.phases.count() == 3


def test_dates_too_short_for_the_points_and_people_who_run_no_campaign(
    org: Any, outline: Outline, today: date
) -> None:
    assert services.spread(date(2026, 1, 1), date(2026, 1, 3), 3)[-1] == (date(2026, 1, 3), date(2026, 1, 3))
    with pytest.raises(TransitionError, match="不够分成4个阶段"):
        services.spread(date(2026, 1, 1), date(2026, 1, 3), 4)
    client = Client()
    client.force_login(org.liaison)  # a unit liaison runs no 专项行动
    data = _tick(
        outline, name="越权", kind="action", start_date=today.isoformat(), end_date=today.isoformat()
    )
    assert client.post(reverse("outlines:outline-phases", args=[outline.pk]), data).status_code == 404
    assert not Campaign.objects.exists()
    assert services.phase_name("要思想认识再提高，充分把握以案促改工作的深刻内涵") == "要思想认识再提高"
