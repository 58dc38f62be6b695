"""Is a loophole closed? The reads behind 已堵塞 / 未堵塞 and behind the 销号 gate.

A problem that came from a 制度漏洞 (its `loophole`, copied from the 建议 it answers) is closed
by a regulation in force that names the problem itself, or names the loophole and was made by
the problem's unit or a unit above it (a bureau's rule binds its 科室). Without one, the task
cannot be 销号 — unless the verifier has agreed to the unit's reason why no rule is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from mingjian.cases.models import SystemLoophole
from mingjian.rectification.models import Problem, Task
from mingjian.regulations.models import Regulation, Waiver

S = Regulation.Status


def loophole_of(problem: Problem) -> SystemLoophole | None:
    if problem.loophole_id is not None:
        return problem.loophole
    item = problem.recommendation_item
    return item.loophole if item is not None and item.loophole_id is not None else None


def _ancestor_ids(problem: Problem) -> list[int]:
    return [int(x) for x in problem.unit.path.strip("/").split("/")]


def closing_regulations(problem: Problem, statuses: tuple[str, ...] = (S.IN_FORCE,)) -> QuerySet[Regulation]:
    """Regulations (in the given statuses) that close `problem` — whoever may see them."""
    q = Q(problems=problem)
    hole = loophole_of(problem)
    if hole is not None:
        q |= Q(loopholes=hole, unit_id__in=_ancestor_ids(problem))
    return Regulation.objects.filter(q, status__in=statuses).distinct()


def approved_waiver(problem: Problem) -> Waiver | None:
    return Waiver.objects.filter(problem=problem, status=Waiver.Status.APPROVED).first()


def missing_regulation(task: Task) -> str:
    """The 销号 check the rectification engine calls: "" when the task may be closed, otherwise
    the Chinese reason naming what is missing."""
    problem = task.problem
    hole = loophole_of(problem)
    if hole is None or closing_regulations(problem).exists() or approved_waiver(problem) is not None:
        return ""
    drafting = closing_regulations(problem, (S.DRAFTING, S.CONSULTING, S.REVIEWING)).first()
    doing = f"（{drafting}尚在“{drafting.get_status_display()}”）" if drafting else ""
    return (
        f"该问题源于制度漏洞“{hole.description[:60]}”，尚无关联的印发施行制度{doing}。"
        "销号前须在“建章立制”中关联已印发施行的制度，或登记无需制定制度的理由并经验收人同意。"
    )


@dataclass
class LoopholeState:
    """One loophole as a reader sees it: the rules in force that close it, and those on the way."""

    loophole: SystemLoophole
    closing: list[Regulation] = field(default_factory=list)
    coming: list[Regulation] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return bool(self.closing)

    @property
    def label(self) -> str:
        if self.closing:
            parts = [
                f"{r}，施行于 {r.effective_on:%Y-%m-%d}" if r.effective_on else str(r) for r in self.closing
            ]
            return f"已堵塞（{'；'.join(parts)}）"
        if self.coming:
            return f"未堵塞（{'、'.join(f'{r}{r.get_status_display()}中' for r in self.coming)}）"
        return "未堵塞"


def loophole_states(loopholes: Any, user: Any) -> list[LoopholeState]:
    """Each loophole with the regulations the reader may see (one query for all of them)."""
    holes = list(loopholes)
    states = {h.pk: LoopholeState(h) for h in holes}
    regs = (
        Regulation.objects.visible_to(user)
        .filter(loopholes__in=holes)
        .exclude(status=S.REPEALED)
        .prefetch_related("loopholes")
        .distinct()
        .order_by("effective_on", "id")
    )
    for reg in regs:
        for hole in reg.loopholes.all():
            if hole.pk in states:
                target = states[hole.pk].closing if reg.status == S.IN_FORCE else states[hole.pk].coming
                target.append(reg)
    return [states[h.pk] for h in holes]
