"""Demo 专项行动 / 专项治理 for X市, made from the built-in templates through the services the pages
use, over the units whose 班子 have accounts (市民政局, 市财政局):

- 警示教育专项行动（7日）, in its fourth day: 动员部署 and 学习教育 done, 查摆剖析 under way;
- 以案促改专项行动（3个月）, at 整改落实: the first three phases done (the 财政局's 查摆剖析 overdue,
  still with the 纪委), one problem found and closed, one open, a rule made;
- 农村低保专项治理 by the 派驻组 over the 民政局, in its 自查自纠 phase, with one problem found.

A campaign is launched on today's date and then set back (dates, not statuses), as if it had
been launched days ago. Only seed_demo calls this; it does nothing when the demo campaigns exist.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, Unit, User
from mingjian.rectification import services
from mingjian.rectification.campaign_templates import CASE_REFORM_QUARTER, RURAL_ASSISTANCE, WARNING_WEEK
from mingjian.rectification.models import (
    Campaign,
    CampaignPhase,
    CampaignTemplate,
    PhaseTask,
    Problem,
    ProblemType,
    Task,
)
from mingjian.rectification.permissions import principals_of

PDF = b"%PDF-1.4\n% demo campaign evidence\n"
# (unit code, liaison, 责任领导 who signs, position of the 责任人)
UNITS = (("x-mz", "minzheng", "mzfuju", "科长"), ("x-cz", "caizheng", "czfuju", "科长"))


def set_back(campaign: Campaign, days: int) -> None:
    """Move a launched campaign's dates `days` back: its period, its phases, its tasks' deadlines."""
    shift = timedelta(days=days)
    Campaign.objects.filter(pk=campaign.pk).update(
        start_date=F("start_date") - shift, end_date=F("end_date") - shift
    )
    CampaignPhase.objects.filter(campaign=campaign).update(
        start_date=F("start_date") - shift, end_date=F("end_date") - shift
    )
    Task.objects.filter(problem__campaign=campaign, due_date__isnull=False).update(
        due_date=F("due_date") - shift
    )
    campaign.refresh_from_db()


def launched(
    name: str, spec_name: str, *, by: User, issuer: Unit, days_ago: int, targets: list[str]
) -> Campaign:
    """A campaign from a built-in template, its targets' leaders the 分管 班子成员, launched."""
    template = CampaignTemplate.objects.get(name=spec_name, issuer__isnull=True)
    campaign = services.create_campaign(
        by=by, issuer=issuer, name=name, start_date=timezone.localdate(), template=template
    )
    rows = []
    for code, _, leader, position in UNITS:
        if code in targets:
            unit = Unit.objects.get(code=code)
            person = Person.objects.roster_of(unit).filter(position=position).order_by("pk").first()
            rows.append(services.TargetInput(unit, User.objects.get(username=leader), person))
    if rows:
        services.add_targets(campaign, by=by, targets=rows)
    services.launch_campaign(campaign, by=by)
    set_back(campaign, days_ago)
    return campaign


def _phase_task(campaign: Campaign, code: str, seq: int) -> Task:
    return PhaseTask.objects.get(target__campaign=campaign, target__unit__code=code, phase__seq=seq).task


def work(task: Task, worker: User, leader: User, what: str, kind: str = "document") -> Task:
    """Start, prove, write, sign (the 责任领导) and submit (the liaison): to 待审核."""
    task = services.start_task(task, by=worker)
    checked = check_upload(f"{what}.pdf", PDF + what.encode())
    services.add_evidence(task, by=worker, kind=kind, name=what, checked=checked)
    task = services.save_progress(task, by=worker, progress=f"已完成：{what}。")
    services.confirm_task(task, by=leader, comment="情况属实。")
    return services.submit_task(task, by=worker)


def _done(
    campaign: Campaign, u: dict[str, User], code: str, seq: int, what: str, *, kind: str = "document"
) -> None:
    _, liaison, leader, _ = next(row for row in UNITS if row[0] == code)
    task = work(_phase_task(campaign, code, seq), u[liaison], u[leader], what, kind)
    services.accept_task(task, by=u["jiwei"], verification="written", note="核对佐证材料，完成到位。")


def _warning_week(u: dict[str, User]) -> None:
    campaign = launched(
        "2026年全市警示教育专项行动",
        WARNING_WEEK.name,
        by=u["jiwei"],
        issuer=Unit.objects.get(code="x-jw"),
        days_ago=3,
        targets=["x-mz", "x-cz"],
    )
    for code, what in (("x-mz", "动员部署会会议纪要及实施方案"), ("x-cz", "动员部署会会议纪要")):
        _done(campaign, u, code, 1, what)
    _done(campaign, u, "x-mz", 2, "警示教育大会签到表及学习记录")
    services.start_task(_phase_task(campaign, "x-cz", 2), by=u["caizheng"])
    services.start_task(_phase_task(campaign, "x-mz", 3), by=u["minzheng"])


def _found(
    campaign: Campaign, u: dict[str, User], code: str, title: str, *, type_name: str, days: int
) -> Task:
    """A problem found during the campaign, registered by the 纪委 with its task."""
    unit = Unit.objects.get(code=code)
    _, _, leader, position = next(row for row in UNITS if row[0] == code)
    plan = services.TaskPlan(
        title=title,
        unit=unit,
        problem_type=ProblemType.objects.get(name=type_name),
        measure=f"针对“{title}”逐项整改，建立台账，明确专人负责。",
        due_date=timezone.localdate() + timedelta(days=days),
        leader=u[leader],
        person=Person.objects.roster_of(unit).filter(position=position).order_by("pk").first(),
        links={"campaign": campaign},
    )
    issuer = campaign.issuer
    by = u["jiwei"] if issuer.code == "x-jw" else u["paizhu"]
    return services.create_tasks(
        [plan], issuer=issuer, source=Problem.Source.CAMPAIGN, by=by, issue_now=True
    )[0]


def _case_reform(u: dict[str, User]) -> None:
    campaign = launched(
        "2026年以案促改专项行动",
        CASE_REFORM_QUARTER.name,
        by=u["jiwei"],
        issuer=Unit.objects.get(code="x-jw"),
        days_ago=55,
        targets=["x-mz", "x-cz"],
    )
    for seq, what in (
        (1, "专项行动实施方案"),
        (2, "警示教育大会会议记录"),
        (3, "专题民主生活会会议记录和查摆问题清单"),
    ):
        _done(campaign, u, "x-mz", seq, what)
    _done(campaign, u, "x-cz", 1, "专项行动实施方案")
    _done(campaign, u, "x-cz", 2, "观看警示教育片签到表")
    services.start_task(_phase_task(campaign, "x-cz", 3), by=u["caizheng"])  # 逾期: past the phase's end
    services.start_task(_phase_task(campaign, "x-mz", 4), by=u["minzheng"])
    closed = _found(
        campaign, u, "x-mz", "低保审批“一人审核一人审批”，缺少交叉复核", type_name="审核把关不严", days=20
    )
    task = work(closed, u["minzheng"], u["mzfuju"], "城乡低保审核确认交叉复核规定", kind="regulation")
    services.accept_task(task, by=u["jiwei"], verification="on_site", note="实地查看复核记录。")
    _found(campaign, u, "x-mz", "低保对象动态管理台账未按月更新", type_name="低保等救助对象认定不准", days=25)


def _rural(u: dict[str, User]) -> None:
    group = Unit.objects.get(code="x-pz1")
    campaign = launched(
        "市民政局农村低保专项治理",
        RURAL_ASSISTANCE.name,
        by=u["paizhu"],
        issuer=group,
        days_ago=20,
        targets=["x-mz"],
    )
    _, liaison, leader, _ = UNITS[0]
    task = work(_phase_task(campaign, "x-mz", 1), u[liaison], u[leader], "农村低保专项治理实施方案")
    services.accept_task(task, by=u["paizhu"], verification="written")
    services.start_task(_phase_task(campaign, "x-mz", 2), by=u[liaison])
    _found(
        campaign,
        u,
        "x-mz",
        "3户农村低保对象家庭成员名下有登记车辆未申报",
        type_name="低保等救助对象认定不准",
        days=30,
    )


NAMES = ("2026年全市警示教育专项行动", "2026年以案促改专项行动", "市民政局农村低保专项治理")


def seed() -> dict[str, Any]:
    if Campaign.objects.filter(name__in=NAMES).exists():
        return {"campaigns_created": 0}
    u = {user.username: user for user in User.objects.all()}
    if not all(principals_of(Unit.objects.get(code=code)).exists() for code, *_ in UNITS):
        return {"campaigns_created": 0, "note": "演示单位没有班子成员账号，跳过专项行动演示"}
    _warning_week(u)
    _case_reform(u)
    _rural(u)
    return {"campaigns_created": len(NAMES), "phase_tasks": PhaseTask.objects.count()}
