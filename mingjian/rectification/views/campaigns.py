"""专项行动 / 专项治理 (the list and a new one) and problems found by self-inspection or in a
campaign: the other ways problems enter the engine. A campaign's own pages are campaign_pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org import permissions
from mingjian.org.decorators import business_page
from mingjian.org.models import Person, Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.rectification import services
from mingjian.rectification.campaign_forms import NewCampaignForm
from mingjian.rectification.forms import NewProblemForm, PolicyForm
from mingjian.rectification.models import Campaign, CampaignTemplate, Problem, RectificationPolicy
from mingjian.rectification.permissions import can_set_up_for, issuer_for, leaders_of
from mingjian.workflow.services import TransitionError


@business_page
def campaign_list(request: AuthedRequest) -> HttpResponse:
    campaigns = Campaign.objects.visible_to(request.user).with_counts(request.user).select_related("issuer")
    can_create = permissions.is_supervisor(request.user)
    return render(
        request, "rectification/campaign_list.html", {"campaigns": campaigns, "can_create": can_create}
    )


@login_required
def campaign_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    issuer = issuer_for(user)
    if issuer is None or not can_set_up_for(user, issuer):
        raise Http404
    templates = CampaignTemplate.objects.visible_to(user).filter(is_active=True)
    chosen_id = parse_id(request.GET.get("template"))
    chosen = templates.filter(pk=chosen_id).first() if chosen_id is not None else None
    initial = {"template": chosen, "name": chosen.name if chosen else ""}
    form = NewCampaignForm(request.POST or None, templates=templates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(by=user, issuer=issuer, **form.cleaned_data)
        except TransitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request, f"已创建{campaign.get_kind_display()}“{campaign.name}”，请核对阶段并选择对象单位。"
            )
            return redirect(campaign)
    return render(request, "rectification/campaign_form.html", {"form": form})


@login_required
def problem_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    issuer = issuer_for(user)
    units = Scope(user, "rectification.problem-units")
    if issuer is None or not units.queryset.exists():
        raise Http404  # no unit this account may give work to: administrators, read-only leaders
    unit_id = request.POST.get("unit") or request.GET.get("unit")
    unit = get_visible_or_404(Unit, user, pk=unit_id) if unit_id else (units.queryset.first() or user.unit)
    form = NewProblemForm(
        request.POST or None,
        units=units,
        campaigns=Campaign.objects.visible_to(user).exclude(status=Campaign.Status.CONCLUDED),
        leaders=leaders_of(unit) if unit else User.objects.none(),
        people=Scope(user, "org.roster", {"unit": unit.pk}) if unit else Person.objects.none(),
        initial={
            "source": request.GET.get("source", Problem.Source.SELF_INSPECTION),
            "campaign": request.GET.get("campaign"),
            "unit": unit,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = services.TaskPlan(
            **{k: v for k, v in data.items() if k not in ("source", "campaign")},
            links={"campaign": data["campaign"]} if data["campaign"] else {},
        )
        try:
            task = services.create_tasks([plan], issuer=issuer, source=data["source"], by=user)[0]
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, "已登记问题并生成整改任务（草稿），核对后下发。")
        return redirect(task)
    return render(request, "rectification/problem_form.html", {"form": form, "issuer": issuer})


@login_required
def policy_edit(request: AuthedRequest) -> HttpResponse:
    """整改时限设置 of the user's issuing body: warning thresholds, 回头看 delay, report deadline."""
    user = request.user
    issuer = issuer_for(user)
    if issuer is None or not can_set_up_for(user, issuer):
        raise Http404
    form = PolicyForm(request.POST or None, instance=RectificationPolicy.for_issuer(issuer.pk))
    if request.method == "POST" and form.is_valid():
        services.save_policy(issuer, by=user, **form.cleaned_data)
        messages.success(request, "整改时限设置已保存。")
        return redirect("rectification:policy")
    return render(request, "rectification/policy_form.html", {"form": form, "issuer": issuer})
