"""任务清单 pages: the list with traffic lights, the task page with its evidence, sign-off and
every transition as a small POST form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.audit.services import record
from mingjian.lib.http import AuthedRequest
from mingjian.lib.paging import KeysetPaginator, is_deep
from mingjian.org.decorators import business_page
from mingjian.org.permissions import get_visible_or_404, is_supervisor, is_unit_leader, is_unit_member
from mingjian.rectification import permissions as perms
from mingjian.rectification import services
from mingjian.rectification.forms import (
    AcceptForm,
    ConfirmForm,
    EvidenceForm,
    ProgressForm,
    ReasonForm,
    TaskEditForm,
)
from mingjian.rectification.ledger.jobs import may_import as may_import_ledger
from mingjian.rectification.models import LIGHT_FILTERS, Evidence, Problem, Task, with_lights
from mingjian.rectification.task_rows import task_rows
from mingjian.workflow.services import history, independent
from mingjian.workflow.views import run_transition


@business_page
def task_list(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    # Counted up to COUNT_LIMIT from the viewer's units; the page read by the plan that suits
    # that many rows, after/before a cursor so a deep page costs what the first does.
    tasks, total = Task.objects.for_list(request.user, request.GET, today, deep=is_deep(request.GET))
    # What the rows show, and no more: each joined row is a model instance per table (the
    # issuer and problem type were never shown), and the long texts are never shown here.
    tasks = tasks.select_related("unit", "problem__recommendation_item").defer(*Task.LIST_DEFERRED)
    page = KeysetPaginator(tasks, 50, total, key="due_key").get_page(request.GET)
    with_lights(page.object_list, today)
    return render(
        request,
        "rectification/task_list.html",
        {
            "page": page,
            "rows": task_rows(page.object_list),
            "statuses": Task.Status.choices,
            "sources": Problem.Source.choices,
            "lights": list(LIGHT_FILTERS.items()),
            "params": request.GET,
            "may_import": may_import_ledger(request.user),
            # 登记问题 for those who give or take work; a read-only leader only reads.
            "may_register": is_supervisor(request.user) or is_unit_member(request.user),
        },
    )


@login_required
def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    # The page names the task's unit and the problem's unit and issuer: read with the task.
    task = get_visible_or_404(Task, user, related=("unit", "problem__unit", "problem__issuer"), pk=pk)
    evidence = list(task.evidence.select_related("uploaded_by").order_by("-uploaded_at"))
    # This round's sign-offs of the progress as it now reads (a later edit voids them).
    confirmations = list(
        task.confirmations.filter(round=task.round, progress=task.progress).select_related("leader")
    )
    signed = any(c.leader_id == user.pk for c in confirmations)
    is_leader = perms.is_leader_of(user, task)
    return render(
        request,
        "rectification/task_detail.html",
        {
            "task": task,
            "problem": task.problem,
            "light": task.light(timezone.localdate()),
            "responsibilities": task.responsibilities.select_related("unit", "leader"),
            "milestones": task.milestones.all(),
            "evidence": evidence,
            "confirmations": confirmations,
            "history": history(task),
            "can_issue": perms.can_issue(user, task),
            "can_work": perms.can_work_on(user, task),
            "can_accept": perms.can_accept(user, task),
            "is_leader": is_leader,
            # Offered only where the service would accept it: one signature per round, and the
            # leader who signed does not also submit (four eyes).
            "can_confirm": is_leader
            and not signed
            and task.status == Task.Status.IN_PROGRESS
            and bool(task.progress),
            "can_submit": perms.can_work_on(user, task) and not signed,
            "evidence_form": EvidenceForm(),
            "progress_form": ProgressForm(initial={"progress": task.progress}),
            "can_verify": perms.can_accept(user, task) and independent(user, task),
            "accept_form": AcceptForm(),
            "reason_form": ReasonForm(),
            "confirm_form": ConfirmForm(),
        },
    )


@login_required
def task_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    task = get_visible_or_404(Task, user, pk=pk)
    if not perms.can_issue(user, task) or task.status != Task.Status.DRAFT:
        raise Http404
    form = TaskEditForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return run_transition(
            request, task, lambda: services.update_draft_task(task, by=user, changes=changes), "任务已保存。"
        )
    return render(request, "rectification/task_edit.html", {"task": task, "form": form})


def _form_error(request: HttpRequest, task: Task, form: Any) -> HttpResponse:
    errors = [str(m) for errs in form.errors.values() for m in errs]
    messages.error(request, "；".join(errors))
    return redirect(task)


@require_POST
@login_required
def task_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    task = get_visible_or_404(Task, user, pk=pk)
    simple = {
        "issue": (services.issue_task, "任务已下发，开始计时。"),
        "start": (services.start_task, "已接收任务，开始整改。"),
        "submit": (services.submit_task, "已提交，等待审核销号。"),
    }
    if action in simple:
        service, done = simple[action]
        return run_transition(request, task, lambda: service(task, by=user), done)
    forms = {"progress": ProgressForm, "accept": AcceptForm, "return": ReasonForm, "confirm": ConfirmForm}
    if action not in forms:
        raise Http404
    form = forms[action](request.POST)
    if not form.is_valid():
        return _form_error(request, task, form)
    data = form.cleaned_data
    calls: dict[str, tuple[Callable[[], Any], str]] = {
        "progress": (
            lambda: services.save_progress(task, by=user, **data),
            "整改进展已保存，请责任领导签认。",
        ),
        "accept": (lambda: services.accept_task(task, by=user, **data), "已验收销号，并列入回头看计划。"),
        "return": (lambda: services.return_task(task, by=user, **data), "已退回并通知责任单位。"),
        "confirm": (lambda: services.confirm_task(task, by=user, **data), "已签认。"),
    }
    call, done = calls[action]
    return run_transition(request, task, call, done)


@require_POST
@login_required
def evidence_add(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    task = get_visible_or_404(Task, user, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_error(request, task, form)
    data = form.cleaned_data
    old = get_object_or_404(Evidence, pk=data["supersedes"], task=task) if data.get("supersedes") else None
    return run_transition(
        request,
        task,
        lambda: services.add_evidence(
            task,
            by=user,
            kind=data["kind"],
            name=data["name"],
            checked=data["file"],
            record_ref=data["record_ref"],
            amount_yuan=data["amount_yuan"],
            supersedes=old,
        ),
        "佐证材料已上传。",
    )


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence, pk=pk)
    task = get_visible_or_404(Task, request.user, pk=evidence.task_id)
    if not evidence.file:
        raise Http404
    record(
        request.user, "rectification.evidence.downloaded", evidence, unit=task.unit, sha256=evidence.sha256
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name or "evidence")


@login_required
def sign_list(request: AuthedRequest) -> HttpResponse:
    """待我签认: the leader reads each task's progress and signs several at once."""
    user = request.user
    if not is_unit_leader(user):
        raise Http404  # only unit leaders sign; for anyone else the page does not exist
    waiting = Task.objects.to_sign(user).select_related("unit", "problem")
    if request.method == "POST":
        chosen = [t for t in waiting if str(t.pk) in request.POST.getlist("task")]
        if not chosen:
            messages.error(request, "请勾选要签认的任务。")
        else:
            comment = request.POST.get("comment", "")[:300]
            return run_transition(
                request,
                "rectification:sign",
                lambda: services.confirm_tasks(chosen, by=user, comment=comment),
                f"已签认 {len(chosen)} 项整改任务。",
            )
    return render(
        request,
        "rectification/sign_list.html",
        {"tasks": with_lights(list(waiting[:200]), timezone.localdate())},
    )
