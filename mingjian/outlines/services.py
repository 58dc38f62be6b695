"""讲话/方案 → 提纲 → 整改任务 (the 讲话精神任务分解 offices keep by hand in Excel).

record_outline: parse the text and keep it with its heading nodes, audited, in one transaction.
tasks_from_nodes: each ticked node becomes one plan for rectification.services.create_tasks
(all plans or none, issued at once when asked); each node keeps its task; audited in the same
transaction. A node already turned into a task is refused, so two clerks ticking the same
node at once produce one task, not two.
phases_from_nodes: the ticked nodes become the phases of a 专项行动 being prepared (a new one
named after the speech, or one chosen), dated by dividing its period in text order; each node
keeps its phase. The phases are then edited on the campaign like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org import permissions
from mingjian.org.models import Unit, User
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.parser import parse_outline
from mingjian.rectification import services as rectification
from mingjian.rectification.models import Campaign, CampaignPhase, Problem, Task
from mingjian.rectification.permissions import can_run_campaign, issuer_for
from mingjian.rectification.services import PhaseInput, TaskPlan, create_tasks
from mingjian.workflow.services import TransitionError

# No 讲话部署 source exists yet (the Problem model is the rectification app's); until one is
# added these problems count as 自查自纠, and their description names the speech and the node.
SOURCE = Problem.Source.SELF_INSPECTION
_MARKER_MAX = OutlineNode._meta.get_field("marker").max_length or 20


@transaction.atomic
def record_outline(*, by: User, unit: Unit, text: str, source_name: str = "") -> Outline:
    if not permissions.can_act_in(by, unit):
        raise PermissionDenied
    parsed = parse_outline(text)
    outline = Outline.objects.create(
        unit=unit,
        title=(parsed.title or "")[:300],
        source_text=text,
        source_name=source_name[:200],
        created_by=by,
    )
    OutlineNode.objects.bulk_create(
        OutlineNode(outline=outline, order=i, level=h.level, marker=h.marker[:_MARKER_MAX], heading=h.heading)
        for i, h in enumerate(parsed.headings, 1)
    )
    record(by, "outlines.outline.created", outline, title=outline.title, nodes=len(parsed.headings))
    return outline


def ancestors(nodes: Iterable[OutlineNode]) -> dict[int, list[OutlineNode]]:
    """Each node's chain of parents, from the top level down (nodes in text order)."""
    chain: list[OutlineNode] = []
    found: dict[int, list[OutlineNode]] = {}
    for node in nodes:
        while chain and chain[-1].level >= node.level:
            chain.pop()
        found[node.pk] = list(chain)
        chain.append(node)
    return found


def describe(outline: Outline, node: OutlineNode, parents: Sequence[OutlineNode]) -> str:
    """Where the work comes from, for the problem's description: 《title》 三、… › 一要…"""
    path = " › ".join(f"{n.marker}{n.heading[:40]}" for n in [*parents, node])
    return f"来源：《{outline}》 {path}"


@transaction.atomic
def tasks_from_nodes(
    outline: Outline,
    plans: Sequence[tuple[OutlineNode, TaskPlan]],
    *,
    by: User,
    issuer: Unit,
    issue_now: bool = False,
) -> list[Task]:
    if not plans:
        raise TransitionError("请至少勾选一个部署事项。")
    ids = [node.pk for node, _ in plans]
    locked = {n.pk: n for n in OutlineNode.objects.select_for_update().filter(outline=outline, pk__in=ids)}
    if len(locked) != len(set(ids)):
        raise PermissionDenied  # a node of another outline: never reachable from its page
    for node in locked.values():
        if node.task_id is not None:
            raise TransitionError(f"“{node}”已生成整改任务，请刷新后重试。")
    tasks = create_tasks(
        [plan for _, plan in plans], issuer=issuer, source=SOURCE, by=by, issue_now=issue_now
    )
    for (node, _), task in zip(plans, tasks, strict=True):
        locked[node.pk].task = task
        locked[node.pk].save(update_fields=["task"])
    record(by, "outlines.outline.tasks_created", outline, nodes=ids, tasks=[t.pk for t in tasks])
    return tasks


@dataclass(frozen=True)
class NewCampaign:
    """A 专项行动 to create from the speech: its name and period."""

    name: str
    kind: str
    start_date: date
    end_date: date


def spread(start: date, end: date, n: int) -> list[tuple[date, date]]:
    """`n` consecutive periods covering start..end, as even as whole days allow."""
    days = (end - start).days + 1
    if n > days:
        raise TransitionError(f"专项行动共{days}天，不够分成{n}个阶段，请延长期间或少选几项。")
    cuts = [start + timedelta(days=i * days // n) for i in range(n + 1)]
    return [(cuts[i], cuts[i + 1] - timedelta(days=1)) for i in range(n)]


PHASE_NAME_MAX = CampaignPhase._meta.get_field("name").max_length or 30


def phase_name(heading: str) -> str:
    """A heading's first clause as the phase's name ("要思想认识再提高，充分把握…" → "要思想认识再提高")."""
    first = re.split(r"[，,；;：:。]", heading.strip(), maxsplit=1)[0]
    return first[:PHASE_NAME_MAX]


def _window(campaign: Campaign, n: int) -> tuple[date, date]:
    """After the campaign's last phase when the rest of its period holds `n` days, else all of it."""
    if campaign.end_date is None:
        raise TransitionError("请先为专项行动设置结束日期，再把讲话/方案的事项作为阶段。")
    last = campaign.phases.order_by("-end_date").first()
    after = last.end_date + timedelta(days=1) if last else campaign.start_date
    return (
        (after, campaign.end_date)
        if (campaign.end_date - after).days + 1 >= n
        else (campaign.start_date, campaign.end_date)
    )


def _campaign_for(
    outline: Outline, *, by: User, campaign: Campaign | None, new: NewCampaign | None
) -> Campaign:
    if campaign is not None:
        if not can_run_campaign(by, campaign):
            raise PermissionDenied
        return campaign
    issuer = issuer_for(by)
    if new is None or issuer is None:
        raise TransitionError("请选择专项行动，或填写新专项行动的名称和起止日期。")
    return rectification.create_campaign(
        by=by,
        issuer=issuer,
        name=new.name.strip() or str(outline),
        kind=new.kind,
        start_date=new.start_date,
        end_date=new.end_date,
        description=f"依据《{outline}》部署。",
    )


@transaction.atomic
def phases_from_nodes(
    outline: Outline,
    nodes: Sequence[OutlineNode],
    *,
    by: User,
    campaign: Campaign | None = None,
    new: NewCampaign | None = None,
) -> list[CampaignPhase]:
    """The ticked nodes, in text order, as phases of a 专项行动 being prepared (all or none)."""
    if not nodes:
        raise TransitionError("请至少勾选一个事项。")
    ids = [node.pk for node in nodes]
    locked = list(
        OutlineNode.objects.select_for_update().filter(outline=outline, pk__in=ids).order_by("order")
    )
    if len(locked) != len(set(ids)):
        raise PermissionDenied  # a node of another outline: never reachable from its page
    for node in locked:
        if node.task_id is not None or node.phase_id is not None:
            raise TransitionError(f"“{node}”已生成任务或阶段，请刷新后重试。")
    target = _campaign_for(outline, by=by, campaign=campaign, new=new)
    start, end = _window(target, len(locked))
    parents = ancestors(outline.nodes.all())
    inputs = [
        PhaseInput(
            phase_name(node.heading), s, e, f"{node.heading}\n{describe(outline, node, parents[node.pk])}"
        )
        for node, (s, e) in zip(locked, spread(start, end, len(locked)), strict=True)
    ]
    phases = rectification.append_phases(target, by=by, phases=inputs)
    by_key = {(p.name, p.start_date): p for p in phases}
    for node, phase_input in zip(locked, inputs, strict=True):
        node.phase = by_key[(phase_input.name, phase_input.start_date)]
        node.save(update_fields=["phase"])
    record(by, "outlines.outline.phases_created", outline, nodes=ids, campaign=target.pk)
    return [node.phase for node in locked if node.phase is not None]
