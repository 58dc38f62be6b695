"""整改台账 pages: the Excel export of the task list (same filters) and the import, both as jobs
with a progress page when they are large (ledger/jobs.py)."""

from __future__ import annotations

import io
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.permissions import get_visible_or_404
from mingjian.rectification import ledger
from mingjian.rectification.forms import LedgerImportForm
from mingjian.rectification.jobs import run_ledger_step
from mingjian.rectification.ledger import jobs
from mingjian.rectification.models import LedgerJob, Task
from mingjian.workflow.services import TransitionError

# Rows up to this size stay in memory; a larger ledger spills to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def ledger_export(request: AuthedRequest) -> HttpResponseBase:
    """A ledger of up to a few thousand rows is written in the request (about a second); a
    larger one becomes a job with a progress page and a download link when it is ready."""
    user = request.user
    if not permissions.has_business_scope(user):
        raise Http404
    if request.GET.get("template"):  # the blank import template: the same sheet with no rows
        return _template(request)
    total = Task.objects.visible_to(user).filtered(request.GET, timezone.localdate()).count()
    if total > jobs.INLINE_EXPORT_ROWS:
        job = jobs.start_export(user=user, params=request.GET, total=total)
        run_ledger_step(job, "export")
        return redirect("rectification:ledger-job", pk=job.pk)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115  (FileResponse closes it)
    name, _ = jobs.export_file(user, request.GET, out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)


def _template(request: AuthedRequest) -> FileResponse:
    out = io.BytesIO()
    today = timezone.localdate()
    user = request.user
    rows = ledger.write_ledger(Task.objects.none(), out, user=user, filters="空白模板", today=today, scope="")
    ledger.record_export(user, params=request.GET, filters="空白模板", rows=rows)
    out.seek(0)
    return FileResponse(
        out, as_attachment=True, filename=f"整改台账模板-{today:%Y%m%d}.xlsx", content_type=XLSX
    )


@login_required
def ledger_import(request: AuthedRequest) -> HttpResponse:
    """Upload: the file is checked (in the background when large) and the changes listed for
    confirmation on the job page. 纪委监委 / 派驻组 staff add and update tasks; the unit side
    updates its tasks' 整改进展; everyone else gets 404."""
    user = request.user
    if not jobs.may_import(user):
        raise Http404
    issuer = jobs.import_issuer(user)
    form = LedgerImportForm(request.POST or None, request.FILES or None, may_create=issuer is not None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = jobs.start_import(
            user=user,
            data=upload.read(),
            filename=upload.name,
            source=form.cleaned_data.get("source") or "",
            issue_now=bool(form.cleaned_data.get("issue_now")),
        )
        run_ledger_step(job, "check")
        return redirect("rectification:ledger-job", pk=job.pk)
    context = {"form": form, "issuer": issuer, "limits": _limits()}
    return render(request, "rectification/ledger_import.html", context)


def _limits() -> dict[str, str]:
    return {
        "rows": f"{ledger.MAX_IMPORT_ROWS:,}",
        "sheet_rows": f"{ledger.MAX_SHEET_ROWS:,}",
        "columns": f"{ledger.MAX_COLUMNS}",
        "updates": f"{ledger.MAX_UPDATES}",
        "megabytes": f"{ledger.MAX_UPLOAD_BYTES // (1024 * 1024)}",
    }


def _job(request: AuthedRequest, pk: int) -> LedgerJob:
    return get_visible_or_404(LedgerJob, request.user, pk=pk)


@login_required
def ledger_job(request: AuthedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "rectification/ledger_job.html", {"job": job, "result": job.result})


@login_required
def ledger_job_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the step is over the whole page reloads."""
    job = _job(request, pk)
    response = render(request, "rectification/_ledger_progress.html", {"job": job})
    if job.status not in (LedgerJob.Status.RUNNING, LedgerJob.Status.APPLYING):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def ledger_job_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        job = jobs.confirm_import(job, by=request.user)
    except (TransitionError, PermissionDenied) as e:
        messages.error(request, str(e) or "不能确认这次导入。")
    else:
        run_ledger_step(job, "apply")
    return redirect("rectification:ledger-job", pk=job.pk)


@require_POST
@login_required
def ledger_job_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        jobs.cancel_import(job, by=request.user)
    except (TransitionError, PermissionDenied) as e:
        messages.error(request, str(e) or "不能取消这次导入。")
    else:
        messages.info(request, "已取消，未导入任何数据。")
    return redirect("rectification:ledger-import")


@login_required
def ledger_job_download(request: AuthedRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.kind != LedgerJob.Kind.EXPORT or job.status != LedgerJob.Status.DONE or not job.data:
        raise Http404
    return FileResponse(
        io.BytesIO(bytes(job.data)), as_attachment=True, filename=job.filename, content_type=XLSX
    )
