"""What a 专项行动 / 专项治理 shows and reports, read from the data and only what the viewer may
see: the unit × phase grid, and the figures of the 总结 report (what each unit did, problems found
and closed, rules made, cadres reached by 警示教育), laid out as a GB/T 9704 公文 by
mingjian.documents.

"Rules made" are the regulations the register links to the campaign's problems (that app adds
them through register_rule_source, so this engine does not import it), and any 制度文件 evidence
of the campaign's tasks naming a rule the register does not hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db.models import Q
from django.utils import timezone

from mingjian.documents import Heading, OfficialDocument, Paragraph, write_docx
from mingjian.documents.text import text_lines
from mingjian.education.models import COUNTED_STATUSES, Attendance
from mingjian.org.models import Person
from mingjian.rectification.models import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    Cell,
    Evidence,
    PhaseTask,
    Problem,
    Task,
)
from mingjian.rectification.services.campaign_flow import default_report_to

CELL_LEVEL: dict[str, str] = {Cell.DONE: "success", Cell.IN_PROGRESS: "primary", Cell.OVERDUE: "danger"}


@dataclass
class GridCell:
    state: str
    task: Task | None = None

    @property
    def label(self) -> str:
        return str(Cell(self.state).label)

    @property
    def level(self) -> str:
        return CELL_LEVEL.get(self.state, "secondary")


@dataclass
class GridRow:
    target: CampaignTarget
    cells: list[GridCell]

    def count(self, state: str) -> int:
        return sum(1 for c in self.cells if c.state == state)


@dataclass
class Grid:
    phases: list[CampaignPhase]
    rows: list[GridRow]
    totals: list[Counter[str]] = field(default_factory=list)  # per phase: state → units


def campaign_grid(campaign: Campaign, user: Any, today: date | None = None) -> Grid:
    """One row per target unit the viewer may see, one cell per phase."""
    today = today or timezone.localdate()
    phases = list(campaign.phases.order_by("seq"))
    targets = list(
        CampaignTarget.objects.visible_to(user)
        .filter(campaign=campaign)
        .select_related("unit", "leader", "person")
    )
    found = {
        (pt.target_id, pt.phase_id): pt
        for pt in PhaseTask.objects.filter(target__in=targets).select_related("task", "phase")
    }
    rows = []
    for target in targets:
        cells = []
        for phase in phases:
            pt = found.get((target.pk, phase.pk))
            if pt is not None:
                cells.append(GridCell(pt.cell(today), pt.task))
            else:
                launched = campaign.status != Campaign.Status.DRAFT
                cells.append(GridCell(Cell.NONE if launched else Cell.NOT_STARTED))
        rows.append(GridRow(target, cells))
    totals = [Counter(row.cells[i].state for row in rows) for i in range(len(phases))]
    return Grid(phases, rows, totals)


@dataclass
class UnitReport:
    name: str
    done: int
    in_progress: int
    overdue: int
    not_started: int
    work: list[tuple[str, str]]  # (phase, what the unit reported doing)


@dataclass
class Summary:
    start: date
    end: date
    phases: list[CampaignPhase]
    units: list[UnitReport]
    problems: int
    closed: int
    problem_types: list[tuple[str, int]]
    rules: list[str]
    roster: int
    reached: int

    @property
    def reached_share(self) -> str:
        return f"{self.reached * 100 / self.roster:.1f}%" if self.roster else "—"


def _unit_reports(grid: Grid) -> list[UnitReport]:
    reports = []
    for row in grid.rows:
        work = [
            (phase.name, cell.task.progress.strip())
            for phase, cell in zip(grid.phases, row.cells, strict=True)
            if cell.task is not None and cell.task.progress.strip()
        ]
        reports.append(
            UnitReport(
                row.target.unit.name,
                row.count(Cell.DONE),
                row.count(Cell.IN_PROGRESS),
                row.count(Cell.OVERDUE),
                row.count(Cell.NOT_STARTED),
                work,
            )
        )
    return reports


def _problems(campaign: Campaign, user: Any) -> tuple[int, int, list[tuple[str, int]]]:
    """Problems found during the campaign (not its phase work): how many, how many closed (every
    task 销号), and how many of each type."""
    problems = Problem.objects.visible_to(user).filter(campaign=campaign).counted()
    open_ids = set(
        Task.objects.filter(problem__in=problems)
        .exclude(status=Task.Status.ACCEPTED)
        .values_list("problem_id", flat=True)
    )
    with_tasks = set(Task.objects.filter(problem__in=problems).values_list("problem_id", flat=True))
    types = Counter(problems.values_list("problem_type__name", flat=True))
    return problems.count(), len(with_tasks - open_ids), types.most_common()


class Rule(NamedTuple):
    """A rule made for the campaign: how the report names it, and the names evidence may use for
    it (its title, its 文号)."""

    label: str
    names: tuple[str, ...]


# Rules the campaign made, as another app records them, that the reader may see.
RuleSource = Callable[[Campaign, Any], list[Rule]]
_rule_sources: list[RuleSource] = []


def register_rule_source(source: RuleSource) -> None:
    if source not in _rule_sources:
        _rule_sources.append(source)


def _bare(title: str) -> str:
    return title.strip().strip("《》")


def _rules(campaign: Campaign, user: Any) -> list[str]:
    """The rules made, as 《名称》（文号）: each registered rule once (two units' rules of the same
    name are two rules), then 制度文件 evidence of the campaign's tasks (current versions) for
    rules no registered one is known by — neither by name nor by 文号."""
    registered = [rule for source in _rule_sources for rule in source(campaign, user)]
    known = {_bare(name) for rule in registered for name in rule.names if name.strip()}
    tasks = Task.objects.visible_to(user).filter(problem__campaign=campaign)
    rows = Evidence.objects.filter(task__in=tasks, kind=Evidence.Kind.REGULATION, superseded_by__isnull=True)
    evidenced: dict[str, str] = {}
    for e in rows.order_by("id"):
        name, number = _bare(e.name), e.record_ref.strip()
        if name in known or (number and number in known):
            continue
        evidenced.setdefault(name, f"《{name}》（{number}）" if number else f"《{name}》")
    return sorted(rule.label for rule in registered) + [evidenced[n] for n in sorted(evidenced)]


def _reach(campaign: Campaign, user: Any, targets: list[CampaignTarget], until: date) -> tuple[int, int]:
    """Cadres of the target units (visible to the viewer) and how many of them took part in a
    警示教育 during the campaign — present, or made up (补学)."""
    units = [t.unit for t in targets]
    if not units:
        return 0, 0
    roster = Person.objects.visible_to(user).filter(is_active=True) & Person.objects.roster_of(*units)
    since = campaign.start_date
    when = Q(presence=Attendance.Presence.PRESENT, event__held_on__range=(since, until)) | Q(
        presence=Attendance.Presence.MADE_UP, made_up_on__range=(since, until)
    )
    reached = (
        Attendance.objects.filter(when, event__status__in=COUNTED_STATUSES, person__in=roster)
        .values("person")
        .distinct()
        .count()
    )
    return roster.count(), reached


def campaign_summary(campaign: Campaign, user: Any, today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    grid = campaign_grid(campaign, user, today)
    end = min(campaign.end_date or today, today)
    problems, closed, types = _problems(campaign, user)
    roster, reached = _reach(campaign, user, [row.target for row in grid.rows], end)
    return Summary(
        start=campaign.start_date,
        end=campaign.end_date or today,
        phases=grid.phases,
        units=_unit_reports(grid),
        problems=problems,
        closed=closed,
        problem_types=types,
        rules=_rules(campaign, user),
        roster=roster,
        reached=reached,
    )


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _overview(campaign: Campaign, s: Summary) -> list[Heading | Paragraph]:
    phases = "、".join(
        f"{p.name}（{p.start_date.month}月{p.start_date.day}日至{_day(p.end_date)}）" for p in s.phases
    )
    text = (
        f"{_day(s.start)}至{_day(s.end)}，{campaign.issuer.name}组织开展{campaign.name}，"
        f"对象单位{len(s.units)}个"
    )
    text += f"，分{len(s.phases)}个阶段推进：{phases}" if s.phases else ""
    blocks: list[Heading | Paragraph] = [Heading("基本情况"), Paragraph(text)]
    blocks += [Paragraph(line) for line in text_lines(campaign.description)]
    return blocks


def _units(s: Summary) -> list[Heading | Paragraph]:
    blocks: list[Heading | Paragraph] = [Heading("各单位开展情况")]
    if not s.units:
        return [*blocks, Paragraph("尚无对象单位")]
    for u in s.units:
        counts = f"{u.done}个阶段任务已完成验收，{u.in_progress}个正在进行，{u.overdue}个逾期"
        counts += f"，{u.not_started}个尚未开始" if u.not_started else ""
        blocks.append(Paragraph(f"{u.name}：{counts}", numbered=2))
        blocks += [Paragraph(f"{phase}：{text}") for phase, text in u.work]
    return blocks


def _findings(s: Summary) -> list[Heading | Paragraph]:
    text = f"共发现问题{s.problems}个，已整改销号{s.closed}个，正在整改{s.problems - s.closed}个"
    if s.problem_types:
        text += "。其中" + "、".join(f"{name}{n}个" for name, n in s.problem_types)
    rules = f"制定或修订制度{len(s.rules)}项：" + "、".join(s.rules) if s.rules else "尚未报送制度文件佐证"
    reach = (
        f"对象单位干部{s.roster}人中，{s.reached}人在专项行动期间参加了警示教育（含补学），覆盖率{s.reached_share}"
        if s.roster
        else "对象单位干部名册为空，无法统计警示教育覆盖情况"
    )
    return [
        Heading("发现问题及整改情况"),
        Paragraph(text),
        Heading("建章立制情况"),
        Paragraph(rules),
        Heading("警示教育覆盖情况"),
        Paragraph(reach),
    ]


def campaign_document(campaign: Campaign, user: Any, today: date | None = None) -> OfficialDocument:
    """The 总结 report; a draft (marked as such, with the date of its figures) until concluded."""
    today = today or timezone.localdate()
    s = campaign_summary(campaign, user, today)
    body = [*_overview(campaign, s), *_units(s), *_findings(s)]
    if lines := text_lines(campaign.conclusion):
        body += [Heading("下一步工作"), *(Paragraph(line) for line in lines)]
    concluded = campaign.status == Campaign.Status.CONCLUDED and campaign.concluded_at is not None
    dated = timezone.localtime(campaign.concluded_at).date() if concluded and campaign.concluded_at else today
    return OfficialDocument(
        issuers=campaign.issuer.issuing_names(),
        number="",
        title=f"关于{campaign.name}开展情况的报告",
        addressees=campaign.report_to or default_report_to(campaign) or "各有关单位",
        body=tuple(body),
        dated=dated,
        draft_mark="" if concluded else f"（草稿，数据截至{_day(today)}）",
        printed_by=campaign.issuer.printing_office(),
        keep_words=(campaign.name, campaign.issuer.name),
    )


def build_campaign_docx(campaign: Campaign, user: Any) -> bytes:
    return write_docx(campaign_document(campaign, user))
