"""讲话/方案分解 pages: paste or upload → the parsed tree → ticked nodes become 整改任务, or the
phases of a 专项行动."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.outlines import services
from mingjian.outlines.forms import BatchForm, NodeForm, OutlineSourceForm, PhasesForm, plan_form
from mingjian.outlines.models import Outline, OutlineNode
from mingjian.outlines.permissions import issuable_units, leaders_over, recording_unit
from mingjian.rectification.models import Campaign, ProblemType, Task
from mingjian.rectification.permissions import can_set_up_for, issuer_for
from mingjian.rectification.services import TaskPlan, guess_type
from mingjian.workflow.services import TransitionError


@business_page
def outline_list(request: AuthedRequest) -> HttpResponse:
    outlines = (
        Outline.objects.visible_to(request.user)
        .select_related("unit", "created_by")
        .annotate(node_count=Count("nodes"), task_count=Count("nodes__task"))
        .order_by("-created_at", "-id")  # an aggregate query drops Meta.ordering
    )
    page = Paginator(outlines, 50).get_page(request.GET.get("page"))
    can_create = recording_unit(request.user) is not None
    return render(request, "outlines/outline_list.html", {"page": page, "can_create": can_create})


@login_required
def outline_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    unit = recording_unit(user)
    if unit is None:
        raise Http404
    form = OutlineSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        outline = services.record_outline(
            by=user, unit=unit, text=form.cleaned_data["text"], source_name=upload.name if upload else ""
        )
        found = outline.nodes.count()
        if found:
            messages.success(request, f"已识别 {found} 个标题。勾选其中的部署事项，即可一次生成整改任务。")
        else:
            messages.warning(request, "未识别出带序号的标题（一、（一）1. 一是 首先 第一 …），原文已保存。")
        return redirect(outline)
    return render(request, "outlines/outline_form.html", {"form": form, "unit": unit})


@dataclass
class Setup:
    """What the user may issue: as on 新增问题, in the name of their issuing body."""

    issuer: Unit
    units: QuerySet[Unit]
    leaders: QuerySet[User]
    people: Scope  # searched: the 干部名册 of every issuable unit, 200,000 for a province
    unit_by_id: dict[int, Unit]
    leader_by_id: dict[int, User]

    def choices(self) -> dict[str, Any]:
        """The rows' unit and leader lists, built once for the page, and the 责任人 scope."""
        return {
            "units": [(pk, str(u)) for pk, u in self.unit_by_id.items()],
            "leaders": [(pk, str(u)) for pk, u in self.leader_by_id.items()],
            "people": self.people,
        }


def _setup(user: User) -> Setup | None:
    issuer = issuer_for(user)
    if issuer is None:
        return None
    units = issuable_units(user, issuer)
    unit_by_id = {u.pk: u for u in units}
    if not unit_by_id:
        return None
    leaders = leaders_over(units)
    people = Scope(user, "outlines.people")
    return Setup(issuer, units, leaders, people, unit_by_id, {u.pk: u for u in leaders})


def _default_unit(outline: Outline, setup: Setup) -> Unit | None:
    """The recording unit when the work is its own (a bureau breaking down its own speech); a
    纪委's speech names no default, the clerk picks the unit."""
    own = outline.unit.kind not in (Unit.Kind.COMMISSION, Unit.Kind.STATIONED)
    return setup.unit_by_id.get(outline.unit_id) if own else None


def _forms(
    data: Any, outline: Outline, nodes: list[OutlineNode], setup: Setup
) -> tuple[BatchForm, list[NodeForm]]:
    initial = {"unit": _default_unit(outline, setup)}
    batch = BatchForm(
        data, prefix="batch", initial=initial, units=setup.units, leaders=setup.leaders, people=setup.people
    )
    choices = setup.choices()
    rows = [NodeForm(data, prefix=f"n{node.pk}", **choices) for node in nodes]
    return batch, rows


def _render(
    request: AuthedRequest, outline: Outline, nodes: list[OutlineNode], setup: Setup | None, forms: Any
) -> HttpResponse:
    visible = set(
        Task.objects.visible_to(request.user)
        .filter(pk__in=[n.task_id for n in nodes if n.task_id])
        .values_list("pk", flat=True)
    )
    batch, rows = forms if forms else (None, [None] * len(nodes))
    context = {
        "outline": outline,
        "rows": list(zip(nodes, rows, strict=True)),
        "batch": batch,
        "visible_tasks": visible,
        "setup": setup,
        "phases_form": _phases_form(request.user, outline),
    }
    return render(request, "outlines/outline_detail.html", context)


def _campaigns(user: User) -> QuerySet[Campaign] | None:
    """The 专项行动 being prepared that the user's body runs, or None when it runs none."""
    issuer = issuer_for(user)
    if issuer is None or not can_set_up_for(user, issuer):
        return None
    return Campaign.objects.visible_to(user).filter(issuer=issuer, status=Campaign.Status.DRAFT)


def _phases_form(user: User, outline: Outline, data: Any = None) -> PhasesForm | None:
    campaigns = _campaigns(user)
    if campaigns is None:
        return None
    return PhasesForm(data, prefix="phase", campaigns=campaigns, initial={"name": str(outline)[:100]})


@require_POST
@login_required
def outline_phases(request: AuthedRequest, pk: int) -> HttpResponse:
    """The ticked nodes, in one step, as the phases of a 专项行动 (new or being prepared)."""
    outline = get_visible_or_404(Outline, request.user, pk=pk)
    form = _phases_form(request.user, outline, request.POST)
    if form is None:
        raise Http404
    nodes = [n for n in outline.nodes.all() if request.POST.get(f"n{n.pk}-picked")]
    if not form.is_valid():
        errors = [str(e) for es in form.errors.values() for e in es]
        messages.error(request, "；".join(errors))
        return redirect(outline)
    data = form.cleaned_data
    new = (
        services.NewCampaign(data["name"], data["kind"], data["start_date"], data["end_date"])
        if data["start_date"] and data["end_date"]
        else None
    )
    try:
        phases = services.phases_from_nodes(
            outline, nodes, by=request.user, campaign=data["campaign"], new=new
        )
    except TransitionError as e:
        messages.error(request, str(e))
        return redirect(outline)
    except PermissionDenied:
        raise Http404 from None
    campaign = phases[0].campaign
    messages.success(
        request, f"已将 {len(phases)} 项作为“{campaign.name}”的阶段，请核对各阶段日期和对象单位。"
    )
    return redirect(campaign)


@login_required
def outline_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    outline = get_visible_or_404(Outline, request.user, pk=pk)
    nodes = list(outline.nodes.select_related("task", "phase__campaign"))
    setup = _setup(request.user)
    return _render(request, outline, nodes, setup, _forms(None, outline, nodes, setup) if setup else None)


def _row(row: NodeForm, setup: Setup) -> dict[str, Any]:
    """A row's choices as objects (unit and leader clean to ids from the page's own lists)."""
    data = dict(row.cleaned_data)
    data["unit"] = setup.unit_by_id.get(data["unit"]) if data["unit"] else None
    data["leader"] = setup.leader_by_id.get(data["leader"]) if data["leader"] else None
    return data


def _plans(
    outline: Outline, nodes: list[OutlineNode], batch: BatchForm, rows: list[NodeForm], setup: Setup
) -> tuple[list[tuple[OutlineNode, TaskPlan]], list[str]]:
    """One plan per ticked node, each checked by the engine's own plan form; errors name the node."""
    types = list(ProblemType.objects.all())
    parents = services.ancestors(nodes)
    plans, errors = [], []
    for node, row in zip(nodes, rows, strict=True):
        if node.task_id is not None or not row.cleaned_data["picked"]:
            continue
        data = _row(row, setup)
        unit = data["unit"] or batch.cleaned_data["unit"]
        kind = batch.cleaned_data["problem_type"] or guess_type(node.heading, unit, types)
        form = plan_form(unit, batch.cleaned_data, data, heading=node.heading, problem_type=kind)
        if not form.is_valid():
            errors += [f"{node.marker}{node.heading[:30]}：{e}" for es in form.errors.values() for e in es]
            continue
        description = services.describe(outline, node, parents[node.pk])
        plans.append((node, TaskPlan(unit=unit, description=description, **form.cleaned_data)))
    return plans, errors


@require_POST
@login_required
def outline_tasks(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    outline = get_visible_or_404(Outline, user, pk=pk)
    setup = _setup(user)
    if setup is None:
        raise Http404
    nodes = list(outline.nodes.select_related("task", "phase__campaign"))
    batch, rows = _forms(request.POST, outline, nodes, setup)
    if batch.is_valid() and all(row.is_valid() for row in rows):
        plans, errors = _plans(outline, nodes, batch, rows, setup)
        for error in errors:
            messages.error(request, error)
        if not errors:
            return _create(request, outline, plans, setup, issue_now=batch.cleaned_data["issue_now"])
    return _render(request, outline, nodes, setup, (batch, rows))


def _create(
    request: AuthedRequest, outline: Outline, plans: list[Any], setup: Setup, *, issue_now: bool
) -> HttpResponse:
    try:
        tasks = services.tasks_from_nodes(
            outline, plans, by=request.user, issuer=setup.issuer, issue_now=issue_now
        )
    except TransitionError as e:
        messages.error(request, str(e))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request, f"已生成 {len(tasks)} 项整改任务{'并下发' if issue_now else '（草稿，核对后下发）'}。"
        )
    return redirect(outline)
