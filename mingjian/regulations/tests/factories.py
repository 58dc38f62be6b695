"""Builders for 建章立制 tests: an approved analysis with a loophole, the problem and the submitted
task it raised, and regulations taken through the real workflow."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mingjian.cases.models import Case, CaseAnalysis, IntegrityRisk, SystemLoophole
from mingjian.cases.tests.factories import AnalysisFactory
from mingjian.lib.uploads import CheckedFile, check_upload
from mingjian.org.models import Unit, User
from mingjian.org.tests.factories import leader_of
from mingjian.rectification.models import Task
from mingjian.rectification.tests.factories import TaskFactory
from mingjian.regulations import services
from mingjian.regulations.models import Regulation


def pdf(name: str = "制度") -> CheckedFile:
    return check_upload(f"{name}.pdf", b"%PDF-1.4\n" + name.encode())


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@dataclass
class Loop:
    """A case of bureau_a analysed (approved), its loophole and risk point, and the task answering
    the loophole, submitted and waiting for 销号."""

    case: Case
    analysis: CaseAnalysis
    hole: SystemLoophole
    risk: IntegrityRisk
    task: Task
    boss: User  # a 班子成员 of bureau_a with a leader account


def make_loop(org: Any, *, status: str = Task.Status.SUBMITTED) -> Loop:
    analysis = AnalysisFactory(case__unit=org.bureau_a, status=CaseAnalysis.Status.APPROVED)
    hole = SystemLoophole.objects.create(
        analysis=analysis,
        description="缺少经办人员近亲属申请低保备案和回避规定",
        regulation="低保审核确认办法",
    )
    risk = IntegrityRisk.objects.create(
        analysis=analysis, post="低保审批权", description="一人审核一人审批，缺少交叉复核", level="high"
    )
    task = TaskFactory(
        problem__unit=org.bureau_a,
        problem__issuer=org.commission,
        problem__loophole=hole,
        problem__case=analysis.case,
        status=status,
    )
    boss = User.objects.filter(username="boss").first() or leader_of(org.bureau_a, username="boss")
    return Loop(analysis.case, analysis, hole, risk, task, boss)


def draft(by: User, unit: Unit, **fields: Any) -> Regulation:
    data = services.RegulationInput(
        unit=unit, title=fields.pop("title", "低保审核确认办法（修订）"), **fields
    )
    return services.create_regulation(data, by=by, checked=pdf("征求意见稿"), note="征求意见稿")


def issue(reg: Regulation, leader: User, *, effective: datetime.date | None = None) -> Regulation:
    """审议 and 印发施行 (the drafter sends it to 审议, `leader` records the issue)."""
    if reg.status == Regulation.Status.DRAFTING:
        reg = services.review_regulation(reg, by=reg.drafted_by)  # type: ignore[arg-type]
    day = effective or timezone.localdate()
    return services.issue_regulation(
        reg, by=leader, number="测民发〔2026〕1号", issued_on=min(day, timezone.localdate()), effective_on=day
    )


def in_force(org: Any, leader: User, **fields: Any) -> Regulation:
    return issue(draft(org.liaison, fields.pop("unit", org.bureau_a), **fields), leader)
