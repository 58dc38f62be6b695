"""专项行动 / 专项治理 pages: the campaign with its unit × phase grid, its phases, its target units
(by field, by subtree, or an analysis's 类案延伸单位 in one click), launch, 总结 and the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.cases.models import CaseAnalysis
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.models import Field, Person, Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import services
from mingjian.rectification.campaign_forms import ConcludeForm, PhaseFormSet
from mingjian.rectification.campaign_report import build_campaign_docx, campaign_grid
from mingjian.rectification.models import Campaign, CampaignTarget
from mingjian.rectification.permissions import (
    can_run_campaign,
    issuable_units,
    leaders_of,
    principals_of,
)
from mingjian.workflow.services import TransitionError, history

S = Campaign.Status
# Target units are units that carry work: not 内设机构 and not the supervising bodies themselves.
NOT_TARGETS = (Unit.Kind.DEPARTMENT, Unit.Kind.COMMISSION, Unit.Kind.STATIONED, Unit.Kind.INSPECTION)


@login_required
def campaign_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = get_visible_or_404(Campaign, request.user, pk=pk)
    can_run = can_run_campaign(request.user, campaign)
    conclude = None
    if can_run and campaign.status == S.LAUNCHED:
        conclude = ConcludeForm(initial={"report_to": services.default_report_to(campaign)})
    context = {
        "campaign": campaign,
        "phases": campaign.phases.order_by("seq"),
        "grid": campaign_grid(campaign, request.user),
        "can_run": can_run,
        "conclude_form": conclude,
        "too_early": services.too_early_to_conclude(campaign) if conclude else "",
        "history": history(campaign),
    }
    return render(request, "rectification/campaign_detail.html", context)


def _runnable(request: AuthedRequest, pk: int) -> Campaign:
    """The campaign, for the staff of its 牵头单位 only (404 for everyone else)."""
    campaign = get_visible_or_404(Campaign, request.user, pk=pk)
    if not can_run_campaign(request.user, campaign):
        raise Http404
    return campaign


@login_required
def campaign_phases(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _runnable(request, pk)
    if campaign.status != S.DRAFT:
        raise Http404  # phases are fixed once launched: the detail page shows them
    initial = [
        {"name": p.name, "start_date": p.start_date, "end_date": p.end_date, "requirement": p.requirement}
        for p in campaign.phases.order_by("seq")
    ]
    formset = PhaseFormSet(request.POST or None, initial=initial, prefix="phase")
    if request.method == "POST" and formset.is_valid():
        phases = [p for f in formset.forms if (p := f.phase()) is not None]
        try:
            services.save_phases(campaign, by=request.user, phases=phases)
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, f"已保存 {len(phases)} 个阶段。")
            return redirect(campaign)
    return render(request, "rectification/campaign_phases.html", {"campaign": campaign, "formset": formset})


@dataclass
class Candidate:
    unit: Unit
    leaders: list[User]
    people: list[Person]
    leader: User | None
    person: Person | None
    checked: bool = False


def candidate(unit: Unit, *, checked: bool = False) -> Candidate:
    """A unit with its possible 责任领导 (the principal first) and 责任人 (the leader, if on the
    unit's own roster)."""
    leaders = list(leaders_of(unit))
    principal = principals_of(unit).first()
    leader = principal or (leaders[0] if leaders else None)
    people = list(Person.objects.roster_of(unit).select_related("unit").order_by("unit__path", "name"))
    person = getattr(leader, "person", None) if leader else None
    return Candidate(unit, leaders, people, leader, person if person in people else None, checked)


def _pool(user: User, campaign: Campaign) -> QuerySet[Unit]:
    taken = campaign.targets.values("unit")
    return issuable_units(user, campaign.issuer).exclude(kind__in=NOT_TARGETS).exclude(pk__in=taken)


def _chosen(params: Any, pool: QuerySet[Unit], user: User) -> tuple[str, QuerySet[Unit], bool]:
    """The candidates asked for: ?field=, ?root= (a unit and its subtree) or ?analysis= (its
    类案延伸单位, all ticked). An id the viewer may not use selects nothing, like a missing one."""
    if (root_id := parse_id(params.get("root"))) is not None:
        root = Unit.objects.in_scope(user).filter(pk=root_id).first()
        return "root", pool.filter(path__startswith=root.path) if root else pool.none(), False
    if (analysis_id := parse_id(params.get("analysis"))) is not None:
        analysis = CaseAnalysis.objects.visible_to(user).filter(pk=analysis_id).first()
        units = analysis.extend_to_units.values("pk") if analysis else []
        return "analysis", pool.filter(pk__in=units) if analysis else pool.none(), True
    field = params.get("field", "")
    return "field", pool.filter(field=field) if field in Field.values else pool.none(), False


def _analyses(user: User) -> Any:
    return (
        CaseAnalysis.objects.visible_to(user)
        .filter(status=CaseAnalysis.Status.APPROVED, extend_to_units__isnull=False)
        .select_related("case__unit")
        .distinct()
        .order_by("-updated_at")[:20]
    )


def _suggested(analysis: CaseAnalysis, pool: QuerySet[Unit]) -> tuple[CaseAnalysis, list[Candidate], bool]:
    """An analysis's 类案延伸单位 still to add, and whether one click can add any of them."""
    found = [candidate(u) for u in analysis.extend_to_units.all() if u in pool]
    return analysis, found, any(c.leader for c in found)


def _targets_from(post: Any, pool: QuerySet[Unit]) -> list[services.TargetInput]:
    """The ticked units with their chosen leader and 责任人 (ids from the page's own lists; the
    service checks each against the unit's leaders and roster)."""
    ids = [i for i in (parse_id(v) for v in post.getlist("unit")) if i is not None]
    units = {u.pk: u for u in pool.filter(pk__in=ids)}
    if len(units) != len(set(ids)):
        raise PermissionDenied  # a unit not offered on the page
    found = []
    for unit_id in dict.fromkeys(ids):
        leader_id, person_id = (
            parse_id(post.get(f"leader-{unit_id}")),
            parse_id(post.get(f"person-{unit_id}")),
        )
        leader = User.objects.filter(pk=leader_id).first() if leader_id else None
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        found.append(services.TargetInput(units[unit_id], leader, person))
    return found


@login_required
def campaign_targets(request: AuthedRequest, pk: int) -> HttpResponse:
    campaign = _runnable(request, pk)
    if campaign.status == S.CONCLUDED:
        raise Http404
    pool = _pool(request.user, campaign)
    if request.method == "POST":
        try:
            made = services.add_targets(campaign, by=request.user, targets=_targets_from(request.POST, pool))
        except PermissionDenied:
            raise Http404 from None
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            done = "，阶段任务已下发" if campaign.status == S.LAUNCHED else ""
            messages.success(request, f"已添加 {len(made)} 个对象单位{done}。")
            return redirect(campaign)
    params: Any = request.GET if request.method == "GET" else request.POST
    if not any(params.get(k) for k in ("field", "root", "analysis")):
        params = {"field": campaign.field}
    mode, units, checked = _chosen(params, pool, request.user)
    context = {
        "campaign": campaign,
        "mode": mode,
        "params": params,
        "fields": Field.choices,
        "roots": pool.filter(depth__lte=2).order_by("path"),
        "candidates": [candidate(u, checked=checked) for u in units.order_by("path")],
        "analyses": [_suggested(a, pool) for a in _analyses(request.user)],
    }
    return render(request, "rectification/campaign_targets.html", context)


@require_POST
@login_required
def campaign_target_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    target = get_visible_or_404(CampaignTarget, request.user, pk=pk)
    campaign = _runnable(request, target.campaign_id)
    try:
        services.remove_target(target, by=request.user)
    except TransitionError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已移除对象单位{target.unit}。")
    return redirect(campaign)


@require_POST
@login_required
def campaign_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    campaign = _runnable(request, pk)
    try:
        if action == "launch":
            services.launch_campaign(campaign, by=request.user)
            messages.success(request, "已部署，各对象单位的阶段任务已下发。")
        elif action == "conclude":
            form = ConcludeForm(request.POST)
            if not form.is_valid():
                raise TransitionError("请填写总结报告的主送机关。")
            services.conclude_campaign(campaign, by=request.user, **form.cleaned_data)
            messages.success(request, "已总结，可下载由数据生成的总结报告。")
        else:
            raise Http404
    except TransitionError as e:
        messages.error(request, str(e))
    return redirect(campaign)


@login_required
def campaign_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The 总结 report (a draft until concluded), with the figures the viewer may see."""
    campaign = get_visible_or_404(Campaign, request.user, pk=pk)
    if campaign.status == S.DRAFT:
        raise Http404
    data = build_campaign_docx(campaign, request.user)
    record(request.user, "rectification.campaign.exported", campaign, unit=campaign.issuer)
    name = f"{campaign.name}总结报告{'' if campaign.status == S.CONCLUDED else '（草稿）'}.docx"
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
