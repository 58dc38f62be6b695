"""类案自查 pages: push a case (from its page), the 自查表 lists, one 自查表 with its answers and
its review, and one push's completion and findings per unit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.cases.models import Case, CaseAnalysis
from mingjian.lib.http import AuthedRequest
from mingjian.org.decorators import business_page
from mingjian.org.models import SUPERVISING_ROLES, Unit, User
from mingjian.org.permissions import get_visible_or_404
from mingjian.org.picker import Scope
from mingjian.rectification.permissions import leaders_of, principals_of
from mingjian.selfcheck import permissions as perms
from mingjian.selfcheck import services
from mingjian.selfcheck.forms import PushForm, ReviewForm, RowForm
from mingjian.selfcheck.models import CasePush, Checklist, ChecklistRow
from mingjian.workflow.services import TransitionError, history

NOT_TARGETS = (Unit.Kind.DEPARTMENT, Unit.Kind.COMMISSION, Unit.Kind.STATIONED, Unit.Kind.INSPECTION)
DEFAULT_DAYS = 30
FOUND = Count("rows", filter=Q(rows__answer=ChecklistRow.Answer.EXISTS))


def candidate_units(user: Any, case: Case, analysis: CaseAnalysis) -> QuerySet[Unit]:
    """Units the clerk supervises in the case's field, and the analysis's 类案延伸单位; not the
    case's own unit, nor units already pushed this case."""
    taken = Checklist.objects.filter(push__case=case).values("unit")
    same = Q(field=case.unit.field) | Q(pk__in=analysis.extend_to_units.values("pk"))
    return (
        Unit.objects.in_scope(user, SUPERVISING_ROLES)
        .filter(same, is_active=True)
        .exclude(kind__in=NOT_TARGETS)
        .exclude(pk=case.unit_id)
        .exclude(pk__in=taken)
        .order_by("path")
    )


@login_required
def push_create(request: AuthedRequest, pk: int) -> HttpResponse:
    case = get_visible_or_404(Case, request.user, pk=pk)
    if not perms.can_push(request.user, case):
        raise Http404
    analysis, why = services.pushable(case)
    if analysis is None:
        messages.error(request, why)
        return redirect(case)
    units = candidate_units(request.user, case, analysis)
    suggested = [u.pk for u in analysis.extend_to_units.all() if u in units]
    initial = {"units": suggested, "due_date": timezone.localdate() + timedelta(days=DEFAULT_DAYS)}
    form = PushForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            push = services.push_case(case, by=request.user, **form.cleaned_data)
        except TransitionError as e:
            messages.error(request, str(e))
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, f"已向 {push.checklists.count()} 个单位推送类案自查表。")
            return redirect(push)
    chosen = {int(v) for v in form["units"].value() or [] if str(v).isdigit()}
    rows = [(u, u.pk in chosen, principals_of(u).exists()) for u in units]
    context = {"case": case, "form": form, "rows": rows, "points": services.points_of(analysis)}
    return render(request, "selfcheck/push_form.html", context)


@login_required
def push_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    push = get_visible_or_404(CasePush, request.user, pk=pk)
    checklists = (
        Checklist.objects.visible_to(request.user)
        .filter(push=push)
        .select_related("unit")
        .annotate(found=FOUND)
    )
    findings = (
        ChecklistRow.objects.filter(checklist__in=checklists, answer=ChecklistRow.Answer.EXISTS)
        .exclude(checklist__status__in=[Checklist.Status.PENDING, Checklist.Status.RETURNED])
        .select_related("checklist__unit", "problem")
    )
    context = {"push": push, "checklists": checklists, "findings": findings}
    return render(request, "selfcheck/push_detail.html", context)


@business_page
def checklist_list(request: AuthedRequest) -> HttpResponse:
    checklists = (
        Checklist.objects.visible_to(request.user)
        .select_related("unit", "push__case__unit")
        .prefetch_related("push__case__persons")  # the masked title reads the case's persons
        .annotate(found=FOUND)
        .order_by("-push__created_at", "unit__path")
    )
    status = request.GET.get("status", "")
    if status in Checklist.Status.values:
        checklists = checklists.filter(status=status)
    page = Paginator(checklists, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": Checklist.Status.choices,
        "today": timezone.localdate(),
    }
    return render(request, "selfcheck/checklist_list.html", context)


def _row_forms(checklist: Checklist, user: User, data: Any = None) -> list[RowForm]:
    leaders = leaders_of(checklist.unit)
    people = Scope(user, "org.roster", {"unit": checklist.unit_id})
    return [RowForm(data, row=row, leaders=leaders, people=people) for row in checklist.rows.all()]


def _render(request: AuthedRequest, checklist: Checklist, forms: list[RowForm] | None = None) -> HttpResponse:
    user = request.user
    editable = checklist.is_editable and perms.can_draft(user, checklist)
    if editable and forms is None:
        forms = _row_forms(checklist, user)
    rows = list(checklist.rows.select_related("leader", "person", "problem"))
    paired: list[tuple[ChecklistRow, RowForm | None]] = (
        list(zip(rows, forms, strict=True)) if forms else [(r, None) for r in rows]
    )
    context = {
        "checklist": checklist,
        "push": checklist.push,
        "rows": paired,
        "editable": editable,
        "can_submit": checklist.is_editable and perms.can_submit(user, checklist),
        "no_principal": not principals_of(checklist.unit).exists(),
        "can_review": checklist.status == Checklist.Status.SUBMITTED and perms.can_review(user, checklist),
        "review_form": ReviewForm(),
        "history": history(checklist),
    }
    return render(request, "selfcheck/checklist_detail.html", context)


@login_required
def checklist_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render(request, get_visible_or_404(Checklist, request.user, pk=pk))


@require_POST
@login_required
def checklist_save(request: AuthedRequest, pk: int) -> HttpResponse:
    checklist = get_visible_or_404(Checklist, request.user, pk=pk)
    if not perms.can_draft(request.user, checklist):
        raise Http404
    forms = _row_forms(checklist, request.user, request.POST)
    if not all(f.is_valid() for f in forms):
        messages.error(request, "自查表有填写错误，请核对标出的条目。")
        return _render(request, checklist, forms)
    try:
        services.save_checklist(checklist, by=request.user, answers=[f.to_answer() for f in forms])
    except TransitionError as e:
        messages.error(request, str(e))
        return _render(request, checklist, forms)
    messages.success(request, "自查表已保存，由本单位书记或主要负责人报送。")
    return redirect(checklist)


@require_POST
@login_required
def checklist_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    checklist = get_visible_or_404(Checklist, request.user, pk=pk)
    comment = request.POST.get("comment", "")
    calls: dict[str, tuple[Callable[[], Any], str]] = {
        "submit": (lambda: services.submit_checklist(checklist, by=request.user), "已报送自查表。"),
        "accept": (
            lambda: services.accept_checklist(checklist, by=request.user, comment=comment),
            "已审核通过，答“存在”的条目已转为整改任务并下发。",
        ),
        "return": (
            lambda: services.return_checklist(checklist, by=request.user, reason=comment),
            "已退回自查表。",
        ),
    }
    if action not in calls:
        raise Http404
    call, done = calls[action]
    try:
        call()
    except PermissionDenied:
        raise Http404 from None
    except TransitionError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, done)
    return redirect(checklist)
