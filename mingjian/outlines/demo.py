"""Demo: seed 004 (the 市民政局 speech at its 以案促改警示教育大会) recorded by the bureau's liaison
and parsed, with two of its points turned into 整改任务 for the bureau.

The speech's text is never part of the repository: it is read at seed time from the seeds
directory beside the checkout (settings.MINGJIAN_SEEDS_DIR, default ../shared/seeds/), and the
step is skipped with a note when it is not there. Only seed_demo calls this.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from mingjian.org.models import Person, User
from mingjian.outlines import services
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.permissions import recording_unit
from mingjian.rectification.models import ProblemType
from mingjian.rectification.services import TaskPlan, guess_type

SEED_PATTERN = "004_*.txt"


def seeds_dir() -> Path:
    default = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return Path(getattr(settings, "MINGJIAN_SEEDS_DIR", default))


def _points(outline: Outline) -> list[OutlineNode]:
    """Two nodes to turn into work: the first two at the deepest level (the concrete points)."""
    nodes = list(outline.nodes.all())
    deepest = max((n.level for n in nodes), default=0)
    return [n for n in nodes if n.level == deepest][:2]


def _plans(outline: Outline, points: list[OutlineNode], leader: User) -> list[tuple[OutlineNode, TaskPlan]]:
    person = Person.objects.roster_of(outline.unit).filter(leadership="").order_by("pk").first()
    types = list(ProblemType.objects.all())
    parents = services.ancestors(outline.nodes.all())
    today = timezone.localdate()
    return [
        (
            node,
            TaskPlan(
                title=node.heading[:300],
                unit=outline.unit,
                problem_type=guess_type(node.heading, outline.unit, types),
                measure=node.heading,
                due_date=today + timedelta(days=days),
                leader=leader,
                person=person,
                description=services.describe(outline, node, parents[node.pk]),
            ),
        )
        for node, days in zip(points, (45, 90), strict=False)
    ]


def seed() -> dict[str, Any]:
    found = sorted(seeds_dir().glob(SEED_PATTERN))
    if not found:
        return {"outlines_created": 0, "note": f"未找到 {seeds_dir() / SEED_PATTERN}，跳过讲话分解演示"}
    name = found[0].name
    if Outline.objects.filter(source_name=name).exists():
        return {"outlines_created": 0}
    users = {u.username: u for u in User.objects.filter(username__in=["minzheng", "mzlingdao"])}
    liaison = users["minzheng"]
    unit = recording_unit(liaison)
    assert unit is not None  # noqa: S101 - the demo liaison records for the 民政局
    text = found[0].read_text(encoding="utf-8")
    outline = services.record_outline(by=liaison, unit=unit, text=text, source_name=name)
    plans = _plans(outline, _points(outline), users["mzlingdao"])
    tasks = services.tasks_from_nodes(outline, plans, by=liaison, issuer=unit, issue_now=True)
    return {"outlines_created": 1, "nodes": outline.nodes.count(), "tasks_created": len(tasks)}
