"""台账 imports and large exports as jobs (models.LedgerJob), run by huey off the request.

An import is two steps with the importer in between: `check` reads and validates the whole file
and works out what would change (no lock held, progress reported every few hundred rows), then
waits; after the importer confirms, `apply` checks the file again — refusing if anything it
listed has changed meanwhile — and writes it (applying.py). The upload is kept only until then.

Each step is a plain function of the job's id, so the huey task, a test and an inline run for a
small file all call the same code; state changes go through workflow.move like any other.
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mingjian.notifications.services import notify
from mingjian.org.models import Unit, User
from mingjian.org.permissions import is_supervisor, is_unit_member
from mingjian.rectification.ledger.applying import apply_plan, issue_in_chunks
from mingjian.rectification.ledger.checking import ImportPlan, check_import
from mingjian.rectification.ledger.errors import LedgerFileError, LedgerRowsError
from mingjian.rectification.ledger.export import (
    FILTER_KEYS,
    describe_filters,
    export_scope,
    ledger_filename,
    record_export,
    write_ledger,
)
from mingjian.rectification.ledger.reading import read_ledger
from mingjian.rectification.models import LedgerJob, Task
from mingjian.workflow.services import TransitionError, lock, move

S = LedgerJob.Status
# Work done in the request itself when it is this small (and on the huey worker otherwise), so
# a demo without a worker still imports a short ledger.
INLINE_BYTES = 64 * 1024
INLINE_WRITES = 300
INLINE_ISSUES = 30
INLINE_EXPORT_ROWS = 2_000
MAX_ERRORS_SHOWN = 500


def _progress(job: LedgerJob, done: int, total: int, stage: str) -> None:
    # A counter, not a state: a plain UPDATE in its own short transaction.
    LedgerJob.objects.filter(pk=job.pk).update(done=done, total=total, stage=stage)


def _notify(job: LedgerJob, title: str) -> None:
    url = reverse("rectification:ledger-job", args=[job.pk])
    notify(job.created_by, key=f"ledger-job:{job.pk}:{job.status}", title=title, url=url)


@transaction.atomic
def _finish(
    job: LedgerJob, to: str, *, result: dict[str, Any], title: str = "", keep_data: bool = False
) -> None:
    job = lock(job)
    job.result, job.finished_at = result, timezone.now()
    fields = ["result", "finished_at"]
    if not keep_data:
        job.data, fields = b"", [*fields, "data"]
    move(
        job,
        to=to,
        by=job.created_by,
        action=to,
        audit_action=f"rectification.ledger.{to}",
        fields=tuple(fields),
    )
    if title:
        _notify(job, title)


def _fail(job: LedgerJob, errors: list[str]) -> None:
    shown = errors[:MAX_ERRORS_SHOWN]
    more = len(errors) - len(shown)
    _finish(job, S.FAILED, result={"errors": shown, "more": more}, title=f"{job}：未通过，未导入任何数据")


# ---- import ---------------------------------------------------------------------------------


def import_issuer(user: User) -> Unit | None:
    """The body new tasks are issued for: a 纪委监委 / 派驻组 officer's home unit; None for the
    unit side, which may only update its tasks' 整改进展 from a ledger."""
    return user.unit if user.unit is not None and is_supervisor(user) else None


def may_import(user: User) -> bool:
    return import_issuer(user) is not None or is_unit_member(user)


def start_import(*, user: User, data: bytes, filename: str, source: str, issue_now: bool) -> LedgerJob:
    if not may_import(user):
        raise PermissionDenied
    with transaction.atomic():
        job = LedgerJob.objects.create(
            kind=LedgerJob.Kind.IMPORT,
            created_by=user,
            unit=import_issuer(user) or user.unit,
            filename=filename[:200],
            data=data,
            source=source,
            issue_now=issue_now and import_issuer(user) is not None,
            stage="排队中",
        )
        # Earlier uploads of this person are no longer needed once a new one starts.
        stale = LedgerJob.objects.filter(created_by=user, status=S.READY).exclude(pk=job.pk)
        for old in stale:
            _finish(old, S.CANCELLED, result=old.result)
    return job


def _plan(job: LedgerJob, *, report: bool) -> ImportPlan:
    ledger = read_ledger(bytes(job.data), job.filename)
    total = len(ledger.rows)
    _progress(job, 0, total, f"正在核对工作表“{ledger.sheet}”")

    def progress(done: int, _: int) -> None:
        if report:
            _progress(job, done, total, f"正在核对工作表“{ledger.sheet}”")

    user = job.created_by
    return check_import(
        ledger, user=user, issuer=import_issuer(user), today=timezone.localdate(), progress=progress
    )


def fingerprint(summary: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(summary, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def run_check(job_id: int) -> None:
    job = LedgerJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != S.RUNNING:
        return
    try:
        plan = _plan(job, report=True)
    except LedgerFileError as e:
        _fail(job, [str(e)])
        return
    except LedgerRowsError as e:
        _fail(job, e.errors)
        return
    summary = plan.summary()
    LedgerJob.objects.filter(pk=job.pk).update(fingerprint=fingerprint(summary))
    _progress(job, len(plan.creates) + len(plan.updates), len(plan.creates) + len(plan.updates), "核对完成")
    title = f"{job}：核对完成，新增 {len(plan.creates)} 项、更新 {summary['updated']} 项，请确认导入"
    _finish(job, S.READY, result=summary, title=title, keep_data=True)


@transaction.atomic
def confirm_import(job: LedgerJob, *, by: User) -> LedgerJob:
    if by.pk != job.created_by_id:
        raise PermissionDenied
    job = lock(job)
    move(job, to=S.APPLYING, by=by, action="confirm", audit_action="rectification.ledger.confirmed")
    LedgerJob.objects.filter(pk=job.pk).update(stage="正在导入", done=0)
    return job


@transaction.atomic
def cancel_import(job: LedgerJob, *, by: User) -> LedgerJob:
    if by.pk != job.created_by_id:
        raise PermissionDenied
    job = lock(job)
    job.data = b""
    move(
        job,
        to=S.CANCELLED,
        by=by,
        action="cancel",
        audit_action="rectification.ledger.cancelled",
        fields=("data",),
    )
    return job


def _issue(job: LedgerJob, tasks: list[Task]) -> tuple[int, list[str]]:
    def progress(done: int, total: int) -> None:
        _progress(job, done, total, "正在下发")

    return issue_in_chunks([t.pk for t in tasks], user=job.created_by, progress=progress)


def run_apply(job_id: int) -> None:
    job = LedgerJob.objects.select_related("created_by", "unit").get(pk=job_id)
    if job.status != S.APPLYING:
        return
    user = job.created_by
    try:
        plan = _plan(job, report=False)
        if fingerprint(plan.summary()) != job.fingerprint:
            raise TransitionError("核对之后，表中所涉任务已被他人修改，请重新上传核对。")
        _progress(job, 0, 1, "正在写入")
        at_once = job.issue_now and len(plan.creates) <= INLINE_ISSUES
        tasks = apply_plan(
            plan,
            user=user,
            issuer=import_issuer(user),
            source=job.source,
            filename=job.filename,
            issue_now=at_once,
        )
    except (LedgerFileError, TransitionError) as e:
        _fail(job, [str(e)])
        return
    except LedgerRowsError as e:
        _fail(job, e.errors)
        return
    except PermissionDenied:
        _fail(job, ["无权向表中的部分责任单位交办任务，未导入任何数据。"])
        return
    issued, refused = (len(tasks), []) if at_once or not job.issue_now else _issue(job, tasks)
    result = {
        **job.result,
        "created": len(tasks),
        "issued": issued if job.issue_now else 0,
        "refused": refused,
    }
    _finish(
        job,
        S.DONE,
        result=result,
        title=f"{job}：已导入，新增 {len(tasks)} 项、更新 {job.result['updated']} 项",
    )


# ---- export ---------------------------------------------------------------------------------


def start_export(*, user: User, params: Any, total: int) -> LedgerJob:
    kept = {k: params.get(k) for k in FILTER_KEYS if params.get(k)}
    return LedgerJob.objects.create(
        kind=LedgerJob.Kind.EXPORT, created_by=user, unit=user.unit, params=kept, total=total, stage="排队中"
    )


def export_file(user: User, params: Any, out: Any, *, progress: Any = None) -> tuple[str, int]:
    """Write the ledger for `params` into `out`: (file name, rows), with the export audited."""
    today = timezone.localdate()
    tasks = Task.objects.visible_to(user).filtered(params, today)
    filters, scope = describe_filters(params, user), export_scope(params, user)
    rows = write_ledger(tasks, out, user=user, filters=filters, today=today, scope=scope, progress=progress)
    record_export(user, params=params, filters=filters, rows=rows)
    other = describe_filters({k: v for k, v in params.items() if k not in ("unit", "campaign")}, user)
    return ledger_filename(today, scope=scope, filters=other), rows


def run_export(job_id: int) -> None:
    job = LedgerJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != S.RUNNING:
        return
    out = io.BytesIO()

    def progress(done: int) -> None:
        _progress(job, done, job.total, "正在生成")

    name, rows = export_file(job.created_by, job.params, out, progress=progress)
    LedgerJob.objects.filter(pk=job.pk).update(data=out.getvalue(), filename=name[:200], done=rows)
    job.refresh_from_db()
    _finish(job, S.DONE, result={"rows": rows}, title=f"整改台账已导出（{rows} 行），请下载", keep_data=True)


STEPS = {"check": run_check, "apply": run_apply, "export": run_export}


def run_step(job_id: int, step: str) -> None:
    """Run one step; an unexpected error ends the job as failed (nothing half-written: the
    writes are in one transaction) rather than leaving it "处理中" for ever."""
    try:
        STEPS[step](job_id)
    except Exception:
        job = LedgerJob.objects.get(pk=job_id)
        if not job.finished and job.status != S.READY:
            _fail(job, ["后台处理出错，未导入任何数据。请稍后重试，或联系系统管理员查看日志。"])
        raise


def runs_inline(job: LedgerJob, step: str) -> bool:
    if step == "check":
        return len(job.data) <= INLINE_BYTES
    if step == "apply":
        writes = len(job.result.get("creates", [])) + job.result.get("updated", 0)
        return writes <= INLINE_WRITES and (
            not job.issue_now or len(job.result.get("creates", [])) <= INLINE_ISSUES
        )
    return job.total <= INLINE_EXPORT_ROWS
