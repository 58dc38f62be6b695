"""整改台账 pages: the Excel export of the task list (same filters) and the Excel import."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mingjian.lib.http import AuthedRequest
from mingjian.org import permissions
from mingjian.org.models import Unit
from mingjian.rectification import ledger
from mingjian.rectification.forms import LedgerImportForm
from mingjian.rectification.models import Task
from mingjian.workflow.services import TransitionError

# Rows up to this size stay in memory; a larger ledger spills to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024


@login_required
def ledger_export(request: AuthedRequest) -> FileResponse:
    user = request.user
    if not permissions.has_business_scope(user):
        raise Http404
    today = timezone.localdate()
    tasks = Task.objects.visible_to(user)
    # ?template=1 is the blank import template: the same sheet with no rows.
    tasks = tasks.none() if request.GET.get("template") else tasks.filtered(request.GET, today)
    filters = "空白模板" if request.GET.get("template") else ledger.describe_filters(request.GET, user)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115  (FileResponse closes it)
    rows = ledger.write_ledger(tasks, out, user=user, filters=filters, today=today)
    out.seek(0)
    ledger.record_export(user, params=request.GET, filters=filters, rows=rows)
    return FileResponse(out, as_attachment=True, filename=ledger.ledger_filename(today))


def _issuer(request: AuthedRequest) -> Unit:
    """Only 纪委监委 / 派驻组 staff with a home unit issue tasks from a ledger; others get 404."""
    if request.user.unit is None or not permissions.is_supervisor(request.user):
        raise Http404
    return request.user.unit


@login_required
def ledger_import(request: AuthedRequest) -> HttpResponse:
    user, issuer = request.user, _issuer(request)
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            tasks = ledger.import_ledger(
                upload.read(),
                user=user,
                issuer=issuer,
                source=form.cleaned_data["source"],
                issue_now=form.cleaned_data["issue_now"],
                filename=upload.name,
            )
        except ledger.LedgerRowsError as e:
            errors = e.errors
        except (ledger.LedgerFileError, TransitionError) as e:
            errors = [str(e)]
        except PermissionDenied:
            errors = ["无权向表中的部分责任单位交办任务，未导入任何数据。"]
        else:
            done = "并下发" if form.cleaned_data["issue_now"] else "（草稿，核对后下发）"
            messages.success(request, f"已导入 {len(tasks)} 项整改任务{done}。")
            return redirect("rectification:task-list")
    return render(
        request, "rectification/ledger_import.html", {"form": form, "errors": errors, "issuer": issuer}
    )
