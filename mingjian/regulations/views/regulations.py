"""建章立制 pages: the list (a unit's rules and their check status; city-wide with filters), the
form, the regulation's page with its versions, links, checks and history, and its transitions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.cases.models import SystemLoophole
from mingjian.lib.forms import save_through
from mingjian.lib.http import AuthedRequest, parse_id
from mingjian.org.decorators import business_page
from mingjian.org.models import Unit
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification.models import Problem
from mingjian.regulations import forms, queries, services
from mingjian.regulations import permissions as perms
from mingjian.regulations.gate import loophole_states
from mingjian.regulations.models import Regulation, RegulationVersion
from mingjian.workflow.services import history, independent
from mingjian.workflow.views import run_transition


def _require(ok: bool) -> None:
    if not ok:
        raise Http404


@business_page
def regulation_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    units = Unit.objects.in_scope(user).exclude(kind=Unit.Kind.DEPARTMENT)
    form = forms.FilterForm(request.GET or None, user=user, units=units, cases=queries.filter_cases(user))
    today = timezone.localdate()
    visible = Regulation.objects.visible_to(user).select_related("unit").prefetch_related("checks")
    regs = queries.filtered(visible, request.GET, user, today)
    page = Paginator(regs.order_by("-effective_on", "-id"), 30).get_page(request.GET.get("page"))
    for reg in page:
        reg.check_status = queries.check_status(reg, today)  # type: ignore[attr-defined]
    context = {"form": form, "page": page, "can_create": perms.can_draft_any(user)}
    return render(request, "regulations/regulation_list.html", context)


def _link_choices(user: Any, unit: Unit | None) -> tuple[list[SystemLoophole], Any]:
    loopholes = services.linkable_loopholes(user)
    # "walk": read the few loophole-caused problems from their partial index and test each one's
    # unit, rather than every problem of the viewer's units (a province: 500,000, 0.7 s).
    problems = (
        Problem.objects.visible_to(user, plan="walk").filter(loophole__isnull=False).select_related("unit")
    )
    if unit is not None:
        problems = problems.filter(unit__path__startswith=unit.path)
    return loopholes, problems.order_by("-created_at")


def _prefill(request: AuthedRequest, user: Any) -> dict[str, Any]:
    """?loophole= / ?problem= from a case page or a task: the links are chosen, not typed."""
    initial: dict[str, Any] = {"unit": user.unit}
    problem = Problem.objects.visible_to(user).filter(pk=parse_id(request.GET.get("problem")) or 0).first()
    hole_id = parse_id(request.GET.get("loophole")) or (problem.loophole_id if problem else None)
    hole = next((h for h in services.linkable_loopholes(user) if h.pk == hole_id), None)
    if hole is not None:
        initial["loopholes"] = [hole]
        initial["title"] = hole.regulation.strip("《》") if hole.regulation else ""
        initial["kind"] = Regulation.Kind.REVISED if hole.regulation else Regulation.Kind.NEW
    if problem is not None:
        initial["problems"], initial["unit"] = [problem], problem.unit.leadership_unit()
    return initial


def _save(request: AuthedRequest, form: Any, reg: Regulation | None) -> Regulation | None:
    refused = "无权为所选单位登记制度。"
    if reg is not None:
        return save_through(
            form, lambda: services.update_regulation(reg, form.to_input(), by=request.user), refused
        )
    data = form.cleaned_data
    return save_through(
        form,
        lambda: services.create_regulation(
            form.to_input(),
            by=request.user,
            checked=data["file"],
            note=data["note"],
            existing=bool(data.get("existing")),
        ),
        refused,
    )


@login_required
def regulation_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    reg = get_visible_or_404(Regulation, user, pk=pk) if pk else None
    if reg is not None and not reg.is_editable:
        return regulation_links(request, reg)
    _require(perms.keeps_rules(user, reg.unit) if reg else perms.can_draft_any(user))
    units = perms.drafting_units(user)
    loopholes, problems = _link_choices(user, reg.unit if reg else None)
    initial = forms.initial_for(reg) if reg else _prefill(request, user)
    form = forms.RegulationForm(
        request.POST or None,
        request.FILES or None,
        user=user,
        units=units,
        loopholes=loopholes,
        problems=problems,
        creating=reg is None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, reg)
        if saved is not None:
            messages.success(request, "制度已保存。")
            return redirect(saved)
    wide = ("summary", "loopholes", "problems")
    return render(request, "regulations/regulation_form.html", {"form": form, "reg": reg, "wide": wide})


def regulation_links(request: AuthedRequest, reg: Regulation) -> HttpResponse:
    """A rule in force: only the loopholes and problems it closes can still be adjusted."""
    user = request.user
    _require(perms.keeps_rules(user, reg.unit) and reg.status == Regulation.Status.IN_FORCE)
    loopholes, problems = _link_choices(user, reg.unit)
    initial = {"loopholes": list(reg.loopholes.all()), "problems": list(reg.problems.all())}
    form = forms.LinkForm(
        request.POST or None, user=user, loopholes=loopholes, problems=problems, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.link_regulation(
                reg, by=user, loopholes=list(data["loopholes"]), problems=list(data["problems"])
            )
        except ValidationError as e:
            form.add_error(None, e.messages)
        else:
            messages.success(request, "关联已保存。")
            return redirect(reg)
    return render(
        request,
        "regulations/regulation_form.html",
        {"form": form, "reg": reg, "wide": ("loopholes", "problems")},
    )


def _problems(reg: Regulation, user: Any) -> list[Problem]:
    return list(
        Problem.objects.visible_to(user)
        .filter(regulations=reg)
        .select_related("unit")
        .prefetch_related("tasks", "regulation_waivers")
    )


@login_required
def regulation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    reg = get_visible_or_404(Regulation, user, pk=pk)
    visible_holes = [h for h in services.linkable_loopholes(user) if h in set(reg.loopholes.all())]
    context = {
        "reg": reg,
        "versions": reg.versions.select_related("uploaded_by"),
        "states": loophole_states(visible_holes, user),
        "hidden_holes": reg.loopholes.count() - len(visible_holes),
        "problems": _problems(reg, user),
        "checks": reg.checks.select_related("checked_by", "checker", "problem").order_by("due_on", "id"),
        "revisions": Regulation.objects.visible_to(user).filter(revises=reg),
        "history": history(reg),
        "can_keep": perms.keeps_rules(user, reg.unit),
        "can_issue": perms.can_issue(user, reg),
        "independent": independent(user, reg),
        "can_check": perms.can_check(user, reg) and independent(user, reg),
        "can_review": perms.can_review(user, reg),
        "version_form": forms.VersionForm(),
        "issue_form": forms.IssueForm(initial={"number": reg.number, "issued_on": timezone.localdate()}),
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "regulations/regulation_detail.html", context)


@require_POST
@login_required
def regulation_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    reg = get_visible_or_404(Regulation, user, pk=pk)
    if action in ("consult", "review"):
        _require(perms.keeps_rules(user, reg.unit))
        service = services.consult_regulation if action == "consult" else services.review_regulation
        done = "已进入征求意见。" if action == "consult" else "已提交审议。"
        return run_transition(request, reg, lambda: service(reg, by=user), done)
    if action not in ("issue", "return", "repeal"):
        raise Http404
    _require(perms.can_issue(user, reg))
    form = forms.IssueForm(request.POST) if action == "issue" else forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(reg)
    data = form.cleaned_data
    calls = {
        "issue": (
            lambda: services.issue_regulation(reg, by=user, **data),
            "已登记印发施行，并安排制度执行检查。",
        ),
        "return": (lambda: services.return_regulation(reg, by=user, reason=data["reason"]), "已退回修改。"),
        "repeal": (lambda: services.repeal_regulation(reg, by=user, reason=data["reason"]), "制度已废止。"),
    }
    call, done = calls[action]
    return run_transition(request, reg, call, done)


@require_POST
@login_required
def version_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    reg = get_visible_or_404(Regulation, user, pk=pk)
    _require(perms.keeps_rules(user, reg.unit))
    form = forms.VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(str(m) for errs in form.errors.values() for m in errs))
        return redirect(reg)
    data = form.cleaned_data
    return run_transition(
        request,
        reg,
        lambda: services.add_version(reg, by=user, checked=data["file"], note=data["note"]),
        "已上传新版本，旧版本保留。",
    )


@login_required
def version_download(request: AuthedRequest, pk: int) -> FileResponse:
    version = get_object_or_404(RegulationVersion, pk=pk)
    reg = get_visible_or_404(Regulation, request.user, pk=version.regulation_id)
    record(request.user, "regulations.version.downloaded", version, unit=reg.unit, sha256=version.sha256)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.name)
