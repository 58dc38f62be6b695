"""专项行动 / 专项治理 workflow: target units, launch, 总结.

draft -launch-> launched -conclude-> concluded

Target units are chosen by field, by subtree or from an analysis's 类案延伸单位; each names its
责任领导 (a 班子成员 signing in with their own account: rectification.permissions.leaders_of) and
责任人 (from the 干部名册). A unit whose 班子 has no account cannot be given work that nobody could
sign off, so it is refused by name rather than given an invented leader.

Launching gives every target unit one task per phase through the engine (create_tasks, issued at
once, due at the phase's end), all in one transaction: one refused task leaves nothing behind. A
unit added while the campaign is under way gets the phases that have not yet ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.org.models import Person, Unit, User
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import (
    Campaign,
    CampaignPhase,
    CampaignTarget,
    PhaseTask,
    Problem,
    ProblemType,
)
from mingjian.rectification.services.problems import TaskPlan, create_tasks
from mingjian.workflow.services import TransitionError, check, lock, move

C = Campaign.Status
PHASE_TYPE = "专项行动阶段任务"


@dataclass(frozen=True)
class TargetInput:
    unit: Unit
    leader: User | None
    person: Person | None = None


def target_problems(target: TargetInput, campaign: Campaign) -> list[str]:
    """Why `target` cannot be added (empty when it can), each naming the unit."""
    unit = target.unit
    leaders = perms.leaders_of(unit)
    if not leaders.exists():
        return [f"{unit.name}没有班子成员账号，无法指定责任领导（请先开通账号，或改选其他单位）"]
    errors = []
    if target.leader is None or not leaders.filter(pk=target.leader.pk).exists():
        errors.append(f"{unit.name}：责任领导须为{unit.leadership_unit().name}班子成员")
    if target.person is not None and not Person.objects.roster_of(unit).filter(pk=target.person.pk).exists():
        errors.append(f"{unit.name}：责任人须从本单位干部名册中选择")
    if campaign.targets.filter(unit=unit).exists():
        errors.append(f"{unit.name}已是对象单位")
    return errors


def _phase_plans(campaign: Campaign, target: CampaignTarget, phases: list[CampaignPhase]) -> list[TaskPlan]:
    kind = ProblemType.objects.get(name=PHASE_TYPE)
    return [
        TaskPlan(
            title=f"{campaign.name}·{phase.name}",
            unit=target.unit,
            problem_type=kind,
            # No dates in the text: the phase holds them and the deadline is the task's own, so a
            # phase moved later never leaves a task describing the old period.
            measure=f"{phase.name}：{phase.requirement}",
            due_date=phase.end_date,
            leader=target.leader,
            person=target.person,
            description=f"{campaign.get_kind_display()}“{campaign.name}”第{phase.seq}阶段",
            links={"campaign": campaign},
        )
        for phase in phases
    ]


def _give_phase_tasks(campaign: Campaign, target: CampaignTarget, by: User) -> int:
    """The target's task for every phase that has not ended, issued at once."""
    today = timezone.localdate()
    phases = list(campaign.phases.filter(end_date__gte=today).order_by("seq"))
    tasks = create_tasks(
        _phase_plans(campaign, target, phases),
        issuer=campaign.issuer,
        source=Problem.Source.CAMPAIGN,
        by=by,
        issue_now=True,
    )
    PhaseTask.objects.bulk_create(
        PhaseTask(target=target, phase=phase, task=task) for phase, task in zip(phases, tasks, strict=True)
    )
    return len(tasks)


@transaction.atomic
def add_targets(campaign: Campaign, *, by: User, targets: list[TargetInput]) -> list[CampaignTarget]:
    """Add target units (all checked first, all or none); under way, they get their tasks now."""
    campaign = lock(campaign)
    if not perms.can_run_campaign(by, campaign):
        raise PermissionDenied
    if campaign.status == C.CONCLUDED:
        raise TransitionError("专项行动已总结，不能再增加对象单位。")
    if not targets:
        raise TransitionError("请至少选择一个对象单位。")
    for target in targets:
        if not perms.is_issuer_side(by, target.unit, campaign.issuer):
            raise PermissionDenied
    errors = [e for target in targets for e in target_problems(target, campaign)]
    if len({t.unit.pk for t in targets}) != len(targets):
        errors.append("同一单位选择了两次")
    if errors:
        raise TransitionError("；".join(errors) + "。")
    made = [
        # Checked above: every target names one of its unit's leaders.
        CampaignTarget.objects.create(
            campaign=campaign, unit=t.unit, leader=cast(User, t.leader), person=t.person, added_by=by
        )
        for t in targets
    ]
    tasks = sum(_give_phase_tasks(campaign, t, by) for t in made) if campaign.status == C.LAUNCHED else 0
    record(
        by,
        "rectification.campaign.targets_added",
        campaign,
        unit=campaign.issuer,
        units=[t.unit_id for t in made],
        tasks=tasks,
    )
    return made


@transaction.atomic
def remove_target(target: CampaignTarget, *, by: User) -> None:
    """Take a unit off a campaign still being prepared (it has no tasks yet)."""
    campaign = lock(target.campaign)
    if not perms.can_run_campaign(by, campaign):
        raise PermissionDenied
    if campaign.status != C.DRAFT:
        raise TransitionError("专项行动已部署，对象单位的阶段任务已下发，不能移除。")
    unit = target.unit_id
    target.delete()
    record(by, "rectification.campaign.target_removed", campaign, unit=campaign.issuer, target_unit=unit)


@transaction.atomic
def launch_campaign(campaign: Campaign, *, by: User) -> Campaign:
    """部署: every target unit gets one task per phase, due at the phase's end."""
    campaign = lock(campaign)
    if not perms.can_run_campaign(by, campaign):
        raise PermissionDenied
    check(campaign, C.LAUNCHED)
    phases = list(campaign.phases.order_by("seq"))
    if not phases:
        raise TransitionError("请先设置专项行动的阶段（名称、起止日期和工作要求）再部署。")
    today = timezone.localdate()
    ended = [p.name for p in phases if p.end_date < today]
    if ended:
        raise TransitionError(f"阶段“{'”“'.join(ended)}”的结束日期已过，请调整阶段日期后再部署。")
    targets = list(campaign.targets.select_related("unit", "leader", "person"))
    tasks = sum(_give_phase_tasks(campaign, t, by) for t in targets)
    campaign.launched_at = timezone.now()
    move(
        campaign,
        to=C.LAUNCHED,
        by=by,
        action="launch",
        audit_action="rectification.campaign.launched",
        fields=("launched_at",),
        targets=len(targets),
        tasks=tasks,
    )
    return campaign


def too_early_to_conclude(campaign: Campaign) -> str:
    """Why a launched campaign cannot be concluded yet ("" when it can): its last phase has not
    begun. The page shows this instead of the button."""
    last = campaign.phases.order_by("-seq").first()
    if campaign.status == C.LAUNCHED and last is not None and last.start_date > timezone.localdate():
        return f"最后一个阶段“{last.name}”于{last.start_date:%Y-%m-%d}开始，届时再总结。"
    return ""


@transaction.atomic
def conclude_campaign(campaign: Campaign, *, by: User, report_to: str, conclusion: str = "") -> Campaign:
    """总结: once the last phase has begun; the 总结 report is then generated from the data."""
    campaign = lock(campaign)
    if not perms.can_run_campaign(by, campaign):
        raise PermissionDenied
    check(campaign, C.CONCLUDED)
    early = too_early_to_conclude(campaign)
    if early:
        raise TransitionError(early)
    if not report_to.strip():
        raise TransitionError("请填写总结报告的主送机关。")
    campaign.concluded_at = timezone.now()
    campaign.report_to, campaign.conclusion = report_to.strip()[:100], conclusion.strip()
    move(
        campaign,
        to=C.CONCLUDED,
        by=by,
        action="conclude",
        audit_action="rectification.campaign.concluded",
        fields=("concluded_at", "report_to", "conclusion"),
    )
    return campaign


def default_report_to(campaign: Campaign) -> str:
    """A 纪委监委 reports to the 党委 of its level; a 派驻组 to the 纪委监委 that sent it."""
    parent = campaign.issuer.parent
    if parent is None:
        return ""
    if parent.kind in (Unit.Kind.COMMISSION, Unit.Kind.STATIONED):
        return parent.full_name.split()[0] if parent.full_name else parent.name
    return f"中共{parent.name}委员会"
