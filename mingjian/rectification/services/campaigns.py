"""专项行动 / 专项治理 set-up, templates and the issuing body's 整改时限设置: records written with
their audit event, in the name of the body the signed-in clerk works for.

A campaign made from a template copies the template's phases as dates from its start; while it
is prepared (筹备中) its phases are edited with save_phases. Built-in templates are copied into
the body's own (copy_template) and edited there (save_template). The workflow from launch to
总结 is in services.campaign_flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import (
    Campaign,
    CampaignPhase,
    CampaignTemplate,
    RectificationPolicy,
    TemplatePhase,
)
from mingjian.workflow.services import TransitionError, lock

NAME_MAX = CampaignPhase._meta.get_field("name").max_length or 30
MAX_DAYS = 730  # two years: longer drives are 常态化 work, not a campaign


@dataclass(frozen=True)
class PhaseInput:
    name: str
    start_date: date
    end_date: date
    requirement: str


@dataclass(frozen=True)
class TemplatePhaseInput:
    name: str
    start_day: int
    end_day: int
    requirement: str


def template_phases(template: CampaignTemplate, start: date) -> list[PhaseInput]:
    """The template's phases as dates, day 1 being `start`."""
    return [
        PhaseInput(
            p.name,
            start + timedelta(days=p.start_day - 1),
            start + timedelta(days=p.end_day - 1),
            p.requirement,
        )
        for p in template.phases.all()
    ]


@transaction.atomic
def create_campaign(
    *,
    by: User,
    issuer: Unit,
    name: str,
    field: str = "",
    start_date: date,
    end_date: date | None = None,
    description: str = "",
    kind: str = Campaign.Kind.GOVERNANCE,
    template: CampaignTemplate | None = None,
) -> Campaign:
    """A new campaign, 筹备中. From a template: its kind, field and 工作要求 unless given, its
    length unless an end date is given, and its phases laid out from the start date."""
    if not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    phases: list[PhaseInput] = []
    if template is not None:
        kind, field = template.kind, field or template.field
        description = description or template.description
        end_date = end_date or start_date + timedelta(days=template.days - 1)
        phases = template_phases(template, start_date)
    campaign = Campaign(
        name=name,
        kind=kind,
        field=field,
        issuer=issuer,
        start_date=start_date,
        end_date=end_date,
        description=description,
        template=template,
        created_by=by,
    )
    campaign.full_clean()
    campaign.save()
    if phases:
        _check_phases(campaign, phases)
        _write_phases(campaign, phases)
    record(
        by,
        "rectification.campaign.created",
        campaign,
        unit=issuer,
        template=template.pk if template else None,
        phases=len(phases),
    )
    return campaign


def _check_phases(campaign: Campaign, phases: list[PhaseInput]) -> None:
    """Every phase named, with its 工作要求, inside the campaign's dates, in order of start."""
    errors = []
    if not phases:
        errors.append("请至少设置一个阶段")
    last_start: date | None = None
    for n, p in enumerate(phases, 1):
        where = f"第{n}阶段“{p.name.strip() or '未命名'}”"
        if not p.name.strip():
            errors.append(f"第{n}阶段：请填写阶段名称")
        elif len(p.name.strip()) > NAME_MAX:
            errors.append(f"{where}：阶段名称不超过{NAME_MAX}字")
        if not p.requirement.strip():
            errors.append(f"{where}：请填写工作要求")
        if p.end_date < p.start_date:
            errors.append(f"{where}：结束日期不能早于开始日期")
        if p.start_date < campaign.start_date or (campaign.end_date and p.end_date > campaign.end_date):
            span = f"{campaign.start_date:%Y-%m-%d} 至 {campaign.end_date or '—'}"
            errors.append(f"{where}：日期须在专项行动期间（{span}）内")
        if last_start is not None and p.start_date < last_start:
            errors.append(f"{where}：各阶段须按开始日期先后排列")
        last_start = p.start_date
    if errors:
        raise TransitionError("；".join(errors) + "。")


def _write_phases(campaign: Campaign, phases: list[PhaseInput]) -> None:
    """Rows are kept by position (links to a phase, such as an outline node's, follow it)."""
    existing = list(campaign.phases.order_by("seq"))
    for row in existing[len(phases) :]:
        row.delete()
    for seq, p in enumerate(phases, 1):
        values = {
            "name": p.name.strip(),
            "start_date": p.start_date,
            "end_date": p.end_date,
            "requirement": p.requirement.strip(),
        }
        if seq <= len(existing):
            row = existing[seq - 1]
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
        else:
            CampaignPhase.objects.create(campaign=campaign, seq=seq, **values)


@transaction.atomic
def save_phases(campaign: Campaign, *, by: User, phases: list[PhaseInput]) -> list[CampaignPhase]:
    """Replace the phases of a campaign still being prepared (all checked first, all or none)."""
    campaign = lock(campaign)
    if not perms.can_run_campaign(by, campaign):
        raise PermissionDenied
    if campaign.status != Campaign.Status.DRAFT:
        raise TransitionError("专项行动已部署，阶段不能再修改。")
    _check_phases(campaign, phases)
    _write_phases(campaign, phases)
    record(by, "rectification.campaign.phases_saved", campaign, unit=campaign.issuer, phases=len(phases))
    return list(campaign.phases.order_by("seq"))


@transaction.atomic
def append_phases(campaign: Campaign, *, by: User, phases: list[PhaseInput]) -> list[CampaignPhase]:
    """Add phases after the existing ones (a speech's or 方案's points turned into phases)."""
    campaign = lock(campaign)
    current = [
        PhaseInput(p.name, p.start_date, p.end_date, p.requirement) for p in campaign.phases.order_by("seq")
    ]
    ordered = sorted([*current, *phases], key=lambda p: p.start_date)
    saved = save_phases(campaign, by=by, phases=ordered)
    added = {(p.name.strip(), p.start_date, p.end_date) for p in phases}
    return [p for p in saved if (p.name, p.start_date, p.end_date) in added]


def _check_template(days: int, phases: list[TemplatePhaseInput]) -> None:
    errors = []
    if not 1 <= days <= MAX_DAYS:
        errors.append(f"时长应在 1 至 {MAX_DAYS} 天之间")
    if not phases:
        errors.append("请至少设置一个阶段")
    last = 0
    for n, p in enumerate(phases, 1):
        where = f"第{n}阶段“{p.name.strip() or '未命名'}”"
        if not p.name.strip() or len(p.name.strip()) > NAME_MAX:
            errors.append(f"第{n}阶段：请填写阶段名称（不超过{NAME_MAX}字）")
        if not p.requirement.strip():
            errors.append(f"{where}：请填写工作要求")
        if not 1 <= p.start_day <= p.end_day <= days:
            errors.append(f"{where}：起止天数应在第 1 至第 {days} 天之间，且开始不晚于结束")
        if p.start_day < last:
            errors.append(f"{where}：各阶段须按开始天数先后排列")
        last = p.start_day
    if errors:
        raise TransitionError("；".join(errors) + "。")


@transaction.atomic
def save_template(
    template: CampaignTemplate,
    *,
    by: User,
    name: str,
    kind: str,
    field: str,
    days: int,
    description: str,
    phases: list[TemplatePhaseInput],
) -> CampaignTemplate:
    """Edit one of the body's own templates (its phases replaced, all checked first)."""
    if not perms.can_edit_template(by, template):
        raise PermissionDenied
    _check_template(days, phases)
    values: dict[str, Any] = {
        "name": name.strip(),
        "kind": kind,
        "field": field,
        "days": days,
        "description": description,
    }
    for key, value in values.items():
        setattr(template, key, value)
    template.full_clean()
    template.save()
    template.phases.all().delete()
    TemplatePhase.objects.bulk_create(
        TemplatePhase(
            template=template,
            seq=seq,
            name=p.name.strip(),
            start_day=p.start_day,
            end_day=p.end_day,
            requirement=p.requirement.strip(),
        )
        for seq, p in enumerate(phases, 1)
    )
    record(by, "rectification.template.saved", template, unit=template.issuer, phases=len(phases))
    return template


@transaction.atomic
def copy_template(template: CampaignTemplate, *, by: User, issuer: Unit) -> CampaignTemplate:
    """The body's own copy of a template (a built-in one or its own), to edit."""
    if not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    copy = CampaignTemplate.objects.create(
        name=f"{template.name}（{issuer.short_name or issuer.name}）"[:100],
        kind=template.kind,
        field=template.field,
        days=template.days,
        description=template.description,
        issuer=issuer,
        created_by=by,
    )
    TemplatePhase.objects.bulk_create(
        TemplatePhase(
            template=copy,
            seq=p.seq,
            name=p.name,
            start_day=p.start_day,
            end_day=p.end_day,
            requirement=p.requirement,
        )
        for p in template.phases.all()
    )
    record(by, "rectification.template.copied", copy, unit=issuer, source=template.pk)
    return copy


@transaction.atomic
def save_policy(
    issuer: Unit,
    *,
    by: User,
    green_days: int,
    yellow_days: int,
    review_months: int,
) -> RectificationPolicy:
    if not perms.can_set_up_for(by, issuer):
        raise PermissionDenied
    policy = RectificationPolicy.objects.select_for_update().filter(issuer=issuer).first()
    policy = policy or RectificationPolicy(issuer=issuer)
    values: dict[str, Any] = {
        "green_days": green_days,
        "yellow_days": yellow_days,
        "review_months": review_months,
    }
    for name, value in values.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    record(by, "rectification.policy.updated", policy, unit=issuer, **values)
    return policy
