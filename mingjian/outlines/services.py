"""讲话/方案 → 提纲 → 整改任务 (the 讲话精神任务分解 offices keep by hand in Excel).

record_outline: parse the text and keep it with its heading nodes, audited, in one transaction.
tasks_from_nodes: each ticked node becomes one plan for rectification.services.create_tasks
(all plans or none, issued at once when asked); each node keeps its task; audited in the same
transaction. A node already turned into a task is refused, so two clerks ticking the same
node at once produce one task, not two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org import permissions
from mingjian.org.models import Unit, User
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.parser import parse_outline
from mingjian.rectification.models import Problem, Task
from mingjian.rectification.services import TaskPlan, create_tasks
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
