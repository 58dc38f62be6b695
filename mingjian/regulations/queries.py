"""The list filters shared by the regulations page and the API: ids from the query string go
through the reader's own scope, so an invisible unit or case answers like one that does not exist."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from mingjian.cases.models import Case
from mingjian.lib.http import parse_id
from mingjian.org.models import Field, Unit
from mingjian.rectification.campaign_report import Rule
from mingjian.regulations.models import Regulation, RegulationCheck

C = RegulationCheck
# How far ahead a check counts as coming up: the 工作台 lists these, and ?check=soon shows them.
SOON_DAYS = 30
CHECK_STATES = {
    "soon": f"{SOON_DAYS}日内到期的检查",
    "due": "待执行检查",
    "overdue": "执行检查逾期",
    "full": "执行到位",
    "partial": "部分执行",
    "none": "未执行",
}


def _last_result() -> Subquery:
    done = C.objects.filter(regulation=OuterRef("pk"), kind=C.Kind.EXECUTION, status=C.Status.DONE)
    return Subquery(done.order_by("-done_on", "-id").values("result")[:1])


def _by_check(regs: QuerySet[Regulation], state: str, today: date) -> QuerySet[Regulation]:
    scheduled = C.objects.filter(kind=C.Kind.EXECUTION, status=C.Status.SCHEDULED)
    if state == "soon":  # any kind of check (执行检查, 回头看) due within SOON_DAYS, or late
        soon = C.objects.filter(status=C.Status.SCHEDULED, due_on__lte=today + timedelta(days=SOON_DAYS))
        return regs.filter(pk__in=soon.values("regulation"))
    if state == "due":
        return regs.filter(pk__in=scheduled.values("regulation"))
    if state == "overdue":
        return regs.filter(pk__in=scheduled.filter(due_on__lt=today).values("regulation"))
    if state in C.Result.values:
        return regs.annotate(last_result=_last_result()).filter(last_result=state)
    return regs


def filtered(
    regs: QuerySet[Regulation], params: Mapping[str, Any], user: Any, today: date
) -> QuerySet[Regulation]:
    """Filters: unit (and its sub-units), field, kind, status, check, case (closes one of its
    loopholes), q (名称或文号)."""
    if params.get("unit"):
        unit = Unit.objects.in_scope(user).filter(pk=parse_id(params["unit"]) or 0).first()
        regs = regs.filter(unit__path__startswith=unit.path) if unit else regs.none()
    if params.get("case"):
        case = Case.objects.visible_to(user).filter(pk=parse_id(params["case"]) or 0).first()
        regs = regs.filter(loopholes__analysis__case=case).distinct() if case else regs.none()
    if params.get("field") in Field.values:
        regs = regs.filter(unit__field=params["field"])
    if params.get("kind") in Regulation.Kind.values:
        regs = regs.filter(kind=params["kind"])
    if params.get("status") in Regulation.Status.values:
        regs = regs.filter(status=params["status"])
    if params.get("q"):
        regs = regs.filter(Q(title__contains=params["q"]) | Q(number__contains=params["q"]))
    return _by_check(regs, str(params.get("check", "")), today)


def filter_cases(user: Any) -> QuerySet[Case]:
    """Cases the reader may read whose loopholes some rule closes: the "堵塞案例漏洞" choices."""
    return (
        Case.objects.visible_to(user)
        .filter(analysis__loopholes__regulations__isnull=False)
        .select_related("unit")
        .prefetch_related("persons")
        .distinct()
    )


def check_status(reg: Regulation, today: date) -> str:
    """The list's 执行检查 column: the last result and the next check (prefetch `checks`)."""
    checks = [c for c in reg.checks.all() if c.kind == C.Kind.EXECUTION]
    done = sorted((c for c in checks if c.status == C.Status.DONE), key=lambda c: (c.done_on, c.pk))
    due = sorted((c for c in checks if c.status == C.Status.SCHEDULED), key=lambda c: c.due_on)
    parts = [f"{done[-1].get_result_display()}（{done[-1].done_on:%Y-%m-%d}）"] if done else []
    if due:
        late = "，已逾期" if due[0].due_on < today else ""
        parts.append(f"下次检查 {due[0].due_on:%Y-%m-%d}{late}")
    return "；".join(parts) or "—"


def campaign_rules(campaign: Any, user: Any) -> list[Rule]:
    """Rules made (新制定 or 修订) during the campaign — issued on or after its start, in force or
    since repealed — that close a problem of the campaign, as the reader may see them: what the
    campaign's 总结 counts as 建章立制. A rule entered later (补录) keeps its real issue date."""
    made = (Regulation.Kind.NEW, Regulation.Kind.REVISED)
    regs = Regulation.objects.visible_to(user).filter(
        problems__campaign=campaign,
        status__in=(Regulation.Status.IN_FORCE, Regulation.Status.REPEALED),
        kind__in=made,
        issued_on__gte=campaign.start_date,
    )
    return [Rule(reg.label, (reg.title, reg.number)) for reg in regs.distinct().order_by("title", "id")]
