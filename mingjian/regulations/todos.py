"""Home-page sections for 建章立制: checks due (the supervising side's 制度执行检查, the unit's
回头看), rules waiting for a leader to record 印发施行, reasons waiting for the verifier, and the
unit's problems whose loophole no rule yet closes (their tasks cannot be 销号)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, candidates
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, unit_scope_q
from mingjian.rectification.models import Problem, Task
from mingjian.regulations import permissions as perms
from mingjian.regulations.gate import approved_waiver, closing_regulations
from mingjian.regulations.models import Regulation, RegulationCheck, Waiver
from mingjian.regulations.queries import SOON_DAYS
from mingjian.workflow.services import independent

C = RegulationCheck


def _checks(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    due = (
        C.objects.visible_to(user)
        .scheduled()
        .filter(due_on__lte=today + timedelta(days=SOON_DAYS))
        .select_related("regulation__unit")
        .order_by("due_on", "id")
    )
    items = []
    for item in candidates(due, LIMIT * 4):
        reg = item.regulation
        mine = (
            perms.can_check(user, reg) and independent(user, reg)
            if item.kind == C.Kind.EXECUTION
            else perms.keeps_rules(user, reg.unit)
        )
        if mine:
            late = item.due_on < today
            note = f"{'已逾期' if late else '计划'} {item.due_on:%m-%d}"
            title = f"{reg.unit.name}：{reg}{item.get_kind_display()}"
            items.append(
                TodoItem(
                    title, reverse("regulations:check-record", args=[item.pk]), note, "danger" if late else ""
                )
            )
    return items[:LIMIT]


def _to_issue(user: Any) -> list[TodoItem]:
    regs = (
        Regulation.objects.visible_to(user).filter(status=Regulation.Status.REVIEWING).select_related("unit")
    )
    return [
        TodoItem(f"{r.unit.name}：{r}", r.get_absolute_url(), "审议后登记印发施行")
        for r in candidates(regs, LIMIT * 4)
        if perms.can_issue(user, r) and independent(user, r)
    ][:LIMIT]


def _waivers(user: Any) -> list[TodoItem]:
    # can_decide asks rect_perms.can_accept of every task of the problem, which reads the task's
    # unit and the problem's issuer (or its 巡察 batch's): all loaded here, not per waiver.
    tasks = Prefetch("problem__tasks", queryset=Task.objects.select_related("unit"))
    pending = (
        Waiver.objects.visible_to(user)
        .filter(status=Waiver.Status.PENDING)
        .select_related("problem__unit", "problem__issuer", "problem__inspection__issuer")
        .prefetch_related(tasks)
    )
    return [
        TodoItem(
            f"{w.problem.unit.name}：{w.problem.title[:30]}",
            reverse("regulations:problem-rules", args=[w.problem_id]),
            "无需建章立制说明待审核",
            "warning",
        )
        for w in candidates(pending, LIMIT * 4)
        if perms.can_decide(user, w) and independent(user, w)
    ][:LIMIT]


def _unclosed(user: Any) -> list[TodoItem]:
    """The unit's problems from a loophole with work still open and no rule (or agreed reason) yet."""
    open_work = Task.objects.filter(
        problem=OuterRef("pk"),
        status__in=[Task.Status.IN_PROGRESS, Task.Status.SUBMITTED, Task.Status.RETURNED],
    )
    # Oldest first from the partial index of loophole-caused problems ("walk"): a city's other
    # problems are never read, and EXISTS needs no DISTINCT over their tasks.
    problems = (
        Problem.objects.visible_to(user, plan="walk")
        .filter(unit_scope_q(user, roles=UNIT_ROLES), Exists(open_work), loophole__isnull=False)
        .select_related("unit", "loophole")
        .order_by("created_at", "id")
    )
    found = [
        TodoItem(
            f"{p.unit.name}：{p.title[:30]}",
            reverse("regulations:problem-rules", args=[p.pk]),
            "制度漏洞待堵塞，任务暂不能销号",
            "warning",
        )
        for p in candidates(problems, LIMIT * 4)
        if not closing_regulations(p).exists() and approved_waiver(p) is None
    ]
    return found[:LIMIT]


def sections(user: Any) -> list[TodoSection]:
    if not permissions.has_business_scope(user):
        return []
    more = reverse("regulations:regulation-list")
    found = [
        TodoSection("建章立制：待开展的检查", _checks(user), "没有到期的制度检查", f"{more}?check=soon", 45)
    ]
    for title, items, order in (
        ("建章立制：待登记印发的制度", _to_issue(user), 46),
        ("建章立制：待审核的无需制定说明", _waivers(user), 47),
        ("建章立制：制度漏洞待堵塞", _unclosed(user), 48),
    ):
        if items:
            found.append(TodoSection(title, items, "", more, order))
    return found
